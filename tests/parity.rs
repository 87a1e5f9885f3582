//! Render parity with fluent.js: the cases of `tests/parity/cases.ftl`, in
//! twelve locales, rendered by etiquette and by `@fluent/bundle` under Node
//! (`tests/parity/render.mjs`, from the committed lockfile), compared
//! message by message.
//!
//! A difference must be in `tests/parity/known.tsv` with a verdict:
//! `invisible` (no customer can see it: a narrow no-break space where V8
//! writes a space) or `open` (a difference still to close; the issue that
//! tracks parity stays open while one is left). The test fails on a
//! difference nobody has listed and on a listed one that is gone.
//!
//! Without Node or `tests/parity/node_modules` (`npm ci --prefix
//! tests/parity`) it says so and checks nothing, unless
//! `ETIQUETTE_REQUIRE_NODE` is set, as `.ci/run` sets it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::Scratch;

/// A file that starts with a byte order mark, which fluent.js reads as
/// part of the first message.
const BOM_FILE: &str = "\u{feff}bom-first = First\nbom-second = Second, { bom-first }\n";

const LOCALES: &[&str] = &[
    "en", "nl", "de", "fr", "es", "it", "pt-BR", "pt-PT", "pl", "ar", "he", "ja", "fi", "ru",
    "zh-TW", "tr", "sv", "cs",
];

/// A message's place: locale, message id and attribute (`id.attr`).
type Place = (String, String);

#[derive(serde::Deserialize)]
struct Rendered {
    locale: String,
    message_id: String,
    attribute: Option<String>,
    text: Option<String>,
}

fn place(r: &Rendered) -> Place {
    let name = match &r.attribute {
        Some(attribute) => format!("{}.{attribute}", r.message_id),
        None => r.message_id.clone(),
    };
    (r.locale.clone(), name)
}

fn node_ready() -> bool {
    let ready = Path::new("tests/parity/node_modules/@fluent/bundle").is_dir()
        && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        assert!(
            std::env::var_os("ETIQUETTE_REQUIRE_NODE").is_none(),
            "ETIQUETTE_REQUIRE_NODE is set, and Node or tests/parity/node_modules is missing"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("parity: no Node or no `npm ci --prefix tests/parity`; nothing compared");
        }
    }
    ready
}

/// The sample arguments as the job of render.mjs has them.
fn node_args() -> serde_json::Value {
    let text = std::fs::read_to_string("tests/parity/args.toml").unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let common = table["common"].as_table().unwrap();
    let args: serde_json::Map<String, serde_json::Value> = common
        .iter()
        .map(|(name, value)| {
            let value = match value {
                toml::Value::String(s) => serde_json::json!({ "text": s }),
                toml::Value::Integer(n) => serde_json::json!({ "number": n }),
                // JSON has no NaN or infinity: they travel as text.
                toml::Value::Float(n) if !n.is_finite() => {
                    serde_json::json!({ "number_text": n.to_string().replace("inf", "Infinity") })
                }
                toml::Value::Float(n) => serde_json::json!({ "number": n }),
                toml::Value::Datetime(d) => serde_json::json!({ "date": d.to_string() }),
                other => panic!("{name}: {other:?} is not a sample argument"),
            };
            (name.clone(), value)
        })
        .collect();
    serde_json::Value::Object(args)
}

/// One run of both renderers: with isolation marks or not, and in which
/// zone the sending server writes dates (as etiquette and as `TZ` name it).
#[derive(Clone, Copy)]
struct Run {
    isolate: bool,
    zone: (&'static str, &'static str),
}

const RUNS: &[Run] = &[
    Run {
        isolate: false,
        zone: ("UTC", "UTC"),
    },
    Run {
        isolate: true,
        zone: ("UTC", "UTC"),
    },
    // POSIX names the zone five hours west of UTC `Etc/GMT+5`.
    Run {
        isolate: false,
        zone: ("-05:00", "Etc/GMT+5"),
    },
];

/// The places of a run: `nl`, `nl isolated`, `nl at -05:00`.
fn places_of(
    rendered: BTreeMap<Place, Option<String>>,
    run: Run,
) -> BTreeMap<Place, Option<String>> {
    let suffix = match (run.isolate, run.zone.0) {
        (true, _) => " isolated".to_owned(),
        (false, "UTC") => String::new(),
        (false, zone) => format!(" at {zone}"),
    };
    rendered
        .into_iter()
        .map(|((locale, name), text)| ((format!("{locale}{suffix}"), name), text))
        .collect()
}

fn etiquette(scratch: &Scratch, run: Run) -> BTreeMap<Place, Option<String>> {
    let zone = format!("--time-zone={}", run.zone.0);
    let mut args = vec![
        "render",
        "L",
        "--format",
        "json",
        "--args",
        "args.toml",
        &zone,
    ];
    if run.isolate {
        args.push("--isolate");
    }
    let output = scratch.run(&args);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    #[derive(serde::Deserialize)]
    struct Document {
        messages: Vec<Rendered>,
    }
    let document: Document = serde_json::from_slice(&output.stdout).unwrap();
    let rendered = document
        .messages
        .into_iter()
        .map(|r| (place(&r), r.text))
        .collect();
    places_of(rendered, run)
}

fn fluent_js(scratch: &Scratch, cases: &str, run: Run) -> BTreeMap<Place, Option<String>> {
    let locales: Vec<serde_json::Value> = LOCALES
        .iter()
        .map(|locale| serde_json::json!({ "locale": locale, "files": [cases, BOM_FILE] }))
        .collect();
    let job =
        serde_json::json!({ "isolate": run.isolate, "locales": locales, "args": node_args() });
    scratch.write("job.json", job.to_string());
    let output = Command::new("node")
        .arg("tests/parity/render.mjs")
        .arg(scratch.path("job.json"))
        .env("TZ", run.zone.1)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let rendered: Vec<Rendered> = serde_json::from_slice(&output.stdout).unwrap();
    places_of(
        rendered.into_iter().map(|r| (place(&r), r.text)).collect(),
        run,
    )
}

/// The listed differences: place → (etiquette's text, fluent.js's, verdict).
fn known() -> BTreeMap<Place, (String, String, String)> {
    let text = std::fs::read_to_string("tests/parity/known.tsv").unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("locale\tmessage\tetiquette\tfluent.js\tverdict\treason")
    );
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 6, "{line}");
            assert!(matches!(cells[4], "invisible" | "open"), "{line}");
            (
                (cells[0].to_owned(), cells[1].to_owned()),
                (
                    cells[2].to_owned(),
                    cells[3].to_owned(),
                    cells[4].to_owned(),
                ),
            )
        })
        .collect()
}

/// A text as a cell: tabs, line breaks and no-break spaces visible.
fn cell(text: &Option<String>) -> String {
    match text {
        None => "(none)".into(),
        Some(text) => text
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\u{a0}', "\\u{a0}")
            .replace('\u{202f}', "\\u{202f}")
            .replace('\u{2068}', "\\u{2068}")
            .replace('\u{2069}', "\\u{2069}"),
    }
}

#[test]
fn render_matches_fluent_js() {
    if !node_ready() {
        return;
    }
    let cases = std::fs::read_to_string("tests/parity/cases.ftl").unwrap();
    let scratch = Scratch::new("parity");
    scratch.write(
        "args.toml",
        std::fs::read("tests/parity/args.toml").unwrap(),
    );
    for locale in LOCALES {
        scratch.write(&format!("L/{locale}/cases.ftl"), &cases);
        scratch.write(&format!("L/{locale}/bom.ftl"), BOM_FILE);
    }
    let mut ours = BTreeMap::new();
    let mut theirs = BTreeMap::new();
    for &run in RUNS {
        ours.extend(etiquette(&scratch, run));
        theirs.extend(fluent_js(&scratch, &cases, run));
    }
    let known = known();
    let mut unlisted = Vec::new();
    let mut listed = BTreeMap::new();
    // Every place either side shows: a message one of them drops counts.
    let places: std::collections::BTreeSet<&Place> = theirs.keys().chain(ours.keys()).collect();
    for place in places {
        let rs = cell(&ours.get(place).cloned().flatten());
        let js = cell(&theirs.get(place).cloned().flatten());
        if rs == js {
            continue;
        }
        match known.get(place) {
            Some((k_rs, k_js, verdict)) if *k_rs == rs && *k_js == js => {
                *listed.entry(verdict.clone()).or_insert(0) += 1;
            }
            _ => unlisted.push(format!("{}\t{}\t{rs}\t{js}", place.0, place.1)),
        }
    }
    let stale: Vec<String> = known
        .iter()
        .filter(|(place, (k_rs, k_js, _))| {
            let rs = cell(&ours.get(*place).cloned().flatten());
            let js = cell(&theirs.get(*place).cloned().flatten());
            !(rs == *k_rs && js == *k_js) || rs == js
        })
        .map(|(place, _)| format!("{}\t{}", place.0, place.1))
        .collect();
    #[allow(clippy::print_stdout)]
    {
        println!(
            "parity: {} messages in {} locales, with and without isolation, in two zones; differences listed: {listed:?}; unlisted: {}",
            theirs.len(),
            LOCALES.len(),
            unlisted.len()
        );
    }
    std::fs::create_dir_all("target").unwrap();
    std::fs::write("target/parity-unlisted.tsv", unlisted.join("\n") + "\n").unwrap();
    assert!(
        unlisted.is_empty(),
        "{} differences nobody listed in tests/parity/known.tsv (target/parity-unlisted.tsv):\n{}",
        unlisted.len(),
        unlisted.join("\n")
    );
    assert!(
        stale.is_empty(),
        "listed differences that are gone:\n{}",
        stale.join("\n")
    );
}
