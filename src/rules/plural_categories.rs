use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use fluent_syntax::ast::{InlineExpression, VariantKey};
use icu_plurals::{PluralOperands, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::entry_patterns;
use crate::syntax::visit_selects;

declare_rule! {
    /// ## What it does
    /// Checks each numeric select (`{ $count -> … }` or `{ NUMBER($n) -> … }`
    /// whose variants use a CLDR plural category) against the plural rules of
    /// the locale, from current CLDR data (ICU4X): a category the locale's whole
    /// numbers reach must have a variant, and a category the locale never
    /// selects is dead text. Categories reached only by fractions (Czech and
    /// Lithuanian `many`) or only by millions and compact numbers (the French,
    /// Italian, Spanish, Portuguese and Catalan `many` of recent CLDR) are
    /// allowed but not required: real translations leave them out. A select
    /// with only `*[other]`, or on a `$gender`, is not checked.
    ///
    /// ## Why is this bad?
    /// Without a `[few]` variant a Polish customer reads "3 produktów" instead
    /// of "3 produkty"; a `[one]` in Japanese never shows.
    ///
    /// ## Example
    /// ```ftl
    /// # pl
    /// items = { $count ->
    ///     [one] { $count } produkt
    ///    *[other] { $count } produktów
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// items = { $count ->
    ///     [one] { $count } produkt
    ///     [few] { $count } produkty
    ///    *[many] { $count } produktów
    /// }
    /// ```
    pub struct PluralCategories {
        id: "plural-categories",
        severity: Warning,
        summary: "a numeric select lacks a CLDR plural category of this locale, or has one the locale never selects",
    }
}

impl Check for PluralCategories {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let locale = cx.locale;
        for file in &locale.files {
            for (id, attribute, pattern) in entry_patterns(file) {
                visit_selects(pattern, &mut |selector, variants| {
                    let Some((anchor, ordinal)) = number_selector(selector) else {
                        return;
                    };
                    let keys: Vec<(&str, Category)> = variants
                        .iter()
                        .filter_map(|v| match v.key {
                            VariantKey::Identifier { name } => category(name).map(|c| (name, c)),
                            VariantKey::NumberLiteral { .. } => None,
                        })
                        .collect();
                    if !keys.iter().any(|(_, c)| *c != Category::Other) {
                        return;
                    }
                    let Some(plurals) = plurals(locale.langid, ordinal) else {
                        return;
                    };
                    let span = file.span(anchor);
                    // Numbers of `other` with no variant of their own fall to
                    // the default: a form of its own when written as a
                    // catch-all key (`*[any]`), another form's text when the
                    // default is `*[one]` or `*[0]`.
                    let default_is_a_form = variants.iter().any(|v| {
                        v.default
                            && match v.key {
                                VariantKey::Identifier { name } => category(name).is_some(),
                                VariantKey::NumberLiteral { .. } => true,
                            }
                    });
                    let select = NumberSelect {
                        // `$count` with its dollar sign.
                        span: match selector {
                            InlineExpression::VariableReference { .. } => span.start - 1..span.end,
                            _ => span,
                        },
                        kind: if ordinal { "ordinal" } else { "plural" },
                        keys,
                        default_is_a_form,
                        plurals,
                    };
                    let finding = |span, message| {
                        RawFinding::new(&Self::META, file.source, span, message)
                            .message_id(id.to_string())
                            .attribute(attribute)
                    };
                    if let Some((message, help)) = select.missing(locale.name) {
                        out.push(finding(select.span.clone(), message).help(help));
                    }
                    for (key, message, help) in select.never_selected(locale.name) {
                        out.push(
                            finding(file.span(key), message)
                                .label("no number selects this variant")
                                .help(help),
                        );
                    }
                });
            }
        }
    }
}

/// What a select on a number is anchored at (the variable, or `NUMBER`),
/// and whether it selects ordinals; `None` for any other selector.
fn number_selector<'s>(selector: &InlineExpression<&'s str>) -> Option<(&'s str, bool)> {
    match selector {
        InlineExpression::VariableReference { id } => Some((id.name, false)),
        InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
            let ordinal = arguments.named.iter().any(|arg| {
                arg.name.name == "type"
                    && matches!(arg.value, InlineExpression::StringLiteral { value } if value == "ordinal")
            });
            Some((id.name, ordinal))
        }
        _ => None,
    }
}

/// A select on a number whose keys name plural categories, with the plural
/// rules of the locale.
struct NumberSelect<'s> {
    /// The selector.
    span: std::ops::Range<usize>,
    /// "plural" or "ordinal".
    kind: &'static str,
    /// The keys that name a category.
    keys: Vec<(&'s str, Category)>,
    /// The default variant's key is a category or a number.
    default_is_a_form: bool,
    plurals: Plurals,
}

impl<'s> NumberSelect<'s> {
    /// The message and help when categories the locale uses have no
    /// variant.
    fn missing(&self, locale: &str) -> Option<(String, String)> {
        let present: BTreeSet<Category> = self.keys.iter().map(|(_, c)| *c).collect();
        let missing: Vec<Category> = self
            .plurals
            .required
            .iter()
            .filter(|c| !present.contains(c) && (**c != Category::Other || self.default_is_a_form))
            .copied()
            .collect();
        if missing.is_empty() {
            return None;
        }
        let names: Vec<String> = missing.iter().map(|c| format!("`{}`", name(*c))).collect();
        let examples: Vec<String> = missing
            .iter()
            .map(|c| format!("`[{}]` ({})", name(*c), self.plurals.examples[c]))
            .collect();
        Some((
            format!(
                "{} select lacks {}, which {locale} uses",
                self.kind,
                join(&names)
            ),
            format!("add {}", join(&examples)),
        ))
    }

    /// The keys of categories the locale never selects, each with its
    /// message and help.
    fn never_selected(&self, locale: &str) -> Vec<(&'s str, String, String)> {
        let plurals = &self.plurals;
        let used: Vec<String> = plurals
            .required
            .iter()
            .map(|c| format!("`{}`", name(*c)))
            .collect();
        self.keys
            .iter()
            .filter(|(_, c)| !plurals.required.contains(c) && !plurals.optional.contains(c))
            .map(|&(key, category)| {
                let help = match category {
                    Category::Zero | Category::One | Category::Two => format!(
                        "{locale} uses {}; to match exactly {n}, write `[{n}]`",
                        join(&used),
                        n = category as u8
                    ),
                    _ => format!("{locale} uses {}; remove this variant", join(&used)),
                };
                (
                    key,
                    format!("`[{key}]` is never selected in {locale}"),
                    help,
                )
            })
            .collect()
    }
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A CLDR plural category, in CLDR's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Zero = 0,
    One = 1,
    Two = 2,
    Few,
    Many,
    Other,
}

const CATEGORIES: [(Category, &str); 6] = [
    (Category::Zero, "zero"),
    (Category::One, "one"),
    (Category::Two, "two"),
    (Category::Few, "few"),
    (Category::Many, "many"),
    (Category::Other, "other"),
];

fn category(key: &str) -> Option<Category> {
    CATEGORIES.iter().find(|(_, n)| *n == key).map(|(c, _)| *c)
}

fn name(category: Category) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == category)
        .map_or("other", |(_, n)| n)
}

fn from_cldr(category: icu_plurals::PluralCategory) -> Category {
    use icu_plurals::PluralCategory as C;
    match category {
        C::Zero => Category::Zero,
        C::One => Category::One,
        C::Two => Category::Two,
        C::Few => Category::Few,
        C::Many => Category::Many,
        C::Other => Category::Other,
    }
}

/// A locale's plural categories, learned by sampling its CLDR rules.
#[derive(Clone, Debug)]
struct Plurals {
    /// Reached by whole numbers up to 1000.
    required: BTreeSet<Category>,
    /// Reached only by fractions or by huge numbers; allowed, not required.
    optional: BTreeSet<Category>,
    /// A few numbers of each category, for help texts.
    examples: BTreeMap<Category, String>,
}

fn plurals(langid: &LanguageIdentifier, ordinal: bool) -> Option<Plurals> {
    static CACHE: Mutex<BTreeMap<(String, bool), Option<Plurals>>> = Mutex::new(BTreeMap::new());
    let key = (langid.to_string(), ordinal);
    if let Ok(cache) = CACHE.lock()
        && let Some(found) = cache.get(&key)
    {
        return found.clone();
    }
    let computed = sample(langid, ordinal);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(key, computed.clone());
    }
    computed
}

/// The languages whose numbers CLDR puts all in `other` (its plurals.xml):
/// ICU4X's data holds them as the root's rules, which it also answers for a
/// language it has no data for. A test holds the list to ICU4X's data.
const OTHER_ONLY: &[&str] = &[
    "bm", "bo", "dz", "hnj", "id", "ig", "ii", "in", "ja", "jbo", "jv", "jw", "kde", "kea", "km",
    "ko", "lkt", "lo", "ms", "my", "nqo", "osa", "sah", "ses", "sg", "su", "th", "to", "tpi", "wo",
    "yo", "yue", "zh",
];

/// The locale whose CLDR plural rules apply to `langid`: its own, or its
/// language's (CLDR's rules are by language: `sr-Latn` follows `sr`). `None`
/// for a language ICU4X has no rules for, rather than the root's answer
/// that every number is `other`.
fn cldr_locale(langid: &LanguageIdentifier) -> Option<icu_locale_core::Locale> {
    use icu_provider::prelude::*;
    // `und`: a language nobody determined has no rules to check.
    if langid.language.is_empty() {
        return None;
    }
    let language = langid.language.as_str();
    for tag in [langid.to_string(), language.to_owned()] {
        let locale: icu_locale_core::Locale = tag.parse().ok()?;
        let data_locale = DataLocale::from(&locale);
        let request = DataRequest {
            id: DataIdentifierBorrowed::for_locale(&data_locale),
            ..Default::default()
        };
        let loaded: Result<DataResponse<icu_plurals::provider::PluralsCardinalV1>, _> =
            icu_plurals::provider::Baked.load(request);
        let own = loaded.is_ok_and(|response| {
            response
                .metadata
                .locale
                .is_none_or(|resolved| !resolved.is_unknown())
        });
        if own || OTHER_ONLY.contains(&language) {
            return Some(locale);
        }
    }
    None
}

fn sample(langid: &LanguageIdentifier, ordinal: bool) -> Option<Plurals> {
    let kind = if ordinal {
        PluralRuleType::Ordinal
    } else {
        PluralRuleType::Cardinal
    };
    let rules = PluralRules::try_new(cldr_locale(langid)?.into(), kind.into()).ok()?;
    let mut required = BTreeSet::new();
    let mut numbers: BTreeMap<Category, Vec<String>> = BTreeMap::new();
    for n in 0u64..=1000 {
        let category = from_cldr(rules.category_for(n));
        required.insert(category);
        let list = numbers.entry(category).or_default();
        if list.len() < 4 {
            list.push(n.to_string());
        }
    }
    // Fractions and millions: the French, Italian, Spanish, Portuguese and
    // Catalan `many` of "1 000 000 de …" is reached only here.
    let mut optional = BTreeSet::new();
    let extra = [
        "0.5",
        "1.5",
        "2.5",
        "0.1",
        "1.1",
        "2.1",
        "5.5",
        "10.5",
        "1000000",
        "2000000",
        "1000000000",
    ];
    for n in extra {
        let decimal: fixed_decimal::Decimal = n.parse().ok()?;
        let category = from_cldr(rules.category_for(PluralOperands::from(&decimal)));
        if !required.contains(&category) {
            optional.insert(category);
            numbers.entry(category).or_default().push(n.to_string());
        }
    }
    let examples = numbers
        .into_iter()
        .map(|(category, list)| {
            let shown = list.join(", ");
            let text = if required.contains(&category) && list.len() == 4 {
                format!("{shown}…")
            } else {
                shown
            };
            (category, text)
        })
        .collect();
    Some(Plurals {
        required,
        optional,
        examples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories(tag: &str) -> (Vec<&'static str>, Vec<&'static str>) {
        let plurals = sample(&tag.parse().unwrap(), false).unwrap();
        (
            plurals.required.iter().map(|c| name(*c)).collect(),
            plurals.optional.iter().map(|c| name(*c)).collect(),
        )
    }

    #[test]
    fn required_and_optional_categories() {
        assert_eq!(categories("en"), (vec!["one", "other"], vec![]));
        assert_eq!(
            categories("pl"),
            (vec!["one", "few", "many"], vec!["other"])
        );
        assert_eq!(
            categories("cs"),
            (vec!["one", "few", "other"], vec!["many"])
        );
        assert_eq!(categories("fr"), (vec!["one", "other"], vec!["many"]));
        assert_eq!(categories("ja"), (vec!["other"], vec![]));
        assert_eq!(categories("ar").0.len(), 6);
        // Current CLDR: Hebrew has no `many` since version 42, Belarusian
        // reaches `other` only with fractions, Serbian in Latin script
        // follows Serbian.
        assert_eq!(categories("he"), (vec!["one", "two", "other"], vec![]));
        assert_eq!(
            categories("be"),
            (vec!["one", "few", "many"], vec!["other"])
        );
        assert_eq!(categories("sr-Latn"), categories("sr"));
    }

    #[test]
    fn no_rules_are_made_up_for_a_language_cldr_does_not_have() {
        for tag in ["und", "ach", "zz", "mix"] {
            assert!(sample(&tag.parse().unwrap(), false).is_none(), "{tag}");
        }
    }

    /// The languages listed as `other` only are, in ICU4X's data: the list
    /// cannot hide a language that has rules of its own.
    #[test]
    fn other_only_languages_have_only_other() {
        for tag in OTHER_ONLY {
            assert_eq!(categories(tag), (vec!["other"], vec![]), "{tag}");
        }
    }
}
