//! Byte buffers handed back across threads to be used again.
//!
//! `extract`'s encoded rows are made on the workers and dropped by the thread that
//! writes them. A batch's worth dropped at once leaves a large free block at the top of
//! the worker's heap, which glibc hands back to the system, and the next batch faults the
//! same pages in again: a twentieth of `extract`'s time on one core went to page faults
//! and trimming. Buffers given back to a [`Pool`] are taken again instead, so a run's
//! pages stay mapped. (The read texts go the same way, but pooling them raised the peak
//! memory by a third and saved no faults, so they are not.)

use std::sync::Mutex;

/// The largest buffer a pool keeps: a larger one is a document of its own kind, and
/// keeping it would lend its room to the small ones that follow.
const LARGEST_KEPT: usize = 1 << 20;

/// Empty buffers to take, with their room, up to a budget of bytes.
pub(crate) struct Pool {
    held: Mutex<Held>,
    /// The room all buffers held may have between them.
    budget: usize,
}

#[derive(Default)]
struct Held {
    buffers: Vec<Vec<u8>>,
    /// The room of `buffers`, summed.
    room: usize,
}

impl Pool {
    /// An empty pool that keeps at most `budget` bytes of room.
    pub(crate) fn new(budget: usize) -> Pool {
        Pool {
            held: Mutex::new(Held::default()),
            budget,
        }
    }

    /// An empty buffer with room for at least `len` bytes: one given back, or a new one.
    pub(crate) fn take(&self, len: usize) -> Vec<u8> {
        let reused = self.held.lock().ok().and_then(|mut held| {
            let buffer = held.buffers.pop()?;
            held.room -= buffer.capacity();
            Some(buffer)
        });
        match reused {
            Some(mut buffer) => {
                buffer.reserve(len);
                buffer
            }
            None => Vec::with_capacity(len),
        }
    }

    /// Keeps `buffer`, emptied, for a later [`take`](Pool::take), unless it is very
    /// large or the pool holds its budget already; then it is dropped.
    pub(crate) fn give(&self, mut buffer: Vec<u8>) {
        let room = buffer.capacity();
        if room == 0 || room > LARGEST_KEPT {
            return;
        }
        // A poisoned lock only means a thread panicked while holding it: the buffers
        // are still buffers, but a pool is an optimisation, so it simply stops keeping.
        if let Ok(mut held) = self.held.lock()
            && held.room + room <= self.budget
        {
            buffer.clear();
            held.room += room;
            held.buffers.push(buffer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty() {
        let pool = Pool::new(1 << 16);
        let mut buffer = pool.take(100);
        buffer.extend_from_slice(b"some text");
        let room = buffer.capacity();
        let at = buffer.as_ptr();
        pool.give(buffer);
        let again = pool.take(10);
        assert!(again.is_empty());
        assert_eq!((again.as_ptr(), again.capacity()), (at, room));
    }

    #[test]
    fn a_taken_buffer_has_the_room_asked_for() {
        let pool = Pool::new(1 << 16);
        pool.give(Vec::with_capacity(16));
        assert!(pool.take(4096).capacity() >= 4096);
        assert!(pool.take(64).capacity() >= 64);
    }

    #[test]
    fn the_pool_keeps_no_more_than_its_budget() {
        let pool = Pool::new(1000);
        for _ in 0..4 {
            pool.give(Vec::with_capacity(400));
        }
        pool.give(Vec::with_capacity(LARGEST_KEPT + 1));
        let held = pool.held.lock().unwrap();
        assert_eq!(held.buffers.len(), 2);
        assert_eq!(
            held.room,
            held.buffers.iter().map(Vec::capacity).sum::<usize>()
        );
        assert!(held.room <= 1000);
    }
}
