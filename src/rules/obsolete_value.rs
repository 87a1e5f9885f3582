use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule, translated_messages};

declare_rule! {
    /// ## What it does
    /// Reports a message with a value (text after `=`) where the reference
    /// message has only attributes.
    ///
    /// ## Why is this bad?
    /// The application does not expect a value. Where it uses the message to
    /// fill an element, a value replaces the element's content.
    ///
    /// ## Example
    /// ```ftl
    /// # en: survey-link =
    /// #         .title = Opens the survey
    /// survey-link = Enquête
    ///     .title = Opent de enquête
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// survey-link =
    ///     .title = Opent de enquête
    /// ```
    pub struct ObsoleteValue {
        id: "obsolete-value",
        severity: Warning,
        summary: "this locale's message has a value the reference message lacks",
    }
}

impl Check for ObsoleteValue {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for (file, message, (_, reference)) in translated_messages(cx) {
            if reference.value.is_none() && message.value.is_some() {
                out.push(
                    RawFinding::new(
                        &Self::META,
                        file.source,
                        file.id_span(message.id.name),
                        format!(
                            "`{}` has a value, and the {} message has none",
                            message.id.name,
                            cx.reference.map_or("", |r| r.name)
                        ),
                    )
                    .message_id(message.id.name)
                    .help("remove the text after `=` and keep the attributes"),
                );
            }
        }
    }
}
