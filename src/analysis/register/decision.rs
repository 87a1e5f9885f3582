//! The register one choice of variants addresses the reader in, and why.

use crate::packs::{Formula, Strength, Tone};
use crate::project::config::Register;

use super::reading::{FormulaMatch, SegmentReading};
use super::{ChoiceReading, Declared, MarkerRef, Reader};

/// The salutation is looked for at the start of the first segments of an
/// email (the subject may come first), sign-offs in the last ones.
const OPENING_SEGMENTS: usize = 3;
const CLOSING_SEGMENTS: usize = 3;

/// The register of one choice of variants.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub register: Register,
    pub reason: Reason,
    /// Whether findings against it are errors: a declared register, or a
    /// majority with strong markers on its side and twice the sentences of
    /// the other; else they are warnings.
    pub confident: bool,
}

/// Why a choice has its register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A select on a `formal` or `informal` key: this is that version.
    Branch { key: String, choice: String },
    /// The register declared for the locale, and where.
    Locale { source: String },
    /// Most sentences (or, tied, most weight) say it.
    Majority,
    /// As many sentences say either: the register the email switches to
    /// last is the odd one out.
    Tie,
}

impl<'a, 's> Reader<'a, 's> {
    /// Reads one choice from the readings of its segments (`segments`
    /// indexes `readings`): the markers it shows, the salutation and
    /// sign-offs, and the register they decide.
    pub(super) fn decide(
        &self,
        readings: &[SegmentReading],
        segments: &[usize],
        selectors: &[(String, Vec<String>)],
        choice: &[Option<String>],
    ) -> ChoiceReading {
        let (mut votes, mut markers) = votes_and_markers(readings, segments);
        // The salutation opens one of the first segments; it votes, and a
        // banned one ("Hallo Sie") is not also read as address.
        let salutation = segments
            .iter()
            .take(OPENING_SEGMENTS)
            .find_map(|&r| readings[r].salutation.as_deref())
            .filter(|line| self.formula(line.entry).is_some())
            .cloned();
        let closings: Vec<FormulaMatch> = segments
            .iter()
            .rev()
            .take(CLOSING_SEGMENTS)
            .flat_map(|&r| readings[r].closings.iter())
            .filter(|line| self.formula(line.entry).is_some())
            .cloned()
            .collect();
        let lines = salutation
            .iter()
            .map(|s| (s, true))
            .chain(closings.iter().map(|c| (c, false)));
        for (line, is_salutation) in lines {
            let Some(formula) = self.formula(line.entry) else {
                continue;
            };
            match formula.tone {
                Tone::Banned => markers.retain(|at| {
                    let marker = at.get(readings);
                    !(marker.origin == line.origin
                        && marker.span.start < line.span.end
                        && line.span.start < marker.span.end)
                }),
                Tone::Formal if is_salutation => votes.push((1.0, 0.0)),
                Tone::Informal if is_salutation => votes.push((0.0, 1.0)),
                _ => {}
            }
        }
        let decision = self.register(readings, &votes, &markers, selectors, choice);
        ChoiceReading {
            markers,
            salutation,
            closings,
            decision,
        }
    }

    /// The register the votes and markers of a choice decide, and why;
    /// `None` when they tie without a strong marker.
    fn register(
        &self,
        readings: &[SegmentReading],
        votes: &[(f32, f32)],
        markers: &[MarkerRef],
        selectors: &[(String, Vec<String>)],
        choice: &[Option<String>],
    ) -> Option<Decision> {
        let formal_votes = votes.iter().filter(|(f, i)| f > i).count();
        let informal_votes = votes.iter().filter(|(f, i)| i > f).count();
        let weighted = |register: Register| -> f32 {
            markers
                .iter()
                .map(|at| at.get(readings))
                .filter(|m| m.register == register)
                .map(|m| m.strength.weight())
                .sum()
        };
        let (register, reason) = if let Some((register, key, value)) = branch(selectors, choice) {
            (register, Reason::Branch { key, choice: value })
        } else if let Some(Declared::Locale { register, source }) = &self.declared {
            (
                *register,
                Reason::Locale {
                    source: source.clone(),
                },
            )
        } else if formal_votes != informal_votes {
            let register = if formal_votes > informal_votes {
                Register::Formal
            } else {
                Register::Informal
            };
            (register, Reason::Majority)
        } else if weighted(Register::Formal) != weighted(Register::Informal) {
            let register = if weighted(Register::Formal) > weighted(Register::Informal) {
                Register::Formal
            } else {
                Register::Informal
            };
            (register, Reason::Majority)
        } else {
            // A tie: the register the email switches to is the odd one out.
            let last_strong = markers
                .iter()
                .rev()
                .map(|at| at.get(readings))
                .find(|m| m.strength == Strength::Strong)?;
            (last_strong.register.other(), Reason::Tie)
        };
        let (support, opposition) = match register {
            Register::Formal => (formal_votes, informal_votes),
            Register::Informal => (informal_votes, formal_votes),
        };
        // A majority of weak signs alone (Spanish `su`, Italian `può`) or of a
        // thin margin is a warning, not an error.
        let strong_support = markers.iter().map(|at| at.get(readings)).any(|m| {
            m.register == register && matches!(m.strength, Strength::Strong | Strength::Plural)
        });
        let confident = match reason {
            Reason::Branch { .. } | Reason::Locale { .. } => true,
            Reason::Majority | Reason::Tie => strong_support && support >= 2 * opposition,
        };
        Some(Decision {
            register,
            reason,
            confident,
        })
    }

    /// The salutation or sign-off entry of the pack at `entry`.
    pub(super) fn formula(&self, entry: usize) -> Option<&'a Formula> {
        let kind = &self.pack.entries.get(entry)?.kind;
        kind.salutation().or_else(|| kind.closing())
    }
}

/// The votes of a choice's sentences and its markers, in reading order. A
/// segment after a salutation that ends with a comma is read with its
/// first word not sentence-initial.
fn votes_and_markers(
    readings: &[SegmentReading],
    segments: &[usize],
) -> (Vec<(f32, f32)>, Vec<MarkerRef>) {
    let mut votes: Vec<(f32, f32)> = Vec::new();
    let mut markers = Vec::new();
    let mut after_comma = false;
    for &r in segments {
        let reading = &readings[r];
        match (&reading.after_salutation, after_comma) {
            (Some(after), true) => {
                votes.push(after.vote);
                votes.extend(reading.votes.iter().skip(1));
                markers.extend((0..after.prefix.len()).map(|i| MarkerRef::after_salutation(r, i)));
                markers.extend(
                    (after.shared_from..reading.markers.len()).map(|i| MarkerRef::own(r, i)),
                );
            }
            _ => {
                votes.extend(reading.votes.iter());
                markers.extend((0..reading.markers.len()).map(|i| MarkerRef::own(r, i)));
            }
        }
        after_comma = reading.ends_with_comma;
    }
    (votes, markers)
}

/// The register a choice picks by a select on a `formal` or `informal`
/// key, with the selector and the key.
fn branch(
    selectors: &[(String, Vec<String>)],
    choice: &[Option<String>],
) -> Option<(Register, String, String)> {
    selectors.iter().zip(choice).find_map(|((key, _), value)| {
        let value = value.as_deref()?;
        let register = match value.to_ascii_lowercase().as_str() {
            "formal" => Register::Formal,
            "informal" => Register::Informal,
            _ => return None,
        };
        Some((register, key.clone(), value.to_owned()))
    })
}
