use crate::finding::RawFinding;
use crate::rules::{AttributeIndex, Check, Context, RuleMeta, declare_rule, translated_messages};

declare_rule! {
    /// ## What it does
    /// Reports an attribute (`.title`, `.aria-label`, `.alt`) that the
    /// reference message has and this locale's message lacks.
    ///
    /// ## Why is this bad?
    /// Attributes carry text the customer reads or hears: link titles,
    /// image descriptions, button labels for screen readers. A missing one
    /// is left empty or shown in the fallback language.
    ///
    /// ## Example
    /// ```ftl
    /// # en: track-link = Track your parcel
    /// #         .title = Opens the carrier's website
    /// track-link = Volg uw pakket
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// track-link = Volg uw pakket
    ///     .title = Opent de website van de vervoerder
    /// ```
    pub struct MissingAttribute {
        id: "missing-attribute",
        severity: Error,
        summary: "the reference message has an attribute this locale's message lacks",
    }
}

impl Check for MissingAttribute {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for (file, message, (ref_file, reference)) in translated_messages(cx) {
            if reference.attributes.is_empty() {
                continue;
            }
            let translated = AttributeIndex::new(&message.attributes);
            for attribute in &reference.attributes {
                let name = attribute.id.name;
                if translated.get(name).is_some() {
                    continue;
                }
                let line = ref_file.source.line_col(ref_file.id_span(name).start).line;
                out.push(
                    RawFinding::new(
                        &Self::META,
                        file.source,
                        file.id_span(message.id.name),
                        format!("attribute `.{name}` of `{}` is missing", message.id.name),
                    )
                    .message_id(message.id.name)
                    .attribute(Some(name))
                    .label(format!("`.{name}` is missing here"))
                    .help(format!("translate it from {}:{line}", ref_file.source.path)),
                );
            }
        }
    }
}
