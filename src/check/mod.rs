//! `etiquette check`: every locale is read, parsed, checked and dropped in
//! turn (two at a time on two cores), against a reference kept in memory.
pub mod fixes;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;
use serde::Serialize;

use std::path::PathBuf;

use crate::analysis::Analysis;
use crate::analysis::register::Declared;
use crate::finding::{Finding, RawFinding, Severity};
use crate::packs::Packs;
use crate::project::config::Config;
use crate::project::emails::EmailIndex;
use crate::project::locale::LocaleModel;
use crate::project::suppression::Suppressions;
use crate::project::{LocaleDir, Project, ReadError};
use crate::render::SampleArgs;
use crate::rules::{
    CHECKS, ClosingBanned, ClosingRegister, Context, RegisterLocale, RegisterMix, RenderError,
    RuleMeta, SalutationBanned, SalutationRegister, Selection, Settings, UnusedSuppression,
};

/// What a check run looks at, beyond the project: what the rules are
/// given, and which locales are checked.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub settings: Settings,
    /// Check only these locales (folder names or tags); empty checks all.
    pub locales: Vec<String>,
    /// The process exits when the run is done (the command line): the last
    /// locales and the reference are left to the operating system instead
    /// of being freed, which takes a few milliseconds that a one-locale run
    /// would wait for. Locales before them are freed as the run goes.
    pub exit_after: bool,
}

impl CheckOptions {
    /// The options `config` sets: rule selection with its severity
    /// overrides, language packs (whose examples must hold), declared
    /// registers, email grouping, and the sample arguments of its `args`.
    pub fn from_config(config: &Config) -> Result<CheckOptions, crate::Error> {
        let folders: Vec<PathBuf> = config
            .rule_packs
            .iter()
            .map(|p| config.resolve_inside("rule-packs", p))
            .collect::<Result<_, _>>()?;
        let builtin: Vec<&str> = crate::rules::all().map(|rule| rule.id).collect();
        let packs = Packs::load(&folders, &builtin)?;
        crate::rules::examples::check_project_packs(&packs)?;
        let source = config.path.as_deref().map_or_else(
            || crate::project::config::FILE_NAME.to_string(),
            crate::project::display_path,
        );
        let mut settings = Settings {
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
                Some(path) => Some(SampleArgs::read(&config.resolve_inside("args", path)?)?),
                None => None,
            },
            render: crate::render::RenderOptions {
                runtime: config.render.runtime,
                time_zone: config.render.time_zone,
                isolate: false,
            },
        };
        let known: Vec<&str> = settings.rules().iter().map(|r| r.id).collect();
        config.validate_rules(&known)?;
        settings.select(&[], &[], &config.severities())?;
        Ok(CheckOptions {
            settings,
            locales: Vec::new(),
            exit_after: false,
        })
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
    /// Files that could not be read: the run went on without them.
    pub unread: usize,
    /// Findings `--fix` fixes.
    pub fixable: usize,
    /// Findings only `--unsafe-fixes` fixes.
    pub unsafe_fixable: usize,
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

/// Checks the project's locales against its reference and collects the
/// whole report. [`check_each`] hands the findings over locale by locale.
pub fn check(
    project: &Project,
    options: &CheckOptions,
) -> Result<Report, crate::project::ProjectError> {
    check_each(project, options, |locales| {
        let mut report = Report::default();
        for locale in locales {
            report.summary.add(&locale);
            report.findings.extend(locale.findings);
            report.read_errors.extend(locale.read_errors);
        }
        report.read_errors.sort_by(|a, b| a.path.cmp(&b.path));
        report
    })
}

/// One locale's part of a report.
#[derive(Debug, Default)]
pub struct LocaleReport {
    /// Sorted by file, byte offset, rule.
    pub findings: Vec<Finding>,
    pub files: usize,
    pub messages: usize,
    /// Files that could not be read; the run went on without them.
    pub read_errors: Vec<ReadError>,
}

/// Checks the project's locales against its reference on every core and
/// hands `consume` each locale's findings in report order (by file), as soon
/// as the locales before it are done. Memory holds the reference and the
/// locales in flight, never the whole tree; whatever `consume` does not keep
/// is freed as it goes.
pub fn check_each<R>(
    project: &Project,
    options: &CheckOptions,
    consume: impl FnOnce(&mut dyn Iterator<Item = LocaleReport>) -> R,
) -> Result<R, crate::project::ProjectError> {
    let order = locale_order(project, &options.locales)?;
    // A single locale is read and parsed beside the reference: walking a
    // folder and indexing a locale are one core's work each, and a CI gate
    // on one locale waits for both. (With more locales the cores are busy
    // anyway, and reading one ahead made the whole tree's run slower.)
    let reference_dir = project.reference();
    let first = match order[..] {
        [index] if index != project.reference => Some(&project.locales[index]),
        _ => None,
    };
    let ((reference_sources, reference_errors), (first_sources, first_errors)) = rayon::join(
        || reference_dir.read_files(),
        || first.map(LocaleDir::read_files).unzip(),
    );
    let (reference, first_model) = rayon::join(
        || LocaleModel::new(reference_dir, &reference_sources),
        || Some(LocaleModel::new(first?, first_sources.as_ref()?)),
    );
    let run = Run {
        project,
        options,
        order,
        next: AtomicUsize::new(0),
        reference_errors: Mutex::new(reference_errors),
        first: Mutex::new(first_model.zip(first_errors)),
    };
    // Called from inside a rayon pool, waiting for the pool's workers could
    // wait forever: check one locale after the other instead.
    let result = if rayon::current_thread_index().is_some() {
        consume(&mut (0..run.order.len()).map(|position| {
            let mut report = LocaleReport::default();
            run.work(position, &reference, &mut |outcome| report = outcome);
            report
        }))
    } else {
        run.on_workers(reference, consume)
    };
    if options.exit_after {
        std::mem::forget(reference_sources);
        std::mem::forget(first_sources);
    }
    Ok(result)
}

/// The indices of the locales to check (`names`, or every locale), in the
/// order of their folders' paths (`pt-BR/` before `pt/`): the order
/// findings sort by.
fn locale_order(
    project: &Project,
    names: &[String],
) -> Result<Vec<usize>, crate::project::ProjectError> {
    let mut wanted = BTreeSet::new();
    for name in names {
        wanted.insert(project.locale_index(name)?);
    }
    let mut order: Vec<(String, usize)> = (0..project.locales.len())
        .filter(|i| wanted.is_empty() || wanted.contains(i))
        .map(|i| {
            let path = crate::project::display_path(&project.locales[i].path);
            (format!("{}/", path.trim_end_matches('/')), i)
        })
        .collect();
    order.sort();
    Ok(order.into_iter().map(|(_, index)| index).collect())
}

/// A check run in progress: the locales to check, and what the workers
/// share.
struct Run<'r, 's> {
    project: &'r Project,
    options: &'r CheckOptions,
    /// Locale indices, in report order.
    order: Vec<usize>,
    /// The position in `order` of the next locale a worker takes.
    next: AtomicUsize,
    /// The reference's read errors, reported with its findings.
    reference_errors: Mutex<Vec<ReadError>>,
    /// The only locale, when one is checked, read beside the reference.
    first: Mutex<Option<(LocaleModel<'s>, Vec<ReadError>)>>,
}

impl Run<'_, '_> {
    /// Checks the locale at `position` of the order and hands its report to
    /// `deliver` before its files are freed, so that the caller writes
    /// while the worker frees.
    fn work(
        &self,
        position: usize,
        reference: &LocaleModel<'_>,
        deliver: &mut dyn FnMut(LocaleReport),
    ) {
        let options = self.options;
        let index = self.order[position];
        let last = || options.exit_after && self.next.load(Ordering::Relaxed) >= self.order.len();
        let mut check = |model: &LocaleModel, read_errors| {
            let mut outcome = check_locale(model, Some(reference), options);
            outcome.read_errors = read_errors;
            deliver(outcome);
        };
        if index == self.project.reference {
            let mut outcome = check_locale(reference, None, options);
            outcome.read_errors = std::mem::take(&mut *lock(&self.reference_errors));
            deliver(outcome);
        } else if let Some((model, errors)) =
            (position == 0).then(|| lock(&self.first).take()).flatten()
        {
            check(&model, errors);
            if last() {
                // No locale is left to take: nothing needs the memory back.
                std::mem::forget(model);
            }
        } else {
            let dir = &self.project.locales[index];
            let (sources, errors) = dir.read_files();
            let model = LocaleModel::new(dir, &sources);
            check(&model, errors);
            if last() {
                std::mem::forget(model);
                std::mem::forget(sources);
            }
        }
    }

    /// Checks the locales on the pool's workers and hands `consume` their
    /// reports in order.
    fn on_workers<R>(
        &self,
        reference: LocaleModel<'_>,
        consume: impl FnOnce(&mut dyn Iterator<Item = LocaleReport>) -> R,
    ) -> R {
        let (sender, receiver) = std::sync::mpsc::channel();
        // Set when `consume` returns early (a closed pipe): what is left undone.
        let stopped = AtomicBool::new(false);
        // One task per worker, each taking the next locale when it is done
        // with one: a worker that waits inside a locale's own parallel work
        // may pick up another task, but there are never more locales in
        // memory than tasks.
        rayon::in_place_scope(|scope| {
            // The last task to finish frees the reference, while the caller
            // writes the last locale.
            let reference = Arc::new(reference);
            if self.options.exit_after {
                std::mem::forget(Arc::clone(&reference));
            }
            for _ in 0..rayon::current_num_threads().min(self.order.len()) {
                let (sender, reference) = (sender.clone(), Arc::clone(&reference));
                let stopped = &stopped;
                scope.spawn(move |_| {
                    while !stopped.load(Ordering::Relaxed) {
                        let position = self.next.fetch_add(1, Ordering::Relaxed);
                        if position >= self.order.len() {
                            break;
                        }
                        self.work(position, &reference, &mut |report| {
                            // The receiver is gone only when `consume` has
                            // returned.
                            let _ = sender.send((position, report));
                        });
                    }
                });
            }
            drop((sender, reference));
            let result = consume(&mut InOrder {
                receiver,
                early: BTreeMap::new(),
                next: 0,
                len: self.order.len(),
            });
            stopped.store(true, Ordering::Relaxed);
            result
        })
    }
}

/// Locale reports in report order, from workers that finish in any order.
struct InOrder {
    receiver: std::sync::mpsc::Receiver<(usize, LocaleReport)>,
    /// Reports that arrived before the ones ahead of them.
    early: BTreeMap<usize, LocaleReport>,
    next: usize,
    /// How many reports there are: the last one ends the iteration without
    /// waiting for the workers to free their locales.
    len: usize,
}

impl Iterator for InOrder {
    type Item = LocaleReport;

    fn next(&mut self) -> Option<LocaleReport> {
        if self.next == self.len {
            return None;
        }
        loop {
            if let Some(report) = self.early.remove(&self.next) {
                self.next += 1;
                return Some(report);
            }
            let (position, report) = self.receiver.recv().ok()?;
            self.early.insert(position, report);
        }
    }
}

impl Summary {
    /// Counts a locale's report in.
    pub fn add(&mut self, locale: &LocaleReport) {
        self.locales += 1;
        self.files += locale.files;
        self.messages += locale.messages;
        self.unread += locale.read_errors.iter().filter(|e| !e.skipped).count();
        for finding in &locale.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            if finding.fix_to_apply(false).is_some() {
                self.fixable += 1;
            } else if finding.fix_to_apply(true).is_some() {
                self.unsafe_fixable += 1;
            }
        }
    }
}

/// Runs every selected check on one locale and resolves the findings while
/// its files are in memory.
fn check_locale(
    locale: &LocaleModel<'_>,
    reference: Option<&LocaleModel<'_>>,
    options: &CheckOptions,
) -> LocaleReport {
    let settings = &options.settings;
    let selection = &settings.selection;
    // A built-in pack is parsed the first time a locale needs it: not for a
    // run without the rules that read the address.
    let reads_address = ADDRESS_RULES
        .iter()
        .any(|rule| selection.is_enabled(rule.id));
    let pack = reads_address
        .then(|| settings.packs.for_locale(locale.langid))
        .flatten();
    let mut analysis = Analysis::new(locale, pack);
    let reads_address = pack.is_some();
    let renders = settings.sample_args.is_some() && selection.is_enabled(RenderError::META.id);
    // What the findings are resolved with is made beside the emails and
    // the reading of their address.
    let (suppressions, emails) = rayon::join(
        || {
            if reads_address || renders {
                analysis.group_emails(&settings.emails);
            }
            if reads_address {
                analysis.read_registers(declared(locale, settings), reference);
            }
        },
        || {
            (
                Suppressions::new(locale),
                EmailIndex::new(locale, &settings.emails),
            )
        },
    )
    .1;
    let cx = Context::new(locale, reference, settings, &analysis);
    let findings_made: Vec<Vec<RawFinding>> = CHECKS
        .par_iter()
        .filter(|check| check.runs(&cx))
        .map(|check| {
            let mut out = Vec::new();
            check.check(&cx, &mut out);
            out
        })
        .collect();
    // The model is freed before the findings are resolved: the two are
    // never held at once.
    drop(cx);
    drop(analysis);
    // Resolving (lines, snippets, fingerprints) is per finding: both cores,
    // in the same order, however the findings fall among the checks (one
    // missing-message finding per untranslated string).
    let mut findings: Vec<Finding> = findings_made
        .into_par_iter()
        .flatten()
        .filter(|d| selection.is_enabled(d.rule.id) && !suppressions.silences(d))
        .map(|mut d| {
            if d.email.is_none()
                && let Some(file) = locale
                    .file_index(&d.source.rel_path)
                    .filter(|&i| std::ptr::eq(locale.files[i].source, d.source))
            {
                d.email = emails.email(file, &d.source.rel_path, d.message_id.as_deref());
            }
            let severity = selection.severity(d.rule, d.severity);
            d.resolve(locale.name, severity)
        })
        .collect();
    if selection.is_enabled(UnusedSuppression::META.id) {
        let rules = settings.rules();
        findings.extend(
            crate::rules::unused(&suppressions, &rules, selection)
                .into_iter()
                .map(|d| {
                    let severity = selection.severity(d.rule, d.severity);
                    d.resolve(locale.name, severity)
                }),
        );
    }
    findings.par_sort_by(Finding::order);
    // An email template that includes a shared footer reports the footer's
    // findings once per email; keep one.
    findings.dedup_by(|b, a| {
        a.file == b.file
            && a.span == b.span
            && a.rule == b.rule
            && a.message_id == b.message_id
            && a.attribute == b.attribute
    });
    LocaleReport {
        findings,
        files: locale.files.len(),
        messages: locale.message_count(),
        read_errors: Vec::new(),
    }
}

/// The rules that read the register of each email.
const ADDRESS_RULES: [&RuleMeta; 6] = [
    &RegisterMix::META,
    &RegisterLocale::META,
    &SalutationBanned::META,
    &SalutationRegister::META,
    &ClosingBanned::META,
    &ClosingRegister::META,
];

/// The register the configuration declares for `locale`, when
/// `register-locale` is to report what does not use it.
fn declared(locale: &LocaleModel<'_>, settings: &Settings) -> Option<Declared> {
    if !settings.selection.is_enabled(RegisterLocale::META.id) {
        return None;
    }
    let (register, source) = settings.declared_register(locale.name, locale.langid)?;
    Some(Declared::Locale { register, source })
}

/// A lock that a panicked holder did not spoil: what it guards is taken
/// whole or not at all.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
