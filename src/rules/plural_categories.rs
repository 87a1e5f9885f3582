use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use fluent_syntax::ast::{InlineExpression, VariantKey};
use intl_pluralrules::{PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::entry_patterns;
use crate::syntax::visit_selects;

declare_rule! {
    /// ## What it does
    /// Checks each numeric select (`{ $count -> … }` or `{ NUMBER($n) -> … }`
    /// whose variants use a CLDR plural category) against the plural rules of
    /// the locale, from `intl_pluralrules`: a category the locale's whole
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
                    let select = NumberSelect {
                        // `$count` with its dollar sign.
                        span: match selector {
                            InlineExpression::VariableReference { .. } => span.start - 1..span.end,
                            _ => span,
                        },
                        kind: if ordinal { "ordinal" } else { "plural" },
                        keys,
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
            // Numbers of a missing `other` fall to the default variant, which
            // is the `other` form wherever it is not written as a key.
            .filter(|c| !present.contains(c) && **c != Category::Other)
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

fn from_cldr(category: &intl_pluralrules::PluralCategory) -> Category {
    use intl_pluralrules::PluralCategory as C;
    match category {
        C::ZERO => Category::Zero,
        C::ONE => Category::One,
        C::TWO => Category::Two,
        C::FEW => Category::Few,
        C::MANY => Category::Many,
        C::OTHER => Category::Other,
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

/// Languages whose `many` recent CLDR versions reach only with millions or
/// compact numbers ("1,2 M"); `intl_pluralrules` predates it.
const COMPACT_MANY: &[&str] = &["fr", "it", "es", "pt", "ca"];

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

fn sample(langid: &LanguageIdentifier, ordinal: bool) -> Option<Plurals> {
    let kind = if ordinal {
        PluralRuleType::ORDINAL
    } else {
        PluralRuleType::CARDINAL
    };
    let rules = PluralRules::create(langid.clone(), kind).ok()?;
    let mut required = BTreeSet::new();
    let mut numbers: BTreeMap<Category, Vec<String>> = BTreeMap::new();
    for n in 0u64..=1000 {
        let category = from_cldr(&rules.select(n).ok()?);
        required.insert(category);
        let list = numbers.entry(category).or_default();
        if list.len() < 4 {
            list.push(n.to_string());
        }
    }
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
        let category = from_cldr(&rules.select(n).ok()?);
        if !required.contains(&category) {
            optional.insert(category);
            numbers.entry(category).or_default().push(n.to_string());
        }
    }
    if !ordinal && COMPACT_MANY.contains(&langid.language.as_str()) {
        optional.insert(Category::Many);
        numbers
            .entry(Category::Many)
            .or_default()
            .push("1000000".into());
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
    }
}
