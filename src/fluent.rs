//! Parsing with `fluent_syntax::parser::parse` on `&str`, so that every name
//! and text in the AST is a slice of the source and its offset is pointer
//! arithmetic; syntax errors explained in words a translator understands;
//! and the small walkers the rules share.

use std::collections::BTreeSet;
use std::ops::Range;

use fluent_syntax::ast::{
    Attribute, CallArguments, Comment, Entry, Expression, InlineExpression, Message, Pattern,
    PatternElement, Resource, Term, VariantKey,
};
use fluent_syntax::parser::{ErrorKind, ParserError};

use crate::source::{SourceFile, floor_char_boundary};

/// Placeables nested deeper than this are refused before parsing: the parser
/// recurses once per level, and real files never go past four or five.
pub const MAX_NESTING: usize = 64;

/// A parsed file. The AST borrows from the [`SourceFile`].
pub struct ParsedFile<'s> {
    pub source: &'s SourceFile,
    pub resource: Resource<&'s str>,
    pub problems: Vec<SyntaxProblem>,
}

/// A place where the file does not parse, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    /// Where parsing failed.
    pub span: Range<usize>,
    /// The id of the entry that failed, when it has one.
    pub entry_id: Option<String>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

/// Parses a file. Never fails: what does not parse becomes a [`SyntaxProblem`]
/// and every entry around it is kept.
pub fn parse(source: &SourceFile) -> ParsedFile<'_> {
    let mut problems = Vec::new();
    if let Some(offset) = source.invalid_utf8 {
        problems.push(SyntaxProblem {
            span: offset..offset,
            entry_id: None,
            message: format!("the file is not valid UTF-8 (byte {offset})"),
            label: None,
            help: Some("save the file as UTF-8; the text after this point was not checked".into()),
        });
    }
    let body = source.body();
    let base = source.body_start();
    if let Some(offset) = too_deep(body) {
        problems.push(SyntaxProblem {
            span: base + offset..base + offset + 1,
            entry_id: None,
            message: format!("placeables or calls are nested more than {MAX_NESTING} levels deep"),
            label: None,
            help: Some("this file was not checked; no real message needs this much nesting".into()),
        });
        return ParsedFile {
            source,
            resource: Resource { body: Vec::new() },
            problems,
        };
    }
    let mut resource = match fluent_syntax::parser::parse(body) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            problems.extend(errors.iter().map(|e| explain(source, e)));
            resource
        }
    };
    fit(&mut resource);
    ParsedFile {
        source,
        resource,
        problems,
    }
}

/// Moves the file's lists into allocations of their length. fluent-syntax
/// collects a pattern's elements with room for four (448 bytes, where most
/// patterns have one element of 112), and the entries, attributes and
/// comment lines with room to double: 8 MB of the 18 MB a one-locale run of
/// the Firefox tree holds. Every fresh page costs a page fault (2 µs on
/// this project's machine, a fifth of that run's time) and the parser's
/// next file reuses what is freed: the run faults 1,900 pages fewer and is
/// 3% faster, and the whole tree's peak falls from 45 to 34 MB.
fn fit(resource: &mut Resource<&str>) {
    fit_vec(&mut resource.body);
    for entry in &mut resource.body {
        match entry {
            Entry::Message(Message {
                value,
                attributes,
                comment,
                ..
            }) => {
                value.iter_mut().for_each(fit_pattern);
                fit_attributes_and_comment(attributes, comment.as_mut());
            }
            Entry::Term(Term {
                value,
                attributes,
                comment,
                ..
            }) => {
                fit_pattern(value);
                fit_attributes_and_comment(attributes, comment.as_mut());
            }
            Entry::Comment(comment)
            | Entry::GroupComment(comment)
            | Entry::ResourceComment(comment) => fit_vec(&mut comment.content),
            Entry::Junk { .. } => {}
        }
    }
}

fn fit_attributes_and_comment(
    attributes: &mut Vec<Attribute<&str>>,
    comment: Option<&mut Comment<&str>>,
) {
    fit_vec(attributes);
    for attribute in attributes {
        fit_pattern(&mut attribute.value);
    }
    if let Some(comment) = comment {
        fit_vec(&mut comment.content);
    }
}

/// A pattern and the variants of its selects; nesting is bounded by
/// [`MAX_NESTING`], checked before parsing.
fn fit_pattern(pattern: &mut Pattern<&str>) {
    fit_vec(&mut pattern.elements);
    for element in &mut pattern.elements {
        if let PatternElement::Placeable {
            expression: Expression::Select { variants, .. },
        } = element
        {
            fit_vec(variants);
            for variant in variants {
                fit_pattern(&mut variant.value);
            }
        }
    }
}

fn fit_vec<T>(list: &mut Vec<T>) {
    if list.capacity() > list.len() {
        let mut fitted = Vec::with_capacity(list.len());
        fitted.append(list);
        *list = fitted;
    }
}

/// A message or a term: the two namespaces of Fluent ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    Message,
    Term,
}

/// The id of a message or term; displays with the term's dash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId<'s> {
    pub kind: EntryKind,
    /// The name without the term's dash.
    pub name: &'s str,
}

impl std::fmt::Display for EntryId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            EntryKind::Message => f.write_str(self.name),
            EntryKind::Term => write!(f, "-{}", self.name),
        }
    }
}

impl<'s> EntryId<'s> {
    /// The id as written, with the term's dash: what it displays as,
    /// without formatting.
    pub fn text(&self) -> std::borrow::Cow<'s, str> {
        match self.kind {
            EntryKind::Message => std::borrow::Cow::Borrowed(self.name),
            EntryKind::Term => std::borrow::Cow::Owned(["-", self.name].concat()),
        }
    }

    /// "`refund-subject`" or "term `-brand`", for messages.
    pub fn described(&self) -> String {
        let kind = match self.kind {
            EntryKind::Message => "",
            EntryKind::Term => "term ",
        };
        [kind, "`", &self.text(), "`"].concat()
    }
}

impl<'s> ParsedFile<'s> {
    /// The ids of the file's messages and terms, in source order.
    pub fn ids(&self) -> impl Iterator<Item = EntryId<'s>> + '_ {
        self.resource.body.iter().filter_map(|entry| match entry {
            Entry::Message(m) => Some(EntryId {
                kind: EntryKind::Message,
                name: m.id.name,
            }),
            Entry::Term(t) => Some(EntryId {
                kind: EntryKind::Term,
                name: t.id.name,
            }),
            _ => None,
        })
    }

    /// The byte range of an entry's id, a term's dash included.
    pub fn entry_id_span(&self, id: EntryId<'s>) -> Range<usize> {
        match id.kind {
            EntryKind::Message => self.id_span(id.name),
            EntryKind::Term => self.term_span(id.name),
        }
    }

    /// The messages of the file, in source order.
    pub fn messages(&self) -> impl Iterator<Item = &Message<&'s str>> {
        self.resource.body.iter().filter_map(|entry| match entry {
            Entry::Message(message) => Some(message),
            _ => None,
        })
    }

    /// The terms of the file, in source order.
    pub fn terms(&self) -> impl Iterator<Item = &Term<&'s str>> {
        self.resource.body.iter().filter_map(|entry| match entry {
            Entry::Term(term) => Some(term),
            _ => None,
        })
    }

    /// The byte range of a slice of this file.
    pub fn span(&self, part: &str) -> Range<usize> {
        self.source.span_of(part)
    }

    /// The byte range of a message or attribute identifier.
    pub fn id_span(&self, name: &str) -> Range<usize> {
        self.span(name)
    }

    /// The byte range of a term identifier, the leading `-` included.
    pub fn term_span(&self, name: &str) -> Range<usize> {
        let span = self.span(name);
        span.start.saturating_sub(1)..span.end
    }

    /// The group comment (`##`) that heads the section `message` is in.
    pub fn group_comment_of(&self, message: &Message<&'s str>) -> Option<&Comment<&'s str>> {
        let mut group = None;
        for entry in &self.resource.body {
            match entry {
                Entry::GroupComment(comment) => group = Some(comment),
                Entry::Message(m) if std::ptr::eq(m, message) => return group,
                _ => {}
            }
        }
        None
    }

    /// The resource comments (`###`) of the file.
    pub fn resource_comments(&self) -> impl Iterator<Item = &Comment<&'s str>> {
        self.resource.body.iter().filter_map(|entry| match entry {
            Entry::ResourceComment(comment) => Some(comment),
            _ => None,
        })
    }
}

/// The first offset where nesting may exceed [`MAX_NESTING`]: fluent-syntax
/// recurses once per placeable in a placeable and per call in call
/// arguments, and a deep enough file overflows the stack.
///
/// The count is an upper bound of the parser's depth, however the parser
/// reads the text: every `{` and, inside braces, every `(` counts (a `(`
/// until its brace closes), unless it is certainly inside a string literal;
/// a `}` closes a brace unless it may be inside a string literal that
/// opened after the last brace counted. What the parser may be reading is
/// tracked per line as [`Readings`]. Where the bound and the parser
/// disagree, the parser is shallower: a `}` it reads as text is an error
/// that ends the entry, and it recurses nowhere in a comment, the only
/// lines skipped (a `#` at the start of a line outside braces).
pub(crate) fn too_deep(body: &str) -> Option<usize> {
    deeper_than(body, MAX_NESTING)
}

/// [`too_deep`] with the limit `max`.
fn deeper_than(body: &str, max: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut braces = 0usize;
    // The brace count at each open `(`: it closes with that brace.
    let mut parens: Vec<usize> = Vec::new();
    let mut readings = Readings::TEXT;
    let mut i = 0;
    while i < bytes.len() {
        if braces == 0 {
            // Outside braces only `{` counts: most of a file is text.
            let at = i + memchr::memchr(b'{', &bytes[i..])?;
            let line_start = memchr::memrchr(b'\n', &bytes[i..at]).map_or(i, |n| i + n + 1);
            let at_line_start = line_start > i || i == 0 || bytes[i - 1] == b'\n';
            if at_line_start && bytes[line_start] == b'#' {
                i = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
                continue;
            }
            readings = Readings::TEXT;
            i = at;
        }
        match bytes[i] {
            b'{' if readings.outside_literal() => braces += 1,
            b'(' if readings.outside_literal() => parens.push(braces),
            b'}' if !readings.may_close_in_literal(braces) => {
                braces -= 1;
                while parens.last().is_some_and(|&level| level > braces) {
                    parens.pop();
                }
            }
            _ => {}
        }
        readings = readings.after(bytes[i], braces);
        if braces + parens.len() > max {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// What the parser may be reading at a byte inside braces, for
/// [`too_deep`]: a superset of the parser's own state. A string literal
/// does not span lines, so each line starts as text or expression.
#[derive(Clone, Copy, Debug)]
struct Readings {
    text: bool,
    expression: bool,
    /// In a string literal that opened at this brace count (the highest,
    /// when it may have opened at two).
    literal: Option<usize>,
    /// After a `\` in that literal.
    escaped: bool,
}

impl Readings {
    const TEXT: Readings = Readings {
        text: true,
        expression: false,
        literal: None,
        escaped: false,
    };

    fn outside_literal(self) -> bool {
        self.text || self.expression
    }

    /// Whether a `}` may be literal text that no counted `{` in the same
    /// literal pairs with.
    fn may_close_in_literal(self, braces: usize) -> bool {
        self.literal.is_some_and(|level| braces <= level)
    }

    /// The readings after `byte`, with `braces` counted.
    fn after(self, byte: u8, braces: usize) -> Readings {
        let in_literal = self.literal.is_some() && !self.escaped;
        match byte {
            b'\n' if braces == 0 => Readings::TEXT,
            b'\n' => Readings {
                text: true,
                expression: true,
                literal: None,
                escaped: false,
            },
            b'"' => Readings {
                text: self.text,
                expression: in_literal,
                literal: if self.expression {
                    Some(braces)
                } else if self.escaped {
                    self.literal
                } else {
                    None
                },
                escaped: false,
            },
            b'\\' => Readings {
                escaped: in_literal,
                ..self
            },
            b'{' => Readings {
                text: false,
                expression: self.outside_literal(),
                escaped: false,
                ..self
            },
            b'}' => Readings {
                text: self.outside_literal(),
                expression: self.outside_literal(),
                escaped: false,
                ..self
            },
            _ => Readings {
                escaped: false,
                ..self
            },
        }
    }
}

/// Turns a parser error into a message a translator understands.
fn explain(source: &SourceFile, error: &ParserError) -> SyntaxProblem {
    let base = source.body_start();
    let body = source.body();
    let pos = floor_char_boundary(body, error.pos.start)
        ..floor_char_boundary(body, error.pos.end.max(error.pos.start));
    let entry = error
        .slice
        .clone()
        .map(|s| floor_char_boundary(body, s.start)..floor_char_boundary(body, s.end.max(s.start)))
        .unwrap_or_else(|| pos.clone());
    let entry_text = &body[entry.clone()];
    let entry_id = leading_id(entry_text);
    let shift = |r: Range<usize>| base + r.start..base + r.end;

    // A tab at the start of a line inside the entry is the most common cause of
    // a broken entry, and the parser's own words ("Expected a message field")
    // do not say so.
    if let Some(tab) = indentation_tab(entry_text) {
        let at = entry.start + tab;
        return SyntaxProblem {
            span: shift(at..at + 1),
            entry_id,
            message: "a tab is used as indentation; Fluent only accepts spaces".into(),
            label: Some("this is a tab".into()),
            help: Some("replace the tab with spaces".into()),
        };
    }

    let id = entry_id.as_deref().unwrap_or("this entry");
    let quoted = |s: &str| format!("`{s}`");
    let (message, help, span) = match &error.kind {
        ErrorKind::ExpectedToken('}') => match unclosed_brace(entry_text) {
            Some(open) => (
                "this `{` is never closed".to_string(),
                Some("close the placeable with `}` on the same line".to_string()),
                entry.start + open..entry.start + open + 1,
            ),
            None => (
                "a placeable is not closed".to_string(),
                Some("close the placeable with `}`".to_string()),
                pos.clone(),
            ),
        },
        ErrorKind::ExpectedToken('=') => (
            format!("{} is not followed by `=`", quoted(id)),
            Some("a message is written `id = text`; indent continuation lines with spaces".into()),
            pos.clone(),
        ),
        ErrorKind::ExpectedToken(' ') if entry_text.starts_with("####") => (
            "a comment starts with more than three `#`".into(),
            Some("Fluent comments start with `#`, `##` or `###` and a space".into()),
            entry.start..entry.start + entry_text.len() - entry_text.trim_start_matches('#').len(),
        ),
        ErrorKind::ExpectedToken(' ') if entry_text.starts_with('#') => (
            "a comment needs a space after its `#`".into(),
            Some("write `# comment`".into()),
            pos.clone(),
        ),
        ErrorKind::ExpectedToken(c) => (format!("expected `{c}` here"), None, pos.clone()),
        ErrorKind::ExpectedMessageField { entry_id } => (
            format!("message `{entry_id}` has no text"),
            Some("write the text after `=`, or give the message an attribute".into()),
            pos.clone(),
        ),
        ErrorKind::ExpectedTermField { entry_id } => (
            format!("term `-{entry_id}` has no text"),
            Some("a term needs a value after `=`".into()),
            pos.clone(),
        ),
        ErrorKind::MissingDefaultVariant => (
            "this select has no default variant".into(),
            Some("mark one variant as the default with `*`, as in `*[other]`".into()),
            match unclosed_brace(&body[entry.start..pos.start.max(entry.start)]) {
                Some(open) => entry.start + open..entry.start + open + 1,
                None => pos.clone(),
            },
        ),
        ErrorKind::MultipleDefaultVariants => (
            "this select has more than one default variant".into(),
            Some("keep the `*` on one variant only".into()),
            pos.clone(),
        ),
        ErrorKind::MissingValue => (
            "this attribute has no text".into(),
            Some("write the text after `=`".into()),
            pos.clone(),
        ),
        ErrorKind::UnbalancedClosingBrace => (
            "this `}` closes nothing".into(),
            Some("remove it, or write a literal brace as `{ \"}\" }`".into()),
            pos.clone(),
        ),
        ErrorKind::UnterminatedStringLiteral => (
            "a string literal is not closed".into(),
            Some("close it with `\"` on the same line".into()),
            pos.clone(),
        ),
        ErrorKind::ExpectedInlineExpression => (
            "this placeable does not hold a variable, message, term or literal".into(),
            Some("write `{ $variable }`, `{ message-id }`, `{ -term }` or `{ \"text\" }`".into()),
            pos.clone(),
        ),
        ErrorKind::UnknownEscapeSequence(seq) => (
            format!("unknown escape sequence `{seq}`"),
            Some("string literals know only `\\\\`, `\\\"`, `\\uHHHH` and `\\UHHHHHH`".into()),
            pos.clone(),
        ),
        ErrorKind::InvalidUnicodeEscapeSequence(seq) => (
            format!("invalid unicode escape `{seq}`"),
            Some("write `\\u` and four hex digits, or `\\U` and six".into()),
            pos.clone(),
        ),
        ErrorKind::ExpectedCharRange { range } if entry.start == pos.start => (
            "this line is not a message, term or comment".into(),
            Some(format!(
                "an id starts with a letter ({range}); indent continuation lines with spaces"
            )),
            pos.clone(),
        ),
        other => (lowercase_first(&other.to_string()), None, pos.clone()),
    };
    let label = match &error.kind {
        ErrorKind::ExpectedToken('}') => Some("opened here".to_string()),
        ErrorKind::MissingDefaultVariant => {
            Some("no variant of this select starts with `*`".to_string())
        }
        _ => None,
    };
    SyntaxProblem {
        span: shift(span),
        entry_id,
        message,
        label,
        help,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id a broken entry starts with (`-term` keeps its dash), if any.
fn leading_id(entry: &str) -> Option<String> {
    let (dash, rest) = match entry.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", entry),
    };
    let first = rest.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Some(format!("{dash}{}", &rest[..end]))
}

/// The offset of a tab that starts a line (after the first) in `entry`.
fn indentation_tab(entry: &str) -> Option<usize> {
    let mut offset = 0;
    for line in entry.split_inclusive('\n') {
        if offset > 0 {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if let Some(tab) = line[..indent].find('\t') {
                return Some(offset + tab);
            }
        }
        offset += line.len();
    }
    None
}

/// The offset of the last `{` in `entry` that is never closed.
fn unclosed_brace(entry: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in entry.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            '"' if !open.is_empty() => in_string = true,
            _ => {}
        }
    }
    open.pop()
}

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

/// The variables a pattern uses, selectors included. A term's variables are
/// its own parameters, so variables passed in term arguments are not followed.
pub fn variables<'s>(pattern: &Pattern<&'s str>) -> BTreeSet<&'s str> {
    let mut names = BTreeSet::new();
    visit_references(pattern, &mut |reference| {
        if let Reference::Variable(name) = reference {
            names.insert(name);
        }
    });
    names
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<SyntaxProblem> {
        let source = SourceFile::new("t.ftl", text);
        parse(&source).problems
    }

    #[test]
    fn a_fitted_resource_is_the_parsed_one_without_spare_room() {
        let text = "## Group\n# One\n# Two\nhello = Hi { $name }!\n    .title = T\n    .label = L\n\
                    -brand = { $case ->\n    [gen] Foo's\n   *[nom] { NUMBER($n) ->\n        [one] Foo\n       *[other] Foos\n    }\n}\n\
                    ok = Ok\nbad = {\n";
        let source = SourceFile::new("t.ftl", text);
        let parsed = parse(&source);
        let (unfitted, _) = fluent_syntax::parser::parse(text).unwrap_err();
        assert_eq!(parsed.resource, unfitted);
        // Capacity equals length everywhere fit reaches.
        fn pattern_fits(pattern: &Pattern<&str>) -> bool {
            pattern.elements.capacity() == pattern.elements.len()
                && pattern.elements.iter().all(|element| match element {
                    PatternElement::Placeable {
                        expression: Expression::Select { variants, .. },
                    } => {
                        variants.capacity() == variants.len()
                            && variants.iter().all(|v| pattern_fits(&v.value))
                    }
                    _ => true,
                })
        }
        let body = &parsed.resource.body;
        assert_eq!(body.capacity(), body.len());
        let mut patterns = 0;
        for entry in body {
            let (value, attributes, comment) = match entry {
                Entry::Message(m) => (m.value.as_ref(), &m.attributes, m.comment.as_ref()),
                Entry::Term(t) => (Some(&t.value), &t.attributes, t.comment.as_ref()),
                Entry::GroupComment(c) => (None, &Vec::new(), Some(c)),
                _ => continue,
            };
            assert_eq!(attributes.capacity(), attributes.len());
            assert!(comment.is_none_or(|c| c.content.capacity() == c.content.len()));
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                assert!(pattern_fits(pattern), "{pattern:?}");
                patterns += 1;
            }
        }
        assert_eq!(patterns, 5);
    }

    #[test]
    fn identifiers_are_slices_with_true_offsets() {
        let source = SourceFile::new("t.ftl", "\u{feff}# c\nhello = Hi\n  there\n");
        let parsed = parse(&source);
        let message = parsed.messages().next().unwrap();
        assert_eq!(parsed.id_span(message.id.name), 7..12);
        assert_eq!(&source.text[7..12], "hello");
        assert_eq!(
            source.line_col(7),
            crate::source::LineCol { line: 2, column: 1 }
        );
    }

    #[test]
    fn text_elements_of_dedented_and_crlf_lines() {
        let text = "msg =\r\n    one\r\n      two { $x }\r\n";
        let source = SourceFile::new("t.ftl", text);
        let parsed = parse(&source);
        let message = parsed.messages().next().unwrap();
        let texts: Vec<_> = message
            .value
            .as_ref()
            .unwrap()
            .elements
            .iter()
            .filter_map(|e| match e {
                PatternElement::TextElement { value } => Some((*value, parsed.span(value).start)),
                _ => None,
            })
            .collect();
        // The common indent is dropped; "  two" keeps its extra indent; `\r` is dropped.
        assert_eq!(texts[0], ("one", 11));
        assert_eq!(&text[texts[0].1..texts[0].1 + 3], "one");
        let two = texts.iter().find(|(t, _)| t.contains("two")).unwrap();
        assert_eq!(&text[two.1..two.1 + two.0.len()], two.0);
        assert_eq!(source.line_col(two.1 + two.0.find("two").unwrap()).line, 3);
    }

    #[test]
    fn tab_indentation_is_named() {
        let found = problems("ok = fine\nbad =\n\tTekst\nnext = x\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "a tab is used as indentation; Fluent only accepts spaces"
        );
        assert_eq!(found[0].span, 16..17);
        assert_eq!(found[0].entry_id.as_deref(), Some("bad"));
    }

    #[test]
    fn unclosed_brace_points_at_the_brace() {
        let text = "welcome = Welkom, { $name !\nnext = x\n";
        let found = problems(text);
        assert_eq!(found[0].message, "this `{` is never closed");
        assert_eq!(&text[found[0].span.clone()], "{");
    }

    #[test]
    fn missing_default_variant() {
        let found = problems("n = { $c ->\n    [one] one\n    [other] more\n}\n");
        assert_eq!(found[0].message, "this select has no default variant");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("a = {}\n", "{ ".repeat(100_000));
        let found = problems(&text);
        assert!(found[0].message.contains("nested more than"));
    }

    /// The smallest limit [`deeper_than`] lets `text` through with.
    fn bound(text: &str) -> usize {
        (0..).find(|&max| deeper_than(text, max).is_none()).unwrap()
    }

    /// How deep the parsed entries nest: placeables and call arguments.
    fn ast_depth(resource: &Resource<&str>) -> usize {
        fn pattern(p: &Pattern<&str>) -> usize {
            p.elements
                .iter()
                .map(|e| match e {
                    PatternElement::Placeable { expression } => 1 + expr(expression),
                    PatternElement::TextElement { .. } => 0,
                })
                .max()
                .unwrap_or(0)
        }
        fn expr(e: &Expression<&str>) -> usize {
            match e {
                Expression::Inline(i) => inline(i),
                Expression::Select { selector, variants } => variants
                    .iter()
                    .map(|v| pattern(&v.value))
                    .chain([inline(selector)])
                    .max()
                    .unwrap_or(0),
            }
        }
        fn call(a: &CallArguments<&str>) -> usize {
            1 + a
                .positional
                .iter()
                .chain(a.named.iter().map(|n| &n.value))
                .map(inline)
                .max()
                .unwrap_or(0)
        }
        fn inline(i: &InlineExpression<&str>) -> usize {
            match i {
                InlineExpression::Placeable { expression } => 1 + expr(expression),
                InlineExpression::FunctionReference { arguments, .. } => call(arguments),
                InlineExpression::TermReference {
                    arguments: Some(a), ..
                } => call(a),
                _ => 0,
            }
        }
        resource
            .body
            .iter()
            .flat_map(|entry| match entry {
                Entry::Message(m) => m
                    .value
                    .iter()
                    .chain(m.attributes.iter().map(|a| &a.value))
                    .collect(),
                Entry::Term(t) => std::iter::once(&t.value)
                    .chain(t.attributes.iter().map(|a| &a.value))
                    .collect(),
                _ => Vec::new(),
            })
            .map(pattern)
            .max()
            .unwrap_or(0)
    }

    /// Valid Fluent with nesting everywhere the grammar allows it, and
    /// text that looks like literals, for the bound test.
    struct Generator(u64);

    impl Generator {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize % n
        }

        fn pick(&mut self, options: &[&str]) -> String {
            options[self.below(options.len())].to_owned()
        }

        fn text(&mut self) -> String {
            self.pick(&[
                "x", " \"q\" ", "alt=\"", "\"", "\\\"", " (a) ", ")", "((", "'", "#", " -> ",
            ])
        }

        fn pattern(&mut self, depth: usize) -> String {
            (0..1 + self.below(3))
                .map(|_| match self.below(3) {
                    0 if depth > 0 => format!("{{ {} }}", self.expression(depth - 1)),
                    _ => self.text(),
                })
                .collect()
        }

        fn literal(&mut self) -> String {
            self.pick(&["\"{\"", "\"}\"", "\"\\\"}\"", "\"a\\\\\"", "\"\"", "\"({\""])
        }

        fn inline(&mut self, depth: usize) -> String {
            let blank = self.pick(&[" ", "\n", "\n    ", ""]);
            match self.below(if depth > 0 { 7 } else { 4 }) {
                0 => self.literal(),
                1 => "$x".into(),
                2 => "-t".into(),
                3 => "m".into(),
                4 => format!("{{{blank}{}{blank}}}", self.expression(depth - 1)),
                5 => format!(
                    "F({blank}{}, c: {})",
                    self.inline(depth - 1),
                    self.literal()
                ),
                _ => format!("-t({blank}c: {}{blank})", self.literal()),
            }
        }

        fn expression(&mut self, depth: usize) -> String {
            if depth == 0 || self.below(3) > 0 {
                return self.inline(depth);
            }
            let selector = self.pick(&["$x", "\"s\"", "F($x)"]);
            let other = self.pattern(depth);
            let default = self.pattern(depth);
            format!("{selector} ->\n  [a] {other}\n *[b] {default}\n")
        }

        fn file(&mut self) -> String {
            (0..1 + self.below(4))
                .map(|i| {
                    let comment = self.pick(&["", "# c { \"\n", "## {\n"]);
                    let depth = 1 + self.below(6);
                    format!("{comment}m{i} = {}\n", self.pattern(depth))
                })
                .collect()
        }
    }

    /// The bound holds for every position of every text the parser reads
    /// (it reads left to right, and so does the count: what holds for whole
    /// texts holds for their prefixes, where a broken file stops).
    #[test]
    fn the_nesting_bound_is_never_below_the_parsed_depth() {
        let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
        let mut deep = 0;
        for _ in 0..40_000 {
            let text = generator.file();
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let depth = ast_depth(&resource);
            assert!(
                bound(&text) >= depth,
                "{text:?}: bound {} < {depth}",
                bound(&text)
            );
            deep += usize::from(depth >= 4);
        }
        assert!(deep > 1_000, "only {deep} texts nest four deep");
    }

    #[test]
    fn text_that_looks_like_a_string_hides_no_nesting() {
        // A `"` in a variant's text is no string literal (the guard once
        // skipped the rest of the line and let the parser overflow).
        let n = 3000;
        let text = format!(
            "a = {{ $x ->\n *[o] \" {}$y{}\n}}\n",
            "{ ".repeat(n),
            " }".repeat(n)
        );
        assert!(too_deep(&text).is_some());
        // A select on a string literal whose text holds `}`.
        let level = "{ $x ->\n *[o] \" { \"}}}}\" ";
        assert!(too_deep(&level.repeat(200)).is_some());
        // Parentheses in a variant's text close no call.
        let level = "{ F( { $x ->\n *[o] ))\n} ";
        assert!(too_deep(&level.repeat(200)).is_some());
        // Quoted attributes, literals and literal braces do not add up.
        let line = "m = <img alt=\"Logo { -brand(case: \"gen\") }\"> { \"{\" } { \"}\" }\n";
        assert_eq!(bound(&line.repeat(1000)), 2);
    }

    #[test]
    fn variables_include_selectors() {
        let source = SourceFile::new(
            "t.ftl",
            "m = { $n ->\n    [one] one\n   *[other] { $n } and { $x }\n}\n",
        );
        let parsed = parse(&source);
        let message = parsed.messages().next().unwrap();
        let vars = variables(message.value.as_ref().unwrap());
        assert_eq!(vars.into_iter().collect::<Vec<_>>(), vec!["n", "x"]);
    }
}
