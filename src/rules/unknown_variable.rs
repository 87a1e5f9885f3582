use std::collections::{BTreeMap, BTreeSet};

use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule, translated_messages};
use crate::syntax::{Reference, comment_lines, patterns, visit_references};

declare_rule! {
    /// ## What it does
    /// Reports a `$variable` in a translation that the reference message never
    /// uses, in its value, its attributes or the messages it references, and
    /// that the comment of the reference message or of its section (`##`)
    /// does not document: applications sometimes pass a variable only some
    /// languages need, and say so in a `# Variables:` comment.
    ///
    /// ## Why is this bad?
    /// The application does not pass it, so Fluent prints `{$naam}` in the
    /// email the customer reads. It is almost always a translated or
    /// misspelled variable name.
    ///
    /// ## Example
    /// ```ftl
    /// # en: refund-greeting = Dear { $name },
    /// refund-greeting = Beste { $naam },
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// refund-greeting = Beste { $name },
    /// ```
    pub struct UnknownVariable {
        id: "unknown-variable",
        severity: Error,
        summary: "the translation uses a `$variable` the reference never uses",
    }
}

impl Check for UnknownVariable {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        for (file, message, (ref_file, ref_message)) in translated_messages(cx) {
            // Most messages use no variable: nothing to know then.
            let known = std::cell::OnceCell::new();
            let known = || {
                known.get_or_init(|| {
                    let mut known: BTreeSet<&str> = BTreeSet::new();
                    for (_, pattern) in patterns(ref_message) {
                        known.extend(reference.pattern_variables(pattern).into_keys());
                    }
                    known
                })
            };
            // Applications may pass a variable only some languages need; the
            // reference documents it in the message's or the section's comment.
            // Read only when a variable is not known: finding the section's
            // comment walks the file.
            let documented = std::cell::OnceCell::new();
            let documented = || {
                documented.get_or_init(|| {
                    documented_variables(
                        comment_lines(ref_message.comment.as_ref())
                            .chain(comment_lines(ref_file.group_comment_of(ref_message))),
                    )
                })
            };
            let mut reported: BTreeMap<&str, ()> = BTreeMap::new();
            for (attribute, pattern) in patterns(message) {
                visit_references(pattern, &mut |r| {
                    let Reference::Variable(name) = r else { return };
                    let known = known();
                    if known.contains(name)
                        || documented().contains(name)
                        || reported.insert(name, ()).is_some()
                    {
                        return;
                    }
                    let span = file.span(name);
                    let hint = match closest(name, known) {
                        Some(near) => format!("did you mean `${near}`?"),
                        None if known.is_empty() => {
                            format!("the {} message takes no variables", reference.name)
                        }
                        None => format!(
                            "the {} message uses {}",
                            reference.name,
                            known
                                .iter()
                                .map(|v| format!("`${v}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    out.push(
                        RawFinding::new(
                            &Self::META,
                            file.source,
                            span.start.saturating_sub(1)..span.end,
                            format!(
                                "`${name}` is not a variable of the {} message",
                                reference.name
                            ),
                        )
                        .message_id(message.id.name)
                        .attribute(attribute.map(|a| a.id.name))
                        .label(format!("Fluent prints `{{${name}}}` here"))
                        .help(hint),
                    );
                });
            }
        }
    }
}

/// `$names` mentioned in a comment.
fn documented_variables<'s>(lines: impl Iterator<Item = &'s str>) -> BTreeSet<&'s str> {
    let mut names = BTreeSet::new();
    for line in lines {
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            let tail = &rest[at + 1..];
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(tail.len());
            if end > 0 {
                names.insert(&tail[..end]);
            }
            rest = &tail[end..];
        }
    }
    names
}

/// The known variable closest to `name`, when it is a likely typo.
fn closest<'k>(name: &str, known: &BTreeSet<&'k str>) -> Option<&'k str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (crate::suggest::edit_distance(&lower, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= k.len().max(name.len()) / 3 + 1)
        .min()
        .map(|(_, k)| k)
}
