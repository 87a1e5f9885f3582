//! The performance workload: all of Firefox's Fluent files, 28 locales and
//! the en-US reference (`../shared/corpora/firefox-l10n`, or the folder in
//! `ETIQUETTE_CORPUS`).
//!
//! `cargo bench --bench workload` measures, in one run:
//! - `parse_only`: reading and parsing every file with fluent-syntax on one
//!   thread, doing nothing else: what no checker can beat;
//! - `check_tree`: `etiquette check` of the whole tree, every rule on;
//! - `check_locales`: the same for the reference and the first N locales,
//!   for how time grows with locales;
//! - `render_tree`: every file of every locale rendered as an email.
//!
//! Divide `check_tree` by `parse_only` for the ratio; `cargo bench --bench ratio`
//! measures it in back-to-back pairs, which a drifting machine disturbs less.

#![allow(clippy::print_stderr)]

mod common;

use common::{corpus, ftl_files};
use divan::Bencher;
use etiquette::check::{CheckOptions, check};
use etiquette::project::Project;
use etiquette::render::{SampleArgs, render_each};

fn main() {
    if !corpus().is_dir() {
        eprintln!(
            "no corpus at {}: set ETIQUETTE_CORPUS to the firefox-l10n folder",
            corpus().display()
        );
        return;
    }
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn parse_only(bencher: Bencher) {
    let files = ftl_files(&corpus());
    bencher.bench(|| common::parse_only(&files));
}

#[divan::bench(sample_count = 10)]
fn check_tree(bencher: Bencher) {
    let project = Project::discover(&corpus(), None).unwrap();
    let options = CheckOptions::default();
    bencher.bench(|| check(&project, &options).unwrap().findings.len());
}

#[divan::bench(sample_count = 5, args = [1, 4, 16, 28])]
fn check_locales(bencher: Bencher, locales: usize) {
    let project = Project::discover(&corpus(), None).unwrap();
    let options = CheckOptions {
        locales: project
            .locales
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != project.reference)
            .take(locales)
            .map(|(_, dir)| dir.name.clone())
            .collect(),
        ..CheckOptions::default()
    };
    bencher.bench(|| check(&project, &options).unwrap().findings.len());
}

#[divan::bench(sample_count = 5)]
fn render_tree(bencher: Bencher) {
    let project = Project::discover(&corpus(), None).unwrap();
    let locales: Vec<usize> = (0..project.locales.len()).collect();
    let args = SampleArgs::default();
    bencher.bench(|| {
        let mut emails = 0;
        render_each(&project, &locales, &[], &args, Default::default(), |_| {
            emails += 1
        });
        emails
    });
}
