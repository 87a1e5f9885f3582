use rustc_hash::FxHashMap as HashMap;

use fluent_syntax::ast::Entry;

use crate::finding::Diagnostic;
use crate::fluent::{EntryId, EntryKind};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a message or term defined twice in one file, and an attribute
    /// defined twice on one message. Every definition after the first is
    /// reported. The same id in two files is not reported: projects load
    /// files into separate bundles (Firefox has `page-title` in many files),
    /// and a translation that adds an id to a second file is already an
    /// `obsolete-message` there.
    ///
    /// ## Why is this bad?
    /// Fluent keeps the first definition and silently drops the others, so the
    /// text a translator last edited may never reach the customer.
    ///
    /// ## Example
    /// ```ftl
    /// refund-subject = Uw terugbetaling
    /// refund-subject = Uw terugbetaling voor bestelling { $orderId }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// refund-subject = Uw terugbetaling voor bestelling { $orderId }
    /// ```
    pub struct DuplicateId {
        id: "duplicate-id",
        severity: Error,
        summary: "a message or term id is defined twice in one file",
    }
}

impl Check for DuplicateId {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'a>, out: &mut Vec<Diagnostic<'a>>) {
        for file in &cx.locale.files {
            let mut seen: HashMap<EntryId, usize> = HashMap::default();
            for id in file.ids() {
                let span = file.entry_id_span(id);
                match seen.get(&id) {
                    None => {
                        seen.insert(id, span.start);
                    }
                    Some(&first) => {
                        let line = file.source.line_col(first).line;
                        out.push(
                            Diagnostic::new(
                                &Self::META,
                                file.source,
                                span,
                                format!("{} is already defined at line {line}", id.described()),
                            )
                            .message_id(id.to_string())
                            .label("Fluent ignores this definition")
                            .help("remove one of the definitions, or rename one"),
                        );
                    }
                }
            }
            for entry in &file.resource.body {
                let (id, attributes) = match entry {
                    Entry::Message(m) => (
                        EntryId {
                            kind: EntryKind::Message,
                            name: m.id.name,
                        },
                        &m.attributes,
                    ),
                    Entry::Term(t) => (
                        EntryId {
                            kind: EntryKind::Term,
                            name: t.id.name,
                        },
                        &t.attributes,
                    ),
                    _ => continue,
                };
                let mut seen: HashMap<&str, usize> = HashMap::default();
                for attribute in attributes {
                    let name = attribute.id.name;
                    let span = file.id_span(name);
                    match seen.get(name) {
                        None => {
                            seen.insert(name, span.start);
                        }
                        Some(&first) => {
                            let line = file.source.line_col(first).line;
                            out.push(
                                Diagnostic::new(&Self::META, file.source, span, format!(
                                    "attribute `.{name}` of `{id}` is already defined at line {line}"
                                ))
                                .message_id(id.to_string())
                                .attribute(Some(name))
                                .label("Fluent ignores this definition")
                                .help("remove one of the definitions"),
                            );
                        }
                    }
                }
            }
        }
    }
}
