//! What a reference text says about whom a translation's third person is
//! (`rules/reference.toml`): the reference language's words for the reader
//! ("you", "your") and for anyone else ("he", "their"). A translation's
//! `su` is the reader's where its reference gives things to the reader and
//! to no one else; a 3sg `sabe` is said to the reader where its reference
//! speaks to the reader and of no one else.

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use unic_langid::LanguageIdentifier;

/// What a marker's strength may depend on in the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderSign {
    /// The reference gives things to the reader alone ("your order").
    Owner,
    /// The reference speaks to the reader and of no other person or thing
    /// ("Do you know…?").
    Person,
}

/// The words of one reference language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceWords {
    locales: Vec<String>,
    owner: Persons,
    person: Persons,
}

/// The words, lower-case, for the reader and for anyone else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Persons {
    reader: HashSet<String>,
    others: HashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: Vec<ReferenceWords>,
}

fn parse() -> Vec<ReferenceWords> {
    // A test parses the file, so this cannot fail at run time.
    let file: File = toml::from_str(include_str!("../../rules/reference.toml"))
        .unwrap_or_else(|e| panic!("rules/reference.toml is invalid: {e}"));
    file.language
}

impl ReferenceWords {
    /// The words of the reference language of `langid`, if etiquette
    /// knows it.
    pub fn of(langid: &LanguageIdentifier) -> Option<&'static ReferenceWords> {
        static PARSED: OnceLock<Vec<ReferenceWords>> = OnceLock::new();
        let language = langid.language.as_str();
        PARSED.get_or_init(parse).iter().find(|l| {
            l.locales
                .iter()
                .any(|tag| tag.eq_ignore_ascii_case(language))
        })
    }

    /// What the reference `text` shows, as a whole and sentence by
    /// sentence.
    pub fn read(&self, text: &str) -> Shown {
        let per_sentence: Vec<[bool; 2]> = sentences(text)
            .map(|sentence| self.signs(words(sentence)))
            .collect();
        Shown {
            whole: self.signs(words(text)),
            per_sentence,
        }
    }

    /// Whether `words` show each sign: they name the reader and no one
    /// else.
    fn signs<'w>(&self, words: impl Iterator<Item = &'w str>) -> [bool; 2] {
        let mut reader = [false; 2];
        let mut others = [false; 2];
        for word in words {
            let lower = word.to_lowercase().replace('’', "'");
            for (i, persons) in [&self.owner, &self.person].into_iter().enumerate() {
                reader[i] |= persons.reader.contains(&lower);
                others[i] |= persons.others.contains(&lower);
            }
        }
        [reader[0] && !others[0], reader[1] && !others[1]]
    }
}

/// What a reference text shows of each [`ReaderSign`].
#[derive(Debug)]
pub struct Shown {
    whole: [bool; 2],
    per_sentence: Vec<[bool; 2]>,
}

impl Shown {
    /// Whether the reference shows `sign` for the translation's sentence
    /// `sentence` of `sentences`: that sentence's if the reference has as
    /// many, else the whole text's.
    pub fn shows(&self, sign: ReaderSign, sentence: usize, sentences: usize) -> bool {
        match self.per_sentence.get(sentence) {
            Some(signs) if self.per_sentence.len() == sentences => signs[sign as usize],
            _ => self.whole[sign as usize],
        }
    }
}

/// The words of `text`: letters and digits, with their apostrophes
/// ("one's").
fn words(text: &str) -> impl Iterator<Item = &str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    text.split(move |c| !is_word(c))
        .map(|word| word.trim_matches(['\'', '’']))
        .filter(|word| !word.is_empty())
}

/// The sentences of `text` that have a word: it breaks after `.`, `!`,
/// `?` or `…` before a space or the end.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let end = rest
                .char_indices()
                .find(|&(i, c)| {
                    matches!(c, '.' | '!' | '?' | '…')
                        && rest[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace)
                })
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            let sentence = &rest[..end];
            rest = &rest[end..];
            if words(sentence).next().is_some() {
                return Some(sentence);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> &'static ReferenceWords {
        ReferenceWords::of(&"en-US".parse().unwrap()).expect("English is known")
    }

    fn shows(sign: ReaderSign, text: &str) -> bool {
        english().read(text).shows(sign, 0, 0)
    }

    #[test]
    fn the_reader_owns_alone_where_no_one_else_owns() {
        assert!(shows(ReaderSign::Owner, "Your order has shipped"));
        assert!(shows(ReaderSign::Owner, "They sit under your bed"));
        assert!(!shows(ReaderSign::Owner, "Your friend sent their photo"));
        assert!(!shows(ReaderSign::Owner, "YOUR brother and HIS order"));
        assert!(!shows(ReaderSign::Owner, "The order has shipped"));
        assert!(!shows(
            ReaderSign::Owner,
            "Your order is no one’s but one’s own"
        ));
    }

    #[test]
    fn the_reader_is_spoken_to_alone_where_no_one_else_is_spoken_of() {
        assert!(shows(ReaderSign::Person, "Do you know what?"));
        assert!(!shows(ReaderSign::Person, "Do you know if it works?"));
        assert!(!shows(ReaderSign::Person, "They sit under your bed"));
        assert!(!shows(ReaderSign::Person, "The order has shipped"));
    }

    #[test]
    fn sentences_are_read_alone_where_the_translation_has_as_many() {
        let shown = english().read("It ships today. What do you think? Ask us…");
        let person = ReaderSign::Person;
        assert!(!shown.shows(person, 0, 3));
        assert!(shown.shows(person, 1, 3));
        assert!(!shown.shows(person, 1, 2), "the whole text names `it`");
        assert!(!shown.shows(person, 2, 3));
        let shown = english().read("Version 2.0 is out. See what's new.");
        assert!(!shown.shows(ReaderSign::Person, 1, 2));
        assert_eq!(shown.per_sentence.len(), 2);
    }

    #[test]
    fn every_word_is_lower_case_and_the_locales_are_tags() {
        for language in parse() {
            for persons in [&language.owner, &language.person] {
                for word in persons.reader.iter().chain(&persons.others) {
                    assert_eq!(*word, word.to_lowercase());
                }
            }
            for tag in &language.locales {
                tag.parse::<LanguageIdentifier>().unwrap();
            }
        }
    }
}
