//! `etiquette render`: every email as the customer reads it, streamed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use etiquette::check::CheckOptions;
use etiquette::printable::line;
use etiquette::project::Project;
use etiquette::project::config::Config;
use etiquette::render::{self, RenderOptions, Rendered, SampleArgs};
use etiquette::review::{Previous, Review};

use super::{RenderArgs, RenderFormat, Result, print_read_errors, write_stdout};

pub(super) fn run(args: RenderArgs) -> Result<ExitCode> {
    if args.format != RenderFormat::Html {
        let html_only = [
            ("--compare", args.compare.is_some()),
            ("--register", !args.rules.registers.is_empty()),
            ("--select", !args.rules.select.is_empty()),
            ("--ignore", !args.rules.ignore.is_empty()),
        ];
        if let Some((flag, _)) = html_only.iter().find(|(_, given)| *given) {
            return Err(format!("{flag} works with --format html only").into());
        }
    }
    let start = args.root.as_deref().unwrap_or(Path::new(""));
    let config = Config::discover(args.config.as_deref(), start)?;
    let root = match (&args.root, &config.locales) {
        (Some(root), _) => root.clone(),
        (None, Some(locales)) => config.resolve_inside("locales", locales)?,
        (None, None) => PathBuf::from("locales"),
    };
    let mut project =
        Project::discover_excluding(&root, config.reference.as_deref(), &config.exclude)?;
    project.emails = config.emails.clone();
    print_read_errors(&project.skipped);
    let configured = match &config.args {
        Some(path) => Some(config.resolve_inside("args", path)?),
        None => None,
    };
    let samples = SampleArgs::discover(args.args.as_deref(), configured.as_deref(), &project)?
        .unwrap_or_default();
    let mut locales = Vec::new();
    for name in &args.locales {
        locales.push(project.locale_index(name)?);
    }
    if locales.is_empty() {
        locales = (0..project.locales.len()).collect();
    }
    if args.format == RenderFormat::Html {
        // The page shows every locale beside the reference.
        locales.push(project.reference);
    }
    let known = render::email_names(project.reference(), &project.emails);
    if let Some(unknown) = args.emails.iter().find(|e| !known.contains(*e)) {
        return Err(unknown_email(unknown, &known, &project).into());
    }
    for warning in samples.unknown_emails(&known) {
        super::eprint(&format!("etiquette: warning: {}", line(&warning)));
    }
    // Faults go to stderr after the emails, with their locale and email.
    let mut faults = Vec::new();
    let mut keep_faults = |rendered: &Rendered| {
        faults.extend(
            rendered
                .faults
                .iter()
                .map(|fault| fault_line(fault, rendered)),
        );
    };
    let each = |deliver: &mut dyn FnMut(Rendered)| {
        render::render_each(
            &project,
            &locales,
            &args.emails,
            &samples,
            RenderOptions {
                runtime: args.runtime.unwrap_or(config.render.runtime),
                time_zone: args.time_zone.unwrap_or(config.render.time_zone),
                isolate: args.isolate,
            },
            deliver,
        )
    };
    let outcome = if args.format == RenderFormat::Html {
        let findings = findings(&args, &config, &project)?;
        let names: Vec<String> = locales
            .iter()
            .map(|&i| project.locales[i].name.clone())
            .collect();
        write_page(&args, &project, &names, findings, each, &mut keep_faults)?
    } else {
        write_emails(args.format, each, &mut keep_faults)?
    };
    print_read_errors(&outcome.read_errors);
    for fault in &faults {
        super::eprint(fault);
    }
    Ok(if outcome.read_errors.iter().any(|e| !e.skipped) {
        ExitCode::from(2)
    } else if !faults.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The findings `check` makes of the locales the page shows, with the
/// config's options and the command line's.
fn findings(
    args: &RenderArgs,
    config: &Config,
    project: &Project,
) -> Result<Vec<etiquette::finding::Finding>> {
    let mut options = CheckOptions::from_config(config)?;
    options.locales = args.locales.clone();
    if !options.locales.is_empty() {
        options.locales.push(project.reference().name.clone());
    }
    args.rules.apply(&mut options, config)?;
    // The page shows render errors where the rendering finds them: the
    // check does not render every email a second time for `render-error`.
    options.settings.sample_args = None;
    if let Some(runtime) = args.runtime {
        options.settings.render.runtime = runtime;
    }
    if let Some(zone) = args.time_zone {
        options.settings.render.time_zone = zone;
    }
    let report = etiquette::check::check(project, &options)?;
    // The findings of the emails shown, and those outside any email.
    let shown = |email: &Option<String>| {
        args.emails.is_empty() || email.as_ref().is_none_or(|e| args.emails.contains(e))
    };
    Ok(report
        .findings
        .into_iter()
        .filter(|f| shown(&f.email))
        .collect())
}

/// Writes the review page of what `each` renders, with `findings`
/// marked, to standard output.
fn write_page(
    args: &RenderArgs,
    project: &Project,
    locales: &[String],
    findings: Vec<etiquette::finding::Finding>,
    each: impl Fn(&mut dyn FnMut(Rendered)) -> render::RenderOutcome,
    keep_faults: &mut dyn FnMut(&Rendered),
) -> Result<render::RenderOutcome> {
    let previous = match &args.compare {
        Some(path) => Some(Previous::read(path)?),
        None => None,
    };
    let mut page = Review::new(&project.reference().name, locales, previous);
    page.only(&args.emails);
    page.add_findings(findings);
    let outcome = each(&mut |rendered| {
        keep_faults(&rendered);
        page.add(rendered);
    });
    write_stdout(|out| page.write(out))?;
    Ok(outcome)
}

/// The error for an email the reference locale does not have.
fn unknown_email(unknown: &str, known: &[String], project: &Project) -> String {
    format!(
        "no email `{}` in the reference locale {}{}; it has {}",
        line(unknown),
        project.reference().name,
        etiquette::suggest::closest(unknown, known.iter().map(String::as_str))
            .map(|near| format!(" (did you mean `{}`?)", line(near)))
            .unwrap_or_default(),
        line(&known.join(", "))
    )
}

/// A fault as its line on standard error.
fn fault_line(fault: &render::Fault, rendered: &Rendered) -> String {
    format!(
        "{}:{}:{}: error[render-error] {} · {}: {}",
        line(&fault.path),
        fault.line,
        fault.column,
        rendered.locale,
        line(&rendered.email),
        line(&fault.message)
    )
}

/// Writes the emails `each` renders to standard output in `format`, each
/// handed to `keep_faults` too.
fn write_emails(
    format: RenderFormat,
    each: impl Fn(&mut dyn FnMut(Rendered)) -> render::RenderOutcome + Sync,
    keep_faults: &mut dyn FnMut(&Rendered),
) -> Result<render::RenderOutcome> {
    let mut outcome = render::RenderOutcome::default();
    write_stdout(|out| match format {
        RenderFormat::Text => {
            let mut first = true;
            let mut written = Ok(());
            outcome = each(&mut |rendered| {
                keep_faults(&rendered);
                if written.is_ok() {
                    let gap = if std::mem::take(&mut first) { "" } else { "\n" };
                    written = write!(out, "{gap}{rendered}");
                }
            });
            written
        }
        RenderFormat::Json | RenderFormat::Html => {
            // The renderer hands emails over as it makes them; the JSON
            // writer pulls them: a thread between, a few emails apart.
            let (sender, receiver) = std::sync::mpsc::sync_channel(16);
            let each = &each;
            std::thread::scope(|scope| {
                // The sender moves in: the writer's loop ends when it drops.
                let rendering = scope.spawn(move || {
                    each(&mut |rendered| {
                        // Gone only when the writer stopped (a closed pipe).
                        let _ = sender.send(rendered);
                    })
                });
                let written = render::write_json(receiver.iter().inspect(|r| keep_faults(r)), out);
                drop(receiver);
                outcome = rendering.join().unwrap_or_default();
                written
            })
        }
    })?;
    Ok(outcome)
}
