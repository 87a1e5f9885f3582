//! Fluent patterns written as the prose a customer reads: text elements
//! copied with their offsets, placeables as placeholders, message and term
//! references followed, one variant of each select per choice of variants.

use fluent_syntax::ast::{CallArguments, Expression, InlineExpression, Pattern, PatternElement};

use crate::project::locale::{LocaleModel, MAX_REFERENCE_DEPTH};
use crate::syntax::{ParsedFile, key_name};
use crate::text::Prose;

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
    index: crate::syntax::TextMap<OriginRef<'s>, usize>,
}

impl<'s> Origins<'s> {
    /// The index of `origin` in the table, added if new.
    pub fn index(&mut self, origin: OriginRef<'s>) -> usize {
        *self.index.entry(origin).or_insert_with(|| {
            self.list.push(origin);
            self.list.len() - 1
        })
    }

    /// The origin at `index`.
    pub fn get(&self, index: usize) -> OriginRef<'s> {
        self.list[index]
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
    pub(crate) fn take(&self, pattern: &Pattern<&str>) -> bool {
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
pub type VariantChoice = Vec<Option<String>>;

/// Which variants a writer writes.
enum Mode<'w> {
    /// The variants one choice picks; message and term references are
    /// followed while the budget lasts.
    Choice {
        selectors: &'w [(String, Vec<String>)],
        choice: &'w VariantChoice,
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
pub(crate) const MAX_EXPANSIONS: usize = 1000;

impl<'w, 'a, 's> Writer<'w, 'a, 's> {
    /// A writer of the text the customer reads on one choice of variants.
    pub fn on_choice(
        locale: &'a LocaleModel<'s>,
        selectors: &'w [(String, Vec<String>)],
        choice: &'w VariantChoice,
        budget: &'w Budget,
        origins: &'w mut Origins<'s>,
    ) -> Self {
        Writer {
            locale,
            mode: Mode::Choice {
                selectors,
                choice,
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

    /// The variant key a selector picks on this choice, if not the default.
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
                let Mode::Choice {
                    selectors, choice, ..
                } = &self.mode
                else {
                    return None;
                };
                let key = selector_key(selector)?;
                let index = selectors.iter().position(|(k, _)| *k == key)?;
                choice[index].clone()
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
    /// is not followed: unknown, not on the choice, too deep, a loop, or over the
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
            let Mode::Choice { budget, .. } = &self.mode else {
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
pub(crate) fn reference_target<'a, 's>(
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
