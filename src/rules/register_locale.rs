use crate::rules::declare_rule;

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
