use crate::rules::declare_rule;

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
