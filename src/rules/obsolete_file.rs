use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a file that this locale has and the reference locale does not.
    /// One finding per file; its messages are not reported one by one.
    ///
    /// ## Why is this bad?
    /// Nothing loads a file the reference does not have: it is translation
    /// work nobody will see, and often the old name of a file that moved.
    ///
    /// ## Example
    /// `locales/nl/orders/refund-old.ftl` exists, `locales/en/orders/refund-old.ftl`
    /// does not.
    ///
    /// Use instead: delete the file, or move its messages to the file the
    /// reference uses now.
    pub struct ObsoleteFile {
        id: "obsolete-file",
        severity: Warning,
        summary: "this locale has a file the reference lacks",
    }
}

impl Check for ObsoleteFile {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        for file in &cx.locale.files {
            if reference.file(&file.source.rel_path).is_some() {
                continue;
            }
            out.push(
                RawFinding::new(
                    &Self::META,
                    file.source,
                    file.source.body_start()..file.source.body_start(),
                    format!("`{}` is not in {}", file.source.rel_path, reference.name),
                )
                .label("nothing loads this file")
                .help(format!(
                    "delete it, or move its messages to the file {} uses now",
                    reference.name
                )),
            );
        }
    }
}
