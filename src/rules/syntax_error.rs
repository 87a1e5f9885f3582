use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports every place where a file does not parse as Fluent, in words a
    /// translator understands: a tab used as indentation, a `{` that is never
    /// closed, a select without a default variant. The rest of the file, and
    /// every other file, is still checked.
    ///
    /// ## Why is this bad?
    /// Fluent skips an entry it cannot parse. The message is then missing from
    /// the email, or the application falls back to another language, and
    /// nobody notices until a customer does.
    ///
    /// ## Example
    /// ```ftl
    /// welcome = Welkom, { $name !
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// welcome = Welkom, { $name }!
    /// ```
    pub struct SyntaxError {
        id: "syntax-error",
        severity: Error,
        summary: "the file does not parse; points at the failure and keeps checking the rest",
    }
}

impl Check for SyntaxError {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        for file in &cx.locale.files {
            for problem in &file.problems {
                let mut finding = RawFinding::new(
                    &Self::META,
                    file.source,
                    problem.span.clone(),
                    &problem.message,
                );
                if let Some(id) = &problem.entry_id {
                    finding = finding.message_id(id.clone());
                }
                if let Some(label) = &problem.label {
                    finding = finding.label(label.clone());
                }
                if let Some(help) = &problem.help {
                    finding = finding.help(help.clone());
                }
                out.push(finding);
            }
        }
    }
}
