//! Register consistency across the pieces an email is made of: templates,
//! id prefixes, declared registers, and the Dutch refund email of the
//! sample project.

use etiquette::check::{CheckOptions, Report, check};
use etiquette::project::Project;
use etiquette::project::config::{Config, Register};
use etiquette::rules::Selection;

fn run(root: &str, configure: impl FnOnce(&mut CheckOptions)) -> Report {
    let root = std::path::Path::new(root);
    let project = Project::discover(root, None).unwrap();
    let config = root.join("etiquette.toml");
    let mut options = if config.exists() {
        CheckOptions::from_config(&Config::read(&config).unwrap()).unwrap()
    } else {
        CheckOptions::default()
    };
    options.settings.selection =
        Selection::new(&["register".into()], &[], &Default::default()).unwrap();
    configure(&mut options);
    check(&project, &options).unwrap()
}

/// `(email, file, line, word)` of each finding.
fn found(report: &Report) -> Vec<(String, String, usize, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let word = f.message.split('`').nth(1).unwrap_or("").to_owned();
            (
                f.email.clone().unwrap_or_default(),
                f.file.clone(),
                f.start.line,
                word,
            )
        })
        .collect()
}

#[test]
fn a_shared_footer_counts_in_every_email_of_its_template() {
    let report = run("tests/fixtures/register/templates", |_| {});
    assert_eq!(
        found(&report),
        [(
            "refund".into(),
            "tests/fixtures/register/templates/nl/footer.ftl".into(),
            1,
            "je".into()
        )]
    );
}

#[test]
fn id_prefix_makes_an_email_of_each_prefix() {
    // One file, two emails: each is consistent; grouped by file they would mix.
    let report = run("tests/fixtures/register/id-prefix", |_| {});
    assert_eq!(found(&report), []);
    let report = run("tests/fixtures/register/id-prefix", |o| {
        o.settings.emails = Default::default()
    });
    assert!(
        !report.findings.is_empty(),
        "one file as one email mixes `Sie` and `du`"
    );
}

#[test]
fn a_declared_register_judges_every_email() {
    let report = run("tests/fixtures/register/id-prefix", |o| {
        o.settings
            .registers
            .insert("de".into(), (Register::Formal, "--register".into()));
    });
    let words: Vec<_> = found(&report)
        .into_iter()
        .map(|(email, _, _, word)| (email, word))
        .collect();
    assert_eq!(
        words,
        [
            ("survey".into(), "dein".into()),
            ("survey".into(), "du".into()),
            ("survey".into(), "dir".into())
        ]
    );
    assert!(report.findings.iter().all(|f| f.rule == "register-locale"));
    assert!(
        report.findings[0]
            .message
            .ends_with("where de is declared formal (--register)")
    );
}

#[test]
fn the_dutch_refund_email_gets_exactly_its_lieve_and_its_two_je() {
    // Every rule runs: the email as Amazon sent it has exactly three faults.
    let report = run("locales", |o| o.settings.selection = Selection::default());
    let refund: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.file == "locales/nl/orders/refund.ftl")
        .map(|f| {
            let word = f.message.split('`').nth(1).unwrap_or("");
            (f.rule, f.start.line, word, f.help.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        refund,
        [
            (
                "salutation-banned",
                3,
                "Lieve",
                "open with “Beste { $name },”, or “Geachte heer/mevrouw { $name },” in a formal email"
            ),
            (
                "register-mix",
                17,
                "je",
                "write “Het was me een genoegen om u te helpen”"
            ),
            ("register-mix", 19, "je", "write “Bedankt voor uw geduld”"),
        ]
    );
    let je = report
        .findings
        .iter()
        .find(|f| f.rule == "register-mix")
        .unwrap();
    assert_eq!(
        je.message,
        "informal `je` in an email that addresses the reader formally 12 times (uw ×8, u ×4)"
    );
}
