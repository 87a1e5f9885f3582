//! Measures the register rules on CoCoA-MT, where professional translators
//! wrote a formal and an informal translation of each English segment.
//!
//! Synthetic emails of five segments of one register are "pure"; adding one
//! segment of the other register whose annotation marks a formality phrase
//! makes them "mixed". For each language this prints the false-alarm rate
//! on pure emails (any finding at warning or error severity) and the share
//! of intruding segments caught (a finding inside the intruder), with the
//! register judged by majority and declared.
//!
//! Each segment is read beside its English source, as a check reads a
//! translation beside its reference; `--without-reference` reads the
//! segments alone.
//!
//! ```sh
//! cargo run --release --example evaluate_register [--without-reference] [CORPUS] [EMAILS]
//! ```
//! CORPUS defaults to `../shared/corpora/cocoa-mt`, EMAILS (per condition)
//! to 1000. The output is deterministic. CORPUS may be any split laid out
//! as CoCoA-MT's (`en-es/…formal.es`, `…informal.es`, `….en`, with
//! `en-nl`, `en-de`, `en-fr`, `en-it`, `en-pt`): the held-out test split
//! too. Where a split has no annotated files (`…formal.annotated.es`),
//! every segment counts as marking a formality phrase.
//!
//! A segment that alarms on its own is listed; `tests/precision/cocoa-slips.tsv`
//! holds the verdict on each: a translator's slip (the other register's
//! word is there) or the detector's error. The false alarms "without the
//! translators' slips" leave out only emails with a segment judged a slip;
//! one not judged yet is counted against the detector and marked.

#![allow(clippy::print_stdout)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use etiquette::finding::Severity;
use etiquette::packs::Packs;
use etiquette::project::config::Register;
use etiquette::rules::examples::{TextFinding, check_texts};

/// CoCoA-MT's folder, its file suffix, and the pack locale it is judged with.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en-nl", "nl", "nl"),
    ("en-de", "de", "de"),
    ("en-fr", "fr", "fr"),
    ("en-es", "es", "es"),
    ("en-it", "it", "it"),
    ("en-pt", "pt", "pt-PT"),
];

struct Segments {
    /// The English source of each segment.
    english: Vec<String>,
    /// Plain text, per register.
    formal: Vec<String>,
    informal: Vec<String>,
    /// Whether the annotated version marks a formality phrase.
    formal_marked: Vec<bool>,
    informal_marked: Vec<bool>,
}

fn read_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .map(unquote)
        .collect()
}

/// The lines of an annotated file, if the split has one.
fn annotations(path: &Path) -> Option<Vec<String>> {
    path.exists().then(|| read_lines(path))
}

/// Some lines are CSV-quoted: `"He said ""hi"""` is `He said "hi"`.
fn unquote(line: &str) -> String {
    match line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        Some(inner) if line.len() >= 2 => inner.replace("\"\"", "\""),
        _ => line.to_owned(),
    }
}

fn load(corpus: &Path, folder: &str, suffix: &str) -> Segments {
    let dir = corpus.join(folder);
    let mut segments = Segments {
        english: Vec::new(),
        formal: Vec::new(),
        informal: Vec::new(),
        formal_marked: Vec::new(),
        informal_marked: Vec::new(),
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(&format!(".formal.{suffix}")) else {
            continue;
        };
        let formal = read_lines(&path);
        let informal = read_lines(&dir.join(format!("{stem}.informal.{suffix}")));
        let english = read_lines(&dir.join(format!("{stem}.en")));
        let formal_annotated = annotations(&dir.join(format!("{stem}.formal.annotated.{suffix}")));
        let informal_annotated =
            annotations(&dir.join(format!("{stem}.informal.annotated.{suffix}")));
        assert!(
            formal.len() == informal.len() && formal.len() == english.len(),
            "{stem}: the English, formal and informal files differ in length"
        );
        let marked = |annotated: Option<Vec<String>>| match annotated {
            Some(lines) => lines.iter().map(|l| l.contains("[F]")).collect(),
            None => vec![true; english.len()],
        };
        segments.formal_marked.extend(marked(formal_annotated));
        segments.informal_marked.extend(marked(informal_annotated));
        segments.english.extend(english);
        segments.formal.extend(formal);
        segments.informal.extend(informal);
    }
    segments
}

/// The verdicts of `tests/precision/cocoa-slips.tsv`: for (language
/// suffix, register, text) of a segment that alarms on its own, whether
/// it is the translators' slip (`slip`) or the detector's error.
fn slip_verdicts() -> HashMap<(String, String, String), bool> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/precision/cocoa-slips.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [lang, register, verdict, text, _reason] = fields[..] else {
                panic!("{}: not five fields: {line}", path.display());
            };
            let key = (lang.to_owned(), register.to_owned(), text.to_owned());
            (key, verdict == "slip")
        })
        .collect()
}

/// A small deterministic generator (SplitMix64), so every run prints the
/// same figures.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn alarms(flags: &[TextFinding]) -> impl Iterator<Item = &TextFinding> {
    flags.iter().filter(|f| f.severity != Some(Severity::Info))
}

#[derive(Default)]
struct Counts {
    pure: usize,
    pure_alarms: usize,
    /// Pure emails with an alarm and no reference slip among their segments.
    detector_alarms: usize,
    pure_infos: usize,
    mixed: usize,
    caught: usize,
    caught_declared: usize,
    collateral: usize,
}

fn main() {
    let (flags, positional): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let with_reference = !flags.iter().any(|f| f == "--without-reference");
    let mut args = positional.into_iter();
    let corpus = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/cocoa-mt")
    });
    let emails: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let packs = Packs::builtin();
    // EVALUATE_DEBUG=1 prints every false alarm and every missed intruder.
    let debug = std::env::var_os("EVALUATE_DEBUG").is_some();

    println!(
        "CoCoA-MT, {emails} synthetic emails per condition (5 segments; mixed: +1 of the other register)"
    );
    println!();
    println!(
        "| lang | segments | false alarms, formal / informal | without the judged slips | info on pure informal | informal caught in formal (vote / declared) | formal caught in informal (vote / declared) | other flags in mixed |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut slip_lines: Vec<String> = Vec::new();
    let verdicts = slip_verdicts();
    for &(folder, suffix, locale) in LANGUAGES {
        let segments = load(&corpus, folder, suffix);
        let langid = locale.parse().expect("a valid tag");
        let pack = packs
            .for_locale(&langid)
            .expect("a pack for every evaluated language");
        let mut random = Random(0x5eed_0000 + folder.len() as u64);
        let mut results = Vec::new();
        // The English of the segments at `indices`, when they are read
        // beside it.
        let english = |indices: &[usize]| -> Vec<&str> {
            match with_reference {
                true => indices
                    .iter()
                    .map(|&i| segments.english[i].as_str())
                    .collect(),
                false => Vec::new(),
            }
        };
        // The alarms on the segment `i` of `texts` read alone.
        let alone = |texts: &[String], i: usize, register: Register| -> Vec<TextFinding> {
            alarms(&check_texts(
                pack,
                &packs,
                &langid,
                &[texts[i].as_str()],
                &english(&[i]),
                Some(register),
            ))
            .cloned()
            .collect()
        };
        // A segment that alarms on its own: a slip of the translators, who
        // wrote in one register a strong marker of the other, when judged so.
        let mut slips = |texts: &[String], register: Register| -> Vec<bool> {
            (0..texts.len())
                .map(|i| {
                    let alarms = alone(texts, i, register);
                    if alarms.is_empty() {
                        return false;
                    }
                    let words: Vec<String> = alarms
                        .iter()
                        .map(|f| format!("`{}`", &texts[i][f.span.clone()]))
                        .collect();
                    let key = (suffix.to_owned(), register.to_string(), texts[i].clone());
                    let verdict = verdicts.get(&key).copied();
                    slip_lines.push(format!(
                        "- {suffix}, {register} reference ({}): {} in \"{}\"",
                        match verdict {
                            Some(true) => "slip",
                            Some(false) => "detector error",
                            None => "NOT JUDGED, counted as the detector's",
                        },
                        words.join(", "),
                        texts[i]
                    ));
                    verdict == Some(true)
                })
                .collect()
        };
        let formal_slips = slips(&segments.formal, Register::Formal);
        let informal_slips = slips(&segments.informal, Register::Informal);
        for register in [Register::Formal, Register::Informal] {
            let (own, own_slips, other, other_marked) = match register {
                Register::Formal => (
                    &segments.formal,
                    &formal_slips,
                    &segments.informal,
                    &segments.informal_marked,
                ),
                Register::Informal => (
                    &segments.informal,
                    &informal_slips,
                    &segments.formal,
                    &segments.formal_marked,
                ),
            };
            let intruders: Vec<usize> = (0..other.len()).filter(|&i| other_marked[i]).collect();
            let mut counts = Counts::default();
            for _ in 0..emails {
                let picked: Vec<usize> = (0..5).map(|_| random.below(own.len())).collect();
                let texts: Vec<&str> = picked.iter().map(|&i| own[i].as_str()).collect();
                let flags = check_texts(pack, &packs, &langid, &texts, &english(&picked), None);
                if debug {
                    for flag in alarms(&flags) {
                        println!(
                            "  {suffix} false alarm ({register}): {} | {}",
                            flag.message, texts[flag.text]
                        );
                    }
                }
                counts.pure += 1;
                let alarmed = alarms(&flags).next().is_some();
                counts.pure_alarms += usize::from(alarmed);
                counts.detector_alarms +=
                    usize::from(alarmed && !picked.iter().any(|&i| own_slips[i]));
                counts.pure_infos +=
                    usize::from(flags.iter().any(|f| f.severity == Some(Severity::Info)));

                let intruder = intruders[random.below(intruders.len())];
                let at = random.below(6);
                let mut mixed = texts.clone();
                mixed.insert(at, other[intruder].as_str());
                let mut mixed_english = picked.clone();
                mixed_english.insert(at, intruder);
                let mixed_english = english(&mixed_english);
                let flags = check_texts(pack, &packs, &langid, &mixed, &mixed_english, None);
                counts.mixed += 1;
                counts.caught += usize::from(alarms(&flags).any(|f| f.text == at));
                if debug && !alarms(&flags).any(|f| f.text == at) {
                    println!(
                        "  {suffix} missed ({} in {register}): {} | {}",
                        register.other(),
                        mixed[at],
                        segments.english[intruder]
                    );
                }
                counts.collateral += usize::from(alarms(&flags).any(|f| f.text != at));
                let flags = check_texts(
                    pack,
                    &packs,
                    &langid,
                    &mixed,
                    &mixed_english,
                    Some(register),
                );
                counts.caught_declared += usize::from(alarms(&flags).any(|f| f.text == at));
            }
            results.push(counts);
        }
        let rate = |n: usize, of: usize| n as f64 / of.max(1) as f64;
        let (formal, informal) = (&results[0], &results[1]);
        println!(
            "| {suffix} | {} + {} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} |",
            segments.formal.len(),
            segments.informal.len(),
            rate(formal.pure_alarms, formal.pure),
            rate(informal.pure_alarms, informal.pure),
            rate(formal.detector_alarms, formal.pure),
            rate(informal.detector_alarms, informal.pure),
            rate(informal.pure_infos, informal.pure),
            rate(formal.caught, formal.mixed),
            rate(formal.caught_declared, formal.mixed),
            rate(informal.caught, informal.mixed),
            rate(informal.caught_declared, informal.mixed),
            rate(formal.collateral, formal.mixed),
            rate(informal.collateral, informal.mixed),
        );
    }
    println!();
    println!("Segments that alarm on their own, judged in tests/precision/cocoa-slips.tsv");
    for line in &slip_lines {
        println!("{line}");
    }
}
