//! The command line: clap definitions (the flags are the docs), and the glue
//! that owns paths, config and output.

use std::collections::BTreeSet;
use std::error::Error;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use etiquette::baseline::{self, Baseline};
use etiquette::check::{CheckOptions, Stream, Summary, Tally, check_each};
use etiquette::config::{Config, Register};
use etiquette::finding::Finding;
use etiquette::printable::{self, line};
use etiquette::project::{Project, ReadError, display_path};
use etiquette::render::{self, SampleArgs};
use etiquette::report;
use etiquette::rules::{self, RuleMeta};

/// Check the localized Fluent templates of customer emails before they reach
/// a customer.
///
/// Exit codes: 0 no finding at error severity, 1 at least one, 2 could not
/// run (bad flag, unreadable path, invalid config).
#[derive(Debug, Parser)]
#[command(name = "etiquette", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check every locale against the reference locale.
    Check(CheckArgs),
    /// Print every email as the customer reads it, with sample arguments.
    Render(RenderArgs),
    /// List every rule: id, default severity, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation: what it flags, why, an example, the fix.
    Explain {
        /// The rule id, as in `missing-variable`.
        rule: String,
        /// Use this config instead of discovering etiquette.toml (for the
        /// project's own rules).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script, as in `etiquette completions bash > /etc/bash_completion.d/etiquette`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), as in `etiquette man > etiquette.1` or
    /// `etiquette man check > etiquette-check.1`.
    Man {
        /// The command whose page to print [default: etiquette itself].
        command: Option<String>,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The folder with one folder per locale [default: the config's `locales`, else ./locales]
    root: Option<PathBuf>,
    /// Use this config instead of discovering etiquette.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The reference locale [default: the config's `reference`, else en, else en-US]
    #[arg(long, value_name = "LOCALE")]
    reference: Option<String>,
    /// Check only this locale (repeatable).
    #[arg(long = "locale", value_name = "LOCALE")]
    locales: Vec<String>,
    /// Declare a locale's register, as in `nl=formal` (repeatable); overrides the config.
    #[arg(long = "register", value_name = "LOCALE=formal|informal", value_parser = parse_register)]
    registers: Vec<(String, Register)>,
    /// Run only these rules; a prefix such as `missing` selects every `missing-*` rule.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules; prefixes work as in --select.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Report only findings that are not in this baseline (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write today's findings to FILE as a baseline and exit with 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// When to use colour; NO_COLOR is honoured.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// The folder with one folder per locale [default: the config's `locales`, else ./locales]
    root: Option<PathBuf>,
    /// Use this config instead of discovering etiquette.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Render only this locale (repeatable).
    #[arg(long = "locale", value_name = "LOCALE")]
    locales: Vec<String>,
    /// Render only this email (repeatable), as in `orders/refund`.
    #[arg(long = "email", value_name = "NAME")]
    emails: Vec<String>,
    /// Sample arguments, TOML or JSON [default: the config's `args`, else ROOT/args.toml]
    #[arg(long, value_name = "FILE")]
    args: Option<PathBuf>,
    /// Keep Fluent's Unicode isolation marks (U+2068, U+2069) around placeables.
    #[arg(long)]
    isolate: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Text)]
    format: RenderFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RenderFormat {
    /// A header per email and locale, then `message-id: text`.
    Text,
    /// One JSON document.
    Json,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Use this config instead of discovering etiquette.toml (for the
    /// project's own rules).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Code frames, as rustc and ruff print them.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Short,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// Id, default severity and summary, one rule per line.
    Table,
    /// Every rule with its documentation, as JSON.
    Json,
    /// Every rule's documentation as one Markdown page (docs/rules.md).
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn parse_register(value: &str) -> std::result::Result<(String, Register), String> {
    let (locale, register) = value
        .split_once('=')
        .ok_or_else(|| format!("`{value}` is not LOCALE=formal or LOCALE=informal"))?;
    if etiquette::project::parse_locale(locale).is_none() {
        return Err(format!("`{locale}` is not a BCP 47 locale tag"));
    }
    Ok((locale.to_owned(), register.parse()?))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Render(args) => run_render(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain { rule, config } => run_explain(&rule, config.as_deref()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "etiquette", &mut script);
            print(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { command } => {
            let mut cli = Cli::command();
            // Building names the subcommands as their pages are: etiquette-check(1).
            cli.build();
            let page_of = match &command {
                None => cli,
                Some(name) => match cli.find_subcommand(name) {
                    Some(sub) => sub.clone(),
                    None => {
                        let names: Vec<&str> =
                            cli.get_subcommands().map(|c| c.get_name()).collect();
                        return Err(
                            format!("no command `{name}`; there are {}", names.join(", ")).into(),
                        );
                    }
                },
            };
            let mut page = Vec::new();
            clap_mangen::Man::new(page_of)
                .source(format!("etiquette {}", env!("CARGO_PKG_VERSION")))
                .render(&mut page)?;
            print(&String::from_utf8_lossy(&page))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_check(args: CheckArgs) -> Result<ExitCode> {
    let config = Config::discover(args.config.as_deref())?;
    let mut options = CheckOptions::from_config(&config)?;
    let root = match (&args.root, &config.locales) {
        (Some(root), _) => root.clone(),
        (None, Some(locales)) => config.resolve_inside("locales", locales)?,
        (None, None) => PathBuf::from("locales"),
    };
    let reference = args.reference.as_deref().or(config.reference.as_deref());
    let project = Project::discover_excluding(&root, reference, &config.exclude)?;
    print_read_errors(&project.skipped);
    if options.sample_args.is_none() {
        options.sample_args = SampleArgs::discover(None, None, &project)?;
    }
    options.locales = args.locales.clone();
    options.exit_after = true;
    options.select(&args.select, &args.ignore, &config.severities())?;
    for (locale, register) in &args.registers {
        options
            .registers
            .insert(locale.clone(), (*register, "--register".to_string()));
    }
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path)?),
        None => None,
    };
    // Findings are written as each locale is done, in report order, and
    // then dropped: memory does not grow with the locales.
    let tally = Tally::default();
    let collected = check_each(
        &project,
        &options,
        |locales| -> Result<Option<Vec<Finding>>> {
            let mut findings = Stream::new(locales, baseline.as_ref(), &tally);
            if args.write_baseline.is_some() {
                return Ok(Some(findings.collect()));
            }
            let summary = || tally.summary();
            write_stdout(|out| match args.format {
                Format::Human => {
                    report::write_human(&mut findings, summary, use_color(args.color), out)
                }
                Format::Short => report::write_short(&mut findings, summary, out),
                Format::Json => report::write_json(&mut findings, summary, out),
                Format::Sarif => {
                    report::write_sarif(&mut findings, &options.rules(), &options.selection, out)
                }
                Format::Github => report::write_github(&mut findings, out),
            })?;
            // A closed pipe stops the writing, not the count the exit code
            // comes from.
            findings.for_each(drop);
            Ok(None)
        },
    )??;
    let summary = tally.summary();
    let read_errors = tally.into_read_errors();
    print_read_errors(&read_errors);
    let unread = read_errors.iter().any(|e| !e.skipped);
    if let (Some(findings), Some(path)) = (collected, &args.write_baseline) {
        return write_baseline(&findings, path, &project, &options, unread);
    }
    Ok(exit_code(&summary, unread, args.deny_warnings))
}

/// `--write-baseline`: the run's findings, and the old file's entries the
/// run did not look at (other locales, rules not run). Nothing is written
/// when some files could not be read: the baseline would be missing theirs.
fn write_baseline(
    findings: &[Finding],
    path: &Path,
    project: &Project,
    options: &CheckOptions,
    read_errors: bool,
) -> Result<ExitCode> {
    if read_errors {
        return Err(format!(
            "the baseline {} was not written: some files could not be read",
            display_path(path)
        )
        .into());
    }
    let checked: BTreeSet<&str> = project
        .locales
        .iter()
        .filter(|l| {
            options.locales.is_empty()
                || options.locales.iter().any(|name| {
                    project
                        .locale_index(name)
                        .is_ok_and(|i| project.locales[i].name == l.name)
                })
        })
        .map(|l| l.name.as_str())
        .collect();
    let outside = |entry: &baseline::Entry| {
        !checked.contains(entry.locale.as_str()) || !options.selection.is_enabled(&entry.rule)
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
            "; {} of other locales or rules kept",
            count(written.kept)
        ));
    }
    if written.dropped > 0 {
        note.push_str(&format!(
            "; {} no longer found, dropped",
            count(written.dropped)
        ));
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// 2 when files could not be read, 1 on errors (or warnings, if denied), else 0.
fn exit_code(summary: &Summary, read_errors: bool, deny_warnings: bool) -> ExitCode {
    let failed = summary.errors > 0 || (deny_warnings && summary.warnings > 0);
    if read_errors {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_render(args: RenderArgs) -> Result<ExitCode> {
    let config = Config::discover(args.config.as_deref())?;
    let root = match (&args.root, &config.locales) {
        (Some(root), _) => root.clone(),
        (None, Some(locales)) => config.resolve_inside("locales", locales)?,
        (None, None) => PathBuf::from("locales"),
    };
    let mut project =
        Project::discover_excluding(&root, config.reference.as_deref(), &config.exclude)?;
    project.emails = config.emails.clone();
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
    if !args.emails.is_empty() {
        let known = render::email_names(project.reference(), &project.emails);
        if let Some(unknown) = args.emails.iter().find(|e| !known.contains(*e)) {
            return Err(format!(
                "no email `{}` in the reference locale {}; it has {}",
                line(unknown),
                project.reference().name,
                line(&known.join(", "))
            )
            .into());
        }
    }
    // Faults go to stderr after the emails, with their locale and email.
    let mut faults = Vec::new();
    let mut keep_faults = |rendered: &render::Rendered| {
        for fault in &rendered.faults {
            faults.push(format!(
                "{}:{}:{}: error[render-error] {} · {}: {}",
                line(&fault.path),
                fault.line,
                fault.column,
                rendered.locale,
                line(&rendered.email),
                line(&fault.message)
            ));
        }
    };
    let mut outcome = render::RenderOutcome::default();
    write_stdout(|out| match args.format {
        RenderFormat::Text => {
            let mut first = true;
            let mut result = Ok(());
            outcome = render::render_each(
                &project,
                &locales,
                &args.emails,
                &samples,
                args.isolate,
                |rendered| {
                    keep_faults(&rendered);
                    if result.is_ok() {
                        let gap = if std::mem::take(&mut first) { "" } else { "\n" };
                        result = write!(out, "{gap}{rendered}");
                    }
                },
            );
            result
        }
        RenderFormat::Json => {
            let (sender, receiver) = std::sync::mpsc::sync_channel(16);
            std::thread::scope(|scope| {
                let project = &project;
                let (locales, emails, samples) = (&locales, &args.emails, &samples);
                let rendering = scope.spawn(move || {
                    render::render_each(project, locales, emails, samples, args.isolate, |r| {
                        let _ = sender.send(r);
                    })
                });
                let written = render::write_json(receiver.iter().inspect(|r| keep_faults(r)), out);
                outcome = rendering.join().unwrap_or_default();
                written
            })
        }
    })?;
    print_read_errors(&project.skipped);
    print_read_errors(&outcome.read_errors);
    #[allow(clippy::print_stderr)]
    for fault in &faults {
        eprintln!("{fault}");
    }
    Ok(if outcome.read_errors.iter().any(|e| !e.skipped) {
        ExitCode::from(2)
    } else if !faults.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The built-in rules and those of the project's packs.
fn all_rules(config: Option<&Path>) -> Result<Vec<&'static RuleMeta>> {
    let mut config = Config::discover(config)?;
    // Listing rules needs the packs, not the sample arguments.
    config.args = None;
    Ok(CheckOptions::from_config(&config)?.rules())
}

fn run_rules(args: RulesArgs) -> Result<ExitCode> {
    let all = all_rules(args.config.as_deref())?;
    let text = match args.format {
        RulesFormat::Table => {
            let width = all.iter().map(|r| r.id.len()).max().unwrap_or(0);
            all.iter()
                .map(|r| {
                    format!(
                        "{:width$}  {:7}  {}\n",
                        r.id,
                        r.severity.as_str(),
                        line(r.summary)
                    )
                })
                .collect::<String>()
        }
        RulesFormat::Json => {
            let list: Vec<_> = all
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.severity,
                        "summary": r.summary,
                        "docs": r.documentation().trim_end(),
                    })
                })
                .collect();
            printable::json_string(&list)
        }
        RulesFormat::Markdown => printable::lines(&rules::markdown(&all)).into_owned(),
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn run_explain(id: &str, config: Option<&Path>) -> Result<ExitCode> {
    let all = all_rules(config)?;
    let Some(rule) = all.iter().find(|r| r.id == id) else {
        let hint = rules::closest(id)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        return Err(format!("unknown rule `{id}`{hint} (`etiquette rules` lists them)").into());
    };
    let text = format!(
        "# {} ({} by default)\n\n{}\n",
        rule.id,
        rule.severity,
        rule.documentation().trim_end()
    );
    print(&printable::lines(&text))?;
    Ok(ExitCode::SUCCESS)
}

/// Files that could not be read (the run went on without them, and exits
/// with 2), and those left out on purpose (a warning).
fn print_read_errors(errors: &[ReadError]) {
    #[allow(clippy::print_stderr)]
    for error in errors {
        let level = if error.skipped { "warning" } else { "error" };
        eprintln!("etiquette: {level}: {}", line(&error.to_string()));
    }
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Writes to stdout; a closed pipe (`etiquette check | head`) is not an error.
fn print(text: &str) -> Result<()> {
    write_stdout(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout through a buffer, as `write` makes it.
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
