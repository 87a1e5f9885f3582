//! Files a stranger's pull request may hold: nothing in them may crash
//! etiquette, make it read or write outside the project, or forge what a
//! terminal or a CI runner takes from its output. Each case runs the
//! binary and asserts what it did: exit code, what was written or printed.

mod common;

use common::{Scratch, both};

/// A project with a reference and a translation missing one message.
fn project(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch
        .write(
            "L/en/good.ftl",
            "good-hello = Hello { $name }\ngood-bye = Goodbye\n",
        )
        .write("L/nl/good.ftl", "good-hello = Hallo { $name }\n")
        .write("L/args.toml", "[common]\nname = \"Niels\"\n");
    scratch
}

/// The missing message of [`project`] was still found.
fn still_checked(output: &std::process::Output) {
    assert!(
        both(output).contains("`good-bye` from en is missing"),
        "{}",
        both(output)
    );
}

/// No line of the output starts a workflow command (after the white space
/// a runner trims) or holds the older `##[` form, but the commands
/// etiquette itself writes with `--format github`.
fn no_forged_commands(output: &std::process::Output) {
    for line in both(output).lines() {
        let own = line.starts_with("::") && line.contains("title=etiquette ");
        assert!(
            own || !line.trim_start().starts_with("::"),
            "a workflow command: {line:?}"
        );
        assert!(!line.contains("##["), "a workflow command: {line:?}");
        assert!(!line.contains('\u{1b}'), "an escape sequence: {line:?}");
    }
}

#[test]
fn a_quote_in_a_variant_hides_no_nesting_from_the_guard() {
    // 12 KB that overflowed the parser's stack (exit 134).
    let n = 3000;
    let text = format!(
        "a = {{ $x ->\n *[o] \" {}$y{}\n}}\n",
        "{ ".repeat(n),
        " }".repeat(n)
    );
    let scratch = project("nesting");
    scratch
        .write("L/en/a.ftl", &text)
        .write("L/nl/a.ftl", &text);
    let output = scratch.run(&["check", "L"]);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    assert!(both(&output).contains("nested more than 64 levels deep"));
    still_checked(&output);
    let output = scratch.run(&["render", "L"]);
    assert!(matches!(output.status.code(), Some(0..=2)), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("good-hello: Hallo Niels"));
}

#[test]
fn a_message_fluent_bundle_would_panic_on_is_reported_not_rendered() {
    // Found by the render fuzz target: past Fluent's 100 placeables, a
    // placeable in a placeable or a select on a literal reaches an
    // `unreachable!()` in fluent-bundle 0.16 (exit 134).
    let many = "{ c }".repeat(101);
    let text = format!("b = {many}\nc = x\nd = {{ {{ b }} }}\ne = {{ \"k\" ->\n *[k] {many}\n}}\n");
    let scratch = project("fluent-panic");
    scratch
        .write("L/en/d.ftl", &text)
        .write("L/nl/d.ftl", &text);
    for command in ["render", "check"] {
        let output = scratch.run(&[command, "L"]);
        assert!(
            matches!(output.status.code(), Some(0..=1)),
            "{command}: {output:?}"
        );
    }
    let output = scratch.run(&["render", "L", "--locale", "nl"]);
    let said = both(&output);
    assert_eq!(
        said.matches("fluent-bundle 0.16 crashes on this").count(),
        2,
        "{said}"
    );
    assert!(said.contains("good-hello: Hallo Niels"), "{said}");
}

#[test]
fn a_duplicate_message_hides_no_panic_from_the_guard() {
    // Found by the render fuzz target: the guard weighed the last
    // definition of `m` ("a"), Fluent formatted the first (exit 134).
    let text = format!(
        "m = {{ i }}{{ g }}{}\nname = {}\nm = a\n",
        "{{name}}".repeat(9),
        "{{n}}".repeat(10)
    );
    let scratch = project("fluent-panic-duplicate");
    scratch
        .write("L/en/d.ftl", &text)
        .write("L/nl/d.ftl", &text);
    for command in ["render", "check"] {
        let output = scratch.run(&[command, "L"]);
        assert!(
            matches!(output.status.code(), Some(0..=1)),
            "{command}: {output:?}"
        );
    }
    let output = scratch.run(&["render", "L", "--locale", "nl", "--email", "d"]);
    let said = both(&output);
    assert_eq!(
        said.matches("fluent-bundle 0.16 crashes on this").count(),
        1,
        "{said}"
    );
    // The later `m` is not shown as if it were the text Fluent formats.
    assert_eq!(
        said.matches("\nm:").count() + said.matches("\nm ").count(),
        0,
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn a_baseline_is_not_written_through_a_link() {
    let scratch = project("baseline-link");
    scratch.write("outside/.bashrc", "export PATH=/usr/bin\n");
    scratch.link("../outside/.bashrc", "L/etiquette-baseline.json");
    let output = scratch.run(&[
        "check",
        "L",
        "--write-baseline",
        "L/etiquette-baseline.json",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(
        both(&output).contains("it is a symbolic link"),
        "{}",
        both(&output)
    );
    let kept = std::fs::read_to_string(scratch.path("outside/.bashrc")).unwrap();
    assert_eq!(kept, "export PATH=/usr/bin\n");
}

#[test]
fn a_baseline_is_not_written_over_another_file() {
    let scratch = project("baseline-other");
    let output = scratch.run(&["check", "L", "--write-baseline", "L/nl/good.ftl"]);
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(both(&output).contains("not an etiquette baseline"));
    let kept = std::fs::read_to_string(scratch.path("L/nl/good.ftl")).unwrap();
    assert_eq!(kept, "good-hello = Hallo { $name }\n");
}

/// A file etiquette cannot read: larger than it reads (sparse, so that it
/// takes no room), which even root cannot read.
fn unreadable(scratch: &Scratch, rel: &str) {
    let file = std::fs::File::create(scratch.path(rel)).unwrap();
    file.set_len(33 << 20).unwrap();
}

#[test]
fn a_baseline_is_not_written_when_files_could_not_be_read() {
    let scratch = project("baseline-unread");
    unreadable(&scratch, "L/nl/huge.ftl");
    let output = scratch.run(&["check", "L", "--write-baseline", "base.json"]);
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(
        both(&output).contains("huge.ftl: larger than 32 MB"),
        "{}",
        both(&output)
    );
    assert!(
        both(&output).contains("was not written"),
        "{}",
        both(&output)
    );
    assert!(!scratch.path("base.json").exists());
}

#[test]
fn concurrent_baselines_are_each_whole() {
    let scratch = project("baseline-race");
    for _ in 0..20 {
        let mut children: Vec<_> = (0..2)
            .map(|_| {
                scratch
                    .command(&["check", "L", "--write-baseline", "base.json"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in &mut children {
            assert_eq!(child.wait().unwrap().code(), Some(0));
        }
        let text = std::fs::read_to_string(scratch.path("base.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).expect("a whole baseline");
        assert_eq!(json["findings"].as_array().map(Vec::len), Some(1));
    }
    let leftovers = std::fs::read_dir(&scratch.root)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_baseline_of_another_version_is_refused() {
    let scratch = project("baseline-version");
    scratch.write("base.json", "{\"version\": 99, \"findings\": []}");
    let output = scratch.run(&["check", "L", "--baseline", "base.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(both(&output).contains("version 99"), "{}", both(&output));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_named_and_not_followed() {
    let scratch = project("links-out");
    scratch
        .link("/", "L/nl/r")
        .link("/proc/self/environ", "L/nl/env.ftl")
        .link("loop2", "L/nl/loop1")
        .link("loop1", "L/nl/loop2")
        .link("nl", "L/nl-BE");
    let output = scratch
        .command(&["check", "L", "--format", "short"])
        .env("ETIQUETTE_TEST_SECRET", "hunter2-in-the-environment")
        .output()
        .unwrap();
    let text = both(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(
        text.contains("L/nl/r: a symbolic link out of L; not followed"),
        "{text}"
    );
    assert!(
        text.contains("L/nl/env.ftl: a symbolic link out of L"),
        "{text}"
    );
    assert!(
        text.contains("L/nl/loop1: a loop of symbolic links"),
        "{text}"
    );
    // A link that stays inside the root is followed: nl-BE is checked.
    assert!(
        text.contains("L/nl-BE/good.ftl:1:1: error[missing-message]"),
        "{text}"
    );
    still_checked(&output);
}

#[cfg(unix)]
#[test]
fn a_config_that_links_to_secrets_prints_none() {
    let scratch = project("config-secret");
    scratch.link("/proc/self/environ", "etiquette.toml");
    let output = scratch
        .command(&["check", "L"])
        .env("ETIQUETTE_TEST_SECRET", "hunter2-in-the-environment")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(!both(&output).contains("hunter2"), "{}", both(&output));
    assert!(
        both(&output).contains("etiquette.toml"),
        "{}",
        both(&output)
    );
}

#[test]
fn config_paths_stay_inside_the_config_folder() {
    let scratch = project("config-outside");
    scratch
        .write(
            "secrets/config.json",
            "{\"auths\": {\"registry\": {\"auth\": \"hunter2\"}}}",
        )
        .write("repo/etiquette.toml", "locales = \"../L\"\n");
    let output = scratch
        .command(&["check"])
        .current_dir(scratch.path("repo"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(both(&output).contains("`locales` leads out of the folder of the config"));
    scratch.write(
        "L/etiquette.toml",
        "locales = \".\"\nargs = \"../secrets/config.json\"\n",
    );
    let output = scratch
        .command(&["render"])
        .current_dir(scratch.path("L"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(both(&output).contains("`args` leads out of the folder of the config"));
    assert!(!both(&output).contains("hunter2"));
}

#[test]
fn a_bad_value_is_described_not_quoted() {
    let scratch = project("args-secret");
    scratch.write(
        "args.json",
        "{\"auths\": {\"registry\": {\"auth\": \"hunter2\"}}, \"common\": {\"token\": [\"hunter3\"]}}",
    );
    let output = scratch.run(&["render", "L", "--args", "args.json"]);
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    let text = both(&output);
    assert!(
        !text.contains("hunter2") && !text.contains("hunter3"),
        "{text}"
    );
    assert!(text.contains("is an object"), "{text}");
    scratch.write(
        "etiquette.toml",
        "locales = \"L\"\n[register]\nnl = \"hunter4\"\n",
    );
    let output = scratch.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!both(&output).contains("hunter4"), "{}", both(&output));
    assert!(both(&output).contains("etiquette.toml:3:6: unknown value"));
}

#[cfg(unix)]
#[test]
fn names_and_text_cannot_forge_workflow_commands() {
    let scratch = project("forged");
    let forged = "x\n::error file=README.md,line=1,title=FORGED::fine.ftl";
    scratch
        .write(&format!("L/en/{forged}"), "f = Fine\n")
        .write(&format!("L/nl/{forged}"), "f = Fijn\n    ::warning::two\n")
        .write(
            "L/en/text.ftl",
            "t = Ready\n    ::error file=a,line=1::forged\n    ##[error]old form\n",
        )
        .write("L/nl/text.ftl", "t = Klaar\n    ::notice::x\n");
    for format in ["human", "short", "github", "json", "sarif"] {
        let output = scratch.run(&["check", "L", "--format", format]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{format}: {output:?}"
        );
        no_forged_commands(&output);
    }
    let output = scratch.run(&["render", "L"]);
    no_forged_commands(&output);
    assert!(String::from_utf8_lossy(&output.stdout).contains("\\u{3a}:error file=a"));
    no_forged_commands(&scratch.run(&["render", "L", "--format", "json"]));
    no_forged_commands(&scratch.run(&["render", "L", "--format", "html"]));
}

/// Found by fuzzing: the frame of a window of a long line printed a
/// ` ::: ` line.
#[test]
fn a_frame_of_a_long_line_starts_no_line_with_colons() {
    let scratch = project("long-line-frame");
    let line = "u je WORD_ID {{name}} ".repeat(1200);
    scratch
        .write("L/en/long.ftl", "long = Long\n")
        .write("L/nl/long.ftl", format!("long = {line}\n"));
    let output = scratch.run(&["check", "L"]);
    assert!(
        both(&output).contains("= note: at L/nl/long.ftl:1:208"),
        "{}",
        both(&output)
    );
    no_forged_commands(&output);
}

#[test]
fn template_text_cannot_drive_the_terminal() {
    let scratch = project("escapes");
    // Clear the screen, and write the clipboard (OSC 52).
    let nasty = "Hallo \u{1b}[2J\u{1b}]52;c;aGk=\u{7} \u{202e}txt.exe \u{9b}31m";
    scratch
        .write("L/en/x.ftl", format!("x = Hello {{ $name }} {nasty}\n"))
        .write("L/nl/x.ftl", format!("x = {nasty}\n"));
    for args in [
        &["check", "L"][..],
        &["check", "L", "--format", "short"],
        &["check", "L", "--format", "github"],
        &["render", "L"],
        &["render", "L", "--format", "html"],
    ] {
        let output = scratch.run(args);
        let text = both(&output);
        for hidden in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
            assert!(
                !text.contains(hidden),
                "{args:?} printed {hidden:?}: {text}"
            );
        }
    }
    let output = scratch.run(&["render", "L", "--locale", "nl"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("\\u{1b}[2J"),
        "{}",
        both(&output)
    );
    let json = scratch.run(&["check", "L", "--format", "json"]);
    let text = String::from_utf8(json.stdout).unwrap();
    assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'));
    serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
}

#[test]
fn a_million_identifiers_make_a_short_report() {
    let scratch = project("identifiers");
    let words: Vec<String> = (0..1_000_000).map(|i| format!("WORD_{i:07}")).collect();
    scratch.write("L/nl/many.ftl", format!("many = {}\n", words.join(" ")));
    scratch.write("L/en/many.ftl", "many = Many\n");
    let output = scratch.run(&["check", "L", "--format", "short"]);
    let text = both(&output);
    assert_eq!(text.matches("[leaked-identifier]").count(), 500);
    assert!(
        text.contains("(and 999500 more in this file, not listed)"),
        "{}",
        &text[..500]
    );
    still_checked(&output);
}

#[test]
fn a_select_of_30000_variants_is_judged() {
    let variants: String = (0..30_000)
        .map(|i| format!("    [v{i}] Wilt u {i}\n"))
        .collect();
    let text = format!("a = {{ $x ->\n{variants}   *[other] Wil je het\n}}\n");
    let scratch = project("variants");
    scratch
        .write("L/en/a.ftl", "a = A\n")
        .write("L/nl/a.ftl", &text);
    let output = scratch.run(&["check", "L", "--format", "short"]);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    still_checked(&output);
}

#[test]
fn a_message_too_long_to_render_is_reported_not_made() {
    let big = "x".repeat(100 * 1024);
    let refs = vec!["{ big }"; 99].join(" ");
    let text = format!("big = {big}\nm = {refs}\n");
    let scratch = project("too-long");
    scratch
        .write("L/en/big.ftl", &text)
        .write("L/nl/big.ftl", &text);
    let output = scratch.run(&["render", "L", "--locale", "nl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        both(&output).contains("nl/big.ftl:2:1: error[render-error] nl · big: this would render to more than 256 KB: not rendered"),
        "{}",
        both(&output)
    );
    assert!(output.stdout.len() < 200 * 1024);
    let output = scratch.run(&["check", "L", "--format", "short"]);
    assert!(both(&output).contains("error[render-error] this would render to more than 256 KB"));
}

#[test]
fn a_slow_pattern_is_refused_when_the_pack_loads() {
    let scratch = project("regex");
    scratch
        .write(
            "packs/house.toml",
            "[pack]\nname = \"House\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"slow\"\n\
             pattern = '(?:\\b\\w+\\b\\W+){1,100}zzqq'\nmessage = \"x\"\nbad = [\"[a zzqq]\"]\n",
        )
        .write(
            "etiquette.toml",
            "locales = \"L\"\nrule-packs = [\"packs\"]\n",
        );
    let output = scratch.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        both(&output).contains("the `pattern` compiles to more than 1024 KB"),
        "{}",
        both(&output)
    );
}

#[test]
fn the_summary_does_not_say_all_is_well_when_files_were_not_read() {
    let scratch = Scratch::new("unread-summary");
    scratch
        .write("L/en/a.ftl", "a = A\n")
        .write("L/nl/a.ftl", "a = A\n");
    unreadable(&scratch, "L/nl/b.ftl");
    let output = scratch.run(&["check", "L"]);
    assert_eq!(output.status.code(), Some(2));
    let text = both(&output);
    assert!(!text.contains("No problems found"), "{text}");
    assert!(text.contains("1 file could not be read"), "{text}");
}
