//! Sixty-four bytes at a time: which are ASCII letters, which ASCII digits and which
//! lie outside ASCII, as one bit a byte. The figure-start scanner and the word list read
//! every byte of a text, and most are prose they pass over; classed sixteen bytes to a
//! vector instruction (through `wide`, which picks SSE2 on x86-64 and NEON on ARM, and
//! plain code elsewhere), a block costs about one instruction a byte, where eight bytes
//! in a `u64` cost four.

use wide::i8x16;

/// Bytes classed at a step.
pub(crate) const BLOCK: usize = 64;

/// The classes of a block's bytes, a bit for each byte (bit `i` for byte `i`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Classes {
    /// ASCII letters.
    pub(crate) letters: u64,
    /// ASCII digits.
    pub(crate) digits: u64,
    /// Bytes of 0x80 and above: parts of characters outside ASCII.
    pub(crate) high: u64,
    /// Bytes 0xE2: the lead byte of U+2000-U+2FFF.
    pub(crate) e2: u64,
    /// Bytes 0x80: after 0xE2, U+2000-U+203F.
    pub(crate) x80: u64,
    /// Bytes 0x0A-0x0D: the ASCII line breaks (line feed, vertical tab, form feed,
    /// carriage return).
    pub(crate) breaks: u64,
    /// Bytes 0xC2: the lead byte of U+0080-U+00BF, U+0085 (next line) among them.
    pub(crate) c2: u64,
}

impl Classes {
    /// The bytes of the characters U+2000-U+203F wholly inside the block: curly quotes
    /// and apostrophes, dashes, the ellipsis, bullets and spaces. None of them is part
    /// of a word, and they are the commonest characters outside ASCII in English news,
    /// so a reader can step over them as over ASCII punctuation, without decoding. The
    /// block must be of valid UTF-8, where E2 80 always begins such a character.
    pub(crate) fn general_punctuation(&self) -> u64 {
        let lead = self.e2 & (self.x80 >> 1) & (u64::MAX >> 2);
        lead | lead << 1 | lead << 2
    }
}

/// The classes of the bytes of `block`. Inlined, the classes a caller does not read
/// cost nothing.
#[inline(always)]
pub(crate) fn classes(block: &[u8; BLOCK]) -> Classes {
    let mut all = Classes {
        letters: 0,
        digits: 0,
        high: 0,
        e2: 0,
        x80: 0,
        breaks: 0,
        c2: 0,
    };
    for (k, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
        let c = sixteen(chunk);
        all.letters |= c.letters << (16 * k);
        all.digits |= c.digits << (16 * k);
        all.high |= c.high << (16 * k);
        all.e2 |= c.e2 << (16 * k);
        all.x80 |= c.x80 << (16 * k);
        all.breaks |= c.breaks << (16 * k);
        all.c2 |= c.c2 << (16 * k);
    }
    all
}

/// The block of `bytes` at `at`: its bytes, with zeros (no letter nor digit) past the end.
pub(crate) fn block_at(bytes: &[u8], at: usize) -> [u8; BLOCK] {
    match bytes.get(at..at + BLOCK) {
        Some(block) => block.try_into().unwrap_or([0; BLOCK]),
        None => {
            let mut padded = [0; BLOCK];
            let tail = bytes.get(at..).unwrap_or_default();
            padded[..tail.len()].copy_from_slice(tail);
            padded
        }
    }
}

/// [`classes`] of sixteen bytes, in the low sixteen bits of each mask.
#[inline(always)]
fn sixteen(chunk: &[u8; 16]) -> Classes {
    let v = i8x16::new(chunk.map(|b| b as i8));
    // A byte is in `lo..lo + n` when, moved down by `lo` and then by 128, it is below
    // -128 + n as a signed byte: vectors of bytes compare only as signed numbers.
    let below = |v: i8x16, lo: u8, n: u8| {
        let moved = v + i8x16::splat(128u8.wrapping_sub(lo) as i8);
        moved.simd_lt(i8x16::splat(128u8.wrapping_add(n) as i8))
    };
    // The 0x20 bit set makes a capital small and no other byte a letter.
    let letters = below(v | i8x16::splat(0x20), b'a', 26);
    let digits = below(v, b'0', 10);
    let byte = |b: u8| u64::from(v.simd_eq(i8x16::splat(b as i8)).to_bitmask());
    Classes {
        letters: u64::from(letters.to_bitmask()),
        digits: u64::from(digits.to_bitmask()),
        high: u64::from(v.to_bitmask()),
        e2: byte(0xe2),
        x80: byte(0x80),
        breaks: u64::from(below(v, 0x0a, 4).to_bitmask()),
        c2: byte(0xc2),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn edges_of_each_class() {
        let mut block = [b' '; BLOCK];
        let text = b"@AZ[`az{/09:\x80\xff\xc1\xdaMz5";
        block[..text.len()].copy_from_slice(text);
        let Classes {
            letters, digits, ..
        } = classes(&block);
        let bits = |at: &[u32]| at.iter().fold(0u64, |m, i| m | 1 << i);
        assert_eq!(letters, bits(&[1, 2, 5, 6, 16, 17]));
        assert_eq!(digits, bits(&[9, 10, 18]));
    }

    #[test]
    fn blocks_past_the_end_are_zeros() {
        assert_eq!(block_at(b"abc", 1)[..3], *b"bc\0");
        assert_eq!(block_at(b"abc", 9), [0; BLOCK]);
        let long = [b'x'; 100];
        assert_eq!(block_at(&long, 10), [b'x'; BLOCK]);
    }

    /// Text of quotes, dashes and letters outside ASCII at every offset: the bytes of
    /// each character of U+2000-U+203F wholly in the block, and no other.
    #[test]
    fn general_punctuation_is_found_whole() {
        let text = "“Kyiv’s” — é… ⁰ 𝟘 ‑";
        for shift in 0..BLOCK {
            let mut block = [b' '; BLOCK];
            let bytes = text.as_bytes();
            let n = bytes.len().min(BLOCK - shift);
            block[shift..shift + n].copy_from_slice(&bytes[..n]);
            let got = classes(&block).general_punctuation();
            let mut want = 0u64;
            for (at, c) in text.char_indices() {
                let at = shift + at;
                if ('\u{2000}'..='\u{203f}').contains(&c) && at + 3 <= BLOCK {
                    want |= 0b111 << at;
                }
            }
            assert_eq!(got, want, "shift {shift}");
        }
    }

    proptest! {
        #[test]
        fn as_classed_a_byte_at_a_time(block in proptest::array::uniform32(any::<u8>()), more in proptest::array::uniform32(any::<u8>())) {
            let mut whole = [0u8; BLOCK];
            whole[..32].copy_from_slice(&block);
            whole[32..].copy_from_slice(&more);
            let Classes { letters, digits, high, e2, x80, breaks, c2 } = classes(&whole);
            for (i, b) in whole.iter().enumerate() {
                prop_assert_eq!(letters >> i & 1 == 1, b.is_ascii_alphabetic(), "byte {}", i);
                prop_assert_eq!(digits >> i & 1 == 1, b.is_ascii_digit(), "byte {}", i);
                prop_assert_eq!(high >> i & 1 == 1, !b.is_ascii(), "byte {}", i);
                prop_assert_eq!(e2 >> i & 1 == 1, *b == 0xe2, "byte {}", i);
                prop_assert_eq!(x80 >> i & 1 == 1, *b == 0x80, "byte {}", i);
                prop_assert_eq!(breaks >> i & 1 == 1, (0x0a..=0x0d).contains(b), "byte {}", i);
                prop_assert_eq!(c2 >> i & 1 == 1, *b == 0xc2, "byte {}", i);
            }
        }
    }
}
