//! Fluent patterns written as the prose a customer reads: text elements
//! copied with their offsets, placeables as placeholders, message and term
//! references followed, one variant of each select per path.

use fluent_syntax::ast::{CallArguments, Expression, InlineExpression, Pattern, PatternElement};

use crate::project::locale::{LocaleModel, MAX_REFERENCE_DEPTH};
use crate::syntax::{ParsedFile, key_name};
use crate::text::{
    Prose, StartWords, any_start_word_or_byte, is_word_char, masking_may_make_words,
};

/// A file and the message or term an origin is in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: usize,
    pub message_id: String,
    pub attribute: Option<String>,
}

/// An [`Origin`] borrowed from the parsed files, as the prose of an email
/// is written: made into an owned one only for what is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OriginRef<'s> {
    pub file: usize,
    /// A term's id is written with its dash.
    pub term: bool,
    pub id: &'s str,
    pub attribute: Option<&'s str>,
}

impl OriginRef<'_> {
    pub fn to_origin(self) -> Origin {
        Origin {
            file: self.file,
            message_id: if self.term {
                ["-", self.id].concat()
            } else {
                self.id.to_owned()
            },
            attribute: self.attribute.map(str::to_owned),
        }
    }
}

/// The origins of an email's prose, numbered in the order they are met;
/// looked up by hash, since a file may hold 100,000 messages.
#[derive(Debug, Default)]
pub struct Origins<'s> {
    list: Vec<OriginRef<'s>>,
    index: rustc_hash::FxHashMap<OriginRef<'s>, usize>,
}

impl<'s> Origins<'s> {
    /// The index of `origin` in the table, added if new.
    pub fn index(&mut self, origin: OriginRef<'s>) -> usize {
        *self.index.entry(origin).or_insert_with(|| {
            self.list.push(origin);
            self.list.len() - 1
        })
    }

    /// The origin at `index`, owned.
    pub fn origin(&self, index: usize) -> Origin {
        self.list[index].to_origin()
    }

    /// The file of the origin at `index`.
    pub fn file(&self, index: usize) -> usize {
        self.list[index].file
    }
}

/// The key a select is enumerated by: `$count` for `{ $count -> … }` and
/// `{ NUMBER($count) -> … }`, `PLATFORM()` for a function of nothing.
/// Literals and term attributes select one fixed variant and are not
/// enumerated.
pub fn selector_key(selector: &InlineExpression<&str>) -> Option<String> {
    match selector {
        InlineExpression::VariableReference { id } => Some(format!("${}", id.name)),
        InlineExpression::FunctionReference { id, arguments } => match arguments.positional.first()
        {
            Some(InlineExpression::VariableReference { id }) => Some(format!("${}", id.name)),
            _ => Some(format!("{}()", id.name)),
        },
        _ => None,
    }
}

/// Bytes of referenced text that may still be looked at or written for a
/// locale. A message that places a long one a hundred times, in a locale
/// of many such messages, would otherwise cost time in proportion to the
/// square of the file: past the budget, references are no longer followed
/// (the writer writes a placeholder, the look answers unsure). Shared by the
/// emails a locale's workers read.
#[derive(Debug)]
pub struct Budget(std::sync::atomic::AtomicUsize);

impl Budget {
    /// Four times the locale's text, and at least 64 MB.
    pub fn for_locale(locale: &LocaleModel<'_>) -> Budget {
        let read: usize = locale.files.iter().map(|f| f.source.text.len()).sum();
        Budget(std::sync::atomic::AtomicUsize::new(
            read.saturating_mul(4).max(64 << 20),
        ))
    }

    /// Takes the text of `pattern` from the budget; false when there is
    /// not that much left.
    fn take(&self, pattern: &Pattern<&str>) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let size: usize = pattern
            .elements
            .iter()
            .map(|e| match e {
                PatternElement::TextElement { value } => value.len(),
                PatternElement::Placeable { .. } => 1,
            })
            .sum();
        self.0
            .fetch_update(Relaxed, Relaxed, |left| left.checked_sub(size))
            .is_ok()
    }
}

/// A choice of variant for every selector of an email: `None` is each
/// select's default variant.
pub type Path = Vec<Option<String>>;

/// Which variants a writer writes.
enum Mode<'w> {
    /// The variants one path picks; message and term references are
    /// followed while the budget lasts.
    Path {
        selectors: &'w [(String, Vec<String>)],
        path: &'w Path,
        budget: &'w Budget,
    },
    /// Every variant, each a sentence of its own; references stay placeholders.
    AllVariants,
}

/// Writes Fluent patterns into prose.
pub struct Writer<'w, 'a, 's> {
    locale: &'a LocaleModel<'s>,
    mode: Mode<'w>,
    origins: &'w mut Origins<'s>,
    /// The message and term patterns being written, against loops.
    stack: Vec<*const Pattern<&'s str>>,
    /// References followed so far: a message that pulls in another twice,
    /// which pulls in another twice, would otherwise write 2^n copies.
    expansions: usize,
}

/// References one written pattern may follow in all.
const MAX_EXPANSIONS: usize = 1000;

impl<'w, 'a, 's> Writer<'w, 'a, 's> {
    /// A writer of the text the customer reads on one path of selector values.
    pub fn on_path(
        locale: &'a LocaleModel<'s>,
        selectors: &'w [(String, Vec<String>)],
        path: &'w Path,
        budget: &'w Budget,
        origins: &'w mut Origins<'s>,
    ) -> Self {
        Writer {
            locale,
            mode: Mode::Path {
                selectors,
                path,
                budget,
            },
            origins,
            stack: Vec::new(),
            expansions: 0,
        }
    }

    /// A writer of every variant of a pattern's own text, each its own
    /// sentence, for rules that look at what is written rather than read.
    pub fn all_variants(locale: &'a LocaleModel<'s>, origins: &'w mut Origins<'s>) -> Self {
        Writer {
            locale,
            mode: Mode::AllVariants,
            origins,
            stack: Vec::new(),
            expansions: 0,
        }
    }

    /// Writes `pattern`, of file `file`, into `prose` under `origin`.
    pub fn write(
        &mut self,
        prose: &mut Prose,
        origin: usize,
        file: usize,
        pattern: &'a Pattern<&'s str>,
    ) {
        self.pattern(prose, origin, file, pattern, None, 0);
    }

    fn pattern(
        &mut self,
        prose: &mut Prose,
        origin: usize,
        file: usize,
        pattern: &'a Pattern<&'s str>,
        term_args: Option<&'a CallArguments<&'s str>>,
        depth: usize,
    ) {
        let parsed: &ParsedFile = &self.locale.files[file];
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => {
                    prose.push_text(origin, parsed.source.offset_of(value), value)
                }
                PatternElement::Placeable { expression } => {
                    self.expression(prose, origin, file, expression, term_args, depth)
                }
            }
        }
    }

    fn expression(
        &mut self,
        prose: &mut Prose,
        origin: usize,
        file: usize,
        expression: &'a Expression<&'s str>,
        term_args: Option<&'a CallArguments<&'s str>>,
        depth: usize,
    ) {
        match expression {
            Expression::Select { variants, .. } if matches!(self.mode, Mode::AllVariants) => {
                for variant in variants {
                    prose.push_boundary();
                    self.pattern(prose, origin, file, &variant.value, term_args, depth);
                }
                prose.push_boundary();
            }
            Expression::Select { selector, variants } => {
                let chosen = self.choose(selector, term_args);
                let variant = chosen
                    .and_then(|name| variants.iter().find(|v| key_name(&v.key) == name))
                    .or_else(|| variants.iter().find(|v| v.default))
                    .or_else(|| variants.first());
                if let Some(variant) = variant {
                    self.pattern(prose, origin, file, &variant.value, term_args, depth);
                }
            }
            Expression::Inline(inline) => {
                self.inline(prose, origin, file, inline, term_args, depth)
            }
        }
    }

    /// The variant key a selector picks on this path, if not the default.
    fn choose(
        &self,
        selector: &'a InlineExpression<&'s str>,
        term_args: Option<&'a CallArguments<&'s str>>,
    ) -> Option<String> {
        // Inside a term, `$case` is the term's own parameter.
        if let (Some(args), InlineExpression::VariableReference { id }) = (term_args, selector) {
            return args
                .named
                .iter()
                .find(|a| a.name.name == id.name)
                .and_then(|a| match &a.value {
                    InlineExpression::StringLiteral { value }
                    | InlineExpression::NumberLiteral { value } => Some((*value).to_owned()),
                    _ => None,
                });
        }
        match selector {
            InlineExpression::StringLiteral { value }
            | InlineExpression::NumberLiteral { value } => Some((*value).to_owned()),
            InlineExpression::TermReference {
                id,
                attribute: Some(attribute),
                ..
            } => {
                let (_, term) = self.locale.term(id.name)?;
                let attribute = crate::syntax::attribute(&term.attributes, attribute.name)?;
                match attribute.value.elements.as_slice() {
                    [PatternElement::TextElement { value }] => Some(value.trim().to_owned()),
                    _ => None,
                }
            }
            _ => {
                let Mode::Path {
                    selectors, path, ..
                } = &self.mode
                else {
                    return None;
                };
                let key = selector_key(selector)?;
                let index = selectors.iter().position(|(k, _)| *k == key)?;
                path[index].clone()
            }
        }
    }

    fn inline(
        &mut self,
        prose: &mut Prose,
        origin: usize,
        file: usize,
        inline: &'a InlineExpression<&'s str>,
        term_args: Option<&'a CallArguments<&'s str>>,
        depth: usize,
    ) {
        let parsed: &ParsedFile = &self.locale.files[file];
        match inline {
            InlineExpression::StringLiteral { value } => {
                prose.push_text(origin, parsed.source.offset_of(value), value)
            }
            InlineExpression::NumberLiteral { value } => {
                prose.push_placeholder(origin, parsed.span(value))
            }
            InlineExpression::VariableReference { id } => {
                let span = parsed.span(id.name);
                prose.push_placeholder(origin, span.start.saturating_sub(1)..span.end);
            }
            InlineExpression::FunctionReference { id, .. } => {
                prose.push_placeholder(origin, parsed.span(id.name))
            }
            InlineExpression::MessageReference { id, attribute } => {
                let attribute = attribute.as_ref().map(|a| a.name);
                let target = reference_target(self.locale, inline);
                let span = parsed.span(id.name);
                self.follow(prose, origin, span, target, false, attribute, None, depth);
            }
            InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let attribute = attribute.as_ref().map(|a| a.name);
                let target = reference_target(self.locale, inline);
                let span = parsed.span(id.name);
                let arguments = arguments.as_ref();
                self.follow(
                    prose, origin, span, target, true, attribute, arguments, depth,
                );
            }
            InlineExpression::Placeable { expression } => {
                self.expression(prose, origin, file, expression, term_args, depth)
            }
        }
    }

    /// Writes the referenced pattern `target` (the file, the message or
    /// term name, the pattern) in place, or a placeholder at `span` when it
    /// is not followed: unknown, not on a path, too deep, a loop, or over the
    /// expansion budget.
    #[allow(clippy::too_many_arguments)]
    fn follow(
        &mut self,
        prose: &mut Prose,
        origin: usize,
        span: std::ops::Range<usize>,
        target: Option<(usize, &'s str, &'a Pattern<&'s str>)>,
        term: bool,
        attribute: Option<&'s str>,
        arguments: Option<&'a CallArguments<&'s str>>,
        depth: usize,
    ) {
        let target = target.filter(|&(_, _, pattern)| {
            let Mode::Path { budget, .. } = &self.mode else {
                return false;
            };
            depth < MAX_REFERENCE_DEPTH
                && self.expansions < MAX_EXPANSIONS
                && !self.stack.contains(&(pattern as *const _))
                && budget.take(pattern)
        });
        let Some((file_index, name, pattern)) = target else {
            prose.push_placeholder(origin, span);
            return;
        };
        self.expansions += 1;
        let inner = self.origins.index(OriginRef {
            file: file_index,
            term,
            id: name,
            attribute,
        });
        self.stack.push(pattern as *const _);
        self.pattern(prose, inner, file_index, pattern, arguments, depth + 1);
        self.stack.pop();
    }
}

/// The file, id and pattern a message or term reference writes, if the
/// locale has them.
fn reference_target<'a, 's>(
    locale: &'a LocaleModel<'s>,
    reference: &InlineExpression<&'s str>,
) -> Option<(usize, &'s str, &'a Pattern<&'s str>)> {
    match reference {
        InlineExpression::MessageReference { id, attribute } => {
            let (file, message) = locale.indexed_message(id.name)?;
            let pattern = match attribute {
                None => message.value.as_ref()?,
                Some(name) => &crate::syntax::attribute(&message.attributes, name.name)?.value,
            };
            Some((file, message.id.name, pattern))
        }
        InlineExpression::TermReference { id, attribute, .. } => {
            let (file, term) = locale.indexed_term(id.name)?;
            let pattern = match attribute {
                None => &term.value,
                Some(name) => &crate::syntax::attribute(&term.attributes, name.name)?.value,
            };
            Some((file, term.id.name, pattern))
        }
        _ => None,
    }
}

/// Whether the prose [`Writer::all_variants`] writes of `pattern` may hold,
/// once masked, a word of `starts` (as [`crate::text::any_start_word`]
/// finds it), told from the pattern's own pieces without writing them.
pub fn may_write_word(pattern: &Pattern<&str>, starts: &impl StartWords) -> bool {
    Glance::new(None, starts, false, None).pattern(pattern, 0)
}

/// Whether the prose [`Writer::on_path`] writes of `pattern`, on any path,
/// may hold once masked a word of `starts` or end with a comma, told
/// from the pieces of the pattern and of those it references without
/// writing them.
pub fn may_read_word_or_comma<'a, 's>(
    locale: &'a LocaleModel<'s>,
    pattern: &'a Pattern<&'s str>,
    starts: &impl StartWords,
    budget: &Budget,
) -> bool {
    Glance::new(Some(locale), starts, true, Some(budget)).pattern(pattern, 0)
}

/// A look at the pieces a [`Writer`] writes: text elements and string
/// literals as they are, anything else a placeholder (no word character).
/// A word runs across two pieces only where both meet at word characters,
/// and masking removes words unless [`masking_may_make_words`]. Whatever is
/// unsure answers yes.
struct Glance<'g, 'a, 's, W> {
    /// With a locale, as [`Writer::on_path`] on every path at once:
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

impl<'g, 'a, 's, W: StartWords> Glance<'g, 'a, 's, W> {
    fn new(
        locale: Option<&'a LocaleModel<'s>>,
        starts: &'g W,
        commas: bool,
        budget: Option<&'g Budget>,
    ) -> Self {
        Glance {
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
                // where the writer, on one path, does not: unsure.
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

/// Every pattern of locales made of `count` generated messages, each
/// `m{i} = {text}` with an attribute `.a = {text}c`, 500 to a file that
/// starts with `prelude`: `each` gets the locale, the id and the pattern.
/// The generated texts are [`crate::text::generated_texts`] of `alphabet`.
#[cfg(test)]
pub(crate) fn for_generated_patterns(
    alphabet: &[&str],
    pieces: usize,
    seed: u64,
    prelude: &str,
    mut each: impl FnMut(&LocaleModel<'_>, String, &Pattern<&str>),
) {
    let dir = crate::project::LocaleDir {
        name: "nl".into(),
        langid: "nl".parse().unwrap(),
        path: "nl".into(),
        scope: Default::default(),
    };
    let texts: Vec<String> = crate::text::generated_texts(alphabet, pieces, 20_000, seed).collect();
    for chunk in texts.chunks(500) {
        let mut source = prelude.to_owned();
        for (i, text) in chunk.iter().enumerate() {
            source.push_str(&format!("m{i} = {text}\n    .a = {text}c\n"));
        }
        let files = [crate::syntax::SourceFile::new("a.ftl", source)];
        let locale = LocaleModel::new(&dir, &files);
        for (id, _, pattern) in crate::syntax::entry_patterns(&locale.files[0]) {
            each(&locale, id.to_string(), pattern);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A segment `may_read_word_or_comma` passes over has, on every path,
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
        let paths: [Path; 3] = [
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
                for path in &paths {
                    prose.clear();
                    let mut origins = Origins::default();
                    Writer::on_path(locale, &selectors, path, &budget, &mut origins)
                        .write(&mut prose, 0, 0, pattern);
                    prose.mask();
                    assert!(
                        !crate::text::any_word(prose.text(), |w| starts.holds(w))
                            && !prose.ends_with(','),
                        "{id} on {path:?}: {:?}",
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
