//! Fixes: what a finding proposes to write instead, as edits of its file,
//! with how sure it is. A finding may carry several fixes, alternatives in
//! order of preference; `etiquette check --fix` applies the first one each
//! finding has at the applicability asked for.

use std::ops::Range;

use serde::Serialize;

use crate::syntax::{LineCol, SourceFile};

/// How sure a fix is, as ruff says it. Ordered: `DisplayOnly < Unsafe <
/// Safe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown, never applied: the change needs more than an edit (a verb
    /// form that must agree).
    DisplayOnly,
    /// Probably right, and needs a reader: `--unsafe-fixes` applies it.
    Unsafe,
    /// The meaning is kept: `--fix` applies it.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of a byte range of the finding's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
}

/// A fix: a title for a quick-fix menu ("Replace `Lieve` with `Beste`"),
/// its applicability, and its edits, all applied or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// A fix that replaces one range.
    pub fn replace(
        title: impl Into<String>,
        applicability: Applicability,
        span: Range<usize>,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix::new(title, applicability, vec![Edit::replace(span, replacement)])
    }

    /// The fix with lines and columns, for reports.
    pub fn resolve(&self, source: &SourceFile) -> ResolvedFix {
        ResolvedFix {
            title: self.title.clone(),
            applicability: self.applicability,
            edits: self
                .edits
                .iter()
                .map(|edit| ResolvedEdit {
                    file: source.path.clone(),
                    span: edit.span.clone(),
                    start: source.line_col(edit.span.start),
                    end: source.line_col(edit.span.end),
                    replacement: edit.replacement.clone(),
                })
                .collect(),
        }
    }
}

/// A fix as reports show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedFix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<ResolvedEdit>,
}

/// An edit with its file, lines and columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEdit {
    pub file: String,
    pub span: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
    pub replacement: String,
}

/// `text` with `edits` applied. The edits are sorted by where they start
/// and do not overlap.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The word `replacement` written as `original` is: with a capital first
/// letter where the original has one ("Kun je" → "Kunt u" at the start of a
/// sentence, "je" → "u" inside one).
pub fn same_case(original: &str, replacement: &str) -> String {
    let capital = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match (capital, chars.next()) {
        (true, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_keep_the_rest() {
        let text = "a = Lieve Niels,\r\nb = je\r\n";
        let one = Edit::replace(4..9, "Beste");
        let two = Edit::replace(22..24, "u");
        assert_eq!(
            apply_edits(text, &[&one, &two]),
            "a = Beste Niels,\r\nb = u\r\n"
        );
    }

    #[test]
    fn the_case_follows_the_original() {
        assert_eq!(same_case("Lieve", "beste"), "Beste");
        assert_eq!(same_case("je", "u"), "u");
        assert_eq!(same_case("Je", "u"), "U");
    }
}
