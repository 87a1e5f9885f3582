use serde::Serialize;

use crate::check::{Report, Summary};
use crate::finding::Severity;

/// The JSON document of `--format json`: `version`, `findings`, `summary`.
/// Fields may be added; none is removed or renamed without a new `version`.
///
/// Written as it is made: 38,000 findings are not first held as 25 MB of
/// text.
pub fn write_json(
    report: &Report,
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
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
            })
            .collect(),
        summary: report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
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
