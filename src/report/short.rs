use std::borrow::Borrow;
use std::io::Write;

use crate::check::Summary;
use crate::finding::Finding;
use crate::printable::line;

/// `path:line:col: severity[rule] message`, one finding per line, then the
/// summary line.
pub fn write_short<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl FnOnce() -> Summary,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    for f in findings {
        let f = f.borrow();
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
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
