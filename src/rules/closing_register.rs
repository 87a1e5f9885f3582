use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address::{self, Formulas};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a sign-off whose register contradicts the email: an archaic
    /// formal one ("Hoogachtend", "Hochachtungsvoll", "Veuillez agréer…") in
    /// an email that addresses the reader informally, or a chummy one
    /// ("Groetjes", "Liebe Grüße", "Bises") in a formal email.
    ///
    /// ## Why is this bad?
    /// The last words of an email set the tone the customer remembers;
    /// "Hoogachtend" under a `je` email reads as a template nobody adapted.
    ///
    /// ## Fix safety
    /// Where the pack gives a neutral sign-off (`replace`), the fix writes it
    /// instead: unsafe, for a reader to check.
    ///
    /// ## Example
    /// ```ftl
    /// closing = Hoogachtend,
    /// body = Bedankt voor je bestelling!
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// closing = Groeten,
    /// body = Bedankt voor je bestelling!
    /// ```
    pub struct ClosingRegister {
        id: "closing-register",
        severity: Warning,
        summary: "a sign-off whose register contradicts the email (\"Hoogachtend\" with `je`)",
    }
}

impl Check for ClosingRegister {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl ClosingRegister {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::formula_register(view, listing, &Self::META, Formulas::Closing)
        })
    }
}
