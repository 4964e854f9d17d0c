//! The counting allocator of the cost tests: every allocation and reallocation, and the bytes each asks for, counted per thread, with the core's work steps (`parallax_core::probe`) beside them. A test crate that measures cost includes this file (`#[path = "common/counting.rs"] mod counting;`), which makes it the crate's global allocator.
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
