use crate::syntax::TextSet as HashSet;

use fluent_syntax::ast::Entry;

use crate::finding::RawFinding;
use crate::rules::{AttributeIndex, Check, Context, RuleMeta, declare_rule};
use crate::syntax::{EntryId, EntryKind};

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

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for file in &cx.locale.files {
            // The first definition of each id: its name is a slice of the
            // file, which says where it is.
            let mut seen: HashSet<EntryId> =
                HashSet::with_capacity_and_hasher(file.resource.body.len(), Default::default());
            for id in file.ids() {
                match seen.get(&id) {
                    None => {
                        seen.insert(id);
                    }
                    Some(&first) => {
                        let line = file.source.line_col(file.entry_id_span(first).start).line;
                        out.push(
                            RawFinding::new(
                                &Self::META,
                                file.source,
                                file.entry_id_span(id),
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
                // The attribute Fluent finds by a name is the first of it.
                let index = AttributeIndex::new(attributes);
                for attribute in attributes {
                    let name = attribute.id.name;
                    let Some(first) = index.get(name).filter(|f| !std::ptr::eq(*f, attribute))
                    else {
                        continue;
                    };
                    let line = file.source.line_col(file.id_span(first.id.name).start).line;
                    out.push(
                        RawFinding::new(
                            &Self::META,
                            file.source,
                            file.id_span(name),
                            format!(
                                "attribute `.{name}` of `{id}` is already defined at line {line}"
                            ),
                        )
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
