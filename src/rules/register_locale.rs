use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an address marker that contradicts the register declared for
    /// the locale, in `etiquette.toml` (`[register] nl = "formal"`) or with
    /// `--register nl=formal`. With a declaration every email of the locale
    /// is judged against it, not by its majority; the branch of a
    /// `$formality` select still decides its own register. Markers are found
    /// as for `register-mix`.
    ///
    /// ## Why is this bad?
    /// A brand addresses its customers one way. A Dutch shop that says `u`
    /// should not send an email that says `je` throughout, even if that email
    /// is consistent with itself.
    ///
    /// ## Fix safety
    /// As for `register-mix`: a stock phrase is swapped for its wording in the
    /// declared register.
    ///
    /// ## Example
    /// ```toml
    /// [register]
    /// nl = "formal"
    /// ```
    /// ```ftl
    /// survey-intro = Hoe tevreden ben je over onze service?
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// survey-intro = Hoe tevreden bent u over onze service?
    /// ```
    pub struct RegisterLocale {
        id: "register-locale",
        severity: Error,
        summary: "a marker contradicts the register declared for the locale",
    }
}

impl Check for RegisterLocale {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl RegisterLocale {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::other_register(view, listing, &Self::META, true)
        })
    }
}
