//! `check --fix`, `--unsafe-fixes` and `--diff`: what is fixed, what is
//! left alone and why, and that a fixed file is the same byte for byte
//! outside its edits.

mod common;

use std::path::Path;

use common::Scratch;

/// The sample project, copied into a scratch folder.
fn sample(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    copy(Path::new("locales"), &scratch.root.join("locales"));
    scratch
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_diff_of_the_sample_project_and_nothing_written() {
    let scratch = sample("fix-diff");
    let before = std::fs::read(scratch.path("locales/nl/orders/refund.ftl")).unwrap();
    let output = scratch.run(&["check", "locales", "--diff"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
    assert_eq!(
        std::fs::read(scratch.path("locales/nl/orders/refund.ftl")).unwrap(),
        before
    );
}

#[test]
fn fixing_leaves_no_finding_that_has_a_fix() {
    let scratch = sample("fix-all");
    let output = scratch.run(&["check", "locales", "--fix", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("etiquette: fixed 5 findings in 3 files"),
        "{}",
        stderr(&output)
    );
    let refund = std::fs::read_to_string(scratch.path("locales/nl/orders/refund.ftl")).unwrap();
    assert!(
        refund.contains("refund-greeting = Beste { $name },"),
        "{refund}"
    );
    assert!(refund.contains("om u te helpen") && refund.contains("voor uw geduld"));
    let delivery =
        std::fs::read_to_string(scratch.path("locales/nl/orders/delivery-problem.ftl")).unwrap();
    assert!(
        delivery.contains("Onze bezorgpartner { $carrier } heeft"),
        "{delivery}"
    );
    // The unsafe fix: the message the reference no longer has is deleted.
    let confirmation =
        std::fs::read_to_string(scratch.path("locales/fr/orders/confirmation.ftl")).unwrap();
    assert!(
        !confirmation.contains("confirmation-gift-wrap"),
        "{confirmation}"
    );
    let output = scratch.run(&["check", "locales", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for finding in report["findings"].as_array().unwrap() {
        let fixes = finding["fixes"].as_array().unwrap();
        assert!(
            fixes.iter().all(|f| f["applicability"] == "display-only"),
            "{finding}"
        );
    }
    // Nothing is left to fix.
    let output = scratch.run(&["check", "locales", "--diff", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn fixes_are_in_the_json_and_counted_in_the_summary() {
    let scratch = sample("fix-json");
    let output = scratch.run(&["check", "locales", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let lieve = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "salutation-banned")
        .unwrap();
    let fix = &lieve["fixes"][0];
    assert_eq!(fix["title"], "Replace `Lieve` with `Beste`");
    assert_eq!(fix["applicability"], "safe");
    let edit = &fix["edits"][0];
    assert_eq!(edit["replacement"], "Beste");
    assert_eq!(edit["file"], "locales/nl/orders/refund.ftl");
    assert_eq!(
        (edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(3), Some(19))
    );
    assert_eq!(report["summary"]["fixable"], 4);
    let output = scratch.run(&["check", "locales"]);
    assert!(
        stdout(&output).contains("; 4 fixable with `--fix`"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("= note: fix (with `--fix`): Replace `Lieve` with `Beste`"),
        "{}",
        stdout(&output)
    );
}

/// A project pack whose rules' replacements break the file or make a
/// finding of another rule: neither is applied, and the run says why.
fn pack_project(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch
        .write("etiquette.toml", "rule-packs = [\"packs\"]\n")
        .write(
            "packs/house.toml",
            "[pack]\nname = \"House\"\nlocales = [\"*\"]\n\n\
             [[rule]]\nid = \"no-kiosk\"\nwords = [\"kiosk\"]\nmessage = \"write shop\"\nreplace = \"{\"\nbad = [\"the [kiosk]\"]\n\n\
             [[rule]]\nid = \"no-booth\"\nwords = [\"booth\"]\nmessage = \"write stand\"\nreplace = \"stall\"\nbad = [\"a [booth]\"]\n\n\
             [[rule]]\nid = \"no-stall\"\nwords = [\"stall\"]\nmessage = \"no stalls\"\nbad = [\"a [stall]\"]\n",
        )
        .write("locales/en/a.ftl", "shop = The kiosk\r\nstand = A booth\r\nok = Fine\r\n")
        .write("locales/nl/a.ftl", "\u{feff}shop = De winkel\r\nstand = Een kraam\r\nok = Goed\r\n");
    scratch
}

#[test]
fn a_fix_that_breaks_the_file_or_makes_a_finding_is_not_applied() {
    let scratch = pack_project("fix-refused");
    let before = std::fs::read(scratch.path("locales/en/a.ftl")).unwrap();
    let output = scratch.run(&["check", "locales", "--fix"]);
    let err = stderr(&output);
    assert!(
        err.contains("locales/en/a.ftl:1: not fixed (no-kiosk): Replace “kiosk” with “{”: the file would not parse"),
        "{err}"
    );
    assert!(
        err.contains("locales/en/a.ftl:2: not fixed (no-booth): Replace “booth” with “stall”: it would make a new finding: no-stall"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(scratch.path("locales/en/a.ftl")).unwrap(),
        before
    );
}

#[test]
fn a_fixed_file_keeps_its_bom_line_endings_and_the_rest() {
    let scratch = pack_project("fix-bytes");
    scratch.write(
        "packs/house.toml",
        "[pack]\nname = \"House\"\nlocales = [\"*\"]\n\n\
         [[rule]]\nid = \"no-kraam\"\nwords = [\"kraam\"]\nmessage = \"write stand\"\nreplace = \"stand\"\nbad = [\"een [kraam]\"]\n",
    );
    let output = scratch.run(&["check", "locales", "--fix"]);
    assert!(
        stderr(&output).contains("fixed 1 finding in 1 file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(scratch.path("locales/nl/a.ftl")).unwrap(),
        "\u{feff}shop = De winkel\r\nstand = Een stand\r\nok = Goed\r\n".as_bytes()
    );
}

#[cfg(unix)]
#[test]
fn a_linked_file_is_not_fixed_through_the_link() {
    let scratch = sample("fix-link");
    let refund = scratch.path("locales/nl/orders/refund.ftl");
    // The link stays inside the project, so it is read.
    std::fs::rename(&refund, scratch.path("locales/nl/orders/refund.txt")).unwrap();
    scratch.link("refund.txt", "locales/nl/orders/refund.ftl");
    let output = scratch.run(&["check", "locales", "--fix"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is a symbolic link; nothing was fixed"),
        "{}",
        stderr(&output)
    );
    let linked = std::fs::read_to_string(scratch.path("locales/nl/orders/refund.txt")).unwrap();
    assert!(linked.contains("Lieve"));
}

#[test]
fn an_edit_in_a_select_lands_in_its_variant() {
    let scratch = Scratch::new("fix-variant");
    scratch
        .write(
            "locales/en/a.ftl",
            "a-intro = We received your return. You get the amount back within 3 days.\n\
             a-thanks = { $count ->\n    [one] Thank you for your patience.\n   *[other] Thank you all for your patience.\n}\n",
        )
        .write(
            "locales/nl/a.ftl",
            "a-intro = Wij hebben uw retour ontvangen. U krijgt het bedrag binnen 3 dagen terug.\n\
             a-thanks = { $count ->\n    [one] Bedankt voor je geduld.\n   *[other] Bedankt voor uw geduld, allemaal.\n}\n",
        );
    let output = scratch.run(&["check", "locales", "--fix"]);
    assert!(
        stderr(&output).contains("fixed 1 finding in 1 file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(scratch.path("locales/nl/a.ftl")).unwrap(),
        "a-intro = Wij hebben uw retour ontvangen. U krijgt het bedrag binnen 3 dagen terug.\n\
         a-thanks = { $count ->\n    [one] Bedankt voor uw geduld.\n   *[other] Bedankt voor uw geduld, allemaal.\n}\n"
    );
}
