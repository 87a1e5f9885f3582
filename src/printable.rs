//! What etiquette prints cannot act on whoever reads it. File names and
//! template text come from files a stranger may have written: printed raw,
//! a control character could clear a reviewer's screen or write their
//! clipboard, a bidirectional override could show text in another order
//! than it is, and a line that starts with `::` (or holds `##[`) is a
//! workflow command to a GitHub Actions runner. Each is shown visibly
//! instead, as `\u{1b}`.

use std::borrow::Cow;
use std::cell::RefCell;

use serde::Serialize;
use serde::ser::SerializeSeq;
use std::ops::Range;

/// `text` on one line: line breaks are shown as `\u{a}` too.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false, None).0
}

/// `text` with its line breaks kept; no line of it starts a workflow
/// command.
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true, None).0
}

/// [`lines`], and where the bytes `span` of `text` are in what it returns.
pub fn lines_with_span(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    let (escaped, span) = escape(text, true, Some(span));
    (escaped.into_owned(), span.unwrap_or(0..0))
}

/// Characters shown as escapes wherever etiquette prints text for people:
/// control characters but the tab (and the line break, where lines are
/// kept), and the bidirectional embeddings, overrides and isolates.
fn hidden(c: char, keep_line_breaks: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !keep_line_breaks,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{2028}' | '\u{2029}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Whether `text` holds a character that is [`hidden`], read as bytes: a
/// control byte, or the UTF-8 of U+0080–U+009F (`C2 80`–`C2 9F`), of
/// U+2028–U+202E (`E2 80 A8`–`E2 80 AE`) or of U+2066–U+2069 (`E2 81 A6`–
/// `E2 81 A9`). The same answer as asking each `char`, without decoding
/// them: output is mostly text with none.
fn has_hidden(text: &str, keep_line_breaks: bool) -> bool {
    let bytes = text.as_bytes();
    // The bytes that may start one, looked for first a chunk at a time,
    // with no branch per byte.
    let may_start = |byte: u8| byte < 0x20 || byte == 0x7f || byte == 0xc2 || byte == 0xe2;
    let none = bytes.chunks(64).all(|chunk| {
        !chunk
            .iter()
            .fold(false, |seen, &byte| seen | may_start(byte))
    });
    if none {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &byte)| match byte {
        b'\t' => false,
        b'\n' => !keep_line_breaks,
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// Whether `text` needs no change at all: the common case, answered
/// without allocating.
fn is_inert(text: &str, keep_line_breaks: bool) -> bool {
    !text.contains("##[") && !text.contains("::") && !has_hidden(text, keep_line_breaks)
}

fn escape(
    text: &str,
    keep_line_breaks: bool,
    span: Option<Range<usize>>,
) -> (Cow<'_, str>, Option<Range<usize>>) {
    if is_inert(text, keep_line_breaks) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut mapped = span.clone();
    let mut line_start = true;
    for (at, c) in text.char_indices() {
        if let Some(span) = &span {
            let mapped = mapped.as_mut().expect("mapped with the span");
            if at == span.start {
                mapped.start = out.len();
            }
            if at == span.end {
                mapped.end = out.len();
            }
        }
        let rest = &text[at..];
        if hidden(c, keep_line_breaks) {
            push_escape(&mut out, c);
        } else if (line_start && rest.starts_with("::")) || rest.starts_with("##[") {
            // The first character of the command's marker, so that the
            // line reads the same and commands nothing.
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
        if c == '\n' {
            line_start = keep_line_breaks;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    if let (Some(span), Some(mapped)) = (&span, mapped.as_mut()) {
        if span.start >= text.len() {
            mapped.start = out.len();
        }
        if span.end >= text.len() {
            mapped.end = out.len();
        }
    }
    (Cow::Owned(out), mapped)
}

fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// A pretty JSON formatter that also writes as `\uXXXX` what [`line()`]
/// shows as escapes (JSON itself escapes only the control characters below
/// 0x20) and the first `#` of every `##[`: the document means the same, and
/// no line of it commands a runner or a terminal.
#[derive(Default)]
pub struct JsonFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !fragment.contains("##[") && !has_hidden(fragment, true) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if hidden(c, true) || fragment[at..].starts_with("##[") {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON and a final newline, inert.
pub fn write_json<W: std::io::Write + ?Sized>(
    out: &mut W,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, JsonFormatter::default());
    value.serialize(&mut serializer)?;
    std::io::Write::write_all(&mut buffered, b"\n")?;
    buffered
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

/// [`write_json`] into a string.
pub fn json_string(value: &impl serde::Serialize) -> String {
    let mut out = Vec::new();
    // Writing to a vector fails only where serializing fails, and the
    // documents etiquette writes have string keys only.
    let _ = write_json(&mut out, value);
    String::from_utf8(out).unwrap_or_default()
}

/// A sequence serialized as it is pulled from an iterator, never held.
pub struct Sequence<I>(RefCell<Option<I>>);

impl<I> Sequence<I> {
    pub fn new(items: I) -> Self {
        Sequence(RefCell::new(Some(items)))
    }
}

impl<T: Serialize, I: Iterator<Item = T>> Serialize for Sequence<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0.borrow_mut().take().into_iter().flatten() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// A value made when it is written, after what comes before it.
pub struct Later<F>(pub F);

impl<T: Serialize, F: Fn() -> T> Serialize for Later<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (self.0)().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown() {
        assert_eq!(line("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(line("x\ny\r"), "x\\u{a}y\\u{d}");
        assert_eq!(lines("x\ny\r"), "x\ny\\u{d}");
        assert_eq!(
            line("\u{202e}txt.exe\u{9b}\u{7f}"),
            "\\u{202e}txt.exe\\u{9b}\\u{7f}"
        );
        assert_eq!(line("tab\there é"), "tab\there é");
        assert!(matches!(line("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_bytes_tell_what_the_characters_do() {
        // Every character, alone and between others: the byte reading
        // answers as the character reading does.
        let every = (0..=0x10ffff).filter_map(char::from_u32);
        for c in every {
            for keep in [false, true] {
                let expected = hidden(c, keep);
                for text in [c.to_string(), format!("a{c}é"), format!("\u{2027}{c}")] {
                    let by_chars = text.chars().any(|c| hidden(c, keep));
                    assert_eq!(has_hidden(&text, keep), by_chars, "{c:?} in {text:?}");
                }
                assert_eq!(has_hidden(&c.to_string(), keep), expected);
            }
        }
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        let forged = "x\n  ::error file=README.md::forged\n##[error]old\nok :: fine";
        let shown = lines(forged);
        assert_eq!(
            shown,
            "x\n  \\u{3a}:error file=README.md::forged\n\\u{23}#[error]old\nok :: fine"
        );
        for line in shown.lines() {
            assert!(!line.trim_start().starts_with("::") && !line.contains("##["));
        }
        assert_eq!(line("::warning::x"), "\\u{3a}:warning::x");
        assert_eq!(line("a\n::b"), "a\\u{a}::b");
    }

    #[test]
    fn a_span_follows_its_text() {
        let text = "\u{1b}ab\u{7}cd";
        let (shown, span) = lines_with_span(text, 3..5);
        assert_eq!(&shown[span], "\\u{7}c");
        let (shown, span) = lines_with_span(text, 6..6);
        assert_eq!(span, shown.len()..shown.len());
    }

    #[test]
    fn json_stays_valid_and_means_the_same() {
        let text = "a\u{1b}\u{9b}\u{202e}##[error]\u{2028}é\n";
        let written = json_string(&serde_json::json!({ "text": text }));
        assert!(!written.contains("##[") && !written.contains('\u{9b}'));
        let read: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(read["text"], text);
    }
}
