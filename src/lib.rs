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

pub mod analysis;
pub mod baseline;
pub mod check;
pub mod finding;
pub mod packs;
pub mod printable;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod suggest;
pub mod syntax;
pub mod text;

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

pub use project::Project;
pub use render::{Rendered, SampleArgs};
