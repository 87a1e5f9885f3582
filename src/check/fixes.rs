//! `--fix`: the fixes of a check applied in memory, each kept only when the
//! file still parses and the check finds nothing it did not find before,
//! then the check again, until nothing changes. Nothing is written here:
//! the caller writes the files (or shows their diff).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::check::{CheckOptions, Report, check};
use crate::finding::Finding;
use crate::fix::{Edit, ResolvedFix, apply_edits};
use crate::project::{Project, ProjectError};
use crate::syntax::{SourceFile, parse};

/// Rounds of fixing and checking again: a fix may make another possible
/// (a phrase swapped, the email's majority moves), but not forever.
const MAX_ROUNDS: usize = 8;

/// What fixing made.
#[derive(Debug, Default)]
pub struct Fixed {
    /// The files that change: their text before and after, by the path
    /// findings name them by.
    pub files: BTreeMap<String, FileChange>,
    /// The fixes applied: file, rule and title.
    pub applied: Vec<Outcome>,
    /// The fixes not applied, with why.
    pub rejected: Vec<Outcome>,
    /// The check of the fixed files.
    pub report: Report,
}

/// A file's text before and after its fixes.
#[derive(Debug, Clone)]
pub struct FileChange {
    pub before: String,
    pub after: String,
}

/// A fix applied or not, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub file: String,
    pub line: usize,
    pub rule: &'static str,
    pub title: String,
    pub reason: Option<String>,
}

/// Applies the fixes of `project`'s findings, the unsafe ones too with
/// `unsafe_fixes`, in memory: `project` reads the fixed texts afterwards.
pub fn fix(
    project: &mut Project,
    options: &CheckOptions,
    unsafe_fixes: bool,
) -> Result<Fixed, ProjectError> {
    let mut fixed = Fixed::default();
    // Fixes tried and left out, by fingerprint and title.
    let mut refused: BTreeSet<(String, String)> = BTreeSet::new();
    let mut report = check(project, options)?;
    for _ in 0..MAX_ROUNDS {
        let chosen = choose(&report, unsafe_fixes, &refused);
        if chosen.is_empty() {
            break;
        }
        let before: BTreeSet<String> = report
            .findings
            .iter()
            .map(|f| f.fingerprint.clone())
            .collect();
        let mut round = Vec::new();
        for (file, fixes) in chosen {
            let current = match fixed.files.get(&file) {
                Some(change) => change.after.clone(),
                None => match original_text(&file) {
                    Some(text) => text,
                    None => continue,
                },
            };
            let (text, applied, broken) = apply_parsing(&file, &current, &fixes);
            for (finding, fix) in broken {
                refused.insert((finding.fingerprint.clone(), fix.title.clone()));
                fixed
                    .rejected
                    .push(outcome(finding, fix, Some("the file would not parse")));
            }
            if applied.is_empty() {
                continue;
            }
            fixed
                .files
                .entry(file.clone())
                .or_insert_with(|| FileChange {
                    before: current.clone(),
                    after: current.clone(),
                })
                .after = text;
            round.push((file, current, applied));
        }
        project.set_contents(contents(&fixed.files));
        let next = check(project, options)?;
        // A fix that makes a finding the check did not make before is not
        // kept: the file goes back to what it was before the round. A new
        // finding in a file no fix touched (a reference's text changed)
        // sends every file of the round back.
        let new_findings: Vec<&Finding> = next
            .findings
            .iter()
            .filter(|f| !before.contains(&f.fingerprint))
            .collect();
        let elsewhere = new_findings
            .iter()
            .find(|f| !round.iter().any(|(file, _, _)| *file == f.file));
        let mut reverted = false;
        for (file, previous, applied) in round {
            let new = elsewhere
                .or_else(|| new_findings.iter().find(|f| f.file == file))
                .copied();
            match new {
                None => fixed
                    .applied
                    .extend(applied.iter().map(|(f, x)| outcome(f, x, None))),
                Some(new) => {
                    let reason =
                        format!("it would make a new finding: {} {}", new.rule, new.message);
                    for (finding, fix) in &applied {
                        refused.insert((finding.fingerprint.clone(), fix.title.clone()));
                        fixed.rejected.push(outcome(finding, fix, Some(&reason)));
                    }
                    if let Some(change) = fixed.files.get_mut(&file) {
                        change.after = previous;
                    }
                    reverted = true;
                }
            }
        }
        fixed
            .files
            .retain(|_, change| change.before != change.after);
        if reverted {
            project.set_contents(contents(&fixed.files));
            report = check(project, options)?;
        } else {
            report = next;
        }
    }
    fixed.report = report;
    Ok(fixed)
}

/// The fixes to try, by file: each finding's first fix sure enough that
/// has not been refused, whose edits are all in the finding's file.
fn choose<'r>(
    report: &'r Report,
    unsafe_fixes: bool,
    refused: &BTreeSet<(String, String)>,
) -> BTreeMap<String, Vec<(&'r Finding, &'r ResolvedFix)>> {
    let mut chosen: BTreeMap<String, Vec<(&Finding, &ResolvedFix)>> = BTreeMap::new();
    for finding in &report.findings {
        let Some(fix) = finding.fix_to_apply(unsafe_fixes) else {
            continue;
        };
        let one_file = fix.edits.iter().all(|e| e.file == finding.file);
        if !one_file || refused.contains(&(finding.fingerprint.clone(), fix.title.clone())) {
            continue;
        }
        chosen
            .entry(finding.file.clone())
            .or_default()
            .push((finding, fix));
    }
    chosen
}

/// The text of `file` (a path as findings give it) as it is on disk,
/// unless it is not UTF-8: a fix would write the lossy reading back.
fn original_text(file: &str) -> Option<String> {
    let bytes = crate::syntax::read_bytes(std::path::Path::new(file)).ok()?;
    String::from_utf8(bytes).ok()
}

/// Applies `fixes` to `text`, from the last in the file to the first, each
/// only if the file parses no worse with it. A fix with an edit at or after
/// one already applied waits for the next round: offsets before an applied
/// edit are still true, those after it are not.
#[allow(clippy::type_complexity)]
fn apply_parsing<'r>(
    file: &str,
    text: &str,
    fixes: &[(&'r Finding, &'r ResolvedFix)],
) -> (
    String,
    Vec<(&'r Finding, &'r ResolvedFix)>,
    Vec<(&'r Finding, &'r ResolvedFix)>,
) {
    let mut ordered: Vec<&(&Finding, &ResolvedFix)> = fixes.iter().collect();
    ordered.sort_by_key(|(_, fix)| std::cmp::Reverse(fix.edits.iter().map(|e| e.span.start).min()));
    let problems = |text: &str| {
        parse(&SourceFile::new(file, text.to_owned()))
            .problems
            .len()
    };
    let mut text = text.to_owned();
    let mut floor = problems(&text);
    // Where the first edit applied so far starts.
    let mut limit = text.len();
    let (mut applied, mut broken) = (Vec::new(), Vec::new());
    for &&(finding, fix) in &ordered {
        let mut edits: Vec<Edit> = fix
            .edits
            .iter()
            .map(|e| Edit::replace(e.span.clone(), e.replacement.clone()))
            .collect();
        edits.sort_by_key(|e| e.span.start);
        let overlaps = edits.windows(2).any(|w| w[0].span.end > w[1].span.start)
            || edits.last().is_some_and(|e| e.span.end > limit);
        let fits = edits
            .iter()
            .all(|e| text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        if edits.is_empty() || overlaps || !fits {
            continue;
        }
        let candidate = apply_edits(&text, &edits.iter().collect::<Vec<_>>());
        let now = problems(&candidate);
        if now > floor {
            broken.push((finding, fix));
            continue;
        }
        floor = now;
        text = candidate;
        limit = edits[0].span.start;
        applied.push((finding, fix));
    }
    (text, applied, broken)
}

fn contents(files: &BTreeMap<String, FileChange>) -> BTreeMap<String, Arc<Vec<u8>>> {
    files
        .iter()
        .map(|(file, change)| (file.clone(), Arc::new(change.after.clone().into_bytes())))
        .collect()
}

fn outcome(finding: &Finding, fix: &ResolvedFix, reason: Option<&str>) -> Outcome {
    Outcome {
        file: finding.file.clone(),
        line: finding.start.line,
        rule: finding.rule,
        title: fix.title.clone(),
        reason: reason.map(str::to_owned),
    }
}
