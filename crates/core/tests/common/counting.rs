//! The counting allocator of the cost tests: every allocation and reallocation, and the bytes each asks for, counted per thread, with the core's work steps (`parallax_core::probe`) beside them, and `linear`, the check that k times the input costs at most about k times. A test crate that measures cost includes this file (`#[path = "common/counting.rs"] mod counting;`), which makes it the crate's global allocator.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts, per thread (the harness runs tests on several threads), every allocation and
/// reallocation and the bytes it asks for; frees are not counted.
struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    // `try_with`: never panic inside the allocator, even while the thread is being torn down.
    let _ = ALLOCS.try_with(|n| n.set(n.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What a computation allocated, result included, and the steps of work it did that allocate
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub allocs: u64,
    pub bytes: u64,
    /// Steps of work that allocate nothing, as the core counts them (`parallax_core::probe`).
    pub steps: u64,
}

fn now() -> Cost {
    Cost {
        allocs: ALLOCS.with(Cell::get),
        bytes: BYTES.with(Cell::get),
        steps: parallax_core::probe::steps(),
    }
}

/// The result of `f` and what it cost.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    let before = now();
    let out = std::hint::black_box(f());
    let after = now();
    let cost = Cost {
        allocs: after.allocs - before.allocs,
        bytes: after.bytes - before.bytes,
        steps: after.steps - before.steps,
    };
    (out, cost)
}

/// What `f` cost (its result dropped afterwards).
pub fn cost<T>(f: impl FnOnce() -> T) -> Cost {
    measure(f).1
}

/// How much more than k times the cost k copies may take.
pub const SLACK: f64 = 1.3;
/// Fixed allowance: every buffer or table that grows with the input doubles log2(k) more times.
pub const ALLOW_ALLOCS: u64 = 64;
pub const ALLOW_BYTES: u64 = 16 * 1024;
pub const ALLOW_STEPS: u64 = 64;

/// Ok when `many` (the cost on k copies) is at most k × SLACK × `one` plus the allowance.
pub fn linear(what: &str, k: usize, one: Cost, many: Cost) -> Result<(), String> {
    let bound = |x: u64, allow: u64| (x as f64 * k as f64 * SLACK) as u64 + allow;
    let (allocs, bytes, steps) = (
        bound(one.allocs, ALLOW_ALLOCS),
        bound(one.bytes, ALLOW_BYTES),
        bound(one.steps, ALLOW_STEPS),
    );
    if many.allocs <= allocs && many.bytes <= bytes && many.steps <= steps {
        Ok(())
    } else {
        Err(format!(
            "{what}: {k} copies cost {many:?}, more than the bound of {allocs} allocations, \
             {bytes} bytes and {steps} steps for one copy's {one:?}"
        ))
    }
}
