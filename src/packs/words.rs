//! The words a pack's entries start at, indexed: most words of prose start
//! none, and are told so without hashing.

use std::borrow::Cow;
use std::sync::Arc;

use crate::syntax::{TextMap as HashMap, TextSet as HashSet};

use super::entry::PackEntry;
use super::matcher::Matcher;
use crate::text::StartWords;

/// Entries indexed by the lower-cased word they start with.
#[derive(Clone, Debug, Default)]
pub(super) struct WordIndex {
    /// Shared with the [`WordSet`]s built from the index: a lexicon's
    /// thousands of words are allocated once.
    by_word: HashMap<Arc<str>, Vec<usize>>,
    /// The words of `by_word`: most words of prose are not, and need no
    /// look-up.
    filter: WordFilter,
    with_suffix: Vec<usize>,
}

impl WordIndex {
    pub(super) fn new<'e>(
        entries: &'e [PackEntry],
        pick: impl Fn(&'e PackEntry) -> Option<&'e Matcher>,
    ) -> Self {
        let mut index = WordIndex::default();
        let words: usize = entries
            .iter()
            .filter_map(&pick)
            .map(|m| m.words.len() + m.lexicon.map_or(0, |lexicon| lexicon.len()))
            .sum();
        index.by_word.reserve(words);
        for (i, entry) in entries.iter().enumerate() {
            let Some(matcher) = pick(entry) else { continue };
            for word in matcher.first_words() {
                index.filter.insert(&word);
                match index.by_word.get_mut(word.as_ref()) {
                    Some(list) => list.push(i),
                    None => {
                        index.by_word.insert(Arc::from(word.as_ref()), vec![i]);
                    }
                }
            }
            if !matcher.suffixes.is_empty() {
                index.with_suffix.push(i);
            }
        }
        for list in index.by_word.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        index
    }

    /// The entries that may match a word, in pack order. Most words have
    /// none, and most packs no suffix entries: nothing is allocated then.
    pub(super) fn candidates<'i>(&'i self, lower: &str) -> impl Iterator<Item = usize> + use<'i> {
        let listed = if self.filter.may_hold(lower) {
            self.by_word.get(lower).map_or(&[][..], Vec::as_slice)
        } else {
            &[]
        };
        let merged: Cow<'i, [usize]> = if self.with_suffix.is_empty() {
            Cow::Borrowed(listed)
        } else if listed.is_empty() {
            Cow::Borrowed(&self.with_suffix)
        } else {
            let mut merged: Vec<usize> = listed.iter().chain(&self.with_suffix).copied().collect();
            merged.sort_unstable();
            merged.dedup();
            Cow::Owned(merged)
        };
        (0..merged.len()).map(move |k| merged[k])
    }
}

/// Whether any entry of some word indexes may start at a word.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    pub(super) words: HashSet<Arc<str>>,
    filter: WordFilter,
    /// An entry with suffixes may start at any word.
    any: bool,
}

impl WordSet {
    pub(super) fn new(indexes: &[&WordIndex]) -> Self {
        let mut words: HashSet<Arc<str>> = HashSet::default();
        words.reserve(indexes.iter().map(|index| index.by_word.len()).sum());
        words.extend(
            indexes
                .iter()
                .flat_map(|index| index.by_word.keys().cloned()),
        );
        let mut filter = WordFilter::default();
        for word in &words {
            filter.insert(word);
        }
        WordSet {
            words,
            filter,
            any: indexes.iter().any(|index| !index.with_suffix.is_empty()),
        }
    }

    pub(super) fn may_start(&self, lower: &str) -> bool {
        self.any || (self.filter.may_hold(lower) && self.words.contains(lower))
    }
}

impl StartWords for WordSet {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        self.any || self.filter.may_hold_bytes(len, first, last)
    }

    fn holds(&self, lower: &str) -> bool {
        self.may_start(lower)
    }
}

/// A few hundred bytes in front of a set of words, that tell most words
/// outside it without hashing them: a bit for each word's length and first
/// and last bytes. Of the words in the Dutch Firefox files, 4% pass it
/// for the Dutch address words, half of them in the set; a test of the
/// first byte alone passes more than half.
#[derive(Clone, Debug)]
struct WordFilter {
    slots: [u64; SLOTS / 64],
    /// The longest word, in bytes.
    longest: usize,
}

/// Bits of a [`WordFilter`].
const SLOTS: usize = 4096;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            slots: [0; SLOTS / 64],
            longest: 0,
        }
    }
}

impl WordFilter {
    fn insert(&mut self, word: &str) {
        let slot = Self::slot(word.as_bytes());
        self.slots[slot / 64] |= 1 << (slot % 64);
        self.longest = self.longest.max(word.len());
    }

    /// False only for a word not inserted.
    fn may_hold(&self, word: &str) -> bool {
        match (word.as_bytes().first(), word.as_bytes().last()) {
            (Some(&first), Some(&last)) => self.may_hold_bytes(word.len(), first, last),
            _ => self.slot_set(0),
        }
    }

    /// [`WordFilter::may_hold`] for a word of `len` bytes told by its
    /// first and last bytes.
    fn may_hold_bytes(&self, len: usize, first: u8, last: u8) -> bool {
        len <= self.longest && self.slot_set(Self::slot_of(len, first, last))
    }

    fn slot_set(&self, slot: usize) -> bool {
        self.slots[slot / 64] & (1 << (slot % 64)) != 0
    }

    fn slot(word: &[u8]) -> usize {
        match (word.first(), word.last()) {
            (Some(&first), Some(&last)) => Self::slot_of(word.len(), first, last),
            _ => 0,
        }
    }

    fn slot_of(len: usize, first: u8, last: u8) -> usize {
        let key = u64::from(first) | u64::from(last) << 8 | (len as u64) << 16;
        // Fibonacci hashing: the top bits of the product.
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
    }
}
