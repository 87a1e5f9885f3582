//! The calques of English formulas and the project rules' words and
//! patterns in written prose, and how a pattern is written for them: every
//! variant, references as placeholders, markup and addresses masked.

use std::ops::Range;

use fluent_syntax::ast::Pattern;

use crate::analysis::prose::{Origins, Writer};
use crate::packs::{Calque, Pack, Packs, ProjectRule};
use crate::project::locale::LocaleModel;
use crate::text::{Kind, Prose, StartWords, any_start_word, tokenize};

/// The language pack of a locale and the packs for every locale.
pub fn packs_for<'p>(packs: &'p Packs, locale: &LocaleModel<'_>) -> Vec<&'p Pack> {
    packs
        .for_locale(locale.langid)
        .into_iter()
        .chain(packs.universal())
        .collect()
}

/// Writes a pattern of file `file` into `prose` with all its variants, with
/// HTML and addresses masked.
pub fn write_all_variants<'s>(
    locale: &LocaleModel<'s>,
    file: usize,
    pattern: &Pattern<&'s str>,
    prose: &mut Prose,
) {
    prose.clear();
    // References stay placeholders: the pattern is the only origin.
    Writer::all_variants(locale, &mut Origins::default()).write(prose, 0, file, pattern);
    prose.mask_markup();
}

/// The words a calque (with `calques`) or a project rule of `packs` may
/// start at: what [`phrase_matches`] tokenizes for, and what
/// [`crate::analysis::prefilter::may_write_word`] must answer to.
pub fn phrase_start<'p>(packs: &'p [&'p Pack], calques: bool) -> PhraseStarts<'p> {
    PhraseStarts { packs, calques }
}

/// See [`phrase_start`].
pub struct PhraseStarts<'p> {
    packs: &'p [&'p Pack],
    calques: bool,
}

impl StartWords for PhraseStarts<'_> {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        self.packs.iter().any(|pack| {
            pack.phrase_words(self.calques)
                .may_hold_ascii(len, first, last)
        })
    }

    fn holds(&self, lower: &str) -> bool {
        self.packs
            .iter()
            .any(|pack| pack.starts_phrase(lower, self.calques))
    }
}

/// What a phrase match is of: a calque of a pack, or a project rule.
#[derive(Clone, Copy, Debug)]
pub enum Matched<'p> {
    Calque(&'p Calque),
    Rule(&'p ProjectRule),
}

/// A calque or project rule found in prose: what matched, where in the
/// source, and the text as written.
#[derive(Clone, Debug)]
pub struct PhraseMatch<'p> {
    pub matched: Matched<'p>,
    pub span: Range<usize>,
    pub text: String,
}

/// The calques (with `calques`) and the project rules `rule_enabled` accepts
/// in `prose`, read with the first pack's abbreviations: at most `limit`,
/// and how many more each calque or rule matched.
pub fn phrase_matches<'p>(
    packs: &[&'p Pack],
    prose: &Prose,
    calques: bool,
    rule_enabled: impl Fn(&ProjectRule) -> bool,
    limit: usize,
) -> (Vec<PhraseMatch<'p>>, Vec<(Matched<'p>, usize)>) {
    let mut found = Matches {
        listed: Vec::new(),
        more: Vec::new(),
        limit,
    };
    let Some(language) = packs.first() else {
        return (found.listed, found.more);
    };
    // Most prose has no word a calque or rule starts with: it needs no tokens.
    let starts = phrase_start(packs, calques);
    let tokens = if any_start_word(prose.text(), &starts) {
        tokenize(prose.text(), &language.abbreviations)
    } else {
        Vec::new()
    };
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Word || token.quoted {
            continue;
        }
        let lower = crate::text::lowercase(&token.text);
        for pack in packs {
            if calques {
                for (_, calque) in pack.calque_candidates(&lower) {
                    let Some(len) = calque.matcher.matches(&tokens, i, &lower) else {
                        continue;
                    };
                    let span = token.span.start..tokens[i + len - 1].span.end;
                    found.push(prose, Matched::Calque(calque), span);
                    break;
                }
            }
            for (_, rule) in pack.rule_candidates(&lower) {
                if !rule_enabled(rule) {
                    continue;
                }
                let Some(matcher) = &rule.matcher else {
                    continue;
                };
                let Some(len) = matcher.matches(&tokens, i, &lower) else {
                    continue;
                };
                let span = token.span.start..tokens[i + len - 1].span.end;
                found.push(prose, Matched::Rule(rule), span);
            }
        }
    }
    for pack in packs {
        for rule in pack.project_rules() {
            let (Some(pattern), true) = (&rule.pattern, rule_enabled(rule)) else {
                continue;
            };
            for hit in pattern.find_iter(prose.text()) {
                found.push(prose, Matched::Rule(rule), hit.range());
            }
        }
    }
    (found.listed, found.more)
}

/// Matches up to a limit, and a count of the rest by what matched.
struct Matches<'p> {
    listed: Vec<PhraseMatch<'p>>,
    more: Vec<(Matched<'p>, usize)>,
    limit: usize,
}

impl<'p> Matches<'p> {
    /// Adds what matched at `span` of `prose`, or counts it past the limit.
    fn push(&mut self, prose: &Prose, matched: Matched<'p>, span: Range<usize>) {
        let Some((_, source)) = prose.source(span.clone()) else {
            return;
        };
        if self.listed.len() < self.limit {
            self.listed.push(PhraseMatch {
                matched,
                span: source,
                text: prose.text()[span].to_owned(),
            });
            return;
        }
        let same = |other: &Matched<'p>| match (other, &matched) {
            (Matched::Calque(a), Matched::Calque(b)) => std::ptr::eq(*a, *b),
            (Matched::Rule(a), Matched::Rule(b)) => std::ptr::eq(*a, *b),
            _ => false,
        };
        match self.more.iter_mut().find(|(m, _)| same(m)) {
            Some((_, n)) => *n += 1,
            None => self.more.push((matched, 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::prefilter::may_write_word;

    /// A pattern `may_write_word` passes over has no word its rules start
    /// with once written and masked, on random patterns of the pieces that
    /// join, make or hide words: a word accepted only at three letters or
    /// more is made by joining shorter pieces.
    #[test]
    fn a_pattern_passed_over_writes_no_word_a_phrase_starts_with() {
        use crate::analysis::prose::for_generated_patterns;
        let alphabet = [
            "ab",
            "Ab",
            "c",
            "é",
            "\u{301}",
            " ",
            ",",
            "9",
            "<b>",
            "</b>",
            "<br>",
            "&amp;",
            "&eacute;",
            "&#98;",
            "{ $x }",
            "{ \"ab\" }",
            "{ \"c\" }",
            "{ \"\" }",
            "{ -t }",
            "{ m0 }",
            "{ 5 }",
            "{ { \"c\" } }",
            "{ $n ->\n    [one] ab\n   *[other] c{ $y }\n }",
            "\n    ab",
            "\u{7f}",
            "\u{1e}",
            "x@ab.c",
            "http://abc.d",
            "\u{fffc}",
        ];
        let starts = crate::text::LongWords;
        let (mut passed, mut written) = (0, 0);
        let mut prose = Prose::new();
        let seed = 0x2545_f491_4f6c_dd1d;
        for_generated_patterns(&alphabet, 3, seed, "-t = T\n", |locale, id, pattern| {
            write_all_variants(locale, 0, pattern, &mut prose);
            if may_write_word(pattern, &starts) {
                written += 1;
            } else {
                passed += 1;
                assert!(
                    !crate::text::any_word(prose.text(), |w| starts.holds(w)),
                    "{id}: {:?}",
                    prose.text()
                );
            }
        });
        // Both ways, often: the test sees joins and plain pieces.
        assert!(
            passed > 5_000 && written > 5_000,
            "{passed} passed, {written} written"
        );
    }
}
