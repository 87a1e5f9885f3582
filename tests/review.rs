//! The review page, `etiquette render --format html`: the sample project's
//! page as a snapshot, and what a template cannot do to it.

mod common;

use common::Scratch;

fn page(scratch: &Scratch, args: &[&str]) -> String {
    let mut all = vec!["render", "L", "--format", "html"];
    all.extend(args);
    let output = scratch.run(&all);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        common::both(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_page_of_the_sample_project() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(["render", "locales", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let page = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(page);
}

/// The start tags of `page` as written, `<name …>`.
fn tags(page: &str) -> Vec<&str> {
    page.match_indices('<')
        .filter_map(|(at, _)| page[at..].find('>').map(|end| &page[at..=at + end]))
        .filter(|tag| tag[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .collect()
}

#[test]
fn a_template_runs_no_script_and_loads_nothing() {
    let scratch = Scratch::new("review-hostile");
    let nasty = concat!(
        "Hallo <script>document.title = 'pwned'</script>",
        "<img src=\"https://tracker.example/p.gif\" onerror=\"document.title = 'pwned'\" alt=\"logo\">",
        "<a href=\"javascript:alert(1)\">here</a> <a href=\"https://ok.example/\" onclick=\"x()\">ok</a>",
        "<svg onload=\"alert(1)\"></svg><iframe src=\"https://evil.example\"></iframe>",
        "<style>@import url(https://tracker.example/s.css);</style>",
        "<p style=\"background: url(https://tracker.example/t.gif)\" class=\"note\" id=\"e0\">1 &lt; 2</p>",
        "<form action=\"https://evil.example\"><input name=\"q\"></form>",
    );
    scratch
        .write(
            "L/en/x.ftl",
            "x-subject = Hello\nx-body = Hello { $name }\n",
        )
        .write(
            "L/de/x.ftl",
            format!("x-subject = Hallo\nx-body = {nasty}\n"),
        );
    let page = page(&scratch, &[]);
    let scripts: Vec<&str> = tags(&page)
        .into_iter()
        .filter(|t| t.starts_with("<script"))
        .collect();
    assert_eq!(scripts, ["<script>"], "only the page's own script");
    for tag in tags(&page) {
        let lower = tag.to_ascii_lowercase();
        assert!(!regex_like_handler(&lower), "an event handler: {tag}");
        for gone in [
            "javascript:",
            "tracker.example",
            "evil.example",
            " src=",
            " style=",
        ] {
            assert!(!lower.contains(gone), "{gone} in {tag}");
        }
        for element in [
            "<iframe",
            "<svg",
            "<form",
            "<input name",
            "<style>@import",
            "<img src",
        ] {
            assert!(!lower.starts_with(element), "{tag}");
        }
        // The page's classes and ids are the page's own.
        assert!(
            !(lower.starts_with("<p ") && lower.contains("id=")),
            "{tag}"
        );
    }
    // What the template shows stays: the link, the image's words, the text.
    assert!(page.contains("href=\"https://ok.example/\""), "{page}");
    assert!(page.contains("rel=\"noopener noreferrer nofollow\""));
    assert!(page.contains("alt=\"logo\""));
    assert!(page.contains("1 &lt; 2"));
}

/// Whether a start tag has an `on…=` attribute.
fn regex_like_handler(tag: &str) -> bool {
    tag.split_whitespace()
        .skip(1)
        .any(|attribute| attribute.starts_with("on") && attribute.contains('='))
}

#[test]
fn findings_are_marked_at_their_words_with_their_notes() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args([
            "render",
            "locales",
            "--format",
            "html",
            "--locale",
            "nl",
            "--email",
            "orders/refund",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        page.matches("<mark class=\"error\" tabindex=\"0\">je<span class=\"note\" role=\"tooltip\"><b>error</b> <code>register-mix</code>").count(),
        2,
        "{page}"
    );
    assert!(page.contains("<mark class=\"error\" tabindex=\"0\">Lieve<span"));
    // The filtered page counts only what it shows.
    assert!(page.contains("<h1>1 email in 2 locales</h1>"), "{page}");
    assert!(
        page.contains("\">3</span> errors · <span class=\"badge warning\">0</span> warnings"),
        "{page}"
    );
    // The same options as `check`: an ignored rule is not marked.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args([
            "render", "locales", "--format", "html", "--locale", "nl", "--ignore", "register",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(!page.contains("register-mix"));
    assert!(page.contains("salutation-banned"));
}

#[test]
fn what_changed_since_the_base_branch_is_marked() {
    let scratch = Scratch::new("review-compare");
    scratch
        .write(
            "L/en/x.ftl",
            "x-subject = Hello\nx-body = Thanks\nx-old = Old\n",
        )
        .write(
            "L/nl/x.ftl",
            "x-subject = Hallo\nx-body = Bedankt\nx-old = Oud\n",
        );
    let old = scratch.run(&["render", "L", "--format", "json"]);
    scratch.write("old.json", &old.stdout);
    scratch
        .write(
            "L/en/x.ftl",
            "x-subject = Hello\nx-body = Thanks\nx-new = New\n",
        )
        .write(
            "L/nl/x.ftl",
            "x-subject = Hallo\nx-body = Dank je\nx-new = Nieuw\n",
        );
    let page = page(&scratch, &["--compare", "old.json"]);
    assert!(
        page.contains("1 message changed, 2 added, 2 removed"),
        "{page}"
    );
    assert!(page.contains("<div class=\"msg body changed\">\n<div class=\"id\">x-body <span class=\"delta\">changed</span>"), "{page}");
    assert!(page.contains("<summary>Before</summary><div class=\"text\">Bedankt</div>"));
    assert!(page.contains("<div class=\"msg body added\">\n<div class=\"id\">x-new"));
    assert!(
        page.contains(
            "x-old <span class=\"delta\">removed</span></div><del class=\"text\">Oud</del>"
        )
    );
    assert!(!page.contains("msg subject changed"));
    // Not a render document: exit 2, and nothing of it quoted.
    scratch.write("bad.json", "{\"token\": \"hunter2\"}");
    let output = scratch.run(&["render", "L", "--format", "html", "--compare", "bad.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!common::both(&output).contains("hunter2"));
    // --compare is the page's.
    let output = scratch.run(&["render", "L", "--compare", "old.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::both(&output).contains("--compare works with --format html only"));
}

#[test]
fn right_to_left_locales_are_laid_out_right_to_left() {
    let scratch = Scratch::new("review-rtl");
    scratch
        .write("L/en/x.ftl", "x-subject = Hello\n")
        .write("L/ar/x.ftl", "x-subject = مرحبا\n")
        .write("L/he-IL/x.ftl", "x-subject = שלום\n")
        .write("L/de/x.ftl", "x-subject = Hallo\n");
    let page = page(&scratch, &[]);
    assert!(
        page.contains("<div class=\"side panel\" lang=\"ar\" dir=\"rtl\">"),
        "{page}"
    );
    assert!(page.contains("<div class=\"side panel\" lang=\"he-IL\" dir=\"rtl\">"));
    assert!(page.contains("<div class=\"side panel\" lang=\"de\">"));
}
