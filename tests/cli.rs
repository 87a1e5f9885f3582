//! The binary as a process: exit codes, stdout, stderr.

use std::path::Path;
use std::process::{Command, Output};

fn etiquette(dir: &str, args: &[&str]) -> Output {
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const CLI: &str = "tests/fixtures/cli";

#[test]
fn clean_project_exits_0() {
    let output = etiquette(CLI, &["check", "clean"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "No problems found (6 messages in 2 files, 2 locales checked)\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn findings_at_error_severity_exit_1() {
    let output = etiquette("", &["check", "--format", "short"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn warnings_exit_0_unless_denied() {
    let output = etiquette(CLI, &["check", "warnings", "--format", "short"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with(
        "warnings/nl/refund.ftl:5:1: warning[obsolete-message] `refund-old` is not in en\n"
    ));
    let output = etiquette(CLI, &["check", "warnings", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_broken_file_is_a_finding_and_the_run_goes_on() {
    let output = etiquette(CLI, &["check", "broken", "--format", "short"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("broken/nl/refund.ftl:2:51: error[syntax-error] this `{` is never closed"),
        "{text}"
    );
    // The other file of the same locale is still checked.
    assert!(
        text.contains("broken/nl/survey.ftl:1:46: error[unknown-variable] `$naam`"),
        "{text}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let output = etiquette(CLI, &["check", "broken", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(document["version"], 1);
    let first = &document["findings"][0];
    // The keys in the order of SPEC.md, read from the text itself.
    let text = stdout(&output);
    let object = &text[text.find("\"findings\": [").unwrap()..];
    let object = &object[..object.find('}').unwrap()];
    let keys: Vec<&str> = object
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.split('"').next())
        .filter(|key| *key != "findings")
        .collect();
    assert_eq!(
        keys,
        [
            "rule",
            "severity",
            "locale",
            "email",
            "file",
            "message_id",
            "attribute",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "message",
            "help"
        ]
    );
    assert_eq!(first["file"], "broken/nl/refund.ftl");
    assert_eq!(first["rule"], "syntax-error");
    assert_eq!(first["line"], 2);
    let summary = &document["summary"];
    for key in [
        "locales", "files", "messages", "errors", "warnings", "infos",
    ] {
        assert!(summary[key].is_u64(), "summary lacks {key}");
    }
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn human_output_has_code_frames_and_honours_color() {
    let output = etiquette(CLI, &["check", "broken"]);
    insta::assert_snapshot!(stdout(&output));
    assert!(!stdout(&output).contains('\u{1b}'), "no colour when piped");
    let output = etiquette(CLI, &["check", "broken", "--color", "always"]);
    assert!(stdout(&output).contains('\u{1b}'));
}

#[test]
fn a_missing_root_exits_2_and_names_it() {
    let output = etiquette(CLI, &["check", "no-such-folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("etiquette: error: cannot read no-such-folder:"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_folder_that_is_not_a_locale_is_named_and_the_rest_checked() {
    let output = etiquette(CLI, &["check", "not-a-locale"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "etiquette: warning: not-a-locale/shared: not a locale folder (`shared` is no BCP 47 language tag like `nl` or `pt-BR`); not checked, add it to `exclude` to say so\n"
    );
    assert!(
        stdout(&output).contains("1 locale checked"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_flags_exit_2() {
    let output = etiquette(CLI, &["check", "clean", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let output = etiquette(CLI, &["check", "clean", "--select", "mising-message"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "etiquette: error: `mising-message` names no rule; did you mean `missing-message`?\n"
    );
    let output = etiquette(CLI, &["check", "clean", "--reference", "fr"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the reference locale `fr` has no folder in clean"));
}

#[test]
fn config_is_found_in_a_parent_folder() {
    let output = etiquette(&format!("{CLI}/with-config/sub/dir"), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The root comes from the config, relative to it; `obsolete-message` is off.
    assert_eq!(
        stdout(&output),
        "No problems found (7 messages in 2 files, 2 locales checked)\n"
    );
    let output = etiquette(
        &format!("{CLI}/with-config"),
        &["check", "--format", "short", "--config", "/dev/null"],
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "no ./locales without the config"
    );
}

#[test]
fn an_unknown_rule_in_config_names_file_line_and_key() {
    let output = etiquette(&format!("{CLI}/bad-config"), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn an_unknown_key_in_config_names_file_line_and_key() {
    let output = etiquette(&format!("{CLI}/bad-key"), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn rules_and_explain() {
    let output = etiquette("", &["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let row = stdout(&output)
        .lines()
        .find(|l| l.starts_with("missing-variable "))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(
        row.as_deref(),
        Some("missing-variable error the reference uses a `$variable` the translation never does")
    );
    let output = etiquette("", &["explain", "missing-variable"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).starts_with("# missing-variable (error by default)\n\n## What it does\n")
    );
    let output = etiquette("", &["explain", "missing-varible"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `missing-variable`?"));
}

#[test]
fn a_project_pack_adds_a_language() {
    let output = etiquette(
        &format!("{CLI}/project-pack"),
        &["check", "--format", "short"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "locales/sv/order.ftl:1:18: warning[salutation-banned] `Kära` must not open a customer email\n\
         locales/sv/order.ftl:2:45: error[old-brand] `ShopCo` is the name we had until 2024\n\
         locales/sv/order.ftl:3:23: error[register-mix] formal `Ni` in an email that addresses the reader informally 2 times (dig ×1, din ×1)\n\
         Found 2 errors, 1 warning and 0 infos (6 messages in 2 files, 2 locales checked); 1 fixable with `--fix`\n"
    );
    // The project's rule is listed and explained like a built-in one.
    let rules = etiquette(&format!("{CLI}/project-pack"), &["rules"]);
    assert!(stdout(&rules).contains("old-brand"), "{}", stdout(&rules));
    let explain = etiquette(&format!("{CLI}/project-pack"), &["explain", "old-brand"]);
    assert!(
        stdout(&explain).contains("Use instead: “Tulip & Co”."),
        "{}",
        stdout(&explain)
    );
    // And selected like one.
    let selected = etiquette(
        &format!("{CLI}/project-pack"),
        &["check", "--select", "old-brand", "--format", "short"],
    );
    assert!(
        stdout(&selected).starts_with("locales/sv/order.ftl:2:45: error[old-brand]"),
        "{}",
        stdout(&selected)
    );
}

#[test]
fn a_bad_pack_exits_2_and_names_file_line_and_key() {
    let output = etiquette(&format!("{CLI}/bad-pack"), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn register_flag_declares_a_locale() {
    let output = etiquette(
        "",
        &[
            "check",
            "--select",
            "register",
            "--register",
            "nl=informal",
            "--format",
            "short",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "error[register-locale] formal `uw` where nl is declared informal (--register)"
        ),
        "{text}"
    );
    let output = etiquette("", &["check", "--register", "nl=polite"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`polite` is not a register; use `formal` or `informal`"),
        "{}",
        stderr(&output)
    );
}

/// Locales are checked in parallel and written as each is done: the report
/// is still in file order, `pt-BR/` before `pt/` as the paths sort, and the
/// same as the library's collected report.
#[test]
fn locales_checked_in_parallel_report_in_file_order() {
    let root = std::env::temp_dir().join(format!("etiquette-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for locale in ["en", "pt", "pt-BR", "en-GB", "de", "nl"] {
        std::fs::create_dir_all(root.join(locale)).unwrap();
        let text = if locale == "en" {
            "hello = Hello\nbye = Bye\n"
        } else {
            "hello = Olá\nstale = Old\n"
        };
        std::fs::write(root.join(locale).join("main.ftl"), text).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(["check", "--reference", "en", "--format", "short"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let files: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once(".ftl:").map(|(file, _)| file))
        .collect();
    // Two findings (missing `bye`, obsolete `stale`) in each of 5 locales.
    assert_eq!(files.len(), 10, "{text}");
    assert!(files.is_sorted(), "{text}");
    let pt_br = files
        .iter()
        .position(|f| f.ends_with("pt-BR/main"))
        .unwrap();
    let pt = files.iter().position(|f| f.ends_with("/pt/main")).unwrap();
    assert!(pt_br < pt, "{text}");

    let project = etiquette::Project::discover(&root, Some("en")).unwrap();
    let report =
        etiquette::check::check(&project, &etiquette::check::CheckOptions::default()).unwrap();
    assert!(
        report
            .findings
            .is_sorted_by(|a, b| a.order(b) != std::cmp::Ordering::Greater)
    );
    assert_eq!(report.summary.locales, 6);
    assert_eq!(report.findings.len(), 10);
    std::fs::remove_dir_all(&root).unwrap();
}
