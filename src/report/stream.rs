//! A run's findings as a report writes them: one at a time, locale by
//! locale, without those a baseline accepts or the user did not name, with
//! what went by counted.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use crate::baseline::{Baseline, Remaining};
use crate::check::{LocaleReport, Summary};
use crate::finding::{Finding, Severity};
use crate::project::ReadError;

/// A run's findings one at a time, locale by locale, without those a
/// baseline accepts. The [`Tally`] counts what has gone by.
pub struct Stream<'i> {
    locales: &'i mut dyn Iterator<Item = LocaleReport>,
    baseline: Option<Remaining>,
    /// Findings outside what the user named (files given as arguments)
    /// are left out before anything counts them.
    only: Option<&'i dyn Fn(&Finding) -> bool>,
    current: std::vec::IntoIter<Finding>,
    tally: &'i Tally,
}

/// The summary and the read errors of what a [`Stream`] has delivered.
#[derive(Debug, Default)]
pub struct Tally {
    summary: Cell<Summary>,
    read_errors: RefCell<Vec<ReadError>>,
    counts: RefCell<Counts>,
}

/// Findings by locale, rule and severity.
pub type Counts = BTreeMap<(String, &'static str, Severity), usize>;

impl Tally {
    pub fn summary(&self) -> Summary {
        self.summary.get()
    }

    /// The findings delivered so far, counted by locale, rule and severity.
    pub fn counts(&self) -> Counts {
        self.counts.borrow().clone()
    }

    /// The files that could not be read, sorted by path.
    pub fn into_read_errors(self) -> Vec<ReadError> {
        let mut errors = self.read_errors.into_inner();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors
    }
}

impl<'i> Stream<'i> {
    pub fn new(
        locales: &'i mut dyn Iterator<Item = LocaleReport>,
        baseline: Option<&Baseline>,
        tally: &'i Tally,
    ) -> Self {
        Stream {
            locales,
            baseline: baseline.map(Baseline::remaining),
            only: None,
            current: Vec::new().into_iter(),
            tally,
        }
    }

    /// Delivers only the findings `keep` accepts.
    pub fn only(mut self, keep: &'i dyn Fn(&Finding) -> bool) -> Self {
        self.only = Some(keep);
        self
    }
}

impl Iterator for Stream<'_> {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        loop {
            if let Some(finding) = self.current.next() {
                return Some(finding);
            }
            let mut locale = self.locales.next()?;
            if let Some(keep) = self.only {
                locale.findings.retain(keep);
            }
            let mut summary = self.tally.summary.get();
            if let Some(baseline) = &mut self.baseline {
                summary.baselined += baseline.take(&mut locale.findings);
            }
            summary.add(&locale);
            let mut counts = self.tally.counts.borrow_mut();
            for finding in &locale.findings {
                *counts
                    .entry((finding.locale.clone(), finding.rule, finding.severity))
                    .or_default() += 1;
            }
            drop(counts);
            self.tally.summary.set(summary);
            self.tally
                .read_errors
                .borrow_mut()
                .append(&mut locale.read_errors);
            self.current = locale.findings.into_iter();
        }
    }
}
