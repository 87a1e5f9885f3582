//! compare-locales' own Fluent test cases (`tests/fixtures/peer/`, a copy
//! of the team's `../shared/peer/`), run through etiquette: every problem
//! compare-locales reports, etiquette reports on the same line, with the
//! severity docs/compare-locales.md gives; and etiquette reports nothing
//! compare-locales does not, but what that page lists.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;

use common::Scratch;
use etiquette::{CheckOptions, Finding, Project, check};

#[derive(Deserialize)]
struct Case {
    kind: String,
    test: String,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    ref_b64: Option<String>,
    #[serde(default)]
    l10n_b64: Option<String>,
    #[serde(default)]
    sources_b64: Vec<String>,
    #[serde(default)]
    expected: serde_json::Value,
}

/// What compare-locales reports, in etiquette's terms.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    rule: &'static str,
    /// The entry it is about.
    id: String,
    /// 1-based, in the translation; `None` where compare-locales gives no
    /// place (a missing entry).
    line: Option<usize>,
    severity: String,
    message: String,
}

fn cases() -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/peer/compare-locales-fluent-cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn decode(b64: &Option<String>) -> Vec<u8> {
    b64.as_deref()
        .map(|text| STANDARD.decode(text).unwrap())
        .unwrap_or_default()
}

/// The rule etiquette reports a compare-locales message under.
fn rule_of(message: &str) -> &'static str {
    let rules: [(&str, &str); 14] = [
        ("Plural categories missing", "plural-categories"),
        ("Variant key", "duplicate-variant"),
        ("\u{fffd} in", "replacement-character"),
        ("Attribute \"", "duplicate-id"),
        ("occurs", "duplicate-id"),
        ("Obsolete attribute", "obsolete-attribute"),
        ("Missing attribute", "missing-attribute"),
        ("Missing value", "missing-value"),
        ("Obsolete value", "obsolete-value"),
        ("Missing message reference", "missing-reference"),
        ("Missing term reference", "missing-reference"),
        ("Obsolete message reference", "obsolete-reference"),
        ("Obsolete term reference", "obsolete-reference"),
        ("Unparsed content", "syntax-error"),
    ];
    rules
        .iter()
        .find(|(start, _)| message.starts_with(start) || message.contains(start))
        .map(|(_, rule)| *rule)
        .unwrap_or_else(|| panic!("no rule for compare-locales' {message:?}"))
}

/// The id a Fluent entry's text starts with.
fn entry_id(entry: &str) -> String {
    entry
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// The byte ranges of the entries of `text` by id (a naive split at lines
/// that start an entry, enough for these cases).
fn entries(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut starts: Vec<(String, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let id = entry_id(line);
        if !id.is_empty() && line[id.len()..].trim_start().starts_with('=') {
            starts.push((id, at));
        }
        at += line.len();
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|(_, s)| *s)
        .chain([text.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|((id, start), end)| (id, start..end))
        .collect()
}

fn line_at(text: &[u8], offset: usize) -> usize {
    1 + text[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// A project for a case: the reference `en-US` and the translation, and
/// what compare-locales reports in it.
fn project(case: &Case, scratch: &Scratch) -> (String, Vec<Expected>) {
    // Without a locale compare-locales checks no plural rules: `und`, the
    // undetermined language, has none either.
    let locale = case.locale.clone().unwrap_or_else(|| "und".to_owned());
    let reference = decode(&case.ref_b64);
    let l10n = decode(&case.l10n_b64);
    match case.kind.as_str() {
        "check" => {
            // The translation is the reference with the entry under test
            // replaced (or added).
            let text = String::from_utf8_lossy(&reference).into_owned();
            let id = entry_id(&String::from_utf8_lossy(&l10n));
            let found = entries(&text).into_iter().find(|(e, _)| *e == id);
            let mut translation = Vec::new();
            let start = match &found {
                Some((_, range)) => {
                    translation.extend_from_slice(&reference[..range.start]);
                    range.start
                }
                None => {
                    translation.extend_from_slice(&reference);
                    if !reference.ends_with(b"\n") {
                        translation.push(b'\n');
                    }
                    translation.len()
                }
            };
            translation.extend_from_slice(&l10n);
            if !l10n.ends_with(b"\n") {
                translation.push(b'\n');
            }
            if let Some((_, range)) = &found {
                translation.extend_from_slice(&reference[range.end..]);
            }
            scratch.write("en-US/x.ftl", &reference);
            scratch.write(&format!("{locale}/x.ftl"), &translation);
            let expected = case
                .expected
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let message = e[2].as_str().unwrap().to_owned();
                    let offset = e[1].as_u64().unwrap() as usize;
                    Expected {
                        rule: rule_of(&message),
                        id: id.clone(),
                        line: Some(line_at(&translation, start + offset)),
                        severity: e[0].as_str().unwrap().to_owned(),
                        message,
                    }
                })
                .collect();
            (locale, expected)
        }
        "compare" => {
            scratch.write("en-US/l10n.ftl", &reference);
            scratch.write(&format!("{locale}/l10n.ftl"), &l10n);
            let details = &case.expected["details"]["l10n.ftl"];
            let text = String::from_utf8_lossy(&l10n).into_owned();
            let expected = details
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|detail| compared(detail, &text))
                .collect();
            (locale, expected)
        }
        _ => {
            // One source, checked as the reference and as its translation;
            // compare-locales' parser tests assert which lines are junk.
            let source = STANDARD.decode(&case.sources_b64[0]).unwrap();
            scratch.write("en-US/x.ftl", &source);
            scratch.write(&format!("{locale}/x.ftl"), &source);
            let junk: &[usize] = match case.test.as_str() {
                "TestFluentParser.test_junk" => &[3],
                "TestFluentParser.test_comments_val" => &[1],
                _ => &[],
            };
            let text = String::from_utf8_lossy(&source);
            let expected = junk
                .iter()
                .map(|&line| Expected {
                    rule: "syntax-error",
                    id: entry_id(text.lines().nth(line - 1).unwrap_or_default()),
                    line: Some(line),
                    severity: "error".to_owned(),
                    message: "junk".to_owned(),
                })
                .collect();
            (locale, expected)
        }
    }
}

/// An item of a `compare` case's details.
fn compared(detail: &serde_json::Value, text: &str) -> Expected {
    let (severity, value) = detail.as_object().unwrap().iter().next().unwrap();
    let value = value.as_str().unwrap();
    if severity == "missingEntity" {
        return Expected {
            rule: "missing-message",
            id: value.to_owned(),
            line: None,
            severity: "error".to_owned(),
            message: format!("missing {value}"),
        };
    }
    // "… at line 3, column 1 for bar", "Unparsed content "x" from line 3 …",
    // "bar occurs 2 times".
    let number_after = |key: &str| -> Option<usize> {
        let rest = &value[value.find(key)? + key.len()..];
        rest.split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    let line = number_after("at line ").or_else(|| number_after("from line "));
    let id = match value.rsplit_once(" for ") {
        Some((_, id)) => id.to_owned(),
        None if value.contains(" occurs ") => value.split(' ').next().unwrap().to_owned(),
        None => line
            .and_then(|l| text.lines().nth(l - 1))
            .map(entry_id)
            .unwrap_or_default(),
    };
    Expected {
        rule: rule_of(value),
        id,
        line,
        severity: severity.clone(),
        message: value.to_owned(),
    }
}

/// The rows of docs/compare-locales.md's severity table:
/// (rule, compare-locales' severity) → etiquette's.
fn severities() -> BTreeMap<(String, String), String> {
    let doc = std::fs::read_to_string("docs/compare-locales.md").unwrap();
    let table = doc
        .split("## Severities")
        .nth(1)
        .expect("docs/compare-locales.md has a Severities section");
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_owned())
                .collect();
            ((cells[1].clone(), cells[2].clone()), cells[3].clone())
        })
        .collect()
}

/// Whether etiquette makes `finding` on purpose where compare-locales
/// makes none (docs/compare-locales.md, "Beyond compare-locales").
fn beyond(finding: &Finding) -> bool {
    // compare-locales does not check that references resolve; its cases
    // reference messages no file defines (`button`, `msg`, `qux`).
    finding.rule == "unknown-reference"
}

/// Whether etiquette reports `expected` differently on purpose
/// (docs/compare-locales.md, "Reported once").
fn once(expected: &Expected, all: &[Expected], findings: &[&Finding]) -> bool {
    match expected.rule {
        // A repeated attribute or variant key is reported at each repeat,
        // pointing to the first; compare-locales reports the first too.
        "duplicate-id" | "duplicate-variant" => all
            .iter()
            .filter(|e| e.rule == expected.rule && e.id == expected.id)
            .all(|e| e.line >= expected.line),
        // An entry that does not parse is a `syntax-error`, not also missing.
        "missing-message" => findings.iter().any(|f| {
            f.rule == "syntax-error" && f.message_id.as_deref() == Some(expected.id.as_str())
        }),
        _ => false,
    }
}

fn matches(finding: &Finding, expected: &Expected) -> bool {
    // compare-locales reads bytes that are not UTF-8 as U+FFFD and reports
    // the character; etiquette reports the file's encoding, once.
    let encoding = expected.rule == "replacement-character"
        && finding.rule == "syntax-error"
        && finding.message.contains("not valid UTF-8");
    if finding.rule != expected.rule && !encoding {
        return false;
    }
    if encoding {
        return Some(finding.start.line) == expected.line;
    }
    let same_entry = finding
        .message_id
        .as_deref()
        .is_some_and(|id| id == expected.id);
    match (expected.line, finding.rule) {
        // A missing entry is reported next to where it belongs.
        (None, _) => same_entry,
        // The plural finding points at the selector, compare-locales at a
        // variant: the same select.
        (Some(_), "plural-categories") => same_entry,
        (Some(line), _) => finding.start.line == line,
    }
}

#[test]
fn etiquette_reports_what_compare_locales_reports() {
    let severities = severities();
    let mut differences = Vec::new();
    let mut compared = 0;
    for (index, case) in cases().into_iter().enumerate() {
        // Firefox's CSS in `.style` attributes is no email's, and merging two
        // channels' translations is not a check.
        if case.test.starts_with("CSSStyleTest") || case.kind == "channel" {
            continue;
        }
        compared += 1;
        let name = format!("{} #{index}", case.test);
        let scratch = Scratch::new(&format!("peer-{index}"));
        let (locale, expected) = project(&case, &scratch);
        let project = Project::discover(&scratch.root, Some("en-US")).unwrap();
        let report = check(&project, &CheckOptions::default()).unwrap();
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.locale == locale)
            .collect();
        // A duplicate the reference has is reported in the reference's file.
        let in_reference: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.locale == "en-US" && f.rule == "duplicate-id")
            .collect();
        for want in &expected {
            let found = findings
                .iter()
                .chain(&in_reference)
                .find(|f| matches(f, want));
            match found {
                None if once(want, &expected, &findings) => {}
                None => differences.push(format!("{name}: missed {want:?}")),
                Some(found) => {
                    let theirs = want.severity.to_lowercase();
                    let ours = found.severity.to_string();
                    let documented = severities
                        .get(&(want.rule.to_owned(), theirs.clone()))
                        .is_some_and(|s| *s == ours);
                    if ours != theirs && !documented {
                        differences.push(format!(
                            "{name}: {} is {ours}, compare-locales says {theirs}",
                            want.rule
                        ));
                    }
                }
            }
        }
        for finding in &findings {
            let wanted = expected.iter().any(|e| matches(finding, e));
            if !wanted && !beyond(finding) {
                differences.push(format!(
                    "{name}: extra {} at line {}: {}",
                    finding.rule, finding.start.line, finding.message
                ));
            }
        }
    }
    assert!(compared > 40, "only {compared} cases compared");
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
