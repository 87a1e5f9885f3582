//! etiquette checks the localized templates of customer emails, written in
//! Project Fluent, before they reach a customer: what is structurally broken
//! against the reference locale, and (with the language packs) an email that
//! addresses the reader both formally and informally.
//!
//! The library's entry points are few: [`Project::load`] finds the locales
//! under a folder, [`check()`] checks them into a [`Report`] of [`Finding`]s,
//! and [`Project::render`] renders one email of one locale with sample
//! arguments ([`SampleArgs`]) into a [`Rendered`] email, for snapshot tests:
//!
//! ```no_run
//! use etiquette::{CheckOptions, Project, SampleArgs, check};
//!
//! let project = Project::load("locales")?;
//! let report = check(&project, &CheckOptions::default())?;
//! for finding in &report.findings {
//!     println!("{}:{}: {}", finding.file, finding.start.line, finding.message);
//! }
//! let args = SampleArgs::read("locales/args.toml".as_ref())?;
//! let email = project.render("nl", "orders/refund", &args)?;
//! println!("{email}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The other public modules serve the `etiquette` binary (configuration,
//! output formats, baselines) and tools built on the same parts; the
//! analysis of the text itself is internal. `docs/architecture.md` maps the
//! modules and how data flows through them.

#![forbid(unsafe_code)]

pub(crate) mod analysis;
pub mod baseline;
pub mod check;
pub mod finding;
pub mod fix;
pub mod packs;
pub mod printable;
pub mod project;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod suggest;
pub(crate) mod syntax;
pub(crate) mod text;

/// What stops a run: a bad config, flag, project layout or rule pack. The
/// binary prints it and exits with 2. Findings are never errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] project::config::ConfigError),
    #[error(transparent)]
    Project(#[from] project::ProjectError),
    #[error(transparent)]
    Pack(#[from] packs::PackError),
    #[error(transparent)]
    Rule(#[from] rules::UnknownRule),
    #[error(transparent)]
    Args(#[from] render::ArgsError),
    #[error(transparent)]
    Baseline(#[from] baseline::BaselineError),
}

pub use check::{CheckOptions, Report, check};
pub use finding::{Finding, Severity};
pub use project::Project;
pub use render::{Rendered, SampleArgs};
