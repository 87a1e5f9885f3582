use crate::finding::RawFinding;
use crate::project::suppression::{FILE, MESSAGE, Scope, Suppressions};
use crate::rules::{RuleMeta, Selection, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an `etiquette-ignore` comment that silences nothing: it names
    /// a rule that does not exist (with the rule it most likely means), it
    /// is not where a directive works (a message's own comment for
    /// `etiquette-ignore`, a resource comment `###` for
    /// `etiquette-ignore-file`), or the finding it silenced is gone. A
    /// directive is only called unused when the run checked every rule it
    /// names.
    ///
    /// ## Why is this bad?
    /// A misspelt rule or a comment a blank line away from its message
    /// silences nothing and says nothing: the team believes a finding is
    /// handled when it is not, and old directives hide the next real one.
    ///
    /// ## Example
    /// ```ftl
    /// # etiquette-ignore: salutation-baned
    /// refund-greeting = Lieve { $name },
    /// ```
    ///
    /// Use instead: `# etiquette-ignore: salutation-banned`, or remove the
    /// comment once the message is fixed.
    pub struct UnusedSuppression {
        id: "unused-suppression",
        severity: Warning,
        summary: "an `etiquette-ignore` comment silences nothing, or names no rule",
    }
}

/// The findings of the rule, once the other rules' findings went through
/// `suppressions`: `rules` are every rule a directive may name, and
/// `selection` says which of them the run checked.
pub(crate) fn unused<'a>(
    suppressions: &Suppressions<'a>,
    rules: &[&'static RuleMeta],
    selection: &Selection,
) -> Vec<RawFinding<'a>> {
    let mut found = Vec::new();
    let known = |name: &str| {
        rules.iter().any(|r| {
            r.id == name
                || r.id
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
    };
    for directive in &suppressions.directives {
        let at_directive = |message: String| {
            let finding = RawFinding::new(
                &UnusedSuppression::META,
                directive.source,
                directive.span.clone(),
                message,
            );
            match directive.scope {
                Scope::Message(id) => finding.message_id(id),
                _ => finding,
            }
        };
        let unknown: Vec<&str> = directive
            .rules
            .iter()
            .flatten()
            .copied()
            .filter(|name| !known(name))
            .collect();
        for name in &unknown {
            let mut finding =
                at_directive(format!("`{name}` names no rule, so it silences nothing"));
            if let Some(near) = crate::suggest::closest(name, rules.iter().map(|r| r.id)) {
                finding = finding.help(format!("did you mean `{near}`?"));
            }
            found.push(finding);
        }
        if !unknown.is_empty() {
            continue;
        }
        if directive.scope == Scope::Detached {
            let is_file = directive.source.text[directive.span.clone()]
                .trim_start()
                .starts_with(FILE);
            let (message, help) = if is_file {
                (
                    format!("`{FILE}` works only in a resource comment, so it silences nothing"),
                    "write it in a comment that starts with `###`",
                )
            } else {
                (
                    format!("this `{MESSAGE}` is in no message's comment, so it silences nothing"),
                    "put it in the comment right above the message, with no blank line between",
                )
            };
            found.push(at_directive(message).help(help));
            continue;
        }
        let checked = rules
            .iter()
            .filter(|r| directive.names(r.id))
            .all(|r| selection.is_enabled(r.id));
        if checked && !directive.used() {
            found.push(
                at_directive(format!(
                    "this `{}` silences nothing",
                    directive.source.text[directive.span.clone()].trim()
                ))
                .help("remove it: what it silenced is gone"),
            );
        }
    }
    found
}
