//! The project's own hashes: 64-bit FNV-1a for fingerprints, and [`Blocks`] for words
//! and table keys. Both are small, fast on the short keys they are given (words, names,
//! cells) and the same on every platform and run, unlike `RandomState`. None of their
//! keys is chosen by an adversary to collide in a way that would cost more than a
//! slower lookup.

use std::hash::Hasher;

/// The FNV-1a hash of no bytes.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a.
pub fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// A hash of bytes taken eight at a time: each block of eight (the first byte lowest)
/// is mixed in with a rotate, an exclusive or and a multiply (FxHash's step), and the
/// whole is scrambled at the end (MurmurHash3's finalizer), so that every bit of the
/// result depends on every byte and a table may use its low bits.
///
/// Blocks are counted from the first byte given, so the hash of some bytes is the same
/// whether they come one at a time, eight at a time or in any mixture. The word list
/// hashes words with it, and as a [`Hasher`] it serves `HashMap`s and `HashSet`s of
/// short keys (with `BuildHasherDefault<Blocks>`): a block costs one multiply where
/// FNV-1a costs one a byte.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    hash: u64,
    /// The bytes of the block not yet mixed in, the first in the lowest byte.
    block: u64,
    /// How many bytes `block` holds.
    filled: u32,
}

impl Blocks {
    /// FxHash's multiplier.
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn mix(&mut self, block: u64) {
        self.hash = Self::step(self.hash, block);
    }

    /// `hash` with one more block mixed in. A block of fewer than eight bytes has the
    /// bytes it lacks nought, as [`value`](Self::value) mixes the last one.
    pub(crate) const fn step(hash: u64, block: u64) -> u64 {
        (hash.rotate_left(5) ^ block).wrapping_mul(Self::K)
    }

    /// The hash of bytes whose blocks, the last one included, were mixed into `hash` by
    /// [`step`](Self::step): the same as [`value`](Self::value) of those bytes.
    pub(crate) const fn finish_blocks(hash: u64) -> u64 {
        let mut h = hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    /// True when no block is begun, so that [`push_chunk`](Self::push_chunk) may be
    /// called.
    pub(crate) fn at_block_start(&self) -> bool {
        self.filled == 0
    }

    /// Takes one byte.
    pub(crate) fn push(&mut self, byte: u8) {
        self.block |= u64::from(byte) << (8 * self.filled);
        self.filled += 1;
        if self.filled == 8 {
            let block = std::mem::take(&mut self.block);
            self.mix(block);
            self.filled = 0;
        }
    }

    /// Takes the first `n` bytes of `chunk` (at most eight, the first lowest), as `n`
    /// calls of [`push`](Self::push) would; only at the start of a block.
    pub(crate) fn push_chunk(&mut self, chunk: u64, n: usize) {
        debug_assert!(self.at_block_start() && n <= 8);
        match n {
            0 => {}
            8 => self.mix(chunk),
            _ => {
                self.block = chunk & ((1 << (8 * n)) - 1);
                self.filled = n as u32;
            }
        }
    }

    /// The hash of the bytes taken.
    pub(crate) fn value(&self) -> u64 {
        let mut last = self.clone();
        if last.filled > 0 {
            let block = last.block;
            last.mix(block);
        }
        Self::finish_blocks(last.hash)
    }
}

impl Hasher for Blocks {
    fn finish(&self) -> u64 {
        self.value()
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        if self.at_block_start() {
            while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
                self.push_chunk(u64::from_le_bytes(*chunk), 8);
                rest = tail;
            }
        }
        for &b in rest {
            self.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hash_bytes_the_same_however_they_come() {
        let bytes = b"killed|north korean troops|kursk|2025-03";
        let mut whole = Blocks::default();
        whole.write(bytes);
        let mut one_by_one = Blocks::default();
        for &b in bytes {
            one_by_one.write(&[b]);
        }
        let mut in_pieces = Blocks::default();
        for piece in bytes.chunks(5) {
            in_pieces.write(piece);
        }
        assert_eq!(whole.finish(), one_by_one.finish());
        assert_eq!(whole.finish(), in_pieces.finish());
        let mut other = Blocks::default();
        other.write(b"killed|north korean troops|kursk|2025-04");
        assert_ne!(whole.finish(), other.finish());
    }
}
