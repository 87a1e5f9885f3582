use crate::finding::RawFinding;
use crate::rules::{Check, Context, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a file of the reference locale that this locale does not have.
    /// One finding per file, on the reference's file (the translation has
    /// no file to point at); its messages are not reported one by one.
    ///
    /// ## Why is this bad?
    /// Every email in the file is sent in the fallback language, or not at all.
    ///
    /// ## Example
    /// `locales/en/orders/refund.ftl` exists, `locales/nl/orders/refund.ftl`
    /// does not.
    ///
    /// Use instead: copy the file into the locale folder and translate it.
    pub struct MissingFile {
        id: "missing-file",
        severity: Error,
        summary: "the reference has a file this locale lacks",
    }
}

impl Check for MissingFile {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        for file in &reference.files {
            if cx.locale.file(&file.source.rel_path).is_some() {
                continue;
            }
            let entries = file.messages().count() + file.terms().count();
            let noun = if entries == 1 { "entry" } else { "entries" };
            // The finding is on the reference's file: an annotation on a
            // pull request needs a file that exists.
            let start = file.source.body_start();
            out.push(
                RawFinding::new(
                    &Self::META,
                    file.source,
                    start..start,
                    format!(
                        "`{}` is missing in {}, with its {entries} {noun}",
                        file.source.rel_path, cx.locale.name
                    ),
                )
                .label(format!(
                    "{} has no translation of this file",
                    cx.locale.name
                ))
                .help(format!(
                    "translate it into {}",
                    cx.locale.dir.file_path(&file.source.rel_path)
                )),
            );
        }
    }
}
