//! Parser errors in words a translator understands: the tab used as
//! indentation, the `{` never closed, the select without a default.

use std::ops::Range;

use fluent_syntax::parser::{ErrorKind, ParserError};

use super::parse::ParseError;
use super::source::{SourceFile, floor_char_boundary};

/// Turns a parser error into a message a translator understands.
pub(super) fn explain(source: &SourceFile, error: &ParserError) -> ParseError {
    let base = source.body_start();
    let body = source.body();
    let pos = floor_char_boundary(body, error.pos.start)
        ..floor_char_boundary(body, error.pos.end.max(error.pos.start));
    let entry = error
        .slice
        .clone()
        .map(|s| floor_char_boundary(body, s.start)..floor_char_boundary(body, s.end.max(s.start)))
        .unwrap_or_else(|| pos.clone());
    let entry_text = &body[entry.clone()];
    let entry_id = leading_id(entry_text);
    let shift = |r: Range<usize>| base + r.start..base + r.end;

    // A tab at the start of a line inside the entry is the most common cause of
    // a broken entry, and the parser's own words ("Expected a message field")
    // do not say so.
    if let Some(tab) = indentation_tab(entry_text) {
        let at = entry.start + tab;
        return ParseError {
            span: shift(at..at + 1),
            entry_id,
            message: "a tab is used as indentation; Fluent only accepts spaces".into(),
            label: Some("this is a tab".into()),
            help: Some("replace the tab with spaces".into()),
        };
    }

    let broken = BrokenEntry {
        body,
        entry: entry.clone(),
        pos,
        id: entry_id.as_deref().unwrap_or("this entry"),
    };
    let (message, help, span) = match &error.kind {
        ErrorKind::ExpectedToken(c) => expected_token(*c, &broken),
        kind => described(kind, &broken),
    };
    let label = match &error.kind {
        ErrorKind::ExpectedToken('}') => Some("opened here".to_string()),
        ErrorKind::MissingDefaultVariant => {
            Some("no variant of this select starts with `*`".to_string())
        }
        _ => None,
    };
    ParseError {
        span: shift(within(span, entry, entry_text)),
        entry_id,
        message,
        label,
        help,
    }
}

/// `span`, or the entry's last character when the parser found the error
/// past the entry's text (on the next line, at the end of the file): the
/// line to fix is the entry's.
fn within(span: Range<usize>, entry: Range<usize>, entry_text: &str) -> Range<usize> {
    let text = entry_text.trim_end();
    match text.chars().next_back() {
        Some(last) if span.start >= entry.start + text.len() => {
            let end = entry.start + text.len();
            end - last.len_utf8()..end
        }
        _ => span,
    }
}

/// Where a parser error is: the text of the file's body, the broken entry
/// and the error's own range in it, and the entry's id for messages.
struct BrokenEntry<'b> {
    body: &'b str,
    entry: Range<usize>,
    pos: Range<usize>,
    id: &'b str,
}

impl BrokenEntry<'_> {
    fn text(&self) -> &str {
        &self.body[self.entry.clone()]
    }
}

/// A message, a help and the range it points at.
type Wording = (String, Option<String>, Range<usize>);

/// The words for a missing character the parser expected.
fn expected_token(c: char, broken: &BrokenEntry<'_>) -> Wording {
    match c {
        '}' => match unclosed_brace(broken.text()) {
            Some(open) => (
                "this `{` is never closed".to_string(),
                Some("close the placeable with `}` on the same line".to_string()),
                broken.entry.start + open..broken.entry.start + open + 1,
            ),
            None => (
                "a placeable is not closed".to_string(),
                Some("close the placeable with `}`".to_string()),
                broken.pos.clone(),
            ),
        },
        '=' => (
            format!("`{}` is not followed by `=`", broken.id),
            Some("a message is written `id = text`; indent continuation lines with spaces".into()),
            broken.pos.clone(),
        ),
        ' ' if broken.text().starts_with("####") => (
            "a comment starts with more than three `#`".into(),
            Some("Fluent comments start with `#`, `##` or `###` and a space".into()),
            broken.entry.start
                ..broken.entry.start + broken.text().len()
                    - broken.text().trim_start_matches('#').len(),
        ),
        ' ' if broken.text().starts_with('#') => (
            "a comment needs a space after its `#`".into(),
            Some("write `# comment`".into()),
            broken.pos.clone(),
        ),
        c => (format!("expected `{c}` here"), None, broken.pos.clone()),
    }
}

/// The words for every other parser error.
fn described(kind: &ErrorKind, broken: &BrokenEntry<'_>) -> Wording {
    match kind {
        ErrorKind::ExpectedMessageField { entry_id } => (
            format!("message `{entry_id}` has no text"),
            Some("write the text after `=`, or give the message an attribute".into()),
            broken.pos.clone(),
        ),
        ErrorKind::ExpectedTermField { entry_id } => (
            format!("term `-{entry_id}` has no text"),
            Some("a term needs a value after `=`".into()),
            broken.pos.clone(),
        ),
        ErrorKind::MissingDefaultVariant => (
            "this select has no default variant".into(),
            Some("mark one variant as the default with `*`, as in `*[other]`".into()),
            match unclosed_brace(
                &broken.body[broken.entry.start..broken.pos.start.max(broken.entry.start)],
            ) {
                Some(open) => broken.entry.start + open..broken.entry.start + open + 1,
                None => broken.pos.clone(),
            },
        ),
        ErrorKind::MultipleDefaultVariants => (
            "this select has more than one default variant".into(),
            Some("keep the `*` on one variant only".into()),
            broken.pos.clone(),
        ),
        ErrorKind::MissingValue => (
            "this attribute has no text".into(),
            Some("write the text after `=`".into()),
            broken.pos.clone(),
        ),
        ErrorKind::UnbalancedClosingBrace => (
            "this `}` closes nothing".into(),
            Some("remove it, or write a literal brace as `{ \"}\" }`".into()),
            broken.pos.clone(),
        ),
        ErrorKind::UnterminatedStringLiteral => (
            "a string literal is not closed".into(),
            Some("close it with `\"` on the same line".into()),
            broken.pos.clone(),
        ),
        ErrorKind::ExpectedInlineExpression => (
            "this placeable does not hold a variable, message, term or literal".into(),
            Some("write `{ $variable }`, `{ message-id }`, `{ -term }` or `{ \"text\" }`".into()),
            broken.pos.clone(),
        ),
        ErrorKind::UnknownEscapeSequence(seq) => (
            format!("unknown escape sequence `{seq}`"),
            Some("string literals know only `\\\\`, `\\\"`, `\\uHHHH` and `\\UHHHHHH`".into()),
            broken.pos.clone(),
        ),
        ErrorKind::InvalidUnicodeEscapeSequence(seq) => (
            format!("invalid unicode escape `{seq}`"),
            Some("write `\\u` and four hex digits, or `\\U` and six".into()),
            broken.pos.clone(),
        ),
        ErrorKind::ExpectedCharRange { range } if broken.entry.start == broken.pos.start => (
            "this line is not a message, term or comment".into(),
            Some(format!(
                "an id starts with a letter ({range}); indent continuation lines with spaces"
            )),
            broken.pos.clone(),
        ),
        other => (
            lowercase_first(&other.to_string()),
            None,
            broken.pos.clone(),
        ),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id a broken entry starts with (`-term` keeps its dash), if any.
fn leading_id(entry: &str) -> Option<String> {
    let (dash, rest) = match entry.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", entry),
    };
    let first = rest.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Some(format!("{dash}{}", &rest[..end]))
}

/// The offset of a tab that starts a line (after the first) in `entry`.
fn indentation_tab(entry: &str) -> Option<usize> {
    let mut offset = 0;
    for line in entry.split_inclusive('\n') {
        if offset > 0 {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if let Some(tab) = line[..indent].find('\t') {
                return Some(offset + tab);
            }
        }
        offset += line.len();
    }
    None
}

/// The offset of the last `{` in `entry` that is never closed.
fn unclosed_brace(entry: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in entry.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            '"' if !open.is_empty() => in_string = true,
            _ => {}
        }
    }
    open.pop()
}
