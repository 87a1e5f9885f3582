//! `etiquette check` of the whole Firefox tree against reading and parsing
//! every file on one thread (`parse_only`), measured in pairs: each pair runs
//! both back to back, in alternating order, so that a shared machine slowing
//! down or speeding up moves both sides of a ratio alike. The median of the
//! pairs' ratios is the figure docs/benchmarks.md reports.
//!
//! ```sh
//! cargo bench --bench ratio            # 15 pairs; RATIO_PAIRS=N for more
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

use std::time::{Duration, Instant};

use common::{corpus, ftl_files, parse_only};
use etiquette::check::{CheckOptions, check};
use etiquette::project::Project;

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less
    // arguments; only a real `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let root = corpus();
    if !root.is_dir() {
        eprintln!(
            "no corpus at {}: set ETIQUETTE_CORPUS to the firefox-l10n folder",
            root.display()
        );
        return;
    }
    let pairs: usize = std::env::var("RATIO_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let files = ftl_files(&root);
    let project = Project::discover(&root, None).unwrap();
    let options = CheckOptions::default();
    let time = |run: &dyn Fn() -> usize| {
        let start = Instant::now();
        std::hint::black_box(run());
        start.elapsed()
    };
    let run_parse_only = || parse_only(&files);
    let run_check = || check(&project, &options).unwrap().findings.len();
    // Warm the file cache and the allocator.
    time(&run_parse_only);
    time(&run_check);

    let mut parse_times = Vec::with_capacity(pairs);
    let mut checks = Vec::with_capacity(pairs);
    let mut ratios = Vec::with_capacity(pairs);
    for pair in 0..pairs {
        let (f, c) = if pair % 2 == 0 {
            let f = time(&run_parse_only);
            (f, time(&run_check))
        } else {
            let c = time(&run_check);
            (time(&run_parse_only), c)
        };
        parse_times.push(f);
        checks.push(c);
        ratios.push(c.as_secs_f64() / f.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "{} files, {pairs} pairs on {} threads",
        files.len(),
        rayon::current_num_threads()
    );
    println!("parse_only  median {:>8.1?}", median(&mut parse_times));
    println!("check_tree  median {:>8.1?}", median(&mut checks));
    println!(
        "check_tree / parse_only: median {:.2}x (pairs from {:.2}x to {:.2}x)",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
