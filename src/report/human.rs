use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::check::Report;
use crate::finding::{Finding, Severity};

/// Code frames in the style of rustc and ruff, one per finding, then a
/// summary line. `color` adds ANSI styles.
pub fn human(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&renderer.render(&frame(finding)));
        out.push_str("\n\n");
    }
    out.push_str(&super::summary_line(&report.summary));
    out.push('\n');
    out
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
