//! Each rule's fixture folder has a reference `en`, at least one locale with
//! the problem, and clean locales (marked with an empty `clean` file). The
//! snapshot of the human output is the rule's living documentation.

use std::path::{Path, PathBuf};

use etiquette::check::{CheckOptions, check};
use etiquette::project::Project;
use etiquette::project::config::Config;
use etiquette::rules::{self, Selection};

fn relative(dir: &Path) -> PathBuf {
    dir.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(dir)
        .to_path_buf()
}

#[test]
fn rules() {
    insta::glob!("fixtures/rules/*", |dir| {
        let rule = dir.file_name().unwrap().to_str().unwrap();
        assert!(rules::find(rule).is_some(), "no rule named {rule}");
        let root = relative(dir);
        let project = Project::discover(&root, None).unwrap();
        // A fixture may bring a config, as a project would.
        let config_path = root.join("etiquette.toml");
        let mut options = if config_path.exists() {
            CheckOptions::from_config(&Config::read(&config_path).unwrap()).unwrap()
        } else {
            CheckOptions::default()
        };
        options.settings.selection =
            Selection::new(&[rule.to_string()], &[], &Default::default()).unwrap();
        let report = check(&project, &options).unwrap();
        for locale in &project.locales {
            let found = report
                .findings
                .iter()
                .filter(|f| f.locale == locale.name)
                .count();
            // The reference is clean unless a `findings` file says otherwise.
            let clean = locale.path.join("clean").exists()
                || (locale.name == "en" && !locale.path.join("findings").exists());
            if clean {
                assert_eq!(
                    found, 0,
                    "{rule}: the clean locale {} has findings",
                    locale.name
                );
            } else {
                assert!(
                    found > 0,
                    "{rule}: the locale {} has no finding",
                    locale.name
                );
            }
        }
        assert!(report.findings.iter().all(|f| f.rule == rule));
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(etiquette::report::human(&report, false));
        });
    });
}

#[test]
fn every_rule_has_a_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for rule in rules::all() {
        assert!(
            fixtures.join(rule.id).is_dir(),
            "rule {} has no fixture folder in tests/fixtures/rules",
            rule.id
        );
    }
}

#[test]
fn leaving_the_memory_to_the_os_changes_no_finding() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let root = relative(&entry.unwrap().path());
        let project = Project::discover(&root, None).unwrap();
        let freed = check(&project, &CheckOptions::default()).unwrap();
        let options = CheckOptions {
            exit_after: true,
            ..CheckOptions::default()
        };
        let left = check(&project, &options).unwrap();
        assert_eq!(freed.findings, left.findings, "{}", root.display());
        assert_eq!(freed.summary, left.summary, "{}", root.display());
    }
}
