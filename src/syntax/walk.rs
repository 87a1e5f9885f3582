//! The small walkers over Fluent's AST that the rules and the analysis
//! share: references, variables, selects, patterns, attributes.

use fluent_syntax::ast::{
    Attribute, CallArguments, Comment, Entry, Expression, InlineExpression, Message, Pattern,
    PatternElement, VariantKey,
};

use super::parse::{EntryId, EntryKind, ParsedFile};

/// What a rule may want from an expression: its kind and the slice that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference<'s> {
    /// `$name`; the slice is `name`.
    Variable(&'s str),
    /// `message` or `message.attribute`.
    Message(&'s str, Option<&'s str>),
    /// `-term` or `-term.attribute`; the slice is `term`, without the dash.
    Term(&'s str, Option<&'s str>),
    /// `FUNCTION(…)`.
    Function(&'s str),
}

/// Calls `visit` for every reference in `pattern`, selectors and call
/// arguments included, in source order.
pub fn visit_references<'s>(pattern: &Pattern<&'s str>, visit: &mut impl FnMut(Reference<'s>)) {
    visit_pattern(pattern, false, &mut |reference, _| visit(reference));
}

/// Like [`visit_references`], and tells whether the reference is (inside) a
/// select's selector rather than shown in the text.
pub fn visit_references_in_context<'s>(
    pattern: &Pattern<&'s str>,
    visit: &mut impl FnMut(Reference<'s>, bool),
) {
    visit_pattern(pattern, false, visit);
}

fn visit_pattern<'s>(
    pattern: &Pattern<&'s str>,
    selector: bool,
    visit: &mut impl FnMut(Reference<'s>, bool),
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            visit_expression(expression, selector, visit);
        }
    }
}

fn visit_expression<'s>(
    expression: &Expression<&'s str>,
    selector: bool,
    visit: &mut impl FnMut(Reference<'s>, bool),
) {
    match expression {
        Expression::Inline(inline) => visit_inline(inline, selector, visit),
        Expression::Select {
            selector: head,
            variants,
        } => {
            visit_inline(head, true, visit);
            for variant in variants {
                visit_pattern(&variant.value, selector, visit);
            }
        }
    }
}

fn visit_inline<'s>(
    inline: &InlineExpression<&'s str>,
    selector: bool,
    visit: &mut impl FnMut(Reference<'s>, bool),
) {
    match inline {
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        InlineExpression::VariableReference { id } => visit(Reference::Variable(id.name), selector),
        InlineExpression::MessageReference { id, attribute } => visit(
            Reference::Message(id.name, attribute.as_ref().map(|a| a.name)),
            selector,
        ),
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            visit(
                Reference::Term(id.name, attribute.as_ref().map(|a| a.name)),
                selector,
            );
            if let Some(arguments) = arguments {
                visit_arguments(arguments, selector, visit);
            }
        }
        InlineExpression::FunctionReference { id, arguments } => {
            visit(Reference::Function(id.name), selector);
            visit_arguments(arguments, selector, visit);
        }
        InlineExpression::Placeable { expression } => visit_expression(expression, selector, visit),
    }
}

fn visit_arguments<'s>(
    arguments: &CallArguments<&'s str>,
    selector: bool,
    visit: &mut impl FnMut(Reference<'s>, bool),
) {
    for positional in &arguments.positional {
        visit_inline(positional, selector, visit);
    }
    for named in &arguments.named {
        visit_inline(&named.value, selector, visit);
    }
}

/// Every select expression in `pattern`, nested ones included, in source order.
pub fn visit_selects<'s>(
    pattern: &Pattern<&'s str>,
    visit: &mut impl FnMut(&InlineExpression<&'s str>, &[fluent_syntax::ast::Variant<&'s str>]),
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            visit_selects_in(expression, visit);
        }
    }
}

fn visit_selects_in<'s>(
    expression: &Expression<&'s str>,
    visit: &mut impl FnMut(&InlineExpression<&'s str>, &[fluent_syntax::ast::Variant<&'s str>]),
) {
    match expression {
        Expression::Select { selector, variants } => {
            visit(selector, variants);
            for variant in variants {
                visit_selects(&variant.value, visit);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            visit_selects_in(expression, visit)
        }
        Expression::Inline(_) => {}
    }
}

/// The attribute `name` of a message or term, as Fluent finds it: the first
/// of that name.
pub fn attribute<'m, 's>(
    attributes: &'m [Attribute<&'s str>],
    name: &str,
) -> Option<&'m Attribute<&'s str>> {
    attributes.iter().find(|a| a.id.name == name)
}

/// The name of a variant key: an identifier or a number literal, as written.
pub fn key_name<'s>(key: &VariantKey<&'s str>) -> &'s str {
    match key {
        VariantKey::Identifier { name } => name,
        VariantKey::NumberLiteral { value } => value,
    }
}

/// A message's patterns: its value (attribute `None`) and its attributes.
pub fn patterns<'m, 's>(
    message: &'m Message<&'s str>,
) -> impl Iterator<Item = (Option<&'m Attribute<&'s str>>, &'m Pattern<&'s str>)> {
    message
        .value
        .iter()
        .map(|value| (None, value))
        .chain(message.attributes.iter().map(|a| (Some(a), &a.value)))
}

/// The lines of a comment, `# ` stripped by the parser.
pub fn comment_lines<'c, 's: 'c>(
    comment: Option<&'c Comment<&'s str>>,
) -> impl Iterator<Item = &'s str> + 'c {
    comment.into_iter().flat_map(|c| c.content.iter().copied())
}

/// Every pattern of a file's messages and terms: `(id, attribute, pattern)`.
pub fn entry_patterns<'f, 's>(
    file: &'f ParsedFile<'s>,
) -> impl Iterator<Item = (EntryId<'s>, Option<&'s str>, &'f Pattern<&'s str>)> {
    file.resource.body.iter().flat_map(|entry| {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (
                EntryId {
                    kind: EntryKind::Message,
                    name: m.id.name,
                },
                m.value.as_ref(),
                m.attributes.as_slice(),
            ),
            Entry::Term(t) => (
                EntryId {
                    kind: EntryKind::Term,
                    name: t.id.name,
                },
                Some(&t.value),
                t.attributes.as_slice(),
            ),
            _ => (
                EntryId {
                    kind: EntryKind::Message,
                    name: "",
                },
                None,
                &[][..],
            ),
        };
        value.map(move |v| (id, None, v)).into_iter().chain(
            attributes
                .iter()
                .map(move |a| (id, Some(a.id.name), &a.value)),
        )
    })
}
