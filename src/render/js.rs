//! The runtimes' functions. Above all the `fluent-js` runtime's numbers:
//! `NUMBER` as `@fluent/bundle` 0.19 runs it on `Intl.NumberFormat`, and
//! variant selection as it runs it on `Intl.PluralRules`, with current
//! CLDR plural rules (ICU4X); and for both runtimes, the options each
//! ignores, reported.
//!
//! What fluent.js does, and so what is shown:
//! - `NUMBER` takes only the options a translation may set (`useGrouping`,
//!   the integer, fraction and significant digits, `currencyDisplay`,
//!   `unitDisplay`); `style`, `currency` and `type` are the developer's and
//!   are ignored. An option written as text (`"2"`) counts as the number.
//! - `NUMBER` of something that is not a number throws: the customer reads
//!   `{NUMBER()}`.
//! - Options Intl refuses (a minimum above its maximum, digits out of
//!   range, an unknown `useGrouping`) throw when the number is written: the
//!   customer reads the raw number (`1234.5678`).
//! - A number selects the variant whose number key equals it, or whose
//!   plural category its *formatted* value has, in the variants' order.

use std::cell::RefCell;
use std::collections::HashMap;

use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::types::{FluentNumber, FluentType};
use fluent_bundle::{FluentArgs, FluentValue};
use icu_decimal::options::GroupingStrategy;
use icu_plurals::{PluralCategory, PluralOperands, PluralRules};

use super::intl::{self, problem};

/// How Intl writes a number: its digits and grouping.
#[derive(Clone, Debug, PartialEq)]
pub struct JsNumberOptions {
    pub minimum_integer_digits: usize,
    pub minimum_fraction_digits: Option<usize>,
    pub maximum_fraction_digits: Option<usize>,
    pub minimum_significant_digits: Option<usize>,
    pub maximum_significant_digits: Option<usize>,
    pub grouping: GroupingStrategy,
}

impl Default for JsNumberOptions {
    fn default() -> Self {
        JsNumberOptions {
            minimum_integer_digits: 1,
            minimum_fraction_digits: None,
            maximum_fraction_digits: None,
            minimum_significant_digits: None,
            maximum_significant_digits: None,
            grouping: GroupingStrategy::Auto,
        }
    }
}

impl JsNumberOptions {
    /// The options of a number Fluent made: a variable's (none) or a number
    /// literal's (its fraction digits, as written).
    fn of(number: &FluentNumber) -> Self {
        JsNumberOptions {
            minimum_fraction_digits: number.options.minimum_fraction_digits,
            ..Default::default()
        }
    }

    /// The value rounded and padded as Intl writes it.
    pub fn round(&self, value: f64) -> Option<Decimal> {
        let mut decimal: Decimal = value.to_string().parse().ok()?;
        let half_expand = SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);
        let digits = |n: usize| n.min(100) as i16;
        if self.minimum_significant_digits.is_some() || self.maximum_significant_digits.is_some() {
            let min = self.minimum_significant_digits.unwrap_or(1);
            let max = self.maximum_significant_digits.unwrap_or(21);
            let start = decimal.absolute.nonzero_magnitude_start();
            decimal.round_with_mode(start - digits(max) + 1, half_expand);
            decimal.absolute.trim_end();
            let start = decimal.absolute.nonzero_magnitude_start();
            decimal.absolute.pad_end(start - digits(min) + 1);
        } else {
            let min = self.minimum_fraction_digits.unwrap_or(0);
            let max = self.maximum_fraction_digits.unwrap_or(3.max(min));
            decimal.round_with_mode(-digits(max), half_expand);
            decimal.absolute.trim_end();
            decimal.absolute.pad_end(-digits(min));
        }
        decimal
            .absolute
            .pad_start(digits(self.minimum_integer_digits));
        Some(decimal)
    }
}

/// A number `NUMBER` made, written when Fluent writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct JsNumber {
    pub value: f64,
    pub options: JsNumberOptions,
}

impl FluentType for JsNumber {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, intls: &intl_memoizer::IntlLangMemoizer) -> std::borrow::Cow<'static, str> {
        intl::write_decimal(self.value, &self.options, intls).into()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> std::borrow::Cow<'static, str> {
        js_string(self.value).into()
    }
}

/// A number as JavaScript's `String(number)` writes it, which fluent.js
/// shows when Intl throws.
pub fn js_string(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value < 0.0 { "-Infinity" } else { "Infinity" }.into()
    } else {
        // Rust writes the shortest round-trip digits, as JavaScript does,
        // for the magnitudes prices and counts have.
        value.to_string()
    }
}

/// The digit options of `NUMBER`, in fluent.js and fluent-bundle alike.
const DIGIT_OPTIONS: &[&str] = &[
    "minimumIntegerDigits",
    "minimumFractionDigits",
    "maximumFractionDigits",
    "minimumSignificantDigits",
    "maximumSignificantDigits",
];

/// Options a translation may give `NUMBER` in fluent.js (`NUMBER_ALLOWED`):
/// these and [`DIGIT_OPTIONS`].
const ALLOWED: &[&str] = &["unitDisplay", "currencyDisplay", "useGrouping"];

/// fluent.js's `NUMBER`.
#[allow(non_snake_case)]
pub fn NUMBER<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let (value, mut options) = match positional.first() {
        Some(FluentValue::Number(n)) => (n.value, JsNumberOptions::of(n)),
        Some(FluentValue::Custom(custom)) => {
            let any = custom.as_ref() as &dyn std::any::Any;
            match (
                any.downcast_ref::<JsNumber>(),
                any.downcast_ref::<intl::FluentDate>(),
            ) {
                (Some(number), _) => (number.value, number.options.clone()),
                // A date is its milliseconds since 1970 to fluent.js.
                (None, Some(date)) => (date.epoch_millis(), JsNumberOptions::default()),
                (None, None) => return not_a_number("a value of another kind"),
            }
        }
        Some(FluentValue::Error | FluentValue::None) | None => return missing("NUMBER", named),
        Some(FluentValue::String(text)) => return not_a_number(&format!("the text “{text}”")),
    };
    for (name, value) in named.iter() {
        if name == SHOWN {
            continue;
        }
        if !ALLOWED.contains(&name) && !DIGIT_OPTIONS.contains(&name) {
            problem(format!(
                "NUMBER() option `{name}` is not one a translation may set: fluent.js ignores it"
            ));
            continue;
        }
        if let Err(message) = set(&mut options, name, value) {
            problem(format!(
                "NUMBER() {message}: fluent.js writes the number unformatted"
            ));
            return FluentValue::String(js_string(value_of(positional)).into());
        }
    }
    let fractions = (
        options.minimum_fraction_digits,
        options.maximum_fraction_digits,
    );
    let significants = (
        options.minimum_significant_digits,
        options.maximum_significant_digits,
    );
    for (what, (min, max)) in [("fraction", fractions), ("significant", significants)] {
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            problem(format!(
                "NUMBER() has minimum{what}Digits {min} above maximum{what}Digits {max}, which Intl refuses: fluent.js writes the number unformatted",
                what = capitalized(what)
            ));
            return FluentValue::String(js_string(value).into());
        }
    }
    FluentValue::Custom(Box::new(JsNumber { value, options }))
}

fn value_of(positional: &[FluentValue<'_>]) -> f64 {
    match positional.first() {
        Some(FluentValue::Number(n)) => n.value,
        Some(FluentValue::Custom(custom)) => (custom.as_ref() as &dyn std::any::Any)
            .downcast_ref::<JsNumber>()
            .map_or(f64::NAN, |n| n.value),
        _ => f64::NAN,
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The named argument that carries, in the bundle's copy of a file, the
/// variable a `NUMBER` or `DATETIME` call is given (`etiquetteShown:
/// "$n"`), for what fluent.js writes when it is missing.
pub(super) const SHOWN: &str = "etiquetteShown";

/// What fluent.js writes for `NUMBER` or `DATETIME` given a missing value:
/// `{NUMBER($n)}` for a missing `$n`.
fn missing<'a>(function: &str, named: &FluentArgs) -> FluentValue<'a> {
    match named.get(SHOWN) {
        Some(FluentValue::String(shown)) => format!("{{{function}({shown})}}").into(),
        _ => FluentValue::Error,
    }
}

fn not_a_number<'a>(what: &str) -> FluentValue<'a> {
    problem(format!(
        "NUMBER() needs a number, not {what}: fluent.js throws and writes {{NUMBER()}}"
    ));
    FluentValue::String("{NUMBER()}".into())
}

/// Sets one option as Intl reads it, or says why Intl throws.
fn set(options: &mut JsNumberOptions, name: &str, value: &FluentValue<'_>) -> Result<(), String> {
    let number = || match value {
        FluentValue::Number(n) => Some(n.value),
        FluentValue::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    // Intl checks the range before it rounds down: 100.5 is out of range.
    let digits = |low: f64, high: f64| -> Result<usize, String> {
        match number() {
            Some(n) if (low..=high).contains(&n) => Ok(n.floor() as usize),
            _ => Err(format!(
                "takes {name} from {low} to {high}, not {}",
                shown(value)
            )),
        }
    };
    match name {
        "minimumIntegerDigits" => options.minimum_integer_digits = digits(1.0, 21.0)?,
        "minimumFractionDigits" => options.minimum_fraction_digits = Some(digits(0.0, 100.0)?),
        "maximumFractionDigits" => options.maximum_fraction_digits = Some(digits(0.0, 100.0)?),
        "minimumSignificantDigits" => {
            options.minimum_significant_digits = Some(digits(1.0, 21.0)?);
        }
        "maximumSignificantDigits" => {
            options.maximum_significant_digits = Some(digits(1.0, 21.0)?);
        }
        "useGrouping" => options.grouping = grouping(value)?,
        _ => {}
    }
    Ok(())
}

/// `useGrouping` as Intl reads it: a falsy value turns grouping off;
/// `"always"`, `"auto"`, `"min2"` are what they say; `"true"` and `"false"`
/// are the default; any other text throws.
fn grouping(value: &FluentValue<'_>) -> Result<GroupingStrategy, String> {
    match value {
        FluentValue::Number(n) if n.value == 0.0 || n.value.is_nan() => Ok(GroupingStrategy::Never),
        FluentValue::Number(_) => {
            Err("takes useGrouping \"always\", \"auto\" or \"min2\", not a number".into())
        }
        FluentValue::String(s) => match s.as_ref() {
            "" => Ok(GroupingStrategy::Never),
            "always" => Ok(GroupingStrategy::Always),
            "min2" => Ok(GroupingStrategy::Min2),
            "auto" | "true" | "false" => Ok(GroupingStrategy::Auto),
            other => Err(format!(
                "takes useGrouping \"always\", \"auto\" or \"min2\", not “{other}”"
            )),
        },
        _ => Ok(GroupingStrategy::Auto),
    }
}

fn shown(value: &FluentValue<'_>) -> String {
    match value {
        FluentValue::Number(n) => n.value.to_string(),
        FluentValue::String(s) => format!("“{s}”"),
        _ => "nothing".into(),
    }
}

thread_local! {
    /// Plural rules by locale, made once per thread.
    static RULES: RefCell<HashMap<String, Option<PluralRules>>> = RefCell::new(HashMap::new());
}

/// The plural category of `decimal` in `locale`, by current CLDR rules.
fn category(locale: &str, decimal: &Decimal) -> &'static str {
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rule = rules.entry(locale.to_owned()).or_insert_with(|| {
            let locale: icu_locale_core::Locale = locale.parse().ok()?;
            PluralRules::try_new_cardinal(locale.into()).ok()
        });
        match rule {
            Some(rule) => match rule.category_for(PluralOperands::from(decimal)) {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            },
            None => "other",
        }
    })
}

/// The prefix of a number key rewritten as a name (see `select.rs`).
pub(super) const NUMBER_KEY: &str = "etiquette-n";

/// `ETIQUETTE_SELECT(selector, keys: "…")`, which a select's selector is
/// rewritten to in the `fluent-js` runtime: the key, of `keys` in the
/// variants' order, fluent.js would choose, or the selector itself when it
/// is text. Number keys come as `etiquette-n1_5` (for `[1.5]`).
pub fn select(
    locale: String,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |positional: &[FluentValue<'_>], named: &FluentArgs| {
        let (value, options) = match positional.first() {
            Some(FluentValue::Number(n)) => (n.value, JsNumberOptions::of(n)),
            Some(FluentValue::Custom(custom)) => {
                match (custom.as_ref() as &dyn std::any::Any).downcast_ref::<JsNumber>() {
                    Some(number) => (number.value, number.options.clone()),
                    // A date selects no key: the default variant.
                    None => return FluentValue::String("".into()),
                }
            }
            Some(FluentValue::String(text)) => return FluentValue::String(text.to_string().into()),
            _ => return FluentValue::Error,
        };
        let keys = match named.get("keys") {
            Some(FluentValue::String(keys)) => keys.to_string(),
            _ => String::new(),
        };
        let category = options
            .round(value)
            .map_or("other", |decimal| category(&locale, &decimal));
        let chosen = keys
            .split(' ')
            .find(|key| match key.strip_prefix(NUMBER_KEY) {
                Some(number) => number.replace('_', ".").parse::<f64>() == Ok(value),
                None => *key == category,
            });
        FluentValue::String(chosen.unwrap_or("").to_owned().into())
    }
}

/// `ETIQUETTE_ISOLATE(reference, shown: "{name}")`: the reference's value,
/// which fluent-bundle then isolates as fluent.js does, or `{name}` as
/// fluent.js writes a reference that does not resolve.
#[allow(non_snake_case)]
pub fn ISOLATE<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::Error | FluentValue::None) | None => match named.get("shown") {
            Some(FluentValue::String(shown)) => FluentValue::String(shown.to_string().into()),
            _ => FluentValue::Error,
        },
        Some(value) => value.clone(),
    }
}

/// Options a translation may give `DATETIME` in fluent.js
/// (`DATETIME_ALLOWED`).
const DATETIME_ALLOWED: &[&str] = &[
    "dateStyle",
    "timeStyle",
    "fractionalSecondDigits",
    "dayPeriod",
    "hour12",
    "weekday",
    "era",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "timeZoneName",
];

/// fluent.js's `DATETIME`: etiquette's, with the options fluent.js
/// ignores reported, and a number taken as milliseconds since 1970, as
/// JavaScript's `Date` takes it, written in the render's zone.
pub fn datetime(
    options: super::RenderOptions,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |positional: &[FluentValue<'_>], named: &FluentArgs| {
        for (name, _) in named.iter() {
            if !DATETIME_ALLOWED.contains(&name) && name != SHOWN {
                problem(format!(
                    "DATETIME() option `{name}` is not one a translation may set: fluent.js ignores it"
                ));
            }
        }
        if let Some(FluentValue::Number(number)) = positional.first()
            && let Some(date) = intl::FluentDate::from_epoch_millis(number.value)
        {
            let date = FluentValue::Custom(Box::new(date.for_render(options)));
            return intl::DATETIME(&[date], named);
        }
        match positional.first() {
            Some(FluentValue::Error | FluentValue::None) | None => missing("DATETIME", named),
            // Text that is not a date (a date's text is a date's sample,
            // JSON having no dates): fluent.js throws.
            Some(FluentValue::String(text)) if intl::FluentDate::parse(text).is_none() => {
                problem(format!(
                    "DATETIME() needs a date such as 2025-03-14, not the text “{text}”: fluent.js throws and writes {{DATETIME()}}"
                ));
                FluentValue::String("{DATETIME()}".into())
            }
            _ => intl::DATETIME(positional, named),
        }
    }
}

/// Options fluent-bundle's `NUMBER` reads, and how.
const RS_NUMBER_TEXT: &[&str] = &[
    "type",
    "style",
    "currency",
    "currencyDisplay",
    "useGrouping",
];
/// fluent-bundle's built-in `NUMBER`, with the options it ignores reported:
/// an option it does not know, digits written as text.
#[allow(non_snake_case)]
pub fn RS_NUMBER<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    for (name, value) in named.iter() {
        let read = match value {
            FluentValue::String(_) => RS_NUMBER_TEXT.contains(&name),
            FluentValue::Number(_) => DIGIT_OPTIONS.contains(&name),
            _ => true,
        };
        if !read {
            problem(format!(
                "NUMBER() option `{name}` as written ({}) is one fluent-bundle ignores",
                shown(value)
            ));
        }
    }
    fluent_bundle::builtins::NUMBER(positional, named)
}
