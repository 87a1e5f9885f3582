//! `etiquette.toml`: found in the working directory or its parents, read with
//! serde, `deny_unknown_fields`; every error names the file, line and key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;

/// The config file name etiquette looks for.
pub const FILE_NAME: &str = "etiquette.toml";

/// The register a locale or an email addresses the reader in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Register {
    Formal,
    Informal,
}

impl Register {
    pub fn as_str(self) -> &'static str {
        match self {
            Register::Formal => "formal",
            Register::Informal => "informal",
        }
    }

    /// The other register.
    pub fn other(self) -> Register {
        match self {
            Register::Formal => Register::Informal,
            Register::Informal => Register::Formal,
        }
    }
}

impl fmt::Display for Register {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Register {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "formal" => Ok(Register::Formal),
            "informal" => Ok(Register::Informal),
            other => Err(format!(
                "`{other}` is not a register; use `formal` or `informal`"
            )),
        }
    }
}

/// A severity override in `[severity]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// How messages are grouped into emails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// One `.ftl` file is one email.
    #[default]
    File,
    /// Messages whose id shares the part before the first `-` form an email.
    IdPrefix,
}

/// `[emails]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Emails {
    #[serde(default)]
    pub group_by: GroupBy,
    #[serde(default)]
    pub template: Vec<Template>,
}

/// `[[emails.template]]`: an email composed from message-id globs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Template {
    pub name: String,
    pub messages: Vec<String>,
}

/// `[leaked-identifier]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LeakedIdentifierConfig {
    /// Constants a project means to show, as written (`SKU_ID`).
    #[serde(default)]
    pub allow: Vec<String>,
}

/// The runtime whose output `render` and `render-error` show: `fluent-js`
/// is `@fluent/bundle` 0.19 on Node with full ICU, `fluent-rs` a Rust
/// sender's `FluentBundle` 0.16 with its built-in `NUMBER`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runtime {
    #[default]
    FluentJs,
    FluentRs,
}

impl Runtime {
    pub fn as_str(self) -> &'static str {
        match self {
            Runtime::FluentJs => "fluent-js",
            Runtime::FluentRs => "fluent-rs",
        }
    }
}

impl std::str::FromStr for Runtime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "fluent-js" => Ok(Runtime::FluentJs),
            "fluent-rs" => Ok(Runtime::FluentRs),
            other => Err(format!("`{other}` is not fluent-js or fluent-rs")),
        }
    }
}

/// The zone the sending server writes an instant in: UTC or a fixed
/// offset (`+01:00`). etiquette has no time zone database: a named zone
/// is refused, with the advice to write the server's offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TimeZone {
    /// Minutes east of UTC.
    pub minutes: i32,
}

impl std::str::FromStr for TimeZone {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let refused = || {
            format!(
                "`{text}` is not UTC or an offset such as +01:00 (etiquette has no time zone database: write the sending server's offset)"
            )
        };
        if matches!(text, "UTC" | "utc" | "Z" | "GMT") {
            return Ok(TimeZone { minutes: 0 });
        }
        let (sign, rest) = match text.as_bytes().first() {
            Some(b'+') => (1, &text[1..]),
            Some(b'-') => (-1, &text[1..]),
            _ => return Err(refused()),
        };
        let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
        let hours: i32 = hours.parse().map_err(|_| refused())?;
        let minutes: i32 = minutes.parse().map_err(|_| refused())?;
        if !(0..=14).contains(&hours) || !(0..60).contains(&minutes) {
            return Err(refused());
        }
        Ok(TimeZone {
            minutes: sign * (hours * 60 + minutes),
        })
    }
}

impl TryFrom<String> for TimeZone {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

/// `[render]`: what rendering shows.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RenderConfig {
    /// The runtime whose output `render` and `render-error` show.
    #[serde(default)]
    pub runtime: Runtime,
    /// The zone production writes instants in (UTC by default).
    #[serde(default)]
    pub time_zone: TimeZone,
}

/// The contents of `etiquette.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The root folder with one folder per locale.
    pub locales: Option<PathBuf>,
    /// The reference locale.
    pub reference: Option<String>,
    /// Extra rule-pack folders, extending the built-in packs.
    #[serde(default)]
    pub rule_packs: Vec<PathBuf>,
    /// Sample arguments for `render` and `render-error`.
    pub args: Option<PathBuf>,
    /// The declared register per locale.
    #[serde(default)]
    pub register: BTreeMap<Spanned<String>, Register>,
    #[serde(default)]
    pub emails: Emails,
    /// Per-rule severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Level>,
    /// `[leaked-identifier]`: what a project allows in its text.
    #[serde(default)]
    pub leaked_identifier: LeakedIdentifierConfig,
    /// `[render]`: the runtime rendering shows.
    #[serde(default)]
    pub render: RenderConfig,
    /// Globs of paths below the root that are not checked (`templates`,
    /// `*/drafts/*`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The folder the config was found in; relative paths start there.
    #[serde(skip)]
    pub dir: PathBuf,
    /// The config file, if one was read.
    #[serde(skip)]
    pub path: Option<PathBuf>,
    #[serde(skip)]
    text: String,
}

/// A config that cannot be used; the run stops with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `message` starts with the line and column.
    #[error("{}:{message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: `{key}` leads out of the folder of the config; name it on the command line to use it", path.display())]
    Outside { path: PathBuf, key: String },
}

impl Config {
    /// Reads `etiquette.toml` from `explicit`, or from the folder `start`
    /// (a checked folder or file; the working directory when empty) or its
    /// nearest parent that has one, as ruff and eslint look theirs up; no
    /// file gives the defaults. The config's path is kept relative to the
    /// working directory where it can be, so that messages name it as the
    /// user would.
    pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Config, ConfigError> {
        if let Some(path) = explicit {
            return Config::read(path);
        }
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let Ok(from) = std::fs::canonicalize(start) else {
            return Ok(Config::default());
        };
        let from = if from.is_dir() {
            from.as_path()
        } else {
            from.parent().unwrap_or(&from)
        };
        for dir in from.ancestors() {
            let path = dir.join(FILE_NAME);
            if path.is_file() {
                return Config::read(&crate::project::relative_to_working_directory(&path));
            }
        }
        Ok(Config::default())
    }

    /// Reads and validates the config at `path`.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = crate::syntax::read_text(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_owned(),
            message,
        })?;
        config.dir = match path.parent() {
            Some(dir) if dir != Path::new("") => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        config.path = Some(path.to_owned());
        Ok(config)
    }

    /// Parses config text; the error names the line, column and key.
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (position, message) = toml_error(text, &e);
            format!("{position}: {message}")
        })?;
        config.text = text.to_owned();
        for key in config.register.keys() {
            if crate::project::parse_locale(key.get_ref()).is_none() {
                return Err(config.error_at(
                    key.span(),
                    &format!(
                        "`{}` in [register] is not a BCP 47 locale tag",
                        key.get_ref()
                    ),
                ));
            }
        }
        Ok(config)
    }

    /// `L:C: message` at the start of `span`.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: &str) -> String {
        at(&self.text, span.start, message)
    }

    /// A path the config names under `key`, relative to the config's
    /// folder, which it must not lead out of: a config in a pull request
    /// must not make etiquette read a file of the machine it runs on. A
    /// path given on the command line may go anywhere.
    pub fn resolve_inside(&self, key: &str, path: &Path) -> Result<PathBuf, ConfigError> {
        let resolved = self.resolve(path);
        let (Ok(folder), Ok(target)) = (
            std::fs::canonicalize(&self.dir),
            std::fs::canonicalize(&resolved),
        ) else {
            // What does not exist is reported where it is read.
            return Ok(resolved);
        };
        if target.starts_with(&folder) {
            return Ok(resolved);
        }
        Err(ConfigError::Outside {
            path: self.path.clone().unwrap_or_else(|| FILE_NAME.into()),
            key: key.to_owned(),
        })
    }

    /// A path from the config, relative to the config's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() || self.dir == Path::new(".") || self.dir.as_os_str().is_empty() {
            path.to_owned()
        } else {
            self.dir.join(path)
        }
    }

    /// The declared registers, keyed by locale tag.
    pub fn registers(&self) -> BTreeMap<String, Register> {
        self.register
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), *v))
            .collect()
    }

    /// Checks `[severity]` keys against the known rule ids.
    pub fn validate_rules(&self, known: &[&str]) -> Result<(), ConfigError> {
        for key in self.severity.keys() {
            let id = key.get_ref();
            if !known.contains(&id.as_str()) {
                let hint = crate::suggest::closest(id, known.iter().copied())
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                return Err(ConfigError::Invalid {
                    path: self.path.clone().unwrap_or_else(|| FILE_NAME.into()),
                    message: self.error_at(
                        key.span(),
                        &format!("unknown rule `{id}` in [severity]{hint}"),
                    ),
                });
            }
        }
        Ok(())
    }

    /// The severity overrides, by rule id.
    pub fn severities(&self) -> BTreeMap<String, Level> {
        self.severity
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), *v))
            .collect()
    }
}

/// `L:C: message` for `offset` in `text`: the line and column that follow
/// the file's path in every etiquette message.
fn at(text: &str, offset: usize, message: &str) -> String {
    format!("{}: {message}", position(text, offset))
}

/// `L:C`, the line and column of `offset` in `text`.
fn position(text: &str, offset: usize) -> String {
    let at = crate::syntax::line_col(text, offset);
    format!("{}:{}", at.line, at.column)
}

/// Where a TOML error is (`L:C`) and what it says, without the file's
/// text (see [`without_values`]).
pub fn toml_error(text: &str, error: &toml::de::Error) -> (String, String) {
    let offset = error.span().map_or(0, |span| span.start);
    (position(text, offset), without_values(error.message()))
}

/// What serde says of a value it did not want, without the value: it
/// quotes it ("invalid type: string \"…\", expected …"), and a file that is
/// not what it claims to be (a link to a file of secrets) would have the
/// secret printed. The kind is said instead; keys are still named.
pub fn without_values(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    loop {
        let found = ["invalid type: ", "invalid value: ", "unknown variant "]
            .iter()
            .filter_map(|marker| Some((rest.find(marker)?, *marker)))
            .min();
        let Some((at, marker)) = found else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let end = after.find(", expected").unwrap_or(after.len());
        let value = &after[..end];
        let kind = if marker == "unknown variant " {
            "unknown value"
        } else {
            out.push_str(marker);
            value_kind(value)
        };
        out.push_str(kind);
        rest = &after[end..];
    }
}

/// The kind of value serde describes as `string "…"`, `integer `5`` and so on.
fn value_kind(described: &str) -> &'static str {
    let kinds = [
        ("string", "a string"),
        ("character", "a character"),
        ("integer", "an integer"),
        ("floating point", "a number"),
        ("boolean", "a boolean"),
        ("byte array", "bytes"),
        ("sequence", "an array"),
        ("map", "a table"),
        ("unit", "nothing"),
        ("null", "null"),
        ("Option value", "an optional value"),
    ];
    kinds
        .iter()
        .find(|(prefix, _)| described.starts_with(prefix))
        .map_or("a value", |(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_spec() {
        let config = Config::parse(
            r#"
locales = "locales"
reference = "en"
rule-packs = ["rules"]
args = "locales/args.toml"

[register]
nl = "formal"
fr = "informal"

[emails]
group-by = "id-prefix"

[[emails.template]]
name = "refund"
messages = ["refund-*", "footer-*", "signature"]

[severity]
obsolete-message = "off"
"#,
        )
        .unwrap();
        assert_eq!(config.reference.as_deref(), Some("en"));
        assert_eq!(config.registers()["nl"], Register::Formal);
        assert_eq!(config.emails.group_by, GroupBy::IdPrefix);
        assert_eq!(config.emails.template[0].messages.len(), 3);
        assert_eq!(config.severities()["obsolete-message"], Level::Off);
    }

    #[test]
    fn values_are_described_not_quoted() {
        assert_eq!(
            without_values("invalid type: string \"ghp_secret\", expected u32"),
            "invalid type: a string, expected u32"
        );
        assert_eq!(
            without_values("unknown variant `polite`, expected `formal` or `informal`"),
            "unknown value, expected `formal` or `informal`"
        );
        assert_eq!(
            without_values("invalid value: integer `1234`, expected a day"),
            "invalid value: an integer, expected a day"
        );
        assert_eq!(
            without_values("unknown field `token`, expected one of `a`"),
            "unknown field `token`, expected one of `a`"
        );
        let error = Config::parse("reference = 1\n[register]\nnl = \"ghp_secret\"\n").unwrap_err();
        assert!(!error.contains("ghp_secret"), "{error}");
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let error = Config::parse("reference = \"en\"\nrefrence = \"en\"\n").unwrap_err();
        assert!(
            error.starts_with("2:1: unknown field `refrence`"),
            "{error}"
        );
    }

    #[test]
    fn bad_value_names_line_and_key() {
        let error = Config::parse("[register]\nnl = \"polite\"\n").unwrap_err();
        assert!(error.starts_with("2:6: unknown value"), "{error}");
    }

    #[test]
    fn bad_locale_in_register() {
        let error = Config::parse("[register]\n\"not a tag\" = \"formal\"\n").unwrap_err();
        assert!(error.starts_with("2:1: "), "{error}");
        assert!(error.contains("not a BCP 47 locale tag"), "{error}");
    }
}
