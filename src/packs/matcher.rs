//! Which words an entry matches, and in which context.

use std::borrow::Cow;

use crate::syntax::TextSet as HashSet;

use super::entry::{Case, Joined};
use crate::text::{Kind, Token};

/// A condition on the token before or after a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Neighbour {
    /// This word, lower-cased.
    Word(String),
    /// `<number>`: digits, as in "9 u" or "9.30 u".
    Number,
    /// `<capitalized>`: a word starting with a capital letter.
    Capitalized,
    /// `<placeholder>`: a Fluent placeable such as `{ $name }`.
    Placeholder,
    /// `<none>`: no token (start or end of the sentence).
    None,
    /// `<comma>`: a comma between the match and the next word, or the
    /// word before ("…, ya sabe, …").
    Comma,
    /// `-ando`: a word with this ending, lower-cased ("está usando").
    Ending(String),
}

impl Neighbour {
    /// Whether `token`, the word next to a match (`None` past the
    /// sentence's edge), is this neighbour; `comma` tells whether a comma
    /// stands between the two.
    pub(crate) fn holds(&self, token: Option<&Token>, comma: bool) -> bool {
        match (self, token) {
            (Neighbour::Comma, _) => comma,
            (Neighbour::None, None) => true,
            (Neighbour::None, Some(_)) | (_, None) => false,
            (Neighbour::Word(word), Some(t)) => {
                t.kind == Kind::Word && crate::text::eq_lowercase(&t.text, word)
            }
            (Neighbour::Ending(ending), Some(t)) => {
                t.kind == Kind::Word
                    && t.text.len() > ending.len()
                    && t.text.is_char_boundary(t.text.len() - ending.len())
                    && crate::text::eq_lowercase(&t.text[t.text.len() - ending.len()..], ending)
            }
            (Neighbour::Number, Some(t)) => t.kind == Kind::Number,
            (Neighbour::Capitalized, Some(t)) => t.is_capitalized(),
            (Neighbour::Placeholder, Some(t)) => t.kind == Kind::Placeholder,
        }
    }
}

/// Which words an entry matches, and in which context.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    /// The words, lower-cased unless `case` is exact.
    pub words: HashSet<String>,
    /// Multi-word phrases, as tokens (lower-cased unless `case` is exact).
    pub phrases: Vec<Vec<String>>,
    /// A lexicon's words (rules/lexicon/), lower-case: matched as `words`
    /// are, and shared by every entry that names the lexicon.
    pub lexicon: Option<&'static HashSet<&'static str>>,
    /// Endings that mark a word (Italian `contattarLa`), case as written.
    pub suffixes: Vec<String>,
    pub case: Case,
    pub after: Vec<Neighbour>,
    pub not_after: Vec<Neighbour>,
    pub before: Vec<Neighbour>,
    pub not_before: Vec<Neighbour>,
    pub joined: Joined,
    pub not_between_capitalized: bool,
}

impl Matcher {
    /// The number of tokens the entry covers at `tokens[i]`, if it matches
    /// there; `lower` is the lower-cased word.
    pub fn matches(&self, tokens: &[Token], i: usize, lower: &str) -> Option<usize> {
        let token = &tokens[i];
        let exact = self.case == Case::Exact;
        let len = if self.lists(if exact { token.text.as_ref() } else { lower }) {
            1
        } else if let Some(phrase) = self.phrases.iter().find(|p| phrase_at(p, tokens, i, exact)) {
            phrase.len()
        } else if self.suffixes.iter().any(|s| has_suffix(&token.text, s)) {
            1
        } else {
            return None;
        };
        let last = &tokens[i + len - 1];
        let glued = match self.joined {
            Joined::Skip => token.glued_before.is_some() || last.glued_after.is_some(),
            Joined::Allow => false,
            Joined::Elided => !last.glued_after.is_some_and(crate::text::is_apostrophe),
            Joined::Enclitic => {
                token.glued_before.is_some()
                    || !last.glued_after.is_some_and(crate::text::is_hyphen)
            }
        };
        if glued {
            return None;
        }
        let previous = i
            .checked_sub(1)
            .map(|j| &tokens[j])
            .filter(|p| p.sentence == token.sentence);
        let next = tokens.get(i + len).filter(|n| n.sentence == token.sentence);
        // A sentence's first token never follows a comma.
        let comma_before = token.after_comma;
        let comma_after = next.is_some_and(|n| n.after_comma);
        if !self.after.is_empty() && !self.after.iter().any(|n| n.holds(previous, comma_before)) {
            return None;
        }
        if self
            .not_after
            .iter()
            .any(|n| n.holds(previous, comma_before))
        {
            return None;
        }
        if !self.before.is_empty() && !self.before.iter().any(|n| n.holds(next, comma_after)) {
            return None;
        }
        if self.not_before.iter().any(|n| n.holds(next, comma_after)) {
            return None;
        }
        // A sentence-initial word is capitalised anyway: "Hast du Fragen?".
        if self.not_between_capitalized
            && previous.is_some_and(|p| p.is_capitalized() && !p.init)
            && next.is_some_and(Token::is_capitalized)
        {
            return None;
        }
        Some(len)
    }

    /// Whether `word` is one of `words` or of the lexicon's.
    pub fn lists(&self, word: &str) -> bool {
        self.words.contains(word) || self.lexicon.is_some_and(|lexicon| lexicon.contains(word))
    }

    /// The single words it matches: its `words` and its lexicon's.
    pub fn listed(&self) -> impl Iterator<Item = &str> + '_ {
        let lexicon = self.lexicon.into_iter().flatten().copied();
        self.words.iter().map(String::as_str).chain(lexicon)
    }

    /// The lower-cased first words this matcher can start with.
    pub(super) fn first_words(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        // Words of any case are kept lower-cased already.
        let exact = self.case == Case::Exact;
        self.listed()
            .chain(
                self.phrases
                    .iter()
                    .filter_map(|p| p.first().map(String::as_str)),
            )
            .map(move |w| match exact {
                true => Cow::Owned(w.to_lowercase()),
                false => Cow::Borrowed(w),
            })
    }
}

/// Whether `phrase` is written at token `i`: its words in one sentence.
fn phrase_at(phrase: &[String], tokens: &[Token], i: usize, exact: bool) -> bool {
    let sentence = tokens[i].sentence;
    phrase.iter().enumerate().all(|(k, word)| {
        tokens.get(i + k).is_some_and(|t| {
            t.kind == Kind::Word
                && t.sentence == sentence
                && !t.quoted
                && if exact {
                    t.text == *word
                } else {
                    crate::text::eq_lowercase(&t.text, word)
                }
        })
    })
}

/// `contattarLa` ends with `La` after three or more lower-case letters.
fn has_suffix(word: &str, suffix: &str) -> bool {
    word.strip_suffix(suffix)
        .is_some_and(|stem| stem.chars().count() >= 3 && stem.chars().all(|c| c.is_lowercase()))
}
