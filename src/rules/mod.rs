//! The rules: one file per rule, registered once in [`CHECKS`]. A rule's doc
//! comment is its user documentation (`etiquette explain`, SARIF help).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Attribute, Message};

use crate::finding::{RawFinding, Severity};
use crate::project::config::Level;
use crate::project::locale::LocaleModel;
use crate::syntax::ParsedFile;

mod address;
mod calque;
mod closing_banned;
mod closing_register;
mod duplicate_id;
mod duplicate_variant;
pub mod examples;
mod leaked_identifier;
mod missing_attribute;
mod missing_file;
mod missing_message;
mod missing_reference;
mod missing_value;
mod missing_variable;
mod obsolete_attribute;
mod obsolete_file;
mod obsolete_message;
mod obsolete_reference;
mod obsolete_value;
mod plural_categories;
mod project_rule;
mod reference_cycle;
mod references;
mod register_locale;
mod register_mix;
mod render_error;
mod replacement_character;
mod salutation_banned;
mod salutation_register;
mod settings;
mod syntax_error;
mod unknown_reference;
mod unknown_variable;
mod unused_suppression;
mod written;

pub use calque::Calque;
pub use closing_banned::ClosingBanned;
pub use closing_register::ClosingRegister;
pub use duplicate_id::DuplicateId;
pub use duplicate_variant::DuplicateVariant;
pub use leaked_identifier::LeakedIdentifier;
pub use missing_attribute::MissingAttribute;
pub use missing_file::MissingFile;
pub use missing_message::MissingMessage;
pub use missing_reference::MissingReference;
pub use missing_value::MissingValue;
pub use missing_variable::MissingVariable;
pub use obsolete_attribute::ObsoleteAttribute;
pub use obsolete_file::ObsoleteFile;
pub use obsolete_message::ObsoleteMessage;
pub use obsolete_reference::ObsoleteReference;
pub use obsolete_value::ObsoleteValue;
pub use plural_categories::PluralCategories;
pub use project_rule::ProjectRules;
pub use reference_cycle::ReferenceCycle;
pub use register_locale::RegisterLocale;
pub use register_mix::RegisterMix;
pub use render_error::RenderError;
pub use replacement_character::ReplacementCharacter;
pub use salutation_banned::SalutationBanned;
pub use salutation_register::SalutationRegister;
pub use settings::Settings;
pub use syntax_error::SyntaxError;
pub use unknown_reference::UnknownReference;
pub use unknown_variable::UnknownVariable;
pub use unused_suppression::UnusedSuppression;
pub(crate) use unused_suppression::unused;

pub use crate::finding::RuleMeta;

/// Declares a rule: a unit struct whose doc comment becomes its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::finding::RuleMeta {
                id: $id,
                severity: $crate::finding::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// What a check sees: one parsed locale, the reference (`None` while the
/// reference itself is checked), and the settings of the run. Findings
/// borrow the sources (`'a`), not the analysis (`'c`), which is freed
/// before they are resolved.
pub struct Context<'c, 'a> {
    pub locale: &'a LocaleModel<'a>,
    /// The locale's emails and their register, read once for every rule.
    pub analysis: &'c crate::analysis::Analysis<'a, 'a>,
    pub reference: Option<&'a LocaleModel<'a>>,
    pub settings: &'a Settings,
    /// [`translated_messages`], paired once for every check that asks.
    translated: std::sync::OnceLock<Vec<Translated<'a>>>,
}

/// A message of the locale, its file, and the reference's message and file.
type Translated<'a> = (
    &'a ParsedFile<'a>,
    &'a Message<&'a str>,
    (&'a ParsedFile<'a>, &'a Message<&'a str>),
);

impl<'c, 'a> Context<'c, 'a> {
    pub fn new(
        locale: &'a LocaleModel<'a>,
        reference: Option<&'a LocaleModel<'a>>,
        settings: &'a Settings,
        analysis: &'c crate::analysis::Analysis<'a, 'a>,
    ) -> Self {
        Context {
            locale,
            analysis,
            reference,
            settings,
            translated: std::sync::OnceLock::new(),
        }
    }

    /// Whether the run reports `rule`; checks skip work nobody asked for.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.settings.selection.is_enabled(rule.id)
    }
}

/// A check: pure, no I/O; reads the context and pushes findings for the
/// rules it knows.
pub trait Check: Sync {
    /// The rules this check reports.
    fn rules(&self) -> &'static [&'static RuleMeta];
    /// Whether the run needs this check: one of its rules is selected.
    fn runs(&self, cx: &Context<'_, '_>) -> bool {
        self.rules().iter().any(|rule| cx.enabled(rule))
    }
    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>);
}

/// Every check, in the order `etiquette rules` lists their rules.
pub static CHECKS: &[&dyn Check] = &[
    &SyntaxError,
    &DuplicateId,
    &MissingFile,
    &ObsoleteFile,
    &MissingMessage,
    &ObsoleteMessage,
    &MissingValue,
    &ObsoleteValue,
    &MissingAttribute,
    &ObsoleteAttribute,
    &MissingVariable,
    &UnknownVariable,
    &UnknownReference,
    &MissingReference,
    &ObsoleteReference,
    &ReferenceCycle,
    &PluralCategories,
    &DuplicateVariant,
    &ReplacementCharacter,
    &RegisterMix,
    &RegisterLocale,
    &SalutationBanned,
    &SalutationRegister,
    &ClosingBanned,
    &ClosingRegister,
    &Calque,
    &LeakedIdentifier,
    &ProjectRules,
    &RenderError,
];

/// Every rule, in registry order: the checks' rules, then the one about
/// the suppressions of the others.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    CHECKS
        .iter()
        .flat_map(|check| check.rules().iter().copied())
        .chain([&UnusedSuppression::META])
}

/// Every rule's documentation as one Markdown page: `docs/rules.md`.
pub fn markdown(rules: &[&RuleMeta]) -> String {
    let mut page = String::from(
        "# Rules\n\n\
         Generated by `etiquette rules --format markdown`; a test keeps it in step with\n\
         the code. `etiquette explain RULE` prints one rule's section.\n\n\
         | rule | default | fires when |\n|---|---|---|\n",
    );
    for rule in rules {
        page.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} |\n",
            rule.severity,
            rule.summary.replace('|', "\\|"),
            id = rule.id
        ));
    }
    for rule in rules {
        page.push_str(&format!(
            "\n## {}\n\n{} by default: {}.\n\n",
            rule.id, rule.severity, rule.summary
        ));
        let mut in_code = false;
        for line in rule.documentation().lines() {
            in_code ^= line.starts_with("```");
            // The rule's own sections sit one level below its heading; a
            // `#` in a code block is a Fluent comment.
            if !in_code && line.starts_with("## ") {
                page.push('#');
            }
            page.push_str(line);
            page.push('\n');
        }
    }
    page
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|rule| rule.id == id)
}

/// The known rule id closest to `id`, for "did you mean" hints.
pub fn closest(id: &str) -> Option<&'static str> {
    crate::suggest::closest(id, all().map(|rule| rule.id))
}

/// A part (value or attribute) of a translated message that the
/// reference's message has too, with both patterns.
pub(crate) struct TranslatedPart<'a> {
    pub file: &'a ParsedFile<'a>,
    pub message: &'a Message<&'a str>,
    /// `None` for the value.
    pub attribute: Option<&'a str>,
    pub pattern: &'a fluent_syntax::ast::Pattern<&'a str>,
    pub ref_file: &'a ParsedFile<'a>,
    pub ref_pattern: &'a fluent_syntax::ast::Pattern<&'a str>,
}

/// Every part of every [`translated_messages`] the reference also has (a
/// part it lacks is another rule's).
pub(crate) fn translated_parts<'a>(cx: &Context<'_, 'a>, mut each: impl FnMut(TranslatedPart<'a>)) {
    for (file, message, (ref_file, ref_message)) in translated_messages(cx) {
        let ref_attributes = AttributeIndex::new(&ref_message.attributes);
        for (attribute, pattern) in crate::syntax::patterns(message) {
            let name = attribute.map(|a| a.id.name);
            let ref_pattern = match name {
                None => ref_message.value.as_ref(),
                Some(name) => ref_attributes.get(name).map(|a| &a.value),
            };
            if let Some(ref_pattern) = ref_pattern {
                each(TranslatedPart {
                    file,
                    message,
                    attribute: name,
                    pattern,
                    ref_file,
                    ref_pattern,
                });
            }
        }
    }
}

/// The messages of this locale that the reference also has, each with the
/// reference message: `(file, message, (reference file, reference message))`.
/// Each file's first definition counts, beside the reference's message of
/// the same file where it has one (Thunderbird's chat protocols each
/// define `command-kick`); nothing when checking the reference itself.
pub(crate) fn translated_messages<'c, 'a>(
    cx: &'c Context<'_, 'a>,
) -> impl Iterator<Item = Translated<'a>> + 'c {
    let pairs = cx.translated.get_or_init(|| {
        let locale = cx.locale;
        let Some(reference) = cx.reference else {
            return Vec::new();
        };
        let duplicates = locale.has_duplicate_messages();
        locale
            .files
            .iter()
            .enumerate()
            .flat_map(move |(index, file)| {
                let reference_file = reference.file_index(&file.source.rel_path);
                file.messages().filter_map(move |message| {
                    let id = message.id.name;
                    if duplicates {
                        let (_, first) = locale.message_in_file(Some(index), id)?;
                        if !std::ptr::eq(first, message) {
                            return None;
                        }
                    }
                    let found = reference.message_in_file(reference_file, id)?;
                    Some((file, message, found))
                })
            })
            .collect()
    });
    pairs.iter().copied()
}

/// The findings of one rule in one email (or file), at most
/// [`MAX_LISTED`](crate::finding::MAX_LISTED): a file with a million
/// identifiers is one problem, and its report stays small. The last one
/// listed counts the rest. A finding at a place already listed (the same
/// marker read on several choices of variants) is listed once.
pub(crate) struct Listing<'a> {
    listed: Vec<RawFinding<'a>>,
    unlisted: usize,
    /// (file, start) of every finding so far.
    seen: rustc_hash::FxHashSet<(usize, usize)>,
    /// "email" or "file": what the count at the end is of.
    of: &'static str,
}

impl<'a> Listing<'a> {
    pub(crate) fn new(of: &'static str) -> Self {
        Listing {
            listed: Vec::new(),
            unlisted: 0,
            seen: Default::default(),
            of,
        }
    }

    /// Whether to make the finding at `start` of `file`: false when one was
    /// made there already, or past the listed ones (then it is counted).
    pub(crate) fn wants(&mut self, file: usize, start: usize) -> bool {
        if !self.seen.insert((file, start)) {
            return false;
        }
        if self.listed.len() < crate::finding::MAX_LISTED {
            return true;
        }
        self.unlisted += 1;
        false
    }

    /// How many more findings are listed.
    pub(crate) fn room(&self) -> usize {
        crate::finding::MAX_LISTED.saturating_sub(self.listed.len())
    }

    /// Lists a finding, or counts it past the listed ones.
    pub(crate) fn push(&mut self, finding: RawFinding<'a>) {
        if self.listed.len() < crate::finding::MAX_LISTED {
            self.listed.push(finding);
        } else {
            self.unlisted += 1;
        }
    }

    /// Counts `more` findings that were not made.
    pub(crate) fn skip(&mut self, more: usize) {
        self.unlisted += more;
    }

    /// The findings listed, the last one counting the rest.
    pub(crate) fn finish(mut self) -> Vec<RawFinding<'a>> {
        if self.unlisted > 0
            && let Some(last) = self.listed.last_mut()
        {
            let more = match self.of {
                "email" => format!(
                    " (and {} more findings in this email, not listed)",
                    self.unlisted
                ),
                of => format!(" (and {} more in this {of}, not listed)", self.unlisted),
            };
            last.message.push_str(&more);
        }
        self.listed
    }
}

/// Up to this many attributes, an entry's are found by a scan; beyond, by
/// a map (a message with 60,000 attributes is not checked in quadratic time).
const FEW_ATTRIBUTES: usize = 8;

/// An entry's attributes by name, as Fluent finds them: the first of a name.
pub(crate) struct AttributeIndex<'m, 's> {
    attributes: &'m [Attribute<&'s str>],
    by_name: Option<crate::syntax::TextMap<&'s str, &'m Attribute<&'s str>>>,
}

impl<'m, 's> AttributeIndex<'m, 's> {
    pub(crate) fn new(attributes: &'m [Attribute<&'s str>]) -> Self {
        let by_name = (attributes.len() > FEW_ATTRIBUTES).then(|| {
            let mut map = crate::syntax::TextMap::with_capacity_and_hasher(
                attributes.len(),
                Default::default(),
            );
            for attribute in attributes {
                map.entry(attribute.id.name).or_insert(attribute);
            }
            map
        });
        AttributeIndex {
            attributes,
            by_name,
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'m Attribute<&'s str>> {
        match &self.by_name {
            Some(map) => map.get(name).copied(),
            None => crate::syntax::attribute(self.attributes, name),
        }
    }
}

/// Which rules run, and at which severity.
#[derive(Clone, Debug)]
pub struct Selection {
    enabled: BTreeSet<&'static str>,
    severity: BTreeMap<&'static str, Severity>,
}

/// A `--select`, `--ignore` or `[severity]` entry that names no rule.
#[derive(Debug, thiserror::Error)]
#[error("`{given}` names no rule{}", hint.map(|h| format!("; did you mean `{h}`?")).unwrap_or_default())]
pub struct UnknownRule {
    pub given: String,
    pub hint: Option<&'static str>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            enabled: all().map(|rule| rule.id).collect(),
            severity: all().map(|rule| (rule.id, rule.severity)).collect(),
        }
    }
}

impl Selection {
    /// `select` (empty = every rule), minus `ignore`, with `[severity]`
    /// overrides applied (`off` disables a rule). An entry matches a rule id
    /// or, as a prefix, every `prefix-*` rule.
    pub fn new(
        select: &[String],
        ignore: &[String],
        overrides: &BTreeMap<String, Level>,
    ) -> Result<Selection, UnknownRule> {
        let builtin: Vec<&'static RuleMeta> = all().collect();
        Selection::for_rules(&builtin, select, ignore, overrides)
    }

    /// The same over `rules`: the built-in rules and a project's own.
    pub fn for_rules(
        rules: &[&'static RuleMeta],
        select: &[String],
        ignore: &[String],
        overrides: &BTreeMap<String, Level>,
    ) -> Result<Selection, UnknownRule> {
        let matching = |pattern: &str| matching(rules, pattern);
        let mut selection = Selection {
            enabled: rules.iter().map(|rule| rule.id).collect(),
            severity: rules.iter().map(|rule| (rule.id, rule.severity)).collect(),
        };
        if !select.is_empty() {
            selection.enabled.clear();
            for pattern in select {
                selection.enabled.extend(matching(pattern)?);
            }
        }
        for pattern in ignore {
            for id in matching(pattern)? {
                selection.enabled.remove(id);
            }
        }
        for (pattern, level) in overrides {
            for id in matching(pattern)? {
                match level.severity() {
                    Some(severity) => {
                        selection.severity.insert(id, severity);
                    }
                    None => {
                        selection.enabled.remove(id);
                    }
                }
            }
        }
        Ok(selection)
    }

    pub fn is_enabled(&self, id: &str) -> bool {
        self.enabled.contains(id)
    }

    /// The severity a finding of `rule` gets: the configured severity, or the
    /// finding's own lower one.
    pub fn severity(&self, rule: &RuleMeta, own: Option<Severity>) -> Severity {
        let configured = self.severity.get(rule.id).copied().unwrap_or(rule.severity);
        match own {
            Some(own) => own.min(configured),
            None => configured,
        }
    }
}

/// The rule ids `pattern` selects: itself, or every `pattern-*` id.
fn matching(rules: &[&'static RuleMeta], pattern: &str) -> Result<Vec<&'static str>, UnknownRule> {
    let pattern = pattern.trim();
    let ids: Vec<_> = rules
        .iter()
        .map(|rule| rule.id)
        .filter(|id| {
            *id == pattern
                || id
                    .strip_prefix(pattern)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
        .collect();
    if ids.is_empty() {
        return Err(UnknownRule {
            given: pattern.to_owned(),
            hint: closest(pattern),
        });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = BTreeSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate id {}", rule.id);
            assert!(
                rule.id
                    .split('-')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
                "{} is not kebab-case",
                rule.id
            );
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(rule.docs.contains(heading), "{} lacks `{heading}`", rule.id);
            }
            assert!(
                !rule.summary.ends_with('.'),
                "{} summary ends with a period",
                rule.id
            );
        }
    }

    #[test]
    fn a_prefix_selects_a_family() {
        let selection = Selection::new(&["missing".into()], &[], &BTreeMap::new()).unwrap();
        assert!(selection.is_enabled("missing-message"));
        assert!(selection.is_enabled("missing-variable"));
        assert!(!selection.is_enabled("obsolete-message"));
    }

    #[test]
    fn ignore_and_off() {
        let overrides = BTreeMap::from([("plural-categories".to_string(), Level::Off)]);
        let selection = Selection::new(&[], &["obsolete".into()], &overrides).unwrap();
        assert!(!selection.is_enabled("obsolete-message"));
        assert!(!selection.is_enabled("plural-categories"));
        assert!(selection.is_enabled("missing-message"));
    }

    #[test]
    fn unknown_rule_gets_a_hint() {
        let error = Selection::new(&["mising-message".into()], &[], &BTreeMap::new()).unwrap_err();
        assert_eq!(error.hint, Some("missing-message"));
    }

    #[test]
    fn own_severity_is_never_raised() {
        let overrides = BTreeMap::from([("missing-message".to_string(), Level::Warning)]);
        let selection = Selection::new(&[], &[], &overrides).unwrap();
        let rule = &MissingMessage::META;
        assert_eq!(selection.severity(rule, None), Severity::Warning);
        assert_eq!(
            selection.severity(rule, Some(Severity::Info)),
            Severity::Info
        );
        assert_eq!(
            selection.severity(rule, Some(Severity::Error)),
            Severity::Warning
        );
    }
}
