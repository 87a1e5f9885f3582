//! What `missing-reference` and `obsolete-reference` share: each part of a
//! translated message (its value, each attribute) beside the same part of
//! the reference, with the messages and terms each one references.

use std::collections::BTreeMap;
use std::ops::Range;

use fluent_syntax::ast::{Message, Pattern};

use crate::rules::{Context, translated_parts};
use crate::syntax::{ParsedFile, Reference, visit_references};

/// A message or term a pattern references: `-brand-name`, `button.label`.
/// A term's attribute (`-brand.gender`) is no reference to compare: Fluent
/// allows it only as a selector, on text the term keeps to itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct EntryReference<'s> {
    pub term: bool,
    pub name: &'s str,
    pub attribute: Option<&'s str>,
}

impl std::fmt::Display for EntryReference<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dash = if self.term { "-" } else { "" };
        match self.attribute {
            Some(attribute) => write!(f, "{{ {dash}{}.{attribute} }}", self.name),
            None => write!(f, "{{ {dash}{} }}", self.name),
        }
    }
}

/// The messages and terms `pattern` references, each with where it is
/// first written in `file`.
pub(super) fn entry_references<'s>(
    file: &ParsedFile<'s>,
    pattern: &Pattern<&'s str>,
) -> BTreeMap<EntryReference<'s>, Range<usize>> {
    let mut found = BTreeMap::new();
    visit_references(pattern, &mut |reference| {
        let (reference, dash) = match reference {
            Reference::Message(name, attribute) => (
                EntryReference {
                    term: false,
                    name,
                    attribute,
                },
                0,
            ),
            Reference::Term(name, None) => (
                EntryReference {
                    term: true,
                    name,
                    attribute: None,
                },
                1,
            ),
            _ => return,
        };
        found.entry(reference).or_insert_with(|| {
            let span = file.span(reference.name);
            let end = reference
                .attribute
                .map_or(span.end, |attribute| file.span(attribute).end);
            span.start - dash..end
        });
    });
    found
}

/// One part of a translated message beside the reference's.
pub(super) struct ComparedPart<'a> {
    pub file: &'a ParsedFile<'a>,
    pub message: &'a Message<&'a str>,
    /// `None` for the value.
    pub attribute: Option<&'a str>,
    /// What the translation references.
    pub ours: BTreeMap<EntryReference<'a>, Range<usize>>,
    /// What the reference's part references.
    pub theirs: BTreeMap<EntryReference<'a>, Range<usize>>,
}

impl ComparedPart<'_> {
    /// Where a finding about the whole part points: the message's id, or
    /// the attribute's.
    pub fn id_span(&self) -> Range<usize> {
        self.file
            .id_span(self.attribute.unwrap_or(self.message.id.name))
    }
}

/// Calls `each` for every part of a translated message whose references
/// differ from the reference's part.
pub(super) fn differing_parts<'a>(cx: &Context<'_, 'a>, mut each: impl FnMut(ComparedPart<'a>)) {
    translated_parts(cx, |part| {
        let ours = entry_references(part.file, part.pattern);
        let theirs = entry_references(part.ref_file, part.ref_pattern);
        if !ours.keys().eq(theirs.keys()) {
            each(ComparedPart {
                file: part.file,
                message: part.message,
                attribute: part.attribute,
                ours,
                theirs,
            });
        }
    });
}
