//! The CI gate: SARIF validated against the OASIS schema, GitHub workflow
//! commands, the baseline round trip, generated docs that cannot drift, and
//! completions and a man page from the clap definitions.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn etiquette(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A scratch copy of a fixture project, so that a test may edit it.
fn scratch(name: &str, from: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("etiquette-ci-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(from, &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn validate_sarif(text: &str) {
    if let Err(error) = sarif_errors(text) {
        panic!("the SARIF output does not match the schema:\n{error}");
    }
}

fn sarif_errors(text: &str) -> Result<(), String> {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_dir().join("tests/fixtures/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    let instance: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("sarif-schema-2.1.0.json", schema)
        .unwrap();
    let index = compiler
        .compile("sarif-schema-2.1.0.json", &mut schemas)
        .unwrap();
    schemas
        .validate(&instance, index)
        .map_err(|error| format!("{error:#}"))
}

#[test]
fn sarif_is_valid_and_complete() {
    let output = etiquette(&manifest_dir(), &["check", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    validate_sarif(&text);

    // The schema is really applied: a level SARIF does not know is caught.
    let broken = text.replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1);
    assert!(sarif_errors(&broken).is_err());

    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for rule in etiquette::rules::all() {
        assert!(ids.contains(&rule.id), "{} is not in rules[]", rule.id);
    }
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or_default();
            assert!(!text.is_empty(), "{} has no {field}", rule["id"]);
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 8);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["etiquette/v1"].is_string());
    }
    // The Dutch `je` after twelve `u`: region in code points, and severity.
    let je = results
        .iter()
        .find(|r| {
            r["ruleId"] == "register-mix"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 17
        })
        .unwrap();
    assert_eq!(je["level"], "error");
    let location = &je["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "locales/nl/orders/refund.ftl"
    );
    assert_eq!(location["region"]["startColumn"], 46);
    assert_eq!(location["region"]["endColumn"], 48);
    insta::assert_snapshot!("sarif_result", serde_json::to_string_pretty(je).unwrap());
}

#[test]
fn sarif_without_findings_is_valid() {
    let output = etiquette(
        &manifest_dir().join("tests/fixtures/cli"),
        &["check", "clean", "--format", "sarif"],
    );
    assert_eq!(output.status.code(), Some(0));
    validate_sarif(&stdout(&output));
}

#[test]
fn github_annotations() {
    let output = etiquette(&manifest_dir(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn baseline_round_trip() {
    let dir = scratch("baseline", &manifest_dir().join("locales"));
    let baseline = dir.join("etiquette-baseline.json");

    // Write it: exit 0 although the project has errors.
    let output = etiquette(
        &dir,
        &["check", ".", "--write-baseline", "etiquette-baseline.json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "etiquette: wrote 8 findings to etiquette-baseline.json\n"
    );
    let written = std::fs::read_to_string(&baseline).unwrap();
    assert_eq!(written.matches("\"fingerprint\"").count(), 8);

    // Rerun: clean, and says what it left out.
    let output = etiquette(
        &dir,
        &["check", ".", "--baseline", "etiquette-baseline.json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "No problems found (184 messages in 28 files, 4 locales checked; 8 findings in the baseline left out)\n"
    );

    // Lines move: three lines above every message of the Dutch refund email,
    // and still nothing new.
    let refund = dir.join("nl/orders/refund.ftl");
    let text = std::fs::read_to_string(&refund).unwrap();
    std::fs::write(&refund, format!("\n\n\n{text}")).unwrap();
    let output = etiquette(
        &dir,
        &["check", ".", "--baseline", "etiquette-baseline.json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    // One new mistake: exactly that one is reported.
    let text = std::fs::read_to_string(&refund).unwrap();
    let edited = text.replacen("Wilt u even de tijd", "Wil je even de tijd", 1);
    assert_ne!(edited, text);
    std::fs::write(&refund, edited).unwrap();
    let output = etiquette(
        &dir,
        &[
            "check",
            ".",
            "--baseline",
            "etiquette-baseline.json",
            "--format",
            "short",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    let findings: Vec<&str> = report
        .lines()
        .filter(|l| !l.starts_with("Found ") && !l.starts_with("No problems"))
        .collect();
    assert_eq!(findings.len(), 1, "{report}");
    assert!(
        findings[0].starts_with("nl/orders/refund.ftl:22:47:")
            && findings[0].contains("error[register-mix] informal `je`"),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_baseline_exits_2_and_names_it() {
    let dir = scratch(
        "bad-baseline",
        &manifest_dir().join("tests/fixtures/cli/clean"),
    );
    std::fs::write(
        dir.join("baseline.json"),
        "{\"version\": 1,\n  \"findings\": 7}\n",
    )
    .unwrap();
    let output = etiquette(&dir, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("etiquette: error: baseline.json:2:"),
        "{}",
        stderr(&output)
    );
    let output = etiquette(&dir, &["check", ".", "--baseline", "missing.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read the baseline missing.json"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The README's first example is what `etiquette check` prints on the
/// sample project: each finding it shows, and the summary line.
#[test]
fn the_readme_shows_what_check_prints() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let example = readme
        .split("```console\n$ etiquette check\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README opens with `etiquette check`");
    let output = etiquette(&manifest_dir(), &["check", "--color", "never"]);
    let printed = stdout(&output);
    for block in example.split("\n\n") {
        assert!(
            printed.contains(block),
            "the README shows what check does not print:\n{block}"
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let output = etiquette(&manifest_dir(), &["rules", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0));
    let path = manifest_dir().join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != stdout(&output) {
        if std::env::var_os("ETIQUETTE_BLESS").is_some() {
            std::fs::write(&path, stdout(&output)).unwrap();
        } else {
            panic!(
                "docs/rules.md is out of date: run \
                 `cargo run -- rules --format markdown > docs/rules.md`"
            );
        }
    }
}

#[test]
fn every_rule_says_how_to_silence_it() {
    for rule in etiquette::rules::all() {
        let docs = rule.documentation();
        let ignore = format!("--ignore {}", rule.id);
        assert!(
            docs.contains("## How to silence it") && docs.contains(&ignore),
            "{}",
            rule.id
        );
        assert!(!rule.description().is_empty(), "{}", rule.id);
    }
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = etiquette(&manifest_dir(), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("write-baseline"), "{shell}");
    }
    let output = etiquette(&manifest_dir(), &["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
    assert!(page.contains(".TH etiquette 1"));
    let output = etiquette(&manifest_dir(), &["man", "check"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH etiquette-check 1"), "{page}");
    assert!(page.contains("write\\-baseline"), "{page}");
    let output = etiquette(&manifest_dir(), &["man", "chek"]);
    assert_eq!(output.status.code(), Some(2));
    let output = etiquette(&manifest_dir(), &["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
}
