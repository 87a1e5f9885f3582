use std::fmt::Write;

use crate::check::Report;

/// `path:line:col: severity[rule] message`, one finding per line.
pub fn short(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.file, f.start.line, f.start.column, f.severity, f.rule, f.message
        );
    }
    out
}
