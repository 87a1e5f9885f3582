//! `etiquette check`: finds the config and what the paths name, runs the
//! check, and writes its findings, their statistics or a baseline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use etiquette::baseline::{self, Baseline};
use etiquette::check::{CheckOptions, Summary, check_each};
use etiquette::finding::{Finding, Severity};
use etiquette::printable::{self, line};
use etiquette::project::config::Config;
use etiquette::project::{Project, display_path, parse_locale};
use etiquette::render::SampleArgs;
use etiquette::report;
use etiquette::report::{Counts, Stream, Tally};

use super::fix::{print_diff, write_fixes};
use super::{CheckArgs, Format, Result, eprint, print, print_read_errors, use_color, write_stdout};

/// Human output ends with findings by locale and rule past this many.
const MANY_FINDINGS: usize = 50;

pub(super) fn run(args: CheckArgs) -> Result<ExitCode> {
    let start = args.paths.first().map_or(Path::new(""), PathBuf::as_path);
    let config = Config::discover(args.config.as_deref(), start)?;
    let mut options = CheckOptions::from_config(&config)?;
    let reference = args.reference.as_deref().or(config.reference.as_deref());
    let targets = Targets::resolve(&args.paths, &config, reference)?;
    let mut project = Project::discover_excluding(&targets.root, reference, &config.exclude)?;
    command_line_options(&mut options, &args, &config, &project, &targets)?;
    if args.fix || args.diff {
        let fixed = etiquette::check::fixes::fix(&mut project, &options, args.unsafe_fixes)?;
        if args.diff {
            return print_diff(&fixed);
        }
        write_fixes(&fixed)?;
    }
    if args.show_settings {
        return show_settings(&config, &project, &options);
    }
    print_read_errors(&project.skipped);
    if let Some(samples) = &options.settings.sample_args {
        let known = etiquette::render::email_names(project.reference(), &options.settings.emails);
        for warning in samples.unknown_emails(&known) {
            eprint(&format!("etiquette: warning: {}", line(&warning)));
        }
    }
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path)?),
        None => None,
    };
    let named = |finding: &Finding| targets.names(finding);
    // Findings are written as each locale is done, in report order, and
    // then dropped: memory does not grow with the locales.
    let tally = Tally::default();
    let collected = check_each(
        &project,
        &options,
        |locales| -> Result<Option<Vec<Finding>>> {
            let mut findings = Stream::new(locales, baseline.as_ref(), &tally).only(&named);
            if args.write_baseline.is_some() {
                return Ok(Some(findings.collect()));
            }
            if args.statistics {
                findings.for_each(drop);
                return Ok(None);
            }
            write_report(&mut findings, &args, &options, &tally)?;
            // A closed pipe stops the writing, not the count the exit code
            // comes from.
            findings.for_each(drop);
            Ok(None)
        },
    )??;
    let summary = tally.summary();
    if args.statistics {
        print(&statistics(&tally.counts(), &summary, args.format))?;
    }
    let read_errors = tally.into_read_errors();
    print_read_errors(&read_errors);
    let unread = read_errors.iter().any(|e| !e.skipped);
    if let (Some(findings), Some(path)) = (collected, &args.write_baseline) {
        if unread {
            return Err(format!(
                "the baseline {} was not written: some files could not be read",
                line(&display_path(path))
            )
            .into());
        }
        return write_baseline(&findings, path, &project, &options, &targets);
    }
    Ok(exit_code(&summary, unread, args.deny_warnings))
}

/// Sets the command line's locales, rule selection and declared registers
/// over the configuration's options, and finds the sample arguments.
fn command_line_options(
    options: &mut CheckOptions,
    args: &CheckArgs,
    config: &Config,
    project: &Project,
    targets: &Targets,
) -> Result<()> {
    options.locales = args.locales.clone();
    options.locales.extend(targets.locales.iter().cloned());
    options.exit_after = true;
    args.rules.apply(options, config)?;
    for (locale, _) in &args.rules.registers {
        let langid = parse_locale(locale).unwrap_or_default();
        if options.settings.packs.for_locale(&langid).is_none() {
            eprint(&format!(
                "etiquette: warning: --register {locale}: etiquette has no language pack for {locale}, so nothing checks its register"
            ));
        }
    }
    if options.settings.sample_args.is_none() {
        options.settings.sample_args = SampleArgs::discover(None, None, project)?;
    }
    Ok(())
}

/// Writes the findings to standard output in the format asked for.
fn write_report(
    findings: &mut dyn Iterator<Item = Finding>,
    args: &CheckArgs,
    options: &CheckOptions,
    tally: &Tally,
) -> Result<()> {
    let summary = || tally.summary();
    write_stdout(|out| match args.format {
        Format::Human => {
            report::write_human(findings, summary, use_color(args.color), out)?;
            let counts = tally.counts();
            if counts.values().sum::<usize>() > MANY_FINDINGS {
                out.write_all(by_locale(&counts).as_bytes())?;
            }
            Ok(())
        }
        Format::Short => report::write_short(findings, summary, use_color(args.color), out),
        Format::Json => report::write_json(findings, summary, out),
        Format::Sarif => report::write_sarif(
            findings,
            &options.settings.rules(),
            &options.settings.selection,
            out,
        ),
        Format::Github => report::write_github(findings, out),
    })
}

/// 2 when files could not be read, 1 on errors (or warnings, if denied), else 0.
fn exit_code(summary: &Summary, unread: bool, deny_warnings: bool) -> ExitCode {
    let failed = summary.errors > 0 || (deny_warnings && summary.warnings > 0);
    if unread {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the paths on the command line name: the project's root, and when
/// they name locale folders or files in one, those, which the report is
/// limited to (emails are still read whole, with the reference).
struct Targets {
    root: PathBuf,
    /// Paths of what was named, as findings show them: a locale folder or
    /// a folder in one ends with `/`. Empty when the root itself was named.
    named: Vec<String>,
    /// The locale folders of what was named.
    locales: BTreeSet<String>,
}

impl Targets {
    fn resolve(paths: &[PathBuf], config: &Config, reference: Option<&str>) -> Result<Targets> {
        let configured = match &config.locales {
            Some(locales) => Some(config.resolve_inside("locales", locales)?),
            None => None,
        };
        if paths.is_empty() {
            return Ok(Targets {
                root: configured.unwrap_or_else(|| PathBuf::from("locales")),
                named: Vec::new(),
                locales: BTreeSet::new(),
            });
        }
        let mut root: Option<PathBuf> = None;
        let mut named = Vec::new();
        let mut locales = BTreeSet::new();
        for path in paths {
            let (this_root, below) = locate(path, configured.as_deref(), reference)?;
            match &root {
                Some(seen) if !same_folder(seen, &this_root) => {
                    return Err(format!(
                        "{} and {} are in two projects; check them one at a time",
                        line(&display_path(&paths[0])),
                        line(&display_path(path))
                    )
                    .into());
                }
                Some(_) => {}
                None => root = Some(this_root.clone()),
            }
            let Some((locale, rest)) = below else {
                // The root itself: everything.
                named.clear();
                locales.clear();
                return Ok(Targets {
                    root: root.unwrap_or(this_root),
                    named,
                    locales,
                });
            };
            let root = root.as_deref().unwrap_or(&this_root);
            let mut shown = display_path(&root.join(&locale).join(&rest));
            if path.is_dir() {
                shown = format!("{}/", shown.trim_end_matches('/'));
            }
            named.push(shown);
            locales.insert(locale);
        }
        Ok(Targets {
            root: root.unwrap_or_else(|| PathBuf::from("locales")),
            named,
            locales,
        })
    }

    /// Whether `finding` is in what was named.
    fn names(&self, finding: &Finding) -> bool {
        self.named.is_empty()
            || self
                .named
                .iter()
                .any(|named| match named.strip_suffix('/') {
                    Some(folder) => finding
                        .file
                        .strip_prefix(folder)
                        .is_some_and(|rest| rest.starts_with('/')),
                    None => finding.file == *named,
                })
    }
}

/// The root `path` is in, and below it, the locale folder and the path in
/// it (`None` when `path` is the root). A root holds the reference locale
/// folder, or is the config's `locales`.
fn locate(
    path: &Path,
    configured: Option<&Path>,
    reference: Option<&str>,
) -> Result<(PathBuf, Option<(String, PathBuf)>)> {
    let real = std::fs::canonicalize(path)
        .map_err(|e| format!("cannot read {}: {e}", line(&display_path(path))))?;
    let holds_reference = |folder: &Path| match reference {
        Some(name) => folder.join(name).is_dir(),
        None => folder.join("en").is_dir() || folder.join("en-US").is_dir(),
    };
    let roots = configured
        .and_then(|c| Some((c.to_owned(), std::fs::canonicalize(c).ok()?)))
        .into_iter();
    // The config's root first, then the nearest folder that holds the
    // reference and has the path in one of its locale folders.
    let candidates = roots.chain(real.ancestors().skip(1).filter_map(|ancestor| {
        let child = real.strip_prefix(ancestor).ok()?.components().next()?;
        let name = child.as_os_str().to_str()?;
        (parse_locale(name).is_some() && holds_reference(ancestor))
            .then(|| (shown_root(path, &real, ancestor), ancestor.to_owned()))
    }));
    for (shown, root) in candidates {
        let Ok(below) = real.strip_prefix(&root) else {
            continue;
        };
        let mut parts = below.components();
        let Some(locale) = parts.next() else {
            return Ok((shown, None));
        };
        let locale = locale.as_os_str().to_string_lossy().into_owned();
        return Ok((shown, Some((locale, parts.as_path().to_owned()))));
    }
    if real.is_dir() {
        // A folder of locale folders the user names is the root.
        return Ok((path.to_owned(), None));
    }
    Err(format!(
        "{} is in no locale folder of a project (a folder that holds the reference locale)",
        line(&display_path(path))
    )
    .into())
}

/// The folder `root` (resolved) as the user would name it: `path` with as
/// many levels taken off as it lies below `root`, else from the working
/// directory.
fn shown_root(path: &Path, real: &Path, root: &Path) -> PathBuf {
    let depth = real
        .strip_prefix(root)
        .map_or(0, |below| below.components().count());
    let lexical: Vec<_> = path.components().collect();
    if depth < lexical.len()
        && lexical.iter().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
    {
        return lexical[..lexical.len() - depth].iter().collect();
    }
    etiquette::project::relative_to_working_directory(root)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The names of the locale folders a run checks.
fn checked_locales<'p>(project: &'p Project, options: &CheckOptions) -> Vec<&'p str> {
    project
        .locales
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            options.locales.is_empty()
                || options
                    .locales
                    .iter()
                    .any(|name| project.locale_index(name).is_ok_and(|found| found == *i))
        })
        .map(|(_, locale)| locale.name.as_str())
        .collect()
}

/// `--write-baseline`: the run's findings, and the old file's entries the
/// run did not look at (other locales, rules not run, files not named).
fn write_baseline(
    findings: &[Finding],
    path: &Path,
    project: &Project,
    options: &CheckOptions,
    targets: &Targets,
) -> Result<ExitCode> {
    let checked = checked_locales(project, options);
    let outside = |accepted: &baseline::Accepted| {
        let named = targets.named.is_empty()
            || targets.named.iter().any(|n| {
                accepted.file == *n || (n.ends_with('/') && accepted.file.starts_with(n.as_str()))
            });
        !checked.contains(&accepted.locale.as_str())
            || !options.settings.selection.is_enabled(&accepted.rule)
            || !named
    };
    let written = baseline::write(findings, path, outside)?;
    let count = |n: usize| match n {
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    };
    let mut note = format!(
        "etiquette: wrote {} to {}",
        count(written.entries),
        line(&display_path(path))
    );
    if written.kept > 0 {
        note.push_str(&format!(
            "; kept {} of what this run did not check",
            count(written.kept)
        ));
    }
    if written.dropped > 0 {
        note.push_str(&format!(
            "; dropped {} no longer found",
            count(written.dropped)
        ));
    }
    eprint(&note);
    Ok(ExitCode::SUCCESS)
}

/// The findings of a long human report, by locale and rule.
fn by_locale(counts: &Counts) -> String {
    let mut locales: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for ((locale, rule, _), n) in counts {
        *locales
            .entry(locale.as_str())
            .or_default()
            .entry(rule)
            .or_default() += n;
    }
    let width = locales.keys().map(|l| l.len()).max().unwrap_or(0);
    let mut text = String::from("\nFindings by locale:\n");
    for (locale, rules) in locales {
        let total: usize = rules.values().sum();
        let mut rules: Vec<_> = rules.into_iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{n} {r}")).collect();
        text.push_str(&format!(
            "  {locale:width$}  {total:>6}  {}\n",
            rules.join(", ")
        ));
    }
    text
}

/// `--statistics`: counts by rule and by locale, as a table or JSON.
fn statistics(counts: &Counts, summary: &Summary, format: Format) -> String {
    let mut rules: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    let mut locales: BTreeMap<&str, usize> = BTreeMap::new();
    for ((locale, rule, severity), n) in counts {
        *rules.entry((rule, *severity)).or_default() += n;
        *locales.entry(locale.as_str()).or_default() += n;
    }
    let mut rules: Vec<_> = rules.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if format == Format::Json {
        let document = serde_json::json!({
            "version": 1,
            "rules": rules.iter().map(|((rule, severity), n)| serde_json::json!({
                "rule": rule, "severity": severity, "count": n,
            })).collect::<Vec<_>>(),
            "locales": locales.iter().map(|(locale, n)| serde_json::json!({
                "locale": locale, "count": n,
            })).collect::<Vec<_>>(),
            "summary": summary,
        });
        return printable::json_string(&document);
    }
    let width = rules.iter().map(|((r, _), _)| r.len()).max().unwrap_or(4);
    let mut text = String::new();
    for ((rule, severity), n) in &rules {
        text.push_str(&format!("{n:>7}  {rule:width$}  {severity}\n"));
    }
    if !locales.is_empty() {
        text.push('\n');
    }
    let width = locales.keys().map(|l| l.len()).max().unwrap_or(0);
    for (locale, n) in &locales {
        text.push_str(&format!("{n:>7}  {locale:width$}\n"));
    }
    text.push_str(&report::summary_line(summary));
    text.push('\n');
    text
}

/// `--show-settings`: what a check would use, and nothing checked.
fn show_settings(config: &Config, project: &Project, options: &CheckOptions) -> Result<ExitCode> {
    let mut text = String::new();
    let mut row = |key: &str, value: String| {
        text.push_str(&format!("{key:18} {}\n", line(&value)));
    };
    row(
        "config",
        config
            .path
            .as_deref()
            .map_or("none (defaults)".into(), display_path),
    );
    row("root", display_path(&project.root));
    row("reference", project.reference().name.clone());
    let checked = checked_locales(project, options);
    row("locales", checked.join(", "));
    if !config.exclude.is_empty() {
        row("exclude", config.exclude.join(", "));
    }
    for locale in &project.locales {
        if !checked.contains(&locale.name.as_str()) {
            continue;
        }
        let packs: Vec<&str> = options
            .settings
            .packs
            .for_locale(&locale.langid)
            .into_iter()
            .chain(options.settings.packs.universal())
            .map(|pack| pack.path.as_str())
            .collect();
        let packs = if packs.is_empty() {
            "none".to_string()
        } else {
            packs.join(", ")
        };
        let register = options
            .settings
            .declared_register(&locale.name, &locale.langid)
            .map(|(register, source)| format!("; declared {register} ({source})"))
            .unwrap_or_default();
        row(
            &format!("packs {}", locale.name),
            format!("{packs}{register}"),
        );
    }
    row(
        "sample arguments",
        options
            .settings
            .sample_args
            .as_ref()
            .and_then(|a| a.path.clone())
            .unwrap_or_else(|| "none".into()),
    );
    let rules = options.settings.rules();
    let enabled = rules
        .iter()
        .filter(|r| options.settings.selection.is_enabled(r.id))
        .count();
    row("rules", format!("{enabled} of {} run", rules.len()));
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
