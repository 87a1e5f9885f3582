//! What etiquette loads besides templates, on arbitrary bytes: the config,
//! sample arguments (TOML and JSON) and a project language pack. No crash,
//! and an error message is one inert line that quotes no value it read.
//!
//! `cargo +nightly fuzz run -s none load fuzz/seeds/load -- -max_len=65536`
#![no_main]

use etiquette::project::config::Config;
use etiquette::packs::Pack;
use etiquette::render::SampleArgs;
use etiquette_fuzz::assert_inert;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let errors = [
        Config::parse(text).err(),
        SampleArgs::parse_toml(text, "args.toml").err().map(|e| e.to_string()),
        SampleArgs::parse_json(text, "args.json").err().map(|e| e.to_string()),
        Pack::parse("rules/xx.toml", text).err().map(|e| e.to_string()),
    ];
    for error in errors.into_iter().flatten() {
        let shown = etiquette::printable::line(&error);
        assert!(!shown.contains('\n'));
        assert_inert(shown.as_bytes(), false);
    }
});
