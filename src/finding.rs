//! What rules report. A rule builds a [`RawFinding`] that points into a
//! source file by byte range; the check turns it into a [`Finding`], with
//! lines, columns and the source lines a report shows, while the file is
//! still in memory.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::fix::{Fix, ResolvedFix};
use crate::syntax::{LineCol, SourceFile, floor_char_boundary};

/// Findings of one rule listed per email (per file for the rules about
/// written text); the last one listed counts the rest. A million leaked
/// identifiers in one email are one problem, and a report of them should
/// not be a gigabyte.
pub const MAX_LISTED: usize = 500;

/// What a rule is, for `etiquette rules`, `explain`, SARIF and config.
#[derive(Debug)]
pub struct RuleMeta {
    /// The kebab-case id that names the problem.
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `etiquette rules`.
    pub summary: &'static str,
    /// The rule's documentation, from its doc comment (Markdown).
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, without the space a doc comment puts
    /// before each line, ending with how to silence the rule.
    pub fn documentation(&self) -> String {
        let mut text = String::new();
        for line in self.docs.trim().lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text.push_str("\n## How to silence it\n");
        text.push_str(&self.silencing());
        text
    }

    /// The ways to silence the rule, in Markdown.
    fn silencing(&self) -> String {
        let id = self.id;
        let message = format!("- One message: a comment `# etiquette-ignore: {id}` above it.\n");
        let file = format!("- One file: a resource comment `### etiquette-ignore-file: {id}`.\n");
        let rest = format!(
            "- The project: `{id} = \"off\"` under `[severity]` in `etiquette.toml` \
             (or `\"warning\"`, `\"info\"` to report it lower).\n\
             - One run: `--ignore {id}`.\n\
             - The findings a project has today: `--write-baseline FILE` once, \
             then `--baseline FILE`.\n"
        );
        match id {
            // The finding is about a file that does not exist.
            "missing-file" => rest,
            // The finding is about a message the file lacks, or text that
            // is not a message.
            "missing-message" | "syntax-error" => format!("{file}{rest}"),
            _ => format!("{message}{file}{rest}"),
        }
    }

    /// The first paragraph of the documentation's "What it does", on one line.
    pub fn description(&self) -> String {
        let docs = self.documentation();
        let body = docs
            .split_once("## What it does\n")
            .map_or(docs.as_str(), |(_, rest)| rest);
        let paragraph = body.split("\n\n").next().unwrap_or_default();
        paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding while the source is still at hand.
#[derive(Clone, Debug)]
pub struct RawFinding<'a> {
    pub rule: &'static RuleMeta,
    /// A severity below the rule's own (French `vous` in a `tu` email is only
    /// `info`). `None` means the rule's severity, after config overrides.
    pub severity: Option<Severity>,
    /// The file it points into.
    pub source: &'a SourceFile,
    pub span: Range<usize>,
    pub message_id: Option<String>,
    pub attribute: Option<String>,
    pub email: Option<String>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    /// What the finding is about, for its fingerprint, when the span only
    /// anchors it (the id of a missing message); else the text at the span.
    pub subject: Option<String>,
    /// What to write instead, in the finding's file; alternatives, the
    /// preferred first.
    pub fixes: Vec<Fix>,
}

impl<'a> RawFinding<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        source: &'a SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        RawFinding {
            rule,
            severity: None,
            source,
            span,
            message_id: None,
            attribute: None,
            email: None,
            message: message.into(),
            label: None,
            help: None,
            subject: None,
            fixes: Vec::new(),
        }
    }

    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    pub fn attribute(mut self, attribute: Option<&str>) -> Self {
        self.attribute = attribute.map(str::to_owned);
        self
    }

    pub fn email(mut self, email: Option<&str>) -> Self {
        self.email = email.map(str::to_owned);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix, after the ones it has.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// What the finding is about, when the span only anchors it.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// The file's display path.
    pub fn path(&self) -> &str {
        &self.source.path
    }

    /// Resolves lines and columns and copies the lines a report shows.
    pub fn resolve(self, locale: &str, severity: Severity) -> Finding {
        let source = self.source;
        let start = source.line_col(self.span.start);
        let end = source.line_col(self.span.end);
        let snippet = Some(Snippet::new(source, &self.span, start, end));
        let rel_path = source.rel_path.as_str();
        let text = source.text.get(self.span.clone()).unwrap_or_default();
        let fingerprint = fingerprint(&Key {
            rule: self.rule.id,
            locale,
            file: rel_path,
            message_id: self.message_id.as_deref(),
            attribute: self.attribute.as_deref(),
            text: self.subject.as_deref().unwrap_or(text),
        });
        let file = self.path().to_owned();
        let fixes = self.fixes.iter().map(|fix| fix.resolve(source)).collect();
        Finding {
            rule: self.rule.id,
            severity,
            locale: locale.to_owned(),
            email: self.email,
            file,
            message_id: self.message_id,
            attribute: self.attribute,
            span: self.span,
            start,
            end,
            message: self.message,
            label: self.label,
            help: self.help,
            snippet,
            fingerprint,
            fixes,
        }
    }
}

/// A finding, ready for any report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub locale: String,
    pub email: Option<String>,
    pub file: String,
    pub message_id: Option<String>,
    pub attribute: Option<String>,
    pub span: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    /// The source lines the finding covers, for code frames.
    pub snippet: Option<Snippet>,
    /// Stable across runs and lines moving: see [`fingerprint`].
    pub fingerprint: String,
    /// What to write instead: alternatives, the preferred first.
    pub fixes: Vec<ResolvedFix>,
}

impl Finding {
    /// The fix `--fix` applies, with `--unsafe-fixes` when `unsafe_too`: the
    /// first one sure enough.
    pub fn fix_to_apply(&self, unsafe_too: bool) -> Option<&ResolvedFix> {
        let least = if unsafe_too {
            crate::fix::Applicability::Unsafe
        } else {
            crate::fix::Applicability::Safe
        };
        self.fixes.iter().find(|fix| fix.applicability >= least)
    }
}

impl Finding {
    /// The order of every report: file, then byte offset, then rule, then
    /// where it ends. Sorted stably, findings that tie keep the order their
    /// rule found them in: messages missing at one place come in the
    /// reference's order.
    pub fn order(&self, other: &Self) -> Ordering {
        (&self.file, self.span.start, self.rule, self.span.end).cmp(&(
            &other.file,
            other.span.start,
            other.rule,
            other.span.end,
        ))
    }
}

/// The lines of source a finding covers, with the finding's span relative to them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// 1-based number of the first line.
    pub first_line: usize,
    /// The lines, joined with `\n` (a `\r\n` in the file becomes `\n`).
    pub text: String,
    /// The span inside `text`.
    pub span: Range<usize>,
    /// Characters of the first line left out before `text`, when the lines
    /// were too long to copy whole; 0 otherwise.
    pub column_shift: usize,
}

/// Frames longer than this show their first lines only.
const MAX_SNIPPET_LINES: usize = 8;
/// Lines longer than this in all are cut to a window around the span.
const MAX_SNIPPET_BYTES: usize = 4096;
/// Bytes of context on each side of the span in such a window.
const SNIPPET_CONTEXT: usize = 200;

impl Snippet {
    fn new(source: &SourceFile, span: &Range<usize>, start: LineCol, end: LineCol) -> Self {
        let last = end.line.min(start.line + MAX_SNIPPET_LINES - 1);
        // The lines as (start offset, text), without a BOM.
        let lines: Vec<(usize, &str)> = (start.line..=last)
            .map(|line| {
                let (line_start, text) = (source.line_start(line), source.line_text(line));
                if line == 1 && source.body_start() > 0 {
                    let cut = source.body_start().min(text.len());
                    (line_start + cut, &text[cut..])
                } else {
                    (line_start, text)
                }
            })
            .collect();
        let total: usize = lines.iter().map(|(_, text)| text.len() + 1).sum();
        if total > MAX_SNIPPET_BYTES {
            // A 10 MB line is not copied into every finding on it: a window
            // around the span is.
            let (line_start, line) = lines[0];
            let at = span.start.saturating_sub(line_start).min(line.len());
            let until = span.end.saturating_sub(line_start).clamp(at, line.len());
            let from = floor_char_boundary(line, at.saturating_sub(SNIPPET_CONTEXT));
            let to = floor_char_boundary(
                line,
                (until.min(at + SNIPPET_CONTEXT) + SNIPPET_CONTEXT).min(line.len()),
            );
            let (at, until) = (
                floor_char_boundary(line, at),
                floor_char_boundary(line, until.min(to)),
            );
            return Snippet {
                first_line: start.line,
                span: at - from..until - from,
                column_shift: source.line_col(line_start + from).column
                    - source.line_col(line_start).column,
                text: line[from..to].to_owned(),
            };
        }
        let mut text = String::with_capacity(total);
        let mut rel_start = 0;
        let mut rel_end = 0;
        for (i, (line_start, line_text)) in lines.iter().enumerate() {
            let base = text.len();
            if i == 0 {
                rel_start = base + span.start.saturating_sub(*line_start).min(line_text.len());
            }
            rel_end = base + span.end.saturating_sub(*line_start).min(line_text.len());
            text.push_str(line_text);
            if i + 1 < lines.len() {
                text.push('\n');
            }
        }
        // A span that starts inside a BOM or a line break is moved to a boundary.
        let rel_start = floor_char_boundary(&text, rel_start);
        let rel_end = floor_char_boundary(&text, rel_end.max(rel_start));
        Snippet {
            first_line: start.line,
            span: rel_start..rel_end,
            text,
            column_shift: 0,
        }
    }
}
/// What a fingerprint is made of: what a finding is about, not where it
/// is. Lines moving, a message reordered or a severity changed keep it;
/// editing the offending text or renaming the message makes the finding new.
#[derive(Clone, Copy, Debug)]
pub struct Key<'a> {
    pub rule: &'a str,
    pub locale: &'a str,
    /// The path below the locale folder, with `/` separators.
    pub file: &'a str,
    pub message_id: Option<&'a str>,
    pub attribute: Option<&'a str>,
    /// The offending text; runs of white space count as one space.
    pub text: &'a str,
}

/// Offending text beyond this many characters does not change a fingerprint.
const MAX_TEXT: usize = 200;

/// 16 hex digits of FNV-1a over the key's fields: stable across runs,
/// machines and versions of Rust (unlike `std`'s hasher).
pub fn fingerprint(key: &Key<'_>) -> String {
    let mut hash = Fnv::default();
    for field in [
        key.rule,
        key.locale,
        key.file,
        key.message_id.unwrap_or_default(),
        key.attribute.unwrap_or_default(),
    ] {
        hash.write(field.as_bytes());
        hash.write(&[0]);
    }
    let words = key.text.split_whitespace().flat_map(|w| [" ", w]).skip(1);
    for c in words.flat_map(str::chars).take(MAX_TEXT) {
        hash.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    format!("{:016x}", hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key<'_> {
        Key {
            rule: "register-mix",
            locale: "nl",
            file: "orders/refund.ftl",
            message_id: Some("refund-pleasure"),
            attribute: None,
            text,
        }
    }

    #[test]
    fn fingerprints_are_stable_and_ignore_white_space() {
        // Pinned: a baseline written today must match tomorrow's run.
        assert_eq!(fingerprint(&key("je")), fingerprint(&key("je")));
        assert_eq!(
            fingerprint(&key("Bedankt voor\n    je geduld")),
            fingerprint(&key("Bedankt voor je geduld"))
        );
        assert_ne!(fingerprint(&key("je")), fingerprint(&key("jij")));
        let other_message = Key {
            message_id: Some("refund-feedback"),
            ..key("je")
        };
        assert_ne!(fingerprint(&key("je")), fingerprint(&other_message));
        // Fields are separated: ("ab", "c") is not ("a", "bc").
        let a = Key {
            rule: "ab",
            locale: "c",
            ..key("")
        };
        let b = Key {
            rule: "a",
            locale: "bc",
            ..key("")
        };
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }

    #[test]
    fn pinned_value() {
        // FNV-1a of "register-mix\0nl\0orders/refund.ftl\0refund-pleasure\0\0je",
        // computed independently.
        assert_eq!(fingerprint(&key("je")), "9b8489e9062f5c50");
    }
}
