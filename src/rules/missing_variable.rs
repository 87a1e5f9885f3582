use std::collections::BTreeMap;

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule, translated_parts};
use crate::syntax::{Reference, visit_references, visit_references_in_context};

declare_rule! {
    /// ## What it does
    /// Reports a `$variable` that the reference message shows and this
    /// locale's message never uses. Each pattern is compared on its own: the
    /// value with the value, `.title` with `.title`. A variable used as a
    /// selector counts as used in every variant, and a variable the reference
    /// only uses to select a variant (never shows) may be left out, as
    /// languages without that plural distinction do. A translation may use the
    /// variable through a message reference, which receives the same
    /// variables; what the reference pulls in through a message reference is
    /// checked at that message.
    ///
    /// ## Why is this bad?
    /// The customer gets "Wir konnten Ihre Bestellung nicht zustellen" without
    /// the order number the English email gives, and cannot tell which order
    /// is meant. compare-locales does not check variables at all.
    ///
    /// ## Example
    /// ```ftl
    /// # en: delivery-failed = We could not deliver your order { $orderId }.
    /// delivery-failed = Wir konnten Ihre Bestellung nicht zustellen.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// delivery-failed = Wir konnten Ihre Bestellung { $orderId } nicht zustellen.
    /// ```
    pub struct MissingVariable {
        id: "missing-variable",
        severity: Error,
        summary: "the reference uses a `$variable` the translation never does",
    }
}

impl Check for MissingVariable {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        translated_parts(cx, |part| {
            // What the reference shows itself is required; what it pulls in
            // through a message reference is checked at that message.
            let required = shown_variables(part.ref_pattern);
            if !required.values().any(|&shown| shown) {
                return;
            }
            let used = cx.locale.pattern_variables(part.pattern);
            for (variable, shown) in required {
                if !shown || used.contains_key(variable) {
                    continue;
                }
                let span = part
                    .file
                    .id_span(part.attribute.unwrap_or(part.message.id.name));
                let mut finding = RawFinding::new(
                    &Self::META,
                    part.file.source,
                    span,
                    format!(
                        "`${variable}` from the {} message is never used",
                        reference.name
                    ),
                )
                .message_id(part.message.id.name)
                .attribute(part.attribute)
                .subject(format!("${variable}"))
                .label(format!("`${variable}` is missing here"));
                finding = match direct_use_line(part.ref_file, part.ref_pattern, variable) {
                    Some(line) => finding.help(format!(
                        "add `{{ ${variable} }}` as {} has it: {}",
                        reference.name, line
                    )),
                    None => finding.help(format!("add `{{ ${variable} }}`")),
                };
                out.push(finding);
            }
        });
    }
}

/// The variables a pattern uses itself: `true` when shown, `false` when
/// only a selector.
fn shown_variables<'s>(pattern: &fluent_syntax::ast::Pattern<&'s str>) -> BTreeMap<&'s str, bool> {
    let mut variables: BTreeMap<&str, bool> = BTreeMap::new();
    visit_references_in_context(pattern, &mut |reference, selector| {
        if let Reference::Variable(name) = reference {
            *variables.entry(name).or_default() |= !selector;
        }
    });
    variables
}

/// The reference line where `variable` appears, to show the translator.
fn direct_use_line(
    file: &crate::syntax::ParsedFile<'_>,
    pattern: &fluent_syntax::ast::Pattern<&str>,
    variable: &str,
) -> Option<String> {
    let mut found = None;
    visit_references(pattern, &mut |reference| {
        if let Reference::Variable(name) = reference
            && name == variable
            && found.is_none()
        {
            found = Some(file.span(name).start);
        }
    });
    let line = file.source.line_col(found?).line;
    let text = file.source.line_text(line).trim();
    // A help line quotes a line, not a 10 MB one.
    const MAX_QUOTE: usize = 200;
    Some(match text.char_indices().nth(MAX_QUOTE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    })
}
