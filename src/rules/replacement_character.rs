use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::entry_patterns;

declare_rule! {
    /// ## What it does
    /// Reports U+FFFD (`�`), the replacement character, in the text of a
    /// message or term of a file that is valid UTF-8: what a lossy
    /// re-encoding leaves where a character was lost. (A file that is not
    /// valid UTF-8 is a `syntax-error`, reported once.)
    ///
    /// ## Why is this bad?
    /// The customer reads "Vielen Dank f�r Ihre Bestellung". The character
    /// is gone from the file; only the reference or the translator can say
    /// which it was. compare-locales reports it as a warning too.
    ///
    /// ## Example
    /// ```ftl
    /// thanks = Vielen Dank f�r Ihre Bestellung.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// thanks = Vielen Dank für Ihre Bestellung.
    /// ```
    pub struct ReplacementCharacter {
        id: "replacement-character",
        severity: Warning,
        summary: "U+FFFD (`\u{fffd}`) where a re-encoding lost a character",
    }
}

const REPLACEMENT: char = '\u{fffd}';

impl Check for ReplacementCharacter {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for file in &cx.locale.files {
            // Most files have none; a file that is not UTF-8 has its own
            // finding, and U+FFFD wherever its bytes were wrong.
            if file.source.invalid_utf8.is_some() || !file.source.text.contains(REPLACEMENT) {
                continue;
            }
            for (id, attribute, pattern) in entry_patterns(file) {
                let mut texts = Vec::new();
                texts_of(pattern, &mut texts);
                for text in texts {
                    for (at, _) in text.match_indices(REPLACEMENT) {
                        let start = file.span(text).start + at;
                        out.push(
                            RawFinding::new(
                                &Self::META,
                                file.source,
                                start..start + REPLACEMENT.len_utf8(),
                                "U+FFFD (\u{fffd}) stands where a character was lost",
                            )
                            .message_id(id.to_string())
                            .attribute(attribute)
                            .label("the customer reads this mark")
                            .help("write the character the text had; the reference shows which word it is in"),
                        );
                    }
                }
            }
        }
    }
}

/// The text of a pattern the customer reads: its text elements and string
/// literals, in every variant.
fn texts_of<'s>(pattern: &Pattern<&'s str>, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push(value),
            PatternElement::Placeable { expression } => expression_texts(expression, out),
        }
    }
}

fn expression_texts<'s>(expression: &Expression<&'s str>, out: &mut Vec<&'s str>) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                texts_of(&variant.value, out);
            }
        }
        Expression::Inline(InlineExpression::StringLiteral { value }) => out.push(value),
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_texts(expression, out)
        }
        Expression::Inline(_) => {}
    }
}
