//! Looks at a pattern's pieces that tell, without writing it out, whether
//! the prose a [`Writer`] writes of it may hold a word of a set: most
//! patterns hold none of the words a rule starts at, and need not be
//! written, tokenized and read.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

#[cfg(doc)]
use crate::analysis::prose::Writer;
use crate::analysis::prose::{Budget, MAX_EXPANSIONS, reference_target};
use crate::project::locale::{LocaleModel, MAX_REFERENCE_DEPTH};
use crate::text::{StartWords, any_start_word_or_byte, is_word_char, masking_may_make_words};

/// Whether the prose [`Writer::all_variants`] writes of `pattern` may hold,
/// once masked, a word of `starts` (as [`crate::text::any_start_word`]
/// finds it), told from the pattern's own pieces without writing them.
pub fn may_write_word(pattern: &Pattern<&str>, starts: &impl StartWords) -> bool {
    Prefilter::new(None, starts, false, None).pattern(pattern, 0)
}

/// Whether the prose [`Writer::on_choice`] writes of `pattern`, on any choice of variants,
/// may hold once masked a word of `starts` or end with a comma, told
/// from the pieces of the pattern and of those it references without
/// writing them.
pub fn may_read_word_or_comma<'a, 's>(
    locale: &'a LocaleModel<'s>,
    pattern: &'a Pattern<&'s str>,
    starts: &impl StartWords,
    budget: &Budget,
) -> bool {
    Prefilter::new(Some(locale), starts, true, Some(budget)).pattern(pattern, 0)
}

/// A look at the pieces a [`Writer`] writes: text elements and string
/// literals as they are, anything else a placeholder (no word character).
/// A word runs across two pieces only where both meet at word characters,
/// and masking removes words unless [`masking_may_make_words`]. Whatever is
/// unsure answers yes.
struct Prefilter<'g, 'a, 's, W> {
    /// With a locale, as [`Writer::on_choice`] on every choice at once:
    /// references are followed, and the variant of a select stands in line
    /// with what surrounds it. Without, as [`Writer::all_variants`]:
    /// references are placeholders and each variant a sentence of its own.
    locale: Option<&'a LocaleModel<'s>>,
    starts: &'g W,
    /// Whether a comma answers yes: masking may leave one at the end.
    commas: bool,
    /// Whether the prose so far may end with a word character.
    in_word: bool,
    /// As the writer's, against loops and beyond its budget.
    stack: Vec<*const Pattern<&'s str>>,
    expansions: usize,
    budget: Option<&'g Budget>,
}

impl<'g, 'a, 's, W: StartWords> Prefilter<'g, 'a, 's, W> {
    fn new(
        locale: Option<&'a LocaleModel<'s>>,
        starts: &'g W,
        commas: bool,
        budget: Option<&'g Budget>,
    ) -> Self {
        Prefilter {
            locale,
            starts,
            commas,
            in_word: false,
            stack: Vec::new(),
            expansions: 0,
            budget,
        }
    }

    fn pattern(&mut self, pattern: &'a Pattern<&'s str>, depth: usize) -> bool {
        pattern.elements.iter().any(|element| match element {
            PatternElement::TextElement { value } => self.text(value),
            PatternElement::Placeable { expression } => self.expression(expression, depth),
        })
    }

    fn expression(&mut self, expression: &'a Expression<&'s str>, depth: usize) -> bool {
        match expression {
            Expression::Select { variants, .. } => {
                let in_line = self.locale.is_some();
                let before = self.in_word;
                let mut after = false;
                for variant in variants {
                    self.in_word = in_line && before;
                    if self.pattern(&variant.value, depth) {
                        return true;
                    }
                    after |= self.in_word;
                }
                self.in_word = in_line && after;
                false
            }
            Expression::Inline(inline) => self.inline(inline, depth),
        }
    }

    fn inline(&mut self, inline: &'a InlineExpression<&'s str>, depth: usize) -> bool {
        match inline {
            InlineExpression::StringLiteral { value } => self.text(value),
            InlineExpression::Placeable { expression } => self.expression(expression, depth),
            InlineExpression::MessageReference { .. } | InlineExpression::TermReference { .. } => {
                let target = self
                    .locale
                    .and_then(|locale| reference_target(locale, inline))
                    .filter(|&(_, _, pattern)| {
                        depth < MAX_REFERENCE_DEPTH && !self.stack.contains(&(pattern as *const _))
                    });
                let Some((_, _, pattern)) = target else {
                    self.in_word = false;
                    return false;
                };
                // Past its budget the writer writes placeholders. Going
                // through every variant, this look may reach the budget
                // where the writer, on one choice, does not: unsure.
                if self.expansions >= MAX_EXPANSIONS
                    || self.budget.is_some_and(|budget| !budget.take(pattern))
                {
                    return true;
                }
                self.expansions += 1;
                self.stack.push(pattern as *const _);
                let found = self.pattern(pattern, depth + 1);
                self.stack.pop();
                found
            }
            _ => {
                self.in_word = false;
                false
            }
        }
    }

    fn text(&mut self, text: &str) -> bool {
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
            return false;
        };
        if self.in_word && is_word_char(first) {
            return true;
        }
        self.in_word = is_word_char(last);
        let commas = self.commas;
        any_start_word_or_byte(text, self.starts, |byte| {
            masking_may_make_words(byte) || (commas && byte == b',')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::prose::{Origins, VariantChoice, Writer, for_generated_patterns};
    use crate::text::Prose;

    /// A segment `may_read_word_or_comma` passes over has, on every choice,
    /// no word `starts` accepts and no comma at its end once written and
    /// masked, on random patterns of the pieces that join, make or hide
    /// words: references to messages and terms (a select on the term's
    /// argument among them), selects whose variant stands in line, loops.
    /// A word accepted only at three letters or more is made by joining.
    #[test]
    fn a_segment_passed_over_reads_no_word_an_address_starts_with() {
        let alphabet = [
            "ab",
            "Ab",
            "c",
            "é",
            "\u{301}",
            " ",
            ",",
            " , ",
            "9",
            "<b>",
            "&amp;",
            "{ $x }",
            "{ \"ab\" }",
            "{ \"c\" }",
            "{ -t }",
            "{ -t.a }",
            "{ -u(case: \"x\") }",
            "{ -u }",
            "{ m0 }",
            "{ m0.a }",
            "{ m1 }",
            "{ m9 }",
            "{ 5 }",
            "{ $n ->\n    [one] ab\n   *[other] c{ $y }\n }",
            "{ NUMBER($n) ->\n    [one] { -t }\n   *[other] { \"\" }\n }",
            "\n    ab",
            "\u{7f}",
            "x@ab.c",
            "{{c}}",
            "%s",
        ];
        let starts = crate::text::LongWords;
        let selectors = [("$n".to_owned(), vec!["one".to_owned(), "other".to_owned()])];
        let choices: [VariantChoice; 3] = [
            vec![None],
            vec![Some("one".into())],
            vec![Some("other".into())],
        ];
        let (mut passed, mut written) = (0, 0);
        let mut prose = Prose::new();
        let prelude = "-t = T\n    .a = ab\n-u = { $case ->\n    [x] c\n   *[y] ab\n }\n";
        for_generated_patterns(
            &alphabet,
            3,
            0x6a09_e667_f3bc_c909,
            prelude,
            |locale, id, pattern| {
                let budget = Budget::for_locale(locale);
                if may_read_word_or_comma(locale, pattern, &starts, &budget) {
                    written += 1;
                    return;
                }
                passed += 1;
                for choice in &choices {
                    prose.clear();
                    let mut origins = Origins::default();
                    Writer::on_choice(locale, &selectors, choice, &budget, &mut origins)
                        .write(&mut prose, 0, 0, pattern);
                    prose.mask();
                    assert!(
                        !crate::text::any_word(prose.text(), |w| starts.holds(w))
                            && !prose.ends_with(','),
                        "{id} on {choice:?}: {:?}",
                        prose.text()
                    );
                }
            },
        );
        // Both ways, often: the test sees joins and plain pieces.
        assert!(
            passed > 3_000 && written > 3_000,
            "{passed} passed, {written} written"
        );
    }
}
