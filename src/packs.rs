//! Language packs: what a language says about the way an email addresses
//! its reader, as data (`rules/*.toml`, embedded in the binary). Address
//! markers with the context rules that tell ambiguous words apart,
//! salutations and sign-offs, stock phrases and calques of machine
//! translation, and a project's own rules; every entry carries examples that
//! a test runs. A project adds packs, or extends or replaces the built-in
//! ones, from its own folders.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use unic_langid::LanguageIdentifier;

use crate::finding::RuleMeta;
use crate::finding::Severity;
use crate::project::config::Register;
use crate::text::{Kind, StartWords, Token};

/// A pack that ships inside the binary.
struct Builtin {
    path: &'static str,
    /// Its `locales`, known without parsing it: a run parses only the packs
    /// of the locales it checks. A test holds them to the file.
    locales: &'static [&'static str],
    text: &'static str,
}

/// The packs that ship inside the binary. They define no `[[rule]]`, which
/// a test holds them to: a run needs every pack's project rules up front.
const BUILTIN: [Builtin; 8] = [
    Builtin {
        path: "rules/nl.toml",
        locales: &["nl"],
        text: include_str!("../rules/nl.toml"),
    },
    Builtin {
        path: "rules/de.toml",
        locales: &["de"],
        text: include_str!("../rules/de.toml"),
    },
    Builtin {
        path: "rules/fr.toml",
        locales: &["fr"],
        text: include_str!("../rules/fr.toml"),
    },
    Builtin {
        path: "rules/es.toml",
        locales: &["es"],
        text: include_str!("../rules/es.toml"),
    },
    Builtin {
        path: "rules/it.toml",
        locales: &["it"],
        text: include_str!("../rules/it.toml"),
    },
    Builtin {
        path: "rules/pt-PT.toml",
        locales: &["pt-PT"],
        text: include_str!("../rules/pt-PT.toml"),
    },
    Builtin {
        path: "rules/pt-BR.toml",
        locales: &["pt-BR", "pt"],
        text: include_str!("../rules/pt-BR.toml"),
    },
    Builtin {
        path: "rules/pl.toml",
        locales: &["pl"],
        text: include_str!("../rules/pl.toml"),
    },
];

/// The built-in pack at `index` in [`BUILTIN`], parsed the first time any
/// run asks for it.
fn builtin_pack(index: usize) -> &'static Arc<Pack> {
    static PARSED: [std::sync::OnceLock<Arc<Pack>>; BUILTIN.len()] =
        [const { std::sync::OnceLock::new() }; BUILTIN.len()];
    PARSED[index].get_or_init(|| {
        let builtin = &BUILTIN[index];
        // A test parses every built-in pack, so this cannot fail at run time.
        Arc::new(
            Pack::parse(builtin.path, builtin.text)
                .unwrap_or_else(|e| panic!("built-in pack is invalid: {e}")),
        )
    })
}

/// A pack whose `locales` is `["*"]` applies to every locale.
const EVERY_LOCALE: &str = "*";

/// The compiled size a project rule's pattern may have: what real rules
/// need many times over, where `(?:\b\w+\b\W+){1,100}x` (28 s on a 5 MB
/// message) needs ten times more.
const MAX_PATTERN_BYTES: usize = 1 << 20;

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

/// The kind of an entry, as its TOML table is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Marker,
    Salutation,
    Closing,
    Calque,
    Phrase,
    Rule,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Marker => "marker",
            Table::Salutation => "salutation",
            Table::Closing => "closing",
            Table::Calque => "calque",
            Table::Phrase => "phrase",
            Table::Rule => "rule",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    pack: Header,
    #[serde(default)]
    marker: Vec<Spanned<EntrySpec>>,
    #[serde(default)]
    salutation: Vec<Spanned<EntrySpec>>,
    #[serde(default)]
    closing: Vec<Spanned<EntrySpec>>,
    #[serde(default)]
    calque: Vec<Spanned<EntrySpec>>,
    #[serde(default)]
    phrase: Vec<Spanned<EntrySpec>>,
    #[serde(default)]
    rule: Vec<Spanned<EntrySpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Header {
    name: String,
    locales: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    /// A project pack replaces the built-in pack of its locales instead of
    /// extending it.
    #[serde(default)]
    replace: bool,
}

/// Every key any entry may have; which ones a table accepts is checked by
/// hand, since serde cannot combine `flatten` with `deny_unknown_fields`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EntrySpec {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    case: Option<Case>,
    position: Option<Position>,
    init_strength: Option<Strength>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    joined: Option<Joined>,
    not_between_capitalized: Option<bool>,
    register: Option<Register>,
    strength: Option<Strength>,
    tone: Option<Tone>,
    severity: Option<Severity>,
    #[serde(default)]
    formal: Vec<String>,
    #[serde(default)]
    informal: Vec<String>,
    id: Option<String>,
    pattern: Option<String>,
    message: Option<String>,
    help: Option<String>,
    replace: Option<String>,
    fix: Option<String>,
    note: Option<String>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

impl EntrySpec {
    /// The keys that are set, for the check of which a table accepts.
    fn keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        let mut set = |present: bool, key: &'static str| {
            if present {
                keys.push(key);
            }
        };
        set(!self.words.is_empty(), "words");
        set(!self.phrases.is_empty(), "phrases");
        set(!self.suffixes.is_empty(), "suffixes");
        set(self.case.is_some(), "case");
        set(self.position.is_some(), "position");
        set(self.init_strength.is_some(), "init-strength");
        set(!self.after.is_empty(), "after");
        set(!self.not_after.is_empty(), "not-after");
        set(!self.before.is_empty(), "before");
        set(!self.not_before.is_empty(), "not-before");
        set(self.joined.is_some(), "joined");
        set(
            self.not_between_capitalized.is_some(),
            "not-between-capitalized",
        );
        set(self.register.is_some(), "register");
        set(self.strength.is_some(), "strength");
        set(self.tone.is_some(), "tone");
        set(self.severity.is_some(), "severity");
        set(!self.formal.is_empty(), "formal");
        set(!self.informal.is_empty(), "informal");
        set(self.id.is_some(), "id");
        set(self.pattern.is_some(), "pattern");
        set(self.message.is_some(), "message");
        set(self.help.is_some(), "help");
        set(self.replace.is_some(), "replace");
        set(self.fix.is_some(), "fix");
        keys
    }
}

/// The keys that describe which words an entry matches.
const MATCH_KEYS: &[&str] = &[
    "words",
    "phrases",
    "suffixes",
    "case",
    "after",
    "not-after",
    "before",
    "not-before",
    "joined",
    "not-between-capitalized",
];

/// The keys each table accepts besides `note`, `bad` and `good`.
fn accepted(table: Table) -> Vec<&'static str> {
    let own: &[&str] = match table {
        Table::Marker => &["register", "strength", "position", "init-strength", "fix"],
        Table::Salutation | Table::Closing => &["tone", "severity", "fix"],
        Table::Calque => &["fix"],
        Table::Phrase => &["formal", "informal"],
        Table::Rule => &["id", "pattern", "message", "help", "replace", "severity"],
    };
    let matching: &[&str] = if table == Table::Phrase {
        &[]
    } else {
        MATCH_KEYS
    };
    matching.iter().chain(own).copied().collect()
}

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
}

impl Neighbour {
    fn holds(&self, token: Option<&Token>) -> bool {
        match (self, token) {
            (Neighbour::None, None) => true,
            (Neighbour::None, Some(_)) | (_, None) => false,
            (Neighbour::Word(word), Some(t)) => {
                t.kind == Kind::Word && crate::text::eq_lowercase(&t.text, word)
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
        let len = if self
            .words
            .contains(if exact { token.text.as_ref() } else { lower })
        {
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
            Joined::Elided => !matches!(last.glued_after, Some('\'' | '’' | 'ʼ')),
        };
        if glued {
            return None;
        }
        let previous = i
            .checked_sub(1)
            .map(|j| &tokens[j])
            .filter(|p| p.sentence == token.sentence);
        let next = tokens.get(i + len).filter(|n| n.sentence == token.sentence);
        if !self.after.is_empty() && !self.after.iter().any(|n| n.holds(previous)) {
            return None;
        }
        if self.not_after.iter().any(|n| n.holds(previous)) {
            return None;
        }
        if !self.before.is_empty() && !self.before.iter().any(|n| n.holds(next)) {
            return None;
        }
        if self.not_before.iter().any(|n| n.holds(next)) {
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

    /// The lower-cased first words this matcher can start with.
    fn first_words(&self) -> impl Iterator<Item = String> + '_ {
        self.words
            .iter()
            .cloned()
            .chain(self.phrases.iter().filter_map(|p| p.first().cloned()))
            .map(|w| w.to_lowercase())
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

/// Texts that show an entry at work: in a `bad` one etiquette flags exactly
/// the words in `[…]`, in a `good` one nothing.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub bad: Vec<String>,
    pub good: Vec<String>,
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
}

/// A phrase machine translation produces from an English formula
/// (`[[calque]]`): "Ich hoffe, diese E-Mail findet Sie gut".
#[derive(Clone, Debug)]
pub struct Calque {
    pub matcher: Matcher,
    pub fix: Option<String>,
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
pub enum EntryKind {
    Marker(Marker),
    Salutation(Formula),
    Closing(Formula),
    Calque(Calque),
    Phrase(StockPhrase),
    Rule(ProjectRule),
}

impl EntryKind {
    pub fn marker(&self) -> Option<&Marker> {
        match self {
            EntryKind::Marker(marker) => Some(marker),
            _ => None,
        }
    }

    pub fn salutation(&self) -> Option<&Formula> {
        match self {
            EntryKind::Salutation(opening) => Some(opening),
            _ => None,
        }
    }

    pub fn closing(&self) -> Option<&Formula> {
        match self {
            EntryKind::Closing(opening) => Some(opening),
            _ => None,
        }
    }

    pub fn calque(&self) -> Option<&Calque> {
        match self {
            EntryKind::Calque(calque) => Some(calque),
            _ => None,
        }
    }

    pub fn rule(&self) -> Option<&ProjectRule> {
        match self {
            EntryKind::Rule(rule) => Some(rule),
            _ => None,
        }
    }
}

/// One entry of a pack, with its examples and where it is written.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: EntryKind,
    pub examples: Examples,
    /// Why the entry is there, for the pack's readers.
    pub note: Option<String>,
    /// `rules/nl.toml:12`.
    pub origin: String,
}

/// A language pack.
#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    /// The locale tags the pack serves (`nl-BE` falls back to `nl`), or `*`.
    pub locales: Vec<String>,
    /// Lower-cased abbreviations that do not end a sentence (`bijv.`, `z.b.`).
    pub abbreviations: HashSet<String>,
    /// Every entry, in file order (a project pack's first).
    pub entries: Vec<Entry>,
    /// The file the pack came from.
    pub path: String,
    replace: bool,
    markers: WordIndex,
    calques: WordIndex,
    rules: WordIndex,
    salutations: WordIndex,
    closings: WordIndex,
    /// The words a marker may start at.
    marker_words: WordSet,
    /// The words a marker, salutation or sign-off may start at, in one set.
    address_words: WordSet,
    /// The words a calque or project rule may start at.
    phrase_words: WordSet,
    /// The words a project rule may start at.
    rule_words: WordSet,
}

/// A pack that cannot be used; the run stops with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PackError {
    /// The pack file, and the line and column when the error has them
    /// (`rules/nl.toml:3:7`).
    pub path: String,
    pub message: String,
}

/// All packs of a run.
#[derive(Clone, Debug, Default)]
pub struct Packs {
    packs: Vec<Slot>,
    /// The project packs loaded, as (file, first locale): their examples
    /// are checked after loading, by the rules layer.
    project: Vec<(String, String)>,
}

/// A pack of a run. Shared: every run starts from the same built-in packs,
/// and a project pack copies only the pack it extends.
#[derive(Clone, Debug)]
enum Slot {
    /// The built-in pack at this index in [`BUILTIN`], not parsed until a
    /// locale needs it.
    Builtin(usize),
    Loaded(Arc<Pack>),
}

impl Slot {
    fn pack(&self) -> &Pack {
        match self {
            Slot::Builtin(index) => builtin_pack(*index),
            Slot::Loaded(pack) => pack,
        }
    }

    /// Whether one of the tags in the pack's `locales` is `wanted`.
    fn serves(&self, wanted: impl Fn(&str) -> bool) -> bool {
        match self {
            Slot::Builtin(index) => BUILTIN[*index].locales.iter().any(|l| wanted(l)),
            Slot::Loaded(pack) => pack.locales.iter().any(|l| wanted(l)),
        }
    }

    /// The pack, for changing: a built-in one is parsed and copied.
    fn make_mut(&mut self) -> &mut Pack {
        if let Slot::Builtin(index) = self {
            *self = Slot::Loaded(Arc::clone(builtin_pack(*index)));
        }
        match self {
            Slot::Loaded(pack) => Arc::make_mut(pack),
            Slot::Builtin(_) => unreachable!("a built-in slot was just loaded"),
        }
    }
}

impl Packs {
    /// The built-in packs. Each is parsed the first time a locale of it is
    /// checked, once per process.
    pub fn builtin() -> Packs {
        Packs {
            packs: (0..BUILTIN.len()).map(Slot::Builtin).collect(),
            project: Vec::new(),
        }
    }

    /// The built-in packs, extended or overridden by the `.toml` packs in
    /// `folders`, in order. A project rule may not take an id of
    /// `reserved` (the built-in rules') or of another project rule. The
    /// packs' examples are not run here: loading data runs no analysis.
    pub fn load(folders: &[PathBuf], reserved: &[&str]) -> Result<Packs, PackError> {
        let mut packs = Packs::builtin();
        for folder in folders {
            let entries = std::fs::read_dir(folder).map_err(|e| PackError {
                path: crate::project::display_path(folder),
                message: format!("cannot read the rule-pack folder: {e}"),
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            let inside = std::fs::canonicalize(folder).ok();
            for file in files {
                let path = crate::project::display_path(&file);
                // A pack is read from its folder, not through a link out of it.
                let target = std::fs::canonicalize(&file).ok();
                if !target
                    .zip(inside.as_ref())
                    .is_some_and(|(t, f)| t.starts_with(f))
                {
                    return Err(PackError {
                        path,
                        message: "leads out of its rule-pack folder (a symbolic link?); not read"
                            .into(),
                    });
                }
                let text = crate::syntax::read_text(&file).map_err(|e| PackError {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let pack = Pack::parse(&path, &text)?;
                if let Some(entry) = pack
                    .entries
                    .iter()
                    .find(|e| e.kind.rule().is_some_and(|r| reserved.contains(&r.meta.id)))
                {
                    let line = entry.origin.rsplit(':').next().unwrap_or_default();
                    let id = entry.kind.rule().map_or("", |r| r.meta.id);
                    return Err(PackError {
                        path,
                        message: format!(
                            "the [[rule]] at line {line}: the id `{id}` is a built-in rule"
                        ),
                    });
                }
                let taken: Vec<&str> = packs.rules().map(|r| r.meta.id).collect();
                if let Some(clash) = pack.project_rules().find(|r| taken.contains(&r.meta.id)) {
                    return Err(PackError {
                        path,
                        message: format!("the rule id `{}` is already taken", clash.meta.id),
                    });
                }
                if let Some(locale) = pack.locales.first() {
                    packs.project.push((pack.path.clone(), locale.clone()));
                }
                packs.add(pack);
            }
        }
        Ok(packs)
    }

    /// Adds a project pack: it extends the packs of its locales (its entries
    /// are tried first), or replaces them with `replace = true`.
    pub fn add(&mut self, pack: Pack) {
        let mut extended = false;
        if !pack.locales.iter().any(|l| l == EVERY_LOCALE) {
            for existing in &mut self.packs {
                if !existing.serves(|l| pack.locales.iter().any(|p| p == l)) {
                    continue;
                }
                let existing = existing.make_mut();
                if pack.replace {
                    existing.locales.retain(|l| !pack.locales.contains(l));
                } else {
                    let mut entries = pack.entries.clone();
                    entries.append(&mut existing.entries);
                    existing.entries = entries;
                    existing
                        .abbreviations
                        .extend(pack.abbreviations.iter().cloned());
                    existing.reindex();
                    extended = true;
                }
            }
        }
        if !extended {
            self.packs.push(Slot::Loaded(Arc::new(pack)));
        }
    }

    /// The language pack for a locale: the most specific one whose `locales`
    /// names the tag, dropping variants, region and script in turn.
    pub fn for_locale(&self, langid: &LanguageIdentifier) -> Option<&Pack> {
        fallbacks(langid).iter().find_map(|tag| {
            self.packs
                .iter()
                .find(|slot| slot.serves(|l| l.eq_ignore_ascii_case(tag)))
                .map(Slot::pack)
        })
    }

    /// The packs for every locale (`locales = ["*"]`).
    pub fn universal(&self) -> impl Iterator<Item = &Pack> {
        self.packs
            .iter()
            .filter(|slot| slot.serves(|l| l == EVERY_LOCALE))
            .map(Slot::pack)
    }

    /// Every pack; built-in ones not parsed yet are parsed now.
    pub fn iter(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().map(Slot::pack)
    }

    /// The project packs loaded: their file and the pack their entries
    /// became part of (the one of their first locale, or their own for
    /// every locale).
    pub fn project_packs(&self) -> impl Iterator<Item = (&str, Option<&Pack>)> {
        self.project.iter().map(|(path, locale)| {
            let pack = if locale == EVERY_LOCALE {
                self.packs.iter().find_map(|slot| match slot {
                    Slot::Loaded(pack) if pack.path == *path => Some(&**pack),
                    _ => None,
                })
            } else {
                locale.parse().ok().and_then(|l| self.for_locale(&l))
            };
            (path.as_str(), pack)
        })
    }

    /// Every project rule of every pack (the built-in packs have none).
    pub fn rules(&self) -> impl Iterator<Item = &ProjectRule> {
        self.packs
            .iter()
            .filter_map(|slot| match slot {
                Slot::Loaded(pack) => Some(pack.project_rules()),
                Slot::Builtin(_) => None,
            })
            .flatten()
    }
}

/// `pt-Latn-BR-x` → `pt-Latn-BR`, `pt-BR`, `pt-Latn`, `pt`.
pub fn fallbacks(langid: &LanguageIdentifier) -> Vec<String> {
    let language = langid.language.as_str();
    let mut tags = vec![langid.to_string()];
    let script = langid.script.map(|s| s.as_str().to_owned());
    let region = langid.region.map(|r| r.as_str().to_owned());
    if let (Some(s), Some(r)) = (&script, &region) {
        tags.push(format!("{language}-{s}-{r}"));
    }
    if let Some(r) = &region {
        tags.push(format!("{language}-{r}"));
    }
    if let Some(s) = &script {
        tags.push(format!("{language}-{s}"));
    }
    tags.push(language.to_owned());
    tags.dedup();
    tags
}

impl Pack {
    /// Parses a pack; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Pack, PackError> {
        let error = |message: String| PackError {
            path: path.to_owned(),
            message,
        };
        let file: PackFile = toml::from_str(text).map_err(|e| {
            let (position, message) = crate::project::config::toml_error(text, &e);
            PackError {
                path: format!("{path}:{position}"),
                message,
            }
        })?;
        if file.pack.locales.is_empty() {
            return Err(error("[pack] `locales` names no locale".into()));
        }
        for locale in &file.pack.locales {
            if locale != EVERY_LOCALE && crate::project::parse_locale(locale).is_none() {
                return Err(error(format!(
                    "[pack] `{locale}` in `locales` is not a BCP 47 tag or `*`"
                )));
            }
        }
        let tables = [
            (Table::Marker, file.marker),
            (Table::Salutation, file.salutation),
            (Table::Closing, file.closing),
            (Table::Calque, file.calque),
            (Table::Phrase, file.phrase),
            (Table::Rule, file.rule),
        ];
        let mut entries = Vec::new();
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        for (table, specs) in tables {
            for spanned in specs {
                let line = newlines.partition_point(|&at| at < spanned.span().start) + 1;
                let at = |message: &str| {
                    error(format!(
                        "the [[{}]] at line {line}: {message}",
                        table.name()
                    ))
                };
                let spec = spanned.into_inner();
                entries.push(entry(table, spec, path, line, &at)?);
            }
        }
        let universal = file.pack.locales.iter().any(|l| l == EVERY_LOCALE);
        if universal
            && let Some(entry) = entries
                .iter()
                .find(|e| !matches!(e.kind, EntryKind::Rule(_) | EntryKind::Calque(_)))
        {
            return Err(error(format!(
                "{}: a pack for every locale (`*`) holds only [[rule]] and [[calque]] entries",
                entry.origin
            )));
        }
        let mut pack = Pack {
            name: file.pack.name,
            locales: file.pack.locales,
            abbreviations: crate::text::abbreviations(&file.pack.abbreviations),
            entries,
            path: path.to_owned(),
            replace: file.pack.replace,
            markers: WordIndex::default(),
            calques: WordIndex::default(),
            rules: WordIndex::default(),
            salutations: WordIndex::default(),
            closings: WordIndex::default(),
            marker_words: WordSet::default(),
            address_words: WordSet::default(),
            phrase_words: WordSet::default(),
            rule_words: WordSet::default(),
        };
        pack.reindex();
        Ok(pack)
    }

    fn reindex(&mut self) {
        let entries = &self.entries;
        self.markers = WordIndex::new(entries, |e| Some(&e.kind.marker()?.matcher));
        self.calques = WordIndex::new(entries, |e| Some(&e.kind.calque()?.matcher));
        self.rules = WordIndex::new(entries, |e| e.kind.rule()?.matcher.as_ref());
        self.salutations = WordIndex::new(entries, |e| Some(&e.kind.salutation()?.matcher));
        self.closings = WordIndex::new(entries, |e| Some(&e.kind.closing()?.matcher));
        self.marker_words = WordSet::new(&[&self.markers]);
        self.address_words = WordSet::new(&[&self.markers, &self.salutations, &self.closings]);
        self.phrase_words = WordSet::new(&[&self.calques, &self.rules]);
        self.rule_words = WordSet::new(&[&self.rules]);
    }

    /// Whether a marker may start at a lower-cased word.
    pub fn starts_marker(&self, lower: &str) -> bool {
        self.marker_words.may_start(lower)
    }

    /// Whether a project rule, or with `calques` a calque, may start at a
    /// lower-cased word.
    pub fn starts_phrase(&self, lower: &str, calques: bool) -> bool {
        self.phrase_words(calques).may_start(lower)
    }

    /// Whether a marker, salutation or sign-off may start at a lower-cased
    /// word: one look instead of one per kind.
    pub fn starts_address(&self, lower: &str) -> bool {
        self.address_words.may_start(lower)
    }

    /// The words a marker, salutation or sign-off may start at, as
    /// [`Pack::starts_address`] answers.
    pub fn address_words(&self) -> &WordSet {
        &self.address_words
    }

    /// The words a project rule, or with `calques` a calque, may start at,
    /// as [`Pack::starts_phrase`] answers.
    pub fn phrase_words(&self, calques: bool) -> &WordSet {
        if calques {
            &self.phrase_words
        } else {
            &self.rule_words
        }
    }

    /// The entries of `index` that may match a lower-cased word, in pack
    /// order, as `kind` reads them.
    fn candidates<'p, T: 'p>(
        &'p self,
        index: &'p WordIndex,
        lower: &str,
        kind: fn(&'p EntryKind) -> Option<&'p T>,
    ) -> impl Iterator<Item = (usize, &'p T)> + use<'p, T> {
        index
            .candidates(lower)
            .filter_map(move |i| Some((i, kind(&self.entries[i].kind)?)))
    }

    /// The markers that may match a lower-cased word, in pack order.
    pub fn marker_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Marker)> + use<'p> {
        self.candidates(&self.markers, lower, EntryKind::marker)
    }

    /// The calques that may start at a lower-cased word.
    pub fn calque_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Calque)> + use<'p> {
        self.candidates(&self.calques, lower, EntryKind::calque)
    }

    /// The word-based project rules that may start at a lower-cased word.
    pub fn rule_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p ProjectRule)> + use<'p> {
        self.candidates(&self.rules, lower, EntryKind::rule)
    }

    /// The salutations that may start at a lower-cased word, in pack order.
    pub fn salutation_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Formula)> + use<'p> {
        self.candidates(&self.salutations, lower, EntryKind::salutation)
    }

    /// The sign-offs that may start at a lower-cased word, in pack order.
    pub fn closing_candidates<'p>(
        &'p self,
        lower: &str,
    ) -> impl Iterator<Item = (usize, &'p Formula)> + use<'p> {
        self.candidates(&self.closings, lower, EntryKind::closing)
    }

    /// The stock phrases.
    pub fn phrases(&self) -> impl Iterator<Item = &StockPhrase> {
        self.entries.iter().filter_map(|e| match &e.kind {
            EntryKind::Phrase(p) => Some(p),
            _ => None,
        })
    }

    /// The project rules.
    pub fn project_rules(&self) -> impl Iterator<Item = &ProjectRule> {
        self.entries.iter().filter_map(|e| match &e.kind {
            EntryKind::Rule(r) => Some(r),
            _ => None,
        })
    }

    /// The markers, in order.
    pub fn markers(&self) -> impl Iterator<Item = &Marker> {
        self.entries.iter().filter_map(|e| match &e.kind {
            EntryKind::Marker(m) => Some(m),
            _ => None,
        })
    }
}

/// Builds one entry, checking which keys its table accepts.
fn entry(
    table: Table,
    spec: EntrySpec,
    path: &str,
    line: usize,
    at: &dyn Fn(&str) -> PackError,
) -> Result<Entry, PackError> {
    let allowed = accepted(table);
    if let Some(key) = spec.keys().into_iter().find(|k| !allowed.contains(k)) {
        return Err(at(&format!("`{key}` is not a key of [[{}]]", table.name())));
    }
    for example in &spec.bad {
        if !example.contains('[') || !example.contains(']') {
            return Err(at(&format!(
                "the bad example `{example}` marks no word with […]"
            )));
        }
    }
    let matcher = || -> Result<Matcher, PackError> { matcher(&spec, at) };
    let has_words = !(spec.words.is_empty() && spec.phrases.is_empty() && spec.suffixes.is_empty());
    let needs_words = |what: &str| -> Result<(), PackError> {
        if has_words {
            Ok(())
        } else {
            Err(at(&format!("needs `words` or `phrases`{what}")))
        }
    };
    let kind = match table {
        Table::Marker => {
            needs_words(" or `suffixes`")?;
            let register = spec
                .register
                .ok_or_else(|| at("needs a `register`: formal or informal"))?;
            let strength = spec.strength.unwrap_or_default();
            let position = spec.position.unwrap_or_default();
            let init_strength = match (position, spec.init_strength) {
                (_, Some(strength)) => strength,
                (Position::Mid, None) => Strength::None,
                (Position::Any, None) => strength,
            };
            if matches!(strength, Strength::Strong | Strength::Plural) && spec.bad.is_empty() {
                return Err(at(
                    "a strong marker needs a `bad` example with the flagged words in […]",
                ));
            }
            EntryKind::Marker(Marker {
                matcher: matcher()?,
                register,
                strength,
                position,
                init_strength,
                fix: spec.fix.clone(),
            })
        }
        Table::Salutation | Table::Closing => {
            needs_words("")?;
            let tone = spec
                .tone
                .ok_or_else(|| at("needs a `tone`: banned, formal, informal or neutral"))?;
            let opening = Formula {
                matcher: matcher()?,
                tone,
                severity: spec.severity,
                fix: spec.fix.clone(),
            };
            if table == Table::Salutation {
                EntryKind::Salutation(opening)
            } else {
                EntryKind::Closing(opening)
            }
        }
        Table::Calque => {
            needs_words("")?;
            if spec.bad.is_empty() {
                return Err(at("needs a `bad` example with the calque in […]"));
            }
            EntryKind::Calque(Calque {
                matcher: matcher()?,
                fix: spec.fix.clone(),
            })
        }
        Table::Phrase => {
            if spec.formal.is_empty() || spec.informal.is_empty() {
                return Err(at("needs both `formal` and `informal` variants"));
            }
            let words = |list: &[String]| {
                list.iter()
                    .map(|p| crate::text::words(p).collect())
                    .collect()
            };
            EntryKind::Phrase(StockPhrase {
                formal_words: words(&spec.formal),
                informal_words: words(&spec.informal),
                formal: spec.formal.clone(),
                informal: spec.informal.clone(),
            })
        }
        Table::Rule => EntryKind::Rule(project_rule(&spec, path, line, has_words, at)?),
    };
    if spec.bad.is_empty() && spec.good.is_empty() {
        return Err(at("needs at least one `bad` or `good` example"));
    }
    Ok(Entry {
        kind,
        examples: Examples {
            bad: spec.bad,
            good: spec.good,
        },
        note: spec.note,
        origin: format!("{path}:{line}"),
    })
}

fn matcher(spec: &EntrySpec, at: &dyn Fn(&str) -> PackError) -> Result<Matcher, PackError> {
    let case = spec.case.unwrap_or_default();
    let fold = |w: &str| {
        if case == Case::Exact {
            w.to_owned()
        } else {
            w.to_lowercase()
        }
    };
    let neighbours = |list: &[String]| -> Result<Vec<Neighbour>, PackError> {
        list.iter()
            .map(|item| match item.as_str() {
                "<number>" => Ok(Neighbour::Number),
                "<capitalized>" => Ok(Neighbour::Capitalized),
                "<placeholder>" => Ok(Neighbour::Placeholder),
                "<none>" => Ok(Neighbour::None),
                other if other.starts_with('<') => Err(at(&format!(
                    "unknown class `{other}`; use `<number>`, `<capitalized>`, `<placeholder>` or `<none>`"
                ))),
                word => Ok(Neighbour::Word(word.to_lowercase())),
            })
            .collect()
    };
    let phrase_words = |p: &str| -> Vec<String> {
        if case == Case::Exact {
            p.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            crate::text::words(p).collect()
        }
    };
    Ok(Matcher {
        words: spec.words.iter().map(|w| fold(w)).collect(),
        phrases: spec
            .phrases
            .iter()
            .map(|p| phrase_words(p))
            .filter(|p| !p.is_empty())
            .collect(),
        suffixes: spec.suffixes.clone(),
        case,
        after: neighbours(&spec.after)?,
        not_after: neighbours(&spec.not_after)?,
        before: neighbours(&spec.before)?,
        not_before: neighbours(&spec.not_before)?,
        joined: spec.joined.unwrap_or_default(),
        not_between_capitalized: spec.not_between_capitalized.unwrap_or(false),
    })
}

/// A project rule, with a rule id of its own for selection, severity
/// overrides, suppression and reports.
fn project_rule(
    spec: &EntrySpec,
    path: &str,
    line: usize,
    has_words: bool,
    at: &dyn Fn(&str) -> PackError,
) -> Result<ProjectRule, PackError> {
    let id = spec
        .id
        .clone()
        .ok_or_else(|| at("needs an `id`, kebab-case, as in `brand-name`"))?;
    let kebab = !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !kebab {
        return Err(at(&format!("the id `{id}` is not kebab-case")));
    }
    let message = spec
        .message
        .clone()
        .ok_or_else(|| at("needs a `message`"))?;
    let pattern = match &spec.pattern {
        Some(pattern) => Some(
            regex::RegexBuilder::new(pattern)
                .size_limit(MAX_PATTERN_BYTES)
                .build()
                .map_err(|e| match e {
                    regex::Error::CompiledTooBig(_) => at(&format!(
                        "the `pattern` compiles to more than {} KB, which would make checking slow; bound fewer repetitions",
                        MAX_PATTERN_BYTES >> 10
                    )),
                    e => at(&format!(
                        "the `pattern` is not a valid regular expression: {e}"
                    )),
                })?,
        ),
        None => None,
    };
    if pattern.is_none() && !has_words {
        return Err(at("needs `words`, `phrases` or a `pattern`"));
    }
    if spec.bad.is_empty() {
        return Err(at("needs a `bad` example with the flagged text in […]"));
    }
    let severity = spec.severity.unwrap_or(Severity::Warning);
    // Project rules live as long as the run; their metadata is leaked once
    // per rule so that findings can carry a `&'static RuleMeta`.
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let list = |examples: &[String]| {
        examples
            .iter()
            .map(|b| format!("- {b}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut docs = format!(
        "## What it does\n{}\n\n## Why is this bad?\n{}\n\n## Example\n{}\n",
        message.replace("{match}", "…"),
        spec.note
            .clone()
            .unwrap_or_else(|| "The project's own rule.".into()),
        list(&spec.bad),
    );
    match (&spec.replace, spec.good.is_empty()) {
        (Some(replace), _) => docs.push_str(&format!("\nUse instead: “{replace}”.\n")),
        (None, false) => docs.push_str(&format!("\nUse instead:\n{}\n", list(&spec.good))),
        (None, true) => {}
    }
    docs.push_str(&format!("\nA project rule from `{path}:{line}`.\n"));
    let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
        id: leak(id),
        severity,
        summary: leak(message.replace("{match}", "…")),
        docs: leak(docs),
    }));
    Ok(ProjectRule {
        meta,
        matcher: if has_words {
            Some(matcher(spec, at)?)
        } else {
            None
        },
        pattern,
        message,
        help: spec.help.clone(),
        replace: spec.replace.clone(),
    })
}

/// Entries indexed by the lower-cased word they start with.
#[derive(Clone, Debug, Default)]
struct WordIndex {
    by_word: HashMap<String, Vec<usize>>,
    /// The words of `by_word`: most words of prose are not, and need no
    /// look-up.
    filter: WordFilter,
    with_suffix: Vec<usize>,
}

impl WordIndex {
    fn new<'e>(entries: &'e [Entry], pick: impl Fn(&'e Entry) -> Option<&'e Matcher>) -> Self {
        let mut index = WordIndex::default();
        for (i, entry) in entries.iter().enumerate() {
            let Some(matcher) = pick(entry) else { continue };
            for word in matcher.first_words() {
                index.filter.insert(&word);
                index.by_word.entry(word).or_default().push(i);
            }
            if !matcher.suffixes.is_empty() {
                index.with_suffix.push(i);
            }
        }
        for list in index.by_word.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        index
    }

    /// The entries that may match a word, in pack order. Most words have
    /// none, and most packs no suffix entries: nothing is allocated then.
    fn candidates<'i>(&'i self, lower: &str) -> impl Iterator<Item = usize> + use<'i> {
        let listed = if self.filter.may_hold(lower) {
            self.by_word.get(lower).map_or(&[][..], Vec::as_slice)
        } else {
            &[]
        };
        let merged: Cow<'i, [usize]> = if self.with_suffix.is_empty() {
            Cow::Borrowed(listed)
        } else if listed.is_empty() {
            Cow::Borrowed(&self.with_suffix)
        } else {
            let mut merged: Vec<usize> = listed.iter().chain(&self.with_suffix).copied().collect();
            merged.sort_unstable();
            merged.dedup();
            Cow::Owned(merged)
        };
        (0..merged.len()).map(move |k| merged[k])
    }
}

/// Whether any entry of some word indexes may start at a word.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: HashSet<String>,
    filter: WordFilter,
    /// An entry with suffixes may start at any word.
    any: bool,
}

impl WordSet {
    fn new(indexes: &[&WordIndex]) -> Self {
        let words: HashSet<String> = indexes
            .iter()
            .flat_map(|index| index.by_word.keys().cloned())
            .collect();
        let mut filter = WordFilter::default();
        for word in &words {
            filter.insert(word);
        }
        WordSet {
            words,
            filter,
            any: indexes.iter().any(|index| !index.with_suffix.is_empty()),
        }
    }

    fn may_start(&self, lower: &str) -> bool {
        self.any || (self.filter.may_hold(lower) && self.words.contains(lower))
    }
}

impl StartWords for WordSet {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        self.any || self.filter.may_hold_bytes(len, first, last)
    }

    fn holds(&self, lower: &str) -> bool {
        self.may_start(lower)
    }
}

/// A few hundred bytes in front of a set of words, that tell most words
/// outside it without hashing them: a bit for each word's length and first
/// and last bytes. Of the words in the Dutch Firefox files, 55% passed the
/// first-byte test this replaced, for the Dutch address words; 4% pass
/// this, half of them in the set.
#[derive(Clone, Debug)]
struct WordFilter {
    slots: [u64; SLOTS / 64],
    /// The longest word, in bytes.
    longest: usize,
}

/// Bits of a [`WordFilter`].
const SLOTS: usize = 4096;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            slots: [0; SLOTS / 64],
            longest: 0,
        }
    }
}

impl WordFilter {
    fn insert(&mut self, word: &str) {
        let slot = Self::slot(word.as_bytes());
        self.slots[slot / 64] |= 1 << (slot % 64);
        self.longest = self.longest.max(word.len());
    }

    /// False only for a word not inserted.
    fn may_hold(&self, word: &str) -> bool {
        match (word.as_bytes().first(), word.as_bytes().last()) {
            (Some(&first), Some(&last)) => self.may_hold_bytes(word.len(), first, last),
            _ => self.slot_set(0),
        }
    }

    /// [`WordFilter::may_hold`] for a word of `len` bytes told by its
    /// first and last bytes.
    fn may_hold_bytes(&self, len: usize, first: u8, last: u8) -> bool {
        len <= self.longest && self.slot_set(Self::slot_of(len, first, last))
    }

    fn slot_set(&self, slot: usize) -> bool {
        self.slots[slot / 64] & (1 << (slot % 64)) != 0
    }

    fn slot(word: &[u8]) -> usize {
        match (word.first(), word.last()) {
            (Some(&first), Some(&last)) => Self::slot_of(word.len(), first, last),
            _ => 0,
        }
    }

    fn slot_of(len: usize, first: u8, last: u8) -> usize {
        let key = u64::from(first) | u64::from(last) << 8 | (len as u64) << 16;
        // Fibonacci hashing: the top bits of the product.
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A look through a pack's word sets, which passes most ASCII words
    /// over by their length and ends before lower-casing them, finds what
    /// a look that offers every word lower-cased finds: on texts of the
    /// pack's own words in any case, with their neighbours in the filter.
    #[test]
    fn start_words_find_what_every_word_offered_finds() {
        use crate::text::{any_start_word, any_word, generated_texts};
        let packs = Packs::builtin();
        for tag in ["nl", "de", "fr"] {
            let pack = packs.for_locale(&tag.parse().unwrap()).unwrap();
            let mut alphabet: Vec<String> = pack.address_words.words.iter().cloned().collect();
            alphabet.extend(pack.phrase_words.words.iter().cloned());
            alphabet.sort();
            let upper: Vec<String> = alphabet.iter().map(|w| w.to_uppercase()).collect();
            let capital: Vec<String> = alphabet
                .iter()
                .map(|w| crate::text::capitalized(w))
                .collect();
            alphabet.extend(upper);
            alphabet.extend(capital);
            // Most words stand alone; the pieces below join onto them.
            for word in &mut alphabet {
                word.push(' ');
            }
            alphabet.extend([" ", ",", "x", "é", "\u{7f}", "-", "ß"].map(str::to_owned));
            let alphabet: Vec<&str> = alphabet.iter().map(String::as_str).collect();
            let (mut found, mut texts) = (0, 0);
            for text in generated_texts(&alphabet, 4, 20_000, 0x9e37_79b9_7f4a_7c15) {
                for (set, calques) in [
                    (pack.address_words(), None),
                    (pack.phrase_words(true), Some(true)),
                    (pack.phrase_words(false), Some(false)),
                ] {
                    let every = any_word(&text, |w| match calques {
                        None => pack.starts_address(w),
                        Some(calques) => pack.starts_phrase(w, calques),
                    });
                    assert_eq!(any_start_word(&text, set), every, "{tag}: {text:?}");
                    found += usize::from(every);
                    texts += 1;
                }
            }
            // Both answers, often.
            assert!(
                found > texts / 10 && found < texts * 9 / 10,
                "{tag}: {found} of {texts}"
            );
        }
    }

    #[test]
    fn builtin_packs_parse() {
        let packs = Packs::builtin();
        for tag in ["nl", "de", "fr", "es", "it", "pt-PT", "pt-BR", "pl"] {
            assert!(
                packs.for_locale(&tag.parse().unwrap()).is_some(),
                "no pack for {tag}"
            );
        }
    }

    #[test]
    fn builtin_table_is_true_to_the_packs() {
        for (index, builtin) in BUILTIN.iter().enumerate() {
            let pack = builtin_pack(index);
            assert_eq!(pack.path, builtin.path);
            assert_eq!(pack.locales, builtin.locales, "{}", builtin.path);
            assert_eq!(pack.project_rules().count(), 0, "{}", builtin.path);
        }
    }

    #[test]
    fn a_project_pack_extends_or_replaces_a_builtin_one() {
        let extension = |replace: bool| {
            Pack::parse(
                "packs/nl.toml",
                &format!("[pack]\nname = \"Extra\"\nlocales = [\"nl\"]\nreplace = {replace}\n\n[[calque]]\nphrases = [\"in de lus\"]\nfix = \"op de hoogte\"\nbad = [\"Ik houd u [in de lus].\"]\n"),
            )
            .unwrap()
        };
        let nl: LanguageIdentifier = "nl".parse().unwrap();
        let builtin_entries = Packs::builtin().for_locale(&nl).unwrap().entries.len();

        let mut packs = Packs::builtin();
        packs.add(extension(false));
        let extended = packs.for_locale(&nl).unwrap();
        assert_eq!(extended.path, "rules/nl.toml");
        assert_eq!(extended.entries.len(), builtin_entries + 1);
        // The shared built-in pack is not changed.
        assert_eq!(
            Packs::builtin().for_locale(&nl).unwrap().entries.len(),
            builtin_entries
        );

        let mut packs = Packs::builtin();
        packs.add(extension(true));
        let replaced = packs.for_locale(&nl).unwrap();
        assert_eq!(replaced.path, "packs/nl.toml");
        assert_eq!(replaced.entries.len(), 1);
    }

    #[test]
    fn word_sets_are_the_words_entries_start_at() {
        let project = Pack::parse(
            "packs/brand.toml",
            "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"brand-name\"\nphrases = [\"Tulip and Co\"]\nmessage = \"write `Tulip & Co`\"\nbad = [\"Bestel bij [Tulip and Co].\"]\ngood = [\"Bestel bij Tulip & Co.\"]\n",
        )
        .unwrap();
        let packs = (0..BUILTIN.len())
            .map(|index| &**builtin_pack(index))
            .chain([&project]);
        for pack in packs {
            let candidates = |lower: &str| {
                pack.marker_candidates(lower).next().is_some()
                    || pack.salutation_candidates(lower).next().is_some()
                    || pack.closing_candidates(lower).next().is_some()
            };
            let words = pack
                .entries
                .iter()
                .flat_map(|e| e.examples.bad.iter().chain(&e.examples.good))
                .flat_map(|example| crate::text::words(example).collect::<Vec<_>>());
            let phrases = |lower: &str, calques: bool| {
                (calques && pack.calque_candidates(lower).next().is_some())
                    || pack.rule_candidates(lower).next().is_some()
            };
            for word in words.chain(["zzz".to_string()]) {
                assert_eq!(
                    pack.starts_marker(&word),
                    pack.marker_candidates(&word).next().is_some(),
                    "{word} in {}",
                    pack.path
                );
                assert_eq!(
                    pack.starts_address(&word),
                    candidates(&word),
                    "{word} in {}",
                    pack.path
                );
                for calques in [true, false] {
                    assert_eq!(
                        pack.starts_phrase(&word, calques),
                        phrases(&word, calques),
                        "{word} in {}",
                        pack.path
                    );
                }
            }
        }
    }

    #[test]
    fn locale_fallback() {
        let packs = Packs::builtin();
        let name = |tag: &str| {
            packs
                .for_locale(&tag.parse().unwrap())
                .map(|p| p.path.clone())
        };
        assert_eq!(name("nl-BE").as_deref(), Some("rules/nl.toml"));
        assert_eq!(name("de-CH").as_deref(), Some("rules/de.toml"));
        assert_eq!(name("pt").as_deref(), Some("rules/pt-BR.toml"));
        assert_eq!(name("pt-PT").as_deref(), Some("rules/pt-PT.toml"));
        assert_eq!(name("ja"), None);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let error = Pack::parse(
            "rules/xx.toml",
            "[pack]\nname = \"X\"\nlocales = [\"nl\"]\nfoo = 1\n",
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("rules/xx.toml:4:1: unknown field `foo`"),
            "{error}"
        );
        let error = Pack::parse(
            "rules/xx.toml",
            "[pack]\nname = \"X\"\nlocales = [\"nl\"]\n\n[[marker]]\nwords = [\"u\"]\nregister = \"formal\"\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("line 5"), "{error}");
        assert!(error.to_string().contains("`bad` example"), "{error}");
        let error = Pack::parse(
            "rules/xx.toml",
            "[pack]\nname = \"X\"\nlocales = [\"nl\"]\n\n[[salutation]]\nwords = [\"lieve\"]\ntone = \"banned\"\nregister = \"formal\"\nbad = [\"[Lieve] Niels\"]\n",
        )
        .unwrap_err();
        assert!(
            error.to_string().contains(
                "the [[salutation]] at line 5: `register` is not a key of [[salutation]]"
            ),
            "{error}"
        );
    }

    #[test]
    fn project_rules_have_their_own_ids() {
        let pack = Pack::parse(
            "packs/brand.toml",
            "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"brand-name\"\nphrases = [\"Tulip and Co\"]\nmessage = \"write `Tulip & Co`\"\nbad = [\"Bestel bij [Tulip and Co].\"]\n",
        )
        .unwrap();
        let rule = pack.project_rules().next().unwrap();
        assert_eq!(rule.meta.id, "brand-name");
        assert_eq!(rule.meta.severity, Severity::Warning);
        let folder = std::env::temp_dir().join(format!("etiquette-packs-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("brand.toml"),
            "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"register-mix\"\nwords = [\"x\"]\nmessage = \"m\"\nbad = [\"[x]\"]\n",
        )
        .unwrap();
        let error = Packs::load(std::slice::from_ref(&folder), &["register-mix"]).unwrap_err();
        let _ = std::fs::remove_dir_all(&folder);
        assert!(
            error.to_string().ends_with(
                "brand.toml: the [[rule]] at line 5: the id `register-mix` is a built-in rule"
            ),
            "{error}"
        );
    }
}
