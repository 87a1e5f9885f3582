//! One renderer per output format, over the same findings: each writes
//! them as they come from an iterator (a collected report's, or a run's
//! stream), so that no format holds the whole output. Only the binary
//! prints.

mod github;
mod human;
mod json;
mod sarif;
mod short;
mod stream;

pub use github::write_github;
pub use human::{human, write_human};
pub use json::write_json;
pub use sarif::write_sarif;
pub use short::write_short;
pub use stream::{Counts, Stream, Tally};

use crate::check::Summary;

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
    let checked = match summary.unread {
        0 => checked,
        n => format!("{checked}; {} could not be read", count(n, "file", "files")),
    };
    if findings == 0 && summary.unread == 0 {
        return format!("No problems found ({checked})");
    }
    let fixable = match (summary.fixable, summary.unsafe_fixable) {
        (0, 0) => String::new(),
        (n, 0) => format!("; {n} fixable with `--fix`"),
        (0, m) => format!("; {m} fixable with `--fix --unsafe-fixes`"),
        (n, m) => format!("; {n} fixable with `--fix`, {m} more with `--unsafe-fixes`"),
    };
    format!(
        "Found {}, {} and {} ({checked}){fixable}",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.infos, "info", "infos"),
    )
}
