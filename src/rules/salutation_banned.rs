use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address::{self, Formulas};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a salutation that must not open a customer email: the
    /// literal translations of "Dear" that machine translation produces and
    /// no native speaker writes to a customer (Dutch "Lieve", Spanish and
    /// Portuguese "Querido/a", Italian "Carissimo"), and vocative pronouns
    /// ("Hallo Sie", "Hallo du"). The salutation is the start of one of the
    /// first messages of the email; the language packs list what is banned
    /// and what is normal (French "Cher client", German "Liebe Frau Müller"
    /// with `Sie`, Dutch "Beste" are fine).
    ///
    /// ## Why is this bad?
    /// "Lieve Niels" is what a Dutch customer screenshots and shares: "Lieve"
    /// is for family and lovers. It tells the customer in the first word
    /// that a machine wrote the email and nobody read it.
    ///
    /// ## Fix safety
    /// Where the pack gives a neutral salutation (`replace`), the fix writes
    /// it in place of the banned words, placeables untouched: safe.
    ///
    /// ## Example
    /// ```ftl
    /// refund-greeting = Lieve { $name },
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// refund-greeting = Beste { $name },
    /// ```
    pub struct SalutationBanned {
        id: "salutation-banned",
        severity: Error,
        summary: "a salutation that must not open a customer email (\"Lieve\", \"Querido/a\")",
    }
}

impl Check for SalutationBanned {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl SalutationBanned {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::banned(view, listing, &Self::META, Formulas::Salutation)
        })
    }
}
