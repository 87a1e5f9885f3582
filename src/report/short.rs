use std::borrow::Borrow;
use std::io::Write;

use crate::check::Summary;
use crate::finding::{Finding, Severity};
use crate::printable::line;

/// `path:line:col: severity[rule] message`, one finding per line, then the
/// summary line; `color` styles the path and the severity as the human
/// report does.
pub fn write_short<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl FnOnce() -> Summary,
    color: bool,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    let (bold, reset) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    for f in findings {
        let f = f.borrow();
        let severity = match (color, f.severity) {
            (false, _) => "",
            (true, Severity::Error) => "\x1b[1;31m",
            (true, Severity::Warning) => "\x1b[1;33m",
            (true, Severity::Info) => "\x1b[1;36m",
        };
        writeln!(
            out,
            "{bold}{}:{}:{}:{reset} {severity}{}[{}]{reset} {}",
            line(&f.file),
            f.start.line,
            f.start.column,
            f.severity,
            f.rule,
            line(&f.message)
        )?;
    }
    writeln!(out, "{}", super::summary_line(&summary()))
}
