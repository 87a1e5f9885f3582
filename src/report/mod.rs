//! One renderer per output format, over the same findings: each writes
//! them as they come from an iterator (a collected report's, or a run's
//! stream), so that no format holds the whole output. Only the binary
//! prints.

mod github;
mod human;
mod json;
mod sarif;
mod short;

pub use github::write_github;
pub use human::{human, write_human};
pub use json::write_json;
pub use sarif::write_sarif;
pub use short::write_short;

use crate::check::Summary;

/// Writes `document` as pretty JSON and a final newline. serde_json writes
/// a finding in dozens of small pieces: a buffer of its own in front of
/// `out` keeps each from being a dynamic call when `out` is a `dyn Write`.
fn write_pretty_json<W: std::io::Write + ?Sized>(
    out: &mut W,
    document: &impl serde::Serialize,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, document)?;
    std::io::Write::write_all(&mut buffered, b"\n")?;
    buffered
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

/// The last line of the human and short reports.
pub fn summary_line(summary: &Summary) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let findings = summary.errors + summary.warnings + summary.infos;
    let checked = format!(
        "{} in {}, {}",
        count(summary.messages, "message", "messages"),
        count(summary.files, "file", "files"),
        count(summary.locales, "locale", "locales"),
    );
    let checked = match summary.baselined {
        0 => format!("{checked} checked"),
        n => format!(
            "{checked} checked; {} in the baseline left out",
            count(n, "finding", "findings")
        ),
    };
    if findings == 0 {
        return format!("No problems found ({checked})");
    }
    format!(
        "Found {}, {} and {} ({checked})",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.infos, "info", "infos"),
    )
}
