use crate::analysis::Analysis;
use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::address;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an email that addresses the reader both formally and
    /// informally: Dutch `u` and `je`, German `Sie` and `du`, French `vous`
    /// and `tu`, Spanish `usted` and `tú`, Italian `Lei` and `tu`, Portuguese
    /// `o senhor` and `tu`. The email's register is the one most of its
    /// sentences use (each sentence votes by its address markers, so one
    /// chatty sentence cannot outvote the rest), or the branch of a
    /// `{ $formality -> [formal] … *[informal] … }` select; every strong
    /// marker of the other register is reported, with the evidence.
    ///
    /// The email is read as the customer reads it: message and term
    /// references are followed, placeables are opaque (`{ $jeCode }` is no
    /// marker), HTML tags, URLs and e-mail addresses are skipped while `alt`
    /// and `title` text and `.attributes` are read, quoted text is not the
    /// sender's. Select variants are alternatives: each combination of
    /// selector values is judged on its own. Ambiguous words are told apart
    /// by the language pack (German sentence-initial `Sie` may be "she",
    /// Dutch "9 u" is a time, French `vous` may be a plural and is only
    /// `info`). Where the pronoun is dropped the verb says it: an
    /// imperative that opens a sentence or the main clause after an opening
    /// one ("Si tiene dudas, visite…"), a short question opened by a verb of
    /// a person ("¿Tiene alguna pregunta?"); `su` counts where the
    /// message's English reference gives things to the reader alone ("What
    /// is your favourite film?", no "his", "their" or "the seller's"), `le`
    /// or a third-person verb where it speaks to the reader and of no other
    /// person or thing ("Do you want…?", no "he" or "it", no "this" or
    /// brand before a verb), in either case only where the message (the
    /// sentence, where the message's sentences pair one by one with the
    /// English) says nothing of the other register, and not beside several
    /// readers ("each other", "all of you"); elsewhere they only vote. An
    /// Italian
    /// imperative that opens a button's label ("Chiudi scheda") names a
    /// command and is not counted.
    ///
    /// ## Why is this bad?
    /// Machine translation works sentence by sentence and guesses the
    /// register each time. An email that says `u` twelve times and then `je`
    /// twice reads like a machine wrote it, and tells the customer nobody
    /// read it before it was sent.
    ///
    /// ## Fix safety
    /// Where the marker sits in a stock phrase of the pack, the fix swaps the
    /// phrase for its wording in the email's register: safe when the phrase
    /// is written as the pack writes it, else unsafe. A lone pronoun has no
    /// fix: its verb may have to change with it.
    ///
    /// ## Example
    /// ```ftl
    /// refund-helpful = Ik hoop dat ik u hiermee nuttige informatie heb kunnen geven.
    /// refund-pleasure = Het was me een genoegen om je te helpen.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// refund-helpful = Ik hoop dat ik u hiermee nuttige informatie heb kunnen geven.
    /// refund-pleasure = Het was me een genoegen om u te helpen.
    /// ```
    pub struct RegisterMix {
        id: "register-mix",
        severity: Error,
        summary: "an email addresses the reader both formally and informally",
    }
}

impl Check for RegisterMix {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(Self::findings(cx.analysis, cx.reference));
    }
}

impl RegisterMix {
    /// The rule's findings in every email the analysis read.
    pub(crate) fn findings<'a>(
        analysis: &Analysis<'a, 'a>,
        reference: Option<&'a LocaleModel<'a>>,
    ) -> Vec<RawFinding<'a>> {
        address::per_email(analysis, reference, |view, listing| {
            address::other_register(view, listing, &Self::META, false)
        })
    }
}
