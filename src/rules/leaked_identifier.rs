use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a raw constant or a placeholder of another template language
    /// in text the customer reads: `DHL_CONNECT`, `order_status`, `{{name}}`,
    /// `${name}`, `%s`, `%(name)s`, a bare `$name`. Acronyms (`EUR`, `TVA`,
    /// `HTML`), URLs, e-mail addresses and HTML attributes are not reported,
    /// nor the words a project allows in `etiquette.toml`:
    ///
    /// ```toml
    /// [leaked-identifier]
    /// allow = ["SKU_ID"]
    /// ```
    ///
    /// Some messages are about code: an error code, a key name, the `%s` of a
    /// search URL. What the reference message writes, or what the message's
    /// comment names, a translation may keep, and must keep exactly: a
    /// translation that writes `URL_STING` for the reference's `URL_STRING`
    /// is reported. In the reference locale itself only named placeholders
    /// (`{{name}}`, `${name}`, `%(name)s`, `$name`) are reported, since
    /// nothing there tells a constant the message talks about from a leak.
    /// The content of `<code>`, `<kbd>`, `<samp>`, `<var>` and `<pre>` is
    /// never prose.
    ///
    /// ## Why is this bad?
    /// "DHL_CONNECT kon je pakket niet bezorgen" is a constant of the
    /// carrier's system that went out in an email; `{{name}}` is a
    /// placeholder Fluent does not fill. The customer sees both as they are.
    ///
    /// ## Example
    /// ```ftl
    /// delivery-failed = DHL_CONNECT kon uw pakket niet bezorgen.
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// delivery-failed = { $carrier } kon uw pakket niet bezorgen.
    /// ```
    pub struct LeakedIdentifier {
        id: "leaked-identifier",
        severity: Warning,
        summary: "a raw constant or foreign placeholder in customer-facing text, like `DHL_CONNECT`",
    }
}
