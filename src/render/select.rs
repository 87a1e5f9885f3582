//! Variant selection as fluent.js does it, in a fluent-bundle: the text a
//! bundle of the `fluent-js` runtime parses has each select's selector
//! wrapped in `ETIQUETTE_SELECT(…, keys: "…")` and its number keys written
//! as names, so that the function ([`super::js::select`]) chooses the key
//! fluent.js would (a number key equal to the value, or the plural
//! category of the formatted value, in the variants' order). fluent-bundle
//! compares options and raw values instead, and its plural data is old.
//!
//! With isolation on, fluent.js isolates every placeable of a pattern of
//! more than one element; fluent-bundle leaves out message and term
//! references and string literals. Those are wrapped in
//! `ETIQUETTE_ISOLATE(…, shown: "{name}")`, a call, which fluent-bundle
//! isolates, and which writes what fluent.js writes when the reference
//! does not resolve.
//!
//! Only the bundle's copy changes: every finding and fault is still placed
//! in the file as written, from etiquette's own parse.

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, Resource, VariantKey,
};

use super::js::{NUMBER_KEY, SHOWN};

/// The name the selector function is registered under.
pub(super) const FUNCTION: &str = "ETIQUETTE_SELECT";
/// The name of the function that makes a reference isolated.
pub(super) const ISOLATE: &str = "ETIQUETTE_ISOLATE";

/// An edit of the text: the bytes `at..end` become `text`.
struct Edit {
    at: usize,
    end: usize,
    text: String,
}

/// `body` with every select of `resource` (its parse) rewritten, and with
/// `isolate` every reference fluent.js would isolate; `None` when there is
/// nothing to rewrite.
pub(super) fn rewrite(body: &str, resource: &Resource<&str>, isolate: bool) -> Option<String> {
    let mut edits = Vec::new();
    for entry in &resource.body {
        let patterns: Vec<&Pattern<&str>> = match entry {
            Entry::Message(message) => message
                .value
                .iter()
                .chain(message.attributes.iter().map(|a| &a.value))
                .collect(),
            Entry::Term(term) => std::iter::once(&term.value)
                .chain(term.attributes.iter().map(|a| &a.value))
                .collect(),
            _ => continue,
        };
        for pattern in patterns {
            visit_pattern(body, pattern, isolate, &mut edits);
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.at, e.end));
    let mut text = String::with_capacity(body.len() + 64 * edits.len());
    let mut at = 0;
    for edit in edits {
        if edit.at < at {
            // Overlapping edits cannot come from one parse; keep the text.
            return None;
        }
        text.push_str(&body[at..edit.at]);
        text.push_str(&edit.text);
        at = edit.end;
    }
    text.push_str(&body[at..]);
    Some(text)
}

fn visit_pattern(body: &str, pattern: &Pattern<&str>, isolate: bool, edits: &mut Vec<Edit>) {
    let isolated = isolate && pattern.elements.len() > 1;
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            if let Expression::Inline(inline) = expression
                && isolated
            {
                wrap_reference(body, inline, edits);
            }
            visit_expression(body, expression, isolate, edits);
        }
    }
}

/// Wraps a message or term reference or a string literal in
/// [`ISOLATE`], with what fluent.js writes when it does not resolve.
fn wrap_reference(body: &str, inline: &InlineExpression<&str>, edits: &mut Vec<Edit>) {
    let Some((start, end, shown)) = reference_span(body, inline) else {
        return;
    };
    edits.push(Edit {
        at: start,
        end: start,
        text: format!("{ISOLATE}("),
    });
    edits.push(Edit {
        at: end,
        end,
        text: format!(", shown: \"{{{shown}}}\")"),
    });
}

/// Where a reference or string literal is written, and the name fluent.js
/// shows for it when it does not resolve.
fn reference_span(body: &str, inline: &InlineExpression<&str>) -> Option<(usize, usize, String)> {
    match inline {
        InlineExpression::MessageReference { id, attribute } => {
            let start = offset(body, id.name)?;
            let last = attribute.as_ref().map_or(id.name, |a| a.name);
            let end = offset(body, last)? + last.len();
            Some((start, end, reference_name("", id.name, attribute.as_ref())))
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            let start = offset(body, id.name)?.checked_sub(1)?;
            let last = attribute.as_ref().map_or(id.name, |a| a.name);
            let name_end = offset(body, last)? + last.len();
            let end = match arguments {
                Some(arguments) if has_placeable(arguments) => return None,
                Some(_) => closing_paren(body, name_end)?,
                None => name_end,
            };
            Some((start, end, reference_name("-", id.name, attribute.as_ref())))
        }
        InlineExpression::StringLiteral { value } => {
            let start = offset(body, value)?.checked_sub(1)?;
            Some((start, start + value.len() + 2, String::new()))
        }
        _ => None,
    }
}

fn visit_expression(
    body: &str,
    expression: &Expression<&str>,
    isolate: bool,
    edits: &mut Vec<Edit>,
) {
    match expression {
        Expression::Inline(inline) => visit_inline(body, inline, isolate, edits),
        Expression::Select { selector, variants } => {
            visit_inline(body, selector, isolate, edits);
            for variant in variants {
                visit_pattern(body, &variant.value, isolate, edits);
            }
            if let Some((start, end)) = selector_span(body, selector) {
                let mut keys = Vec::new();
                for variant in variants {
                    match &variant.key {
                        VariantKey::Identifier { name } => keys.push((*name).to_owned()),
                        VariantKey::NumberLiteral { value } => {
                            let name = format!("{NUMBER_KEY}{}", value.replace('.', "_"));
                            if let Some(at) = offset(body, value) {
                                edits.push(Edit {
                                    at,
                                    end: at + value.len(),
                                    text: name.clone(),
                                });
                            }
                            keys.push(name);
                        }
                    }
                }
                edits.push(Edit {
                    at: start,
                    end: start,
                    text: format!("{FUNCTION}("),
                });
                edits.push(Edit {
                    at: end,
                    end,
                    text: format!(", keys: \"{}\")", keys.join(" ")),
                });
            }
        }
    }
}

fn visit_inline(body: &str, inline: &InlineExpression<&str>, isolate: bool, edits: &mut Vec<Edit>) {
    match inline {
        InlineExpression::Placeable { expression } => {
            visit_expression(body, expression, isolate, edits);
        }
        InlineExpression::FunctionReference { id, arguments } => {
            name_the_variable(body, id.name, arguments, edits);
            for argument in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                visit_inline(body, argument, isolate, edits);
            }
        }
        _ => {}
    }
}

/// Gives a `NUMBER` or `DATETIME` call on a variable the variable's name
/// as [`SHOWN`]: fluent.js writes `{NUMBER($n)}` when `$n` is missing, and
/// fluent-bundle tells the function only that its argument is missing.
fn name_the_variable(
    body: &str,
    function: &str,
    arguments: &fluent_syntax::ast::CallArguments<&str>,
    edits: &mut Vec<Edit>,
) {
    let Some(InlineExpression::VariableReference { id: variable }) = arguments.positional.first()
    else {
        return;
    };
    if !matches!(function, "NUMBER" | "DATETIME") || has_placeable(arguments) {
        return;
    }
    let Some(end) = offset(body, function)
        .and_then(|at| closing_paren(body, at + function.len()))
        .map(|end| end - 1)
    else {
        return;
    };
    // A trailing comma is allowed in the arguments.
    let separator = match body[..end].trim_end().ends_with(',') {
        true => "",
        false => ", ",
    };
    edits.push(Edit {
        at: end,
        end,
        text: format!("{separator}{SHOWN}: \"${}\"", variable.name),
    });
}

/// Where a selector that may be a number is written: a variable, a
/// function call, a number literal. Other selectors (text, a term's
/// attribute) select by their text in both runtimes.
fn selector_span(body: &str, selector: &InlineExpression<&str>) -> Option<(usize, usize)> {
    match selector {
        InlineExpression::VariableReference { id } => {
            let at = offset(body, id.name)?;
            (at > 0 && body.as_bytes()[at - 1] == b'$').then_some((at - 1, at + id.name.len()))
        }
        InlineExpression::NumberLiteral { value } => {
            let at = offset(body, value)?;
            Some((at, at + value.len()))
        }
        // A placeable in the arguments may hold any text, parentheses
        // included: where the call ends is not looked for.
        InlineExpression::FunctionReference { arguments, .. } if has_placeable(arguments) => None,
        InlineExpression::FunctionReference { id, .. } => {
            let at = offset(body, id.name)?;
            Some((at, closing_paren(body, at + id.name.len())?))
        }
        _ => None,
    }
}

/// `{name}` or `{-name.attribute}`, as fluent.js writes a reference that
/// does not resolve (from the parse: the source may break the line).
fn reference_name(
    dash: &str,
    name: &str,
    attribute: Option<&fluent_syntax::ast::Identifier<&str>>,
) -> String {
    match attribute {
        Some(attribute) => format!("{dash}{name}.{}", attribute.name),
        None => format!("{dash}{name}"),
    }
}

/// Whether a call's arguments hold a placeable (`F({ $x -> … })`).
fn has_placeable(arguments: &fluent_syntax::ast::CallArguments<&str>) -> bool {
    arguments
        .positional
        .iter()
        .chain(arguments.named.iter().map(|n| &n.value))
        .any(|argument| matches!(argument, InlineExpression::Placeable { .. }))
}

/// Whether `message` has a named argument whose value is not a string or
/// a number (`NUMBER($n, useGrouping: false)`: `false` reads as a message
/// reference). fluent-syntax takes it; fluent.js, as the Fluent syntax
/// says, drops the whole message as broken.
pub(super) fn has_bad_named_argument(message: &fluent_syntax::ast::Message<&str>) -> bool {
    fn in_pattern(pattern: &Pattern<&str>) -> bool {
        pattern.elements.iter().any(|element| match element {
            PatternElement::Placeable { expression } => in_expression(expression),
            PatternElement::TextElement { .. } => false,
        })
    }
    fn in_expression(expression: &Expression<&str>) -> bool {
        match expression {
            Expression::Inline(inline) => in_inline(inline),
            Expression::Select { selector, variants } => {
                in_inline(selector) || variants.iter().any(|v| in_pattern(&v.value))
            }
        }
    }
    fn in_inline(inline: &InlineExpression<&str>) -> bool {
        let arguments = match inline {
            InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
            InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
            InlineExpression::Placeable { expression } => return in_expression(expression),
            _ => None,
        };
        arguments.is_some_and(|arguments| {
            arguments.named.iter().any(|named| {
                !matches!(
                    named.value,
                    InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. }
                )
            }) || arguments.positional.iter().any(in_inline)
        })
    }
    message
        .value
        .iter()
        .chain(message.attributes.iter().map(|a| &a.value))
        .any(in_pattern)
}

/// The byte after the `)` that closes the call whose name ends at `from`.
fn closing_paren(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where the slice `part` of `body` starts.
fn offset(body: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(body.as_ptr() as usize)?;
    (at + part.len() <= body.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(body: &str) -> Option<String> {
        let resource = match fluent_syntax::parser::parse(body) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        rewrite(body, &resource, false)
    }

    #[test]
    fn selectors_are_wrapped_and_number_keys_named() {
        let body = "a = { NUMBER($n, maximumFractionDigits: 0) ->\n    [1.0] exact\n    [one] one\n   *[other] other\n}\n";
        assert_eq!(
            rewritten(body).unwrap(),
            "a = { ETIQUETTE_SELECT(NUMBER($n, maximumFractionDigits: 0, etiquetteShown: \"$n\"), keys: \"etiquette-n1_0 one other\") ->\n    [etiquette-n1_0] exact\n    [one] one\n   *[other] other\n}\n"
        );
        let nested = "b = { $a ->\n   *[x] { $b ->\n       *[-2.5] y\n    }\n}\n";
        assert_eq!(
            rewritten(nested).unwrap(),
            "b = { ETIQUETTE_SELECT($a, keys: \"x\") ->\n   *[x] { ETIQUETTE_SELECT($b, keys: \"etiquette-n-2_5\") ->\n       *[etiquette-n-2_5] y\n    }\n}\n"
        );
    }

    #[test]
    fn with_isolation_references_and_literals_are_wrapped() {
        let body = "a = Hi { b.c } { -t(x: \"(\") } { \"l\" } { $v }\nb = { -t }\n";
        let resource = match fluent_syntax::parser::parse(body) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        assert_eq!(
            rewrite(body, &resource, true).unwrap(),
            "a = Hi { ETIQUETTE_ISOLATE(b.c, shown: \"{b.c}\") } { ETIQUETTE_ISOLATE(-t(x: \"(\"), shown: \"{-t}\") } { ETIQUETTE_ISOLATE(\"l\", shown: \"{}\") } { $v }\nb = { -t }\n"
        );
    }

    #[test]
    fn a_reference_over_two_lines_and_a_placeable_argument_stay_valid() {
        for body in [
            "a = x { b\r\n    .c } y\n",
            "a = { FN({ $v ->\n   *[a] \")\"\n}) ->\n   *[k] v\n}\n",
        ] {
            let resource = match fluent_syntax::parser::parse(body) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            if let Some(text) = rewrite(body, &resource, true) {
                // The name fluent.js shows comes from the parse, on one line.
                assert!(!text.contains("{b\r"), "{text}");
                assert!(!text.contains("ETIQUETTE_SELECT(FN"), "{text}");
                assert!(
                    fluent_syntax::parser::parse(text.as_str()).is_ok(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn number_and_datetime_calls_on_a_variable_are_told_its_name() {
        assert_eq!(
            rewritten("a = { NUMBER($n) } { DATETIME($d, era: \"short\",) } { F($x) }\n").unwrap(),
            "a = { NUMBER($n, etiquetteShown: \"$n\") } { DATETIME($d, era: \"short\",etiquetteShown: \"$d\") } { F($x) }\n"
        );
        assert_eq!(rewritten("a = { NUMBER(1) }\n"), None);
    }

    #[test]
    fn text_selectors_and_plain_messages_are_left_alone() {
        assert_eq!(rewritten("a = { -brand.gender ->\n   *[f] x\n}\n"), None);
        assert_eq!(rewritten("a = { $n } b\n"), None);
        assert_eq!(
            rewritten("a = { F(\"(\", $x) ->\n   *[k] v\n}\n").unwrap(),
            "a = { ETIQUETTE_SELECT(F(\"(\", $x), keys: \"k\") ->\n   *[k] v\n}\n"
        );
    }
}
