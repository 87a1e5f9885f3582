//! The command line: clap definitions (the flags are the docs), and the
//! edge of the program: it finds the config and the paths, writes what the
//! library finds in the format asked for, and turns the outcome into an
//! exit code.

mod check;
mod fix;
mod render;
mod rules;

use std::error::Error;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use etiquette::printable::line;
use etiquette::project::ReadError;
use etiquette::project::config::Register;

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
pub(crate) struct CheckArgs {
    /// What to check: the folder with one folder per locale, a locale
    /// folder, or files in one (findings are reported for these; emails
    /// are still read whole) [default: the config's `locales`, else ./locales]
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config instead of discovering etiquette.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The reference locale [default: the config's `reference`, else en, else en-US]
    #[arg(long, value_name = "LOCALE")]
    pub(crate) reference: Option<String>,
    /// Check only this locale (repeatable).
    #[arg(long = "locale", value_name = "LOCALE")]
    pub(crate) locales: Vec<String>,
    #[command(flatten)]
    pub(crate) rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Report only findings that are not in this baseline (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Write today's findings to FILE as a baseline and exit with 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Apply the safe fixes, then report what is left.
    #[arg(long, conflicts_with_all = ["write_baseline", "diff"])]
    pub(crate) fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too.
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print what --fix would change as a unified diff and write nothing;
    /// exit with 1 when there is something to fix.
    #[arg(long, conflicts_with = "write_baseline")]
    pub(crate) diff: bool,
    /// When to use colour; NO_COLOR is honoured.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Print counts by rule and by locale instead of every finding.
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Print the config file, root, reference, locales, packs and
    /// registers in effect, and check nothing.
    #[arg(long)]
    pub(crate) show_settings: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The folder with one folder per locale [default: the config's `locales`, else ./locales]
    pub(crate) root: Option<PathBuf>,
    /// Use this config instead of discovering etiquette.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Render only this locale (repeatable).
    #[arg(long = "locale", value_name = "LOCALE")]
    pub(crate) locales: Vec<String>,
    /// Render only this email (repeatable), as in `orders/refund`.
    #[arg(long = "email", value_name = "NAME")]
    pub(crate) emails: Vec<String>,
    /// Sample arguments, TOML or JSON [default: the config's `args`, else ROOT/args.toml]
    #[arg(long, value_name = "FILE")]
    pub(crate) args: Option<PathBuf>,
    /// Keep Fluent's Unicode isolation marks (U+2068, U+2069) around placeables.
    #[arg(long)]
    pub(crate) isolate: bool,
    /// Show what this runtime shows: fluent-js (@fluent/bundle 0.19 on
    /// Node) or fluent-rs (fluent-bundle 0.16) [default: the config's
    /// `[render] runtime`, else fluent-js]
    #[arg(long, value_name = "RUNTIME")]
    pub(crate) runtime: Option<etiquette::render::Runtime>,
    /// The zone the sending server writes dates in: UTC or an offset such
    /// as +01:00 [default: the config's `[render] time-zone`, else UTC]
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    pub(crate) time_zone: Option<etiquette::render::TimeZone>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Text)]
    pub(crate) format: RenderFormat,
    /// With --format html: mark what changed since OLD.json, the output of
    /// `render --format json` on the base branch.
    #[arg(long, value_name = "OLD.json")]
    pub(crate) compare: Option<PathBuf>,
    /// The findings the page marks (with --format html only).
    #[command(flatten)]
    pub(crate) rules: RuleArgs,
}

/// Which rules run and which registers are declared: `check`'s, and the
/// review page's findings.
#[derive(Debug, Args)]
pub(crate) struct RuleArgs {
    /// Declare a locale's register, as in `nl=formal` (repeatable); overrides the config.
    #[arg(long = "register", value_name = "LOCALE=formal|informal", value_parser = parse_register)]
    pub(crate) registers: Vec<(String, Register)>,
    /// Run only these rules; a prefix such as `missing` selects every `missing-*` rule.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Skip these rules; prefixes work as in --select.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
}

impl RuleArgs {
    /// Sets the rule selection and the declared registers over the
    /// configuration's.
    fn apply(
        &self,
        options: &mut etiquette::check::CheckOptions,
        config: &etiquette::project::config::Config,
    ) -> Result<()> {
        options
            .settings
            .select(&self.select, &self.ignore, &config.severities())?;
        for (locale, register) in &self.registers {
            options
                .settings
                .registers
                .insert(locale.clone(), (*register, "--register".to_string()));
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RenderFormat {
    /// A header per email and locale, then `message-id: text`.
    Text,
    /// One JSON document.
    Json,
    /// One self-contained HTML review page: every email in every locale
    /// beside the reference, the findings of `check` marked in the text.
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Use this config instead of discovering etiquette.toml (for the
    /// project's own rules).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub(crate) format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
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
pub(crate) enum RulesFormat {
    /// Id, default severity and summary, one rule per line.
    Table,
    /// Every rule with its documentation, as JSON.
    Json,
    /// Every rule's documentation as one Markdown page (docs/rules.md).
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
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
        Command::Check(args) => check::run(args),
        Command::Render(args) => render::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain { rule, config } => rules::explain(&rule, config.as_deref()),
        Command::Completions { shell } => rules::completions(shell),
        Command::Man { command } => rules::man(command.as_deref()),
    }
}

/// Files that could not be read (the run went on without them, and exits
/// with 2), and those left out on purpose (a warning).
fn print_read_errors(errors: &[ReadError]) {
    for error in errors {
        let level = if error.skipped { "warning" } else { "error" };
        eprint(&format!("etiquette: {level}: {}", line(&error.to_string())));
    }
}

/// A line on stderr: warnings and notes beside the report.
fn eprint(text: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{text}");
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
