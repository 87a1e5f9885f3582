//! Numbers and dates as the customer's locale writes them, backed by ICU4X.
//!
//! fluent-bundle formats a number with Rust's `f64` display whatever the
//! locale ("59.50" for a Dutch customer who expects "59,50"), and has no
//! `DATETIME`. Here a bundle gets a formatter that writes every number with
//! the locale's separators and grouping, honouring the options `NUMBER`
//! sets, and a `DATETIME` function over dates passed as sample arguments.

use std::any::Any;
use std::borrow::Cow;
use std::cell::RefCell;

use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::types::{FluentNumber, FluentNumberStyle, FluentType};
use fluent_bundle::{FluentArgs, FluentValue};
use icu_calendar::Date;
use icu_calendar::Gregorian;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder};
use icu_datetime::fieldsets::enums::CompositeDateTimeFieldSet;
use icu_datetime::options::{Length, TimePrecision, YearStyle};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use icu_time::{DateTime, Time};
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;
use writeable::TryWriteable;

use super::day_period::DayPeriods;

thread_local! {
    /// What `NUMBER` and `DATETIME` could not do during one format call:
    /// a Fluent function cannot report an error, so the renderer collects
    /// these after each call.
    static PROBLEMS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

pub(super) fn problem(message: String) {
    PROBLEMS.with(|p| p.borrow_mut().push(message));
}

/// The problems the functions met since the last call.
pub fn take_problems() -> Vec<String> {
    PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// The ICU locale of a Fluent language identifier.
fn locale(lang: &LanguageIdentifier) -> Locale {
    lang.to_string().parse().unwrap_or(Locale::UNKNOWN)
}

/// A locale's number formatters, by grouping.
struct NumberFormat {
    grouped: DecimalFormatter,
    plain: DecimalFormatter,
    always: DecimalFormatter,
    min2: DecimalFormatter,
}

impl NumberFormat {
    /// `decimal` grouped as Intl's `useGrouping: "always"`: ICU4X's
    /// `Always` is its `Auto`, which leaves four digits whole where the
    /// locale groups from five (Spanish `1234`, Intl `1.234`).
    fn always(&self, decimal: &Decimal) -> String {
        let text = self.grouped.format(decimal).to_string();
        let million: Decimal = 1_234_567.into();
        let Some(separator) = self
            .grouped
            .format(&million)
            .to_string()
            .chars()
            .find(|c| !c.is_numeric())
        else {
            return text;
        };
        if text.contains(separator) {
            return text;
        }
        let Some(start) = text.find(char::is_numeric) else {
            return text;
        };
        let end = text[start..]
            .find(|c: char| !c.is_numeric())
            .map_or(text.len(), |at| start + at);
        let digits: Vec<(usize, char)> = text[start..end].char_indices().collect();
        if digits.len() != 4 {
            return text;
        }
        let at = start + digits[1].0;
        format!("{}{separator}{}", &text[..at], &text[at..])
    }

    fn with(&self, grouping: GroupingStrategy) -> &DecimalFormatter {
        match grouping {
            GroupingStrategy::Never => &self.plain,
            GroupingStrategy::Always => &self.always,
            GroupingStrategy::Min2 => &self.min2,
            _ => &self.grouped,
        }
    }
}

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = String;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, String> {
        let prefs = locale(&lang).into();
        let make = |grouping| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = grouping;
            DecimalFormatter::try_new(prefs, options).map_err(|e| e.to_string())
        };
        Ok(NumberFormat {
            grouped: make(Some(GroupingStrategy::Auto))?,
            plain: make(Some(GroupingStrategy::Never))?,
            always: make(Some(GroupingStrategy::Always))?,
            min2: make(Some(GroupingStrategy::Min2))?,
        })
    }
}

/// The bundle's formatter: numbers in the locale's way, everything else as
/// Fluent writes it.
pub fn format_value(
    value: &FluentValue<'_>,
    intls: &intl_memoizer::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if let Some(symbol) = not_finite(number.value, intls) {
        return Some(symbol);
    }
    intls
        .with_try_get::<NumberFormat, _, _>((), |format| format_number(number, format))
        .ok()
        .flatten()
}

/// A number of the `fluent-js` runtime, as Intl writes it with `options`.
pub(super) fn write_decimal(
    value: f64,
    options: &super::js::JsNumberOptions,
    intls: &intl_memoizer::IntlLangMemoizer,
) -> String {
    if let Some(symbol) = not_finite(value, intls) {
        return symbol;
    }
    let written = intls.with_try_get::<NumberFormat, _, _>((), |format| {
        options.round(value).map(|decimal| match options.grouping {
            GroupingStrategy::Always => format.always(&decimal),
            grouping => format.with(grouping).format(&decimal).to_string(),
        })
    });
    written
        .ok()
        .flatten()
        .unwrap_or_else(|| super::js::js_string(value))
}

/// NaN and infinity as Intl writes them, by the locale's symbols
/// (rules/cldr/symbols.tsv: `ليس رقمًا` in Arabic, `−∞` in Finnish), which
/// ICU4X does not give; `None` for a finite number.
fn not_finite(value: f64, intls: &intl_memoizer::IntlLangMemoizer) -> Option<String> {
    if value.is_finite() {
        return None;
    }
    let [nan, infinity, minus] = intls
        .with_try_get::<Lang, _, _>((), |Lang(lang)| symbols(lang))
        .unwrap_or(["NaN", "∞", "-"]);
    Some(if value.is_nan() {
        nan.to_owned()
    } else if value < 0.0 {
        format!("{minus}{infinity}")
    } else {
        infinity.to_owned()
    })
}

/// A locale's NaN, infinity and minus sign (rules/cldr/symbols.tsv, which
/// lists the locales whose symbols are not `NaN`, `∞` and `-`).
fn symbols(lang: &LanguageIdentifier) -> [&'static str; 3] {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&str, [&str; 3]>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../../rules/cldr/symbols.tsv")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let locale = cells.next()?;
                Some((locale, [cells.next()?, cells.next()?, cells.next()?]))
            })
            .collect()
    });
    cldr_tags(lang)
        .find_map(|tag| table.get(tag.as_str()).copied())
        .unwrap_or(["NaN", "∞", "-"])
}

/// Formats a number as `Intl.NumberFormat` would: at most three fraction
/// digits unless told otherwise, rounding half away from zero.
fn format_number(number: &FluentNumber, format: &NumberFormat) -> Option<String> {
    let options = &number.options;
    let mut decimal: Decimal = number.value.to_string().parse().ok()?;
    if options.style == FluentNumberStyle::Percent {
        decimal.multiply_pow10(2);
    }
    let half_expand = SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);
    if let Some(max) = options.maximum_significant_digits {
        let start = decimal.absolute.nonzero_magnitude_start();
        let position = start - clamp(max) + 1;
        decimal.round_with_mode(position, half_expand);
        decimal.absolute.trim_end();
        if let Some(min) = options.minimum_significant_digits {
            decimal.absolute.pad_end(start - clamp(min) + 1);
        }
    } else {
        let min = options.minimum_fraction_digits.unwrap_or(0);
        let max = options.maximum_fraction_digits.unwrap_or(3).max(min);
        decimal.round_with_mode(-clamp(max), half_expand);
        decimal.absolute.trim_end();
        decimal.absolute.pad_end(-clamp(min));
    }
    if let Some(min) = options.minimum_integer_digits {
        decimal.absolute.pad_start(clamp(min));
    }
    let formatter = if options.use_grouping {
        &format.grouped
    } else {
        &format.plain
    };
    let text = formatter.format(&decimal).to_string();
    Some(match options.style {
        FluentNumberStyle::Percent => format!("{text}%"),
        _ => text,
    })
}

fn clamp(digits: usize) -> i16 {
    digits.min(100) as i16
}

/// How a date is written: `dateStyle` and `timeStyle` of `Intl.DateTimeFormat`,
/// or the fields its component options ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateStyle {
    length: Length,
    fields: Option<DateFields>,
    time: Option<TimePrecision>,
    /// The year in two digits (`dateStyle: "short"`, `year: "2-digit"`).
    short_year: bool,
    /// The CLDR pattern fluent.js (Intl) writes these options with, where
    /// ICU4X's field sets have none like it.
    cldr: Option<CldrPattern>,
    /// As fluent.js writes it (the `fluent-js` runtime): by the CLDR
    /// pattern, with a space where ICU writes U+202F, as V8 does.
    js: bool,
    /// The sending server's zone, minutes east of UTC, which a long time
    /// names.
    zone: i32,
}

/// The CLDR patterns Intl writes some options with (rules/cldr/).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CldrPattern {
    /// Year, month and day numeric (and Intl's default): `yMd`.
    Date,
    /// All three `2-digit`: `yMd` with two digits each (`dd.MM.yy`).
    TwoDigitDate,
    /// `dateStyle` (0 short to 3 full) by dateFormats, `timeStyle` (short
    /// or medium) by timeFormats, both joined by dateTimeFormats.
    Styles {
        date: Option<usize>,
        time: Option<usize>,
    },
    /// An hour, with minutes and seconds maybe: `Hm`, `hm`, `H`, `Hms`…;
    /// on the 12-hour clock when `hour12` is given (any text is true to
    /// Intl), else as the locale prefers.
    Clock {
        minutes: bool,
        seconds: bool,
        twelve: Option<bool>,
        /// The hour's width where Intl adjusts the pattern to the options:
        /// when one of them is `2-digit`, every field takes the width asked
        /// for (the hour `numeric` is one digit).
        hour_width: Option<usize>,
        /// `timeZoneName: "short"`: the zone after the time.
        zone_name: bool,
        /// `fractionalSecondDigits`: digits of the second.
        fraction: Option<usize>,
        /// `dayPeriod`'s width (1 short, 4 long, 5 narrow): on the 12-hour
        /// clock, the period of the day in words instead of AM and PM
        /// (`Bh`: "9 in the morning").
        day_period: Option<usize>,
    },
    /// A weekday, a month in words and a day: `MMMEd`, the weekday and
    /// the month as wide as asked (3 short, 4 long, 5 narrow).
    Weekday { weekday: usize, month: usize },
    /// `era` alone: the numeric date with its era, `GyMd`, the era as
    /// wide as asked (1 short, 4 long, 5 narrow).
    Era(usize),
    /// A minute or a second alone: the number (`m`, `s`).
    Alone(char),
    /// `dayPeriod` alone: the period of the day in words, as wide as asked.
    DayPeriod(usize),
}

impl std::hash::Hash for DateStyle {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The ICU options do not implement `Hash`; their names do.
        format!("{self:?}").hash(state);
    }
}

impl Default for DateStyle {
    /// `Intl.DateTimeFormat`'s default: the numeric date.
    fn default() -> Self {
        DateStyle {
            length: Length::Short,
            fields: Some(DateFields::YMD),
            time: None,
            short_year: false,
            cldr: Some(CldrPattern::Date),
            js: false,
            zone: 0,
        }
    }
}

/// A date (and maybe a time of day) passed to Fluent.
#[derive(Clone, Debug, PartialEq)]
pub struct FluentDate {
    /// The date as written in the sample arguments.
    pub text: String,
    pub date: Date<icu_calendar::Iso>,
    pub time: Option<Time>,
    /// The offset written after the time, in minutes east of UTC (`Z` is
    /// 0); none for a local time.
    pub offset: Option<i32>,
    pub style: DateStyle,
}

impl FluentDate {
    /// Parses `2025-03-14` or `2025-03-14T14:30[:00][Z|+01:00]`.
    pub fn parse(text: &str) -> Option<FluentDate> {
        let (date, time) = match text.split_once(['T', ' ']) {
            Some((date, time)) => (date, Some(time)),
            None => (text, None),
        };
        let mut parts = date.splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let date = Date::try_new_iso(year, month, day).ok()?;
        let offset = match time {
            Some(time) if time.ends_with('Z') => Some(0),
            Some(time) => match time.rfind(['+', '-']) {
                Some(at) => Some(
                    time[at..]
                        .parse::<crate::project::config::TimeZone>()
                        .ok()?
                        .minutes,
                ),
                None => None,
            },
            None => None,
        };
        let time = match time {
            None => None,
            Some(time) => {
                let time = time.trim_end_matches('Z');
                let time = time.split(['+', '-']).next().unwrap_or(time);
                let mut parts = time.splitn(3, ':');
                let hour: u8 = parts.next()?.parse().ok()?;
                let minute: u8 = parts.next()?.parse().ok()?;
                let second: u8 = match parts.next() {
                    Some(s) => s.split('.').next()?.parse().ok()?,
                    None => 0,
                };
                Some(Time::try_new(hour, minute, second, 0).ok()?)
            }
        };
        let mut style = DateStyle::default();
        if time.is_some() {
            style.time = Some(TimePrecision::Minute);
        }
        Some(FluentDate {
            text: text.to_owned(),
            date,
            time,
            offset,
            style,
        })
    }
}

impl FluentDate {
    /// The date as a sample argument of a render with `options`. fluent.js
    /// gets a JavaScript `Date`, an instant, which it writes in the sending
    /// server's zone: a time with an offset moves to that zone, a date
    /// alone is midnight UTC, a local time is the server's own. It writes a
    /// date alone by default, its time only when asked, with V8's spaces.
    pub(super) fn for_render(&self, options: super::RenderOptions) -> FluentDate {
        let mut date = self.clone();
        if options.runtime == super::Runtime::FluentJs {
            let zone = options.time_zone.minutes;
            let shift = match (self.offset, self.time) {
                (Some(offset), _) => Some(zone - offset),
                (None, None) => Some(zone),
                (None, Some(_)) => None,
            };
            if let Some(minutes) = shift.filter(|m| *m != 0) {
                date.shift(minutes);
            }
            date.style.zone = zone;
            date.style.time = None;
            date.style.js = true;
        }
        date
    }
}

impl FluentDate {
    /// The instant `millis` milliseconds after 1970-01-01T00:00Z, as
    /// JavaScript's `new Date(millis)`.
    pub(super) fn from_epoch_millis(millis: f64) -> Option<FluentDate> {
        // JavaScript's TimeClip: at most 8.64e15 either way, toward zero.
        if !millis.is_finite() || millis.abs() > 8.64e15 {
            return None;
        }
        let millis = millis.trunc() as i64;
        let (days, in_day) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
        let (year, month, day) = civil_from_days(i32::try_from(days).ok()?);
        let style = DateStyle {
            js: true,
            ..DateStyle::default()
        };
        Some(FluentDate {
            text: millis.to_string(),
            date: Date::try_new_iso(year, month, day).ok()?,
            time: Time::try_new(
                (in_day / 3_600_000) as u8,
                (in_day / 60_000 % 60) as u8,
                (in_day / 1000 % 60) as u8,
                (in_day % 1000) as u32 * 1_000_000,
            )
            .ok(),
            offset: Some(0),
            style,
        })
    }

    /// The instant as milliseconds since 1970-01-01T00:00Z, as JavaScript's
    /// `Date` holds it. A date of the `fluent-js` runtime is written in
    /// the server's zone; another in its own offset (UTC where it has none).
    pub(super) fn epoch_millis(&self) -> f64 {
        let time = self.time.unwrap_or(Time::start_of_day());
        let days = days_from_civil(
            self.date.year().extended_year(),
            self.date.month().ordinal,
            self.date.day_of_month().0,
        );
        let zone = if self.style.js {
            self.style.zone
        } else {
            self.offset.unwrap_or(0)
        };
        let seconds = i64::from(days) * 86_400
            + i64::from(time.hour.number()) * 3600
            + i64::from(time.minute.number()) * 60
            + i64::from(time.second.number())
            - i64::from(zone) * 60;
        seconds as f64 * 1000.0 + f64::from(time.subsecond.number() / 1_000_000)
    }

    /// Moves the date and time by `minutes`, across days as needed.
    fn shift(&mut self, minutes: i32) {
        let time = self.time.unwrap_or(Time::start_of_day());
        let days = days_from_civil(
            self.date.year().extended_year(),
            self.date.month().ordinal,
            self.date.day_of_month().0,
        );
        let total = i64::from(days) * 1440
            + i64::from(time.hour.number()) * 60
            + i64::from(time.minute.number())
            + i64::from(minutes);
        let (days, minute_of_day) = (total.div_euclid(1440), total.rem_euclid(1440));
        let Ok(days) = i32::try_from(days) else {
            return;
        };
        let (year, month, day) = civil_from_days(days);
        // Beyond the calendar's range the date stays as written, time too.
        let (Ok(date), Ok(time)) = (
            Date::try_new_iso(year, month, day),
            Time::try_new(
                (minute_of_day / 60) as u8,
                (minute_of_day % 60) as u8,
                time.second.number(),
                time.subsecond.number(),
            ),
        ) else {
            return;
        };
        self.date = date;
        self.time = Some(time);
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i32::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i32) -> (i32, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u8;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u8;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// The memoizer's language, for formatters built outside it.
struct Lang(LanguageIdentifier);

impl Memoizable for Lang {
    type Args = ();
    type Error = String;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, String> {
        Ok(Lang(lang))
    }
}

enum DateFormat {
    /// ICU4X's field sets.
    Fields(Box<DateTimeFormatter<CompositeDateTimeFieldSet>>),
    /// A CLDR pattern, and the names and digits it needs.
    Pattern(Box<(FixedCalendarDateTimeNames<Gregorian>, DateTimePattern)>),
    /// A CLDR pattern with a period of the day (`B`), which it names by
    /// the hour (ICU4X's data has no such names): the pattern is made
    /// for each time.
    DayPeriod(Box<(LanguageIdentifier, String, &'static DayPeriods)>),
}

impl DateFormat {
    fn format(&self, at: &DateTime<icu_calendar::Iso>) -> String {
        match self {
            DateFormat::Fields(formatter) => formatter.format(at).to_string(),
            DateFormat::Pattern(pattern) => {
                let (names, pattern) = pattern.as_ref();
                let at = DateTime {
                    date: at.date.to_calendar(Gregorian),
                    time: at.time,
                };
                names
                    .with_pattern_unchecked(pattern)
                    .format(&at)
                    .try_write_to_string()
                    .map_or_else(
                        |(_, partial)| partial.into_owned(),
                        |text| text.into_owned(),
                    )
            }
            DateFormat::DayPeriod(format) => {
                let (lang, written, periods) = format.as_ref();
                let named = periods.named_in(written, &at.time);
                DateFormat::written(lang, &named).map_or_else(String::new, |f| f.format(at))
            }
        }
    }

    /// A date or time as fluent.js writes it, by the locale's CLDR pattern.
    fn cldr(lang: &LanguageIdentifier, which: CldrPattern, zone: i32) -> Option<Self> {
        let mut written = cldr_pattern(lang, which, zone)?;
        // The hour options write a pattern of the locale's own with `B`
        // (Chinese's `Bh:mm`) with AM and PM (`a`) unless `dayPeriod` asks
        // for it, as V8 writes them; `timeStyle` keeps it.
        let named = !matches!(
            which,
            CldrPattern::Clock {
                day_period: None,
                ..
            }
        );
        if named
            && fields(&written).any(|(_, c)| c == 'B')
            && let Some(periods) = DayPeriods::of(lang)
        {
            return Some(DateFormat::DayPeriod(Box::new((
                lang.clone(),
                written,
                periods,
            ))));
        }
        if !named {
            let periods: Vec<usize> = fields(&written)
                .filter(|&(_, c)| c == 'B')
                .map(|(at, _)| at)
                .collect();
            for at in periods {
                written.replace_range(at..at + 1, "a");
            }
        }
        DateFormat::written(lang, &written)
    }

    /// A date or time by a pattern as CLDR writes them.
    fn written(lang: &LanguageIdentifier, written: &str) -> Option<Self> {
        let pattern: DateTimePattern = written.parse().ok()?;
        let mut names =
            FixedCalendarDateTimeNames::<Gregorian>::try_new(locale(lang).into()).ok()?;
        names.include_for_pattern(&pattern).ok()?;
        Some(DateFormat::Pattern(Box::new((names, pattern))))
    }
}

/// The CLDR patterns of rules/cldr/datetime.tsv (generated by
/// scripts/cldr.py): its column names, and its rows by locale.
struct CldrTable {
    columns: Vec<&'static str>,
    rows: std::collections::HashMap<&'static str, Vec<&'static str>>,
}

/// A locale's row of CLDR patterns, or the row of the locale its tag
/// falls back to; a cell by its column's name.
struct CldrRow {
    table: &'static CldrTable,
    cells: &'static [&'static str],
}

impl CldrRow {
    fn of(lang: &LanguageIdentifier) -> Option<CldrRow> {
        static TABLE: std::sync::OnceLock<CldrTable> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| {
            let mut lines = include_str!("../../rules/cldr/datetime.tsv")
                .lines()
                .filter(|line| !line.starts_with('#'));
            let columns = lines
                .next()
                .unwrap_or_default()
                .split('\t')
                .skip(1)
                .collect();
            let rows = lines
                .filter_map(|line| {
                    let mut cells = line.split('\t');
                    Some((cells.next()?, cells.collect()))
                })
                .collect();
            CldrTable { columns, rows }
        });
        cldr_tags(lang).find_map(|tag| {
            let cells = table.rows.get(tag.as_str())?;
            Some(CldrRow { table, cells })
        })
    }

    /// The pattern in the column `name` (empty where there is none).
    fn get(&self, name: &str) -> &'static str {
        self.table
            .columns
            .iter()
            .position(|column| *column == name)
            .and_then(|at| self.cells.get(at))
            .copied()
            .unwrap_or_default()
    }
}

/// The tags whose CLDR data a locale takes, most specific first: its own,
/// then the tags it falls back to (`de-AT`, `de`).
pub(super) fn cldr_tags(lang: &LanguageIdentifier) -> impl Iterator<Item = String> {
    let mut tag = lang.to_string();
    // Chinese of Taiwan, Hong Kong and Macao is written in traditional
    // characters: its data is zh-Hant's, not zh's (CLDR's likely script).
    if let ("zh", None, Some(region)) = (lang.language.as_str(), lang.script, lang.region)
        && matches!(region.as_str(), "TW" | "HK" | "MO")
    {
        tag = format!("zh-Hant-{}", region.as_str());
    }
    std::iter::successors(Some(tag), |tag| {
        tag.rsplit_once('-').map(|(parent, _)| parent.to_owned())
    })
}

const LENGTHS: [&str; 4] = ["short", "medium", "long", "full"];

/// The pattern Intl writes `which` with in `lang`, for a server `zone`
/// minutes east of UTC.
fn cldr_pattern(lang: &LanguageIdentifier, which: CldrPattern, zone: i32) -> Option<String> {
    let row = CldrRow::of(lang)?;
    let zone_named = |pattern: String| {
        let names = [row.get("gmt-format"), row.get("gmt-minus"), row.get("utc")];
        named_zone(&pattern, &zone_name(&names, zone))
    };
    let pattern = match which {
        CldrPattern::Date => row.get("yMd").to_owned(),
        CldrPattern::Era(width) => widened(row.get("GyMd"), &['G'], width),
        CldrPattern::Alone(field) => field.to_string(),
        CldrPattern::DayPeriod(width) => "B".repeat(width),
        CldrPattern::TwoDigitDate => two_digits(row.get("yMd")),
        CldrPattern::Weekday { weekday, month } => {
            let pattern = widened(row.get("MMMEd"), &['E', 'c'], weekday);
            // A month the locale writes in numbers here stays in numbers.
            let month_letters = fields(&pattern)
                .filter(|&(_, c)| matches!(c, 'M' | 'L'))
                .count();
            if month_letters >= 3 {
                widened(&pattern, &['M', 'L'], month)
            } else {
                pattern
            }
        }
        CldrPattern::Styles { date, time } => {
            let time = time.map(|t| match t {
                0 => row.get("time-short").to_owned(),
                1 => row.get("time-medium").to_owned(),
                _ => zone_named(row.get("time-long").to_owned()),
            });
            let date = date.and_then(|d| LENGTHS.get(d));
            match (date, time) {
                (Some(length), None) => row.get(&format!("date-{length}")).to_owned(),
                (None, Some(time)) => time,
                (Some(length), Some(time)) => row
                    .get(&format!("date-time-{length}"))
                    .replace("{1}", row.get(&format!("date-{length}")))
                    .replace("{0}", &time),
                (None, None) => return None,
            }
        }
        CldrPattern::Clock {
            minutes,
            seconds,
            twelve,
            hour_width,
            zone_name,
            fraction,
            day_period,
        } => {
            // The locale's own clock is the one its time formats use.
            let twelve = twelve.unwrap_or_else(|| {
                fields(row.get("time-short")).any(|(_, c)| matches!(c, 'h' | 'K'))
            });
            let skeleton = match (minutes || seconds, seconds) {
                (_, true) => "ms",
                (true, false) => "m",
                (false, _) => "",
            };
            let clock = if twelve { "h" } else { "H" };
            // A period of the day replaces AM and PM where the locale has a
            // pattern for it (Intl ignores it on the 24-hour clock).
            if let Some(width) = day_period
                && twelve
                && !zone_name
                && let day_periods = row.get(&format!("B{clock}{skeleton}"))
                && !day_periods.is_empty()
            {
                let mut pattern = widened(day_periods, &['B'], width);
                if let Some(width) = hour_width {
                    pattern = widened(&pattern, &['h'], width);
                }
                if let Some(digits) = fraction.filter(|_| seconds) {
                    pattern = with_fraction(&pattern, digits);
                }
                return Some(pattern);
            }
            // With a zone name, Intl takes the pattern made for one (`Hmv`,
            // the hour padded in Hebrew) and names the zone in it.
            let zoned = row.get(&format!("{clock}{skeleton}v"));
            let zoned = zone_name && !skeleton.is_empty() && !zoned.is_empty();
            let pattern = if zoned {
                row.get(&format!("{clock}{skeleton}v"))
            } else {
                row.get(&format!("{clock}{skeleton}"))
            };
            let pattern = match hour_width {
                Some(width) => widened(pattern, &['H', 'h', 'K', 'k'], width),
                None => pattern.to_owned(),
            };
            let pattern = match fraction {
                Some(digits) if seconds => with_fraction(&pattern, digits),
                _ => pattern,
            };
            match (zoned, zone_name) {
                (true, _) => zone_named(pattern),
                (false, true) => zone_named(format!("{pattern} z")),
                (false, false) => pattern,
            }
        }
    };
    (!pattern.is_empty()).then_some(pattern)
}

/// The byte offsets and letters of a pattern's fields: its characters
/// outside quoted text.
pub(super) fn fields(pattern: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quoted = false;
    pattern.char_indices().filter(move |&(_, c)| {
        if c == '\'' {
            quoted = !quoted;
            return false;
        }
        !quoted
    })
}

/// `pattern` with `digits` digits of the second after its seconds
/// (`HH:mm:ss.SS`): ICU4X reads `ss.SS` as one field, a decimal second,
/// and writes the locale's decimal separator.
fn with_fraction(pattern: &str, digits: usize) -> String {
    let Some((at, _)) = fields(pattern).filter(|&(_, c)| c == 's').last() else {
        return pattern.to_owned();
    };
    format!(
        "{}.{}{}",
        &pattern[..=at],
        "S".repeat(digits),
        &pattern[at + 1..]
    )
}

/// A zone as Intl names it in a long time: UTC by the locale's short name,
/// an offset in its localized GMT format (`GMT-5`, `UTC−5`, `GMT+5:30`).
/// `names` are the GMT format, its minus sign and UTC's name.
fn zone_name(names: &[&str], minutes: i32) -> String {
    let [format, minus, utc] = names else {
        return "UTC".into();
    };
    if minutes == 0 {
        return (*utc).to_owned();
    }
    let sign = if minutes < 0 { *minus } else { "+" };
    let (hours, rest) = (minutes.abs() / 60, minutes.abs() % 60);
    let offset = if rest == 0 {
        format!("{sign}{hours}")
    } else {
        format!("{sign}{hours}:{rest:02}")
    };
    format.replace("{0}", &offset)
}

/// `pattern` with its zone field (`z`, or `v` in a pattern made for a
/// zone) written as `name`, quoted.
fn named_zone(pattern: &str, name: &str) -> String {
    let quoted_name = format!("'{}'", name.replace('\'', "''"));
    let mut out = String::with_capacity(pattern.len() + name.len() + 2);
    let mut quoted = false;
    let mut previous = None;
    for c in pattern.chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if !quoted && matches!(c, 'z' | 'v') {
            if previous != Some(c) {
                out.push_str(&quoted_name);
            }
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

/// `pattern` with each run of the `fields` letters `width` long, quoted
/// text kept (`HH:mm:ss` with the hour one wide: `H:mm:ss`).
fn widened(pattern: &str, fields: &[char], width: usize) -> String {
    let mut out = String::with_capacity(pattern.len() + 2);
    let mut quoted = false;
    let mut previous = None;
    for c in pattern.chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if !quoted && fields.contains(&c) {
            if previous != Some(c) {
                out.extend(std::iter::repeat_n(c, width));
            }
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

/// A numeric date pattern with its year, month and day two digits wide
/// (`d.M.y` → `dd.MM.yy`), quoted text kept.
fn two_digits(pattern: &str) -> String {
    widened(pattern, &['y', 'M', 'd'], 2)
}

impl Memoizable for DateFormat {
    type Args = DateStyle;
    type Error = String;

    fn construct(lang: LanguageIdentifier, style: DateStyle) -> Result<Self, String> {
        if style.js
            && let Some(which) = style.cldr
            && let Some(format) = DateFormat::cldr(&lang, which, style.zone)
        {
            return Ok(format);
        }
        let mut builder = FieldSetBuilder::new();
        builder.length = Some(style.length);
        builder.date_fields = style.fields;
        builder.time_precision = style.time;
        if matches!(
            style.fields,
            Some(DateFields::YMD | DateFields::YMDE | DateFields::YM | DateFields::Y)
        ) && !style.short_year
        {
            builder.year_style = Some(YearStyle::Full);
        }
        let fields = builder
            .build_composite_datetime()
            .map_err(|e| format!("{e:?}"))?;
        DateTimeFormatter::try_new(locale(&lang).into(), fields)
            .map(|formatter| DateFormat::Fields(Box::new(formatter)))
            .map_err(|e| e.to_string())
    }
}

impl FluentDate {
    fn write(
        &self,
        with: impl FnOnce(DateStyle, &dyn Fn(&DateFormat) -> String) -> Result<String, String>,
    ) -> String {
        let at = DateTime {
            date: self.date,
            time: self.time.unwrap_or(Time::start_of_day()),
        };
        let js = self.style.js;
        with(self.style, &|format: &DateFormat| {
            let text = format.format(&at);
            if js {
                text.replace('\u{202f}', " ")
            } else {
                text
            }
        })
        .unwrap_or_else(|e| {
            problem(format!("cannot write the date: {e}"));
            self.text.clone()
        })
    }
}

impl FluentType for FluentDate {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, intls: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.write(|style, f| intls.with_try_get::<DateFormat, _, _>(style, f))
            .into()
    }

    fn as_string_threadsafe(
        &self,
        intls: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        // ICU's formatters are not `Sync`: build one for the call.
        self.write(|style, f| {
            let lang = intls.with_try_get::<Lang, _, _>((), |l| l.0.clone())?;
            DateFormat::construct(lang, style).map(|format| f(&format))
        })
        .into()
    }
}

/// Fluent's `NUMBER`: the built-in one, which sets the options the
/// formatter honours, plus a number given as text.
#[allow(non_snake_case)]
pub fn NUMBER<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let mut number = match positional.first() {
        Some(FluentValue::Number(n)) => n.clone(),
        Some(FluentValue::String(s)) if s.parse::<FluentNumber>().is_ok() => s
            .parse::<FluentNumber>()
            .unwrap_or_else(|_| FluentNumber::new(0.0, Default::default())),
        // A missing argument: Fluent reports it already.
        Some(FluentValue::Error | FluentValue::None) => return FluentValue::Error,
        Some(other) => {
            problem(format!("NUMBER() needs a number, not {}", describe(other)));
            return FluentValue::Error;
        }
        None => {
            problem("NUMBER() needs a number".into());
            return FluentValue::Error;
        }
    };
    number.options.merge(named);
    // Intl accepts 0 to 100 fraction and integer digits, 1 to 21 significant
    // ones; Fluent would pad a number with as many zeros as it is told.
    let options = &mut number.options;
    for (name, digits, range) in [
        (
            "minimumIntegerDigits",
            &mut options.minimum_integer_digits,
            1..=100,
        ),
        (
            "minimumFractionDigits",
            &mut options.minimum_fraction_digits,
            0..=100,
        ),
        (
            "maximumFractionDigits",
            &mut options.maximum_fraction_digits,
            0..=100,
        ),
        (
            "minimumSignificantDigits",
            &mut options.minimum_significant_digits,
            1..=21,
        ),
        (
            "maximumSignificantDigits",
            &mut options.maximum_significant_digits,
            1..=21,
        ),
    ] {
        if let Some(n) = *digits
            && !range.contains(&n)
        {
            problem(format!(
                "NUMBER() takes {name} from {} to {}, not {n}",
                range.start(),
                range.end()
            ));
            *digits = Some(n.clamp(*range.start(), *range.end()));
        }
    }
    FluentValue::Number(number)
}

/// Fluent's `DATETIME`, with `dateStyle` and `timeStyle` (`full`, `long`,
/// `medium`, `short`), or the components `weekday`, `year`, `month`, `day`,
/// `hour`, `minute`, `second`.
#[allow(non_snake_case)]
pub fn DATETIME<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let date = match positional.first() {
        Some(FluentValue::Custom(custom)) => {
            let any: &dyn Any = custom.as_any();
            any.downcast_ref::<FluentDate>().cloned()
        }
        Some(FluentValue::String(s)) => FluentDate::parse(s),
        _ => None,
    };
    if matches!(
        positional.first(),
        Some(FluentValue::Error | FluentValue::None)
    ) {
        return FluentValue::Error;
    }
    let Some(mut date) = date else {
        let what = positional
            .first()
            .map_or_else(|| "nothing".to_owned(), describe);
        problem(format!(
            "DATETIME() needs a date such as 2025-03-14, not {what}"
        ));
        return FluentValue::Error;
    };
    // fluent.js writes a date-time's time only when asked (its `{ $d }` and
    // `DATETIME($d)` are the date alone); the sample carries the runtime.
    let (js, zone) = (date.style.js, date.style.zone);
    match date_style(named, date.time.is_some() && !js) {
        Ok(style) => {
            date.style = style;
            date.style.js = js;
            date.style.zone = zone;
        }
        Err(message) => {
            problem(message);
            return FluentValue::Error;
        }
    }
    FluentValue::Custom(Box::new(date))
}

fn describe(value: &FluentValue<'_>) -> String {
    match value {
        FluentValue::String(s) => format!("the text “{s}”"),
        FluentValue::Number(n) => format!("the number {}", n.value),
        FluentValue::Custom(_) => "a date".into(),
        FluentValue::None | FluentValue::Error => "a missing value".into(),
    }
}

/// The width of a pattern field for a text option's value (`G`, `GGGG`,
/// `GGGGG` for `era: "short"`, `"long"`, `"narrow"`).
fn field_width(value: &str) -> Option<usize> {
    match value {
        "short" => Some(1),
        "long" => Some(4),
        "narrow" => Some(5),
        _ => None,
    }
}

fn date_style(named: &FluentArgs, has_time: bool) -> Result<DateStyle, String> {
    let text = |key: &str| match named.get(key) {
        Some(FluentValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let length = |value: &str, key: &str| match value {
        "full" | "long" => Ok(Length::Long),
        "medium" => Ok(Length::Medium),
        "short" => Ok(Length::Short),
        other => Err(format!(
            "DATETIME() {key}: “{other}” is not full, long, medium or short"
        )),
    };
    let date = text("dateStyle");
    let time = text("timeStyle");
    if date.is_some() || time.is_some() {
        let mut style = DateStyle {
            length: Length::Medium,
            fields: None,
            time: None,
            short_year: date.as_deref() == Some("short"),
            cldr: {
                let index = |v: &str| {
                    ["short", "medium", "long", "full"]
                        .iter()
                        .position(|l| *l == v)
                };
                match (date.as_deref().map(index), time.as_deref().map(index)) {
                    // A full time names the zone in words: ICU4X writes it.
                    (_, Some(Some(3..))) | (Some(None), _) | (_, Some(None)) | (None, None) => None,
                    (date, time) => Some(CldrPattern::Styles {
                        date: date.flatten(),
                        time: time.flatten(),
                    }),
                }
            },
            js: false,
            zone: 0,
        };
        if let Some(value) = &date {
            style.length = length(value, "dateStyle")?;
            style.fields = Some(if value == "full" {
                DateFields::YMDE
            } else {
                DateFields::YMD
            });
        }
        if let Some(value) = &time {
            let time_length = length(value, "timeStyle")?;
            if date.is_none() {
                style.length = time_length;
            }
            style.time = Some(if value == "short" {
                TimePrecision::Minute
            } else {
                TimePrecision::Second
            });
        }
        return Ok(style);
    }
    let (weekday, year, month, day) = (text("weekday"), text("year"), text("month"), text("day"));
    let (hour, minute, second) = (text("hour"), text("minute"), text("second"));
    let has_date = weekday.is_some() || year.is_some() || month.is_some() || day.is_some();
    let has_clock = hour.is_some() || minute.is_some() || second.is_some();
    if !has_date && !has_clock {
        let mut style = DateStyle::default();
        if has_time {
            style.time = Some(TimePrecision::Minute);
        }
        // An era alone comes with Intl's default date: `GyMd`; a period
        // of the day alone is written alone.
        if let Some(width) = text("era").as_deref().and_then(field_width) {
            style.cldr = Some(CldrPattern::Era(width));
        } else if let Some(width) = text("dayPeriod").as_deref().and_then(field_width) {
            style.cldr = Some(CldrPattern::DayPeriod(width));
            style.fields = None;
        }
        return Ok(style);
    }
    let fields = match (
        weekday.is_some(),
        year.is_some(),
        month.is_some(),
        day.is_some(),
    ) {
        (false, false, false, false) => None,
        (false, true, false, false) => Some(DateFields::Y),
        (false, false, true, false) => Some(DateFields::M),
        (false, true, true, false) => Some(DateFields::YM),
        (false, _, false, true) => Some(DateFields::D),
        (false, false, true, true) => Some(DateFields::MD),
        (false, true, true, true) => Some(DateFields::YMD),
        (true, false, false, false) => Some(DateFields::E),
        (true, _, false, true) | (true, _, true, false) => Some(DateFields::DE),
        (true, false, true, true) => Some(DateFields::MDE),
        (true, true, _, _) => Some(DateFields::YMDE),
    };
    let length = match month.as_deref() {
        Some("long") => Length::Long,
        Some("short" | "narrow") => Length::Medium,
        _ if weekday.as_deref() == Some("long") => Length::Long,
        _ => Length::Short,
    };
    let time = match (hour.is_some(), minute.is_some(), second.is_some()) {
        (_, _, true) => Some(TimePrecision::Second),
        (_, true, false) => Some(TimePrecision::Minute),
        (true, false, false) => Some(TimePrecision::Hour),
        (false, false, false) => None,
    };
    Ok(DateStyle {
        length,
        fields,
        time,
        short_year: year.as_deref() == Some("2-digit"),
        cldr: match [&year, &month, &day].map(|f| f.as_deref()) {
            [None, Some(month_width), Some("numeric")] if !has_clock => {
                let width = |value: Option<&str>| match value {
                    Some("short") => Some(3),
                    Some("long") => Some(4),
                    Some("narrow") => Some(5),
                    _ => None,
                };
                width(weekday.as_deref())
                    .zip(width(Some(month_width)))
                    .map(|(weekday, month)| CldrPattern::Weekday { weekday, month })
            }
            _ if weekday.is_some() => None,
            [None, None, None] if hour.is_none() && has_clock => {
                match (minute.is_some(), second.is_some()) {
                    (true, false) => Some(CldrPattern::Alone('m')),
                    (false, true) => Some(CldrPattern::Alone('s')),
                    _ => None,
                }
            }
            [None, None, None] if hour.is_some() => Some(CldrPattern::Clock {
                zone_name: text("timeZoneName").as_deref() == Some("short"),
                fraction: match named.get("fractionalSecondDigits") {
                    Some(FluentValue::Number(n)) if (1.0..=3.0).contains(&n.value) => {
                        Some(n.value as usize)
                    }
                    _ => None,
                },
                minutes: minute.is_some(),
                seconds: second.is_some(),
                hour_width: [&hour, &minute, &second]
                    .iter()
                    .any(|f| f.as_deref() == Some("2-digit"))
                    .then(|| {
                        if hour.as_deref() == Some("2-digit") {
                            2
                        } else {
                            1
                        }
                    }),
                day_period: text("dayPeriod").as_deref().and_then(field_width),
                twelve: named.get("hour12").map(|value| match value {
                    FluentValue::String(s) => !s.is_empty(),
                    FluentValue::Number(n) => n.value != 0.0,
                    _ => false,
                }),
            }),
            _ if has_clock => None,
            [Some("numeric"), Some("numeric"), Some("numeric")] => Some(CldrPattern::Date),
            [Some("2-digit"), Some("2-digit"), Some("2-digit")] => Some(CldrPattern::TwoDigitDate),
            _ => None,
        },
        js: false,
        zone: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentBundle, FluentResource};

    fn render(locale: &str, source: &str, args: &FluentArgs) -> String {
        let mut bundle = FluentBundle::new(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_value));
        bundle.add_function("NUMBER", NUMBER).unwrap();
        bundle.add_function("DATETIME", DATETIME).unwrap();
        bundle
            .add_resource(FluentResource::try_new(format!("m = {source}\n")).unwrap())
            .unwrap();
        let pattern = bundle.get_message("m").unwrap().value().unwrap();
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(take_problems().is_empty());
        text
    }

    #[test]
    fn patterns_are_changed_outside_their_quoted_text() {
        assert_eq!(
            with_fraction("HH 'h' mm 'min' ss 's'", 2),
            "HH 'h' mm 'min' ss.SS 's'"
        );
        assert_eq!(two_digits("d 'de' M 'de' y"), "dd 'de' MM 'de' yy");
        assert!(!fields("HH 'h' mm").any(|(_, c)| c == 'h'));
        // JavaScript's Date: toward zero, milliseconds kept.
        let date = FluentDate::from_epoch_millis(-0.5).unwrap();
        assert_eq!(date.date.year().extended_year(), 1970);
        let date = FluentDate::from_epoch_millis(1_741_943_100_250.0).unwrap();
        assert_eq!(date.time.unwrap().subsecond.number(), 250_000_000);
    }

    #[test]
    fn an_instant_is_written_in_the_servers_zone() {
        let options = |zone: &str| super::super::RenderOptions {
            time_zone: zone.parse().unwrap(),
            ..Default::default()
        };
        let shown = |text: &str, zone: &str| {
            let date = FluentDate::parse(text).unwrap().for_render(options(zone));
            (
                date.date.year().extended_year(),
                date.date.month().ordinal,
                date.date.day_of_month().0,
                date.time.map(|t| (t.hour.number(), t.minute.number())),
            )
        };
        assert_eq!(
            shown("2025-12-31T23:30:00Z", "+01:00"),
            (2026, 1, 1, Some((0, 30)))
        );
        assert_eq!(
            shown("2024-03-01T00:15:00+00:30", "UTC"),
            (2024, 2, 29, Some((23, 45)))
        );
        // A date alone is midnight UTC; a local time is the server's own.
        assert_eq!(shown("2025-03-01", "-05:00"), (2025, 2, 28, Some((19, 0))));
        assert_eq!(
            shown("2025-03-01T09:00:00", "-05:00"),
            (2025, 3, 1, Some((9, 0)))
        );
        for refused in ["Europe/Amsterdam", "+15:00", "1", "+01:60"] {
            assert!(
                refused.parse::<super::super::TimeZone>().is_err(),
                "{refused}"
            );
        }
    }

    fn number(value: f64) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        args.set("n", value);
        args
    }

    #[test]
    fn numbers_take_the_locale_separators() {
        let args = number(1234.5);
        assert_eq!(render("nl", "{ $n }", &args), "1.234,5");
        assert_eq!(
            render("de", "{ NUMBER($n, minimumFractionDigits: 2) }", &args),
            "1.234,50"
        );
        assert_eq!(
            render("fr", "{ NUMBER($n, minimumFractionDigits: 2) }", &args),
            "1\u{202f}234,50"
        );
        assert_eq!(
            render("en", "{ NUMBER($n, minimumFractionDigits: 2) }", &args),
            "1,234.50"
        );
        assert_eq!(
            render("en", "{ NUMBER($n, useGrouping: \"false\") }", &args),
            "1234.5"
        );
    }

    #[test]
    fn numbers_round_like_intl() {
        assert_eq!(render("en", "{ $n }", &number(2.0 / 3.0)), "0.667");
        assert_eq!(
            render(
                "en",
                "{ NUMBER($n, maximumFractionDigits: 0) }",
                &number(2.5)
            ),
            "3"
        );
        assert_eq!(
            render(
                "en",
                "{ NUMBER($n, maximumSignificantDigits: 2) }",
                &number(1234.0)
            ),
            "1,200"
        );
        assert_eq!(
            render(
                "en",
                "{ NUMBER($n, minimumIntegerDigits: 3) }",
                &number(7.0)
            ),
            "007"
        );
        assert_eq!(render("nl", "{ 5.50 }", &FluentArgs::new()), "5,50");
    }

    #[test]
    fn plural_selection_still_sees_the_number() {
        let source = "{ $n ->\n    [one] one\n   *[other] { $n } many\n}";
        assert_eq!(render("nl", source, &number(1.0)), "one");
        assert_eq!(render("nl", source, &number(1500.0)), "1.500 many");
    }

    #[test]
    fn dates_take_the_locale_format() {
        let mut args = FluentArgs::new();
        args.set(
            "d",
            FluentValue::Custom(Box::new(FluentDate::parse("2025-03-14").unwrap())),
        );
        assert_eq!(
            render("nl", "{ DATETIME($d, dateStyle: \"long\") }", &args),
            "14 maart 2025"
        );
        assert_eq!(
            render("de", "{ DATETIME($d, dateStyle: \"long\") }", &args),
            "14. März 2025"
        );
        assert_eq!(render("en", "{ $d }", &args), "3/14/2025");
        assert_eq!(
            render("en", "{ DATETIME($d, year: \"numeric\") }", &args),
            "2025"
        );
        assert_eq!(
            render(
                "fr",
                "{ DATETIME($d, weekday: \"long\", day: \"numeric\", month: \"long\") }",
                &args
            ),
            "vendredi 14 mars"
        );
        args.set(
            "t",
            FluentValue::Custom(Box::new(
                FluentDate::parse("2025-03-14T14:30:00+01:00").unwrap(),
            )),
        );
        assert_eq!(
            render(
                "de",
                "{ DATETIME($t, dateStyle: \"medium\", timeStyle: \"short\") }",
                &args
            ),
            "14.03.2025, 14:30"
        );
    }

    #[test]
    fn a_function_given_the_wrong_value_says_so() {
        let mut bundle = FluentBundle::new(vec!["en".parse().unwrap()]);
        bundle.add_function("DATETIME", DATETIME).unwrap();
        bundle
            .add_resource(FluentResource::try_new("m = { DATETIME($d) }\n".into()).unwrap())
            .unwrap();
        let mut args = FluentArgs::new();
        args.set("d", "soon");
        let mut errors = Vec::new();
        let pattern = bundle.get_message("m").unwrap().value().unwrap();
        bundle.format_pattern(pattern, Some(&args), &mut errors);
        assert_eq!(
            take_problems(),
            ["DATETIME() needs a date such as 2025-03-14, not the text “soon”"]
        );
    }
}
