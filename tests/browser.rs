//! The review page in a real browser: headless Chromium loads the page of
//! the sample project and of a hostile template from `file://`, dumps its
//! DOM and takes a screenshot. Every email and locale is there, the
//! findings are marked, the page's script ran, and no template script did.
//!
//! Without Chromium (`chromium`, `chromium-browser`, `google-chrome`, or
//! `ETIQUETTE_CHROMIUM`) the test says so and checks nothing, unless
//! `ETIQUETTE_REQUIRE_BROWSER` is set, as `.ci/run` sets it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Scratch;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ETIQUETTE_CHROMIUM") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs Chromium headless on `page` with `args`; its standard output.
fn browse(chromium: &Path, scratch: &Scratch, page: &Path, args: &[&str]) -> String {
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.path("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .expect("Chromium runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Writes the review page of `root` (with `args`) to `page`.
fn write_page(root: &Path, args: &[&str], page: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_etiquette"))
        .args(["render", "--format", "html"])
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    std::fs::write(page, output.stdout).unwrap();
}

#[test]
fn the_review_page_in_a_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("ETIQUETTE_REQUIRE_BROWSER").is_none(),
            "ETIQUETTE_REQUIRE_BROWSER is set and no Chromium was found"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("no Chromium: the review page is not checked in a browser");
        }
        return;
    };
    let scratch = Scratch::new("browser");
    let page = scratch.path("sample.html");
    write_page(Path::new("locales"), &[], &page);
    let dom = browse(&chromium, &scratch, &page, &["--dump-dom"]);
    assert!(
        dom.contains("<html lang=\"en\" class=\"js\">"),
        "the page's script did not run: {dom}"
    );
    for email in [
        "account/password-reset",
        "feedback/survey",
        "orders/confirmation",
        "orders/delivery-problem",
        "orders/refund",
        "shared/footer",
    ] {
        // In the overview and as the email's heading.
        assert_eq!(
            dom.matches(&format!("\">{email}</")).count(),
            2,
            "{email}: {dom}"
        );
    }
    assert_eq!(dom.matches(">en <small>reference</small>").count(), 6 + 1);
    for locale in ["de", "fr", "nl"] {
        // A tab in every email.
        assert_eq!(
            dom.matches(&format!("\">{locale} <span")).count(),
            6,
            "{locale}"
        );
    }
    for word in ["Lieve", "je", "DHL_CONNECT"] {
        assert!(
            dom.contains(&format!("tabindex=\"0\">{word}<span class=\"note\"")),
            "{word} not marked"
        );
    }
    let screenshot = scratch.path("sample.png");
    browse(
        &chromium,
        &scratch,
        &page,
        &[
            "--hide-scrollbars",
            "--window-size=1280,1600",
            &format!("--screenshot={}", screenshot.display()),
        ],
    );
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );

    // A template's script, handler or network load.
    let hostile = Scratch::new("browser-hostile");
    hostile
        .write("L/en/x.ftl", "x-subject = Hello\nx-body = Hello\n")
        .write(
            "L/de/x.ftl",
            concat!(
                "x-subject = Hallo <script>document.title = 'pwned'</script>\n",
                "x-body = <img src=\"x\" onerror=\"document.documentElement.setAttribute('data-pwned', '1')\">",
                "<svg><script>document.title = 'pwned'</script></svg>",
                "<a href=\"javascript:document.title = 'pwned'\">x</a>\n",
            ),
        );
    let page = hostile.path("hostile.html");
    write_page(&hostile.path("L"), &[], &page);
    let dom = browse(&chromium, &hostile, &page, &["--dump-dom"]);
    assert!(
        dom.contains("class=\"js\""),
        "the page's script did not run: {dom}"
    );
    assert!(
        !dom.contains("pwned"),
        "a template script is in the page: {dom}"
    );
}
