use crate::finding::RawFinding;
use crate::rules::references::differing_parts;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a message or term reference (`{ -brand-name }`,
    /// `{ button.label }`) that the reference message has and this locale's
    /// message does not. Each part is compared on its own: the value with
    /// the value, `.title` with `.title`. A term's attribute used as a
    /// selector (`{ -brand.gender -> … }`) is not a reference to compare.
    ///
    /// ## Why is this bad?
    /// A term holds what must be written one way everywhere: the brand, the
    /// product, the name of the team that signs the email. A translation
    /// that writes the brand by hand is not updated when the term is, and a
    /// translation that leaves it out drops what the customer should read.
    /// compare-locales reports it as a warning too.
    ///
    /// ## Example
    /// ```ftl
    /// # en: signature = The { -brand-name } team
    /// signature = Das Tulip-Team
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// signature = Das { -brand-name }-Team
    /// ```
    pub struct MissingReference {
        id: "missing-reference",
        severity: Warning,
        summary: "the reference message references a message or term the translation does not",
    }
}

impl Check for MissingReference {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        differing_parts(cx, |part| {
            for entry in part.theirs.keys().filter(|e| !part.ours.contains_key(*e)) {
                out.push(
                    RawFinding::new(
                        &Self::META,
                        part.file.source,
                        part.id_span(),
                        format!(
                            "`{entry}` from the {} message is not in this translation",
                            reference.name
                        ),
                    )
                    .message_id(part.message.id.name)
                    .attribute(part.attribute)
                    .subject(entry.to_string())
                    .label(format!("`{entry}` is missing here"))
                    .help(format!(
                        "write `{entry}` where the {} message has it, rather than its text",
                        reference.name
                    )),
                );
            }
        });
    }
}
