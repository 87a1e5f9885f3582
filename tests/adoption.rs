//! What a team meets when it adopts etiquette: each rough edge a new user
//! hit, as the process they run, with snapshots of what they see.

mod common;

use common::{Scratch, both};

/// A project of a team's own: en, nl and de, an order confirmation and a
/// password reset, a config beside the locales.
fn team(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch
        .write(
            "shop/etiquette.toml",
            "locales = \"locales\"\n\n[register]\nnl = \"formal\"\n",
        )
        .write(
            "shop/locales/en/orders/confirmation.ftl",
            "confirmation-subject = Your order { $orderId }\n\
             confirmation-greeting = Dear { $name },\n\
             confirmation-body = Thank you for your order. We will let you know when it ships.\n",
        )
        .write(
            "shop/locales/en/account/reset.ftl",
            "reset-subject = Reset your password\n\
             reset-body = Follow the link to choose a new password.\n\
             reset-body-plaintext = Follow this link to choose a new password.\n",
        )
        .write(
            "shop/locales/nl/orders/confirmation.ftl",
            "confirmation-subject = Uw bestelling { $orderId }\n\
             confirmation-greeting = Beste { $name },\n\
             confirmation-body = Bedankt voor je bestelling. We laten u weten wanneer die is verzonden.\n",
        )
        .write(
            "shop/locales/nl/account/reset.ftl",
            "reset-subject = Stel uw wachtwoord opnieuw in\n",
        )
        .write(
            "shop/locales/de/orders/confirmation.ftl",
            "confirmation-subject = Ihre Bestellung { $orderId }\n\
             confirmation-greeting = Hallo { $name },\n\
             confirmation-body = Danke für deine Bestellung. Wir melden uns bei Ihnen, sobald sie versandt ist.\n",
        )
        .write(
            "shop/locales/de/account/reset.ftl",
            "reset-subject = Passwort zurücksetzen\n\
             reset-body = Folge dem Link, um ein neues Passwort zu wählen.\n\
             reset-body-plaintext = Folge diesem Link, um ein neues Passwort zu wählen.\n",
        );
    scratch
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_config_is_the_checked_folders_not_the_working_directorys() {
    let scratch = team("config-place");
    scratch.write("other/etiquette.toml", "[register]\nnl = \"informal\"\n");
    std::fs::create_dir_all(scratch.path("other")).unwrap();
    let output = scratch
        .command(&["check", "../shop/locales", "--format", "short"])
        .current_dir(scratch.path("other"))
        .output()
        .unwrap();
    insta::assert_snapshot!(both(&output));
    let settings = scratch
        .command(&["check", "--show-settings"])
        .current_dir(scratch.path("shop"))
        .output()
        .unwrap();
    insta::assert_snapshot!(stdout(&settings));
}

#[test]
fn a_filtered_run_keeps_the_rest_of_the_baseline() {
    let scratch = team("baseline-filter");
    let shop = scratch.path("shop");
    let run = |args: &[&str]| scratch.command(args).current_dir(&shop).output().unwrap();
    let written = run(&["check", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", both(&written));
    let entries = |text: &str| {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        json["findings"].as_array().unwrap().len()
    };
    let all = entries(&std::fs::read_to_string(shop.join("baseline.json")).unwrap());
    let filtered = run(&[
        "check",
        "--locale",
        "nl",
        "--write-baseline",
        "baseline.json",
    ]);
    assert_eq!(
        entries(&std::fs::read_to_string(shop.join("baseline.json")).unwrap()),
        all
    );
    insta::assert_snapshot!(stderr(&filtered));
}

#[test]
fn a_message_that_does_not_parse_fails_render() {
    let scratch = team("render-broken");
    scratch.write(
        "shop/locales/nl/account/reset.ftl",
        "reset-subject = Stel uw wachtwoord opnieuw in\nreset-body = Volg { de link\n",
    );
    let output = scratch
        .command(&["render", "--locale", "nl", "--email", "account/reset"])
        .current_dir(scratch.path("shop"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(both(&output));
}

#[test]
fn statistics_and_a_long_report_count_by_rule_and_locale() {
    let scratch = Scratch::new("statistics");
    let reference: String = (0..40).map(|i| format!("m{i} = Message {i}\n")).collect();
    scratch.write("L/en/a.ftl", &reference);
    for locale in ["de", "fr"] {
        scratch.write(&format!("L/{locale}/a.ftl"), "m0 = Nachricht\nextra = X\n");
    }
    let output = scratch.run(&["check", "L", "--statistics"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
    let json = scratch.run(&["check", "L", "--statistics", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["rules"][0]["rule"], "missing-message");
    assert_eq!(json["rules"][0]["count"], 78);
    // The human report shows the 39 messages missing at one place as one
    // frame, and ends with the findings by locale.
    let human = stdout(&scratch.run(&["check", "L"]));
    assert_eq!(human.matches("error[missing-message]").count(), 2);
    insta::assert_snapshot!(human);
}

#[test]
fn files_and_locale_folders_are_checked_as_arguments() {
    let scratch = team("arguments");
    let shop = scratch.path("shop");
    let run = |args: &[&str]| scratch.command(args).current_dir(&shop).output().unwrap();
    let file = run(&[
        "check",
        "locales/nl/orders/confirmation.ftl",
        "--format",
        "short",
    ]);
    insta::assert_snapshot!(both(&file));
    let folder = run(&["check", "locales/de", "--format", "short"]);
    insta::assert_snapshot!(both(&folder));
    let inside = scratch
        .command(&["check", "confirmation.ftl", "--format", "short"])
        .current_dir(shop.join("locales/nl/orders"))
        .output()
        .unwrap();
    // Paths stay relative to where the user is.
    assert_eq!(
        both(&inside),
        both(&file)
            .replace("locales/nl/orders/", "../../../locales/nl/orders/")
            .replace("(etiquette.toml)", "(../../../etiquette.toml)")
    );
}

#[test]
fn a_stray_folder_is_named_and_the_rest_checked() {
    let scratch = team("stray");
    scratch.write("shop/locales/templates/base.ftl", "x = X\n");
    scratch.write("shop/locales/old/base.ftl", "x = X\n");
    let shop = scratch.path("shop");
    let output = scratch
        .command(&["check", "--format", "short"])
        .current_dir(&shop)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));
    scratch.write(
        "shop/etiquette.toml",
        "locales = \"locales\"\nexclude = [\"templates\", \"old\"]\n",
    );
    let excluded = scratch
        .command(&["check", "--format", "short"])
        .current_dir(&shop)
        .output()
        .unwrap();
    assert_eq!(stderr(&excluded), "");
}

#[test]
fn suppressions_that_do_nothing_are_reported() {
    let scratch = team("suppressions");
    scratch.write(
        "shop/locales/nl/orders/confirmation.ftl",
        "confirmation-subject = Uw bestelling { $orderId }\n\
         # etiquette-ignore: salutation-baned\n\
         confirmation-greeting = Beste { $name },\n\
         # etiquette-ignore: register-mix\n\
         confirmation-body = Bedankt voor je bestelling. We laten u weten wanneer die is verzonden.\n",
    );
    let output = scratch
        .command(&["check", "--format", "short", "--locale", "nl"])
        .current_dir(scratch.path("shop"))
        .output()
        .unwrap();
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn missing_messages_keep_the_reference_order() {
    let scratch = team("order");
    let output = scratch
        .command(&[
            "check", "--format", "short", "--locale", "nl", "--select", "missing",
        ])
        .current_dir(scratch.path("shop"))
        .output()
        .unwrap();
    let text = stdout(&output);
    let body = text.find("`reset-body` from").unwrap();
    let plaintext = text.find("`reset-body-plaintext` from").unwrap();
    assert!(body < plaintext, "{text}");
}

#[test]
fn sample_arguments_that_reach_nothing_are_named() {
    let scratch = team("arguments-hints");
    scratch.write(
        "shop/locales/args.toml",
        "[common]\nname = \"Niels\"\norderId = 1\n\n[\"orders/confirmaton\"]\nx = 1\n",
    );
    scratch.write(
        "shop/locales/de/orders/confirmation.ftl",
        "confirmation-subject = Ihre Bestellung { $ordernumber }\n\
         confirmation-greeting = Guten Tag { $name },\n\
         confirmation-body = Danke für Ihre Bestellung.\n",
    );
    let shop = scratch.path("shop");
    let output = scratch
        .command(&["check", "--format", "short", "--locale", "de"])
        .current_dir(&shop)
        .output()
        .unwrap();
    // The typo is one mistake: missing-variable and unknown-variable,
    // not a render-error besides.
    assert!(
        !stdout(&output).contains("render-error"),
        "{}",
        both(&output)
    );
    insta::assert_snapshot!(both(&output));
    scratch.write("shop/locales/args.toml", "[orders/confirmation]\nx = 1\n");
    let unquoted = scratch
        .command(&["render"])
        .current_dir(&shop)
        .output()
        .unwrap();
    assert_eq!(unquoted.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&unquoted));
}

#[test]
fn small_edges() {
    let scratch = team("small");
    let shop = scratch.path("shop");
    let run = |args: &[&str]| scratch.command(args).current_dir(&shop).output().unwrap();
    // A register declared for a locale without a pack is said to do nothing.
    let register = run(&["check", "--register", "ja=formal", "--format", "short"]);
    assert!(
        stderr(&register).contains("--register ja: etiquette has no language pack for ja"),
        "{}",
        stderr(&register)
    );
    // Colour in the short format too.
    let short = run(&["check", "--format", "short", "--color", "always"]);
    assert!(stdout(&short).contains("\u{1b}[1;31merror[register-locale]"));
    // A baseline that does not parse says where, from column 1.
    scratch.write("shop/baseline.json", "{\"version\": 1, \"findings\": [");
    let baseline = run(&["check", "--baseline", "baseline.json"]);
    assert!(
        stderr(&baseline).contains("baseline.json:1:"),
        "{}",
        stderr(&baseline)
    );
    assert!(!stderr(&baseline).contains("baseline.json:1:0:"));
    // explain says how to silence a rule once.
    let explain = run(&["explain", "register-mix"]);
    assert_eq!(stdout(&explain).matches("etiquette-ignore:").count(), 1);
}
