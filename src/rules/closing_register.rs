use crate::rules::declare_rule;

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
