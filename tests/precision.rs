//! The precision ledger: every finding of the language rules at error and
//! warning severity on the real corpora, judged by a person who read it in
//! context, with the reference English (`tests/precision/<corpus>.tsv`: a
//! verdict, `right` or `wrong`, and a reason each).
//!
//! The test fails on a finding nobody has judged and on a judged row no
//! finding matches any more, so the ledger is always the current output.
//! The figures, by language:
//!
//! ```text
//! cargo test --release --test precision -- --nocapture
//! ```
//!
//! A finding is known by its file, rule, message id and the text it flags,
//! not by its line: lines move. Two findings of one message that flag the
//! same word are two rows. The findings to judge are written to
//! `target/precision-unjudged.tsv`, as rows to fill in and append.
//!
//! The corpora are `../shared/corpora` (or `ETIQUETTE_CORPORA`); where they
//! are absent the test says so and checks nothing.

// The figures are this test's output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

const RULES: &str = "register-mix,register-locale,salutation-banned,salutation-register,\
                     closing-banned,closing-register,calque,leaked-identifier";

const CORPORA: [&str; 7] = [
    "firefox-l10n",
    "fxa-emails",
    "more-real/cosmic",
    "more-real/ruffle",
    "more-real/send",
    "more-real/thunderbird",
    "more-real/webthings-gateway",
];

const FIELDS: [&str; 7] = [
    "file",
    "line",
    "rule",
    "message_id",
    "text",
    "verdict",
    "reason",
];

/// What a finding is known by in the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    file: String,
    rule: String,
    message_id: String,
    text: String,
}

/// A finding of the current run.
#[derive(Clone)]
struct Found {
    key: Key,
    line: u64,
    locale: String,
}

/// A judged row of the ledger.
struct Judged {
    key: Key,
    line: String,
    verdict: String,
}

#[test]
fn every_language_finding_on_the_real_corpora_is_judged() {
    let Some(corpora) = corpora() else {
        eprintln!("precision: no corpora at ../shared/corpora; nothing checked");
        return;
    };
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unjudged = Vec::new();
    let mut stale = Vec::new();
    let mut wrong = Vec::new();
    for corpus in CORPORA {
        let root = corpora.join(corpus);
        if !root.is_dir() {
            continue;
        }
        let mut judged: HashMap<Key, Vec<Judged>> = HashMap::new();
        for row in ledger(corpus) {
            judged.entry(row.key.clone()).or_default().push(row);
        }
        for found in findings(&root) {
            let Some(row) = judged.get_mut(&found.key).and_then(Vec::pop) else {
                unjudged.push((corpus, found));
                continue;
            };
            let right = row.verdict == "right";
            assert!(
                right || row.verdict == "wrong",
                "{corpus}/{}: the verdict is `right` or `wrong`, not {:?}",
                row.key.file,
                row.verdict
            );
            let language = found.locale.split('-').next().unwrap_or("").to_string();
            for key in [language, "all".to_string()] {
                let (r, n) = tally.entry(key).or_default();
                *r += usize::from(right);
                *n += 1;
            }
            if !right {
                wrong.push(format!(
                    "{corpus}/{}:{} {}",
                    found.key.file, found.line, found.key.text
                ));
            }
        }
        for row in judged.into_values().flatten() {
            stale.push(format!(
                "{corpus}.tsv: {}:{} {} {:?}",
                row.key.file, row.line, row.key.rule, row.key.text
            ));
        }
    }
    for (language, (right, all)) in &tally {
        println!(
            "{language}: {right} of {all} right ({:.1}%)",
            100.0 * *right as f64 / *all as f64
        );
    }
    for finding in &wrong {
        println!("judged wrong: {finding}");
    }
    write_unjudged(&unjudged);
    assert!(
        unjudged.is_empty(),
        "{} findings nobody has judged: judge them (target/precision-unjudged.tsv) \
         and add them to tests/precision/",
        unjudged.len()
    );
    stale.sort();
    assert!(
        stale.is_empty(),
        "judged rows no finding matches any more: remove them from the ledger\n{}",
        stale.join("\n")
    );
}

/// The recall survey (`tests/precision/recall.tsv`): files of the real
/// corpora read and judged a mix of registers or not, and whether etiquette
/// reports the mix. The test fails where the output no longer says what the
/// survey does: a mix found that was missed, or one missed that was found.
#[test]
fn the_recall_survey_is_the_current_output() {
    let Some(corpora) = corpora() else {
        eprintln!("recall: no corpora at ../shared/corpora; nothing checked");
        return;
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/precision/recall.tsv");
    let text = std::fs::read_to_string(&path).expect("the recall survey");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("corpus\tfile\tmixed\tfound\tevidence\tnote")
    );
    let mut by_corpus: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for line in lines.filter(|line| !line.is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 6, "recall.tsv: {line}");
        assert!(
            matches!(cells[2], "yes" | "no") && matches!(cells[3], "yes" | "no" | "-"),
            "recall.tsv: {line}"
        );
        if cells[2] == "yes" {
            by_corpus
                .entry(cells[0])
                .or_default()
                .push((cells[1], cells[3] == "yes"));
        }
    }
    let mut differ = Vec::new();
    for (corpus, rows) in by_corpus {
        let root = corpora.join(corpus);
        if !root.is_dir() {
            continue;
        }
        let reported: std::collections::HashSet<String> = findings(&root)
            .into_iter()
            .filter(|f| f.key.rule == "register-mix")
            .map(|f| f.key.file)
            .collect();
        for (file, found) in rows {
            if reported.contains(file) != found {
                differ.push(format!(
                    "{corpus}/{file}: the survey says {}, etiquette {}",
                    if found { "found" } else { "missed" },
                    if found {
                        "reports no mix"
                    } else {
                        "reports the mix"
                    }
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "update tests/precision/recall.tsv and docs/accuracy.md:\n{}",
        differ.join("\n")
    );
}

fn corpora() -> Option<PathBuf> {
    let path = std::env::var_os("ETIQUETTE_CORPORA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"),
        PathBuf::from,
    );
    path.is_dir().then_some(path)
}

/// The findings at error and warning severity, with the text they flag:
/// one check of each corpus, which both tests read.
fn findings(root: &Path) -> Vec<Found> {
    static RUNS: std::sync::Mutex<BTreeMap<PathBuf, Vec<Found>>> =
        std::sync::Mutex::new(BTreeMap::new());
    // Held while the check runs: the other test waits and reads its result.
    let mut runs = RUNS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    runs.entry(root.to_path_buf())
        .or_insert_with(|| check(root))
        .clone()
}

/// Runs the language rules over `root`, as [`findings`] returns them.
fn check(root: &Path) -> Vec<Found> {
    let output = Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(["check", "--select", RULES, "--format", "json"])
        .arg(root)
        .output()
        .expect("the binary runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let mut sources: HashMap<String, Vec<u8>> = HashMap::new();
    let mut found = Vec::new();
    for finding in report["findings"].as_array().expect("findings") {
        let field = |name: &str| finding[name].as_str().unwrap_or("").to_string();
        if !matches!(finding["severity"].as_str(), Some("error" | "warning")) {
            continue;
        }
        let file = field("file");
        let source = sources
            .entry(file.clone())
            .or_insert_with(|| std::fs::read(&file).expect("the file is readable"));
        let span = |name: &str| finding[name].as_u64().expect("a byte offset") as usize;
        let text = String::from_utf8_lossy(&source[span("byte_start")..span("byte_end")]);
        found.push(Found {
            key: Key {
                file: relative(root, &file),
                rule: field("rule"),
                message_id: field("message_id"),
                text: text.into_owned(),
            },
            line: finding["line"].as_u64().unwrap_or(0),
            locale: field("locale"),
        });
    }
    found
}

fn relative(root: &Path, file: &str) -> String {
    let path = Path::new(file);
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

fn ledger_path(corpus: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/precision")
        .join(format!("{}.tsv", corpus.replace('/', "-")))
}

/// The judged rows of `corpus`: a header, then tab-separated fields.
fn ledger(corpus: &str) -> Vec<Judged> {
    let Ok(text) = std::fs::read_to_string(ledger_path(corpus)) else {
        return Vec::new();
    };
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(|h| h.split('\t').collect::<Vec<_>>()),
        Some(FIELDS.to_vec())
    );
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), FIELDS.len(), "{corpus}.tsv: {line}");
            Judged {
                key: Key {
                    file: cells[0].to_string(),
                    rule: cells[2].to_string(),
                    message_id: cells[3].to_string(),
                    text: cells[4].to_string(),
                },
                line: cells[1].to_string(),
                verdict: cells[5].to_string(),
            }
        })
        .collect()
}

fn write_unjudged(unjudged: &[(&str, Found)]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/precision-unjudged.tsv");
    let mut out = format!("corpus\t{}\n", FIELDS.join("\t"));
    for (corpus, found) in unjudged {
        let k = &found.key;
        out += &format!(
            "{corpus}\t{}\t{}\t{}\t{}\t{}\t\t\n",
            k.file, found.line, k.rule, k.message_id, k.text
        );
    }
    let _ = std::fs::write(path, out);
}
