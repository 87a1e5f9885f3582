//! `calque`: the calques of the language packs, matched in every variant of
//! every message.

use fluent_syntax::ast::Pattern;

use crate::analysis::phrases::{Matched, packs_for, phrase_matches, phrase_start};
use crate::analysis::prefilter::may_write_word;
use crate::finding::RawFinding;
use crate::fix::{Applicability, Fix};
use crate::packs::Pack;
use crate::project::locale::LocaleModel;
use crate::rules::written::{each_written, per_file};
use crate::rules::{Check, Context, Listing, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a phrase that machine translation makes of an English
    /// formula and no native writer uses: "Ich hoffe, diese E-Mail findet Sie
    /// gut", "J'espère que ce courriel vous trouve bien", "Ik hoop dat deze
    /// e-mail u goed bereikt". The phrases are data in the language packs,
    /// with the idiomatic wording in the help.
    ///
    /// ## Why is this bad?
    /// The customer reads English sentence structure with local words, and
    /// knows at once that nobody who speaks the language wrote the email.
    ///
    /// ## Fix safety
    /// Where the pack gives the idiomatic wording (`replace`), the fix writes
    /// it in place of the calque: safe.
    ///
    /// ## Example
    /// ```ftl
    /// intro = Ich hoffe, diese E-Mail findet Sie gut.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// intro = Ich hoffe, es geht Ihnen gut.
    /// ```
    pub struct Calque {
        id: "calque",
        severity: Warning,
        summary: "a word-for-word translation of an English formula (\"diese E-Mail findet Sie gut\")",
    }
}

impl Check for Calque {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(
            cx.locale,
            &packs_for(&cx.settings.packs, cx.locale),
        ));
    }
}

impl Calque {
    /// The calques of `packs` in every pattern of the locale.
    pub(crate) fn findings<'a>(locale: &LocaleModel<'a>, packs: &[&Pack]) -> Vec<RawFinding<'a>> {
        if packs.is_empty() {
            return Vec::new();
        }
        // Only a pattern that may write a word a calque starts with is
        // written out.
        let starts = phrase_start(packs, true);
        per_file(locale, |file| {
            let mut listing = Listing::new("file");
            let wants = |pattern: &Pattern<&str>| may_write_word(pattern, &starts);
            each_written(locale, file, wants, |written| {
                let (found, more) =
                    phrase_matches(packs, written.prose, true, |_| false, listing.room());
                for found in found {
                    let Matched::Calque(calque) = found.matched else {
                        continue;
                    };
                    let message = format!(
                        "“{}” is a word-for-word translation of an English formula",
                        found.text
                    );
                    let written_as = written.source.text.get(found.span.clone());
                    let fix = match (&calque.replace, written_as) {
                        (Some(replace), Some(text)) if text == found.text => {
                            let replacement = crate::fix::same_case(text, replace);
                            Some(Fix::replace(
                                format!("Replace “{text}” with “{replacement}”"),
                                Applicability::Safe,
                                found.span.clone(),
                                replacement,
                            ))
                        }
                        _ => None,
                    };
                    let mut finding = written.finding(&Self::META, found.span, message);
                    finding.help = calque.fix.clone();
                    if let Some(fix) = fix {
                        finding = finding.fix(fix);
                    }
                    listing.push(finding);
                }
                listing.skip(more.iter().map(|(_, n)| n).sum());
            });
            listing.finish()
        })
    }
}
