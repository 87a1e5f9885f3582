use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use std::borrow::Borrow;
use std::io::Write;

use crate::check::{Report, Summary};
use crate::finding::{Finding, Severity};

/// Code frames in the style of rustc and ruff, one per finding, then a
/// summary line. `color` adds ANSI styles.
pub fn human(report: &Report, color: bool) -> String {
    let mut out = Vec::new();
    let _ = write_human(report.findings.iter(), || report.summary, color, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`human`], written finding by finding as they come; `summary` is asked
/// for once they are all written.
pub fn write_human<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl FnOnce() -> Summary,
    color: bool,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for finding in findings {
        out.write_all(renderer.render(&frame(finding.borrow())).as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    writeln!(out, "{}", super::summary_line(&summary()))
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn frame(finding: &Finding) -> Vec<Group<'_>> {
    let title = level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.rule);
    let mut group = match &finding.snippet {
        // A window of a very long line: the position comes first, since the
        // frame cannot count columns from the start of the line.
        Some(snippet) if snippet.column_shift > 0 => {
            let annotation = AnnotationKind::Primary.span(snippet.span.clone());
            let annotation = match &finding.label {
                Some(label) => annotation.label(label.as_str()),
                None => annotation,
            };
            title
                .element(
                    Origin::path(finding.file.as_str())
                        .line(finding.start.line)
                        .char_column(finding.start.column),
                )
                .element(
                    Snippet::source(snippet.text.as_str())
                        .line_start(snippet.first_line)
                        .annotation(annotation),
                )
        }
        Some(snippet) => {
            let mut annotation = AnnotationKind::Primary.span(snippet.span.clone());
            if let Some(label) = &finding.label {
                annotation = annotation.label(label.as_str());
            }
            title.element(
                Snippet::source(snippet.text.as_str())
                    .line_start(snippet.first_line)
                    .path(finding.file.as_str())
                    .annotation(annotation),
            )
        }
        None => title.element(
            Origin::path(finding.file.as_str())
                .line(finding.start.line)
                .char_column(finding.start.column),
        ),
    };
    if let Some(help) = &finding.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    vec![group]
}
