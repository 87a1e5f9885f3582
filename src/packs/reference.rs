//! What a reference text says about whom a translation's third person is
//! (`rules/reference.toml`): the reference language's words for the reader
//! ("you", "your") and for anyone else ("he", "their"). A translation's
//! `su` is the reader's where its reference gives things to the reader and
//! to no one else; a 3sg `sabe` is said to the reader where its reference
//! speaks to the reader and of no one else.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;
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

/// The words of one reference language, by what each says.
#[derive(Debug)]
pub struct ReferenceWords {
    locales: Vec<String>,
    /// Each word, lower-case, with the [`Role`] bits it has.
    roles: HashMap<String, u8>,
    /// The most characters a word has.
    longest: usize,
}

/// What a word of the reference says, as bits.
struct Role;

impl Role {
    const OWNER_READER: u8 = 1;
    const OWNER_OTHERS: u8 = 2;
    const PERSON_READER: u8 = 4;
    const PERSON_OTHERS: u8 = 8;
}

/// A `[[language]]` of `rules/reference.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    locales: Vec<String>,
    owner: Persons,
    person: Persons,
}

/// The words, lower-case, for the reader and for anyone else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Persons {
    reader: Vec<String>,
    others: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: Vec<Language>,
}

fn parse() -> Vec<ReferenceWords> {
    // A test parses the file, so this cannot fail at run time.
    let file: File = toml::from_str(include_str!("../../rules/reference.toml"))
        .unwrap_or_else(|e| panic!("rules/reference.toml is invalid: {e}"));
    file.language.into_iter().map(ReferenceWords::new).collect()
}

impl ReferenceWords {
    fn new(language: Language) -> Self {
        let mut roles: HashMap<String, u8> = HashMap::default();
        let lists = [
            (language.owner.reader, Role::OWNER_READER),
            (language.owner.others, Role::OWNER_OTHERS),
            (language.person.reader, Role::PERSON_READER),
            (language.person.others, Role::PERSON_OTHERS),
        ];
        for (words, role) in lists {
            for word in words {
                *roles.entry(word).or_default() |= role;
            }
        }
        let longest = roles.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        ReferenceWords {
            locales: language.locales,
            roles,
            longest,
        }
    }

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

    /// What the reference `text` shows, sentence by sentence and as a
    /// whole.
    pub fn read(&self, text: &str) -> Shown {
        let per_sentence: Vec<u8> = sentences(text)
            .map(|sentence| words(sentence).fold(0, |roles, word| roles | self.role(word)))
            .collect();
        Shown {
            whole: per_sentence.iter().fold(0, |all, roles| all | roles),
            per_sentence,
        }
    }

    /// The roles of `word`: lower-cased on the stack when it is short and
    /// ASCII (a typographic apostrophe is one), as nearly every word is.
    fn role(&self, word: &str) -> u8 {
        let mut buffer = [0u8; 32];
        let mut len = 0;
        for c in word.chars() {
            let c = if c == '’' { '\'' } else { c };
            if !c.is_ascii() || len == buffer.len() {
                return self.role_of_any(word);
            }
            buffer[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        }
        if len > self.longest {
            return 0;
        }
        std::str::from_utf8(&buffer[..len])
            .ok()
            .and_then(|lower| self.roles.get(lower))
            .copied()
            .unwrap_or(0)
    }

    fn role_of_any(&self, word: &str) -> u8 {
        if word.chars().count() > self.longest {
            return 0;
        }
        let lower = word.to_lowercase().replace('’', "'");
        self.roles.get(&lower).copied().unwrap_or(0)
    }
}

/// What a reference text shows of each [`ReaderSign`].
#[derive(Debug)]
pub struct Shown {
    /// The [`Role`] bits of the whole text's words.
    whole: u8,
    /// The same for each sentence.
    per_sentence: Vec<u8>,
}

impl Shown {
    /// Whether the reference shows `sign` for the translation's sentence
    /// `sentence` of `sentences`: that sentence's if the reference has as
    /// many, else the whole text's. It shows it where it names the reader
    /// and no one else.
    pub fn shows(&self, sign: ReaderSign, sentence: usize, sentences: usize) -> bool {
        let roles = match self.per_sentence.get(sentence) {
            Some(&roles) if self.per_sentence.len() == sentences => roles,
            _ => self.whole,
        };
        let (reader, others) = match sign {
            ReaderSign::Owner => (Role::OWNER_READER, Role::OWNER_OTHERS),
            ReaderSign::Person => (Role::PERSON_READER, Role::PERSON_OTHERS),
        };
        roles & reader != 0 && roles & others == 0
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
        let file: File = toml::from_str(include_str!("../../rules/reference.toml")).unwrap();
        for language in &file.language {
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

    #[test]
    fn a_word_is_found_whatever_its_case_and_apostrophe() {
        let english = english();
        assert_eq!(english.role("YOUR"), english.role("your"));
        assert_eq!(english.role("One’s"), english.role("one's"));
        assert_ne!(english.role("one's"), 0);
        assert_eq!(english.role("yourselvesyourselves"), 0);
        assert_eq!(english.role("Ýour"), 0);
        assert_eq!(english.role(&"y".repeat(100)), 0);
    }
}
