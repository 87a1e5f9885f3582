//! What the fuzz targets share: a scratch project per process, and the
//! inertness every output must have.

use std::path::PathBuf;
use std::sync::OnceLock;

/// The scratch project of this process, `en/email.ftl` and `nl/email.ftl`
/// rewritten with `reference` and `translation`.
pub fn scratch(reference: &[u8], translation: &[u8]) -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
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
    });
    std::fs::write(root.join("en/email.ftl"), reference).unwrap();
    std::fs::write(root.join("nl/email.ftl"), translation).unwrap();
    root
}

/// Panics when `output` has a line a GitHub runner takes for a workflow
/// command that etiquette did not write as one (`workflow` allows those of
/// `--format github`), or a character a terminal acts on.
pub fn assert_inert(output: &[u8], workflow: bool) {
    let text = String::from_utf8_lossy(output);
    for line in text.lines() {
        let own = workflow && line.starts_with("::") && line.contains("title=etiquette ");
        assert!(own || !line.trim_start().starts_with("::"), "{line:?}");
        assert!(!line.contains("##["), "{line:?}");
        assert!(
            !line.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{line:?}"
        );
    }
}
