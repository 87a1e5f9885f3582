//! A rendered message as HTML a reviewer's browser can show safely: its
//! markup through ammonia (no script, no handler, no style, nothing loaded
//! from the network, links opened in a new tab without a referrer), its
//! text as text, and the findings marked at their words.
//!
//! Everything written here is inert on a terminal and a CI runner too: the
//! page goes to standard output, so no raw line break (a line of template
//! text cannot start a workflow command), no `##[`, no control character.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

/// A finding to mark in a message: the bytes of the rendered text it
/// covers, and the HTML of its note (already escaped).
pub(super) struct Mark {
    pub(super) range: Range<usize>,
    pub(super) class: &'static str,
    pub(super) note: String,
}

/// Where marks start and end before the markup is sanitized: private-use
/// characters, taken out of the text first.
const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';

/// `text` (a rendered message, which may hold HTML) as a safe fragment,
/// with `marks` (sorted, not overlapping, each inside one run of text)
/// around their words, and whether they were placed: all are, or none,
/// when sanitizing dropped or moved one.
pub(super) fn message_html(text: &str, marks: &[Mark]) -> (String, bool) {
    let mut raw = String::with_capacity(text.len() + 2 * marks.len());
    let mut at = 0;
    let push_text = |raw: &mut String, piece: &str| {
        raw.extend(piece.chars().map(|c| match c {
            OPEN | CLOSE => '\u{fffd}',
            c => c,
        }));
    };
    for mark in marks {
        push_text(&mut raw, &text[at..mark.range.start]);
        raw.push(OPEN);
        push_text(&mut raw, &text[mark.range.clone()]);
        raw.push(CLOSE);
        at = mark.range.end;
    }
    push_text(&mut raw, &text[at..]);
    let clean = if raw.contains(['<', '&']) {
        sanitizer().clean(&raw).to_string()
    } else {
        escape_markup(&raw)
    };
    let placed = marks_in_text(&clean, marks.len());
    let mut out = String::with_capacity(clean.len());
    let mut opened = 0;
    for c in clean.chars() {
        match (c, marks.get(opened)) {
            (OPEN, Some(mark)) if placed => {
                let _ = write!(out, "<mark class=\"{}\" tabindex=\"0\">", mark.class);
            }
            (CLOSE, Some(mark)) if placed => {
                let _ = write!(
                    out,
                    "<span class=\"note\" role=\"tooltip\">{}</span></mark>",
                    mark.note
                );
                opened += 1;
            }
            (OPEN | CLOSE, _) => {}
            (c, _) => push_inert(&mut out, c),
        }
    }
    (defuse(out), placed)
}

/// Whether the sanitized `html` has exactly `count` marks, each opened
/// and closed in text, none inside a tag (where an attribute value holds
/// text that looked like text before sanitizing).
fn marks_in_text(html: &str, count: usize) -> bool {
    let (mut in_tag, mut in_value, mut open, mut seen) = (false, false, false, 0);
    for c in html.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '"' if in_tag => in_value = !in_value,
            '>' if in_tag && !in_value => in_tag = false,
            OPEN | CLOSE if in_tag => return false,
            OPEN if !open => open = true,
            CLOSE if open => {
                open = false;
                seen += 1;
            }
            OPEN | CLOSE => return false,
            _ => {}
        }
    }
    !open && seen == count
}

/// `text` escaped for HTML text and attribute values, inert.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_markup(text).chars() {
        push_inert(&mut out, c);
    }
    defuse(out)
}

/// `text` with the characters HTML reads as markup escaped.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Pushes `c`, written so that it acts on no terminal and breaks no line:
/// line breaks as character references (the browser reads them as line
/// breaks), bidirectional controls too (the browser still applies them,
/// as the customer's mail client would), other control characters shown
/// as `\u{1b}`.
fn push_inert(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("&#10;"),
        '\r' => out.push_str("&#13;"),
        '\t' => out.push('\t'),
        '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            let _ = write!(out, "&#x{:x};", u32::from(c));
        }
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// The old workflow-command form, `##[`, anywhere in a line: its first
/// `#` as a character reference, which reads the same.
fn defuse(text: String) -> String {
    if text.contains("##[") {
        text.replace("##[", "&#35;#[")
    } else {
        text
    }
}

/// The markup a message may show. Tags and attributes are ammonia's
/// defaults (no script, style, form, frame or event handler; no `style` or
/// `class` attribute) plus the `data-l10n-name` of Fluent's DOM overlays;
/// links open in a new tab, without referrer or opener, and only to
/// http(s) and mail addresses; images keep their `alt` and lose their
/// `src`, so that nothing is loaded from the network.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["data-l10n-name"])
            .url_schemes(["http", "https", "mailto"].into())
            .link_rel(Some("noopener noreferrer nofollow"))
            .set_tag_attribute_value("a", "target", "_blank")
            .attribute_filter(|_, attribute, value| {
                // The marks' sentinels belong in text only.
                (!matches!(attribute, "src" | "srcset"))
                    .then(|| value.replace([OPEN, CLOSE], "\u{fffd}").into())
            });
        builder
    })
}

/// Where `word` is in `text`, first from `from` on: whole words (not a
/// part of a longer one), outside any tag, not overlapping `taken`.
pub(super) fn locate(text: &str, word: &str, taken: &[Range<usize>]) -> Option<Range<usize>> {
    if word.is_empty() || word.contains([OPEN, CLOSE, '<', '>']) {
        return None;
    }
    let tags = tag_ranges(text);
    let alphanumeric_at = |i: usize, before: bool| {
        let c = if before {
            text[..i].chars().next_back()
        } else {
            text[i..].chars().next()
        };
        c.is_some_and(char::is_alphanumeric)
    };
    let starts_word = word.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = word.chars().next_back().is_some_and(char::is_alphanumeric);
    text.match_indices(word)
        .map(|(start, _)| start..start + word.len())
        .find(|range| {
            let inside_a_word = (starts_word && alphanumeric_at(range.start, true))
                || (ends_word && alphanumeric_at(range.end, false));
            !inside_a_word
                && !tags.iter().any(|tag| overlaps(tag, range))
                && !taken.iter().any(|other| overlaps(other, range))
        })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The byte ranges of what looks like a tag or a comment, `<` to `>`.
fn tag_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let end = memchr::memchr(b'>', &bytes[open..]).map_or(bytes.len(), |i| open + i + 1);
        ranges.push(open..end);
        at = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>) -> Mark {
        Mark {
            range,
            class: "error",
            note: "note".into(),
        }
    }

    #[test]
    fn text_is_escaped_and_marked() {
        let text = "Hoi & \"u\"";
        let (html, placed) = message_html(text, &[mark(0..3)]);
        assert!(placed);
        assert_eq!(
            html,
            "<mark class=\"error\" tabindex=\"0\">Hoi<span class=\"note\" role=\"tooltip\">note</span></mark> &amp; \"u\""
        );
    }

    #[test]
    fn markup_is_sanitized_around_marks() {
        let text = "Klik <a href=\"https://x.example\" onclick=\"evil()\">hier</a> als je wilt<script>alert(1)</script><img src=\"https://tracker.example/p.gif\" onerror=\"evil()\" alt=\"logo\">";
        let word = locate(text, "je", &[]).unwrap();
        let (html, placed) = message_html(text, &[mark(word)]);
        assert!(placed, "{html}");
        for gone in ["onclick", "onerror", "script", "evil", "tracker", "src="] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        assert!(html.contains("alt=\"logo\""), "{html}");
        assert!(
            html.contains("<mark class=\"error\" tabindex=\"0\">je<span"),
            "{html}"
        );
    }

    #[test]
    fn a_word_is_found_whole_and_outside_tags() {
        let text = "<b title=\"je\">jeugd</b> je";
        assert_eq!(locate(text, "je", &[]), Some(text.len() - 2..text.len()));
        let last = text.len() - 2..text.len();
        assert_eq!(locate(text, "je", std::slice::from_ref(&last)), None);
    }

    #[test]
    fn nothing_written_acts_on_a_terminal_or_a_runner() {
        let text = "a\n::error file=x::forged\u{1b}]52;c;x\u{7}##[group]\u{202e}";
        let (html, _) = message_html(text, &[]);
        assert!(
            !html.contains(['\n', '\u{1b}', '\u{7}', '\u{202e}']),
            "{html}"
        );
        assert!(!html.contains("##["), "{html}");
        let (html, _) = message_html(&format!("<b>{text}</b>"), &[]);
        assert!(
            !html.contains(['\n', '\u{1b}', '\u{7}', '\u{202e}']),
            "{html}"
        );
        assert!(!escape(text).contains(['\n', '\u{1b}']));
    }

    #[test]
    fn a_mark_that_sanitizing_puts_in_an_attribute_is_not_placed() {
        // `>` in a quoted value: the word looked like text, and is not.
        let text = "<a title=\"a>Lieve\" href=\"https://x.example\">x</a> &#xe000;";
        let word = locate(text, "Lieve", &[]).unwrap();
        let (html, placed) = message_html(text, &[mark(word)]);
        assert!(!placed, "{html}");
        assert!(
            !html.contains("<mark") && !html.contains(['\u{e000}', '\u{e001}']),
            "{html}"
        );
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn marks_that_sanitizing_drops_are_not_placed() {
        let text = "<script>je</script> u";
        let (html, placed) = message_html(text, &[mark(8..10)]);
        assert!(!placed);
        assert!(!html.contains("mark") && !html.contains("je"), "{html}");
    }
}
