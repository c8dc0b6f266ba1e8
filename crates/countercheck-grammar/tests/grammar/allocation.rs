//! The scanner allocates nothing while it reads text: not per byte of prose, and not
//! per figure either. A counting allocator, per thread so that tests running in
//! parallel do not disturb each other, checks it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use countercheck_grammar::scan;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// The system allocator, counting allocations made on each thread.
pub(crate) struct Counting;

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// const-initialised thread-local, which itself never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn allocations_while(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn scanning_allocates_nothing() {
    let prose =
        "The convoy moved slowly through the ruined streets while officials spoke. ".repeat(2000);
    let news = "At least 70 people were injured, including 42 who were hospitalized, after \
                dozens of drones and between 300 and 400 shells hit the city in 2024, \
                a 45-year-old witness told Reuters on Dec. 19. "
        .repeat(500);
    // The counter sees allocations at all.
    assert!(allocations_while(|| drop(std::hint::black_box(String::from("x")))) >= 1);
    // The lexicon is read on first use; that is setup, not scanning.
    let _ = scan("warm up 1").count();
    for text in [&prose, &news] {
        let mut found = 0;
        let n = allocations_while(|| found = scan(text).count());
        assert_eq!(n, 0, "{n} allocations while finding {found} candidates");
    }
}
