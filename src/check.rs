//! `etiquette check`: every locale is read, parsed, checked and dropped in
//! turn (two at a time on two cores), against a reference kept in memory.

use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use std::path::PathBuf;

use crate::config::{Config, Emails, Level, Register};
use crate::emails::EmailIndex;
use crate::finding::{Diagnostic, Finding, Place, Severity};
use crate::fluent::{ParsedFile, comment_lines};
use crate::model::LocaleModel;
use crate::packs::Packs;
use crate::project::{LocaleDir, Project, ReadError};
use crate::render::SampleArgs;
use crate::rules::{CHECKS, Context, RuleMeta, Selection, UnknownRule};

/// What a check run looks at, beyond the project.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Check only these locales (folder names or tags); empty checks all.
    pub locales: Vec<String>,
    pub selection: Selection,
    /// The language packs.
    pub packs: Packs,
    /// Declared registers by locale tag, with where each was declared.
    pub registers: BTreeMap<String, (Register, String)>,
    /// How messages group into emails.
    pub emails: Emails,
    /// Constants `leaked-identifier` lets through.
    pub allowed_identifiers: Vec<String>,
    /// Sample arguments; with them, `render-error` renders every email.
    pub sample_args: Option<SampleArgs>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            locales: Vec::new(),
            selection: Selection::default(),
            packs: Packs::builtin(),
            registers: BTreeMap::new(),
            emails: Emails::default(),
            allowed_identifiers: Vec::new(),
            sample_args: None,
        }
    }
}

impl CheckOptions {
    /// The options `config` sets: rule selection with its severity
    /// overrides, language packs, declared registers, email grouping, and
    /// the sample arguments of its `args`.
    pub fn from_config(config: &Config) -> Result<CheckOptions, crate::Error> {
        let folders: Vec<PathBuf> = config
            .rule_packs
            .iter()
            .map(|p| config.resolve(p))
            .collect();
        let packs = Packs::load(&folders)?;
        let source = config.path.as_deref().map_or_else(
            || crate::config::FILE_NAME.to_string(),
            crate::project::display_path,
        );
        let mut options = CheckOptions {
            locales: Vec::new(),
            selection: Selection::default(),
            packs,
            registers: config
                .registers()
                .into_iter()
                .map(|(locale, register)| (locale, (register, source.clone())))
                .collect(),
            emails: config.emails.clone(),
            allowed_identifiers: config.leaked_identifier.allow.clone(),
            sample_args: match &config.args {
                Some(path) => Some(SampleArgs::read(&config.resolve(path))?),
                None => None,
            },
        };
        let known: Vec<&str> = options.rules().iter().map(|r| r.id).collect();
        config.validate_rules(&known)?;
        options.select(&[], &[], &config.severities())?;
        Ok(options)
    }

    /// Every rule of the run: the built-in ones and the project's own.
    pub fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::all()
            .chain(self.packs.rules().map(|r| r.meta))
            .collect()
    }

    /// Runs only `select` (empty = every rule), minus `ignore`, with the
    /// severity overrides of the config.
    pub fn select(
        &mut self,
        select: &[String],
        ignore: &[String],
        overrides: &BTreeMap<String, Level>,
    ) -> Result<(), UnknownRule> {
        self.selection = Selection::for_rules(&self.rules(), select, ignore, overrides)?;
        Ok(())
    }

    /// The register declared for a locale: for its own tag, else for a
    /// less specific one (`nl` covers `nl-BE`).
    pub fn declared_register(
        &self,
        name: &str,
        langid: &LanguageIdentifier,
    ) -> Option<(Register, String)> {
        if let Some(found) = self.registers.get(name) {
            return Some(found.clone());
        }
        crate::packs::fallbacks(langid)
            .iter()
            .find_map(|tag| {
                self.registers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            })
            .map(|(_, v)| v.clone())
    }
}

/// The outcome of a check run.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file, byte offset, rule.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Files that could not be read; the run went on without them.
    pub read_errors: Vec<ReadError>,
}

/// Counts for the end of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub locales: usize,
    pub files: usize,
    pub messages: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings the baseline accepted and the report leaves out.
    pub baselined: usize,
}

impl Report {
    /// The number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Checks the project's locales against its reference.
pub fn check(
    project: &Project,
    options: &CheckOptions,
) -> Result<Report, crate::project::ProjectError> {
    let mut wanted = BTreeSet::new();
    for name in &options.locales {
        wanted.insert(project.locale_index(name)?);
    }
    let checked = |i: usize| wanted.is_empty() || wanted.contains(&i);

    let reference_dir = project.reference();
    let (reference_sources, reference_errors) = reference_dir.read_files();
    let reference = LocaleModel::new(reference_dir, &reference_sources);

    let others: Vec<&LocaleDir> = project
        .locales
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != project.reference && checked(i))
        .map(|(_, dir)| dir)
        .collect();
    let mut outcomes: Vec<LocaleOutcome> = others
        .par_iter()
        .map(|dir| {
            let (sources, errors) = dir.read_files();
            let model = LocaleModel::new(dir, &sources);
            let mut outcome = check_locale(&model, Some(&reference), options);
            outcome.read_errors = errors;
            outcome
        })
        .collect();
    if checked(project.reference) {
        let mut outcome = check_locale(&reference, None, options);
        outcome.read_errors = reference_errors;
        outcomes.push(outcome);
    }

    let mut report = Report::default();
    for outcome in outcomes {
        report.summary.locales += 1;
        report.summary.files += outcome.files;
        report.summary.messages += outcome.messages;
        report.findings.extend(outcome.findings);
        report.read_errors.extend(outcome.read_errors);
    }
    report.findings.sort_by(Finding::order);
    // An email template that includes a shared footer reports the footer's
    // findings once per email; keep one.
    report.findings.dedup_by(|b, a| {
        a.file == b.file
            && a.span == b.span
            && a.rule == b.rule
            && a.message_id == b.message_id
            && a.attribute == b.attribute
    });
    report.read_errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.summary.errors = report.count(Severity::Error);
    report.summary.warnings = report.count(Severity::Warning);
    report.summary.infos = report.count(Severity::Info);
    Ok(report)
}

/// What one locale yields.
#[derive(Default)]
struct LocaleOutcome {
    findings: Vec<Finding>,
    files: usize,
    messages: usize,
    read_errors: Vec<ReadError>,
}

/// Runs every selected check on one locale and resolves the findings while
/// its files are in memory.
fn check_locale(
    locale: &LocaleModel<'_>,
    reference: Option<&LocaleModel<'_>>,
    options: &CheckOptions,
) -> LocaleOutcome {
    let selection = &options.selection;
    let cx = Context {
        locale,
        reference,
        options,
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for check in CHECKS {
        if check.runs(&cx) {
            check.check(&cx, &mut diagnostics);
        }
    }
    let suppressions = Suppressions::new(locale);
    let emails = EmailIndex::new(locale, &options.emails);
    let findings = diagnostics
        .into_iter()
        .filter(|d| selection.is_enabled(d.rule.id) && !suppressions.silences(d))
        .map(|mut d| {
            if d.email.is_none()
                && let Some((file, rel_path)) = match &d.place {
                    Place::Source(source) => locale
                        .files
                        .iter()
                        .position(|f| std::ptr::eq(f.source, *source))
                        .map(|i| (i, source.rel_path.as_str())),
                    Place::Missing { .. } => None,
                }
            {
                d.email = emails.email(file, rel_path, d.message_id.as_deref());
            }
            let severity = selection.severity(d.rule, d.severity);
            d.resolve(locale.name, severity)
        })
        .collect();
    LocaleOutcome {
        findings,
        files: locale.files.len(),
        messages: locale.message_count(),
        read_errors: Vec::new(),
    }
}

/// `# etiquette-ignore[: rules]` on a message and
/// `### etiquette-ignore-file: rules` in a file.
struct Suppressions<'a> {
    /// By file path: the rules silenced for the whole file (`None` = all).
    files: HashMap<&'a str, Vec<Option<Vec<&'a str>>>>,
    /// By (file path, message id).
    messages: HashMap<(&'a str, &'a str), Vec<Option<Vec<&'a str>>>>,
}

impl<'a> Suppressions<'a> {
    fn new(locale: &'a LocaleModel<'a>) -> Self {
        let mut files: HashMap<&str, Vec<Option<Vec<&str>>>> = HashMap::default();
        let mut messages: HashMap<(&str, &str), Vec<Option<Vec<&str>>>> = HashMap::default();
        for file in &locale.files {
            let path = file.source.path.as_str();
            for comment in file.resource_comments() {
                for line in &comment.content {
                    if let Some(rules) = directive(line, "etiquette-ignore-file") {
                        files.entry(path).or_default().push(rules);
                    }
                }
            }
            collect_message_suppressions(file, &mut messages);
        }
        Suppressions { files, messages }
    }

    fn silences(&self, diagnostic: &Diagnostic) -> bool {
        let Place::Source(source) = &diagnostic.place else {
            return false;
        };
        let id = diagnostic.rule.id;
        let matches = |rules: &Option<Vec<&str>>| match rules {
            None => true,
            Some(rules) => rules
                .iter()
                .any(|r| *r == id || id.strip_prefix(r).is_some_and(|rest| rest.starts_with('-'))),
        };
        let path = source.path.as_str();
        if self
            .files
            .get(path)
            .is_some_and(|all| all.iter().any(matches))
        {
            return true;
        }
        let Some(message) = diagnostic.message_id.as_deref() else {
            return false;
        };
        self.messages
            .get(&(path, message))
            .is_some_and(|all| all.iter().any(matches))
    }
}

fn collect_message_suppressions<'a>(
    file: &'a ParsedFile<'a>,
    into: &mut HashMap<(&'a str, &'a str), Vec<Option<Vec<&'a str>>>>,
) {
    use fluent_syntax::ast::Entry;
    for entry in &file.resource.body {
        let (name, dash, comment) = match entry {
            Entry::Message(m) => (m.id.name, false, m.comment.as_ref()),
            Entry::Term(t) => (t.id.name, true, t.comment.as_ref()),
            _ => continue,
        };
        for line in comment_lines(comment) {
            if let Some(rules) = directive(line, "etiquette-ignore") {
                // Findings name terms with their dash.
                let span = file.term_span(name);
                let id = if dash { &file.source.text[span] } else { name };
                into.entry((file.source.path.as_str(), id))
                    .or_default()
                    .push(rules);
            }
        }
    }
}

/// Parses `NAME` or `NAME: rule, rule` in a comment line: `None` inside the
/// result means every rule.
fn directive<'a>(line: &'a str, name: &str) -> Option<Option<Vec<&'a str>>> {
    let rest = line.trim().strip_prefix(name)?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(None);
    }
    let list = rest.strip_prefix(':')?;
    let rules: Vec<&str> = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    Some(if rules.is_empty() { None } else { Some(rules) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            directive("etiquette-ignore", "etiquette-ignore"),
            Some(None)
        );
        assert_eq!(
            directive(
                " etiquette-ignore: register-mix, missing ",
                "etiquette-ignore"
            ),
            Some(Some(vec!["register-mix", "missing"]))
        );
        assert_eq!(
            directive("etiquette-ignore-file: x", "etiquette-ignore"),
            None
        );
        assert_eq!(directive("something else", "etiquette-ignore"), None);
    }
}
