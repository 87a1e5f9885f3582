use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use std::borrow::Borrow;
use std::io::Write;

use crate::check::{Report, Summary};
use crate::finding::{Finding, Severity};
use crate::fix::Applicability;
use crate::printable::{line, lines_with_span};

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
    let mut findings = findings.peekable();
    while let Some(finding) = findings.next() {
        let finding = finding.borrow();
        let mut shown = Shown::of(finding);
        // Messages missing at one place are one frame: a file that lacks
        // forty messages shows the place once, and names them all.
        let mut more = Vec::new();
        while let Some(next) =
            findings.next_if(|next| missing_at_the_same_place(finding, next.borrow()))
        {
            more.extend(next.borrow().message_id.clone());
        }
        if !more.is_empty() {
            shown.message.push_str(&line(&more_here(&more)));
        }
        out.write_all(renderer.render(&frame(&shown)).as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    writeln!(out, "{}", super::summary_line(&summary()))
}

/// Whether `next` is another message missing where `first` is.
fn missing_at_the_same_place(first: &Finding, next: &Finding) -> bool {
    first.rule == "missing-message"
        && next.rule == first.rule
        && next.file == first.file
        && next.span == first.span
}

/// ", and 3 more that belong here: `a`, `b`, `c`": the ids of the other
/// messages missing at the place of a frame, the first dozen named.
fn more_here(ids: &[String]) -> String {
    const NAMED: usize = 12;
    let mut named: Vec<String> = ids.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    if ids.len() > NAMED {
        named.push(format!("{} others", ids.len() - NAMED));
    }
    let belong = if ids.len() == 1 { "belongs" } else { "belong" };
    format!(
        ", and {} more that {belong} here: {}",
        ids.len(),
        named.join(", ")
    )
}

/// A finding's text as printed: names and text from the files made inert
/// (see [`crate::printable`]), the snippet's span moved with its text.
struct Shown<'f> {
    finding: &'f Finding,
    message: String,
    label: Option<String>,
    help: Option<String>,
    fix: Option<String>,
    file: String,
    snippet: Option<(String, std::ops::Range<usize>)>,
}

impl<'f> Shown<'f> {
    fn of(finding: &'f Finding) -> Self {
        let one = |text: &str| line(text).into_owned();
        Shown {
            finding,
            message: one(&finding.message),
            label: finding.label.as_deref().map(one),
            help: finding.help.as_deref().map(one),
            fix: fix_line(finding),
            file: one(&finding.file),
            snippet: finding
                .snippet
                .as_ref()
                .map(|s| lines_with_span(&s.text, s.span.clone())),
        }
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn frame<'a>(shown: &'a Shown<'_>) -> Vec<Group<'a>> {
    let finding = shown.finding;
    let title = level(finding.severity)
        .primary_title(shown.message.as_str())
        .id(finding.rule);
    let origin = || {
        Origin::path(shown.file.as_str())
            .line(finding.start.line)
            .char_column(finding.start.column)
    };
    let annotation = |span: &std::ops::Range<usize>| {
        let annotation = AnnotationKind::Primary.span(span.clone());
        match &shown.label {
            Some(label) => annotation.label(label.as_str()),
            None => annotation,
        }
    };
    let mut group = match (&finding.snippet, &shown.snippet) {
        // A window of a very long line: the frame cannot count columns from
        // the start of the line, so the position follows it.
        (Some(snippet), Some((text, span))) if snippet.column_shift > 0 => title
            .element(
                Snippet::source(text.as_str())
                    .line_start(snippet.first_line)
                    .annotation(annotation(span)),
            )
            .element(Level::NOTE.message(format!(
                "at {}:{}:{}",
                shown.file, finding.start.line, finding.start.column
            ))),
        (Some(snippet), Some((text, span))) => title.element(
            Snippet::source(text.as_str())
                .line_start(snippet.first_line)
                .path(shown.file.as_str())
                .annotation(annotation(span)),
        ),
        _ => title.element(origin()),
    };
    if let Some(help) = &shown.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(fix) = &shown.fix {
        group = group.element(Level::NOTE.message(fix.as_str()));
    }
    vec![group]
}

/// "fix (with `--fix`): Replace `Lieve` with `Beste`": the first fix of a
/// finding, and what applies it.
fn fix_line(finding: &Finding) -> Option<String> {
    let fix = finding.fixes.first()?;
    let how = match fix.applicability {
        Applicability::Safe => "with `--fix`",
        Applicability::Unsafe => "with `--fix --unsafe-fixes`",
        Applicability::DisplayOnly => "to make by hand",
    };
    Some(format!("fix ({how}): {}", line(&fix.title)))
}
