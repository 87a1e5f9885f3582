//! Every email the sample project sends, in every locale, as the customer
//! reads it: the snapshots in `tests/snapshots/render__*.snap` are the
//! living picture of `locales/`.

use std::path::Path;
use std::process::Command;

use etiquette::{Project, SampleArgs};

fn sample_project() -> (Project, SampleArgs) {
    let project = Project::load("locales").unwrap();
    let args = SampleArgs::read(Path::new("locales/args.toml")).unwrap();
    (project, args)
}

const EMAILS: &[&str] = &[
    "account/password-reset",
    "feedback/survey",
    "orders/confirmation",
    "orders/delivery-problem",
    "orders/refund",
    "shared/footer",
];

#[test]
fn every_email_in_every_locale() {
    let (project, args) = sample_project();
    for locale in ["de", "en", "fr", "nl"] {
        for email in EMAILS {
            let rendered = project.render(locale, email, &args).unwrap();
            let name = format!("{locale}__{}", email.replace('/', "__"));
            insta::assert_snapshot!(name, rendered.to_string());
        }
    }
}

#[test]
fn fluent_reports_no_error_on_the_sample_emails() {
    let (project, args) = sample_project();
    let mut faults = Vec::new();
    for locale in ["de", "en", "fr", "nl"] {
        for email in EMAILS {
            let rendered = project.render(locale, email, &args).unwrap();
            faults.extend(
                rendered
                    .faults
                    .iter()
                    .map(|f| format!("{locale} {email}: {f:?}")),
            );
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn numbers_and_dates_are_written_the_locale_way() {
    let (project, args) = sample_project();
    let text = |locale| {
        project
            .render(locale, "orders/confirmation", &args)
            .unwrap()
            .to_string()
    };
    assert!(text("nl").contains("€\u{a0}59,50") && text("nl").contains("op 14 maart 2025"));
    assert!(text("de").contains("59,50\u{a0}€") && text("de").contains("am 14. März 2025"));
    assert!(text("fr").contains("59,50\u{a0}€") && text("fr").contains("le 14 mars 2025"));
    assert!(text("en").contains("€59.50") && text("en").contains("on March 14, 2025"));
}

#[test]
fn a_missing_sample_argument_shows_and_is_a_fault() {
    let (project, _) = sample_project();
    let mut args = SampleArgs::new();
    args.set("name", "Niels");
    let rendered = project.render("nl", "orders/refund", &args).unwrap();
    assert!(rendered.to_string().contains("bestelling {$orderId}"));
    let fault = rendered
        .faults
        .iter()
        .find(|f| f.subject.as_deref() == Some("orderId"))
        .unwrap();
    assert_eq!(fault.path, "locales/nl/orders/refund.ftl");
    assert_eq!(
        (fault.line, fault.message_id.as_str()),
        (1, "refund-subject")
    );
}

#[test]
fn an_unknown_email_is_an_error_that_lists_the_known_ones() {
    let (project, args) = sample_project();
    let error = project
        .render("nl", "orders/refnud", &args)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no email `orders/refnud` in locale nl; it has"),
        "{error}"
    );
    assert!(error.contains("orders/refund"), "{error}");
}

fn etiquette(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

#[test]
fn render_prints_one_email_with_one_command() {
    let output = etiquette(&["render", "--locale", "nl", "--email", "orders/refund"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(
            "== nl · orders/refund\nrefund-subject: Uw terugbetaling voor bestelling 104817\n"
        ),
        "{text}"
    );
    assert!(text.contains("€\u{a0}24,95 terugbetaald"), "{text}");
    assert!(
        !text.contains('\u{2068}'),
        "isolation marks are off by default"
    );
    let isolated = etiquette(&[
        "render",
        "--locale",
        "nl",
        "--email",
        "orders/refund",
        "--isolate",
    ]);
    // Shown visibly, as every invisible control character in text output.
    assert!(
        String::from_utf8(isolated.stdout)
            .unwrap()
            .contains("\\u{2068}104817\\u{2069}")
    );
}

#[test]
fn render_reports_a_missing_argument_and_exits_1() {
    let output = etiquette(&[
        "render",
        "tests/fixtures/rules/render-error",
        "--args",
        "tests/fixtures/rules/render-error/args.toml",
        "--locale",
        "nl",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("tests/fixtures/rules/render-error/nl/account.ftl:2:52: error[render-error] nl · account: no sample value for `$customerNo`"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["messages"][0]["locale"], "nl");
    assert_eq!(json["messages"][0]["email"], "account");
    assert_eq!(json["messages"][0]["message_id"], "account-greeting");
    assert_eq!(
        json["messages"][0]["text"],
        "Beste Niels (klantnummer {$customerNo}),"
    );
    let errors = json["errors"].as_array().unwrap();
    let term = errors.iter().find(|e| e["message_id"] == "-brand").unwrap();
    assert_eq!(
        (term["line"].as_u64(), term["column"].as_u64()),
        (Some(1), Some(24))
    );
}

#[test]
fn render_names_an_unknown_email() {
    let output = etiquette(&["render", "--email", "orders/refnud"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no email `orders/refnud` in the reference locale en (did you mean `orders/refund`?); it has"),
        "{stderr}"
    );
}

#[test]
fn bad_sample_arguments_name_the_file_line_and_key() {
    let dir = std::env::temp_dir().join(format!("etiquette-args-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("args.toml");
    std::fs::write(
        &path,
        "[common]\nname = \"Niels\"\n\n[\"orders/refund\"]\nitems = [1, 2]\n",
    )
    .unwrap();
    let output = etiquette(&["render", "--args", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("args.toml:5:9: `items` in [orders/refund] is an array"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// A sample argument of the wrong kind is reported where its value starts,
/// in TOML and in JSON, not at its table.
#[test]
fn a_bad_sample_argument_is_reported_where_its_value_is() {
    let position = |error: etiquette::render::ArgsError| match error {
        etiquette::render::ArgsError::Invalid { line, column, .. } => (line, column),
        other => panic!("{other}"),
    };
    let toml = "[common]\nname = \"Niels\"\n\n[\"orders/refund\"]\ncount = 2\nwhen = 10:30:00\n";
    assert_eq!(
        position(SampleArgs::parse_toml(toml, "args.toml").unwrap_err()),
        (6, 8)
    );
    let json = "{\n  \"common\": {\"name\": \"Niels\"},\n  \"orders/refund\": {\n    \"count\": 2,\n    \"gift\": true\n  }\n}\n";
    let error = SampleArgs::parse_json(json, "args.json").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("args.json:5:13: `gift` in \"orders/refund\" is a boolean;"),
        "{error}"
    );
    // A syntax error keeps serde_json's position, said once.
    let error = SampleArgs::parse_json("{\"common\": {\"a\": \"b\"", "args.json").unwrap_err();
    assert_eq!(
        error.to_string(),
        "args.json:1:20: EOF while parsing an object"
    );
}

#[test]
fn the_runtime_decides_what_the_customer_reads() {
    let root = std::env::temp_dir().join(format!("etiquette-runtime-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("L/de")).unwrap();
    std::fs::create_dir_all(root.join("L/en")).unwrap();
    let text = concat!(
        "\u{feff}first = Erste\n",
        "items = { NUMBER($n, maximumFractionDigits: 0) ->\n    [one] ein Artikel\n   *[other] { $n } Artikel\n}\n",
        "total = { NUMBER($sum, minimumFractionDigits: 2) }\n",
        "share = { NUMBER($n, style: \"percent\", minimumIntegerDigits: \"2\") }\n",
    );
    std::fs::write(root.join("L/de/a.ftl"), text).unwrap();
    std::fs::write(root.join("L/en/a.ftl"), text.trim_start_matches('\u{feff}')).unwrap();
    std::fs::write(root.join("args.toml"), "[common]\nn = 1.2\nsum = 1234.5\n").unwrap();
    let run = |runtime: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_etiquette"))
            .args([
                "render",
                "L",
                "--locale",
                "de",
                "--args",
                "args.toml",
                "--runtime",
                runtime,
            ])
            .current_dir(&root)
            .output()
            .unwrap();
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
            output.status.code(),
        )
    };
    // fluent.js: the plural of the number as written ("1"), Intl's
    // separators, and the first message lost to the byte order mark.
    let (text, errors, code) = run("fluent-js");
    assert!(text.contains("items: ein Artikel\n"), "{text}");
    assert!(text.contains("total: 1.234,50\n"), "{text}");
    assert!(!text.contains("first:"), "{text}");
    assert!(
        errors.contains(
            "L/de/a.ftl:1:1: error[render-error] de · a: the file starts with a byte order mark"
        ),
        "{errors}"
    );
    assert_eq!(code, Some(1));
    // A Rust sender: the raw value selects, and numbers have no locale;
    // fluent-syntax loses the first message to the mark too.
    let (text, errors, code) = run("fluent-rs");
    assert!(!text.contains("first:"), "{text}");
    assert!(text.contains("items: 1.2 Artikel\n"), "{text}");
    assert!(text.contains("total: 1234.50\n"), "{text}");
    assert!(
        errors.contains(
            "NUMBER() option `minimumIntegerDigits` as written (“2”) is one fluent-bundle ignores"
        ),
        "{errors}"
    );
    assert_eq!(code, Some(1));
    let _ = std::fs::remove_dir_all(&root);
}
