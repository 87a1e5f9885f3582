//! Fingerprints and baselines: adopting etiquette on a project with existing
//! findings, and blocking only new ones.
//!
//! A fingerprint names what a finding is about, not where it is: the rule,
//! the locale, the file below the locale folder, the message id and
//! attribute, and the offending text. Lines moving, a message reordered or a
//! severity changed keep it; editing the offending text or renaming the
//! message makes the finding new. Two findings may share a fingerprint (the
//! same `je` twice in one message), so a baseline counts them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::Report;
use crate::finding::{Finding, Severity};

/// What a fingerprint is made of.
#[derive(Clone, Copy, Debug)]
pub struct Key<'a> {
    pub rule: &'a str,
    pub locale: &'a str,
    /// The path below the locale folder, with `/` separators.
    pub file: &'a str,
    pub message_id: Option<&'a str>,
    pub attribute: Option<&'a str>,
    /// The offending text; runs of white space count as one space.
    pub text: &'a str,
}

/// Offending text beyond this many characters does not change a fingerprint.
const MAX_TEXT: usize = 200;

/// 16 hex digits of FNV-1a over the key's fields: stable across runs,
/// machines and versions of Rust (unlike `std`'s hasher).
pub fn fingerprint(key: &Key<'_>) -> String {
    let mut hash = Fnv::default();
    for field in [
        key.rule,
        key.locale,
        key.file,
        key.message_id.unwrap_or_default(),
        key.attribute.unwrap_or_default(),
    ] {
        hash.write(field.as_bytes());
        hash.write(&[0]);
    }
    let words = key.text.split_whitespace().flat_map(|w| [" ", w]).skip(1);
    for c in words.flat_map(str::chars).take(MAX_TEXT) {
        hash.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    format!("{:016x}", hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The findings a project accepts for now, read from `--baseline FILE`.
#[derive(Debug, Default)]
pub struct Baseline {
    /// How many findings of each fingerprint are accepted.
    counts: HashMap<String, usize>,
}

/// A baseline file that cannot be read; the run stops with exit code 2.
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
}

/// The file `--write-baseline` writes: readable, so that a reviewer sees
/// what a change accepts, and sorted, so that it diffs well.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    locale: String,
    file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attribute: Option<String>,
    message: String,
}

impl Baseline {
    /// Reads a baseline that `--write-baseline` wrote.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = crate::source::read_text(path).map_err(|source| BaselineError::Read {
            path: path.to_owned(),
            source,
        })?;
        Baseline::parse(&text).map_err(|e| BaselineError::Invalid {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    fn parse(text: &str) -> Result<Baseline, serde_json::Error> {
        let file: File = serde_json::from_str(text)?;
        let mut counts = HashMap::new();
        for entry in file.findings {
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

impl Baseline {
    /// Writes the baseline of `findings` to `path`.
    pub fn write(findings: &[Finding], path: &Path) -> Result<(), BaselineError> {
        std::fs::write(path, to_json(findings)).map_err(|source| BaselineError::Write {
            path: path.to_owned(),
            source,
        })
    }
}

/// The baseline file of `findings`.
pub fn to_json(findings: &[Finding]) -> String {
    let mut findings: Vec<Entry> = findings
        .iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.to_owned(),
            locale: f.locale.clone(),
            file: f.file.clone(),
            message_id: f.message_id.clone(),
            attribute: f.attribute.clone(),
            message: f.message.clone(),
        })
        .collect();
    // Not by line: a baseline should not change when lines move.
    findings.sort_by(|a, b| {
        (&a.locale, &a.file, &a.message_id, &a.rule, &a.fingerprint).cmp(&(
            &b.locale,
            &b.file,
            &b.message_id,
            &b.rule,
            &b.fingerprint,
        ))
    });
    let file = File {
        version: 1,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key<'_> {
        Key {
            rule: "register-mix",
            locale: "nl",
            file: "orders/refund.ftl",
            message_id: Some("refund-pleasure"),
            attribute: None,
            text,
        }
    }

    #[test]
    fn fingerprints_are_stable_and_ignore_white_space() {
        // Pinned: a baseline written today must match tomorrow's run.
        assert_eq!(fingerprint(&key("je")), fingerprint(&key("je")));
        assert_eq!(
            fingerprint(&key("Bedankt voor\n    je geduld")),
            fingerprint(&key("Bedankt voor je geduld"))
        );
        assert_ne!(fingerprint(&key("je")), fingerprint(&key("jij")));
        let other_message = Key {
            message_id: Some("refund-feedback"),
            ..key("je")
        };
        assert_ne!(fingerprint(&key("je")), fingerprint(&other_message));
        // Fields are separated: ("ab", "c") is not ("a", "bc").
        let a = Key {
            rule: "ab",
            locale: "c",
            ..key("")
        };
        let b = Key {
            rule: "a",
            locale: "bc",
            ..key("")
        };
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }

    #[test]
    fn pinned_value() {
        // FNV-1a of "register-mix\0nl\0orders/refund.ftl\0refund-pleasure\0\0je",
        // computed independently.
        assert_eq!(fingerprint(&key("je")), "9b8489e9062f5c50");
    }

    #[test]
    fn a_bad_baseline_names_line_and_column() {
        let error = Baseline::parse("{\"version\": 1,\n \"findings\": 3}").unwrap_err();
        assert_eq!((error.line(), error.column() > 0), (2, true));
    }
}
