//! What a reference text says about whom a translation's third person is
//! (`rules/reference.toml`): the reference language's words for the reader
//! ("you", "your") and for anyone else ("he", "their"). A translation's
//! `su` is the reader's where its reference gives things to the reader and
//! to no one else; a 3sg `sabe` is said to the reader where its reference
//! speaks to the reader and of no one else.

use std::ops::Range;
use std::sync::OnceLock;

use crate::syntax::{TextMap as HashMap, TextSet as HashSet};
use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::text::{Kind, Token, is_apostrophe, lowercase};

/// What a marker's strength may depend on in the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderSign {
    /// The reference gives things to the reader alone ("your order").
    Owner,
    /// The reference speaks to the reader and of no other person or thing
    /// ("Do you know…?", "We sent your order").
    Person,
    /// The same, and says "you" itself, not only "your", and no noun is a
    /// verb's subject: a verb or a subject pronoun may then be the
    /// reader's ("Your children see…" says nothing of the reader as a
    /// person; in "Our team can help you" the team can).
    Subject,
    /// The reference opens the sentence with an order and names no other
    /// subject: an imperative that is also a third person's verb is the
    /// reader's ("Try again": "Intenta de nuevo").
    Order,
    /// The reference says the English a marker translates, whoever else it
    /// names: "you know" beside a filler `sabe` ("You know, it's like…").
    Echo,
    /// The reference's sentence, paired with the translation's, makes the
    /// reader its main clause's subject ("You have a new message", "You're
    /// using…") and names no other person or thing, not even as an object:
    /// a verb that opens a sentence with no subject of its own is the
    /// reader's ("Tiene un mensaje nuevo").
    Actor,
}

/// The words of one reference language, by what each says.
#[derive(Debug)]
pub struct ReferenceWords {
    locales: Vec<String>,
    /// Lower-cased abbreviations that do not end a sentence.
    pub abbreviations: HashSet<String>,
    /// Each word, lower-case, with the [`Role`] bits it has.
    roles: HashMap<String, u16>,
    /// The most characters a word has.
    longest: usize,
    /// The words after which `'s` is no possessive, lower-case.
    contracted: HashSet<String>,
    /// The words that make a placeable, or a word of role `OTHER_SUBJECT`,
    /// before them a subject, lower-case.
    subject_of: HashSet<String>,
    /// The words that are no subject of their own before such a word
    /// ("we", "how", "and"), lower-case.
    function_words: HashSet<String>,
    /// The words after which a word of role `OTHER_PRONOUN` is a subject
    /// ("if", "when"), lower-case.
    conjunctions: HashSet<String>,
    /// The words that may come before an order ("please"), lower-case.
    order_prefixes: HashSet<String>,
    /// A verb glued to a word before it by an apostrophe ("'s", "'ll"),
    /// lower-case.
    contractions: HashSet<String>,
    /// The words or phrases that speak to several readers ("each other",
    /// "all of you"), each split into its lower-case words; their first
    /// words have role `PLURAL_START`.
    plural: Vec<Vec<String>>,
}

/// What a word of the reference says, as bits.
struct Role;

impl Role {
    const OWNER_READER: u16 = 1;
    const OWNER_OTHERS: u16 = 2;
    const PERSON_READER: u16 = 4;
    const PERSON_OTHERS: u16 = 8;
    /// Another person only as a subject ("This may take…", not "this
    /// information").
    const OTHER_SUBJECT: u16 = 16;
    /// The reader as a person ("you"), not only as an owner.
    const ADDRESSEE: u16 = 32;
    /// A word of no other role before a verb: another subject, a thing or
    /// a person named by a noun ("Our team can…", "The app can…").
    const NOUN_SUBJECT: u16 = 64;
    /// Another person or thing as a subject, a thing as an object ("It
    /// works", "if it fails"; not "cancel it").
    const OTHER_PRONOUN: u16 = 128;
    /// Another person or thing as an object or an owner ("them", "his"):
    /// an object pronoun may be theirs, a verb is still the reader's ("You
    /// can ask them").
    const OBJECT_OTHERS: u16 = 256;
    /// A verb that gives an order, where it opens a sentence ("Try
    /// again", "Please confirm…").
    const ORDER: u16 = 512;
    /// The reader is several people ("each other", "all of you"): a
    /// translation's `su` or `le` may be the plural address, no register.
    const PLURAL_READER: u16 = 1024;
    /// The first word of a phrase of `plural`.
    const PLURAL_START: u16 = 2048;
    /// A relative pronoun ("who", "that"): the word before one that comes
    /// before a verb is that verb's subject.
    const RELATIVE: u16 = 4096;
    /// "You" opening a main clause as its verb's subject ("You have…",
    /// "Thanks, you're…").
    const ACTOR: u16 = 8192;
    /// A pronoun of `pronouns` as an object ("You'll get it tomorrow"):
    /// a translation may make the thing its sentence's subject ("Llegará
    /// mañana").
    const THING_OBJECT: u16 = 16384;
    /// The bits that say what a word may do, not whom it names.
    const LEXICAL: u16 = Role::PLURAL_START | Role::RELATIVE;
}

/// A `[[language]]` of `rules/reference.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    locales: Vec<String>,
    abbreviations: Vec<String>,
    owner: SignWords,
    person: SignWords,
}

/// The words, lower-case, for the reader and for anyone else, and the
/// list's own words (`contracted` for an owner, `objects`, `subject-of`,
/// `subjects`, `pronouns`, `conjunctions`, `contractions`, `orders`,
/// `order-prefixes` and `plural` for a person).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SignWords {
    reader: Vec<String>,
    others: Vec<String>,
    #[serde(default)]
    contracted: Vec<String>,
    #[serde(default)]
    subject_of: Vec<String>,
    #[serde(default)]
    subjects: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
    #[serde(default)]
    orders: Vec<String>,
    #[serde(default)]
    order_prefixes: Vec<String>,
    #[serde(default)]
    contractions: Vec<String>,
    #[serde(default)]
    addressee: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    plural: Vec<String>,
    #[serde(default)]
    relatives: Vec<String>,
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
    fn new(mut language: Language) -> Self {
        let contracted = std::mem::take(&mut language.owner.contracted);
        let subject_of = std::mem::take(&mut language.person.subject_of);
        let subjects = std::mem::take(&mut language.person.subjects);
        let objects = std::mem::take(&mut language.person.objects);
        let pronouns = std::mem::take(&mut language.person.pronouns);
        let conjunctions = std::mem::take(&mut language.person.conjunctions);
        let orders = std::mem::take(&mut language.person.orders);
        let order_prefixes = std::mem::take(&mut language.person.order_prefixes);
        let contractions = std::mem::take(&mut language.person.contractions);
        let addressee = std::mem::take(&mut language.person.addressee);
        let function_words = std::mem::take(&mut language.person.function_words);
        let relatives = std::mem::take(&mut language.person.relatives);
        let plural: Vec<Vec<String>> = std::mem::take(&mut language.person.plural)
            .iter()
            .map(|phrase| phrase.split_whitespace().map(str::to_owned).collect())
            .collect();
        let mut roles: HashMap<String, u16> = HashMap::default();
        let lists = [
            (language.owner.reader, Role::OWNER_READER),
            (language.owner.others, Role::OWNER_OTHERS),
            (language.person.reader, Role::PERSON_READER),
            (language.person.others, Role::PERSON_OTHERS),
            (subjects, Role::OTHER_SUBJECT),
            (objects, Role::OBJECT_OTHERS),
            (pronouns, Role::OTHER_PRONOUN),
            (orders, Role::ORDER),
            (addressee, Role::ADDRESSEE),
            (relatives, Role::RELATIVE),
        ];
        for (words, role) in lists {
            for word in words {
                *roles.entry(word).or_default() |= role;
            }
        }
        for first in plural.iter().filter_map(|words| words.first()) {
            *roles.entry(first.clone()).or_default() |= Role::PLURAL_START;
        }
        let longest = roles.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        ReferenceWords {
            locales: language.locales,
            abbreviations: crate::text::abbreviations(&language.abbreviations),
            roles,
            longest,
            contracted: contracted.into_iter().collect(),
            subject_of: subject_of.into_iter().collect(),
            function_words: function_words.into_iter().collect(),
            conjunctions: conjunctions.into_iter().collect(),
            order_prefixes: order_prefixes.into_iter().collect(),
            contractions: contractions.into_iter().collect(),
            plural,
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

    /// The signs of a reference text read as `tokens`, sentence by
    /// sentence and as a whole; `aligned` is false where its sentences
    /// cannot be paired with a translation's (a select's variants are all
    /// in the text), and only the whole counts.
    pub fn read(&self, tokens: &[Token], aligned: bool) -> ReferenceSigns {
        let count = tokens.last().map_or(0, |t| t.sentence + 1);
        let mut per_sentence = vec![0u16; count];
        let mut sentences = vec![0..0; count];
        // Whether the clause so far (from the sentence's start or the last
        // comma) says "you".
        let mut addressed = false;
        for (i, token) in tokens.iter().enumerate() {
            if token.init || token.after_comma {
                addressed = false;
            }
            let roles = match token.kind {
                Kind::Word if is_possessive_s(tokens, i) => self.owner_of(&tokens[i - 1]),
                Kind::Word => self.word_roles(tokens, i, addressed),
                Kind::Placeholder if self.before_a_verb(tokens, i) => Role::PERSON_OTHERS,
                _ => 0,
            };
            let roles = match roles & Role::ADDRESSEE != 0 && self.you_are_subject(tokens, i) {
                true => roles | Role::ACTOR,
                false => roles,
            };
            addressed |= roles & Role::ADDRESSEE != 0;
            per_sentence[token.sentence] |= roles;
            let sentence = &mut sentences[token.sentence];
            if i == 0 || tokens[i - 1].sentence != token.sentence {
                sentence.start = token.span.start;
            }
            sentence.end = token.span.end;
        }
        ReferenceSigns {
            whole: per_sentence.iter().fold(0, |all, roles| all | roles),
            per_sentence: if aligned { per_sentence } else { Vec::new() },
            text: String::new(),
            sentences,
        }
    }

    /// The roles of the word `tokens[i]` where it stands, after a clause
    /// that has said "you" if `addressed`.
    fn word_roles(&self, tokens: &[Token], i: usize, addressed: bool) -> u16 {
        let token = &tokens[i];
        let roles = self.role(&token.text);
        let plural = match roles & Role::PLURAL_START {
            0 => 0,
            _ => self.plural_at(tokens, i, addressed),
        };
        plural
            | match roles & !Role::LEXICAL {
                Role::OTHER_SUBJECT if self.before_a_verb(tokens, i) => Role::PERSON_OTHERS,
                Role::OTHER_SUBJECT => 0,
                Role::OTHER_PRONOUN if self.pronoun_is_subject(tokens, i) => Role::PERSON_OTHERS,
                Role::OTHER_PRONOUN => Role::THING_OBJECT,
                Role::ORDER if !self.opens_an_order(tokens, i) => 0,
                // A noun before a verb is its subject, unless its clause
                // has said "you" before it ("You can choose which sites
                // are allowed"): "Our team can help you", "If you're out,
                // the courier can…", "people who are using your key".
                0 if !addressed
                    && (self.before_a_verb(tokens, i) || self.before_a_relative(tokens, i))
                    && !self
                        .function_words
                        .contains(lowercase(&token.text).as_ref()) =>
                {
                    Role::NOUN_SUBJECT
                }
                roles => roles,
            }
    }

    /// The roles of a possessive `'s` after `owner`: another owner's
    /// ("the developer's site", "someone's"), unless `'s` contracts "is",
    /// "has" or "us" there ("it's", "what's", "let's").
    fn owner_of(&self, owner: &Token) -> u16 {
        match self.contracted.contains(lowercase(&owner.text).as_ref()) {
            true => 0,
            false => Role::OWNER_OTHERS,
        }
    }

    /// Whether `tokens[i]` is a verb's subject: a word of `subject-of`
    /// follows it in its sentence, with no comma between ("Hi { $name },
    /// can you…" speaks to the name).
    fn before_a_verb(&self, tokens: &[Token], i: usize) -> bool {
        next_word(tokens, i)
            .is_some_and(|next| self.subject_of.contains(lowercase(&next.text).as_ref()))
    }

    /// Whether `tokens[i]` comes before a relative pronoun that is a
    /// verb's subject ("people who are…", "the key that is…"), with no
    /// comma between.
    fn before_a_relative(&self, tokens: &[Token], i: usize) -> bool {
        next_word(tokens, i).is_some_and(|next| {
            self.role(&next.text) & Role::RELATIVE != 0 && self.before_a_verb(tokens, i + 1)
        })
    }

    /// Whether `tokens[i]`, a pronoun that is a subject or an object
    /// ("it"), is a subject: where it opens a clause or follows a
    /// conjunction ("It works", "if it fails"), comes before a verb or a
    /// contraction ("it can", "it's"), or follows a verb in a question
    /// ("Does it work?"). After any other word it is an object ("you can
    /// cancel it", "more about it").
    fn pronoun_is_subject(&self, tokens: &[Token], i: usize) -> bool {
        let token = &tokens[i];
        if token.init || token.after_comma || self.before_a_verb(tokens, i) {
            return true;
        }
        let contracted = self.before_a_contraction(tokens, i);
        let Some(before) = i.checked_sub(1).map(|b| &tokens[b]) else {
            return true;
        };
        let before = lowercase(&before.text);
        contracted
            || self.conjunctions.contains(before.as_ref())
            || (token.asks && self.subject_of.contains(before.as_ref()))
    }

    /// Whether `tokens[i]`, "you", is the subject of the main clause it
    /// opens: at the start of its sentence or after a comma, before a word
    /// of `subject-of` or a contraction ("You have", "Thanks, you're…"; not
    /// "Select the data you'd like to import", an order). A question's
    /// "Do you…?" is left to the questions' own markers.
    fn you_are_subject(&self, tokens: &[Token], i: usize) -> bool {
        let token = &tokens[i];
        (token.init || token.after_comma)
            && (self.before_a_verb(tokens, i) || self.before_a_contraction(tokens, i))
    }

    /// Whether a contraction of `contractions` is glued after `tokens[i]`
    /// by an apostrophe ("it's", "you're").
    fn before_a_contraction(&self, tokens: &[Token], i: usize) -> bool {
        tokens.get(i + 1).is_some_and(|next| {
            next.glued_before.is_some_and(is_apostrophe)
                && self.contractions.contains(lowercase(&next.text).as_ref())
        })
    }

    /// `PLURAL_READER` where a phrase of `plural` starts at `tokens[i]`,
    /// within its sentence, and says "you" or follows it in a clause that
    /// has (`addressed`); else nothing.
    fn plural_at(&self, tokens: &[Token], i: usize, addressed: bool) -> u16 {
        let sentence = tokens[i].sentence;
        let found = self.plural.iter().any(|words| {
            words.len() <= tokens.len() - i
                && words.iter().zip(&tokens[i..]).all(|(word, token)| {
                    token.sentence == sentence
                        && token.kind == Kind::Word
                        && token.text.eq_ignore_ascii_case(word)
                })
                && (addressed || words.iter().any(|w| self.role(w) & Role::ADDRESSEE != 0))
        });
        match found {
            true => Role::PLURAL_READER,
            false => 0,
        }
    }

    /// Whether `tokens[i]`, a verb that gives an order, opens its sentence,
    /// alone or after a word of `order-prefixes` ("Try again", "Please
    /// try…"; not "Add-ons", "you can try").
    fn opens_an_order(&self, tokens: &[Token], i: usize) -> bool {
        let token = &tokens[i];
        let first = |t: &Token| t.init && t.glued_after.is_none();
        first(token)
            || i.checked_sub(1).is_some_and(|b| {
                let before = &tokens[b];
                first(before)
                    && before.sentence == token.sentence
                    && token.glued_after.is_none()
                    && self
                        .order_prefixes
                        .contains(lowercase(&before.text).as_ref())
            })
    }

    /// The roles of `word`: lower-cased on the stack when it is short and
    /// ASCII, as nearly every word is.
    fn role(&self, word: &str) -> u16 {
        let mut buffer = [0u8; 32];
        if !word.is_ascii() || word.len() > buffer.len() {
            return match word.chars().count() > self.longest {
                true => 0,
                false => self
                    .roles
                    .get(lowercase(word).as_ref())
                    .copied()
                    .unwrap_or(0),
            };
        }
        if word.len() > self.longest {
            return 0;
        }
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower)
            .ok()
            .and_then(|lower| self.roles.get(lower))
            .copied()
            .unwrap_or(0)
    }
}

/// What a reference text shows of each [`ReaderSign`], as role bits, and
/// its words.
#[derive(Debug)]
pub struct ReferenceSigns {
    /// The [`Role`] bits of the whole text's words.
    whole: u16,
    /// The same for each sentence.
    per_sentence: Vec<u16>,
    /// The text, for [`ReferenceSigns::echoes`], and where each sentence
    /// of it starts and ends.
    text: String,
    sentences: Vec<Range<usize>>,
}

impl ReferenceSigns {
    /// The same, with the text its tokens were read from, for
    /// [`ReferenceSigns::echoes`].
    pub fn with_text(self, text: String) -> ReferenceSigns {
        ReferenceSigns { text, ..self }
    }

    /// Whether the reference's sentences pair one by one with a
    /// translation's `sentences`.
    pub fn pairs_with(&self, sentences: usize) -> bool {
        self.per_sentence.len() == sentences
    }

    /// Whether the reference shows `sign` for the translation's sentence
    /// `sentence` of `sentences`: that sentence's if the reference has as
    /// many, else the whole text's. It shows it where it names the reader
    /// and no one else.
    pub fn shows(&self, sign: ReaderSign, sentence: usize, sentences: usize) -> bool {
        let roles = match self.per_sentence.get(sentence) {
            Some(&roles) if self.per_sentence.len() == sentences => roles,
            // The reader acts in a sentence: beside a text whose sentences
            // do not pair, "You have one attempt left. Try again." would
            // make "Riprova" the reader's `Lei`.
            _ if sign == ReaderSign::Actor => return false,
            _ => self.whole,
        };
        let (reader, others) = match sign {
            ReaderSign::Owner => (Role::OWNER_READER, Role::OWNER_OTHERS | Role::PLURAL_READER),
            ReaderSign::Person => (
                Role::PERSON_READER,
                Role::PERSON_OTHERS | Role::OBJECT_OTHERS | Role::PLURAL_READER,
            ),
            ReaderSign::Subject => (
                Role::ADDRESSEE,
                Role::PERSON_OTHERS | Role::NOUN_SUBJECT | Role::PLURAL_READER,
            ),
            // An order has no subject: a noun before a verb is a
            // clause's own ("Confirm which keys may be used").
            ReaderSign::Order => (Role::ORDER, Role::PERSON_OTHERS),
            ReaderSign::Actor => (
                Role::ACTOR,
                Role::PERSON_OTHERS
                    | Role::NOUN_SUBJECT
                    | Role::OBJECT_OTHERS
                    | Role::THING_OBJECT
                    | Role::PLURAL_READER,
            ),
            // What the marker translates: [`ReferenceSigns::echoes`].
            ReaderSign::Echo => return false,
        };
        roles & reader != 0 && roles & others == 0
    }

    /// Whether the reference says one of `echoes` (" you know ") in the
    /// translation's sentence `sentence` of `sentences`: in that sentence
    /// if the reference has as many, else anywhere.
    pub fn echoes(&self, echoes: &[String], sentence: usize, sentences: usize) -> bool {
        let range = match self.sentences.get(sentence) {
            Some(range) if self.pairs_with(sentences) => range.clone(),
            _ => 0..self.text.len(),
        };
        let Some(text) = self.text.get(range) else {
            return false;
        };
        // Made only where a marker that has echoes is found.
        let words = spaced_words(text);
        echoes.iter().any(|echo| words.contains(echo.as_str()))
    }
}

/// The words of `text`, lower-case, each between single spaces (" you
/// re using "): how an echo is kept, and how a reference's sentence is
/// searched for one.
pub fn spaced_words(text: &str) -> String {
    let mut words = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words.push_str(&lowercase(word));
        words.push(' ');
    }
    words
}

/// The word after `tokens[i]` in its sentence, with no comma between.
fn next_word<'t, 's>(tokens: &'t [Token<'s>], i: usize) -> Option<&'t Token<'s>> {
    tokens.get(i + 1).filter(|next| {
        next.sentence == tokens[i].sentence && next.kind == Kind::Word && !next.after_comma
    })
}

/// Whether `tokens[i]` is the `s` of a possessive: glued by an
/// apostrophe to the word before.
fn is_possessive_s(tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i].text.eq_ignore_ascii_case("s")
        && tokens[i].glued_before.is_some_and(is_apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> &'static ReferenceWords {
        ReferenceWords::of(&"en-US".parse().unwrap()).expect("English is known")
    }

    /// `text` read as a reference, each `{}` in it a placeable.
    fn read(text: &str) -> ReferenceSigns {
        let mut prose = crate::text::Prose::new();
        for (i, piece) in text.split("{}").enumerate() {
            if i > 0 {
                prose.push_placeholder(0, 0..0);
            }
            prose.push_text(0, 0, piece);
        }
        prose.mask();
        let tokens = crate::text::tokenize(prose.text(), &english().abbreviations);
        let signs = english().read(&tokens, true);
        drop(tokens);
        signs.with_text(prose.into_text())
    }

    fn shows(sign: ReaderSign, text: &str) -> bool {
        let signs = read(text);
        match sign {
            // Only beside a translation of as many sentences.
            ReaderSign::Actor => (0..signs.per_sentence.len())
                .any(|k| signs.shows(sign, k, signs.per_sentence.len())),
            _ => signs.shows(sign, 0, 0),
        }
    }

    #[test]
    fn the_reader_owns_alone_where_no_one_else_owns() {
        assert!(shows(ReaderSign::Owner, "Your order has shipped"));
        assert!(shows(ReaderSign::Owner, "They sit under your bed"));
        assert!(shows(ReaderSign::Owner, "It’s your turn, you’re next"));
        assert!(!shows(ReaderSign::Owner, "Your friend sent their photo"));
        assert!(!shows(ReaderSign::Owner, "YOUR brother and HIS order"));
        assert!(!shows(ReaderSign::Owner, "The order has shipped"));
        assert!(!shows(
            ReaderSign::Owner,
            "Your download is on the developer’s site"
        ));
        assert!(!shows(
            ReaderSign::Owner,
            "Your order is no one’s but one's own"
        ));
        assert!(shows(
            ReaderSign::Owner,
            "What’s your name? Let's see your order"
        ));
    }

    #[test]
    fn the_reader_acts_where_you_is_a_verbs_subject_and_nothing_else_is_named() {
        assert!(shows(ReaderSign::Actor, "You have a new message."));
        assert!(shows(ReaderSign::Actor, "You’re offline."));
        assert!(shows(
            ReaderSign::Actor,
            "Nice! You've resolved all known breaches."
        ));
        // "You" as an object, or after a question's verb: no actor here.
        assert!(!shows(ReaderSign::Actor, "Allows you to block trackers."));
        assert!(!shows(
            ReaderSign::Actor,
            "Select the data you’d like to import."
        ));
        assert!(!shows(ReaderSign::Actor, "Do you know them?"));
        // Something else named, even as an object, may be the subject of
        // the translation's verb ("Llegará mañana").
        assert!(!shows(ReaderSign::Actor, "You'll get it tomorrow."));
        assert!(!shows(ReaderSign::Actor, "You can ask them."));
        assert!(!shows(
            ReaderSign::Actor,
            "The courier has seen you are out."
        ));
        assert!(!shows(ReaderSign::Actor, "Your order has shipped."));
        // Beside a translation whose sentences do not pair, none.
        let signs = read("You have one attempt left. Try again.");
        assert!(signs.shows(ReaderSign::Actor, 0, 2));
        assert!(!signs.shows(ReaderSign::Actor, 0, 1));
    }

    #[test]
    fn the_reader_is_spoken_to_alone_where_no_one_else_is_spoken_of() {
        assert!(shows(ReaderSign::Person, "Do you know what?"));
        assert!(shows(ReaderSign::Person, "You have one new message"));
        assert!(!shows(ReaderSign::Person, "Do you know if it works?"));
        assert!(!shows(ReaderSign::Person, "You know it’s late"));
        assert!(!shows(ReaderSign::Person, "They sit under your bed"));
        assert!(!shows(ReaderSign::Person, "The order has shipped"));
        assert!(shows(ReaderSign::Person, "We have refunded your card"));
        assert!(
            !shows(ReaderSign::Subject, "Your children see only safe content"),
            "`your` names what is the reader's, not a subject"
        );
        assert!(shows(ReaderSign::Subject, "Do you know what?"));
        assert!(shows(
            ReaderSign::Subject,
            "We can help you, and you can reply"
        ));
        assert!(!shows(ReaderSign::Subject, "The app can now notify you"));
        assert!(!shows(
            ReaderSign::Subject,
            "Our team is here and can help you"
        ));
        assert!(shows(
            ReaderSign::Subject,
            "You can choose which sites are allowed"
        ));
        assert!(!shows(
            ReaderSign::Subject,
            "If you're out, the courier can leave the parcel"
        ));
        assert!(
            shows(ReaderSign::Person, "The app can now notify you"),
            "a `le` is the reader beside it"
        );
        assert!(!shows(ReaderSign::Subject, "Do you know if it works?"));
        // "It" as an object is no other person: "Puede cambiarlo".
        assert!(shows(ReaderSign::Subject, "You can switch it at any time"));
        assert!(shows(
            ReaderSign::Person,
            "When you are done, we recommend deleting it"
        ));
        // An owner or an object is no other subject, but a `le` may be
        // theirs ("Puede preguntarles", "le preguntamos").
        assert!(shows(ReaderSign::Subject, "You can ask them for help"));
        assert!(!shows(ReaderSign::Person, "You can ask them for help"));
        assert!(shows(ReaderSign::Subject, "You can now use its tools"));
        for subject in [
            "It can take a minute, but you can wait",
            "It works, and you can wait",
            "You can wait, and it works",
            "You know it’ll work",
            "Does it work for you?",
        ] {
            assert!(!shows(ReaderSign::Subject, subject), "{subject}");
        }
        assert!(!shows(
            ReaderSign::Person,
            "This may take a while, but you can wait"
        ));
        assert!(
            !shows(ReaderSign::Person, "{} can also use your data"),
            "a placeable before a verb is its subject"
        );
        assert!(
            shows(ReaderSign::Person, "Hi {}, can you check your order?"),
            "a name before a comma is whom the sentence speaks to"
        );
        assert!(shows(
            ReaderSign::Person,
            "If you can connect, the {} service may be down."
        ));
    }

    #[test]
    fn an_echo_is_said_in_the_paired_sentence_or_anywhere() {
        let echoes = [" you know ".to_owned()];
        let signs = read("Well. You know, it's like that.");
        assert!(!signs.echoes(&echoes, 0, 2));
        assert!(signs.echoes(&echoes, 1, 2));
        assert!(signs.echoes(&echoes, 0, 3), "not paired: anywhere");
        assert!(!read("Do you knowingly agree?").echoes(&echoes, 0, 1));
        let contracted = [spaced_words("You're using")];
        assert!(read("If you’re using a proxy").echoes(&contracted, 0, 1));
    }

    #[test]
    fn a_relative_pronoun_leaves_its_verb_to_the_word_before() {
        assert!(!shows(
            ReaderSign::Subject,
            "You cannot read them, nor emails from people who are still using your key"
        ));
        assert!(!shows(
            ReaderSign::Subject,
            "You chose a keyword, but a keyword that is in use"
        ));
        assert!(shows(
            ReaderSign::Subject,
            "The key you selected is in use by you"
        ));
    }

    #[test]
    fn several_readers_are_no_one_reader() {
        for plural in [
            "You should tell each other your fingerprints",
            "Thank you all for your orders",
            "Both of you can keep your seats",
            "Do it yourselves",
        ] {
            assert!(!shows(ReaderSign::Owner, plural), "{plural}");
            assert!(!shows(ReaderSign::Subject, plural), "{plural}");
        }
        // "Each other" without "you" before it in its clause is someone
        // else's.
        assert!(shows(
            ReaderSign::Owner,
            "We were with each other. Do you know your way?"
        ));
        assert!(shows(ReaderSign::Owner, "Thank you for your order"));
    }

    #[test]
    fn an_order_opens_its_sentence() {
        for order in [
            "Try again.",
            "Please confirm your address.",
            "Confirm which keys may be used.",
        ] {
            assert!(shows(ReaderSign::Order, order), "{order}");
        }
        for other in [
            "It tries again.",
            "You can try again.",
            "Add-ons are ready.",
            "Try again, and it will work.",
        ] {
            assert!(!shows(ReaderSign::Order, other), "{other}");
        }
    }

    #[test]
    fn sentences_are_read_alone_where_the_translation_has_as_many() {
        let shown = read("It ships today. What do you think? Ask us…");
        let person = ReaderSign::Person;
        assert!(!shown.shows(person, 0, 3));
        assert!(shown.shows(person, 1, 3));
        assert!(!shown.shows(person, 1, 2), "the whole text names `it`");
        assert!(!shown.shows(person, 2, 3));
        let shown = read("Version 2.0 is out and it works. You can update.");
        assert!(shown.shows(ReaderSign::Person, 1, 2));
        assert!(
            !shown.shows(ReaderSign::Person, 1, 3),
            "not aligned: the whole"
        );
        let shown = read("Pick a size, e.g. large. You can change it.");
        assert_eq!(shown.per_sentence.len(), 2, "no sentence ends at `e.g.`");
    }

    #[test]
    fn every_word_is_lower_case_and_the_locales_are_tags() {
        let file: File = toml::from_str(include_str!("../../rules/reference.toml")).unwrap();
        for language in &file.language {
            for persons in [&language.owner, &language.person] {
                let lists = [&persons.reader, &persons.others, &persons.contracted];
                let more = [
                    &persons.objects,
                    &persons.subject_of,
                    &persons.subjects,
                    &persons.pronouns,
                    &persons.conjunctions,
                    &persons.contractions,
                    &persons.orders,
                    &persons.order_prefixes,
                ];
                for word in lists.into_iter().chain(more).flatten() {
                    assert_eq!(*word, word.to_lowercase());
                }
            }
            for tag in &language.locales {
                tag.parse::<LanguageIdentifier>().unwrap();
            }
            // A subject word has that role alone.
            let person = &language.person;
            let own = [&person.subjects, &person.pronouns, &person.orders];
            for word in own.into_iter().flatten() {
                assert!(!person.reader.contains(word) && !person.others.contains(word));
                assert!(!person.objects.contains(word));
                assert!(!language.owner.reader.contains(word));
                assert!(!language.owner.others.contains(word));
            }
        }
    }

    #[test]
    fn a_word_is_found_whatever_its_case() {
        let english = english();
        assert_ne!(english.role("your"), 0);
        assert_eq!(english.role("YOUR"), english.role("your"));
        assert_eq!(english.role("yourselvesyourselves"), 0);
        assert_eq!(english.role("Ýour"), 0);
        assert_eq!(english.role(&"y".repeat(100)), 0);
    }
}
