use crate::syntax::{TextMap as HashMap, TextSet as HashSet};

use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::{EntryId, ParsedFile};

declare_rule! {
    /// ## What it does
    /// Reports a message or term that a file of the reference locale has and
    /// the same file of this locale lacks. The finding points where the
    /// message belongs, next to its neighbours in the reference.
    ///
    /// ## Why is this bad?
    /// The email goes out with a hole, or with one English sentence in a
    /// Dutch email, depending on how the application falls back.
    ///
    /// ## Example
    /// ```ftl
    /// # en
    /// refund-subject = Your refund for order { $orderId }
    /// refund-greeting = Dear { $name },
    /// # nl
    /// refund-greeting = Beste { $name },
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// refund-subject = Uw terugbetaling voor bestelling { $orderId }
    /// refund-greeting = Beste { $name },
    /// ```
    pub struct MissingMessage {
        id: "missing-message",
        severity: Error,
        summary: "the reference has a message this locale lacks",
    }
}

impl Check for MissingMessage {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let Some(reference) = cx.reference else {
            return;
        };
        for ref_file in &reference.files {
            let Some(file) = cx.locale.file(&ref_file.source.rel_path) else {
                continue;
            };
            // Most files have the reference's ids in its order: nothing is
            // missing and nothing needs hashing.
            if file.ids().eq(ref_file.ids()) {
                continue;
            }
            missing_in(cx, reference, ref_file, file, out);
        }
    }
}

/// The entries of `ref_file` that its translation `file` lacks.
fn missing_in<'a>(
    cx: &Context<'_, 'a>,
    reference: &LocaleModel<'a>,
    ref_file: &ParsedFile<'a>,
    file: &'a ParsedFile<'a>,
    out: &mut Vec<RawFinding<'a>>,
) {
    // Keyed by content; the values are this file's own slices.
    let mut present: HashMap<EntryId, EntryId> =
        HashMap::with_capacity_and_hasher(file.resource.body.len(), Default::default());
    present.extend(file.ids().map(|id| (id, id)));
    // An entry that does not parse is already a `syntax-error`.
    let broken: HashSet<&str> = file
        .problems
        .iter()
        .filter_map(|p| p.entry_id.as_deref())
        .collect();
    let mut seen =
        HashSet::with_capacity_and_hasher(ref_file.resource.body.len(), Default::default());
    let wanted: Vec<EntryId> = ref_file.ids().filter(|id| seen.insert(*id)).collect();
    // The nearest present neighbours of each wanted id, in one pass each
    // way: a file may lack 60,000 entries.
    let mut next_present = vec![None; wanted.len()];
    let mut next = None;
    for (i, id) in wanted.iter().enumerate().rev() {
        next_present[i] = next;
        if let Some(found) = present.get(id) {
            next = Some(found);
        }
    }
    let mut previous = None;
    for (i, id) in wanted.iter().enumerate() {
        let found = present.get(id);
        if found.is_some() {
            previous = found;
        }
        if found.is_some() || (!broken.is_empty() && broken.contains(id.to_string().as_str())) {
            continue;
        }
        // Made for each missing message (36,000 on the Firefox tree):
        // joined at their size, not formatted.
        let text = id.text();
        let (span, label) = anchor(file, &text, next_present[i], previous);
        let source_line = ref_file
            .source
            .line_col(ref_file.entry_id_span(*id).start)
            .line
            .to_string();
        let described = id.described();
        let message = match cx.locale.defining_file(*id) {
            Some(elsewhere) => [
                &described,
                " from ",
                reference.name,
                " is in `",
                &elsewhere.source.rel_path,
                "`, not in this file",
            ]
            .concat(),
            None => [&described, " from ", reference.name, " is missing"].concat(),
        };
        let help = [
            "translate it from ",
            &ref_file.source.path,
            ":",
            &source_line,
        ]
        .concat();
        out.push(
            RawFinding::new(&MissingMessage::META, file.source, span, message)
                .message_id(text.as_ref())
                .subject(text)
                .label(label)
                .help(help),
        );
    }
}

/// Where a missing entry `text` is reported in `file`, and the label that
/// says where it belongs: before the next entry the file has, after the
/// previous one, or at the start.
fn anchor(
    file: &ParsedFile<'_>,
    text: &str,
    next: Option<&EntryId>,
    previous: Option<&EntryId>,
) -> (std::ops::Range<usize>, String) {
    match (next, previous) {
        (Some(next), _) => (
            file.entry_id_span(*next),
            ["`", text, "` belongs before `", &next.text(), "`"].concat(),
        ),
        (None, Some(previous)) => (
            file.entry_id_span(*previous),
            ["`", text, "` belongs after `", &previous.text(), "`"].concat(),
        ),
        (None, None) => {
            let start = file.source.body_start();
            (start..start, ["`", text, "` belongs in this file"].concat())
        }
    }
}
