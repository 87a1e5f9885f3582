//! A locale as the rules see it: its parsed files and an index of every
//! message and term id. Built per locale and dropped when the locale is done.

use crate::syntax::{TextMap as HashMap, TextSet as HashSet};
use std::collections::BTreeMap;
use std::collections::hash_map::Entry as Slot;

use rayon::prelude::*;

use fluent_syntax::ast::{Entry, Message, Pattern, Term};
use unic_langid::LanguageIdentifier;

use crate::project::LocaleDir;
use crate::syntax::SourceFile;
use crate::syntax::{
    EntryId, EntryKind, ParsedFile, Reference, parse, visit_references_in_context,
};

/// How deep message references are followed when collecting what a pattern
/// pulls in; real emails nest two or three levels.
pub const MAX_REFERENCE_DEPTH: usize = 32;

/// Where an entry is: the index of its file and of the entry in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryRef {
    pub file: usize,
    pub entry: usize,
}

/// A parsed locale.
pub struct LocaleModel<'s> {
    pub dir: &'s LocaleDir,
    /// The locale folder's name, as the user wrote it (`nl`, `pt-BR`).
    pub name: &'s str,
    pub langid: &'s LanguageIdentifier,
    /// The parsed files, sorted by path below the locale folder.
    pub files: Vec<ParsedFile<'s>>,
    messages: Index<'s>,
    terms: Index<'s>,
    by_path: HashMap<&'s str, usize>,
}

/// Where each id is defined: the first definition (the one Fluent resolves)
/// apart from the rare later ones, so that an id costs no allocation.
#[derive(Default)]
struct Index<'s> {
    first: HashMap<&'s str, EntryRef>,
    later: HashMap<&'s str, Vec<EntryRef>>,
}

impl<'s> Index<'s> {
    fn with_capacity(capacity: usize) -> Self {
        Index {
            first: HashMap::with_capacity_and_hasher(capacity, Default::default()),
            later: HashMap::default(),
        }
    }

    fn insert(&mut self, id: &'s str, at: EntryRef) {
        match self.first.entry(id) {
            Slot::Vacant(vacant) => {
                vacant.insert(at);
            }
            Slot::Occupied(_) => self.later.entry(id).or_default().push(at),
        }
    }

    fn first(&self, id: &str) -> Option<EntryRef> {
        self.first.get(id).copied()
    }

    /// Every definition of `id`, the first first.
    fn all(&self, id: &str) -> impl Iterator<Item = EntryRef> {
        self.first(id)
            .into_iter()
            .chain(self.later.get(id).into_iter().flatten().copied())
    }
}

impl<'s> LocaleModel<'s> {
    /// Parses `sources` (sorted by relative path) and indexes their entries.
    pub fn new(dir: &'s LocaleDir, sources: &'s [SourceFile]) -> Self {
        let files: Vec<ParsedFile<'s>> = sources.par_iter().map(parse).collect();
        let entries = files.iter().map(|f| f.resource.body.len()).sum();
        let mut messages = Index::with_capacity(entries);
        let mut terms = Index::default();
        let mut by_path = HashMap::with_capacity_and_hasher(files.len(), Default::default());
        for (file_index, file) in files.iter().enumerate() {
            by_path.insert(file.source.rel_path.as_str(), file_index);
            for (entry_index, entry) in file.resource.body.iter().enumerate() {
                let at = EntryRef {
                    file: file_index,
                    entry: entry_index,
                };
                match entry {
                    Entry::Message(message) => messages.insert(message.id.name, at),
                    Entry::Term(term) => terms.insert(term.id.name, at),
                    _ => {}
                }
            }
        }
        LocaleModel {
            dir,
            name: &dir.name,
            langid: &dir.langid,
            files,
            messages,
            terms,
            by_path,
        }
    }

    /// The index in [`LocaleModel::files`] of the file at `rel_path`.
    pub fn file_index(&self, rel_path: &str) -> Option<usize> {
        self.by_path.get(rel_path).copied()
    }

    /// The file at `rel_path` below the locale folder.
    pub fn file(&self, rel_path: &str) -> Option<&ParsedFile<'s>> {
        self.by_path.get(rel_path).map(|&i| &self.files[i])
    }

    /// The message `id` as Fluent resolves it: the first definition wins.
    pub fn message(&self, id: &str) -> Option<(&ParsedFile<'s>, &Message<&'s str>)> {
        self.indexed_message(id)
            .map(|(file, message)| (&self.files[file], message))
    }

    /// [`LocaleModel::message`] with the index of the file in
    /// [`LocaleModel::files`].
    pub fn indexed_message(&self, id: &str) -> Option<(usize, &Message<&'s str>)> {
        let at = self.messages.first(id)?;
        match &self.files[at.file].resource.body[at.entry] {
            Entry::Message(message) => Some((at.file, message)),
            _ => None,
        }
    }

    /// The message `id` of the file at `rel_path` where that file defines
    /// it, else the one Fluent resolves: beside a translation, the
    /// reference's own file says what its message says (Thunderbird's chat
    /// protocols each have a `command-kick`, in `irc.ftl`, `xmpp.ftl`…).
    pub fn message_in(
        &self,
        rel_path: &str,
        id: &str,
    ) -> Option<(&ParsedFile<'s>, &Message<&'s str>)> {
        self.message_in_file(self.file_index(rel_path), id)
    }

    /// [`LocaleModel::message_in`] for the file of index `file`, if any:
    /// a caller that reads many messages of one file looks it up once.
    pub fn message_in_file(
        &self,
        file: Option<usize>,
        id: &str,
    ) -> Option<(&ParsedFile<'s>, &Message<&'s str>)> {
        let first = self.messages.first(id)?;
        // Nearly always the first definition is the file's own, or the only
        // one: the later ones are looked at only where it is not.
        let at = match file {
            Some(file) if first.file != file => self
                .messages
                .later
                .get(id)
                .and_then(|later| later.iter().find(|at| at.file == file))
                .copied()
                .unwrap_or(first),
            _ => first,
        };
        match &self.files[at.file].resource.body[at.entry] {
            Entry::Message(message) => Some((&self.files[at.file], message)),
            _ => None,
        }
    }

    /// The value of [`LocaleModel::message_in`], or its attribute.
    pub fn message_pattern_in(
        &self,
        rel_path: &str,
        id: &str,
        attribute: Option<&str>,
    ) -> Option<&Pattern<&'s str>> {
        self.pattern_in_file(self.file_index(rel_path), id, attribute)
    }

    /// The value or attribute of [`LocaleModel::message_in_file`].
    fn pattern_in_file(
        &self,
        file: Option<usize>,
        id: &str,
        attribute: Option<&str>,
    ) -> Option<&Pattern<&'s str>> {
        let (_, message) = self.message_in_file(file, id)?;
        match attribute {
            None => message.value.as_ref(),
            Some(name) => crate::syntax::attribute(&message.attributes, name).map(|a| &a.value),
        }
    }

    /// Whether the file at index `file` defines the message `id`.
    pub fn defines_message_in(&self, file: usize, id: &str) -> bool {
        self.messages.all(id).any(|at| at.file == file)
    }

    /// The term `-id` (without its dash) as Fluent resolves it.
    pub fn term(&self, id: &str) -> Option<(&ParsedFile<'s>, &Term<&'s str>)> {
        self.indexed_term(id)
            .map(|(file, term)| (&self.files[file], term))
    }

    /// [`LocaleModel::term`] with the index of the file in
    /// [`LocaleModel::files`].
    pub fn indexed_term(&self, id: &str) -> Option<(usize, &Term<&'s str>)> {
        let at = self.terms.first(id)?;
        match &self.files[at.file].resource.body[at.entry] {
            Entry::Term(term) => Some((at.file, term)),
            _ => None,
        }
    }

    /// The entry at `at`.
    pub fn entry(&self, at: EntryRef) -> (&ParsedFile<'s>, &Entry<&'s str>) {
        let file = &self.files[at.file];
        (file, &file.resource.body[at.entry])
    }

    /// The file that defines `id` first, if any.
    pub fn defining_file(&self, id: EntryId<'_>) -> Option<&ParsedFile<'s>> {
        let index = match id.kind {
            EntryKind::Message => &self.messages,
            EntryKind::Term => &self.terms,
        };
        Some(&self.files[index.first(id.name)?.file])
    }

    /// Whether some message id is defined more than once: else every
    /// message is the one Fluent resolves for its id.
    pub fn has_duplicate_messages(&self) -> bool {
        !self.messages.later.is_empty()
    }

    /// The number of messages, duplicates counted once.
    pub fn message_count(&self) -> usize {
        self.messages.first.len()
    }

    /// The pattern of `message` (its value, or the attribute `attribute`).
    pub fn message_pattern(&self, id: &str, attribute: Option<&str>) -> Option<&Pattern<&'s str>> {
        // Of no file: the first definition, the one Fluent resolves.
        self.pattern_in_file(None, id, attribute)
    }

    /// The value of term `id` (without its dash), or its attribute.
    pub fn term_pattern(&self, id: &str, attribute: Option<&str>) -> Option<&Pattern<&'s str>> {
        let (_, term) = self.term(id)?;
        match attribute {
            None => Some(&term.value),
            Some(name) => crate::syntax::attribute(&term.attributes, name).map(|a| &a.value),
        }
    }

    /// The variables a pattern uses, following message references (which
    /// receive the same arguments) up to [`MAX_REFERENCE_DEPTH`] levels. The
    /// value is `true` when the variable is shown somewhere, `false` when it
    /// only selects a variant.
    pub fn pattern_variables(&self, pattern: &Pattern<&'s str>) -> BTreeMap<&'s str, bool> {
        let mut variables: BTreeMap<&'s str, bool> = BTreeMap::new();
        let mut visited: HashSet<(&'s str, Option<&'s str>)> = HashSet::default();
        let mut stack = vec![(pattern, 0)];
        while let Some((pattern, depth)) = stack.pop() {
            visit_references_in_context(pattern, &mut |reference, selector| match reference {
                Reference::Variable(name) => *variables.entry(name).or_default() |= !selector,
                Reference::Message(id, attribute)
                    if depth < MAX_REFERENCE_DEPTH && visited.insert((id, attribute)) =>
                {
                    if let Some(target) = self.message_pattern(id, attribute) {
                        stack.push((target, depth + 1));
                    }
                }
                _ => {}
            });
        }
        variables
    }
}
