//! Word lists a pack's `[[marker]]` names with `lexicon`: verb forms taken
//! from a published morphological lexicon by scripts/lexicon.py, too many
//! to write in a pack (rules/lexicon/README.md says where each comes from).

use std::sync::OnceLock;

use crate::syntax::TextSet;

/// The lists, by the name a pack gives.
const LEXICONS: [(&str, &str); 16] = [
    (
        "de-imperative",
        include_str!("../../rules/lexicon/de-imperative.txt"),
    ),
    (
        "es-tu-verb",
        include_str!("../../rules/lexicon/es-tu-verb.txt"),
    ),
    (
        "es-3sg-verb",
        include_str!("../../rules/lexicon/es-3sg-verb.txt"),
    ),
    (
        "es-3sg-statement",
        include_str!("../../rules/lexicon/es-3sg-statement.txt"),
    ),
    (
        "es-usted-imperative",
        include_str!("../../rules/lexicon/es-usted-imperative.txt"),
    ),
    (
        "es-tu-enclitic",
        include_str!("../../rules/lexicon/es-tu-enclitic.txt"),
    ),
    (
        "es-usted-enclitic",
        include_str!("../../rules/lexicon/es-usted-enclitic.txt"),
    ),
    (
        "it-3sg-verb",
        include_str!("../../rules/lexicon/it-3sg-verb.txt"),
    ),
    (
        "it-tu-verb",
        include_str!("../../rules/lexicon/it-tu-verb.txt"),
    ),
    (
        "it-tu-imperative",
        include_str!("../../rules/lexicon/it-tu-imperative.txt"),
    ),
    (
        "it-tu-enclitic",
        include_str!("../../rules/lexicon/it-tu-enclitic.txt"),
    ),
    (
        "it-lei-imperative",
        include_str!("../../rules/lexicon/it-lei-imperative.txt"),
    ),
    (
        "pt-3sg-verb",
        include_str!("../../rules/lexicon/pt-3sg-verb.txt"),
    ),
    (
        "pt-3sg-statement",
        include_str!("../../rules/lexicon/pt-3sg-statement.txt"),
    ),
    (
        "pt-tu-verb",
        include_str!("../../rules/lexicon/pt-tu-verb.txt"),
    ),
    (
        "pt-formal-imperative",
        include_str!("../../rules/lexicon/pt-formal-imperative.txt"),
    ),
];

/// The names a pack may give, for its error message.
pub(super) fn names() -> impl Iterator<Item = &'static str> {
    LEXICONS.iter().map(|(name, _)| *name)
}

/// The words of the list `name`, lower-cased; `None` when there is none.
pub(super) fn words(name: &str) -> Option<Vec<&'static str>> {
    let (_, text) = LEXICONS.iter().find(|(n, _)| *n == name)?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect(),
    )
}

/// The words of the list `name` as a set, built when a pack first names
/// it and shared by every marker that does; `None` when there is none.
pub(super) fn set(name: &str) -> Option<&'static TextSet<&'static str>> {
    static SETS: [OnceLock<TextSet<&'static str>>; LEXICONS.len()] =
        [const { OnceLock::new() }; LEXICONS.len()];
    let at = LEXICONS.iter().position(|(n, _)| *n == name)?;
    Some(SETS[at].get_or_init(|| words(name).unwrap_or_default().into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_lower_case_words() {
        for name in names() {
            let words = words(name).unwrap();
            assert!(words.len() > 200, "{name}: {} words", words.len());
            for word in words {
                assert!(
                    word.chars().all(|c| c.is_alphabetic() && !c.is_uppercase()),
                    "{name}: {word:?}"
                );
            }
        }
    }
}
