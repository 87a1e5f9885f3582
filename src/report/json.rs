use std::borrow::Borrow;

use serde::Serialize;

use crate::check::Summary;
use crate::finding::{Finding, Severity};
use crate::fix::{Applicability, ResolvedFix};

/// The JSON document of `--format json`: `version`, `findings`, `summary`.
/// Fields may be added; none is removed or renamed without a new `version`.
///
/// Written as the findings come: a run's findings are never all held as
/// text; `summary` is asked for once they are all written.
pub fn write_json<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl Fn() -> Summary,
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        findings: crate::printable::Sequence::new(findings.map(Json)),
        summary: crate::printable::Later(summary),
    };
    crate::printable::write_json(out, &document)
}

#[derive(Serialize)]
struct Document<F, S> {
    version: u32,
    findings: F,
    summary: S,
}

/// One finding as the JSON document shows it.
#[derive(Serialize)]
struct Fields<'a> {
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
    fixes: Vec<FixFields<'a>>,
}

/// A fix as the JSON document shows it.
#[derive(Serialize)]
struct FixFields<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<EditFields<'a>>,
}

#[derive(Serialize)]
struct EditFields<'a> {
    file: &'a str,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

impl<'a> FixFields<'a> {
    fn of(fix: &'a ResolvedFix) -> Self {
        FixFields {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| EditFields {
                    file: &edit.file,
                    byte_start: edit.span.start,
                    byte_end: edit.span.end,
                    line: edit.start.line,
                    column: edit.start.column,
                    end_line: edit.end.line,
                    end_column: edit.end.column,
                    replacement: &edit.replacement,
                })
                .collect(),
        }
    }
}

impl<'a> Fields<'a> {
    fn of(f: &'a Finding) -> Self {
        Fields {
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
            fixes: f.fixes.iter().map(FixFields::of).collect(),
        }
    }
}

/// A finding, written as its [`Fields`].
struct Json<F>(F);

impl<F: Borrow<Finding>> Serialize for Json<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Fields::of(self.0.borrow()).serialize(serializer)
    }
}
