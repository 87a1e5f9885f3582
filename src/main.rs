//! The `etiquette` binary: parse the arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings at error severity, 2 could not run).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("etiquette: error: {error:#}");
            }
            ExitCode::from(2)
        }
    }
}
