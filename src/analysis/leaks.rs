//! Text that looks like code rather than words: constants (`DHL_CONNECT`)
//! and the placeholders of other template languages (`{{name}}`, `%s`,
//! `${name}`, `$name`), found in written prose and in Fluent's own syntax.

use std::sync::OnceLock;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use regex::Regex;

use crate::syntax::ParsedFile;
use crate::text::Prose;

/// Whether `leaked` or `double_braces` could find anything in the text
/// `written` makes of `pattern`: its text and string literals have one of
/// the characters a leak needs (`&` for an entity that decodes to one), or
/// it has a placeable in a placeable.
pub fn may_leak(pattern: &Pattern<&str>) -> bool {
    fn in_expression(expression: &Expression<&str>) -> bool {
        match expression {
            Expression::Select { variants, .. } => {
                variants.iter().any(|variant| may_leak(&variant.value))
            }
            Expression::Inline(InlineExpression::StringLiteral { value }) => needs(value),
            Expression::Inline(InlineExpression::Placeable { .. }) => true,
            Expression::Inline(_) => false,
        }
    }
    fn needs(text: &str) -> bool {
        let bytes = text.as_bytes();
        memchr::memchr3(b'_', b'$', b'%', bytes).is_some()
            || memchr::memchr2(b'{', b'&', bytes).is_some()
    }
    pattern.elements.iter().any(|element| match element {
        PatternElement::TextElement { value } => needs(value),
        PatternElement::Placeable { expression } => in_expression(expression),
    })
}

/// Constants and placeholders of other template languages in `prose`:
/// `DHL_CONNECT`, `order_status`, `{{name}}`, `${name}`, `%s`, `%(name)s`,
/// `$name`. Acronyms without an underscore (`EUR`, `HTML`) are words. At
/// most `limit` are listed; the second value counts the rest.
pub fn leaked(
    prose: &Prose,
    allowed: &[String],
    limit: usize,
) -> (Vec<(std::ops::Range<usize>, String)>, usize) {
    let text = prose.text();
    let mut found = Vec::new();
    let mut more = 0;
    // Every alternative of the pattern needs one of these; most prose has
    // none, and the pattern's Unicode word boundaries make it slow to run.
    if !text.contains(['_', '$', '%', '{']) {
        return (found, more);
    }
    for hit in leak_matches(text) {
        let raw = &text[hit.clone()];
        // `$name` inside a word or before a letter the pattern does not
        // know is not a placeholder: the password `R0sszJel$zó`.
        if raw.starts_with('$')
            && (text[..hit.start].ends_with(char::is_alphanumeric)
                || text[hit.end..].starts_with(char::is_alphanumeric))
        {
            continue;
        }
        // `%s,` matched its following character.
        let raw = match raw.strip_prefix('%') {
            Some(rest)
                if rest.len() > 1
                    && !rest.starts_with('(')
                    && !rest.as_bytes()[0].is_ascii_digit() =>
            {
                &raw[..2]
            }
            _ => raw,
        };
        if allowed.iter().any(|a| a == raw) {
            continue;
        }
        let range = hit.start..hit.start + raw.len();
        if found.len() == limit {
            more += 1;
            continue;
        }
        // A Fluent placeable right after a `$`: `${name}` written in Fluent.
        let shown = raw.replace('\u{fffc}', "{…}");
        if let Some((_, source)) = prose.source(range) {
            found.push((source, shown));
        }
    }
    (found, more)
}

/// Constants and placeholders of other template languages, left to right:
/// the matches of
///
/// ```text
/// \{\{[^{}\n]{1,60}\}\}  |  \$\{[^{}\n]{1,60}\}  |  \$\u{fffc}
/// | %\([A-Za-z_][A-Za-z0-9_]*\)[sdif]  |  %[0-9]\$[sd@]
/// | %[sd@](?:[^\p{L}\p{N}]|$)  |  \$[A-Za-z_][A-Za-z0-9_]*
/// | \b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b
/// ```
///
/// The length limits, the letter classes and the Unicode word boundaries
/// are checked here rather than compiled: compiling them took ten times as
/// long as the rest, a good part of a one-locale run. A match they reject
/// is one the full pattern does not make at that position, and no other
/// alternative starts with the same character; the search goes on from
/// the next position (inside an identifier, none can start).
pub fn leak_matches(text: &str) -> Vec<std::ops::Range<usize>> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(concat!(
            r"\{\{[^{}\n]+\}\}",
            r"|\$\{[^{}\n]+\}",
            "|\\$\u{fffc}",
            r"|%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]",
            r"|%[0-9]\$[sd@]",
            r"|%[sd@]",
            r"|\$[A-Za-z_][A-Za-z0-9_]*",
            r"|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+",
        ))
        .expect("the leaked-identifier pattern is valid")
    });
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(hit) = pattern.find_at(text, at) {
        let (start, end) = (hit.start(), hit.end());
        let raw = hit.as_str();
        let next = text[end..].chars().next();
        let inner = (raw.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")))
            .or_else(|| raw.strip_prefix("${").and_then(|r| r.strip_suffix('}')));
        let matched = if let Some(inner) = inner {
            (inner.chars().count() <= 60).then_some(end)
        } else if matches!(raw, "%s" | "%d" | "%@") {
            // The character after `%s` is part of the match.
            match next {
                None => Some(end),
                Some(c) if is_letter_or_number(c) => None,
                Some(c) => Some(end + c.len_utf8()),
            }
        } else if raw.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let before = text[..start].chars().next_back();
            let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
            (!word(before) && !word(next)).then_some(end)
        } else {
            Some(end)
        };
        match matched {
            Some(end) => {
                found.push(start..end);
                at = end;
            }
            // No identifier starts inside a rejected one.
            None if raw.starts_with(|c: char| c.is_ascii_alphabetic()) => at = end,
            // `{`, `$` and `%` are one byte.
            None => at = start + 1,
        }
    }
    found
}

/// `\p{L}` or `\p{N}`.
fn is_letter_or_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static CLASS: OnceLock<Regex> = OnceLock::new();
    CLASS
        .get_or_init(|| Regex::new(r"\A[\p{L}\p{N}]").expect("the letter class is valid"))
        .is_match(c.encode_utf8(&mut [0; 4]))
}

/// `{{name}}` or `{{ $name }}` written in Fluent: a placeable in a
/// placeable, which Fluent reads as the message `name` or the variable, and
/// which is almost always a placeholder of another template language.
pub fn double_braces(
    file: &ParsedFile<'_>,
    pattern: &Pattern<&str>,
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    visit_double_braces(pattern, &mut |inner| {
        let name = match inner {
            InlineExpression::MessageReference { id, .. } => id.name,
            InlineExpression::VariableReference { id } => id.name,
            _ => return,
        };
        let span = file.span(name);
        let text = &file.source.text;
        // Out to the two braces on each side: `{{name}}`, `{ { $name } }`.
        let mut start = span.start;
        for _ in 0..2 {
            let before = text[..start].trim_end_matches([' ', '$', '-']);
            if !before.ends_with('{') {
                return;
            }
            start = before.len() - 1;
        }
        let mut end = span.end;
        for _ in 0..2 {
            let after = text[end..].trim_start_matches(' ');
            if !after.starts_with('}') {
                return;
            }
            end = text.len() - after.len() + 1;
        }
        found.push((start..end, text[start..end].to_owned()));
    });
    found
}

fn visit_double_braces<'s>(
    pattern: &Pattern<&'s str>,
    visit: &mut impl FnMut(&InlineExpression<&'s str>),
) {
    for element in &pattern.elements {
        let PatternElement::Placeable { expression } = element else {
            continue;
        };
        match expression {
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                if let Expression::Inline(inner) = expression.as_ref() {
                    visit(inner);
                }
            }
            Expression::Select { variants, .. } => {
                for variant in variants {
                    visit_double_braces(&variant.value, visit);
                }
            }
            Expression::Inline(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leak_matches_are_the_full_patterns() {
        // The pattern with its limits, classes and boundaries compiled in.
        let full = Regex::new(concat!(
            r"\{\{[^{}\n]{1,60}\}\}",
            r"|\$\{[^{}\n]{1,60}\}",
            "|\\$\u{fffc}",
            r"|%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]",
            r"|%[0-9]\$[sd@]",
            r"|%[sd@](?:[^\p{L}\p{N}]|$)",
            r"|\$[A-Za-z_][A-Za-z0-9_]*",
            r"|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b",
        ))
        .unwrap();
        let alphabet = [
            "a",
            "Z",
            "s",
            "d",
            "@",
            "_",
            "1",
            "{",
            "}",
            "{{",
            "}}",
            "$",
            "%",
            "(",
            ")",
            " ",
            "\n",
            "é",
            "\u{301}",
            "\u{fffc}",
            "٣",
            "Ⅻ",
            "\u{345}",
            "‿",
            ".",
            "x_y",
            "%s",
            "${",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ];
        for text in crate::text::generated_texts(&alphabet, 14, 20_000, 0x9e37_79b9_7f4a_7c15) {
            let expected: Vec<_> = full.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(leak_matches(&text), expected, "{text:?}");
        }
    }

    fn leaks(text: &str) -> Vec<String> {
        let mut prose = Prose::new();
        prose.push_text(0, 0, text);
        prose.mask_markup();
        leaked(&prose, &["SKU_ID".into()], usize::MAX)
            .0
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn constants_and_foreign_placeholders_leak() {
        assert_eq!(
            leaks("DHL_CONNECT kon je pakket niet bezorgen"),
            ["DHL_CONNECT"]
        );
        assert_eq!(
            leaks("Status: ORDER_STATUS, order_status"),
            ["ORDER_STATUS", "order_status"]
        );
        assert_eq!(
            leaks("Hallo {{name}}, ${name}, %s en %(name)s, $name!"),
            ["{{name}}", "${name}", "%s", "%(name)s", "$name"]
        );
    }

    #[test]
    fn words_acronyms_urls_and_allowed_constants_do_not() {
        assert!(leaks("Prijs in EUR, met TVA en HTML-opmaak; 50% korting; $5.").is_empty());
        assert!(leaks("Zie https://x.example/a_b of mail naar a_b@x.example").is_empty());
        assert!(leaks("Artikel SKU_ID is op").is_empty());
        assert!(leaks("<a data-l10n-name=\"reset_link\">hier</a>").is_empty());
    }
}
