//! 64-bit FNV-1a, the one hash of the project's own tables and fingerprints: small, fast on
//! the short keys it is given (words, names, cells), and the same on every platform and
//! run, unlike `RandomState`. None of its keys is chosen by an adversary to collide in a
//! way that would cost more than a slower lookup.

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

/// FNV-1a as a [`Hasher`], for `HashMap`s and `HashSet`s of short keys (with
/// `BuildHasherDefault<Fnv>`).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(FNV_OFFSET)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| fnv_step(h, b));
    }
}
