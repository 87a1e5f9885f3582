//! Messages fluent-bundle 0.16 cannot format without panicking, known
//! before it is asked to.
//!
//! Fluent stops expanding after 100 placeables in one formatting, and then
//! writes the placeable it was in as `{name}`. For a placeable that is
//! itself a placeable (`{ { -brand } }`), or a select on a literal or a
//! placeable (`{ "a" -> … }`), it has no name to write and reaches an
//! `unreachable!()`: a release build aborts. Such a message is reported,
//! not formatted.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::project::locale::LocaleModel;

/// Fluent's limit of placeables in one formatting (`MAX_PLACEABLES`).
const MAX_PLACEABLES: usize = 100;

/// What formatting a pattern may reach: at most `placeables` placeables,
/// and whether one of them has no name Fluent can write.
#[derive(Clone, Copy, Default)]
struct Reach {
    placeables: usize,
    unnamed: bool,
}

impl Reach {
    fn add(self, other: Reach) -> Reach {
        Reach {
            placeables: self.placeables.saturating_add(other.placeables),
            unnamed: self.unnamed || other.unnamed,
        }
    }

    /// The larger of two alternatives (one variant of a select is formatted).
    fn either(self, other: Reach) -> Reach {
        Reach {
            placeables: self.placeables.max(other.placeables),
            unnamed: self.unnamed || other.unnamed,
        }
    }
}

/// Whether formatting `pattern` may make fluent-bundle panic: it may pass
/// Fluent's placeable limit, and reaches a placeable Fluent cannot name.
pub(super) fn panics_fluent(model: &LocaleModel<'_>, pattern: &Pattern<&str>) -> bool {
    let reach = Walk {
        model,
        known: Default::default(),
    }
    .pattern(pattern, 0);
    reach.unnamed && reach.placeables > MAX_PLACEABLES
}

/// A walk that follows message and term references. Each pattern is
/// walked once: a pattern that many variants or messages place (a chain
/// of selects whose every variant places the next) costs no more.
struct Walk<'m, 's> {
    model: &'m LocaleModel<'s>,
    /// What each pattern reaches, once known; while it is walked, nothing
    /// (a cycle is where Fluent stops too).
    known: rustc_hash::FxHashMap<*const Pattern<&'s str>, Reach>,
}

impl<'m, 's> Walk<'m, 's> {
    /// What formatting `pattern` reaches, `depth` references down.
    fn pattern(&mut self, pattern: &Pattern<&'s str>, depth: usize) -> Reach {
        // Each reference is a placeable: a path this deep passes the limit.
        if depth > MAX_PLACEABLES {
            return Reach {
                placeables: MAX_PLACEABLES + 1,
                unnamed: false,
            };
        }
        let key: *const Pattern<&'s str> = pattern;
        if let Some(&known) = self.known.get(&key) {
            return known;
        }
        self.known.insert(key, Reach::default());
        let mut reach = Reach::default();
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                let own = Reach {
                    placeables: 1,
                    unnamed: unnamed(expression),
                };
                reach = reach.add(own).add(self.expression(expression, depth));
            }
        }
        self.known.insert(key, reach);
        reach
    }

    fn expression(&mut self, expression: &Expression<&'s str>, depth: usize) -> Reach {
        match expression {
            Expression::Inline(inline) => self.inline(inline, depth),
            Expression::Select { selector, variants } => {
                let chosen = variants
                    .iter()
                    .map(|variant| self.pattern(&variant.value, depth))
                    .fold(Reach::default(), Reach::either);
                self.inline(selector, depth).add(chosen)
            }
        }
    }

    fn inline(&mut self, inline: &InlineExpression<&'s str>, depth: usize) -> Reach {
        match inline {
            InlineExpression::StringLiteral { .. }
            | InlineExpression::NumberLiteral { .. }
            | InlineExpression::VariableReference { .. } => Reach::default(),
            InlineExpression::MessageReference { id, attribute } => self
                .model
                .message_pattern(id.name, attribute.as_ref().map(|a| a.name))
                .map_or_else(Reach::default, |target| self.pattern(target, depth + 1)),
            InlineExpression::TermReference { id, attribute, .. } => self
                .model
                .term_pattern(id.name, attribute.as_ref().map(|a| a.name))
                .map_or_else(Reach::default, |target| self.pattern(target, depth + 1)),
            InlineExpression::FunctionReference { arguments, .. } => arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
                .fold(Reach::default(), |reach, argument| {
                    reach.add(self.inline(argument, depth))
                }),
            InlineExpression::Placeable { expression } => self.expression(expression, depth),
        }
    }
}

/// Whether Fluent has no name to write for this placeable: a placeable in
/// a placeable, or a select on one or on a literal. (A literal alone is
/// written before any limit can be passed.)
fn unnamed(expression: &Expression<&str>) -> bool {
    match expression {
        Expression::Inline(inline) => matches!(inline, InlineExpression::Placeable { .. }),
        Expression::Select { selector, .. } => matches!(
            selector,
            InlineExpression::Placeable { .. }
                | InlineExpression::StringLiteral { .. }
                | InlineExpression::NumberLiteral { .. }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panics(source: &str) -> bool {
        let dir = crate::project::LocaleDir {
            name: "en".into(),
            langid: "en".parse().unwrap(),
            path: "en".into(),
            scope: Default::default(),
        };
        let files = [crate::syntax::SourceFile::new("a.ftl", source.to_owned())];
        let model = LocaleModel::new(&dir, &files);
        let pattern = model.message_pattern("a", None).unwrap();
        panics_fluent(&model, pattern)
    }

    fn repeat(n: usize) -> String {
        "{ c }".repeat(n)
    }

    #[test]
    fn a_nested_placeable_past_the_limit_panics() {
        assert!(panics(&format!(
            "b = {}\nc = x\na = {{ {{ b }} }}\n",
            repeat(101)
        )));
        assert!(panics(&format!(
            "c = x\na = {{ \"k\" ->\n *[k] {}\n}}\n",
            repeat(101)
        )));
    }

    #[test]
    fn a_pattern_placed_by_every_variant_is_walked_once() {
        // Forty levels of ten variants that each place the next level:
        // 10^40 paths, forty patterns.
        let mut source = String::from("m40 = x\n");
        for level in (0..40).rev() {
            let variants: String = (0..10)
                .map(|v| format!("    [v{v}] {{ m{} }}\n", level + 1))
                .collect();
            source += &format!("m{level} = {{ $n ->\n{variants}   *[o] o\n}}\n");
        }
        source += "a = { { m0 } }\n";
        assert!(!panics(&source));
        let deep: String = (0..150)
            .map(|i| format!("d{i} = {{ d{} }}\n", i + 1))
            .collect();
        assert!(panics(&format!("{deep}a = {{ {{ d0 }} }}\n")));
    }

    #[test]
    fn within_the_limit_or_with_names_it_does_not() {
        assert!(!panics(&format!(
            "b = {}\nc = x\na = {{ {{ b }} }}\n",
            repeat(98)
        )));
        assert!(!panics(&format!(
            "b = {}\nc = x\na = {{ b }} {{ \"k\" }}\n",
            repeat(101)
        )));
        assert!(!panics("a = { a } { { a } }\n"));
    }
}
