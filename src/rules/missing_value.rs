use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule, translated_messages};

declare_rule! {
    /// ## What it does
    /// Reports a message whose reference has a value (text after `=`) while
    /// this locale's message has only attributes.
    ///
    /// ## Why is this bad?
    /// The application shows the value; with none, the customer sees nothing
    /// where the text should be.
    ///
    /// ## Example
    /// ```ftl
    /// # en: survey-button = Take the survey
    /// #         .title = Opens the survey
    /// survey-button =
    ///     .title = Opent de enquête
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// survey-button = Doe mee aan de enquête
    ///     .title = Opent de enquête
    /// ```
    pub struct MissingValue {
        id: "missing-value",
        severity: Error,
        summary: "the reference message has a value this locale's message lacks",
    }
}

impl Check for MissingValue {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for (file, message, (_, reference)) in translated_messages(cx) {
            if reference.value.is_some() && message.value.is_none() {
                out.push(
                    RawFinding::new(
                        &Self::META,
                        file.source,
                        file.id_span(message.id.name),
                        format!(
                            "`{}` has no value, and the {} message has one",
                            message.id.name,
                            cx.reference.map_or("", |r| r.name)
                        ),
                    )
                    .message_id(message.id.name)
                    .help("translate the text after `=`"),
                );
            }
        }
    }
}
