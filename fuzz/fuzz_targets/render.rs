//! load → render, text, JSON and the review page, on arbitrary bytes split
//! as for `check` (reference, translation, sample arguments at 0xFF bytes):
//! no crash, the output is inert, and the page holds no script or event
//! handler but its own.
//!
//! `cargo +nightly fuzz run -s none render fuzz/seeds/check -- -max_len=65536`
#![no_main]

use etiquette::project::Project;
use etiquette::render::{SampleArgs, render_each, write_json};
use etiquette::review::Review;
use etiquette_fuzz::{assert_inert, assert_safe_page, scratch};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let reference = parts.next().unwrap_or_default();
    let translation = parts.next().unwrap_or_default();
    let args = parts.next();
    let root = scratch(reference, translation);
    let project = Project::discover(root, None).unwrap();
    let samples = args
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(|text| SampleArgs::parse_toml(text, "args.toml").ok())
        .unwrap_or_default();
    let locales: Vec<usize> = (0..project.locales.len()).collect();
    let mut emails = Vec::new();
    let mut text = String::new();
    render_each(&project, &locales, &[], &samples, Default::default(), |rendered| {
        text.push_str(&rendered.to_string());
        emails.push(rendered);
    });
    assert_inert(text.as_bytes(), true);
    let names: Vec<String> = project.locales.iter().map(|l| l.name.clone()).collect();
    let mut review = Review::new(&project.reference().name, &names, None);
    emails.iter().cloned().for_each(|rendered| review.add(rendered));
    let mut page = Vec::new();
    review.write(&mut page).unwrap();
    assert_inert(&page, false);
    assert_safe_page(&String::from_utf8(page).expect("UTF-8"));
    let mut json = Vec::new();
    write_json(emails.into_iter(), &mut json).unwrap();
    assert_inert(&json, false);
    serde_json::from_slice::<serde_json::Value>(&json).expect("valid JSON");
});
