//! What the rules about address share: their findings email by email from
//! the register readings of the analysis, and the words that say how an
//! email addresses its reader ("in an email that addresses the reader
//! formally 7 times (u ×5, uw ×2)").

use std::collections::BTreeMap;

use fluent_syntax::ast::PatternElement;
use rayon::prelude::*;

use crate::analysis::register::{ChoiceReading, Decision, EmailReading, MarkerMatch, Reason};
use crate::finding::{RawFinding, RuleMeta};
use crate::fix::{Applicability, Fix};
use crate::packs::{Case, Pack, Position, Strength};
use crate::project::config::Register;
use crate::project::locale::LocaleModel;

use super::Listing;
use crate::analysis::Analysis;

/// One email's reading, with what its findings need.
pub(crate) struct EmailView<'r, 'a> {
    pub locale: &'a LocaleModel<'a>,
    /// The reference locale, when the run has one.
    pub reference: Option<&'a LocaleModel<'a>>,
    pub pack: &'a Pack,
    pub name: &'r str,
    pub reading: &'r EmailReading<'a>,
}

/// The findings of one rule over every email of the locale, on every core,
/// in email order: `each` reports one email's into a listing.
pub(crate) fn per_email<'a>(
    analysis: &Analysis<'a, 'a>,
    reference: Option<&'a LocaleModel<'a>>,
    each: impl Fn(&EmailView<'_, 'a>, &mut Listing<'a>) + Sync,
) -> Vec<RawFinding<'a>> {
    let Some(pack) = analysis.pack else {
        return Vec::new();
    };
    let found: Vec<Vec<RawFinding<'a>>> = analysis
        .emails
        .par_iter()
        .zip(&analysis.readings)
        .map(|(email, reading)| {
            let view = EmailView {
                locale: analysis.locale,
                reference,
                pack,
                name: &email.name,
                reading,
            };
            let mut listing = Listing::new("email");
            each(&view, &mut listing);
            listing.finish()
        })
        .collect();
    found.into_iter().flatten().collect()
}

impl<'a> EmailView<'_, 'a> {
    /// A finding at `span` of the text read from origin `origin`.
    pub fn finding(
        &self,
        rule: &'static RuleMeta,
        origin: usize,
        span: std::ops::Range<usize>,
        message: String,
    ) -> RawFinding<'a> {
        let origin = self.reading.origin(origin);
        let source = self.locale.files[origin.file].source;
        RawFinding::new(rule, source, span, message)
            .message_id(origin.message_id)
            .attribute(origin.attribute.as_deref())
            .email(Some(self.name))
    }

    /// The file of origin `origin`.
    pub fn file(&self, origin: usize) -> usize {
        self.reading.file(origin)
    }

    /// How `choice` addresses its reader, in words for findings.
    pub fn wording(&self, choice: &ChoiceReading, decision: &Decision) -> Wording {
        let markers: Vec<&MarkerMatch> = self.reading.markers(choice).collect();
        let exact = |entry: usize| {
            self.pack
                .entries
                .get(entry)
                .and_then(|e| e.kind.marker())
                .is_some_and(|m| m.matcher.case == Case::Exact)
        };
        let counts =
            |weak: bool| word_counts(&markers, self.reading, decision.register, weak, &exact);
        let register = decision.register;
        let evidence = evidence(register, &counts(false), || counts(true));
        let label = match &decision.reason {
            Reason::Locale { .. } => format!("{} is {register}", self.locale.name),
            Reason::Branch { key, choice } => format!("where `{key}` is `{choice}`"),
            Reason::Majority | Reason::Tie => {
                let top: Vec<String> = counts(false)
                    .into_iter()
                    .take(2)
                    .map(|(w, _)| format!("`{w}`"))
                    .collect();
                if top.is_empty() {
                    format!("the rest of the email is {register}")
                } else {
                    format!("the rest of the email says {}", top.join(" and "))
                }
            }
        };
        let context = match &decision.reason {
            Reason::Locale { source } => format!(
                "where {} is declared {register} ({source})",
                self.locale.name
            ),
            Reason::Branch { key, choice } => {
                format!("in the `[{choice}]` version of this email (`{key}`)")
            }
            Reason::Majority => format!("in an email that addresses the reader {evidence}"),
            Reason::Tie => format!(
                "in an email that addresses the reader {evidence} just as often as {}",
                adverb(register.other())
            ),
        };
        Wording { label, context }
    }
}

/// How a choice of an email addresses its reader: the label under a
/// finding, and the end of its message.
pub(crate) struct Wording {
    pub label: String,
    pub context: String,
}

/// "formally" or "informally".
pub(crate) fn adverb(register: Register) -> &'static str {
    match register {
        Register::Formal => "formally",
        Register::Informal => "informally",
    }
}

/// The words of `register`'s markers with their counts, most frequent
/// first: strong and plural markers, or only the weak ones. By the word in
/// lower case, but where the marker's case is exact: German `Sie` is not
/// `sie`, "she".
fn word_counts(
    markers: &[&MarkerMatch],
    reading: &EmailReading<'_>,
    register: Register,
    weak: bool,
    exact: &dyn Fn(usize) -> bool,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for marker in markers
        .iter()
        .filter(|m| m.register == register && (m.strength == Strength::Weak) == weak)
    {
        let written = reading.words.get(marker.word);
        let word = if exact(marker.marker) {
            written.to_owned()
        } else {
            written.to_lowercase()
        };
        *counts.entry(word).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted
}

/// "formally 7 times (u ×5, uw ×2)", from the strong markers' counts, else
/// "formally (by its weaker signs: su ×2)".
fn evidence(
    register: Register,
    strong: &[(String, usize)],
    weak: impl FnOnce() -> Vec<(String, usize)>,
) -> String {
    let list = |counts: &[(String, usize)]| {
        counts
            .iter()
            .map(|(w, n)| format!("{w} ×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let total: usize = strong.iter().map(|(_, n)| n).sum();
    if total > 0 {
        let times = if total == 1 {
            "once".to_string()
        } else {
            format!("{total} times")
        };
        format!("{} {times} ({})", adverb(register), list(strong))
    } else {
        format!(
            "{} (by its weaker signs: {})",
            adverb(register),
            list(&weak())
        )
    }
}

/// `rule`'s findings in one email: the strong markers of the register a
/// choice does not address its reader in, on the choices whose register
/// the locale declares (`declared`), or on the others.
pub(crate) fn other_register<'a>(
    view: &EmailView<'_, 'a>,
    listing: &mut Listing<'a>,
    rule: &'static RuleMeta,
    declared: bool,
) {
    for choice in &view.reading.choices {
        let Some(decision) = &choice.decision else {
            continue;
        };
        if matches!(decision.reason, Reason::Locale { .. }) != declared {
            continue;
        }
        let register = decision.register;
        let against = |m: &MarkerMatch| {
            m.register != register && matches!(m.strength, Strength::Strong | Strength::Plural)
        };
        if !view.reading.markers(choice).any(against) {
            continue;
        }
        let wording = view.wording(choice, decision);
        // A majority of weak signs only ("su", "le", "La" may be third
        // person) is no register to hold others to: its contradictions
        // are only `info`.
        let weak_majority = matches!(decision.reason, Reason::Majority | Reason::Tie)
            && !view.reading.markers(choice).any(|m| {
                m.register == register && matches!(m.strength, Strength::Strong | Strength::Plural)
            });
        for marker in view.reading.markers(choice) {
            if !against(marker)
                || !listing.wants(view.file(marker.origin), marker.span.start)
                || describes_progress(view, marker)
                || labels_a_control(view, marker)
            {
                continue;
            }
            let message = format!(
                "{} `{}` {}",
                marker.register,
                view.reading.words.get(marker.word),
                wording.context
            );
            let mut finding = view
                .finding(rule, marker.origin, marker.span.clone(), message)
                .label(wording.label.clone())
                .help(marker_help(view.pack, marker, register));
            finding.severity = match (marker.strength, decision.confident) {
                _ if weak_majority => Some(crate::finding::Severity::Info),
                (Strength::Plural, _) => Some(crate::finding::Severity::Info),
                (_, true) => None,
                (_, false) => Some(crate::finding::Severity::Warning),
            };
            if let Some(fix) = phrase_fix(view, marker, register) {
                finding = finding.fix(fix);
            }
            listing.push(finding);
        }
    }
}

/// Whether `marker` counts only at the start of a sentence (a verb form)
/// and is in the `.label` of a control the user presses, a message with an
/// access key ("Lösche diese Nachrichten", with `.accesskey = L`): the
/// user's order to the program, not the program addressing the user.
fn labels_a_control(view: &EmailView<'_, '_>, marker: &MarkerMatch) -> bool {
    if !initial_only(view, marker) {
        return false;
    }
    let origin = view.reading.origin(marker.origin);
    if origin.attribute.as_deref() != Some("label") {
        return false;
    }
    view.locale
        .message(&origin.message_id)
        .is_some_and(|(_, message)| {
            message
                .attributes
                .iter()
                .any(|a| a.id.name.eq_ignore_ascii_case("accesskey"))
        })
}

/// Whether `marker` is a form the pack counts only at the start of a
/// sentence (a verb form), found there.
fn initial_only(view: &EmailView<'_, '_>, marker: &MarkerMatch) -> bool {
    view.pack.entries[marker.marker]
        .kind
        .marker()
        .is_some_and(|entry| entry.position == Position::Mid && entry.strength != marker.strength)
}

/// Whether `marker` counts only at the start of a sentence (a verb form
/// there: "Überprüfe Informationen", "Verwende { $languageName }") in a
/// message whose English reference opens with a gerund ("Checking
/// Information", "Using { $languageName }"): the translation says what
/// the program is doing, in the first person, and addresses no one.
fn describes_progress(view: &EmailView<'_, '_>, marker: &MarkerMatch) -> bool {
    let Some(reference) = view
        .reference
        .filter(|r| r.langid.language.as_str() == "en")
    else {
        return false;
    };
    if !initial_only(view, marker) {
        return false;
    }
    let origin = view.reading.origin(marker.origin);
    let rel_path = &view.locale.files[origin.file].source.rel_path;
    let Some(pattern) =
        reference.message_pattern_in(rel_path, &origin.message_id, origin.attribute.as_deref())
    else {
        return false;
    };
    let first_word = pattern.elements.first().and_then(|element| match element {
        PatternElement::TextElement { value } => value.split_whitespace().next(),
        PatternElement::Placeable { .. } => None,
    });
    first_word.is_some_and(|word| {
        let word = word.trim_end_matches(|c: char| !c.is_alphabetic());
        word.len() > 4 && word.ends_with("ing") && word.starts_with(char::is_uppercase)
    })
}

/// The stock phrase a marker of the other register sits in, swapped for
/// the pack's wording in `register`: safe where the phrase is written as
/// the pack writes it, else for a reader to check. Not for a plural, which
/// may be meant.
fn phrase_fix(view: &EmailView<'_, '_>, marker: &MarkerMatch, register: Register) -> Option<Fix> {
    let swap = marker.suggestion.as_deref()?;
    let span = swap.source.clone()?;
    if marker.strength == Strength::Plural {
        return None;
    }
    let source = view.locale.files[view.file(marker.origin)].source;
    let written = source.text.get(span.clone())?;
    let applicability = if swap.exact {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(Fix::replace(
        format!(
            "Replace “{written}” with “{}” ({} address)",
            swap.replacement, register
        ),
        applicability,
        span,
        swap.replacement.clone(),
    ))
}

/// What to write instead of a marker of the other register: the stock
/// phrase it sits in, in `register`; the pack's fix for the marker; or to
/// address the reader one way.
fn marker_help(pack: &Pack, marker: &MarkerMatch, register: Register) -> String {
    let fix = pack
        .entries
        .get(marker.marker)
        .and_then(|e| e.kind.marker())
        .and_then(|m| m.fix.as_ref());
    match (&marker.suggestion, fix, marker.strength) {
        (_, _, Strength::Plural) => format!(
            "if it addresses one reader, address them {} as the rest of the email does; a plural is fine",
            adverb(register)
        ),
        (Some(phrase), _, _) => format!("write “{}”", phrase.replacement),
        (None, Some(fix), _) => fix.clone(),
        (None, None, _) => format!("address the reader {} throughout", adverb(register)),
    }
}

/// Which formula a rule is about: the salutation, or the sign-offs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Formulas {
    Salutation,
    Closing,
}

impl Formulas {
    /// The formulas of this kind `choice` shows.
    pub fn of(self, choice: &ChoiceReading) -> Vec<&crate::analysis::register::FormulaMatch> {
        match self {
            Formulas::Salutation => choice.salutation.iter().collect(),
            Formulas::Closing => choice.closings.iter().collect(),
        }
    }
}

/// `rule`'s findings in one email: a salutation or sign-off of `kind` that
/// must not be in a customer email.
pub(crate) fn banned<'a>(
    view: &EmailView<'_, 'a>,
    listing: &mut Listing<'a>,
    rule: &'static RuleMeta,
    kind: Formulas,
) {
    let (what, fix) = match kind {
        Formulas::Salutation => (
            "open",
            "open with a salutation the language uses with customers",
        ),
        Formulas::Closing => (
            "close",
            "close with a sign-off the language uses with customers",
        ),
    };
    for choice in &view.reading.choices {
        for line in kind.of(choice) {
            let Some((entry, formula)) = view.formula(line.entry) else {
                continue;
            };
            if formula.tone != crate::packs::Tone::Banned
                || !listing.wants(view.file(line.origin), line.span.start)
            {
                continue;
            }
            let message = format!("`{}` must not {what} a customer email", line.words);
            let mut finding = view
                .finding(rule, line.origin, line.span.clone(), message)
                .label(
                    entry
                        .note
                        .clone()
                        .unwrap_or_else(|| "not for customers".into()),
                )
                .help(formula.fix.clone().unwrap_or_else(|| fix.to_string()));
            finding.severity = formula.severity;
            if let Some(fix) = formula_fix(view, line, formula, Applicability::Safe) {
                finding = finding.fix(fix);
            }
            listing.push(finding);
        }
    }
}

/// `rule`'s findings in one email: a salutation or sign-off of `kind` of
/// the other register than the email's; a formal one in an informal email
/// is an error, an informal one in a formal email a warning.
pub(crate) fn formula_register<'a>(
    view: &EmailView<'_, 'a>,
    listing: &mut Listing<'a>,
    rule: &'static RuleMeta,
    kind: Formulas,
) {
    let noun = match kind {
        Formulas::Salutation => "salutation",
        Formulas::Closing => "sign-off",
    };
    for choice in &view.reading.choices {
        let Some(decision) = &choice.decision else {
            continue;
        };
        if decision.reason == Reason::Tie {
            continue;
        }
        let register = decision.register;
        let mut wording = None;
        for line in kind.of(choice) {
            let Some((_, formula)) = view.formula(line.entry) else {
                continue;
            };
            let tone = match formula.tone {
                crate::packs::Tone::Formal => Register::Formal,
                crate::packs::Tone::Informal => Register::Informal,
                _ => continue,
            };
            if tone == register || !listing.wants(view.file(line.origin), line.span.start) {
                continue;
            }
            let wording = wording.get_or_insert_with(|| view.wording(choice, decision));
            let message = format!("{tone} {noun} `{}` {}", line.words, wording.context);
            let help = formula.fix.clone().unwrap_or_else(|| {
                format!(
                    "use a {noun} that fits an email that addresses the reader {}",
                    adverb(register)
                )
            });
            let mut finding = view
                .finding(rule, line.origin, line.span.clone(), message)
                .label(wording.label.clone())
                .help(help);
            finding.severity = formula.severity.or(match tone {
                Register::Informal => Some(crate::finding::Severity::Warning),
                Register::Formal => None,
            });
            // The pack's neutral wording fits either register; a reader
            // checks that it fits the sentence.
            if let Some(fix) = formula_fix(view, line, formula, Applicability::Unsafe) {
                finding = finding.fix(fix);
            }
            listing.push(finding);
        }
    }
}

/// A salutation or sign-off replaced by the words its pack entry gives,
/// where the matched words are written as one run of text.
fn formula_fix(
    view: &EmailView<'_, '_>,
    line: &crate::analysis::register::FormulaMatch,
    formula: &crate::packs::Formula,
    applicability: Applicability,
) -> Option<Fix> {
    let replace = formula.replace.as_deref()?;
    let source = view.locale.files[view.file(line.origin)].source;
    let written = source.text.get(line.span.clone())?;
    // Markup or a placeable between the words: not one run of text.
    if !crate::text::eq_lowercase(written, &line.words.to_lowercase()) {
        return None;
    }
    let replacement = crate::fix::same_case(written, replace);
    Some(Fix::replace(
        format!("Replace `{written}` with `{replacement}`"),
        applicability,
        line.span.clone(),
        replacement,
    ))
}

impl<'a> EmailView<'_, 'a> {
    /// The pack entry of a salutation or sign-off, and its formula.
    fn formula(
        &self,
        entry: usize,
    ) -> Option<(&'a crate::packs::PackEntry, &'a crate::packs::Formula)> {
        let found = self.pack.entries.get(entry)?;
        let formula = found.kind.salutation().or_else(|| found.kind.closing())?;
        Some((found, formula))
    }
}
