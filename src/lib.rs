//! etiquette checks the localized templates of customer emails, written in
//! Project Fluent, before they reach a customer: what is structurally broken
//! against the reference locale, and (with the language packs) an email that
//! addresses the reader both formally and informally.
//!
//! ```no_run
//! use etiquette::check::{CheckOptions, check};
//! use etiquette::project::Project;
//!
//! let project = Project::discover("locales".as_ref(), None)?;
//! let report = check(&project, &CheckOptions::default())?;
//! for finding in &report.findings {
//!     println!("{}:{}: {}", finding.file, finding.start.line, finding.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

pub mod baseline;
pub mod check;
pub mod config;
pub mod emails;
pub mod finding;
pub mod fluent;
pub mod intl;
pub mod language;
pub mod model;
pub mod packs;
pub mod phrases;
pub mod printable;
pub mod project;
pub mod prose;
pub mod register;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppression;
pub mod text;

/// What stops a run: a bad config, flag, project layout or rule pack. The
/// binary prints it and exits with 2. Findings are never errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
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

pub use project::Project;
pub use render::{Rendered, SampleArgs};
