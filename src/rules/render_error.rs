use crate::finding::RawFinding;
use crate::render::{FaultKind, Renderer};
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Renders every email with the project's sample arguments (`--args`,
    /// the config's `args`, or `ROOT/args.toml`), as `etiquette render`
    /// does, and reports every error Fluent reports while formatting it: a
    /// variable without a sample value, a function Fluent does not know, a
    /// `NUMBER()` or `DATETIME()` given text it cannot read. The finding
    /// points at the placeable, in the message or term where it is written.
    /// Without sample arguments the rule does nothing. A reference to a
    /// message that does not exist, or a cycle, is reported by
    /// `unknown-reference` and `reference-cycle` instead, unless those are
    /// off.
    ///
    /// ## Why is this bad?
    /// Fluent never fails at run time: the customer gets "Beste {$name},"
    /// and the error goes to a log nobody reads.
    ///
    /// ## Example
    /// ```ftl
    /// # args.toml gives `name`, not `customerNo`
    /// account-number = Uw klantnummer is { $customerNo }.
    /// ```
    ///
    /// Use instead: give `customerNo` a sample value in `args.toml`, or use
    /// the variable the application passes.
    pub struct RenderError {
        id: "render-error",
        severity: Error,
        summary: "rendering an email with its sample arguments reports a Fluent error",
    }
}

impl Check for RenderError {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(args) = &cx.settings.sample_args else {
            return;
        };
        let renderer = Renderer::new(cx.locale, cx.settings.render);
        let args_file = args.path.as_deref().unwrap_or("the sample arguments");
        for email in &cx.analysis.emails {
            let rendered = renderer.render(email, args);
            for fault in rendered.faults {
                let reported_elsewhere = match fault.kind {
                    FaultKind::UnknownReference => cx.enabled(&super::UnknownReference::META),
                    FaultKind::Cycle => cx.enabled(&super::ReferenceCycle::META),
                    // A variable the reference does not use is a typo
                    // `unknown-variable` reports: no sample value is the
                    // same mistake.
                    FaultKind::MissingArgument => {
                        cx.enabled(&super::UnknownVariable::META)
                            && fault.subject.as_deref().is_some_and(|name| {
                                unknown_to_reference(
                                    cx,
                                    &cx.locale.files[fault.file].source.rel_path,
                                    &fault.message_id,
                                    fault.attribute.as_deref(),
                                    name,
                                )
                            })
                    }
                    _ => false,
                };
                if reported_elsewhere {
                    continue;
                }
                let help = match (fault.kind, &fault.subject) {
                    (FaultKind::MissingArgument, Some(name)) => Some(format!(
                        "give `{name}` a sample value in [\"{}\"] or [common] of {args_file}, or use a variable the application passes",
                        email.name
                    )),
                    (FaultKind::UnknownFunction, _) => {
                        Some("etiquette renders with Fluent's NUMBER and DATETIME; a function of your own application is unknown to it".into())
                    }
                    _ => None,
                };
                let source = cx.locale.files[fault.file].source;
                let mut finding = RawFinding::new(&Self::META, source, fault.span, fault.message)
                    .message_id(fault.message_id)
                    .attribute(fault.attribute.as_deref());
                if let Some(help) = help {
                    finding = finding.help(help);
                }
                out.push(finding);
            }
        }
    }
}

/// Whether the reference has the message `id` (its file at `rel_path`'s,
/// where it has one) and it never uses `$name`.
fn unknown_to_reference(
    cx: &Context<'_, '_>,
    rel_path: &str,
    id: &str,
    attribute: Option<&str>,
    name: &str,
) -> bool {
    let Some(reference) = cx.reference else {
        return false;
    };
    reference
        .message_pattern_in(rel_path, id, attribute)
        .is_some_and(|pattern| !reference.pattern_variables(pattern).contains_key(name))
}
