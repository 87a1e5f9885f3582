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

/// Gathers small writes and hands them on in large pieces: serde_json
/// writes a finding in dozens of pieces, each a dynamic call when the
/// output is a `dyn Write`. [`Chunks::finish`] writes what is left.
struct Chunks<'o, W: std::io::Write + ?Sized> {
    buffer: Vec<u8>,
    out: &'o mut W,
}

impl<'o, W: std::io::Write + ?Sized> Chunks<'o, W> {
    const SIZE: usize = 64 * 1024;

    fn new(out: &'o mut W) -> Self {
        Chunks {
            buffer: Vec::with_capacity(Self::SIZE),
            out,
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(())
    }
}

impl<W: std::io::Write + ?Sized> std::io::Write for Chunks<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::SIZE {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
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
