//! MinHash signatures of a text's word shingles, for near-duplicate detection.
//!
//! A signature is [`SIGNATURE_LEN`] minima of as many hash functions over the text's
//! 3-word shingles (words folded to search keys, so spelling variants agree). The share of
//! equal positions in two signatures estimates the Jaccard similarity of their shingle sets.
//! Hashes are xxh3 (a fixed, documented algorithm) followed by fixed multiply-add
//! permutations, so signatures stored by one run stay comparable with the next.

use xxhash_rust::xxh3::xxh3_64;

/// Hash functions per signature (16 LSH bands of 4 rows).
pub const SIGNATURE_LEN: usize = 64;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;

/// The multiply-add constants of permutation `i` (odd multipliers from a fixed generator).
fn permutation(i: usize) -> (u64, u64) {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    let a = x.wrapping_mul(0xBF58_476D_1CE4_E5B9) | 1;
    let b = x.rotate_left(17).wrapping_mul(0x94D0_49BB_1331_11EB);
    (a, b)
}

/// The signature of a text given as its words' search keys; empty when the text has fewer
/// words than a shingle.
pub fn signature(words: &[&str]) -> Vec<u64> {
    if words.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    let perms: Vec<(u64, u64)> = (0..SIGNATURE_LEN).map(permutation).collect();
    let mut mins = vec![u64::MAX; SIGNATURE_LEN];
    let mut buf = String::new();
    for w in words.windows(SHINGLE_WORDS) {
        buf.clear();
        for (k, word) in w.iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(word);
        }
        let h = xxh3_64(buf.as_bytes());
        for (m, (a, b)) in mins.iter_mut().zip(&perms) {
            let v = h.wrapping_mul(*a).wrapping_add(*b);
            let v = v ^ (v >> 32);
            if v < *m {
                *m = v;
            }
        }
    }
    mins
}

/// The estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn close_texts_are_similar_and_others_not() {
        let a = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم ما أدى إلى مقتل أربعة مدنيين وإصابة آخرين بجروح متفاوتة";
        let b = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم ما أدى إلى مقتل خمسة مدنيين وإصابة آخرين بجروح متفاوتة";
        let c = "وصلت قافلة مساعدات أممية إلى بلدة مضايا المحاصرة بريف دمشق بعد أشهر من الحصار وانقطاع الطرق";
        let (sa, sb, sc) = (
            signature(&words(a)),
            signature(&words(b)),
            signature(&words(c)),
        );
        assert_eq!(sa.len(), SIGNATURE_LEN);
        assert!(similarity(&sa, &sb) > 0.5, "{}", similarity(&sa, &sb));
        assert!(similarity(&sa, &sc) < 0.1, "{}", similarity(&sa, &sc));
        assert_eq!(similarity(&sa, &sa), 1.0);
        // stable: the same words give the same signature on every run
        assert_eq!(sa, signature(&words(a)));
        assert!(signature(&words("كلمتان فقط")).is_empty());
    }
}
