//! `etiquette rules`, `explain`, `completions` and `man`: what the program
//! knows about itself.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use etiquette::check::CheckOptions;
use etiquette::printable::{self, line};
use etiquette::project::config::Config;
use etiquette::rules::{self, RuleMeta};

use super::{Cli, Result, RulesArgs, RulesFormat, print};

/// The built-in rules and those of the project's packs.
fn all_rules(config: Option<&Path>) -> Result<Vec<&'static RuleMeta>> {
    let mut config = Config::discover(config, Path::new(""))?;
    // Listing rules needs the packs, not the sample arguments.
    config.args = None;
    Ok(CheckOptions::from_config(&config)?.settings.rules())
}

pub(super) fn list(args: RulesArgs) -> Result<ExitCode> {
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

pub(super) fn explain(id: &str, config: Option<&Path>) -> Result<ExitCode> {
    let all = all_rules(config)?;
    let Some(rule) = all.iter().find(|r| r.id == id) else {
        let hint = rules::closest(id)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{}`{hint} (`etiquette rules` lists them)",
            line(id)
        )
        .into());
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

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "etiquette", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man(command: Option<&str>) -> Result<ExitCode> {
    let mut cli = Cli::command();
    // Building names the subcommands as their pages are: etiquette-check(1).
    cli.build();
    let page_of = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                return Err(format!(
                    "no command `{}`; there are {}",
                    line(name),
                    names.join(", ")
                )
                .into());
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
