//! Work counts for the cost tests: steps that allocate nothing (a comparison in a search, a byte
//! of a scan) are counted here, so that a loop over the same data inside a loop shows in
//! `tests/cost.rs` as allocations do. Off unless the `probe` feature is on (only the core's own
//! tests turn it on): then `step` is empty and the app pays nothing.

#[cfg(feature = "probe")]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of work on this thread.
#[inline(always)]
pub fn step(n: usize) {
    #[cfg(feature = "probe")]
    {
        // `try_with`: never panic, even while the thread is being torn down.
        let _ = STEPS.try_with(|s| s.set(s.get() + n as u64));
    }
    #[cfg(not(feature = "probe"))]
    let _ = n;
}

/// Steps counted on this thread so far (always 0 without the `probe` feature).
pub fn steps() -> u64 {
    #[cfg(feature = "probe")]
    {
        STEPS.with(std::cell::Cell::get)
    }
    #[cfg(not(feature = "probe"))]
    0
}
