//! Which runtime a render shows: what the customer's sender formats with.
//!
//! `fluent-js` is `@fluent/bundle` 0.19 on Node with full ICU (the default:
//! the runtime most senders of email use); `fluent-rs` is a Rust sender's
//! `FluentBundle` 0.16 with its built-in `NUMBER`, which writes numbers
//! without locale data (`1234.5`, whatever the locale).

pub use crate::project::config::{Runtime, TimeZone};

/// How emails are rendered: the runtime, the zone the sending server
/// writes instants in, and whether placeables keep Fluent's isolation
/// marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    pub runtime: Runtime,
    pub time_zone: TimeZone,
    pub isolate: bool,
}
