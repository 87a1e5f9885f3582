//! The language rules on plain texts, for pack examples and evaluations:
//! texts become the messages of one email, read as a check reads it by the
//! rules about address, calques and the project's rules, and the findings
//! come back as ranges of the texts.

use std::ops::Range;

use unic_langid::LanguageIdentifier;

use crate::analysis::Analysis;
use crate::analysis::register::Declared;
use crate::finding::Severity;
use crate::fix::{Applicability, Edit, Fix, apply_edits};
use crate::packs::{Pack, PackEntry, PackEntryKind, Packs};
use crate::project::LocaleDir;
use crate::project::config::{Emails, Register};
use crate::project::locale::LocaleModel;
use crate::rules::{
    Calque, ClosingBanned, ClosingRegister, ProjectRules, RegisterLocale, RegisterMix,
    SalutationBanned, SalutationRegister,
};
use crate::syntax::SourceFile;

/// A finding in one of the texts given to [`check_texts`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFinding {
    /// Which text.
    pub text: usize,
    /// The byte range in that text.
    pub span: Range<usize>,
    /// `None` is the rule's own severity.
    pub severity: Option<Severity>,
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// Its fixes, their edits in byte ranges of the same text.
    pub fixes: Vec<Fix>,
}

/// Reads plain texts as one email of `langid` (one message per text) with
/// `pack` and the packs for every locale in `packs`, beside `references`,
/// the English each text translates (none when empty), and returns what
/// the language rules flag. Curly braces are read as parentheses, line
/// breaks as spaces. As in a check, each rule lists at most
/// [`MAX_LISTED`](crate::finding::MAX_LISTED) findings.
pub fn check_texts(
    pack: &Pack,
    packs: &Packs,
    langid: &LanguageIdentifier,
    texts: &[&str],
    references: &[&str],
    declared: Option<Register>,
) -> Vec<TextFinding> {
    assert!(
        references.is_empty() || references.len() == texts.len(),
        "one reference per text, or none"
    );
    let (source, starts) = email_source(texts);
    let dir = locale_dir(langid.clone());
    let files = [SourceFile::new("email.ftl", source)];
    let locale = LocaleModel::new(&dir, &files);
    let reference_dir = locale_dir("en".parse().expect("a language tag"));
    let reference_files = [SourceFile::new("email.ftl", email_source(references).0)];
    let reference = LocaleModel::new(&reference_dir, &reference_files);
    let locate = |span: Range<usize>| {
        let text = starts
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        (text, span.start - starts[text]..span.end - starts[text])
    };
    let declared = declared.map(|register| Declared::Locale {
        register,
        source: "the caller".into(),
    });
    let mut analysis = Analysis::new(&locale, Some(pack));
    analysis.group_emails(&Emails::default());
    analysis.read_registers(declared, (!references.is_empty()).then_some(&reference));
    let with: Vec<&Pack> = std::iter::once(pack).chain(packs.universal()).collect();
    let findings = [
        RegisterMix::findings(&analysis, None),
        RegisterLocale::findings(&analysis, None),
        SalutationBanned::findings(&analysis, None),
        SalutationRegister::findings(&analysis, None),
        ClosingBanned::findings(&analysis, None),
        ClosingRegister::findings(&analysis, None),
        Calque::findings(&locale, &with),
        ProjectRules::findings(&locale, &with, |_| true),
    ];
    let mut flags: Vec<TextFinding> = findings
        .into_iter()
        .flatten()
        .map(|finding| {
            let (text, span) = locate(finding.span);
            let fixes = finding
                .fixes
                .into_iter()
                .map(|fix| Fix {
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|edit| Edit::replace(locate(edit.span).1, edit.replacement))
                        .collect(),
                    ..fix
                })
                .collect();
            TextFinding {
                text,
                span,
                severity: finding.severity,
                rule: finding.rule.id,
                message: finding.message,
                help: finding.help,
                fixes,
            }
        })
        .collect();
    flags.sort_by(|a, b| (a.text, a.span.start, a.rule).cmp(&(b.text, b.span.start, b.rule)));
    flags
}

/// Texts as the messages `m0`, `m1`, … of one file, and where each text
/// starts in it.
fn email_source(texts: &[&str]) -> (String, Vec<usize>) {
    let mut source = String::new();
    let mut starts = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        source.push_str(&format!("m{i} = "));
        starts.push(source.len());
        source.push_str(&example_pattern(text));
        source.push('\n');
    }
    (source, starts)
}

/// A locale folder of `langid` that is never read.
fn locale_dir(langid: LanguageIdentifier) -> LocaleDir {
    LocaleDir {
        name: langid.to_string(),
        path: std::path::PathBuf::from(langid.to_string()),
        langid,
        scope: Default::default(),
    }
}

/// A pack example that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The entry's place in its pack file (`rules/nl.toml:12`).
    pub origin: String,
    pub example: String,
    /// The words etiquette flagged instead.
    pub flagged: Vec<String>,
    /// For a stock phrase: the variant the help should have suggested.
    pub missing_suggestion: Option<String>,
    /// For an example with a `fixed` text: what the safe fixes made of it
    /// instead, or that the fixed text is flagged.
    pub wrong_fix: Option<String>,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: Vec<String> = self.flagged.iter().map(|w| format!("`{w}`")).collect();
        let flagged = if words.is_empty() {
            "nothing".to_string()
        } else {
            words.join(", ")
        };
        write!(
            f,
            "{}: the example \"{}\" flags {flagged}",
            self.origin, self.example
        )?;
        if let Some(suggestion) = &self.missing_suggestion {
            write!(f, ", without suggesting “{suggestion}”")?;
        }
        if let Some(wrong) = &self.wrong_fix {
            write!(f, "; {wrong}")?;
        }
        Ok(())
    }
}

/// Runs the examples of the project packs `packs` loaded, each against the
/// pack its entries became part of: a wrong example is a config error that
/// names the file and line.
pub fn check_project_packs(packs: &Packs) -> Result<(), crate::packs::PackError> {
    for (path, pack) in packs.project_packs() {
        let Some(pack) = pack else { continue };
        let prefix = format!("{path}:");
        let failures = check_examples(pack, packs, |e| e.origin.starts_with(&prefix));
        if let Some(failure) = failures.first() {
            let described = failure.to_string();
            return Err(crate::packs::PackError {
                message: format!(
                    "line {}",
                    described.strip_prefix(&prefix).unwrap_or(&described)
                ),
                path: path.to_owned(),
            });
        }
    }
    Ok(())
}

/// Runs the examples of the entries `pick` selects: in a `bad` example
/// exactly the words in `[…]` are flagged, in a `good` one nothing; a stock
/// phrase's `bad` example must also suggest the other register's variant.
pub fn check_examples(
    pack: &Pack,
    packs: &Packs,
    pick: impl Fn(&PackEntry) -> bool,
) -> Vec<ExampleFailure> {
    let Some(langid) = pack
        .locales
        .first()
        .and_then(|l| l.parse().ok())
        .or_else(|| "en".parse().ok())
    else {
        return Vec::new();
    };
    let mut failures = Vec::new();
    for entry in pack.entries.iter().filter(|e| pick(e)) {
        let fixed = &entry.examples.fixed;
        let examples = entry
            .examples
            .bad
            .iter()
            .enumerate()
            .map(|(i, e)| (e, true, fixed.get(i)))
            .chain(entry.examples.good.iter().map(|e| (e, false, None)));
        for (example, bad, fixed) in examples {
            let (text, expected) = unbracket(example);
            let flags = check_texts(pack, packs, &langid, &[&text], &[], None);
            let mut found: Vec<Range<usize>> = flags.iter().map(|f| f.span.clone()).collect();
            found.dedup();
            let missing_suggestion = match &entry.kind {
                PackEntryKind::Phrase(phrase) if bad => {
                    let suggested = |s: &str| {
                        flags
                            .iter()
                            .any(|f| f.help.as_deref().is_some_and(|h| h.contains(s)))
                    };
                    let wanted = phrase
                        .formal
                        .iter()
                        .chain(&phrase.informal)
                        .find(|v| suggested(v));
                    wanted
                        .is_none()
                        .then(|| phrase.formal.first().cloned().unwrap_or_default())
                }
                _ => None,
            };
            let wrong_fix =
                fixed.and_then(|fixed| wrong_fix(pack, packs, &langid, &text, &flags, fixed));
            if found != expected
                || (bad && expected.is_empty())
                || missing_suggestion.is_some()
                || wrong_fix.is_some()
            {
                failures.push(ExampleFailure {
                    origin: entry.origin.clone(),
                    example: example.clone(),
                    flagged: found.iter().map(|s| text[s.clone()].to_owned()).collect(),
                    missing_suggestion,
                    wrong_fix,
                });
            }
        }
    }
    failures
}

/// What is wrong with the safe fixes of `flags` on `text`, whose fixed
/// text should be `fixed` and flag nothing.
fn wrong_fix(
    pack: &Pack,
    packs: &Packs,
    langid: &LanguageIdentifier,
    text: &str,
    flags: &[TextFinding],
    fixed: &str,
) -> Option<String> {
    let mut edits: Vec<&Edit> = flags
        .iter()
        .filter_map(|f| {
            f.fixes
                .iter()
                .find(|fix| fix.applicability == Applicability::Safe)
        })
        .flat_map(|fix| &fix.edits)
        .collect();
    edits.sort_by_key(|edit| edit.span.start);
    edits.dedup_by(|b, a| b.span.start < a.span.end);
    let made = apply_edits(text, &edits);
    if made != fixed {
        return Some(format!("its safe fixes make \"{made}\", not \"{fixed}\""));
    }
    let left = check_texts(pack, packs, langid, &[&made], &[], None);
    (!left.is_empty()).then(|| {
        let words: Vec<String> = left
            .iter()
            .map(|f| format!("`{}`", &made[f.span.clone()]))
            .collect();
        format!("the fixed text still flags {}", words.join(", "))
    })
}

/// The text without brackets, and the byte ranges the brackets marked.
fn unbracket(example: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for c in example.chars() {
        match c {
            '[' => open = Some(text.len()),
            ']' => {
                if let Some(start) = open.take() {
                    spans.push(start..text.len());
                }
            }
            _ => text.push(c),
        }
    }
    (text, spans)
}

/// An example as a Fluent pattern on one line: `{ $name }` stays a
/// placeable, every other brace is text.
fn example_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let inner = rest[1..].split('}').next().unwrap_or("");
            let name = inner.trim_matches(' ').strip_prefix('$').unwrap_or("");
            let variable = !name.is_empty()
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if variable && rest[1 + inner.len()..].starts_with('}') {
                // Copied as written, so offsets in the example stay true.
                out.push_str(&rest[..inner.len() + 2]);
                rest = &rest[inner.len() + 2..];
                continue;
            }
        }
        out.push(match c {
            '{' => '(',
            '}' => ')',
            '\n' | '\r' => ' ',
            c => c,
        });
        rest = &rest[c.len_utf8()..];
    }
    out
}
