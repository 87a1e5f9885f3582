//! Rules about what is written, message by message, in every variant:
//! calques of English formulas, the project's own rules, and raw constants
//! or placeholders of other template languages that leaked into text the
//! customer reads.

use std::sync::OnceLock;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use rayon::prelude::*;
use regex::Regex;

use crate::analysis::prose::{Origin, OriginRef, Origins, Writer, may_write_word};
use crate::finding::{Diagnostic, MAX_LISTED};
use crate::packs::{Pack, Packs};
use crate::project::locale::LocaleModel;
use crate::rules::{Calque, Check, Context, LeakedIdentifier, RuleMeta};
use crate::syntax::{EntryId, EntryKind, ParsedFile, comment_lines};
use crate::text::{Kind, Prose, StartWords, any_start_word, tokenize};

/// Runs `calque`, `leaked-identifier` and the project rules.
pub struct WrittenRules;

impl Check for WrittenRules {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Calque::META, &LeakedIdentifier::META]
    }

    fn runs(&self, cx: &Context<'_>) -> bool {
        // The project's rules are selected by their own ids.
        self.rules().iter().any(|rule| cx.enabled(rule))
            || cx.settings.packs.rules().any(|rule| cx.enabled(rule.meta))
    }

    fn check<'a>(&self, cx: &Context<'a>, out: &mut Vec<Diagnostic<'a>>) {
        let locale = cx.locale;
        let packs = packs_for(&cx.settings.packs, locale);
        let calques = cx.enabled(&Calque::META);
        let leaks = cx.enabled(&LeakedIdentifier::META);
        let rules = packs
            .iter()
            .flat_map(|p| p.project_rules())
            .any(|r| cx.settings.selection.is_enabled(r.meta.id));
        if !(calques || leaks || rules) {
            return;
        }
        // A pattern is written out only when a rule may find something in
        // it: a leak needs one of a few characters, a calque or project
        // rule a word it starts with (and a rule's regex any text).
        let phrases = !packs.is_empty() && (calques || rules);
        let starts = phrase_start(&packs, calques);
        let regexes = packs
            .iter()
            .flat_map(|p| p.project_rules())
            .any(|r| r.pattern.is_some() && cx.settings.selection.is_enabled(r.meta.id));
        // File by file on both cores; findings in file order.
        let found: Vec<Vec<Diagnostic<'a>>> = (0..locale.files.len())
            .into_par_iter()
            .map(|file| {
                let mut out = Listed::default();
                let source = locale.files[file].source;
                // One buffer for the file's patterns.
                let mut prose = Prose::new();
                for (id, attribute, pattern) in crate::syntax::entry_patterns(&locale.files[file]) {
                    let leak = leaks && may_leak(pattern);
                    let phrase = phrases && (regexes || may_write_word(pattern, &starts));
                    if !(leak || phrase) {
                        continue;
                    }
                    write_all_variants(locale, file, pattern, &mut prose);
                    let origin = OriginRef {
                        file,
                        term: id.kind == EntryKind::Term,
                        id: id.name,
                        attribute,
                    };
                    let diagnostic =
                        |rule: &'static RuleMeta, span, message: String, help: Option<String>| {
                            let diagnostic = Diagnostic::new(rule, source, span, message)
                                .message_id(id.to_string())
                                .attribute(attribute);
                            match help {
                                Some(help) => diagnostic.help(help),
                                None => diagnostic,
                            }
                        };
                    if leak {
                        let origin = origin.to_origin();
                        let room = out.room(&LeakedIdentifier::META);
                        let (leaks, more) = leaks_in(cx, &origin, pattern, &prose, room);
                        for (span, message, help) in leaks {
                            out.push(diagnostic(
                                &LeakedIdentifier::META,
                                span,
                                message,
                                Some(help),
                            ));
                        }
                        out.skip(&LeakedIdentifier::META, more);
                    }
                    if phrase {
                        let (found, more) = phrase_matches(
                            &packs,
                            &prose,
                            |meta| cx.settings.selection.is_enabled(meta.id),
                            MAX_LISTED,
                        );
                        for found in found {
                            out.push(diagnostic(
                                found.rule,
                                found.span,
                                found.message,
                                found.help,
                            ));
                        }
                        for (rule, more) in more {
                            out.skip(rule, more);
                        }
                    }
                }
                out.finish()
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }
}

/// A file's findings, at most [`MAX_LISTED`] of each rule: a file with a
/// million identifiers is one problem, and its report stays small. The last
/// finding of a rule counts the ones left out.
#[derive(Default)]
struct Listed<'a> {
    listed: Vec<Diagnostic<'a>>,
    /// By rule: how many are listed, and how many more were found.
    counts: rustc_hash::FxHashMap<&'static str, (usize, usize)>,
}

impl<'a> Listed<'a> {
    /// How many more findings of `rule` are listed.
    fn room(&self, rule: &RuleMeta) -> usize {
        MAX_LISTED - self.counts.get(rule.id).map_or(0, |&(listed, _)| listed)
    }

    fn push(&mut self, diagnostic: Diagnostic<'a>) {
        let (listed, unlisted) = self.counts.entry(diagnostic.rule.id).or_default();
        if *listed < MAX_LISTED {
            *listed += 1;
            self.listed.push(diagnostic);
        } else {
            *unlisted += 1;
        }
    }

    /// Counts `more` findings of `rule` that were not made.
    fn skip(&mut self, rule: &RuleMeta, more: usize) {
        if more > 0 {
            self.counts.entry(rule.id).or_default().1 += more;
        }
    }

    fn finish(mut self) -> Vec<Diagnostic<'a>> {
        for (rule, &(_, unlisted)) in &self.counts {
            if unlisted == 0 {
                continue;
            }
            if let Some(last) = self.listed.iter_mut().rev().find(|d| d.rule.id == *rule) {
                last.message
                    .push_str(&format!(" (and {unlisted} more in this file, not listed)"));
            }
        }
        self.listed
    }
}

/// The leaked identifiers and placeholders of one pattern, written out as
/// `prose`: span, message and help of each.
fn leaks_in(
    cx: &Context<'_>,
    origin: &Origin,
    pattern: &Pattern<&str>,
    prose: &Prose,
    room: usize,
) -> (Vec<(std::ops::Range<usize>, String, String)>, usize) {
    let (mut found, mut more) = leaked(prose, &cx.settings.allowed_identifiers, room);
    for brace in double_braces(&cx.locale.files[origin.file], pattern) {
        if found.len() < room {
            found.push(brace);
        } else {
            more += 1;
        }
    }
    if found.is_empty() {
        return (Vec::new(), more);
    }
    // What the message's comments and the reference's message show on
    // purpose is not a leak: a key name, an error code, the `%s` of a
    // search URL.
    let (context, reference_text) = explained(cx, origin);
    // Once per message, and only when a leak needs it.
    let dropped = std::cell::OnceCell::new();
    let mut leaks = Vec::new();
    for (span, text) in found {
        // A comment documents `$variables`: only the reference's own text
        // excuses a placeholder-shaped leak.
        let excused_by = if text.starts_with(['$', '{', '%']) {
            &reference_text
        } else {
            &context
        };
        if mentions(excused_by, &text) || (cx.reference.is_none() && !is_named_placeholder(&text)) {
            continue;
        }
        let (message, help) = match (cx.reference, near_identifier(&reference_text, &text)) {
            (Some(reference), Some(near)) => (
                format!(
                    "`{text}` is not what the {} message writes: `{near}`",
                    reference.name
                ),
                format!("copy `{near}` exactly: it is code or a name, not a word to translate"),
            ),
            _ => (
                leak_message(&text),
                match (
                    cx.reference,
                    dropped
                        .get_or_init(|| dropped_variables(cx, origin))
                        .as_slice(),
                ) {
                    (Some(reference), [name]) => format!(
                        "write `{{ ${name} }}`: the {} message has it, this translation does not",
                        reference.name
                    ),
                    _ => leak_help(&text),
                },
            ),
        };
        leaks.push((span, message, help));
    }
    (leaks, more)
}

/// The language pack of a locale and the packs for every locale.
pub fn packs_for<'p>(packs: &'p Packs, locale: &LocaleModel<'_>) -> Vec<&'p Pack> {
    packs
        .for_locale(locale.langid)
        .into_iter()
        .chain(packs.universal())
        .collect()
}

/// Writes a pattern of file `file` into `prose` with all its variants, with
/// HTML and addresses masked.
pub(crate) fn write_all_variants<'s>(
    locale: &LocaleModel<'s>,
    file: usize,
    pattern: &Pattern<&'s str>,
    prose: &mut Prose,
) {
    prose.clear();
    // References stay placeholders: the pattern is the only origin.
    Writer::all_variants(locale, &mut Origins::default()).write(prose, 0, file, pattern);
    prose.mask_markup();
}

/// Whether `leaked` or `double_braces` could find anything in the text
/// `written` makes of `pattern`: its text and string literals have one of
/// the characters a leak needs (`&` for an entity that decodes to one), or
/// it has a placeable in a placeable.
fn may_leak(pattern: &Pattern<&str>) -> bool {
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

/// The words a calque (with `calques`) or a project rule of `packs` may
/// start at: what [`phrase_matches`] tokenizes for, and what
/// [`may_write_word`] must answer to.
fn phrase_start<'p>(packs: &'p [&'p Pack], calques: bool) -> PhraseStarts<'p> {
    PhraseStarts { packs, calques }
}

/// See [`phrase_start`].
struct PhraseStarts<'p> {
    packs: &'p [&'p Pack],
    calques: bool,
}

impl StartWords for PhraseStarts<'_> {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        self.packs.iter().any(|pack| {
            pack.phrase_words(self.calques)
                .may_hold_ascii(len, first, last)
        })
    }

    fn holds(&self, lower: &str) -> bool {
        self.packs
            .iter()
            .any(|pack| pack.starts_phrase(lower, self.calques))
    }
}

/// A calque or project-rule match.
pub struct PhraseMatch {
    pub rule: &'static RuleMeta,
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Calques and project rules in `prose`, for the rules `enabled` accepts:
/// at most `limit` of them, and how many more each rule found.
pub fn phrase_matches(
    packs: &[&Pack],
    prose: &Prose,
    enabled: impl Fn(&RuleMeta) -> bool,
    limit: usize,
) -> (Vec<PhraseMatch>, Vec<(&'static RuleMeta, usize)>) {
    let mut found = Found {
        listed: Vec::new(),
        more: Vec::new(),
        limit,
    };
    let Some(language) = packs.first() else {
        return (found.listed, found.more);
    };
    // Most prose has no word a calque or rule starts with: it needs no tokens.
    let calques = enabled(&Calque::META);
    let starts = phrase_start(packs, calques);
    let tokens = if any_start_word(prose.text(), &starts) {
        tokenize(prose.text(), &language.abbreviations)
    } else {
        Vec::new()
    };
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Word || token.quoted {
            continue;
        }
        let lower = crate::text::lowercase(&token.text);
        for pack in packs {
            if calques {
                for (_, calque) in pack.calque_candidates(&lower) {
                    let Some(len) = calque.matcher.matches(&tokens, i, &lower) else {
                        continue;
                    };
                    let span = token.span.start..tokens[i + len - 1].span.end;
                    if let Some((_, source)) = prose.source(span.clone()) {
                        let text = &prose.text()[span];
                        found.push(&Calque::META, || PhraseMatch {
                            rule: &Calque::META,
                            span: source,
                            message: format!(
                                "“{text}” is a word-for-word translation of an English formula"
                            ),
                            help: calque.fix.clone(),
                        });
                    }
                    break;
                }
            }
            for (_, rule) in pack.rule_candidates(&lower) {
                if !enabled(rule.meta) {
                    continue;
                }
                let Some(matcher) = &rule.matcher else {
                    continue;
                };
                let Some(len) = matcher.matches(&tokens, i, &lower) else {
                    continue;
                };
                let span = token.span.start..tokens[i + len - 1].span.end;
                if let Some((_, source)) = prose.source(span.clone()) {
                    found.push(rule.meta, || {
                        project_match(rule, source, &prose.text()[span])
                    });
                }
            }
        }
    }
    for pack in packs {
        for rule in pack.project_rules() {
            let (Some(pattern), true) = (&rule.pattern, enabled(rule.meta)) else {
                continue;
            };
            for hit in pattern.find_iter(prose.text()) {
                if let Some((_, source)) = prose.source(hit.range()) {
                    found.push(rule.meta, || project_match(rule, source, hit.as_str()));
                }
            }
        }
    }
    (found.listed, found.more)
}

/// Matches up to a limit, and a count of the rest by rule.
struct Found {
    listed: Vec<PhraseMatch>,
    more: Vec<(&'static RuleMeta, usize)>,
    limit: usize,
}

impl Found {
    /// Adds the match `make` makes, or counts it past the limit.
    fn push(&mut self, rule: &'static RuleMeta, make: impl FnOnce() -> PhraseMatch) {
        if self.listed.len() < self.limit {
            self.listed.push(make());
            return;
        }
        match self.more.iter_mut().find(|(r, _)| r.id == rule.id) {
            Some((_, n)) => *n += 1,
            None => self.more.push((rule, 1)),
        }
    }
}

fn project_match(
    rule: &crate::packs::ProjectRule,
    span: std::ops::Range<usize>,
    text: &str,
) -> PhraseMatch {
    let help = match (&rule.help, &rule.replace) {
        (Some(help), _) => Some(help.replace("{match}", text)),
        (None, Some(replace)) => Some(format!("write “{replace}”")),
        (None, None) => None,
    };
    PhraseMatch {
        rule: rule.meta,
        span,
        message: rule.message.replace("{match}", text),
        help,
    }
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

/// What explains what a message may show as written: the comments of the
/// message and its section, in this locale and in the reference, followed by
/// the reference's own text; and that text alone.
fn explained(cx: &Context<'_>, origin: &Origin) -> (String, String) {
    let mut comments = String::new();
    let mut text = String::new();
    let id = origin.message_id.as_str();
    entry_context(&cx.locale.files[origin.file], id, &mut comments, None);
    if let Some(reference) = cx.reference {
        let entry = match id.strip_prefix('-') {
            Some(name) => EntryId {
                kind: EntryKind::Term,
                name,
            },
            None => EntryId {
                kind: EntryKind::Message,
                name: id,
            },
        };
        if let Some(file) = reference.defining_file(entry) {
            entry_context(file, id, &mut comments, Some(&mut text));
        }
    }
    comments.push_str(&text);
    (comments, text)
}

/// Appends the comments of entry `id` in `file`, and its text to `text`.
fn entry_context(
    file: &ParsedFile<'_>,
    id: &str,
    comments: &mut String,
    text: Option<&mut String>,
) {
    let mut group = None;
    for entry in &file.resource.body {
        let (name, comment, value, attributes) = match entry {
            Entry::GroupComment(comment) => {
                group = Some(comment);
                continue;
            }
            Entry::Message(m) => (
                m.id.name.to_owned(),
                &m.comment,
                m.value.as_ref(),
                &m.attributes,
            ),
            Entry::Term(t) => (
                format!("-{}", t.id.name),
                &t.comment,
                Some(&t.value),
                &t.attributes,
            ),
            _ => continue,
        };
        if name != id {
            continue;
        }
        for line in comment_lines(comment.as_ref()).chain(comment_lines(group)) {
            comments.push_str(line);
            comments.push('\n');
        }
        if let Some(text) = text {
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                push_text(pattern, text);
            }
        }
        return;
    }
}

fn push_text(pattern: &Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => {
                for variant in variants {
                    push_text(&variant.value, out);
                }
            }
            PatternElement::Placeable { .. } => out.push('\n'),
        }
    }
    out.push('\n');
}

/// The variables the reference message shows that this translation does
/// not: a constant in their place is often the value a pipeline pasted in.
fn dropped_variables<'a>(cx: &Context<'a>, origin: &Origin) -> Vec<&'a str> {
    let id = origin.message_id.as_str();
    let attribute = origin.attribute.as_deref();
    let (Some(reference), Some(pattern)) = (cx.reference, cx.locale.message_pattern(id, attribute))
    else {
        return Vec::new();
    };
    let Some(reference_pattern) = reference.message_pattern(id, attribute) else {
        return Vec::new();
    };
    let used = cx.locale.pattern_variables(pattern);
    reference
        .pattern_variables(reference_pattern)
        .into_iter()
        .filter(|&(name, shown)| shown && !used.contains_key(name))
        .map(|(name, _)| name)
        .collect()
}

/// Whether `context` has `text` as a whole identifier, not inside a longer one.
fn mentions(context: &str, text: &str) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    context.match_indices(text).any(|(at, _)| {
        !context[..at].ends_with(identifier) && !context[at + text.len()..].starts_with(identifier)
    })
}

/// An identifier of `context` that `text` is a slip of: `URL_STING` for
/// `URL_STRING`, `FIDO_2_1_pre` for `FIDO_2_1_PRE`.
fn near_identifier<'c>(context: &'c str, text: &str) -> Option<&'c str> {
    let lower = text.to_lowercase();
    leak_matches(context)
        .into_iter()
        .map(|hit| &context[hit])
        .map(|known| {
            (
                crate::suggest::edit_distance(&lower, &known.to_lowercase()),
                known,
            )
        })
        .filter(|(d, known)| *d <= known.len().max(text.len()) / 4 + 1)
        .min()
        .map(|(_, known)| known)
}

/// A placeholder with a name (`{{name}}`, `${name}`, `%(name)s`, `$name`)
/// or a position (`%1$s`). In the reference locale nothing tells a constant
/// or a bare `%s` that the message is about (an error code, the pattern of a
/// search URL) from one that leaked, but a named placeholder is never prose.
fn is_named_placeholder(text: &str) -> bool {
    text.starts_with(['{', '$']) || (text.starts_with('%') && text.len() > 2)
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
fn leak_matches(text: &str) -> Vec<std::ops::Range<usize>> {
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
fn double_braces(
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

fn leak_message(text: &str) -> String {
    if text.starts_with('{') {
        format!("`{text}` is a placeholder of another template language")
    } else if text.starts_with(['$', '%']) {
        format!("`{text}` is a placeholder Fluent does not fill")
    } else {
        format!("`{text}` is a raw constant in text the customer reads")
    }
}

fn leak_help(text: &str) -> String {
    if text.starts_with('{') {
        "Fluent reads `{{…}}` as a placeable in a placeable; write `{ $variable }`".into()
    } else if text.contains('_') && !text.starts_with(['{', '$', '%']) {
        "replace the constant with the words the customer should read, or a `{ $variable }`".into()
    } else {
        "write the placeholder the Fluent way, as `{ $variable }`".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pattern `may_write_word` passes over has no word its rules start
    /// with once written and masked, on random patterns of the pieces that
    /// join, make or hide words: a word accepted only at three letters or
    /// more is made by joining shorter pieces.
    #[test]
    fn a_pattern_passed_over_writes_no_word_a_phrase_starts_with() {
        use crate::analysis::prose::for_generated_patterns;
        let alphabet = [
            "ab",
            "Ab",
            "c",
            "é",
            "\u{301}",
            " ",
            ",",
            "9",
            "<b>",
            "</b>",
            "<br>",
            "&amp;",
            "&eacute;",
            "&#98;",
            "{ $x }",
            "{ \"ab\" }",
            "{ \"c\" }",
            "{ \"\" }",
            "{ -t }",
            "{ m0 }",
            "{ 5 }",
            "{ { \"c\" } }",
            "{ $n ->\n    [one] ab\n   *[other] c{ $y }\n }",
            "\n    ab",
            "\u{7f}",
            "\u{1e}",
            "x@ab.c",
            "http://abc.d",
            "\u{fffc}",
        ];
        let starts = crate::text::LongWords;
        let (mut passed, mut written) = (0, 0);
        let mut prose = Prose::new();
        let seed = 0x2545_f491_4f6c_dd1d;
        for_generated_patterns(&alphabet, 3, seed, "-t = T\n", |locale, id, pattern| {
            write_all_variants(locale, 0, pattern, &mut prose);
            if may_write_word(pattern, &starts) {
                written += 1;
            } else {
                passed += 1;
                assert!(
                    !crate::text::any_word(prose.text(), |w| starts.holds(w)),
                    "{id}: {:?}",
                    prose.text()
                );
            }
        });
        // Both ways, often: the test sees joins and plain pieces.
        assert!(
            passed > 5_000 && written > 5_000,
            "{passed} passed, {written} written"
        );
    }

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
        leaked(&prose, &["SKU_ID".into()], MAX_LISTED)
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
