//! One language pack: its entries, and the indexes that find the entries
//! a word may start.

use crate::syntax::TextSet as HashSet;

use super::entry::{Calque, Formula, Marker, PackEntry, PackEntryKind, ProjectRule, StockPhrase};
use super::tables::PackFile;
use super::words::{WordIndex, WordSet};
use super::{EVERY_LOCALE, PackError};

/// A language pack.
#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    /// The locale tags the pack serves (`nl-BE` falls back to `nl`), or `*`.
    pub locales: Vec<String>,
    /// Lower-cased abbreviations that do not end a sentence (`bijv.`, `z.b.`).
    pub abbreviations: HashSet<String>,
    /// Lower-cased words that open an introductory clause (`si`, `wenn`)
    /// at the start of a sentence or after a comma.
    pub clause_openers: HashSet<String>,
    /// Every entry, in file order (a project pack's first).
    pub entries: Vec<PackEntry>,
    /// The file the pack came from.
    pub path: String,
    pub(super) replace: bool,
    markers: WordIndex,
    calques: WordIndex,
    rules: WordIndex,
    salutations: WordIndex,
    closings: WordIndex,
    /// The words a marker may start at.
    pub(super) marker_words: WordSet,
    /// The words a marker, salutation or sign-off may start at, in one set.
    pub(super) address_words: WordSet,
    /// The words a calque or project rule may start at.
    pub(super) phrase_words: WordSet,
    /// The words a project rule may start at.
    pub(super) rule_words: WordSet,
}

impl Pack {
    /// Parses a pack; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Pack, PackError> {
        let error = |message: String| PackError {
            path: path.to_owned(),
            message,
        };
        let mut file: PackFile = toml::from_str(text).map_err(|e| {
            let (position, message) = crate::project::config::toml_error(text, &e);
            PackError {
                path: format!("{path}:{position}"),
                message,
            }
        })?;
        if file.pack.locales.is_empty() {
            return Err(error("[pack] `locales` names no locale".into()));
        }
        for locale in &file.pack.locales {
            if locale != EVERY_LOCALE && crate::project::parse_locale(locale).is_none() {
                return Err(error(format!(
                    "[pack] `{locale}` in `locales` is not a BCP 47 tag or `*`"
                )));
            }
        }
        let entries = file.entries(path, text)?;
        let mut pack = Pack {
            name: file.pack.name,
            locales: file.pack.locales,
            abbreviations: crate::text::abbreviations(&file.pack.abbreviations),
            clause_openers: file
                .pack
                .clause_openers
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            entries,
            path: path.to_owned(),
            replace: file.pack.replace,
            markers: WordIndex::default(),
            calques: WordIndex::default(),
            rules: WordIndex::default(),
            salutations: WordIndex::default(),
            closings: WordIndex::default(),
            marker_words: WordSet::default(),
            address_words: WordSet::default(),
            phrase_words: WordSet::default(),
            rule_words: WordSet::default(),
        };
        pack.reindex();
        Ok(pack)
    }

    pub(super) fn reindex(&mut self) {
        let entries = &self.entries;
        self.markers = WordIndex::new(entries, |e| Some(&e.kind.marker()?.matcher));
        self.calques = WordIndex::new(entries, |e| Some(&e.kind.calque()?.matcher));
        self.rules = WordIndex::new(entries, |e| e.kind.rule()?.matcher.as_ref());
        self.salutations = WordIndex::new(entries, |e| Some(&e.kind.salutation()?.matcher));
        self.closings = WordIndex::new(entries, |e| Some(&e.kind.closing()?.matcher));
        self.marker_words = WordSet::new(&[&self.markers]);
        self.address_words = WordSet::new(&[&self.markers, &self.salutations, &self.closings]);
        self.phrase_words = WordSet::new(&[&self.calques, &self.rules]);
        self.rule_words = WordSet::new(&[&self.rules]);
    }

    /// Whether a marker may start at a lower-cased word.
    pub fn starts_marker(&self, lower: &str) -> bool {
        self.marker_words.may_start(lower)
    }

    /// Whether a project rule, or with `calques` a calque, may start at a
    /// lower-cased word.
    pub fn starts_phrase(&self, lower: &str, calques: bool) -> bool {
        self.phrase_words(calques).may_start(lower)
    }

    /// Whether a marker, salutation or sign-off may start at a lower-cased
    /// word: one look instead of one per kind.
    pub fn starts_address(&self, lower: &str) -> bool {
        self.address_words.may_start(lower)
    }

    /// The words a marker, salutation or sign-off may start at, as
    /// [`Pack::starts_address`] answers.
    pub fn address_words(&self) -> &WordSet {
        &self.address_words
    }

    /// The words a project rule, or with `calques` a calque, may start at,
    /// as [`Pack::starts_phrase`] answers.
    pub fn phrase_words(&self, calques: bool) -> &WordSet {
        if calques {
            &self.phrase_words
        } else {
            &self.rule_words
        }
    }

    /// The entries of `index` that may match a lower-cased word, in pack
    /// order, as `kind` reads them.
    fn candidates<'p, T: 'p>(
        &'p self,
        index: &'p WordIndex,
        lower: &str,
        kind: fn(&'p PackEntryKind) -> Option<&'p T>,
    ) -> impl Iterator<Item = (usize, &'p T)> + use<'p, T> {
        index
            .candidates(lower)
            .filter_map(move |i| Some((i, kind(&self.entries[i].kind)?)))
    }

    /// The markers that may match a lower-cased word, in pack order.
    pub fn marker_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Marker)> + use<'p> {
        self.candidates(&self.markers, lower, PackEntryKind::marker)
    }

    /// The calques that may start at a lower-cased word.
    pub fn calque_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Calque)> + use<'p> {
        self.candidates(&self.calques, lower, PackEntryKind::calque)
    }

    /// The word-based project rules that may start at a lower-cased word.
    pub fn rule_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p ProjectRule)> + use<'p> {
        self.candidates(&self.rules, lower, PackEntryKind::rule)
    }

    /// The salutations that may start at a lower-cased word, in pack order.
    pub fn salutation_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Formula)> + use<'p> {
        self.candidates(&self.salutations, lower, PackEntryKind::salutation)
    }

    /// The sign-offs that may start at a lower-cased word, in pack order.
    pub fn closing_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Formula)> + use<'p> {
        self.candidates(&self.closings, lower, PackEntryKind::closing)
    }

    /// The stock phrases.
    pub fn phrases(&self) -> impl Iterator<Item = &StockPhrase> {
        self.entries.iter().filter_map(|e| match &e.kind {
            PackEntryKind::Phrase(p) => Some(p),
            _ => None,
        })
    }

    /// The project rules.
    pub fn project_rules(&self) -> impl Iterator<Item = &ProjectRule> {
        self.entries.iter().filter_map(|e| match &e.kind {
            PackEntryKind::Rule(r) => Some(r),
            _ => None,
        })
    }

    /// The markers, in order.
    pub fn markers(&self) -> impl Iterator<Item = &Marker> {
        self.entries.iter().filter_map(|e| match &e.kind {
            PackEntryKind::Marker(m) => Some(m),
            _ => None,
        })
    }
}
