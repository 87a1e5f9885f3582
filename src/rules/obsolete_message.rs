use crate::syntax::TextSet as HashSet;

use crate::finding::RawFinding;
use crate::fix::{Applicability, Edit, Fix};
use crate::project::locale::LocaleModel;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::{EntryId, EntryKind, Reference, visit_references};

declare_rule! {
    /// ## What it does
    /// Reports a message or term that this locale has in a file and the same
    /// file of the reference locale does not. A term that only this locale
    /// defines is not reported while the locale's own messages use it:
    /// Fluent lets a language add terms for its grammar.
    ///
    /// ## Why is this bad?
    /// The application never asks for it. Usually the message was renamed or
    /// removed in the reference, and the translation of its new version is
    /// missing.
    ///
    /// ## Fix safety
    /// A message the reference no longer has, in any file, is deleted with
    /// its comment: unsafe, since it may have been renamed rather than
    /// dropped. One the reference has in another file moves there by hand.
    ///
    /// ## Example
    /// ```ftl
    /// # en has no `refund-old-subject`
    /// refund-old-subject = Uw terugbetaling
    /// ```
    ///
    /// Use instead: delete the message, or rename it to the id the reference
    /// uses now.
    pub struct ObsoleteMessage {
        id: "obsolete-message",
        severity: Warning,
        summary: "this locale has a message the reference lacks",
    }
}

impl Check for ObsoleteMessage {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        // Walks every pattern: only when a term is obsolete.
        let used_terms = std::cell::OnceCell::new();
        for file in &cx.locale.files {
            let Some(ref_file) = reference.file(&file.source.rel_path) else {
                continue;
            };
            // Most files have the reference's ids in its order: nothing to
            // look up.
            if file.ids().eq(ref_file.ids()) {
                continue;
            }
            let expected: HashSet<EntryId> = ref_file.ids().collect();
            let mut seen = HashSet::default();
            for id in file.ids() {
                if expected.contains(&id) || !seen.insert(id) {
                    continue;
                }
                let elsewhere = reference.defining_file(id);
                if id.kind == EntryKind::Term
                    && elsewhere.is_none()
                    && used_terms
                        .get_or_init(|| used_terms_of(cx.locale))
                        .contains(id.name)
                {
                    continue;
                }
                // A message the reference no longer has can go; one it has
                // in another file moves there by hand.
                let fix = match (elsewhere, file.entry_range(id)) {
                    (None, Some(range)) => Some(Fix::new(
                        format!("Delete {}", id.described()),
                        Applicability::Unsafe,
                        vec![Edit::replace(range, "")],
                    )),
                    _ => None,
                };
                let (message, help) = match elsewhere {
                    Some(other) => (
                        format!(
                            "{} is in {}'s `{}`, not in this file",
                            id.described(),
                            reference.name,
                            other.source.rel_path
                        ),
                        format!("move it to `{}`", other.source.rel_path),
                    ),
                    None => (
                        format!("{} is not in {}", id.described(), reference.name),
                        format!(
                            "delete it, or rename it to the id {} uses now",
                            reference.name
                        ),
                    ),
                };
                let mut finding =
                    RawFinding::new(&Self::META, file.source, file.entry_id_span(id), message)
                        .message_id(id.to_string())
                        .help(help);
                if let Some(fix) = fix {
                    finding = finding.fix(fix);
                }
                out.push(finding);
            }
        }
    }
}

/// The terms the locale's messages and terms reference.
fn used_terms_of<'s>(locale: &LocaleModel<'s>) -> HashSet<&'s str> {
    let mut used = HashSet::default();
    for file in &locale.files {
        for message in file.messages() {
            for (_, pattern) in crate::syntax::patterns(message) {
                visit_references(pattern, &mut |r| {
                    if let Reference::Term(name, _) = r {
                        used.insert(name);
                    }
                });
            }
        }
        for term in file.terms() {
            let patterns =
                std::iter::once(&term.value).chain(term.attributes.iter().map(|a| &a.value));
            for pattern in patterns {
                visit_references(pattern, &mut |r| {
                    if let Reference::Term(name, _) = r {
                        used.insert(name);
                    }
                });
            }
        }
    }
    used
}
