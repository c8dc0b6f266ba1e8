//! Eight bytes at a time: how many ASCII letters and digits begin a stretch of bytes,
//! and the same bytes with their capitals made small. The word loops of the tokenizer
//! and of the word list spend most of their time in runs of letters; read a byte at a
//! time, each run also ends in a branch the processor seldom foresees.

/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `x` whose value is in `lo..=hi` (both below 0x80).
/// Bytes of 0x80 and above never are. Each byte is added to in its own seven bits, so
/// no carry crosses into the next byte.
pub const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    let at_least_lo = low7 + ONES * (0x80 - lo as u64);
    let above_hi = low7 + ONES * (0x7f - hi as u64);
    at_least_lo & !above_hi & !x & HIGH
}

/// `x` with the 0x20 bit of every byte set: capitals read as small letters, and small
/// letters and digits as themselves; no other byte becomes a letter or a digit. So it
/// is the bytes in lower case wherever they are letters or digits.
pub(crate) const fn lowered(x: u64) -> u64 {
    x | (ONES * 0x20)
}

/// The high bit of each byte of `x` that is an ASCII letter, and of each that is an
/// ASCII digit.
pub(crate) const fn letters_and_digits(x: u64) -> (u64, u64) {
    (in_range(lowered(x), b'a', b'z'), in_range(x, b'0', b'9'))
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
pub(crate) const fn alphanumeric(x: u64) -> u64 {
    let (letters, digits) = letters_and_digits(x);
    letters | digits
}

/// All the bits of the bytes before the first byte whose high bit `stop` sets (a
/// mask of high bits); all eight bytes when it sets none, as then the lowest set bit
/// of `stop` is nought.
pub(crate) const fn bytes_before(stop: u64) -> u64 {
    ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1)
}

/// How many of the eight bytes of `chunk` (in memory order) are ASCII letters or
/// digits before the first that is not, and the chunk with ASCII capitals in lower
/// case.
pub(crate) const fn leading_alphanumeric(chunk: [u8; 8]) -> (usize, u64) {
    let x = u64::from_le_bytes(chunk);
    let others = !alphanumeric(x) & HIGH;
    let folded = fold_capitals(x);
    ((others.trailing_zeros() / 8) as usize, folded)
}

/// The eight bytes at `at` as a number, the first lowest; past the end of `bytes`,
/// zeros, which are no character of text.
pub(crate) fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
        None => {
            let mut padded = [0u8; 8];
            let tail = bytes.get(at..).unwrap_or_default();
            padded[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(padded)
        }
    }
}

/// `x` with its ASCII capitals made small, and every other byte as it was.
pub(crate) const fn fold_capitals(x: u64) -> u64 {
    // The high bit of a capital moved down to its 0x20 bit.
    x | (in_range(x, b'A', b'Z') >> 2)
}

/// True when `text` with its ASCII capitals made small is `small`, which holds no
/// ASCII capital: `text.eq_ignore_ascii_case(small)`, eight bytes a step. The
/// gazetteers compare a candidate name with the text so wherever their filters let a
/// word by; compared a byte at a time, that was half the cost of a candidate.
pub fn eq_folded(text: &[u8], small: &[u8]) -> bool {
    if text.len() != small.len() {
        return false;
    }
    let (mut a, mut b) = (text.chunks_exact(8), small.chunks_exact(8));
    let eight = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or_default());
    a.by_ref()
        .zip(b.by_ref())
        .all(|(x, y)| fold_capitals(eight(x)) == eight(y))
        && a.remainder()
            .iter()
            .zip(b.remainder())
            .all(|(x, y)| x.to_ascii_lowercase() == *y)
}

/// How many ASCII letters and digits `bytes` begins with.
pub(crate) fn alphanumeric_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let chunk: [u8; 8] = chunk.try_into().unwrap_or_default();
        let (k, _) = leading_alphanumeric(chunk);
        n += k;
        if k < 8 {
            return n;
        }
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn folded_comparison_as_the_standard_one(
            text in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'A'), Just(b'z'), Just(b'['), Just(b'@'), Just(0xc3u8), any::<u8>()], 0..20),
            flips in proptest::collection::vec(any::<bool>(), 20),
        ) {
            // A second text equal to the first up to case where `flips` says, and
            // then changed in one byte when the last flip is set.
            let mut other: Vec<u8> = text
                .iter()
                .zip(&flips)
                .map(|(&b, &f)| if f { b.to_ascii_uppercase() } else { b })
                .collect();
            if flips[19] && !other.is_empty() {
                other[0] = other[0].wrapping_add(1);
            }
            let small = other.to_ascii_lowercase();
            prop_assert_eq!(eq_folded(&text, &small), text.eq_ignore_ascii_case(&other));
            prop_assert!(!eq_folded(&text, &small[..small.len().saturating_sub(1)]) || text.is_empty());
        }

        #[test]
        fn eight_at_a_time_as_one_at_a_time(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let want = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            prop_assert_eq!(alphanumeric_run(&bytes), want);
        }

        #[test]
        fn chunks_fold_capitals_only(chunk in any::<[u8; 8]>()) {
            let (n, folded) = leading_alphanumeric(chunk);
            let want = chunk.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            prop_assert_eq!(n, want);
            let lower: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            prop_assert_eq!(folded.to_le_bytes().to_vec(), lower);
        }

        #[test]
        fn classes_and_masks_byte_by_byte(chunk in any::<[u8; 8]>(), stop_at in 0usize..9) {
            let x = u64::from_le_bytes(chunk);
            let (letters, digits) = letters_and_digits(x);
            for (i, b) in chunk.iter().enumerate() {
                prop_assert_eq!(letters >> (8 * i + 7) & 1 == 1, b.is_ascii_alphabetic());
                prop_assert_eq!(digits >> (8 * i + 7) & 1 == 1, b.is_ascii_digit());
                if b.is_ascii_alphanumeric() {
                    prop_assert_eq!(lowered(x).to_le_bytes()[i], b.to_ascii_lowercase());
                }
            }
            let stop = if stop_at < 8 { HIGH << (8 * stop_at) } else { 0 };
            let want = if stop_at < 8 { (1u64 << (8 * stop_at)).wrapping_sub(1) } else { u64::MAX };
            prop_assert_eq!(bytes_before(stop), want);
        }

        #[test]
        fn words_and_edges(s in "([a-zA-Z0-9]|[@\\[`{/:\u{80}-\u{ff}]| ){0,24}") {
            let bytes = s.as_bytes();
            let want = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            prop_assert_eq!(alphanumeric_run(bytes), want);
        }
    }
}
