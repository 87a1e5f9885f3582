use crate::finding::RawFinding;
use crate::rules::references::differing_parts;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a message or term reference (`{ -brand-name }`,
    /// `{ button.label }`) in this locale's message that the reference
    /// message does not have. Each part is compared on its own: the value
    /// with the value, `.title` with `.title`.
    ///
    /// ## Why is this bad?
    /// The translation pulls in text the English email does not show: a
    /// message that was renamed or dropped, another message's attribute
    /// (`{ button.tooltip }` for `{ button.label }`), or a term the product
    /// no longer uses in this sentence. compare-locales reports it as a
    /// warning too.
    ///
    /// ## Example
    /// ```ftl
    /// # en: cta = { button.label } to continue
    /// cta = { button.tooltip } om verder te gaan
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// cta = { button.label } om verder te gaan
    /// ```
    pub struct ObsoleteReference {
        id: "obsolete-reference",
        severity: Warning,
        summary: "the translation references a message or term the reference message does not",
    }
}

impl Check for ObsoleteReference {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        differing_parts(cx, |part| {
            let missing: Vec<String> = part
                .theirs
                .keys()
                .filter(|e| !part.ours.contains_key(*e))
                .map(|e| format!("`{e}`"))
                .collect();
            for (entry, span) in part
                .ours
                .iter()
                .filter(|(e, _)| !part.theirs.contains_key(*e))
            {
                let help = match missing.as_slice() {
                    [one] => format!("the {} message has {one} here", reference.name),
                    _ => format!(
                        "remove it, as the {} message has no `{entry}`",
                        reference.name
                    ),
                };
                out.push(
                    RawFinding::new(
                        &Self::META,
                        part.file.source,
                        span.clone(),
                        format!("`{entry}` is not in the {} message", reference.name),
                    )
                    .message_id(part.message.id.name)
                    .attribute(part.attribute)
                    .help(help),
                );
            }
        });
    }
}
