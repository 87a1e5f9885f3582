use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address::{self, Formulas};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a salutation whose register contradicts the email: a formal
    /// one ("Geachte", "Sehr geehrte", "Madame, Monsieur", "Estimado") in an
    /// email that addresses the reader informally is an error; an informal
    /// one ("Hoi", "Salut", "Ciao") in a formal email is a warning. The
    /// salutation also votes in the email's register, like a sentence.
    ///
    /// ## Why is this bad?
    /// "Sehr geehrte Frau Meier" followed by `du` reads as a form letter
    /// that was edited halfway; the customer notices the seam.
    ///
    /// ## Fix safety
    /// Where the pack gives a neutral salutation (`replace`), the fix writes
    /// it instead: unsafe, for a reader to check that it fits the sentence.
    ///
    /// ## Example
    /// ```ftl
    /// greeting = Sehr geehrte Frau { $name },
    /// body = hier ist dein Code.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// greeting = Hallo { $name },
    /// body = hier ist dein Code.
    /// ```
    pub struct SalutationRegister {
        id: "salutation-register",
        severity: Error,
        summary: "a salutation whose register contradicts the email (\"Geachte …\" with `je`)",
    }
}

impl Check for SalutationRegister {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl SalutationRegister {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::formula_register(view, listing, &Self::META, Formulas::Salutation)
        })
    }
}
