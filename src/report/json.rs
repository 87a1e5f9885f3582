use std::borrow::Borrow;
use std::cell::RefCell;

use serde::Serialize;
use serde::ser::SerializeSeq;

use crate::check::Summary;
use crate::finding::{Finding, Severity};

/// The JSON document of `--format json`: `version`, `findings`, `summary`.
/// Fields may be added; none is removed or renamed without a new `version`.
///
/// Written as the findings come: 38,000 findings are neither held as 25 MB
/// of text nor, with a run's stream, as findings; `summary` is asked for
/// once they are all written.
pub fn write_json<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl Fn() -> Summary,
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        findings: Findings(RefCell::new(Some(findings))),
        summary: Later(summary),
    };
    super::write_pretty_json(out, &document)
}

#[derive(Serialize)]
struct Document<F, S> {
    version: u32,
    findings: F,
    summary: S,
}

/// The findings array, pulled from the iterator as it is written.
struct Findings<I>(RefCell<Option<I>>);

impl<F: Borrow<Finding>, I: Iterator<Item = F>> Serialize for Findings<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for finding in self.0.borrow_mut().take().into_iter().flatten() {
            seq.serialize_element(&JsonFinding::of(finding.borrow()))?;
        }
        seq.end()
    }
}

/// The summary, asked for when it is written: after the findings.
struct Later<S>(S);

impl<S: Fn() -> Summary> Serialize for Later<S> {
    fn serialize<T: serde::Serializer>(&self, serializer: T) -> Result<T::Ok, T::Error> {
        (self.0)().serialize(serializer)
    }
}

impl<'a> JsonFinding<'a> {
    fn of(f: &'a Finding) -> Self {
        JsonFinding {
            rule: f.rule,
            severity: f.severity,
            locale: &f.locale,
            email: f.email.as_deref(),
            file: &f.file,
            message_id: f.message_id.as_deref(),
            attribute: f.attribute.as_deref(),
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            byte_start: f.span.start,
            byte_end: f.span.end,
            message: &f.message,
            help: f.help.as_deref(),
            fingerprint: &f.fingerprint,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    locale: &'a str,
    email: Option<&'a str>,
    file: &'a str,
    message_id: Option<&'a str>,
    attribute: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    help: Option<&'a str>,
    fingerprint: &'a str,
}
