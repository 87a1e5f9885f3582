use crate::finding::RawFinding;
use crate::rules::{AttributeIndex, Check, Context, RuleMeta, declare_rule, translated_messages};

declare_rule! {
    /// ## What it does
    /// Reports an attribute that this locale's message has and the reference
    /// message does not.
    ///
    /// ## Why is this bad?
    /// The application never reads it: often the attribute was renamed in
    /// the reference (`.title` became `.aria-label`) and the text the
    /// customer needs is missing.
    ///
    /// ## Example
    /// ```ftl
    /// # en: track-link = Track your parcel
    /// #         .aria-label = Track your parcel on the carrier's website
    /// track-link = Volg uw pakket
    ///     .title = Volg uw pakket op de website van de vervoerder
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// track-link = Volg uw pakket
    ///     .aria-label = Volg uw pakket op de website van de vervoerder
    /// ```
    pub struct ObsoleteAttribute {
        id: "obsolete-attribute",
        severity: Warning,
        summary: "this locale's message has an attribute the reference message lacks",
    }
}

impl Check for ObsoleteAttribute {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for (file, message, (_, reference)) in translated_messages(cx) {
            if message.attributes.is_empty() {
                continue;
            }
            let referenced = AttributeIndex::new(&reference.attributes);
            for attribute in &message.attributes {
                let name = attribute.id.name;
                if referenced.get(name).is_some() {
                    continue;
                }
                out.push(
                    RawFinding::new(
                        &Self::META,
                        file.source,
                        file.id_span(name),
                        format!(
                            "attribute `.{name}` of `{}` is not in {}",
                            message.id.name,
                            cx.reference.map_or("", |r| r.name)
                        ),
                    )
                    .message_id(message.id.name)
                    .attribute(Some(name))
                    .help("delete it, or rename it to the attribute the reference uses now"),
                );
            }
        }
    }
}
