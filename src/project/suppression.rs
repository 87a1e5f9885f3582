//! `# etiquette-ignore[: rules]` on a message and `### etiquette-ignore-file:
//! rules` in a file: what they silence, and which of them silenced
//! nothing.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use fluent_syntax::ast::Entry;

use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::syntax::{ParsedFile, SourceFile, TextMap as HashMap, comment_lines};

/// The directive on a message or term.
pub const MESSAGE: &str = "etiquette-ignore";
/// The directive in a resource comment (`###`), for the whole file.
pub const FILE: &str = "etiquette-ignore-file";

/// One directive, where it is written.
#[derive(Debug)]
pub struct Directive<'a> {
    pub source: &'a SourceFile,
    /// The comment line that holds it.
    pub span: Range<usize>,
    /// The rule ids it names; `None` silences every rule.
    pub rules: Option<Vec<&'a str>>,
    /// Where it applies.
    pub scope: Scope<'a>,
    /// Whether it silenced a finding in this run.
    used: AtomicBool,
}

/// What a directive applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The whole file (`### etiquette-ignore-file`).
    File,
    /// One message or term (its id, a term's with its dash).
    Message(&'a str),
    /// Nothing: a message directive in a comment no message owns (a blank
    /// line, or a comment of another level, stands between them), or a
    /// file directive outside a resource comment.
    Detached,
}

/// The directives of one locale's files.
pub struct Suppressions<'a> {
    pub directives: Vec<Directive<'a>>,
    /// By file path: the file directives' indices.
    files: HashMap<&'a str, Vec<usize>>,
    /// By (file path, message id): the message directives' indices.
    messages: HashMap<(&'a str, &'a str), Vec<usize>>,
}

impl<'a> Suppressions<'a> {
    pub fn new(locale: &'a LocaleModel<'a>) -> Self {
        let mut directives = Vec::new();
        for file in &locale.files {
            collect(file, &mut directives);
        }
        let mut files: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut messages: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        for (i, directive) in directives.iter().enumerate() {
            let path = directive.source.path.as_str();
            match directive.scope {
                Scope::File => files.entry(path).or_default().push(i),
                Scope::Message(id) => messages.entry((path, id)).or_default().push(i),
                Scope::Detached => {}
            }
        }
        Suppressions {
            directives,
            files,
            messages,
        }
    }

    /// Whether a directive silences `finding`; the first that does is
    /// marked used.
    pub fn silences(&self, finding: &RawFinding) -> bool {
        let id = finding.rule.id;
        let path = finding.source.path.as_str();
        let for_message = finding
            .message_id
            .as_deref()
            .and_then(|message| self.messages.get(&(path, message)));
        let found = self
            .files
            .get(path)
            .into_iter()
            .chain(for_message)
            .flatten()
            .map(|&i| &self.directives[i])
            .find(|directive| directive.names(id));
        if let Some(directive) = found {
            directive.used.store(true, Ordering::Relaxed);
        }
        found.is_some()
    }
}

impl Directive<'_> {
    /// Whether the directive names rule `id`: itself, a prefix of it
    /// (`register` for `register-mix`), or every rule.
    pub fn names(&self, id: &str) -> bool {
        match &self.rules {
            None => true,
            Some(rules) => rules
                .iter()
                .any(|r| *r == id || id.strip_prefix(r).is_some_and(|rest| rest.starts_with('-'))),
        }
    }

    /// Whether it silenced a finding in this run.
    pub fn used(&self) -> bool {
        self.used.load(Ordering::Relaxed)
    }
}

/// The directives of `file`, each where its comment line is.
fn collect<'a>(file: &'a ParsedFile<'a>, into: &mut Vec<Directive<'a>>) {
    let mut push = |line: &'a str, rules, scope| {
        into.push(Directive {
            source: file.source,
            span: file.span(line),
            rules,
            scope,
            used: AtomicBool::new(false),
        })
    };
    for entry in &file.resource.body {
        let (comment, owner, resource) = match entry {
            Entry::Message(m) => (m.comment.as_ref(), Some(m.id.name), false),
            Entry::Term(t) => (t.comment.as_ref(), Some(t.id.name), false),
            Entry::ResourceComment(c) => (Some(c), None, true),
            Entry::Comment(c) | Entry::GroupComment(c) => (Some(c), None, false),
            Entry::Junk { .. } => continue,
        };
        for line in comment_lines(comment) {
            if let Some(rules) = directive(line, FILE) {
                push(
                    line,
                    rules,
                    if resource {
                        Scope::File
                    } else {
                        Scope::Detached
                    },
                );
            } else if let Some(rules) = directive(line, MESSAGE) {
                let scope = match (owner, entry) {
                    // Findings name terms with their dash.
                    (Some(_), Entry::Term(t)) => {
                        let span = file.term_span(t.id.name);
                        Scope::Message(&file.source.text[span])
                    }
                    (Some(name), _) => Scope::Message(name),
                    (None, _) => Scope::Detached,
                };
                push(line, rules, scope);
            }
        }
    }
}

/// Parses `NAME` or `NAME: rule, rule` in a comment line: `None` inside the
/// result means every rule.
pub fn directive<'a>(line: &'a str, name: &str) -> Option<Option<Vec<&'a str>>> {
    let rest = line.trim().strip_prefix(name)?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(None);
    }
    let list = rest.strip_prefix(':')?;
    let rules: Vec<&str> = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    Some(if rules.is_empty() { None } else { Some(rules) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(directive("etiquette-ignore", MESSAGE), Some(None));
        assert_eq!(
            directive(" etiquette-ignore: register-mix, missing ", MESSAGE),
            Some(Some(vec!["register-mix", "missing"]))
        );
        assert_eq!(directive("etiquette-ignore-file: x", MESSAGE), None);
        assert_eq!(directive("something else", MESSAGE), None);
    }
}
