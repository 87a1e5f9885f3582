//! What a pack holds: its entries, each of one kind, with the settings
//! of its table.

use serde::Deserialize;

use super::matcher::Matcher;
use super::reference::ReaderSign;
use crate::finding::{RuleMeta, Severity};
use crate::project::config::Register;

/// How much a marker says about the register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Decides the register and is flagged when it contradicts it.
    #[default]
    Strong,
    /// Helps decide the register; never flagged.
    Weak,
    /// Votes like a strong marker, but where it contradicts the register it
    /// may be a plural (French `vous` to a family): only ever `info`.
    Plural,
    /// Matched and then ignored: idioms and names that look like markers.
    None,
}

impl Strength {
    /// The weight of the marker in its sentence's vote.
    pub fn weight(self) -> f32 {
        match self {
            Strength::Strong | Strength::Plural => 1.0,
            Strength::Weak => 0.3,
            Strength::None => 0.0,
        }
    }
}

/// Case sensitivity of an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// `Je`, `je` and `JE` are the same word (all-capital words of two or
    /// more letters are acronyms and never match).
    #[default]
    Any,
    /// Only the case as written: German `Sie`, Italian `Lei`.
    Exact,
}

/// Where in a sentence a marker counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    #[default]
    Any,
    /// Only inside a sentence; at its start `init-strength` applies (German
    /// `Sie ist unterwegs` is "she").
    Mid,
}

/// Words glued to others by an apostrophe or a hyphen (`sms'je`, `u-bocht`,
/// `ajudar-te`, `t'aider`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Joined {
    /// A glued word is part of another word, never this entry.
    #[default]
    Skip,
    /// Glued or not, the word counts (French `pouvez-vous`, Portuguese `ajudar-te`).
    Allow,
    /// Only the elided form counts: the word followed by an apostrophe and
    /// a letter (French `t'aider`).
    Elided,
    /// Only where a hyphen glues a pronoun after it (Portuguese enclisis:
    /// `diga-me`, `torne-se`; `before` names the pronouns).
    Enclitic,
}

/// What a salutation or sign-off says about the email it opens or closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    /// Never in a customer email: "Lieve Niels", "Kusjes", "Hallo Sie".
    Banned,
    /// Requires a formal email: "Geachte", "Sehr geehrte", "Hoogachtend".
    Formal,
    /// Belongs to an informal email: "Hoi", "Salut", "Groetjes".
    Informal,
    /// Fits either: "Beste", "Cher client"; stops the entries after it.
    Neutral,
}

/// Texts that show an entry at work: in a `bad` one etiquette flags exactly
/// the words in `[…]`, in a `good` one nothing.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub bad: Vec<String>,
    pub good: Vec<String>,
    /// Each `bad` example with the entry's fix applied, in the order of
    /// `bad`, where the entry has a fix: the fixed text has no finding.
    pub fixed: Vec<String>,
}

/// An address marker (`[[marker]]`).
#[derive(Clone, Debug)]
pub struct Marker {
    pub matcher: Matcher,
    pub register: Register,
    pub strength: Strength,
    pub position: Position,
    /// The strength at the start of a sentence, for `position = "mid"`.
    pub init_strength: Strength,
    /// Only in a sentence that asks (ends in a question mark): a verb of
    /// the third person that opens a question speaks to the reader
    /// ("Ha visto il film?").
    pub question: bool,
    /// Counted in a sentence that asks. `false` for a verb form that is an
    /// imperative in a statement and the third person in a question
    /// (Spanish "Confirma la contraseña", "¿Confirma que desea…?").
    pub in_questions: bool,
    /// Counted where it opens a label (a short segment that is no
    /// sentence: a button, a menu item, a tooltip). `false` for verb forms
    /// that name a command there by convention (Italian "Chiudi scheda",
    /// "Apri", even in a `Lei` interface).
    pub in_labels: bool,
    /// With `position = "mid"`: the main clause after an introductory one
    /// and its comma ("Si tiene dudas, visite…") counts as the start of a
    /// sentence, for a verb form that is an imperative there.
    pub clause_start: bool,
    /// The strength in a segment whose reference shows the sign: it gives
    /// things to the reader alone (`owner-strength`: "your order", no
    /// "his" or "their", where a `su` is the reader's), or speaks to the
    /// reader and of no one else (`person-strength`: "We sent your order",
    /// where a `le` is the reader), and says "you" (`subject-strength`: "Do
    /// you know…?", where a 3sg `sabe` is said to the reader), or gives an
    /// order (`order-strength`: "Try again", where `Intenta` is the `tú`
    /// imperative), or says the English the marker translates
    /// (`echo-strength`: "you know", where `sabe` is said to the reader).
    /// `None` where the reference does not matter.
    pub reader_strength: Option<(ReaderSign, Strength)>,
    /// With `echo-strength`: the English phrases the marker translates,
    /// lower-case, each word between single spaces (" you know ", " you re ").
    pub echoes: Vec<String>,
    /// The help when this marker contradicts the register.
    pub fix: Option<String>,
}

/// A salutation (`[[salutation]]`) or sign-off (`[[closing]]`).
#[derive(Clone, Debug)]
pub struct Formula {
    pub matcher: Matcher,
    pub tone: Tone,
    /// Overrides the rule's severity for this entry.
    pub severity: Option<Severity>,
    pub fix: Option<String>,
    /// The words that replace it: a neutral salutation or sign-off of the
    /// language, written in place of the matched words.
    pub replace: Option<String>,
}

/// A phrase machine translation produces from an English formula
/// (`[[calque]]`): "Ich hoffe, diese E-Mail findet Sie gut".
#[derive(Clone, Debug)]
pub struct Calque {
    pub matcher: Matcher,
    pub fix: Option<String>,
    /// The idiomatic wording a fix writes in the calque's place.
    pub replace: Option<String>,
}

/// A stock phrase in its two registers (`[[phrase]]`): when a marker of the
/// wrong register sits in one, the help quotes the other.
#[derive(Clone, Debug)]
pub struct StockPhrase {
    /// The variants as written, index-aligned between the registers.
    pub formal: Vec<String>,
    pub informal: Vec<String>,
    /// The same, as lower-cased tokens.
    pub formal_words: Vec<Vec<String>>,
    pub informal_words: Vec<Vec<String>>,
}

impl StockPhrase {
    /// The variant of `register` to suggest for variant `index` of the other.
    pub fn counterpart(&self, register: Register, index: usize) -> Option<&str> {
        let list = match register {
            Register::Formal => &self.formal,
            Register::Informal => &self.informal,
        };
        list.get(index).or(list.first()).map(String::as_str)
    }

    /// The variants of `register` as written.
    pub fn variants(&self, register: Register) -> &[String] {
        match register {
            Register::Formal => &self.formal,
            Register::Informal => &self.informal,
        }
    }

    pub fn words(&self, register: Register) -> &[Vec<String>] {
        match register {
            Register::Formal => &self.formal_words,
            Register::Informal => &self.informal_words,
        }
    }
}

/// A project's own rule (`[[rule]]`): words, phrases or a pattern that
/// must not appear, with a message, a help and a replacement.
#[derive(Clone, Debug)]
pub struct ProjectRule {
    pub meta: &'static RuleMeta,
    pub matcher: Option<Matcher>,
    pub pattern: Option<regex::Regex>,
    /// The message; `{match}` stands for the text found.
    pub message: String,
    pub help: Option<String>,
    pub replace: Option<String>,
}

/// What an entry is.
#[derive(Clone, Debug)]
pub enum PackEntryKind {
    Marker(Marker),
    Salutation(Formula),
    Closing(Formula),
    Calque(Calque),
    Phrase(StockPhrase),
    Rule(ProjectRule),
}

impl PackEntryKind {
    pub fn marker(&self) -> Option<&Marker> {
        match self {
            PackEntryKind::Marker(marker) => Some(marker),
            _ => None,
        }
    }

    pub fn salutation(&self) -> Option<&Formula> {
        match self {
            PackEntryKind::Salutation(opening) => Some(opening),
            _ => None,
        }
    }

    pub fn closing(&self) -> Option<&Formula> {
        match self {
            PackEntryKind::Closing(opening) => Some(opening),
            _ => None,
        }
    }

    pub fn calque(&self) -> Option<&Calque> {
        match self {
            PackEntryKind::Calque(calque) => Some(calque),
            _ => None,
        }
    }

    pub fn rule(&self) -> Option<&ProjectRule> {
        match self {
            PackEntryKind::Rule(rule) => Some(rule),
            _ => None,
        }
    }
}

/// One entry of a pack, with its examples and where it is written.
#[derive(Clone, Debug)]
pub struct PackEntry {
    pub kind: PackEntryKind,
    pub examples: Examples,
    /// Why the entry is there, for the pack's readers.
    pub note: Option<String>,
    /// `rules/nl.toml:12`.
    pub origin: String,
}
