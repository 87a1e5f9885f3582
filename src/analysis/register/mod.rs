//! The register of an email: does it address the reader formally or
//! informally? An email is read as the customer reads it, once per choice
//! of variants of its selects; each sentence votes by its address markers,
//! and so does the salutation. What each choice shows and decides is an
//! [`EmailReading`]; the rules about address (`register-mix`,
//! `salutation-banned`, …) report from it.

mod decision;
mod reading;
mod segments;

pub use decision::{Decision, Reason};
pub use reading::{FormulaMatch, MarkerMatch, Words};

use rustc_hash::FxHashMap;

use crate::analysis::prose::{Budget, Origin, OriginRef, Origins};
use crate::packs::{Pack, ReferenceWords};
use crate::project::config::Register;
use crate::project::emails::Email;
use crate::project::locale::LocaleModel;
use crate::text::Prose;

use reading::SegmentReading;
use segments::{Selectors, Values, enumerate};

/// Where a declared register comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `etiquette.toml` or `--register`: the locale's register.
    Locale { register: Register, source: String },
}

/// The reference locale, read beside a translation for whom its third
/// person is, with the words of its language that tell.
#[derive(Clone, Copy)]
pub struct Reference<'a> {
    pub locale: &'a LocaleModel<'a>,
    pub words: &'static ReferenceWords,
}

impl<'a> Reference<'a> {
    /// `locale` as a reference, when etiquette knows its language's words.
    pub fn new(locale: &'a LocaleModel<'a>) -> Option<Self> {
        Some(Reference {
            locale,
            words: ReferenceWords::of(locale.langid)?,
        })
    }
}

/// Reads the emails of one locale with its language pack.
pub struct Reader<'a, 's> {
    locale: &'a LocaleModel<'s>,
    pack: &'a Pack,
    declared: Option<Declared>,
    reference: Option<Reference<'a>>,
    /// What referenced text the locale's emails may still read.
    budget: Budget,
}

/// An email read on every choice of variants it is judged on: what the
/// choices show and decide, and no more. Readings of a locale's emails are
/// all held while its rules run, so what only the decisions needed (the
/// votes, the segments without markers) is not kept.
#[derive(Debug)]
pub struct EmailReading<'s> {
    /// Where the markers, salutations and sign-offs are: file, message and
    /// attribute, by the index their `origin` holds.
    pub origins: Vec<OriginRef<'s>>,
    /// The markers' words as written.
    pub words: Words,
    /// The markers of each segment reading a choice shows markers of.
    readings: Vec<SegmentMarkers>,
    pub choices: Vec<ChoiceReading>,
}

/// The markers of one segment reading: its own, and those of its first
/// sentence read after a salutation.
#[derive(Debug, Default)]
struct SegmentMarkers {
    own: Vec<MarkerMatch>,
    after_salutation: Vec<MarkerMatch>,
}

/// One choice of variants: what it shows and the register it decides.
#[derive(Debug)]
pub struct ChoiceReading {
    /// The address markers, in reading order, but those a banned salutation
    /// or sign-off covers.
    markers: Vec<MarkerRef>,
    /// The salutation the email opens with, if any.
    pub salutation: Option<FormulaMatch>,
    /// The sign-offs of its last segments, the last segment's first.
    pub closings: Vec<FormulaMatch>,
    /// `None` when its markers tie without a strong one.
    pub decision: Option<Decision>,
}

/// A marker of a choice: in the reading of a segment, or in the first
/// sentence of it read after a salutation.
#[derive(Clone, Copy, Debug)]
struct MarkerRef {
    reading: u32,
    index: u32,
    after_salutation: bool,
}

impl MarkerRef {
    fn own(reading: usize, index: usize) -> Self {
        MarkerRef {
            reading: reading as u32,
            index: index as u32,
            after_salutation: false,
        }
    }

    fn after_salutation(reading: usize, index: usize) -> Self {
        MarkerRef {
            after_salutation: true,
            ..MarkerRef::own(reading, index)
        }
    }

    fn get<'r>(&self, readings: &'r [SegmentReading]) -> &'r MarkerMatch {
        let reading = &readings[self.reading as usize];
        match (&reading.after_salutation, self.after_salutation) {
            (Some(after), true) => &after.prefix[self.index as usize],
            _ => &reading.markers[self.index as usize],
        }
    }

    fn get_kept<'r>(&self, kept: &'r [SegmentMarkers]) -> &'r MarkerMatch {
        let markers = &kept[self.reading as usize];
        match self.after_salutation {
            true => &markers.after_salutation[self.index as usize],
            false => &markers.own[self.index as usize],
        }
    }
}

impl EmailReading<'_> {
    /// The markers `choice` shows, in reading order.
    pub fn markers<'r>(
        &'r self,
        choice: &'r ChoiceReading,
    ) -> impl Iterator<Item = &'r MarkerMatch> {
        choice.markers.iter().map(|at| at.get_kept(&self.readings))
    }

    /// The origin at `index`, owned.
    pub fn origin(&self, index: usize) -> Origin {
        self.origins[index].to_origin()
    }

    /// The file of the origin at `index`.
    pub fn file(&self, index: usize) -> usize {
        self.origins[index].file
    }
}

impl<'a, 's> Reader<'a, 's> {
    pub fn new(
        locale: &'a LocaleModel<'s>,
        pack: &'a Pack,
        declared: Option<Declared>,
        reference: Option<Reference<'a>>,
    ) -> Self {
        Reader {
            locale,
            pack,
            declared,
            reference,
            budget: Budget::for_locale(locale),
        }
    }

    /// Reads `email` on every choice of variants it is judged on.
    pub fn read(&self, email: &Email<'a, 's>) -> EmailReading<'s> {
        let mut origins = Origins::default();
        let mut words = Words::default();
        let mut found = Selectors::default();
        let segments = self.segments(email, &mut found);
        let selectors = found.list;
        let choices = enumerate(&selectors);
        // Each segment is read once per combination of the values of the
        // selectors it depends on; choices share the readings by index. Most
        // depend on none: read on the first choice, where every segment is
        // read in order, their reading's index is their own.
        let mut cache: Vec<Vec<(Values, usize)>> = vec![Vec::new(); segments.len()];
        let mut readings: Vec<SegmentReading> = Vec::with_capacity(segments.len());
        let mut prose = Prose::new();
        let mut read = Vec::with_capacity(choices.len());
        let mut indices = Vec::with_capacity(segments.len());
        for (c, choice) in choices.iter().enumerate() {
            indices.clear();
            for (index, (segment, cached)) in segments.iter().zip(&mut cache).enumerate() {
                let values = || segment.selectors.iter().map(|&s| choice[s].as_deref());
                let found = if segment.selectors.is_empty() {
                    (c > 0).then_some(index)
                } else {
                    cached
                        .iter()
                        .find(|(key, _)| key.iter().copied().eq(values()))
                        .map(|&(_, i)| i)
                };
                let i = found.unwrap_or_else(|| {
                    readings.push(self.read_segment(
                        segment,
                        &selectors,
                        choice,
                        &mut origins,
                        &mut words,
                        &mut prose,
                    ));
                    if !segment.selectors.is_empty() {
                        cached.push((values().collect(), readings.len() - 1));
                    }
                    readings.len() - 1
                });
                indices.push(i);
            }
            read.push(self.decide(&readings, &indices, &selectors, choice));
        }
        let mut readings = keep_markers(readings, &mut read);
        EmailReading {
            origins: keep_origins(origins, &mut read, &mut readings),
            words,
            readings,
            choices: read,
        }
    }
}

/// The markers of the readings `choices` show markers of, renumbered.
fn keep_markers(
    mut readings: Vec<SegmentReading>,
    choices: &mut [ChoiceReading],
) -> Vec<SegmentMarkers> {
    let mut kept = Vec::new();
    let mut renumbered: FxHashMap<u32, u32> = FxHashMap::default();
    for choice in choices {
        for at in &mut choice.markers {
            at.reading = *renumbered.entry(at.reading).or_insert_with(|| {
                let reading = &mut readings[at.reading as usize];
                kept.push(SegmentMarkers {
                    own: std::mem::take(&mut reading.markers),
                    after_salutation: reading
                        .after_salutation
                        .take()
                        .map(|after| after.prefix)
                        .unwrap_or_default(),
                });
                (kept.len() - 1) as u32
            });
        }
    }
    kept
}

/// The origins of what is kept, renumbered.
fn keep_origins<'s>(
    origins: Origins<'s>,
    choices: &mut [ChoiceReading],
    readings: &mut [SegmentMarkers],
) -> Vec<OriginRef<'s>> {
    let mut kept = Vec::new();
    let mut renumbered: FxHashMap<usize, usize> = FxHashMap::default();
    let mut keep = |origin: &mut usize| {
        *origin = *renumbered.entry(*origin).or_insert_with(|| {
            kept.push(origins.get(*origin));
            kept.len() - 1
        });
    };
    for markers in readings {
        for marker in markers.own.iter_mut().chain(&mut markers.after_salutation) {
            keep(&mut marker.origin);
        }
    }
    for choice in choices {
        for formula in choice.salutation.iter_mut().chain(&mut choice.closings) {
            keep(&mut formula.origin);
        }
    }
    kept
}
