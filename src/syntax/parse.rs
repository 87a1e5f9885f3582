//! Parsing with `fluent_syntax::parser::parse` on `&str`, so that every name
//! and text in the AST is a slice of the source and its offset is pointer
//! arithmetic. A file nested too deep for the parser's recursion is refused
//! before it is parsed (see [`super::nesting`]).

use std::ops::Range;

use fluent_syntax::ast::{
    Attribute, Comment, Entry, Expression, Message, Pattern, PatternElement, Resource, Term,
};

use super::explain::explain;
use super::nesting::{MAX_NESTING, too_deep};
use super::source::SourceFile;

/// A parsed file. The AST borrows from the [`SourceFile`].
pub struct ParsedFile<'s> {
    pub source: &'s SourceFile,
    pub resource: Resource<&'s str>,
    pub problems: Vec<ParseError>,
    /// Nested deeper than the parser's recursion allows: the file was not
    /// parsed and its resource is empty. Nothing else may parse it either.
    pub too_deep: bool,
}

/// A place where the file does not parse, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Where parsing failed.
    pub span: Range<usize>,
    /// The id of the entry that failed, when it has one.
    pub entry_id: Option<String>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

/// Parses a file. Never fails: what does not parse becomes a [`ParseError`]
/// and every entry around it is kept.
pub fn parse(source: &SourceFile) -> ParsedFile<'_> {
    let mut problems = Vec::new();
    if let Some(offset) = source.invalid_utf8 {
        problems.push(ParseError {
            span: offset..offset,
            entry_id: None,
            message: format!("the file is not valid UTF-8 (byte {offset})"),
            label: None,
            help: Some(
                "save the file as UTF-8; etiquette read each byte that is not as U+FFFD (\u{fffd})"
                    .into(),
            ),
        });
    }
    let body = source.body();
    let base = source.body_start();
    if let Some(offset) = too_deep(body) {
        problems.push(ParseError {
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
            too_deep: true,
        };
    }
    let mut resource = match fluent_syntax::parser::parse(body) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            problems.extend(errors.iter().map(|e| explain(source, e)));
            resource
        }
    };
    shrink_lists(&mut resource);
    ParsedFile {
        source,
        resource,
        problems,
        too_deep: false,
    }
}

/// Moves the file's lists into allocations of their length. fluent-syntax
/// collects a pattern's elements with room for four (448 bytes, where most
/// patterns have one element of 112), and the entries, attributes and
/// comment lines with room to double: nearly half of what a one-locale run
/// of the Firefox tree holds would be spare room. Every fresh page costs a
/// page fault, and the parser's next file reuses what is freed, so fitting
/// the lists makes a run faster as well as smaller (see
/// docs/benchmarks.md).
fn shrink_lists(resource: &mut Resource<&str>) {
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

    /// The byte range of the first entry `id` names, its comment included,
    /// up to where the next entry (or comment, or junk) starts: what to
    /// delete to delete the entry.
    pub fn entry_range(&self, id: EntryId<'s>) -> Option<Range<usize>> {
        let body = &self.resource.body;
        let index = body.iter().position(|entry| match (entry, id.kind) {
            (Entry::Message(m), EntryKind::Message) => m.id.name == id.name,
            (Entry::Term(t), EntryKind::Term) => t.id.name == id.name,
            _ => false,
        })?;
        let start = self.entry_start(&body[index])?;
        let end = body[index + 1..]
            .iter()
            .find_map(|entry| self.entry_start(entry))
            .unwrap_or(self.source.text.len());
        Some(start..end)
    }

    /// Where the line an entry (with its comment) starts on begins.
    fn entry_start(&self, entry: &Entry<&'s str>) -> Option<usize> {
        let comment_start = |comment: Option<&Comment<&'s str>>| {
            comment.and_then(|c| c.content.iter().find(|line| !line.is_empty()).copied())
        };
        let first = match entry {
            Entry::Message(m) => comment_start(m.comment.as_ref()).unwrap_or(m.id.name),
            Entry::Term(t) => comment_start(t.comment.as_ref()).unwrap_or(t.id.name),
            Entry::Comment(c) | Entry::GroupComment(c) | Entry::ResourceComment(c) => {
                comment_start(Some(c))?
            }
            Entry::Junk { content } => content,
        };
        let at = self.source.offset_of(first);
        let line = self.source.text[..at]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        // A BOM is the file's, not the first entry's.
        Some(line.max(self.source.body_start()))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<ParseError> {
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
        // Capacity equals length everywhere shrink_lists reaches.
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
            crate::syntax::LineCol { line: 2, column: 1 }
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
}
