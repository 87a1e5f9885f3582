//! Baselines: adopting etiquette on a project with existing findings, and
//! blocking only new ones. A baseline lists findings by their fingerprint
//! (see [`crate::finding::fingerprint`]); two findings may share one (the
//! same `je` twice in one message), so a baseline counts them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::Report;
use crate::finding::{Finding, Severity};

/// The findings a project accepts for now, read from `--baseline FILE`.
#[derive(Debug, Default)]
pub struct Baseline {
    /// How many findings of each fingerprint are accepted.
    counts: HashMap<String, usize>,
}

/// A baseline file that cannot be read or written; the run stops with
/// exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not an etiquette baseline: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot write the baseline {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("will not write the baseline to {}: {reason}", path.display())]
    Refused { path: PathBuf, reason: &'static str },
}

/// The version of the baseline file this etiquette reads and writes.
const VERSION: u32 = 1;

/// The file `--write-baseline` writes: readable, so that a reviewer sees
/// what a change accepts, and sorted, so that it diffs well.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Accepted>,
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub fingerprint: String,
    pub rule: String,
    pub locale: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    pub message: String,
}

impl Accepted {
    fn of(finding: &Finding) -> Accepted {
        Accepted {
            fingerprint: finding.fingerprint.clone(),
            rule: finding.rule.to_owned(),
            locale: finding.locale.clone(),
            file: finding.file.clone(),
            message_id: finding.message_id.clone(),
            attribute: finding.attribute.clone(),
            message: finding.message.clone(),
        }
    }
}

impl Baseline {
    /// Reads a baseline that `--write-baseline` wrote.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let entries = read_entries(path)?;
        let mut counts = HashMap::new();
        for entry in entries {
            *counts.entry(entry.fingerprint).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// Removes from `report` the findings the baseline accepts, and counts
    /// them in its summary.
    pub fn apply(&self, report: &mut Report) {
        let mut left = self.remaining();
        report.summary.baselined += left.take(&mut report.findings);
        report.summary.errors = report.count(Severity::Error);
        report.summary.warnings = report.count(Severity::Warning);
        report.summary.infos = report.count(Severity::Info);
    }

    /// What the baseline accepts, to take from findings as they come.
    pub fn remaining(&self) -> Remaining {
        Remaining {
            counts: self.counts.clone(),
        }
    }
}

/// The entries of the baseline at `path`.
fn read_entries(path: &Path) -> Result<Vec<Accepted>, BaselineError> {
    let text = crate::syntax::read_text(path).map_err(|source| BaselineError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text).map_err(|(line, column, message)| BaselineError::Invalid {
        path: path.to_owned(),
        line,
        column,
        message,
    })
}

/// The entries of a baseline's text, or where and why it is not one.
fn parse(text: &str) -> Result<Vec<Accepted>, (usize, usize, String)> {
    let file: File = serde_json::from_str(text).map_err(|e| {
        let message = crate::project::config::without_values(&e.to_string());
        let position = format!(" at line {} column {}", e.line(), e.column());
        let message = message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_owned();
        (e.line(), e.column().max(1), message)
    })?;
    if file.version != VERSION {
        return Err((
            1,
            1,
            format!(
                "version {} is not one this etiquette reads (it reads {VERSION})",
                file.version
            ),
        ));
    }
    Ok(file.findings)
}

/// The findings a baseline still accepts: each fingerprint as many times
/// as the baseline lists it.
#[derive(Clone, Debug)]
pub struct Remaining {
    counts: HashMap<String, usize>,
}

impl Remaining {
    /// Removes the findings the baseline accepts; returns how many.
    pub fn take(&mut self, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|finding| match self.counts.get_mut(&finding.fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - findings.len()
    }
}

/// What writing a baseline did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Entries in the file now.
    pub entries: usize,
    /// Entries of the old file that the run did not look at, kept.
    pub kept: usize,
    /// Entries of the old file that the run looked at and no longer found.
    pub dropped: usize,
}

/// Writes the baseline of `findings` to `path`, safely: only over nothing
/// or over an etiquette baseline (never through a symbolic link, never over
/// another file), as a whole (a file beside it, renamed over it, so that a
/// reader or a second run never sees half of one). The old file's entries
/// for which `outside_run` is true (another locale than the run checked,
/// say) are kept.
pub fn write(
    findings: &[Finding],
    path: &Path,
    outside_run: impl Fn(&Accepted) -> bool,
) -> Result<Written, BaselineError> {
    let refuse = |reason| BaselineError::Refused {
        path: path.to_owned(),
        reason,
    };
    let old = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(refuse("it is a symbolic link")),
        Ok(meta) if !meta.is_file() => return Err(refuse("it is not a regular file")),
        Ok(_) => read_entries(path).map_err(|_| {
            refuse("the file there is not an etiquette baseline; remove it or name another file")
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(BaselineError::Write {
                path: path.to_owned(),
                source,
            });
        }
    };
    let mut entries: Vec<Accepted> = findings.iter().map(Accepted::of).collect();
    let (kept, looked_at): (Vec<Accepted>, Vec<Accepted>) = old.into_iter().partition(&outside_run);
    let mut found: HashMap<&str, usize> = HashMap::new();
    for entry in &entries {
        *found.entry(entry.fingerprint.as_str()).or_default() += 1;
    }
    let dropped = looked_at
        .iter()
        .filter(|entry| match found.get_mut(entry.fingerprint.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .count();
    let written = Written {
        entries: entries.len() + kept.len(),
        kept: kept.len(),
        dropped,
    };
    entries.extend(kept);
    crate::project::replace_file(path, to_json(entries).as_bytes()).map_err(|source| {
        BaselineError::Write {
            path: path.to_owned(),
            source,
        }
    })?;
    Ok(written)
}

/// The baseline file of `entries`, sorted.
fn to_json(mut entries: Vec<Accepted>) -> String {
    // Not by line: a baseline should not change when lines move.
    entries.sort_by(|a, b| {
        (&a.locale, &a.file, &a.message_id, &a.rule, &a.fingerprint).cmp(&(
            &b.locale,
            &b.file,
            &b.message_id,
            &b.rule,
            &b.fingerprint,
        ))
    });
    let file = File {
        version: VERSION,
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_baseline_names_line_and_column() {
        let (line, column, _) = parse("{\"version\": 1,\n \"findings\": 3}").unwrap_err();
        assert_eq!((line, column > 0), (2, true));
        let (_, _, message) = parse("{\"version\": 99, \"findings\": []}").unwrap_err();
        assert!(message.contains("version 99"), "{message}");
    }
}
