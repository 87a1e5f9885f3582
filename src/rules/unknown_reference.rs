use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::entry_patterns;
use crate::syntax::{Reference, visit_references};

declare_rule! {
    /// ## What it does
    /// Reports a `{ message }`, `{ message.attribute }`, `{ -term }` or
    /// `{ -term.attribute }` reference to something this locale does not
    /// define in any of its files.
    ///
    /// ## Why is this bad?
    /// Fluent prints the raw `{-brand-name}` in the email and reports an error
    /// nobody reads. The usual cause is a term renamed in one locale, or a
    /// typo in a message id.
    ///
    /// ## Example
    /// ```ftl
    /// -brand-name = Tulip & Co
    /// footer = Met vriendelijke groet, { -brand }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// -brand-name = Tulip & Co
    /// footer = Met vriendelijke groet, { -brand-name }
    /// ```
    pub struct UnknownReference {
        id: "unknown-reference",
        severity: Error,
        summary: "a `{ message }` or `{ -term }` that this locale does not define",
    }
}

impl Check for UnknownReference {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let locale = cx.locale;
        for file in &locale.files {
            for (id, attribute, pattern) in entry_patterns(file) {
                visit_references(pattern, &mut |reference| {
                    let (problem, name, dash) = match reference {
                        Reference::Message(name, target) => match locale.message(name) {
                            None => (
                                format!("message `{name}` is not defined in {}", locale.name),
                                name,
                                "",
                            ),
                            Some((_, message)) => match target {
                                Some(attr)
                                    if !message.attributes.iter().any(|a| a.id.name == attr) =>
                                {
                                    (
                                        format!("message `{name}` has no attribute `.{attr}`"),
                                        attr,
                                        "",
                                    )
                                }
                                None if message.value.is_none() => (
                                    format!("message `{name}` has no value, only attributes"),
                                    name,
                                    "",
                                ),
                                _ => return,
                            },
                        },
                        Reference::Term(name, target) => match locale.term(name) {
                            None => (
                                format!("term `-{name}` is not defined in {}", locale.name),
                                name,
                                "-",
                            ),
                            Some((_, term)) => match target {
                                Some(attr)
                                    if !term.attributes.iter().any(|a| a.id.name == attr) =>
                                {
                                    (
                                        format!("term `-{name}` has no attribute `.{attr}`"),
                                        attr,
                                        "",
                                    )
                                }
                                _ => return,
                            },
                        },
                        _ => return,
                    };
                    let span = file.span(name);
                    let span = span.start - dash.len()..span.end;
                    let help = match reference {
                        Reference::Term(_, None) if locale.message(name).is_some() => {
                            format!("write `{{ {name} }}` to use the message, without the `-`")
                        }
                        Reference::Message(_, None) if locale.term(name).is_some() => {
                            format!("write `{{ -{name} }}` to use the term")
                        }
                        Reference::Term(..)
                            if cx.reference.is_some_and(|r| r.term(name).is_some()) =>
                        {
                            format!(
                                "define it as in {}, or use a term this locale defines",
                                cx.reference.map_or("", |r| r.name)
                            )
                        }
                        _ => "define it, or correct the reference".to_string(),
                    };
                    out.push(
                        RawFinding::new(&Self::META, file.source, span, problem)
                            .message_id(id.to_string())
                            .attribute(attribute)
                            .label("Fluent prints this reference as raw text")
                            .help(help),
                    );
                });
            }
        }
    }
}
