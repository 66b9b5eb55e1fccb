//! A fixed-size bit set over dense state indices.

/// A set of dense state indices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    pub(crate) fn new(len: usize) -> Self {
        BitSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub(crate) fn from_fn(len: usize, mut f: impl FnMut(usize) -> bool) -> Self {
        let mut s = BitSet::new(len);
        for i in 0..len {
            if f(i) {
                s.insert(i);
            }
        }
        s
    }

    /// The set of `len` indices whose bits `words` gives, little-endian (missing words are
    /// empty, extra words and bits beyond `len` are ignored).
    pub(crate) fn from_words(len: usize, words: impl Iterator<Item = u64>) -> Self {
        let mut s = BitSet::new(len);
        for (w, v) in s.words.iter_mut().zip(words) {
            *w = v;
        }
        if !len.is_multiple_of(64) {
            if let Some(last) = s.words.last_mut() {
                *last &= (1u64 << (len % 64)) - 1;
            }
        }
        s
    }

    pub(crate) fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub(crate) fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] >> (i % 64) & 1 == 1
    }

    pub(crate) fn intersect_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        })
    }

    /// The number of indices the set ranges over.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bits, little-endian: index i is bit `i % 64` of word `i / 64`.
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub(crate) fn full(len: usize) -> Self {
        let mut s = BitSet::new(len);
        for w in s.words.iter_mut() {
            *w = u64::MAX;
        }
        if !len.is_multiple_of(64) {
            if let Some(last) = s.words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        s
    }
}
