//! Sample arguments: what `render` and `render-error` format emails with,
//! read from TOML or JSON. Errors name the file, line, column and key, and
//! describe a bad value by its kind.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentValue};

use super::intl::FluentDate;

/// A sample argument: text, a number or a date.
#[derive(Clone, Debug, PartialEq)]
pub enum Sample {
    Text(String),
    Number(f64),
    Date(FluentDate),
}

impl From<&str> for Sample {
    fn from(text: &str) -> Self {
        Sample::Text(text.to_owned())
    }
}

impl From<String> for Sample {
    fn from(text: String) -> Self {
        Sample::Text(text)
    }
}

impl From<f64> for Sample {
    fn from(number: f64) -> Self {
        Sample::Number(number)
    }
}

impl From<i32> for Sample {
    fn from(number: i32) -> Self {
        Sample::Number(number.into())
    }
}

impl From<u32> for Sample {
    fn from(number: u32) -> Self {
        Sample::Number(number.into())
    }
}

impl From<i64> for Sample {
    fn from(number: i64) -> Self {
        Sample::Number(number as f64)
    }
}

impl Sample {
    /// A date from `2025-03-14` or `2025-03-14T14:30:00`.
    pub fn date(text: &str) -> Option<Sample> {
        FluentDate::parse(text).map(Sample::Date)
    }

    fn to_fluent(&self, options: super::RenderOptions) -> FluentValue<'static> {
        match self {
            Sample::Text(text) => FluentValue::from(text.clone()),
            Sample::Number(number) => FluentValue::from(*number),
            Sample::Date(date) => FluentValue::Custom(Box::new(date.for_render(options))),
        }
    }
}

/// Sample arguments: a `[common]` table shared by every email, and one
/// table per email name that adds to it or overrides it.
#[derive(Clone, Debug, Default)]
pub struct SampleArgs {
    /// The file they were read from, for messages.
    pub path: Option<String>,
    common: BTreeMap<String, Sample>,
    emails: BTreeMap<String, BTreeMap<String, Sample>>,
}

/// A sample-arguments file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ArgsError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl SampleArgs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an argument every email gets.
    pub fn set(&mut self, name: &str, value: impl Into<Sample>) -> &mut Self {
        self.common.insert(name.to_owned(), value.into());
        self
    }

    /// Sets an argument for one email.
    pub fn set_for(&mut self, email: &str, name: &str, value: impl Into<Sample>) -> &mut Self {
        self.emails
            .entry(email.to_owned())
            .or_default()
            .insert(name.to_owned(), value.into());
        self
    }

    /// The email names that have a table of their own.
    pub fn email_names(&self) -> impl Iterator<Item = &str> {
        self.emails.keys().map(String::as_str)
    }

    /// A warning for each table of an email that is not among `known`: its
    /// arguments reach no email, most likely a misspelt name.
    pub fn unknown_emails(&self, known: &[String]) -> Vec<String> {
        let file = self.path.as_deref().unwrap_or("the sample arguments");
        self.email_names()
            .filter(|name| !known.iter().any(|k| k == name))
            .map(|name| {
                let hint = crate::suggest::closest(name, known.iter().map(String::as_str))
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                format!("{file}: [\"{name}\"] is no email of the reference{hint}; its arguments are not used")
            })
            .collect()
    }

    /// The arguments of `email` among `used`: from `[common]`, or the
    /// email's own table, which wins. Only what the email uses is looked
    /// up: a hundred thousand common arguments cost nothing per email.
    pub(super) fn for_email<'n>(
        &self,
        email: &str,
        used: impl Iterator<Item = &'n str>,
        options: super::RenderOptions,
    ) -> FluentArgs<'static> {
        let own = self.emails.get(email);
        let mut args = FluentArgs::new();
        for name in used {
            let value = own
                .and_then(|table| table.get(name))
                .or_else(|| self.common.get(name));
            if let Some(value) = value {
                args.set(name.to_owned(), value.to_fluent(options));
            }
        }
        args
    }

    /// Reads a TOML file, or JSON when the name ends in `.json`.
    pub fn read(path: &Path) -> Result<SampleArgs, ArgsError> {
        let text = crate::syntax::read_text(path).map_err(|source| ArgsError::Read {
            path: path.to_owned(),
            source,
        })?;
        let shown = crate::project::display_path(path);
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Self::parse_json(&text, &shown)
        } else {
            Self::parse_toml(&text, &shown)
        }
    }

    /// The sample arguments of a run: `explicit` (`--args`), else the
    /// config's `args`, else `ROOT/args.toml` or `ROOT/args.json` if one
    /// exists inside the root.
    pub fn discover(
        explicit: Option<&Path>,
        configured: Option<&Path>,
        project: &crate::project::Project,
    ) -> Result<Option<SampleArgs>, ArgsError> {
        if let Some(path) = explicit.or(configured) {
            return Self::read(path).map(Some);
        }
        for name in ["args.toml", "args.json"] {
            let path = project.root.join(name);
            if path.is_file() && project.may_read(&path) {
                return Self::read(&path).map(Some);
            }
        }
        Ok(None)
    }

    pub fn parse_toml(text: &str, path: &str) -> Result<SampleArgs, ArgsError> {
        let at = |span: Option<Range<usize>>, message: String| {
            let offset = span.map_or(0, |s| s.start);
            let (line, column) = line_column(text, offset);
            ArgsError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        };
        let mut args = SampleArgs {
            path: Some(path.to_owned()),
            ..Self::default()
        };
        let spans: toml::Spanned<BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>> =
            toml::from_str(text).map_err(|e| {
                let mut message = crate::project::config::without_values(e.message());
                // `[orders/refund]` is no TOML table name: the slash needs
                // quotes.
                let line_start = e.span().map_or(0, |s| {
                    text[..s.start.min(text.len())]
                        .rfind('\n')
                        .map_or(0, |n| n + 1)
                });
                let line = text[line_start..].lines().next().unwrap_or_default();
                if line.trim_start().starts_with('[') && line.contains('/') && !line.contains('"') {
                    message
                        .push_str("; quote a table name that holds `/`, as in [\"orders/refund\"]");
                }
                at(e.span(), message)
            })?;
        for (table_name, table) in spans.get_ref() {
            let Some(entries) = table.get_ref().as_table() else {
                return Err(at(
                    Some(table_name.span()),
                    format!(
                        "`{}` is not a table: write `[common]` for every email, or `[\"orders/refund\"]` for one",
                        table_name.get_ref()
                    ),
                ));
            };
            let target = if table_name.get_ref() == "common" {
                &mut args.common
            } else {
                args.emails.entry(table_name.get_ref().clone()).or_default()
            };
            for (name, value) in entries {
                // `toml::Value` keeps no positions: the parser's own tables
                // find the value's, for the one that is wrong.
                let value_span =
                    || value_span(text, table_name.get_ref(), name).or(Some(table.span()));
                let sample = match value {
                    toml::Value::String(s) => Sample::Text(s.clone()),
                    toml::Value::Integer(i) => Sample::Number(*i as f64),
                    toml::Value::Float(f) => Sample::Number(*f),
                    toml::Value::Datetime(d) => match Sample::date(&d.to_string()) {
                        Some(date) => date,
                        None => {
                            return Err(at(
                                value_span(),
                                format!("`{name}`: a sample date needs a day, as in 2025-03-14"),
                            ));
                        }
                    },
                    other => {
                        return Err(at(
                            value_span(),
                            format!(
                                "`{name}` in [{}] is {}; a sample argument is text, a number or a date",
                                table_name.get_ref(),
                                match other.type_str() {
                                    kind @ ("array" | "integer") => format!("an {kind}"),
                                    kind => format!("a {kind}"),
                                }
                            ),
                        ));
                    }
                };
                target.insert(name.clone(), sample);
            }
        }
        Ok(args)
    }

    pub fn parse_json(text: &str, path: &str) -> Result<SampleArgs, ArgsError> {
        let invalid = |(line, column), message| ArgsError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
        // serde_json's message ends with the position the error names first.
        let syntax = |e: serde_json::Error| {
            let message = crate::project::config::without_values(&e.to_string());
            let position = format!(" at line {} column {}", e.line(), e.column());
            let message = message
                .strip_suffix(&position)
                .unwrap_or(&message)
                .to_owned();
            invalid((e.line(), e.column()), message)
        };
        // Raw values are slices of `text`: a value of the wrong kind is
        // reported where it starts.
        let document: BTreeMap<String, BTreeMap<String, &serde_json::value::RawValue>> =
            serde_json::from_str(text).map_err(syntax)?;
        let mut args = SampleArgs {
            path: Some(path.to_owned()),
            ..Self::default()
        };
        for (table_name, entries) in document {
            for (name, raw) in entries {
                // Where the value starts, for the error: found only then.
                let at = || {
                    line_column(
                        text,
                        (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize),
                    )
                };
                let value: serde_json::Value = serde_json::from_str(raw.get()).map_err(|e| {
                    invalid(at(), crate::project::config::without_values(&e.to_string()))
                })?;
                let sample = match value {
                    serde_json::Value::String(s) => Sample::Text(s),
                    serde_json::Value::Number(n) => Sample::Number(n.as_f64().unwrap_or(f64::NAN)),
                    other => {
                        return Err(invalid(
                            at(),
                            format!(
                                "`{name}` in \"{table_name}\" is {}; a sample argument is text or a number (dates are text, as in \"2025-03-14\")",
                                json_kind(&other)
                            ),
                        ));
                    }
                };
                let target = if table_name == "common" {
                    &mut args.common
                } else {
                    args.emails.entry(table_name.clone()).or_default()
                };
                target.insert(name, sample);
            }
        }
        Ok(args)
    }
}

/// "an array", "an object", …: what a JSON value is, without its content.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Where the value of `name` in table `table` of the TOML `text` is.
fn value_span(text: &str, table: &str, name: &str) -> Option<Range<usize>> {
    fn find<'t, 'i>(
        table: &'t toml::de::DeTable<'i>,
        key: &str,
    ) -> Option<&'t toml::Spanned<toml::de::DeValue<'i>>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }
    let document = toml::de::DeTable::parse(text).ok()?;
    let toml::de::DeValue::Table(entries) = find(document.get_ref(), table)?.get_ref() else {
        return None;
    };
    Some(find(entries, name)?.span())
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let at = crate::syntax::line_col(text, offset);
    (at.line, at.column)
}
