//! What the fuzz targets share: a scratch project per process, and the
//! inertness every output must have.

use std::path::PathBuf;
use std::sync::OnceLock;

/// The locales a translation is checked as, in turn: Dutch, and the
/// languages whose packs read a `su` or a verb beside the reference.
const LOCALES: [&str; 4] = ["nl", "es", "it", "pt-PT"];

/// The scratch project of this process for the translation's locale, one
/// of [`LOCALES`] told by the reference's length: `en/email.ftl` and
/// `<locale>/email.ftl` rewritten with `reference` and `translation`.
pub fn scratch(reference: &[u8], translation: &[u8]) -> &'static PathBuf {
    static ROOTS: [OnceLock<PathBuf>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
    let index = reference.len() % LOCALES.len();
    let locale = LOCALES[index];
    let root = ROOTS[index].get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("etiquette-fuzz-{}-{locale}", std::process::id()));
        for dir in ["en", locale] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        root
    });
    std::fs::write(root.join("en/email.ftl"), reference).unwrap();
    std::fs::write(root.join(locale).join("email.ftl"), translation).unwrap();
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

/// Panics when the review page `html` has a script element but its own
/// one, or any element with an event handler (`on…=`), a `src` or a
/// `style` attribute.
pub fn assert_safe_page(html: &str) {
    let mut scripts = 0;
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        let rest = &html[open + 1..];
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        at = open + 1;
        if name_end == 0 {
            continue;
        }
        if rest[..name_end].eq_ignore_ascii_case("script") {
            scripts += 1;
        }
        let (names, length) = attributes(&rest[name_end..]);
        for name in names {
            let lower = name.to_ascii_lowercase();
            assert!(
                !lower.starts_with("on") && lower != "src" && lower != "style",
                "{name} in {}",
                &html[open..]
            );
        }
        at = open + 1 + name_end + length;
    }
    assert_eq!(scripts, 1, "the page's own script only");
}

/// The attribute names of a start tag, from after its name, and how long
/// the tag is from there to its `>`; values in double quotes, as
/// html5ever and the page write them.
fn attributes(tag: &str) -> (Vec<&str>, usize) {
    let mut names = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return (names, tag.len() - rest.len());
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
            .unwrap_or(rest.len());
        names.push(&rest[..end]);
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            rest = value.find('"').map_or("", |close| &value[close + 1..]);
        }
    }
}
