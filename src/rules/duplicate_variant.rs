use fluent_syntax::ast::{Variant, VariantKey};

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::{entry_patterns, visit_selects};

declare_rule! {
    /// ## What it does
    /// Reports a variant of a select whose key an earlier variant of the same
    /// select already has: `{ $n -> *[one] … [one] … }`, in messages, terms
    /// and attributes, nested selects included.
    ///
    /// ## Why is this bad?
    /// Fluent selects the first variant with a key; the second is never
    /// shown. It is usually a plural category typed twice, so one of the
    /// forms the language needs is missing. compare-locales reports it as a
    /// warning too.
    ///
    /// ## Example
    /// ```ftl
    /// items = { $count ->
    ///    *[one] { $count } Artikel
    ///     [one] { $count } Artikel
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// items = { $count ->
    ///     [one] { $count } Artikel
    ///    *[other] { $count } Artikel
    /// }
    /// ```
    pub struct DuplicateVariant {
        id: "duplicate-variant",
        severity: Warning,
        summary: "a select has two variants with the same key; the second is never shown",
    }
}

impl Check for DuplicateVariant {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for file in &cx.locale.files {
            for (id, attribute, pattern) in entry_patterns(file) {
                visit_selects(pattern, &mut |_, variants| {
                    for (key, first) in repeated_keys(variants) {
                        let line = file.source.line_col(file.span(first).start).line;
                        out.push(
                            RawFinding::new(
                                &Self::META,
                                file.source,
                                file.span(key),
                                format!("the variant `[{key}]` is already defined at line {line}"),
                            )
                            .message_id(id.to_string())
                            .attribute(attribute)
                            .label("Fluent never selects this variant")
                            .help(help(variants)),
                        );
                    }
                });
            }
        }
    }
}

/// The text of a variant's key.
fn key<'s>(variant: &Variant<&'s str>) -> &'s str {
    match variant.key {
        VariantKey::Identifier { name } => name,
        VariantKey::NumberLiteral { value } => value,
    }
}

/// Each key that repeats an earlier one of the select, with that earlier
/// one. Selects have few variants; a long one is looked through by hash.
fn repeated_keys<'s>(variants: &[Variant<&'s str>]) -> Vec<(&'s str, &'s str)> {
    let mut first: crate::syntax::TextMap<&str, &'s str> = Default::default();
    let mut repeated = Vec::new();
    for variant in variants {
        let key = key(variant);
        match first.get(key) {
            Some(&earlier) => repeated.push((key, earlier)),
            None => {
                first.insert(key, key);
            }
        }
    }
    repeated
}

/// Keep one variant of each key; name the default's key when it repeats,
/// since the `*` makes it the one for numbers no key matches.
fn help(variants: &[Variant<&str>]) -> String {
    match variants.iter().find(|v| v.default) {
        Some(default) => format!(
            "give each variant a key of its own, or remove the repeat; the default is `*[{}]`",
            key(default)
        ),
        None => "give each variant a key of its own, or remove the repeat".to_owned(),
    }
}
