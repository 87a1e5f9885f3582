//! Nothing a user can put in a file makes etiquette panic, overflow its
//! stack, hang or run out of memory: each malformed input becomes a finding
//! or a clear error naming the file, and every other file is still checked.
//!
//! Each case is a scratch project with the malformed file next to a good
//! one whose known mistake (a missing message) must still be reported.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A scratch project: `en/good.ftl` and `nl/good.ftl` with one known
/// mistake, plus whatever the case adds.
struct Case {
    root: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let root =
            std::env::temp_dir().join(format!("etiquette-malformed-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("en")).unwrap();
        std::fs::create_dir_all(root.join("nl")).unwrap();
        std::fs::write(
            root.join("en/good.ftl"),
            "good-hello = Hello { $name }\ngood-bye = Goodbye\n",
        )
        .unwrap();
        std::fs::write(root.join("nl/good.ftl"), "good-hello = Hallo { $name }\n").unwrap();
        std::fs::write(
            root.join("args.toml"),
            "[common]\nname = \"Niels\"\nn = 5\n",
        )
        .unwrap();
        Case { root }
    }

    /// Writes `bytes` to `rel` in both locales, or only in one.
    fn file(self, rel: &str, locales: &[&str], bytes: &[u8]) -> Case {
        for locale in locales {
            let path = self.root.join(locale).join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        self
    }

    /// Runs `etiquette ARGS ROOT`.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_etiquette"))
            .args(args)
            .arg(&self.root)
            .output()
            .unwrap()
    }

    /// `check` and `render` both finish without a panic, `check` still
    /// reports the good file's mistake, and returns its report.
    fn survives(&self) -> String {
        let output = self.run(&["check", "--format", "short"]);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            matches!(output.status.code(), Some(0..=2)) && !stderr.contains("panicked"),
            "check crashed ({:?}): {stderr}",
            output.status
        );
        assert!(
            stdout
                .contains("nl/good.ftl:1:1: error[missing-message] `good-bye` from en is missing"),
            "the good file was not checked:\n{stdout}\n{stderr}"
        );
        let output = self.run(&["render"]);
        let stderr_render = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0..=2)) && !stderr_render.contains("panicked"),
            "render crashed ({:?}): {stderr_render}",
            output.status
        );
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("good-hello: Hallo Niels"),
            "the good file was not rendered"
        );
        stdout + &stderr
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const BOTH: &[&str] = &["en", "nl"];

#[test]
fn bom_crlf_and_tabs() {
    let report = Case::new("bom")
        .file(
            "bom.ftl",
            BOTH,
            b"\xEF\xBB\xBFbom-a = A\r\nbom-b =\r\n\tindented with a tab\r\n",
        )
        .survives();
    assert!(
        report.contains("bom.ftl:3:1: error[syntax-error]"),
        "{report}"
    );
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let report = Case::new("utf8")
        .file("bad.ftl", &["nl"], b"bad-a = caf\xE9 \xFF\xFE\nbad-b = B\n")
        .file("nul.ftl", &["nl"], b"nul-a = A\0B\nnul-b = \0\0\0\n")
        .survives();
    assert!(
        report.contains("bad.ftl:1:12: error[syntax-error]"),
        "{report}"
    );
}

/// A byte that is not UTF-8 is reported once, and the rest of the file is
/// still read: its messages are not missing.
#[test]
fn a_file_that_is_not_utf8_is_read_after_the_bad_byte() {
    let report = Case::new("latin1")
        .file("latin1.ftl", &["en"], b"la-a = Cafe\nla-b = B\nla-c = C\n")
        .file(
            "latin1.ftl",
            &["nl"],
            b"la-a = Caf\xE9\nla-b = B\nla-c = C\n",
        )
        .survives();
    assert!(
        report.contains("latin1.ftl:1:11: error[syntax-error] the file is not valid UTF-8"),
        "{report}"
    );
    assert_eq!(report.matches("latin1.ftl").count(), 1, "{report}");
}

#[test]
fn empty_and_comment_only_files() {
    Case::new("empty")
        .file("empty.ftl", BOTH, b"")
        .file("comments.ftl", BOTH, b"### Only a comment\n# and another\n")
        .survives();
}

#[test]
fn binary_junk() {
    // A fixed pseudo-random sequence (xorshift), so that a failure repeats.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let junk: Vec<u8> = (0..1_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    Case::new("junk").file("junk.ftl", BOTH, &junk).survives();
}

/// A message `long` on one line: `phrase` again and again, to at least
/// `bytes`.
fn long_message(phrase: &[u8], bytes: usize) -> Vec<u8> {
    let mut line = b"long = ".to_vec();
    while line.len() < bytes {
        line.extend_from_slice(phrase);
    }
    line.push(b'\n');
    line
}

#[test]
fn a_10_mb_line() {
    let line = long_message(
        b"Bedankt voor uw geduld, je bent geweldig. ",
        10 * 1024 * 1024,
    );
    Case::new("long-line")
        .file("long.ftl", BOTH, &line)
        .survives();
}

/// Every word an address marker, `u` and `je` in turn (419,429 of each, a
/// tie): the report lists 500 findings and counts the rest.
#[test]
fn a_2_mb_line_of_address_markers() {
    let line = long_message(b"u je ", 2 * 1024 * 1024);
    let case = Case::new("markers").file("long.ftl", BOTH, &line);
    let report = case.survives();
    let flagged = report.matches("[register-mix]").count();
    assert_eq!(flagged, 500, "{}", &report[..report.len().min(2000)]);
    assert!(
        report.contains("(and 418929 more findings in this email, not listed)"),
        "{}",
        &report[report.len().saturating_sub(2000)..]
    );
}

#[test]
fn deeply_nested_placeables() {
    let depth = 20_000;
    let nested = format!("deep = {}$x{}\n", "{ ".repeat(depth), " }".repeat(depth));
    let unclosed = format!("open = {}\nafter = After\n", "{".repeat(depth));
    let strings = format!(
        "strings = {}\"{{\"{}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    );
    Case::new("nested")
        .file("nested.ftl", BOTH, nested.as_bytes())
        .file("unclosed.ftl", BOTH, unclosed.as_bytes())
        .file("strings.ftl", BOTH, strings.as_bytes())
        .survives();
}

#[test]
fn deeply_nested_selects() {
    let depth = 5_000;
    let mut text = String::from("sel = ");
    for _ in 0..depth {
        text.push_str("{ $n ->\n *[other] ");
    }
    text.push('x');
    for _ in 0..depth {
        text.push_str("\n}");
    }
    text.push('\n');
    Case::new("nested-select")
        .file("select.ftl", BOTH, text.as_bytes())
        .survives();
}

#[test]
fn a_chain_of_20000_references() {
    let n = 20_000;
    let mut messages = String::new();
    let mut terms = String::new();
    for i in 0..n {
        messages.push_str(&format!("m{i} = {{ m{} }}\n", i + 1));
        terms.push_str(&format!("-t{i} = {{ -t{} }}\n", i + 1));
    }
    messages.push_str(&format!("m{n} = End {{ $name }}\n"));
    terms.push_str(&format!("-t{n} = End\nuses-terms = {{ -t0 }}\n"));
    Case::new("chain")
        .file("messages.ftl", BOTH, messages.as_bytes())
        .file("terms.ftl", BOTH, terms.as_bytes())
        .survives();
}

#[test]
fn reference_cycles_through_terms_and_attributes() {
    let text = "\
-a = { -b }
-b = { -c(x: 1) }
-c = { -a }
msg = Hi { -a }
self = { self }
attr = { attr.x }
    .x = { attr.y }
    .y = { attr.x }
";
    let report = Case::new("cycle")
        .file("cycle.ftl", BOTH, text.as_bytes())
        .survives();
    assert!(report.contains("error[reference-cycle]"), "{report}");
}

#[test]
fn a_select_with_30000_variants() {
    let mut text = String::from("many = { $n ->\n");
    for i in 0..30_000 {
        text.push_str(&format!("    [{i}] variant {i} je u\n"));
    }
    text.push_str("   *[other] other\n}\n");
    Case::new("variants")
        .file("variants.ftl", BOTH, text.as_bytes())
        .survives();
}

#[test]
fn many_selectors_in_one_email() {
    // 40 independent selectors: 2^40 combinations, judged without
    // enumerating them.
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!(
            "s{i} = {{ $v{i} ->\n    [a] Wilt u dit\n   *[b] Wil je dat\n}}\n"
        ));
    }
    Case::new("selectors")
        .file("selectors.ftl", &["nl"], text.as_bytes())
        .file("selectors.ftl", &["en"], b"")
        .survives();
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_folders_named_ftl() {
    let case = Case::new("links");
    std::os::unix::fs::symlink(".", case.root.join("nl/loop")).unwrap();
    std::os::unix::fs::symlink(case.root.join("nl"), case.root.join("nl/again")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/x.ftl", case.root.join("nl/dangling.ftl")).unwrap();
    std::fs::create_dir_all(case.root.join("nl/folder.ftl")).unwrap();
    // A FIFO is not a file: skipped, never opened (opening it would block).
    let _ = Command::new("mkfifo")
        .arg(case.root.join("nl/fifo.ftl"))
        .status();
    let report = case.survives();
    assert!(
        report.contains("nl/dangling.ftl: a symbolic link that leads nowhere"),
        "{report}"
    );
    assert!(
        report.contains("nl/loop: a symbolic link to a folder read already"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new("unreadable").file("secret.ftl", &["nl"], b"secret = x\n");
    let path = case.root.join("nl/secret.ftl");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading.
        return;
    }
    let report = case.survives();
    assert!(report.contains("secret.ftl"), "{report}");
}

#[test]
fn bad_sample_arguments_name_the_file() {
    let case = Case::new("args");
    std::fs::write(case.root.join("args.toml"), "[common\nname = ").unwrap();
    let output = case.run(&["render"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("args.toml") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn extreme_number_and_date_options() {
    let text = "\
big = { NUMBER($n, minimumFractionDigits: 100000) }
sig = { NUMBER($n, maximumSignificantDigits: 99999999999) }
neg = { NUMBER($n, minimumIntegerDigits: -5) }
date = { DATETIME($d, dateStyle: \"bogus\") }
huge = { 999999999999999999999999999999999999 }
";
    let case = Case::new("numbers").file("numbers.ftl", BOTH, text.as_bytes());
    std::fs::write(
        case.root.join("args.toml"),
        "[common]\nname = \"Niels\"\nn = 1e308\nd = 9999-12-31\n",
    )
    .unwrap();
    case.survives();
}

#[test]
fn a_diamond_of_references_is_not_expanded_exponentially() {
    // Each message pulls in the next one twice: 2^60 copies if expanded.
    let mut messages = String::new();
    let mut terms = String::new();
    for i in 0..60 {
        messages.push_str(&format!("m{i} = {{ m{n} }} {{ m{n} }}\n", n = i + 1));
        terms.push_str(&format!("-t{i} = {{ -t{n} }} {{ -t{n} }}\n", n = i + 1));
    }
    messages.push_str("m60 = je u\n");
    terms.push_str("-t60 = je u\nuses = { -t0 }\n");
    Case::new("diamond")
        .file("messages.ftl", BOTH, messages.as_bytes())
        .file("terms.ftl", BOTH, terms.as_bytes())
        .survives();
}

#[test]
fn nan_infinity_and_absurd_digit_options() {
    let text = "\
nan = { NUMBER($nan, minimumFractionDigits: 18446744073709551615) }
inf = { NUMBER(99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999) }
";
    let case = Case::new("nan").file("nan.ftl", BOTH, text.as_bytes());
    std::fs::write(
        case.root.join("args.toml"),
        "[common]\nname = \"Niels\"\nnan = nan\n",
    )
    .unwrap();
    let report = case.survives();
    assert!(
        report.contains("minimumFractionDigits from 0 to 100"),
        "{report}"
    );
}

#[test]
fn deeply_nested_calls() {
    let depth = 5_000;
    let calls = format!(
        "calls = {{ {}$n{} }}\n-t = x\nterms = {{ {}1{} }}\n",
        "NUMBER(".repeat(depth),
        ")".repeat(depth),
        "-t(".repeat(depth),
        ")".repeat(depth)
    );
    let report = Case::new("calls")
        .file("calls.ftl", &["nl"], calls.as_bytes())
        .survives();
    assert!(report.contains("calls.ftl:1:"), "{report}");
}

#[test]
fn many_messages_attributes_and_missing_entries() {
    let messages: String = (0..100_000).map(|i| format!("m{i} = x\n")).collect();
    let terms: String = (0..60_000).map(|i| format!("-t{i} = x\n")).collect();
    Case::new("many")
        .file("messages.ftl", BOTH, messages.as_bytes())
        .file("terms.ftl", &["en"], terms.as_bytes())
        .file("terms.ftl", &["nl"], b"only = x\n")
        .survives();
}

#[cfg(unix)]
#[test]
fn a_device_or_fifo_named_as_config_args_or_baseline_is_refused() {
    let case = Case::new("devices");
    for args in [
        ["check", "--config", "/dev/zero"],
        ["check", "--baseline", "/dev/zero"],
        ["render", "--args", "/dev/zero"],
    ] {
        let output = case.run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("/dev/zero: not a regular file"), "{stderr}");
    }
}

#[test]
fn attributes_among_few_and_among_60000() {
    let few: String = std::iter::once("few = x\n".to_string())
        .chain((0..12).map(|i| format!("    .a{} = y\n", i % 10)))
        .collect();
    // The translation has `.extra` where the reference has `.a59999`.
    let many = |last: &str| -> String {
        std::iter::once("many = x\n".to_string())
            .chain((0..59_999).map(|i| format!("    .a{i} = y\n")))
            .chain([format!("    .{last} = y\n"), "    .a7 = z\n".to_string()])
            .collect()
    };
    let report = Case::new("attributes")
        .file("few.ftl", BOTH, few.as_bytes())
        .file("many.ftl", &["en"], many("a59999").as_bytes())
        .file("many.ftl", &["nl"], many("extra").as_bytes())
        .survives();
    for expected in [
        "nl/few.ftl:12:6: error[duplicate-id] attribute `.a0` of `few` is already defined at line 2",
        "nl/few.ftl:13:6: error[duplicate-id] attribute `.a1` of `few` is already defined at line 3",
        "nl/many.ftl:60002:6: error[duplicate-id] attribute `.a7` of `many` is already defined at line 9",
        "error[missing-attribute] attribute `.a59999` of `many` is missing",
        "nl/many.ftl:60001:6: warning[obsolete-attribute] attribute `.extra` of `many` is not in en",
    ] {
        assert!(report.contains(expected), "no `{expected}` in:\n{report}");
    }
}
