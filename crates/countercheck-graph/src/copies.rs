//! Republished copies of one story: the same AP or Reuters text run by several outlets
//! with a new headline, a byline, a sentence added or a last paragraph cut. Such copies
//! are one piece of evidence, however many sites carry them.
//!
//! Texts become sets of word 5-shingles, and each set a [`Fingerprint`]: a
//! one-permutation MinHash signature of 128 values, 256 bytes whatever the length of the
//! text, so a corpus of any size is compared without holding its texts. LSH banding of
//! the signatures picks the pairs worth comparing, and the share of signature values
//! they agree on, an unbiased estimate of the Jaccard similarity of their shingle sets,
//! decides.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use countercheck_grammar::{Blocks, FNV_OFFSET, fnv_step, fnv1a};

/// Jaccard similarity of word-shingle sets at or above which two documents are copies.
///
/// Why 0.5: the edits outlets make to a wire story (new headline, byline, one added
/// sentence, last paragraph cut) leave 0.7–0.95 of the 5-shingles shared, and an outlet
/// that keeps only the first half of a story sits at about 0.5, the edge of what is still
/// the same report. Different articles on the same event share names and numbers but
/// rarely five words in a row outside a common quote, and stay below 0.1. Going lower
/// would start to merge an outlet's daily updates that repeat one background paragraph;
/// those are separate reports.
pub const COPY_THRESHOLD: f64 = 0.5;

/// Words per shingle: enough that shared names and numbers ("at least 14 people") do not
/// make different articles look alike, few enough that one edit breaks only a few.
const SHINGLE: usize = 5;

/// LSH bands, and MinHash values per band. Two rows per band put the steep part of the
/// candidate curve, `1 - (1 - s^2)^64`, near s = 0.13: a pair at the threshold is missed
/// with probability about 1e-8. The price is more candidates between loosely related
/// texts, which the estimate turns away cheaply.
const BANDS: usize = 64;
const ROWS: usize = 2;
const PERMUTATIONS: usize = BANDS * ROWS;

/// How many documents after it, in its bucket of one band, a document is compared with.
/// A bucket holds a handful of documents in real news, and every pair of them is
/// compared. A corpus of thousands of articles built on one template fills buckets of
/// thousands, and comparing every pair would make the search quadratic; each band
/// orders its buckets by a different shuffle, so a pair of copies, which share about 16
/// of the 64 bands at the threshold and more above it, still meets in one of them.
const NEIGHBOURS: usize = 32;

/// One seed per MinHash permutation, fixed so that results never depend on the run.
const SEEDS: [u64; PERMUTATIONS] = seeds();

const fn seeds() -> [u64; PERMUTATIONS] {
    let mut seeds = [0; PERMUTATIONS];
    // "countrch" in ASCII: any fixed value does, as long as it never changes.
    let mut state: u64 = 0x636f_756e_7472_6368;
    let mut i = 0;
    while i < PERMUTATIONS {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = mix(state);
        i += 1;
    }
    seeds
}

/// The splitmix64 finaliser: a bijection on `u64` whose output bits all depend on every
/// input bit, so `mix(h ^ seed)` is a different pseudo-random permutation for each seed.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Characters that end a word besides whitespace. Dashes and slashes join words in print
/// ("Kyiv—Moscow", "and/or") without a space; the ASCII hyphen does not end a word, so
/// "cease-fire" and "ceasefire" read the same.
const fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '—' | '–' | '―' | '‒' | '/' | '…' | '\u{200b}')
}

/// Calls `f` with each normalised word of `text`: lowercase letters and digits only.
/// Every other mark is dropped from inside the word, which unifies curly and straight
/// quotes and apostrophes ("Ukraine’s" and "Ukraine's" are both "ukraines") and the
/// punctuation outlets restyle ("10,000", "U.S.").
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if is_separator(c) && !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// What an ASCII byte is to a word ([`for_each_word`]): the byte the word takes for it
/// (a letter in lower case, a digit), [`SEPARATES`] or [`DROPPED`]. Bytes from `0x80`
/// on begin or continue a character beyond ASCII: [`BEYOND`].
static ASCII: [u8; 256] = {
    let mut table = [DROPPED; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            BEYOND
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if is_separator(c as char) {
            SEPARATES
        } else {
            DROPPED
        };
        b += 1;
    }
    table
};

/// [`ASCII`] of a byte that ends a word.
const SEPARATES: u8 = 1;
/// [`ASCII`] of a byte a word leaves out: punctuation inside or around it.
const DROPPED: u8 = 0;
/// [`ASCII`] of a byte of a character beyond ASCII.
const BEYOND: u8 = 2;

/// Calls `f` with the hash of each word [`for_each_word`] gives, as [`fnv1a`] of the
/// word, without spelling the word out: fingerprints hash every word of a corpus.
fn for_each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut at = 0;
    // A byte at a time through ASCII, which is nearly all of English copy, one look in
    // a table each; a character outside it is decoded.
    while let Some(&b) = bytes.get(at) {
        let class = ASCII[usize::from(b)];
        if class > BEYOND {
            hash = fnv_step(hash, class);
            in_word = true;
            at += 1;
            continue;
        }
        let separates = match class {
            SEPARATES => {
                at += 1;
                true
            }
            DROPPED => {
                at += 1;
                false
            }
            _ => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                at += c.len_utf8();
                // Curly quotes, dashes and ellipses, the marks beyond ASCII that news
                // copy is full of, are General Punctuation, where no character is a
                // letter or a digit: the Unicode tables are not asked about them.
                let punctuation = ('\u{2000}'..='\u{206f}').contains(&c);
                if !punctuation && c.is_alphanumeric() {
                    for lower in c.to_lowercase() {
                        let mut buf = [0; 4];
                        for &b in lower.encode_utf8(&mut buf).as_bytes() {
                            hash = fnv_step(hash, b);
                        }
                    }
                    in_word = true;
                    continue;
                }
                is_separator(c)
            }
        };
        if in_word && separates {
            f(hash);
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        f(hash);
    }
}

/// The hashes of a text's word shingles, one for each word from the fifth on, made as
/// the word hashes come.
///
/// A shingle's hash is the polynomial `w1·B⁴ + w2·B³ + w3·B² + w4·B + w5` of its word
/// hashes (modulo 2⁶⁴), so the order of the words counts and each next one costs two
/// multiplications: the window rolls on by taking its oldest word out and putting the
/// new one in. Chaining the five words through a mixer instead cost five mixes a word,
/// and made fingerprinting, which reads every byte of a corpus, a tenth of a report's
/// reading. The polynomial is spread over all bits where it is used ([`add_to_bins`]).
#[derive(Default)]
struct Shingles {
    /// The last [`SHINGLE`] word hashes, a ring: the next to leave is at `words % SHINGLE`.
    window: [u64; SHINGLE],
    /// Words pushed so far.
    words: usize,
    /// The polynomial of the words in the window.
    hash: u64,
}

/// The base of the shingle polynomial: odd, so that multiplying by it loses no bit, and
/// with its bits spread (the 64-bit golden ratio).
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// `BASE` to the power of the oldest word's place, `SHINGLE - 1`: what that word was
/// multiplied by when it leaves the window.
const LEAD: u64 = {
    let mut power: u64 = 1;
    let mut k = 1;
    while k < SHINGLE {
        power = power.wrapping_mul(BASE);
        k += 1;
    }
    power
};

impl Shingles {
    /// Takes the next word's hash; gives the hash of the shingle it ends, once there are
    /// [`SHINGLE`] words.
    fn push(&mut self, word: u64) -> Option<u64> {
        let slot = self.words % SHINGLE;
        // While the window fills, the slot holds 0 and nothing leaves.
        let oldest = std::mem::replace(&mut self.window[slot], word);
        self.hash = self
            .hash
            .wrapping_sub(oldest.wrapping_mul(LEAD))
            .wrapping_mul(BASE)
            .wrapping_add(word);
        self.words += 1;
        (self.words >= SHINGLE).then_some(self.hash)
    }
}

/// A text as the comparison sees it.
#[derive(Debug, PartialEq)]
enum Shape {
    /// No words at all.
    Empty,
    /// Fewer words than a shingle: the normalised words, space-separated.
    Short(String),
    /// The sorted, deduplicated hashes of the word shingles.
    Long(Vec<u64>),
}

fn shape(text: &str) -> Shape {
    let mut words = Vec::new();
    let mut short = String::new();
    for_each_word(text, |w| {
        // Only short texts need their words spelled out; stop building once it is long.
        if words.len() < SHINGLE {
            if !short.is_empty() {
                short.push(' ');
            }
            short.push_str(w);
        }
        words.push(fnv1a(w.as_bytes()));
    });
    if words.is_empty() {
        return Shape::Empty;
    }
    if words.len() < SHINGLE {
        return Shape::Short(short);
    }
    let mut window = Shingles::default();
    let mut shingles: Vec<u64> = words.iter().filter_map(|&w| window.push(w)).collect();
    shingles.sort_unstable();
    shingles.dedup();
    Shape::Long(shingles)
}

/// Exact Jaccard similarity of two sorted, deduplicated, non-empty sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn similarity_of(a: &Shape, b: &Shape) -> f64 {
    match (a, b) {
        (Shape::Long(a), Shape::Long(b)) => jaccard(a, b),
        (Shape::Short(a), Shape::Short(b)) if a == b => 1.0,
        // An empty body (a failed extraction, a photo page) is evidence of nothing, so
        // it is a copy of nothing, not even of another empty body.
        _ => 0.0,
    }
}

/// The similarity of two texts: the exact Jaccard similarity of their sets of word
/// 5-shingles, after normalising the words as [`copies`] does.
///
/// Texts shorter than one shingle (fewer than five words) score 1.0 if their normalised
/// words are equal and 0.0 otherwise; a text with no words scores 0.0 against anything.
/// Two texts are copies when this is at least [`COPY_THRESHOLD`].
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_of(&shape(a), &shape(b))
}

/// One-permutation MinHash signature of a non-empty shingle set: each shingle is hashed
/// once and falls into one of 128 bins by the top bits of its hash; a bin keeps its least
/// hash. An empty bin (a short text fills few) takes the value of the next filled bin to
/// its right, marked with the distance (rotation densification, Shrivastava and Li,
/// 2014), so two signatures still agree at a position with probability close to the
/// Jaccard similarity of the sets. One hash per shingle instead of 128 makes this the
/// cheap part of reading a corpus. Each value keeps 16 bits (b-bit MinHash, Li and
/// König, 2010): two different minima share them with probability 2^-16, which raises
/// the estimate by at most 0.00002, far below its own error of 0.044; a corpus keeps
/// 256 bytes per document.
fn signature(shingles: &[u64]) -> [Value; PERMUTATIONS] {
    let mut bins = [u64::MAX; PERMUTATIONS];
    for &h in shingles {
        add_to_bins(&mut bins, h);
    }
    signature_of_bins(&bins)
}

/// The part of a bin's least hash that a signature keeps.
type Value = u16;

/// Values per bin below this many bits; the bits above choose the bin.
const VALUE_BITS: u32 = 64 - 7;
const _: () = assert!(PERMUTATIONS == 1 << 7, "bins are chosen by 7 bits");

/// Keeps the least value of each bin: one shingle's part of the MinHash. Neither the
/// order of the shingles nor their repetition changes the result.
fn add_to_bins(bins: &mut [u64; PERMUTATIONS], shingle: u64) {
    let h = mix(shingle ^ SEEDS[0]);
    let bin = (h >> VALUE_BITS) as usize;
    bins[bin] = bins[bin].min(h & ((1 << VALUE_BITS) - 1));
}

/// The signature of the filled bins: each empty bin borrows the nearest filled one.
fn signature_of_bins(bins: &[u64; PERMUTATIONS]) -> [Value; PERMUTATIONS] {
    let mut sig = [0; PERMUTATIONS];
    // Walking right to left twice round the circle, `next` is the nearest filled bin at
    // or to the right of `i` by the time the second round reaches it.
    let mut next: Option<(usize, u64)> = None;
    for k in (0..2 * PERMUTATIONS).rev() {
        let i = k % PERMUTATIONS;
        if bins[i] != u64::MAX {
            next = Some((k, bins[i]));
        }
        if k < PERMUTATIONS
            && let Some((at, value)) = next
        {
            let distance = (at - k) as u64;
            sig[i] = (mix(value ^ distance.wrapping_mul(SEEDS[1])) >> (64 - Value::BITS)) as Value;
        }
    }
    sig
}

/// The bucket of a signature in one band. Unequal bands may share a key by a hash
/// collision; that only adds a candidate, which the estimate turns away.
fn band_key(sig: &[Value; PERMUTATIONS], band: usize) -> u64 {
    sig.iter()
        .skip(band * ROWS)
        .take(ROWS)
        .fold(band as u64, |h, &v| mix(h ^ u64::from(v)))
}

/// The share of positions where two signatures agree: the MinHash estimate of the
/// Jaccard similarity of their sets, with a standard error of at most 0.044 (at 0.5).
fn estimate(a: &[Value; PERMUTATIONS], b: &[Value; PERMUTATIONS]) -> f64 {
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count();
    agree as f64 / PERMUTATIONS as f64
}

/// What [`copies_of`] needs of one document: a MinHash signature of its shingles (256
/// bytes), or its few words when it is shorter than one shingle.
///
/// Made by [`fingerprint`]; a corpus keeps one per document instead of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(Print);

// The signature is held inline, not boxed, so that a corpus's fingerprints are one
// allocation, which goes back to the system whole once the copies are found. Boxed,
// half a million small blocks stayed in the heap, and the report's model was built
// beside them: its peak at 1 GB was 147 MB higher (1,845 against 1,698 MB).
#[expect(
    clippy::large_enum_variant,
    reason = "a corpus holds its fingerprints in one vector, which is freed whole"
)]
#[derive(Clone, Debug, PartialEq, Eq)]
enum Print {
    /// No words at all.
    Empty,
    /// Fewer words than a shingle: the normalised words, space-separated.
    Short(Box<str>),
    /// The MinHash signature of the shingle set.
    Long([Value; PERMUTATIONS]),
}

/// The fingerprint of an article body, for [`copies_of`]. Linear in the length of the
/// text; the text can be dropped afterwards.
pub fn fingerprint(text: &str) -> Fingerprint {
    // The shingles go straight into the MinHash bins, with no word spelled out and no
    // set built; the few texts shorter than a shingle take the longer way.
    let mut window = Shingles::default();
    let mut bins = [u64::MAX; PERMUTATIONS];
    for_each_word_hash(text, |word| {
        if let Some(shingle) = window.push(word) {
            add_to_bins(&mut bins, shingle);
        }
    });
    if window.words >= SHINGLE {
        return Fingerprint(Print::Long(signature_of_bins(&bins)));
    }
    Fingerprint(match shape(text) {
        Shape::Empty => Print::Empty,
        Shape::Short(words) => Print::Short(words.into()),
        Shape::Long(set) => Print::Long(signature(&set)),
    })
}

/// Disjoint sets of document indices whose root is always the smallest member.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            // Path halving keeps later finds short without recursion.
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        if let Some(slot) = self.parent.get_mut(child) {
            *slot = root;
        }
    }
}

/// For each document (by index), the index of the earliest document it is a copy of,
/// or `None` if it is the earliest of its copies or has none.
///
/// `texts[i]` is the article body. Two documents are copies when their [`similarity`],
/// as MinHash estimates it (see [`copies_of`]), is at least [`COPY_THRESHOLD`], and
/// copies are grouped transitively: if B copies A and C copies B, all three point to the
/// first of them, even if A and C differ more.
///
/// # Example
///
/// ```
/// use countercheck_graph::copies;
///
/// let wire = "Rescuers pulled two more survivors from the rubble of the collapsed \
///             hospital on Sunday, raising the number rescued to 41, officials said.";
/// let republished = "Two found alive in hospital ruins\n\
///             Rescuers pulled two more survivors from the rubble of the collapsed \
///             hospital on Sunday, raising the number rescued to 41, officials said.";
/// let other = "Officials said on Sunday that 41 people have now been rescued from \
///              the hospital, after two more survivors were found.";
/// assert_eq!(copies(&[wire, other, republished]), [None, None, Some(0)]);
/// ```
pub fn copies(texts: &[&str]) -> Vec<Option<usize>> {
    let prints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
    copies_of(&prints)
}

/// [`copies`] for documents given by their [`fingerprint`]s.
///
/// Candidate pairs come from the MinHash signatures (128 values) split into 64 LSH
/// bands of 2 rows, so unrelated documents are never compared; a candidate is a copy
/// when its signatures agree on at least [`COPY_THRESHOLD`] of their positions. That
/// estimate has a standard error of 0.044 at the threshold, so a pair within about 0.1
/// of it may fall either way; edited republications (0.7 and up) and other reports of an
/// event (below 0.1) do not. A pair at the threshold escapes the bands with probability
/// about 1e-8. Documents shorter than one shingle are grouped by exact equality of their
/// normalised words; documents with no words are copies of nothing. Documents whose
/// signatures are equal (a story run word for word) are copies without a comparison.
///
/// In a bucket shared by more than a few dozen documents (a corpus built on one
/// template), each document is compared only with its next 32 in an order shuffled per
/// band: that keeps the search linear, and copies, which share many bands, still meet.
///
/// Deterministic: all hashing uses fixed seeds. Time is linear in the number of
/// documents.
pub fn copies_of(prints: &[Fingerprint]) -> Vec<Option<usize>> {
    let mut groups = Groups::new(prints.len());

    let mut short: Vec<(&str, usize)> = prints
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.0 {
            Print::Short(words) => Some((&**words, i)),
            _ => None,
        })
        .collect();
    short.sort_unstable();
    for run in short.chunk_by(|a, b| a.0 == b.0) {
        if let Some(&(_, first)) = run.first() {
            for &(_, i) in run {
                groups.union(first, i);
            }
        }
    }

    // Equal signatures (a wire story run word for word by several outlets) agree at
    // every position: they are copies, found by one hash each, and only the first of
    // them goes on to the bands. A corpus of a few stories told many times over would
    // otherwise compare every copy of one with every copy of another that shares a
    // band with it, millions of pairs.
    let mut first_of: HashMap<&[Value; PERMUTATIONS], usize, BuildHasherDefault<Blocks>> =
        HashMap::default();
    let long: Vec<(usize, &[Value; PERMUTATIONS])> = prints
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.0 {
            Print::Long(sig) => match first_of.entry(sig) {
                Entry::Occupied(first) => {
                    groups.union(*first.get(), i);
                    None
                }
                Entry::Vacant(first) => {
                    first.insert(i);
                    Some((i, sig))
                }
            },
            _ => None,
        })
        .collect();

    // A pair can share several bands; compare it once. A corpus of a few stories told
    // many times over compares millions of pairs: hashed with `Blocks`, not SipHash.
    let mut compared: HashSet<(usize, usize), BuildHasherDefault<Blocks>> = HashSet::default();
    let mut keys: Vec<(u64, u64, usize)> = Vec::with_capacity(long.len());
    let mut roots: Vec<usize> = Vec::new();
    for (band, shuffle) in SEEDS.iter().enumerate().take(BANDS) {
        keys.clear();
        keys.extend(
            long.iter()
                .enumerate()
                .map(|(k, (_, sig))| (band_key(sig, band), mix(k as u64 ^ shuffle), k)),
        );
        // Sorting (rather than a hash map) keeps the order of comparisons fixed too. The
        // shuffled order is a bijection of the position, so no two keys tie on the
        // first two fields: one 128-bit comparison does.
        keys.sort_unstable_by_key(|&(key, order, _)| (u128::from(key) << 64) | u128::from(order));
        for bucket in keys.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
            // Each member's group as the bucket is entered. Groups only ever merge, so
            // two members that were in one group still are: most pairs of a bucket
            // that many copies share are settled by these, not by two walks up the
            // groups' trees each.
            roots.clear();
            roots.extend(
                bucket
                    .iter()
                    .map(|&(_, _, k)| long.get(k).map_or(usize::MAX, |&(i, _)| groups.find(i))),
            );
            // A bucket whose members are all of one group already (a story's copies
            // fill whole buckets) has no pair to compare.
            if roots.iter().all(|&r| r == roots[0] && r != usize::MAX) {
                continue;
            }
            for (at, &(_, _, x)) in bucket.iter().enumerate() {
                let neighbours = bucket.iter().zip(&roots).skip(at + 1).take(NEIGHBOURS);
                for (&(_, _, y), &root) in neighbours {
                    if root == roots[at] && root != usize::MAX {
                        continue;
                    }
                    let (x, y) = (x.min(y), x.max(y));
                    let (Some(&(i, a)), Some(&(j, b))) = (long.get(x), long.get(y)) else {
                        continue;
                    };
                    if groups.find(i) == groups.find(j) || !compared.insert((x, y)) {
                        continue;
                    }
                    if estimate(a, b) >= COPY_THRESHOLD {
                        groups.union(i, j);
                    }
                }
            }
        }
    }

    (0..prints.len())
        .map(|i| {
            let root = groups.find(i);
            (root != i).then_some(root)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_hashes_words_as_shape_spells_them() {
        let texts = [
            WIRE,
            "ÉTAT Ukraine’s 10,000 U.S. cease-fire Kyiv—Moscow and/or Ölüdeniz İstanbul ΣΟΦΙΑ straße … end",
            "one two three four five",
            "one two three four",
            "",
        ];
        for text in texts {
            let expected = match shape(text) {
                Shape::Empty => Print::Empty,
                Shape::Short(words) => Print::Short(words.into()),
                Shape::Long(set) => Print::Long(signature(&set)),
            };
            assert_eq!(fingerprint(text).0, expected, "{text}");
        }
    }

    /// The word hashes pass over General Punctuation without the Unicode tables: no
    /// character there is a letter or a digit.
    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        // Marks of the block between words, and inside one.
        let text = "“Ten” were‑killed — said… the ‘agency’s’ ‰ officials ⁂ today";
        let expected = match shape(text) {
            Shape::Long(set) => Print::Long(signature(&set)),
            other => panic!("{other:?}"),
        };
        assert_eq!(fingerprint(text).0, expected);
    }

    #[test]
    fn the_ascii_table_reads_bytes_as_the_words_do() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            let want = if c.is_alphanumeric() {
                b.to_ascii_lowercase()
            } else if is_separator(c) {
                SEPARATES
            } else {
                DROPPED
            };
            assert_eq!(ASCII[usize::from(b)], want, "{b:#04x}");
        }
        assert!(ASCII[0x80..].iter().all(|&class| class == BEYOND));
    }

    proptest::proptest! {
        #[test]
        fn word_hashes_are_the_hashes_of_the_words(
            text in "([a-zA-Z0-9]|[ ,.'’/\n\t\r\u{b}\u{c}\u{1c}-]|—|…|\u{85}|\u{200b}|\u{a0}|É|ß|İ|Σ|Київ){0,40}"
        ) {
            let mut want = Vec::new();
            for_each_word(&text, |w| want.push(fnv1a(w.as_bytes())));
            let mut got = Vec::new();
            for_each_word_hash(&text, |h| got.push(h));
            proptest::prop_assert_eq!(got, want);
        }
    }

    const WIRE: &str = "ZAPORIZHZHIA, Ukraine (AP) — Russian drones and missiles struck the \
southern city of Zaporizhzhia overnight, killing at least 14 people and wounding 37 others, \
regional officials said Tuesday, in one of the deadliest attacks on the city this year.

Regional governor Petro Hnatiuk said on Telegram that two apartment blocks and a bus depot \
were hit shortly after 2 a.m. and that rescuers were still searching the rubble for \
survivors. Among the dead were three children, he said.

Ukraine's air force said Russia had launched 46 drones and five ballistic missiles at the \
region, and that air defenses had shot down 31 of the drones. It was not possible to \
independently verify the figures.

The attack came hours before Ukrainian and Russian delegations were due to meet in Istanbul \
for a new round of talks on a prisoner exchange. Foreign Minister Oleh Marchuk called the \
strike \"a cynical answer to every call for peace.\"

Russia's Defense Ministry said its forces had hit military-industrial targets in the region \
and did not comment on civilian casualties. Moscow denies deliberately targeting civilians.

Zaporizhzhia, which lies about 30 kilometers from the front line, has come under frequent \
attack since Russia's full-scale invasion in February 2022, and much of the region remains \
under Russian occupation.";

    /// The wire story as another outlet ran it: own headline and byline, curly quotes,
    /// one sentence added, last paragraph dropped.
    const REPUBLISHED: &str =
        "Drone and missile strike on Zaporizhzhia kills 14 ahead of Istanbul talks
By Staff and agencies | Published 10:42

ZAPORIZHZHIA, Ukraine (AP) — Russian drones and missiles struck the southern city of \
Zaporizhzhia overnight, killing at least 14 people and wounding 37 others, regional \
officials said Tuesday, in one of the deadliest attacks on the city this year.

Regional governor Petro Hnatiuk said on Telegram that two apartment blocks and a bus depot \
were hit shortly after 2 a.m. and that rescuers were still searching the rubble for \
survivors. Among the dead were three children, he said. The city’s mayor declared \
Wednesday a day of mourning.

Ukraine’s air force said Russia had launched 46 drones and five ballistic missiles at the \
region, and that air defenses had shot down 31 of the drones. It was not possible to \
independently verify the figures.

The attack came hours before Ukrainian and Russian delegations were due to meet in Istanbul \
for a new round of talks on a prisoner exchange. Foreign Minister Oleh Marchuk called the \
strike “a cynical answer to every call for peace.”

Russia’s Defense Ministry said its forces had hit military-industrial targets in the region \
and did not comment on civilian casualties. Moscow denies deliberately targeting civilians.";

    /// The same event written up independently: same names, numbers and quote.
    const OTHER_REPORT: &str = "At least 14 people were killed and 37 wounded when Russia \
attacked Zaporizhzhia with 46 drones and five ballistic missiles early on Tuesday, according \
to regional governor Petro Hnatiuk. Three children were among the dead.

Hnatiuk said rescuers were still digging through the rubble of two apartment blocks and a \
bus depot that were hit at around 2 a.m. The air force said 31 of the drones were shot down.

Foreign Minister Oleh Marchuk said the strike was \"a cynical answer to every call for \
peace\", coming just hours before the two sides were set to meet in Istanbul to discuss a \
prisoner exchange. Moscow said it had struck military-industrial sites and says it does not \
aim at civilians.";

    #[test]
    fn word_for_word_copies_of_two_stories_fall_into_two_groups() {
        // Every copy of one shares a band with every copy of the other, the way a few
        // stories run many times over make a corpus.
        let texts: Vec<&str> = (0..300)
            .map(|i| if i % 3 == 0 { OTHER_REPORT } else { WIRE })
            .collect();
        let want: Vec<Option<usize>> = (0..300)
            .map(|i| match i {
                0 | 1 => None,
                _ if i % 3 == 0 => Some(0),
                _ => Some(1),
            })
            .collect();
        assert_eq!(copies(&texts), want);
    }

    #[test]
    fn a_lightly_edited_republication_is_a_copy() {
        let s = similarity(WIRE, REPUBLISHED);
        assert!((0.65..0.8).contains(&s), "similarity {s}");
        assert_eq!(copies(&[WIRE, REPUBLISHED]), [None, Some(0)]);
        // The copy may be the one seen first; the group still points to index 0.
        assert_eq!(copies(&[REPUBLISHED, WIRE]), [None, Some(0)]);
    }

    #[test]
    fn another_report_of_the_same_event_is_not() {
        for a in [WIRE, REPUBLISHED] {
            let s = similarity(a, OTHER_REPORT);
            assert!(s < 0.05, "similarity {s}");
        }
        assert_eq!(
            copies(&[WIRE, OTHER_REPORT, REPUBLISHED]),
            [None, None, Some(0)]
        );
    }

    #[test]
    fn quotes_apostrophes_case_and_punctuation_are_normalised() {
        let straight = "The ministry's \"final\" toll: 10,000 dead, U.S. officials said.";
        let curly = "the Ministry’s “final” toll — 10000 dead; US officials said";
        assert_eq!(similarity(straight, curly), 1.0);
        // Dashes separate words, so an em dash without spaces does not glue them.
        assert_eq!(
            similarity(
                "strikes hit Kyiv—Moscow denied it",
                "strikes hit Kyiv - Moscow denied it"
            ),
            1.0
        );
    }

    /// `n` distinct words, so `n` words make exactly `n - 4` distinct shingles.
    fn distinct_words(n: usize) -> String {
        (0..n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn threshold_edge() {
        // A prefix of a text shares all its shingles with it: Jaccard = (m - 4) / (n - 4).
        let full = distinct_words(204);
        let below = distinct_words(103);
        let at = distinct_words(104);
        let above = distinct_words(105);
        assert_eq!(similarity(&full, &below), 99.0 / 200.0);
        assert_eq!(similarity(&full, &at), COPY_THRESHOLD);
        assert_eq!(similarity(&full, &above), 101.0 / 200.0);
        // Grouping goes by the MinHash estimate, which is exact only on average: a clear
        // margin either side of the threshold decides the same way every time.
        let far_below = distinct_words(84);
        let far_above = distinct_words(124);
        assert_eq!(copies(&[&full, &far_below]), [None, None]);
        assert_eq!(copies(&[&full, &far_above]), [None, Some(0)]);
    }

    #[test]
    fn empty_and_tiny_texts() {
        assert_eq!(copies(&[]), Vec::<Option<usize>>::new());
        assert_eq!(copies(&["", " \n\t ", "—", ""]), [None; 4]);
        assert_eq!(similarity("", ""), 0.0);
        assert_eq!(similarity("", WIRE), 0.0);

        // Shorter than a shingle: equal after normalising, or nothing.
        let tiny = [
            "Kyiv",
            "kyiv!",
            "Kharkiv",
            "“Kyiv”",
            "four words are here",
            "Four words, are here.",
        ];
        assert_eq!(copies(&tiny), [None, Some(0), None, Some(0), None, Some(4)]);
        assert_eq!(similarity("Kyiv", "Kharkiv"), 0.0);
        assert_eq!(
            similarity("one two three four", "one two three four five"),
            0.0
        );

        // Exactly one shingle.
        assert_eq!(
            similarity("one two three four five", "One two three four five."),
            1.0
        );
        assert_eq!(
            copies(&["one two three four five", "one two three four five"]),
            [None, Some(0)]
        );
    }

    #[test]
    fn huge_documents() {
        let huge = distinct_words(200_000);
        let half = distinct_words(100_002);
        assert_eq!(similarity(&huge, &half), 0.5);
        // At the threshold the estimate falls either way; well above and well below it,
        // it decides as the similarity does.
        let most = distinct_words(150_001);
        let quarter = distinct_words(50_003);
        assert_eq!(similarity(&huge, &most), 0.75);
        assert_eq!(similarity(&huge, &quarter), 0.25);
        assert_eq!(
            copies(&[&most, "", &huge, "x"]),
            [None, None, Some(0), None]
        );
        assert_eq!(copies(&[&quarter, &huge]), [None, None]);
        // One word repeated: a single distinct shingle.
        let same = "dead ".repeat(100_000);
        assert_eq!(similarity(&same, "dead dead dead dead dead"), 1.0);
    }

    #[test]
    fn deterministic() {
        let texts = [WIRE, OTHER_REPORT, REPUBLISHED, "", "Kyiv", "kyiv"];
        let first = copies(&texts);
        assert_eq!(first, [None, None, Some(0), None, None, Some(4)]);
        for _ in 0..3 {
            assert_eq!(copies(&texts), first);
        }
        // The hashes themselves are fixed, not seeded per run.
        assert_eq!(fnv1a(b"kyiv"), 0x786a_16d7_6e62_5802);
        assert_eq!(SEEDS, seeds());
    }

    /// A deterministic generator for the synthetic corpus.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(self.0)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn words(&mut self, n: usize) -> Vec<String> {
            // A small vocabulary, so that unrelated texts share many words and pairs.
            (0..n).map(|_| format!("v{}", self.below(400))).collect()
        }
    }

    #[test]
    fn finds_exactly_the_planted_copies() {
        let mut rng = Rng(7);
        // Each document: its words, the story it tells, and what it was copied from.
        let mut docs: Vec<(Vec<String>, usize, Option<usize>)> = Vec::new();
        for story in 0..240 {
            let len = 150 + rng.below(250);
            docs.push((rng.words(len), story, None));
        }
        // Reports of the same event by other outlets: a long shared quote, own words.
        for story in 0..20 {
            let quote: Vec<String> = docs[story].0.iter().take(30).cloned().collect();
            let mut words = rng.words(120);
            words.splice(60..60, quote);
            docs.push((words, 1000 + story, None));
        }
        // Republications, some of them of earlier republications.
        while docs.len() < 300 {
            let from = rng.below(docs.len());
            let (source, story, _) = docs[from].clone();
            if story >= 1000 {
                continue;
            }
            let headline = 3 + rng.below(10); // and byline
            let mut words = rng.words(headline);
            let cut = source.len() - source.len() * rng.below(10) / 100;
            words.extend(source.into_iter().take(cut));
            let at = rng.below(words.len());
            let sentence = 12 + rng.below(15);
            let added = rng.words(sentence);
            words.splice(at..at, added);
            docs.push((words, story, Some(from)));
        }

        // The planted copies clear the threshold by a margin; the other reports of an
        // event stay far below it.
        let texts: Vec<String> = docs.iter().map(|(w, _, _)| w.join(" ")).collect();
        for (i, (_, story, from)) in docs.iter().enumerate() {
            if let Some(f) = *from {
                let s = similarity(&texts[i], &texts[f]);
                assert!(s >= 0.6, "copy {i} of {f}: {s}");
            } else if *story >= 1000 {
                let s = similarity(&texts[i], &texts[story - 1000]);
                assert!(s < 0.1, "report {i} of {}: {s}", story - 1000);
            }
        }

        // Shuffle, so that copies often come before their originals.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let refs: Vec<&str> = order.iter().map(|&k| texts[k].as_str()).collect();
        let story_at: Vec<usize> = order.iter().map(|&k| docs[k].1).collect();
        let expected: Vec<Option<usize>> = story_at
            .iter()
            .enumerate()
            .map(|(i, story)| {
                let first = story_at.iter().position(|s| s == story);
                first.filter(|&f| f != i)
            })
            .collect();
        assert!(expected.iter().filter(|e| e.is_some()).count() >= 40);
        assert_eq!(copies(&refs), expected);
    }
}
