use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address::{self, Formulas};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a sign-off that must not close a customer email: intimate
    /// ones (Dutch "Liefs", "Kusjes", French "Bisous", Spanish "Besos"), an
    /// error, and the literal translations of "Sincerely" or "Warm regards"
    /// that machine translation produces ("Oprecht", "Sincèrement",
    /// "Aufrichtig", "Warme Grüße"), a warning. Sign-offs are looked for at
    /// the start of a sentence in the last messages of the email.
    ///
    /// ## Why is this bad?
    /// A support email that ends with kisses, or with a word-for-word
    /// "Sincerely" nobody uses in the language, undoes the care put into the
    /// rest of it.
    ///
    /// ## Fix safety
    /// Where the pack gives a neutral sign-off (`replace`), the fix writes it
    /// in place of the banned words: safe.
    ///
    /// ## Example
    /// ```ftl
    /// footer-signature = Oprecht, { -support-team }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// footer-signature = Met vriendelijke groet, { -support-team }
    /// ```
    pub struct ClosingBanned {
        id: "closing-banned",
        severity: Error,
        summary: "a sign-off that must not close a customer email (\"Liefs\", \"Oprecht\")",
    }
}

impl Check for ClosingBanned {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl ClosingBanned {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::banned(view, listing, &Self::META, Formulas::Closing)
        })
    }
}
