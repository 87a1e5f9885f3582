//! load → check → every report format → the review page with the
//! findings marked → the fixes, on arbitrary bytes. The input is
//! split at 0xFF bytes (never valid UTF-8) into the reference file, the
//! translation and the sample arguments. Besides not crashing, every
//! report must be inert: no line a CI runner would take for a workflow
//! command, no control character a terminal would act on.
//!
//! `cargo +nightly fuzz run -s none check fuzz/seeds/check -- -max_len=65536`
//! (docs/fuzzing.md).
#![no_main]

use std::sync::OnceLock;

use etiquette::check::{CheckOptions, check};
use etiquette::project::Project;
use etiquette::render::SampleArgs;
use etiquette::render::render_each;
use etiquette::report;
use etiquette::review::Review;
use etiquette_fuzz::{assert_inert, assert_safe_page, scratch};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let reference = parts.next().unwrap_or_default();
    let translation = parts.next().unwrap_or_default();
    let args = parts.next();
    let root = scratch(reference, translation);

    let mut project = Project::discover(root, None).unwrap();
    // The built-in packs are parsed once, not per input.
    static OPTIONS: OnceLock<CheckOptions> = OnceLock::new();
    let mut options = OPTIONS.get_or_init(CheckOptions::default).clone();
    options.settings.sample_args = args
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(|text| SampleArgs::parse_toml(text, "args.toml").ok());
    let report = check(&project, &options).unwrap();
    for finding in &report.findings {
        assert!(finding.span.start <= finding.span.end);
        assert!(finding.start.line >= 1 && finding.start.column >= 1);
    }
    let summary = || report.summary;
    let mut out = Vec::new();
    report::write_human(report.findings.iter(), summary, false, &mut out).unwrap();
    report::write_short(report.findings.iter(), summary, false, &mut out).unwrap();
    report::write_github(report.findings.iter(), &mut out).unwrap();
    assert_inert(&out, true);
    for json in [
        {
            let mut out = Vec::new();
            report::write_json(report.findings.iter(), summary, &mut out).unwrap();
            out
        },
        {
            // The rules' descriptors are the same for every input: the
            // results are what the input shapes.
            let mut out = Vec::new();
            report::write_sarif(report.findings.iter(), &[], &options.settings.selection, &mut out)
                .unwrap();
            out
        },
    ] {
        assert_inert(&json, false);
        serde_json::from_slice::<serde_json::Value>(&json).expect("valid JSON");
    }
    // The review page, the findings marked in the rendered text.
    let names: Vec<String> = project.locales.iter().map(|l| l.name.clone()).collect();
    let mut review = Review::new(&project.reference().name, &names, None);
    let locales: Vec<usize> = (0..project.locales.len()).collect();
    let samples = options.settings.sample_args.clone().unwrap_or_default();
    render_each(&project, &locales, &[], &samples, Default::default(), |r| review.add(r));
    review.add_findings(report.findings.iter().cloned());
    let mut page = Vec::new();
    review.write(&mut page).unwrap();
    assert_inert(&page, false);
    assert_safe_page(&String::from_utf8(page).expect("UTF-8"));
    // The fixes, applied in memory (nothing is written), every kind.
    if report.summary.fixable + report.summary.unsafe_fixable > 0 {
        let fixed = etiquette::check::fixes::fix(&mut project, &options, true).unwrap();
        for change in fixed.files.values() {
            assert_ne!(change.before, change.after);
        }
    }
});
