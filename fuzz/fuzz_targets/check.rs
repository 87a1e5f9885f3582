//! load → check → render on arbitrary bytes. The input is split at 0xFF
//! bytes (never valid UTF-8) into the reference file, the translation and
//! the sample arguments:
//!
//! `cargo +nightly fuzz run -s none check fuzz/seeds`: etiquette forbids
//! unsafe code, so AddressSanitizer has nothing to find and would make each
//! run six times slower.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use etiquette::check::{CheckOptions, check};
use etiquette::project::Project;
use etiquette::render::{SampleArgs, render_each};
use libfuzzer_sys::fuzz_target;

/// One scratch project per process, rewritten for every input.
fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("etiquette-fuzz-{}", std::process::id()));
        for locale in ["en", "nl"] {
            std::fs::create_dir_all(root.join(locale)).unwrap();
        }
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let reference = parts.next().unwrap_or_default();
    let translation = parts.next().unwrap_or_default();
    let args = parts.next();
    let root = root();
    std::fs::write(root.join("en/email.ftl"), reference).unwrap();
    std::fs::write(root.join("nl/email.ftl"), translation).unwrap();

    let project = Project::discover(root, None).unwrap();
    // The built-in packs are parsed once, not per input.
    static OPTIONS: OnceLock<CheckOptions> = OnceLock::new();
    let mut options = OPTIONS.get_or_init(CheckOptions::default).clone();
    let samples = args
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(|text| SampleArgs::parse_toml(text, "args.toml").ok());
    options.sample_args = samples.clone();
    let report = check(&project, &options).unwrap();
    for finding in &report.findings {
        assert!(finding.span.start <= finding.span.end);
        assert!(finding.start.line >= 1 && finding.start.column >= 1);
    }
    let locales: Vec<usize> = (0..project.locales.len()).collect();
    let samples = samples.unwrap_or_default();
    render_each(&project, &locales, &[], &samples, false, |rendered| {
        let _ = rendered.to_string();
    });
});
