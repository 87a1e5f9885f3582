//! How long a message may render, known before Fluent formats it.

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::project::locale::LocaleModel;

/// The longest text one message or attribute may render to: a real one is
/// a few kilobytes, and a message that places a long one a hundred times
/// would fill the memory.
pub const MAX_RENDERED_BYTES: usize = 256 << 10;

/// How far message and term references are followed: Fluent stops after a
/// hundred placeables.
const MAX_RENDER_DEPTH: usize = 100;

/// An upper bound of the bytes Fluent writes for a pattern, and builds on
/// the way (a message given to a function is formatted first), following
/// references: known before formatting, so that what would be too long is
/// never made.
pub(super) struct SizeBound<'m, 's> {
    model: &'m LocaleModel<'s>,
    /// Patterns bounded so far (or being bounded: a cycle counts nothing
    /// more, Fluent writes the reference's name).
    known: rustc_hash::FxHashMap<*const Pattern<&'s str>, usize>,
    /// The longest text a variable may be.
    variable: usize,
}

impl<'m, 's> SizeBound<'m, 's> {
    pub(super) fn new(model: &'m LocaleModel<'s>, args: &FluentArgs<'_>) -> Self {
        let variable = args
            .iter()
            .map(|(_, value)| match value {
                FluentValue::String(text) => text.len(),
                _ => 64,
            })
            .max()
            .unwrap_or(0)
            .max(64);
        SizeBound {
            model,
            known: Default::default(),
            variable,
        }
    }

    pub(super) fn pattern(&mut self, pattern: &'m Pattern<&'s str>, depth: usize) -> usize {
        if depth > MAX_RENDER_DEPTH {
            return 0;
        }
        let key: *const Pattern<&'s str> = pattern;
        if let Some(&known) = self.known.get(&key) {
            return known;
        }
        self.known.insert(key, 0);
        let mut total = 0usize;
        for element in &pattern.elements {
            total = total.saturating_add(match element {
                PatternElement::TextElement { value } => value.len(),
                PatternElement::Placeable { expression } => self.expression(expression, depth),
            });
        }
        self.known.insert(key, total);
        total
    }

    fn expression(&mut self, expression: &'m Expression<&'s str>, depth: usize) -> usize {
        match expression {
            Expression::Inline(inline) => self.inline(inline, depth),
            Expression::Select { selector, variants } => variants
                .iter()
                .map(|v| self.pattern(&v.value, depth))
                .max()
                .unwrap_or(0)
                .saturating_add(self.inline(selector, depth)),
        }
    }

    fn inline(&mut self, inline: &'m InlineExpression<&'s str>, depth: usize) -> usize {
        // What Fluent writes for what it cannot resolve: `{name}`.
        let named = 64;
        match inline {
            InlineExpression::StringLiteral { value }
            | InlineExpression::NumberLiteral { value } => value.len() + named,
            InlineExpression::VariableReference { .. } => self.variable + named,
            InlineExpression::MessageReference { id, attribute } => self
                .model
                .message_pattern(id.name, attribute.as_ref().map(|a| a.name))
                .map_or(named, |target| self.pattern(target, depth + 1)),
            InlineExpression::TermReference { id, attribute, .. } => self
                .model
                .term_pattern(id.name, attribute.as_ref().map(|a| a.name))
                .map_or(named, |target| self.pattern(target, depth + 1)),
            InlineExpression::FunctionReference { arguments, .. } => arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
                .fold(named, |sum, argument| {
                    sum.saturating_add(self.inline(argument, depth))
                }),
            InlineExpression::Placeable { expression } => self.expression(expression, depth),
        }
    }
}
