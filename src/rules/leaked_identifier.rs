//! `leaked-identifier`: the constants and foreign placeholders that
//! [`crate::analysis::leaks`] finds in a message's prose, less what the
//! message's comments or the reference's text show on purpose.

use fluent_syntax::ast::{Entry, Expression, Pattern, PatternElement};

use crate::analysis::leaks::{double_braces, leak_matches, leaked, may_leak};
use crate::analysis::prose::Origin;
use crate::finding::RawFinding;
use crate::fix::{Applicability, Fix};
use crate::rules::written::{WrittenPattern, each_written, per_file};
use crate::rules::{Check, Context, Listing, RuleMeta, declare_rule};
use crate::syntax::{EntryId, EntryKind, ParsedFile, comment_lines};

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
    /// ## Fix safety
    /// Where the reference message has a variable this translation lacks, the
    /// fix writes `{ $variable }` in place of the constant; where the
    /// reference writes the identifier another way (`URL_STRING` for
    /// `URL_STING`), the reference's spelling. Both safe.
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

impl Check for LeakedIdentifier {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        out.extend(per_file(cx.locale, |file| {
            let mut listing = Listing::new("file");
            // A leak needs one of a few characters: most patterns are not
            // written out.
            each_written(cx.locale, file, may_leak, |written| {
                let (leaks, more) = leaks_in(cx, written, listing.room());
                for leak in leaks {
                    let mut finding = written
                        .finding(&Self::META, leak.span, leak.message)
                        .help(leak.help);
                    if let Some(fix) = leak.fix {
                        finding = finding.fix(fix);
                    }
                    listing.push(finding);
                }
                listing.skip(more);
            });
            listing.finish()
        }));
    }
}

/// The leaked identifiers and placeholders of one pattern, written out as
/// `prose`: span, message and help of each.
/// A leak as reported: where, what it is, what to do, and the fix when
/// the reference says what belongs there.
struct Leak {
    span: std::ops::Range<usize>,
    message: String,
    help: String,
    fix: Option<Fix>,
}

fn leaks_in<'a>(
    cx: &Context<'_, 'a>,
    written: &WrittenPattern<'_, 'a>,
    room: usize,
) -> (Vec<Leak>, usize) {
    let (mut found, mut more) = leaked(written.prose, &cx.settings.allowed_identifiers, room);
    for brace in double_braces(&cx.locale.files[written.file], written.pattern) {
        if found.len() < room {
            found.push(brace);
        } else {
            more += 1;
        }
    }
    if found.is_empty() {
        return (Vec::new(), more);
    }
    // What the message's comments and the reference's message show on
    // purpose is not a leak: a key name, an error code, the `%s` of a
    // search URL.
    let origin = written.origin();
    let (context, reference_text) = explained(cx, &origin);
    // Once per message, and only when a leak needs it.
    let dropped = std::cell::OnceCell::new();
    let identifiers = std::cell::OnceCell::new();
    let reference_identifiers = || -> &[&str] {
        identifiers.get_or_init(|| {
            leak_matches(&reference_text)
                .into_iter()
                .map(|hit| &reference_text[hit])
                .collect::<Vec<&str>>()
        })
    };
    // The pattern's own text, written out once for all its leaks.
    let own = std::cell::OnceCell::new();
    let own_text = || -> &str {
        own.get_or_init(|| {
            let mut text = String::new();
            push_text(written.pattern, &mut text);
            text
        })
    };
    let mut leaks = Vec::new();
    for (span, text) in found {
        // A comment documents `$variables`: only the reference's own text
        // excuses a placeholder-shaped leak.
        let excused_by = if text.starts_with(['$', '{', '%']) {
            &reference_text
        } else {
            &context
        };
        if mentions(excused_by, &text)
            || (cx.reference.is_none() && !is_named_placeholder(&text))
            || on_purpose(own_text, &text, &reference_text, reference_identifiers())
        {
            continue;
        }
        // Only what is written as the leak is (no `{…}` of a placeable in
        // it) is replaced.
        let written_as = cx.locale.files[written.file].source.text.get(span.clone());
        let replace = |replacement: String, title: String| {
            (written_as == Some(text.as_str()))
                .then(|| Fix::replace(title, Applicability::Safe, span.clone(), replacement))
        };
        let leak = match (
            cx.reference,
            near_identifier(reference_identifiers(), &text),
        ) {
            (Some(reference), Some(near)) => Leak {
                message: format!(
                    "`{text}` is not what the {} message writes: `{near}`",
                    reference.name
                ),
                help: format!(
                    "copy `{near}` exactly: it is code or a name, not a word to translate"
                ),
                fix: replace(near.to_owned(), format!("Replace `{text}` with `{near}`")),
                span: span.clone(),
            },
            (reference, _) => {
                let dropped = dropped
                    .get_or_init(|| dropped_variables(cx, written))
                    .as_slice();
                match (reference, dropped) {
                    (Some(reference), [name]) => Leak {
                        message: leak_message(&text),
                        help: format!(
                            "write `{{ ${name} }}`: the {} message has it, this translation does not",
                            reference.name
                        ),
                        fix: replace(
                            format!("{{ ${name} }}"),
                            format!("Replace `{text}` with `{{ ${name} }}`"),
                        ),
                        span: span.clone(),
                    },
                    _ => Leak {
                        message: leak_message(&text),
                        help: leak_help(&text),
                        fix: None,
                        span: span.clone(),
                    },
                }
            }
        };
        leaks.push(leak);
    }
    (leaks, more)
}

/// What explains what a message may show as written: the comments of the
/// message and its section, in this locale and in the reference, followed by
/// the reference's own text; and that text alone.
fn explained(cx: &Context<'_, '_>, origin: &Origin) -> (String, String) {
    let mut comments = String::new();
    let mut text = String::new();
    let id = origin.message_id.as_str();
    entry_context(&cx.locale.files[origin.file], id, &mut comments, None);
    if let Some(reference) = cx.reference {
        let entry = match id.strip_prefix('-') {
            Some(name) => EntryId {
                kind: EntryKind::Term,
                name,
            },
            None => EntryId {
                kind: EntryKind::Message,
                name: id,
            },
        };
        // The reference's message of the same file: products that load
        // files apart reuse ids (`command-nick` in irc.ftl and xmpp.ftl).
        let rel_path = &cx.locale.files[origin.file].source.rel_path;
        let same_file = reference
            .file(rel_path)
            .filter(|file| entry_context(file, id, &mut comments, Some(&mut text)));
        if same_file.is_none()
            && let Some(file) = reference.defining_file(entry)
        {
            entry_context(file, id, &mut comments, Some(&mut text));
        }
    }
    comments.push_str(&text);
    (comments, text)
}

/// Appends the comments of entry `id` in `file`, and its text to `text`;
/// whether `file` has the entry.
fn entry_context(
    file: &ParsedFile<'_>,
    id: &str,
    comments: &mut String,
    text: Option<&mut String>,
) -> bool {
    let mut group = None;
    for entry in &file.resource.body {
        let (name, comment, value, attributes) = match entry {
            Entry::GroupComment(comment) => {
                group = Some(comment);
                continue;
            }
            Entry::Message(m) => (
                m.id.name.to_owned(),
                &m.comment,
                m.value.as_ref(),
                &m.attributes,
            ),
            Entry::Term(t) => (
                format!("-{}", t.id.name),
                &t.comment,
                Some(&t.value),
                &t.attributes,
            ),
            _ => continue,
        };
        if name != id {
            continue;
        }
        for line in comment_lines(comment.as_ref()).chain(comment_lines(group)) {
            comments.push_str(line);
            comments.push('\n');
        }
        if let Some(text) = text {
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                push_text(pattern, text);
            }
        }
        return true;
    }
    false
}

fn push_text(pattern: &Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => {
                for variant in variants {
                    push_text(&variant.value, out);
                }
            }
            PatternElement::Placeable { .. } => out.push('\n'),
        }
    }
    out.push('\n');
}

/// The variables the reference message shows that this translation does
/// not: a constant in their place is often the value a pipeline pasted in.
fn dropped_variables<'a>(cx: &Context<'_, 'a>, written: &WrittenPattern<'_, 'a>) -> Vec<&'a str> {
    let id = written.id.name;
    let Some(reference) = cx.reference else {
        return Vec::new();
    };
    let Some(reference_pattern) =
        reference.message_pattern_in(&written.source.rel_path, id, written.attribute)
    else {
        return Vec::new();
    };
    let used = cx.locale.pattern_variables(written.pattern);
    reference
        .pattern_variables(reference_pattern)
        .into_iter()
        .filter(|&(name, shown)| shown && !used.contains_key(name))
        .map(|(name, _)| name)
        .collect()
}

/// Whether a constant-shaped `text` is what the message means to write, as
/// the reference message shows by its kind: an access key marked with `_`
/// (`Sa_la` where the reference writes `_Room`), a parameter of usage text
/// named in the translator's words (`<id_usuari>` where the reference
/// writes `<userId>`, and `id_usuari` wherever the message then writes
/// it), one more of the identifiers a message that lists them lists (a
/// time zone of the locale's own in a list of time zones), or a message
/// that is one name (a file name: `MozillaCalEvents`). A slip of one of
/// the reference's identifiers (`Porto_Rico` for `Puerto_Rico`) is not.
/// `own_text` writes out the translation's text (once a pattern).
fn on_purpose<'o>(
    own_text: impl FnOnce() -> &'o str,
    text: &str,
    reference_text: &str,
    reference_identifiers: &[&str],
) -> bool {
    if text.starts_with(['$', '{', '%']) || reference_text.is_empty() {
        return false;
    }
    let own = own_text();
    let reference_angles = reference_text.contains("&lt;") || reference_text.contains('<');
    // An access key is a letter of a word: not of a constant in capitals.
    let access_key = text.matches('_').count() == 1
        && text.chars().any(char::is_lowercase)
        && access_key_marked(reference_text);
    let slip = near_identifier(reference_identifiers, text).is_some();
    let lists_identifiers = !reference_identifiers.is_empty() && !slip;
    (reference_angles && names_parameter(own, text))
        || access_key
        || lists_identifiers
        || (is_one_name(reference_text, own, text) && !slip)
}

/// Whether `own` names `text` as a parameter: `<text>` or `&lt;text&gt;`.
fn names_parameter(own: &str, text: &str) -> bool {
    own.contains(&format!("<{text}>")) || own.contains(&format!("&lt;{text}&gt;"))
}

/// Whether the reference message is one word and the translation is
/// `text`, with a file extension or none (`Wydarzenia_Kalendarza`,
/// `Evenements_calendar.ics`).
fn is_one_name(reference_text: &str, own: &str, text: &str) -> bool {
    let reference = reference_text.trim();
    let rest = own.trim().strip_prefix(text);
    !reference.is_empty()
        && !reference.contains(char::is_whitespace)
        && rest.is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix('.')
                    .is_some_and(|ext| !ext.is_empty() && ext.chars().all(char::is_alphanumeric))
        })
}

/// Whether `text` marks an access key with a `_` that starts a word:
/// `_Room`, `_Password` (a `_` inside a word is an identifier's as often).
fn access_key_marked(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| {
            word.strip_prefix('_')
                .is_some_and(|rest| rest.starts_with(char::is_alphabetic) && !rest.contains('_'))
        })
}

/// Whether `context` has `text` as a whole identifier, not inside a longer one.
fn mentions(context: &str, text: &str) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    context.match_indices(text).any(|(at, _)| {
        !context[..at].ends_with(identifier) && !context[at + text.len()..].starts_with(identifier)
    })
}

/// The identifier of `identifiers` (the reference's) that `text` is a
/// slip of: `URL_STING` for `URL_STRING`, `FIDO_2_1_pre` for `FIDO_2_1_PRE`.
fn near_identifier<'c>(identifiers: &[&'c str], text: &str) -> Option<&'c str> {
    let lower = text.to_lowercase();
    identifiers
        .iter()
        .copied()
        .map(|known| {
            (
                crate::suggest::edit_distance(&lower, &known.to_lowercase()),
                known,
            )
        })
        .filter(|(d, known)| *d <= known.len().max(text.len()) / 4 + 1)
        .min()
        .map(|(_, known)| known)
}

/// A placeholder with a name (`{{name}}`, `${name}`, `%(name)s`, `$name`)
/// or a position (`%1$s`). In the reference locale nothing tells a constant
/// or a bare `%s` that the message is about (an error code, the pattern of a
/// search URL) from one that leaked, but a named placeholder is never prose.
fn is_named_placeholder(text: &str) -> bool {
    text.starts_with(['{', '$']) || (text.starts_with('%') && text.len() > 2)
}

fn leak_message(text: &str) -> String {
    if text.starts_with('{') {
        format!("`{text}` is a placeholder of another template language")
    } else if text.starts_with(['$', '%']) {
        format!("`{text}` is a placeholder Fluent does not fill")
    } else {
        format!("`{text}` is a raw constant in text the customer reads")
    }
}

fn leak_help(text: &str) -> String {
    if text.starts_with('{') {
        "Fluent reads `{{…}}` as a placeable in a placeable; write `{ $variable }`".into()
    } else if text.contains('_') && !text.starts_with(['{', '$', '%']) {
        "replace the constant with the words the customer should read, or a `{ $variable }`".into()
    } else {
        "write the placeholder the Fluent way, as `{ $variable }`".into()
    }
}
