//! A pack file as written: one typed struct per TOML table, and the
//! entries they become. Errors name the file, the table and its line.

use std::mem::take;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::entry::{
    Calque, Case, Examples, Formula, Joined, Marker, PackEntry, PackEntryKind, Position,
    ProjectRule, StockPhrase, Strength, Tone,
};
use super::matcher::{Matcher, Neighbour};
use super::reference::ReaderSign;
use super::{EVERY_LOCALE, PackError};
use crate::finding::{RuleMeta, Severity};
use crate::project::config::Register;

/// The compiled size a project rule's pattern may have: what real rules
/// need many times over, where `(?:\b\w+\b\W+){1,100}x` (28 s on a 5 MB
/// message) needs ten times more.
const MAX_PATTERN_BYTES: usize = 1 << 20;

/// A pack file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PackFile {
    pub pack: Header,
    #[serde(default)]
    marker: Vec<Spanned<MarkerTable>>,
    #[serde(default)]
    salutation: Vec<Spanned<FormulaTable>>,
    #[serde(default)]
    closing: Vec<Spanned<FormulaTable>>,
    #[serde(default)]
    calque: Vec<Spanned<CalqueTable>>,
    #[serde(default)]
    phrase: Vec<Spanned<PhraseTable>>,
    #[serde(default)]
    rule: Vec<Spanned<RuleTable>>,
}

/// `[pack]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Header {
    pub name: String,
    pub locales: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Words that open an introductory clause (`si`, `wenn`) at the start
    /// of a sentence or after a comma: after the clause's comma the main
    /// clause starts.
    #[serde(default, rename = "clause-openers")]
    pub clause_openers: Vec<String>,
    /// A project pack replaces the built-in pack of its locales instead of
    /// extending it.
    #[serde(default)]
    pub replace: bool,
}

/// The keys that say which words an entry matches: every table has them
/// but `[[phrase]]`.
#[derive(Debug, Default)]
struct MatchKeys {
    words: Vec<String>,
    phrases: Vec<String>,
    suffixes: Vec<String>,
    case: Option<Case>,
    after: Vec<String>,
    not_after: Vec<String>,
    before: Vec<String>,
    not_before: Vec<String>,
    joined: Option<Joined>,
    not_between_capitalized: Option<bool>,
}

/// What every table has beside its own keys.
trait Table: DeserializeOwned {
    /// Takes the keys that say which words the entry matches, its
    /// examples and its note out of the table.
    fn common(&mut self) -> (MatchKeys, Examples, Option<String>);
}

/// Declares the struct of a table whose entries match words: its own keys
/// as given, then the keys of [`MatchKeys`] and the examples. serde refuses
/// any other key, with its position and the list of keys; it cannot when
/// the shared keys are a flattened struct.
macro_rules! matching_table {
    ($(#[$doc:meta])* struct $name:ident { $($(#[$field_doc:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct $name {
            $($(#[$field_doc])* $field: $ty,)*
            #[serde(default)]
            words: Vec<String>,
            #[serde(default)]
            phrases: Vec<String>,
            #[serde(default)]
            suffixes: Vec<String>,
            case: Option<Case>,
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
            note: Option<String>,
            #[serde(default)]
            bad: Vec<String>,
            #[serde(default)]
            good: Vec<String>,
            #[serde(default)]
            fixed: Vec<String>,
        }

        impl Table for $name {
            fn common(&mut self) -> (MatchKeys, Examples, Option<String>) {
                let matching = MatchKeys {
                    words: take(&mut self.words),
                    phrases: take(&mut self.phrases),
                    suffixes: take(&mut self.suffixes),
                    case: self.case.take(),
                    after: take(&mut self.after),
                    not_after: take(&mut self.not_after),
                    before: take(&mut self.before),
                    not_before: take(&mut self.not_before),
                    joined: self.joined.take(),
                    not_between_capitalized: self.not_between_capitalized.take(),
                };
                let examples = Examples {
                    bad: take(&mut self.bad),
                    good: take(&mut self.good),
                    fixed: take(&mut self.fixed),
                };
                (matching, examples, self.note.take())
            }
        }
    };
}

matching_table! {
    /// `[[marker]]`.
    struct MarkerTable {
        /// A word list of [`super::lexicon`], matched as `words` are.
        lexicon: Option<String>,
        register: Option<Register>,
        strength: Option<Strength>,
        position: Option<Position>,
        init_strength: Option<Strength>,
        /// Only in a sentence that ends in a question mark.
        question: Option<bool>,
        /// Counted in a sentence that ends in a question mark.
        in_questions: Option<bool>,
        /// Counted where it opens a label.
        in_labels: Option<bool>,
        /// Counted at the start of a main clause as at a sentence's.
        clause_start: Option<bool>,
        /// The strength where the reference gives things to the reader alone.
        owner_strength: Option<Strength>,
        /// The strength where the reference speaks to the reader alone.
        person_strength: Option<Strength>,
        /// The same where it also says "you", for a subject.
        subject_strength: Option<Strength>,
        /// The strength where the reference gives an order, for an
        /// imperative that is also a third person's verb.
        order_strength: Option<Strength>,
        /// The strength where the reference says one of `echoes`.
        echo_strength: Option<Strength>,
        /// The strength where the reference's sentence makes the reader a
        /// verb's subject and names nothing else.
        actor_strength: Option<Strength>,
        /// The English the marker translates ("you know" for `sabe`).
        #[serde(default)]
        echoes: Vec<String>,
        fix: Option<String>,
    }
}

matching_table! {
    /// `[[salutation]]` and `[[closing]]`.
    struct FormulaTable {
        tone: Option<Tone>,
        severity: Option<Severity>,
        fix: Option<String>,
        replace: Option<String>,
    }
}

matching_table! {
    /// `[[calque]]`.
    struct CalqueTable {
        fix: Option<String>,
        replace: Option<String>,
    }
}

matching_table! {
    /// `[[rule]]`.
    struct RuleTable {
        id: Option<String>,
        pattern: Option<String>,
        message: Option<String>,
        help: Option<String>,
        replace: Option<String>,
        severity: Option<Severity>,
    }
}

/// `[[phrase]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PhraseTable {
    #[serde(default)]
    formal: Vec<String>,
    #[serde(default)]
    informal: Vec<String>,
    note: Option<String>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
    #[serde(default)]
    fixed: Vec<String>,
}

impl Table for PhraseTable {
    fn common(&mut self) -> (MatchKeys, Examples, Option<String>) {
        let examples = Examples {
            bad: take(&mut self.bad),
            good: take(&mut self.good),
            fixed: take(&mut self.fixed),
        };
        (MatchKeys::default(), examples, self.note.take())
    }
}

/// Where an entry is written, for its errors and its origin.
struct At<'p> {
    path: &'p str,
    table: &'static str,
    line: usize,
}

impl At<'_> {
    fn error(&self, message: &str) -> PackError {
        PackError {
            path: self.path.to_owned(),
            message: format!("the [[{}]] at line {}: {message}", self.table, self.line),
        }
    }
}

impl PackFile {
    /// The entries of every table, in the order of the tables' kinds and
    /// then of the file.
    pub fn entries(&mut self, path: &str, text: &str) -> Result<Vec<PackEntry>, PackError> {
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let mut entries = Vec::new();
        let place = |table: &'static str, span: std::ops::Range<usize>| At {
            path,
            table,
            line: newlines.partition_point(|&at| at < span.start) + 1,
        };
        for spanned in std::mem::take(&mut self.marker) {
            let at = place("marker", spanned.span());
            entries.push(entry(spanned, &at, MarkerTable::kind)?);
        }
        for (table, list) in [
            ("salutation", std::mem::take(&mut self.salutation)),
            ("closing", std::mem::take(&mut self.closing)),
        ] {
            for spanned in list {
                let at = place(table, spanned.span());
                entries.push(entry(spanned, &at, FormulaTable::kind)?);
            }
        }
        for spanned in std::mem::take(&mut self.calque) {
            let at = place("calque", spanned.span());
            entries.push(entry(spanned, &at, CalqueTable::kind)?);
        }
        for spanned in std::mem::take(&mut self.phrase) {
            let at = place("phrase", spanned.span());
            entries.push(entry(spanned, &at, PhraseTable::kind)?);
        }
        for spanned in std::mem::take(&mut self.rule) {
            let at = place("rule", spanned.span());
            entries.push(entry(spanned, &at, RuleTable::kind)?);
        }
        let universal = self.pack.locales.iter().any(|l| l == EVERY_LOCALE);
        if universal
            && let Some(entry) = entries
                .iter()
                .find(|e| !matches!(e.kind, PackEntryKind::Rule(_) | PackEntryKind::Calque(_)))
        {
            return Err(PackError {
                path: path.to_owned(),
                message: format!(
                    "{}: a pack for every locale (`*`) holds only [[rule]] and [[calque]] entries",
                    entry.origin
                ),
            });
        }
        Ok(entries)
    }
}

/// What every entry has beside the own keys of its table.
struct Common<'c> {
    matching: &'c MatchKeys,
    examples: &'c Examples,
    note: Option<&'c str>,
    at: &'c At<'c>,
}

/// Builds one entry: `kind` makes what its table's own keys say.
fn entry<T: Table>(
    spanned: Spanned<T>,
    at: &At<'_>,
    kind: fn(T, &Common<'_>) -> Result<PackEntryKind, PackError>,
) -> Result<PackEntry, PackError> {
    let mut table = spanned.into_inner();
    let (matching, examples, note) = table.common();
    for example in &examples.bad {
        if !example.contains('[') || !example.contains(']') {
            return Err(at.error(&format!(
                "the bad example `{example}` marks no word with […]"
            )));
        }
    }
    if !examples.fixed.is_empty() && examples.fixed.len() != examples.bad.len() {
        return Err(at.error(&format!(
            "`fixed` has {} examples for {} `bad` ones: one fixed text for each",
            examples.fixed.len(),
            examples.bad.len()
        )));
    }
    let common = Common {
        matching: &matching,
        examples: &examples,
        note: note.as_deref(),
        at,
    };
    let kind = kind(table, &common)?;
    if examples.bad.is_empty() && examples.good.is_empty() {
        return Err(at.error("needs at least one `bad` or `good` example"));
    }
    Ok(PackEntry {
        kind,
        examples,
        note,
        origin: format!("{}:{}", at.path, at.line),
    })
}

impl MatchKeys {
    fn has_words(&self) -> bool {
        !(self.words.is_empty() && self.phrases.is_empty() && self.suffixes.is_empty())
    }

    fn needs_words(&self, at: &At<'_>, what: &str) -> Result<(), PackError> {
        if self.has_words() {
            Ok(())
        } else {
            Err(at.error(&format!("needs `words` or `phrases`{what}")))
        }
    }

    fn matcher(&self, at: &At<'_>) -> Result<Matcher, PackError> {
        let case = self.case.unwrap_or_default();
        let fold = |w: &str| {
            if case == Case::Exact {
                w.to_owned()
            } else {
                w.to_lowercase()
            }
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
            words: self.words.iter().map(|w| fold(w)).collect(),
            lexicon: None,
            phrases: self
                .phrases
                .iter()
                .map(|p| phrase_words(p))
                .filter(|p| !p.is_empty())
                .collect(),
            suffixes: self.suffixes.clone(),
            case,
            after: neighbours(&self.after, at)?,
            not_after: neighbours(&self.not_after, at)?,
            before: neighbours(&self.before, at)?,
            not_before: neighbours(&self.not_before, at)?,
            joined: self.joined.unwrap_or_default(),
            not_between_capitalized: self.not_between_capitalized.unwrap_or(false),
        })
    }
}

/// `after`, `before` and their negations: words, a class in `<…>`, or
/// an ending after `-`.
fn neighbours(list: &[String], at: &At<'_>) -> Result<Vec<Neighbour>, PackError> {
    list.iter()
        .map(|item| match item.as_str() {
            "<number>" => Ok(Neighbour::Number),
            "<capitalized>" => Ok(Neighbour::Capitalized),
            "<placeholder>" => Ok(Neighbour::Placeholder),
            "<comma>" => Ok(Neighbour::Comma),
            "<none>" => Ok(Neighbour::None),
            other if other.starts_with('<') => Err(at.error(&format!(
                "unknown class `{other}`; use `<number>`, `<capitalized>`, `<placeholder>`, `<comma>`, `<none>` or an ending (`-ando`)"
            ))),
            ending if ending.len() > 1 && ending.starts_with('-') => {
                Ok(Neighbour::Ending(ending[1..].to_lowercase()))
            }
            word => Ok(Neighbour::Word(word.to_lowercase())),
        })
        .collect()
}

impl MarkerTable {
    fn kind(self, common: &Common<'_>) -> Result<PackEntryKind, PackError> {
        let Common {
            matching,
            examples,
            at,
            ..
        } = *common;
        let lexicon = match self.lexicon.as_deref() {
            Some(name) => Some(super::lexicon::set(name).ok_or_else(|| {
                let names: Vec<&str> = super::lexicon::names().collect();
                at.error(&format!(
                    "no lexicon `{name}`; the lexicons are {}",
                    names.join(", ")
                ))
            })?),
            None => {
                matching.needs_words(at, ", `suffixes` or a `lexicon`")?;
                None
            }
        };
        let mut matcher = matching.matcher(at)?;
        // Lexicons are lower-case already (a test holds them to it).
        matcher.lexicon = lexicon;
        let register = self
            .register
            .ok_or_else(|| at.error("needs a `register`: formal or informal"))?;
        let strength = self.strength.unwrap_or_default();
        let position = self.position.unwrap_or_default();
        let init_strength = match (position, self.init_strength) {
            (_, Some(strength)) => strength,
            (Position::Mid, None) => Strength::None,
            (Position::Any, None) => strength,
        };
        if matches!(strength, Strength::Strong | Strength::Plural) && examples.bad.is_empty() {
            return Err(
                at.error("a strong marker needs a `bad` example with the flagged words in […]")
            );
        }
        if self.clause_start == Some(true) && position != Position::Mid {
            return Err(at.error(
                "`clause-start` gives a main clause the strength of a sentence's start: it needs `position = \"mid\"`",
            ));
        }
        if self.question == Some(true) && self.in_questions == Some(false) {
            return Err(at.error(
                "`question = true` counts a marker only in a question and `in-questions = false` never there: one of them",
            ));
        }
        let raises = [
            (ReaderSign::Owner, self.owner_strength),
            (ReaderSign::Person, self.person_strength),
            (ReaderSign::Subject, self.subject_strength),
            (ReaderSign::Order, self.order_strength),
            (ReaderSign::Echo, self.echo_strength),
            (ReaderSign::Actor, self.actor_strength),
        ];
        let mut given = raises
            .into_iter()
            .filter_map(|(sign, strength)| Some((sign, strength?)));
        let reader_strength = given.next();
        if given.next().is_some() {
            return Err(at.error(
                "a marker is a possessive (`owner-strength`), an object (`person-strength`), a subject (`subject-strength`), an order (`order-strength`), an echo (`echo-strength`) or an actor (`actor-strength`): one of them",
            ));
        }
        if self.echo_strength.is_some() && self.echoes.is_empty() {
            return Err(at.error(
                "`echo-strength` raises a marker where the reference says one of its `echoes`: it needs them",
            ));
        }
        if reader_strength.is_none() && !self.echoes.is_empty() {
            return Err(at.error(
                "`echoes` raise a marker to its `echo-strength` (or its other raise): it needs one",
            ));
        }
        let echoes = self
            .echoes
            .iter()
            .map(|phrase| super::reference::spaced_words(phrase))
            .collect();
        // A raise needs a marker weaker than the raise where it is found
        // (a strength other than `none`), if it is found anywhere.
        let found = match position {
            Position::Any => vec![strength],
            Position::Mid => vec![strength, init_strength],
        };
        let weakest = found
            .iter()
            .filter(|s| **s != Strength::None)
            .map(|s| s.weight())
            .reduce(f32::min);
        // A marker found nowhere else counts only where it is raised.
        if let Some((_, raised)) = reader_strength
            && raised.weight() <= weakest.unwrap_or(0.0)
        {
            return Err(at.error(
                "`owner-strength`, `person-strength`, `subject-strength`, `order-strength`, `echo-strength` and `actor-strength` raise a marker: they must be stronger than `none`, and than its `strength` or `init-strength` where it is not `none`",
            ));
        }
        Ok(PackEntryKind::Marker(Marker {
            matcher,
            register,
            strength,
            position,
            init_strength,
            question: self.question.unwrap_or(false),
            in_questions: self.in_questions.unwrap_or(true),
            in_labels: self.in_labels.unwrap_or(true),
            clause_start: self.clause_start.unwrap_or(false),
            reader_strength,
            echoes,
            fix: self.fix,
        }))
    }
}

impl FormulaTable {
    fn kind(self, common: &Common<'_>) -> Result<PackEntryKind, PackError> {
        let Common { matching, at, .. } = *common;
        matching.needs_words(at, "")?;
        let tone = self
            .tone
            .ok_or_else(|| at.error("needs a `tone`: banned, formal, informal or neutral"))?;
        let formula = Formula {
            matcher: matching.matcher(at)?,
            tone,
            severity: self.severity,
            fix: self.fix,
            replace: self.replace,
        };
        Ok(if at.table == "salutation" {
            PackEntryKind::Salutation(formula)
        } else {
            PackEntryKind::Closing(formula)
        })
    }
}

impl CalqueTable {
    fn kind(self, common: &Common<'_>) -> Result<PackEntryKind, PackError> {
        let Common {
            matching,
            examples,
            at,
            ..
        } = *common;
        matching.needs_words(at, "")?;
        if examples.bad.is_empty() {
            return Err(at.error("needs a `bad` example with the calque in […]"));
        }
        Ok(PackEntryKind::Calque(Calque {
            matcher: matching.matcher(at)?,
            fix: self.fix,
            replace: self.replace,
        }))
    }
}

impl PhraseTable {
    fn kind(self, common: &Common<'_>) -> Result<PackEntryKind, PackError> {
        let at = common.at;
        if self.formal.is_empty() || self.informal.is_empty() {
            return Err(at.error("needs both `formal` and `informal` variants"));
        }
        let words = |list: &[String]| {
            list.iter()
                .map(|p| crate::text::words(p).collect())
                .collect()
        };
        Ok(PackEntryKind::Phrase(StockPhrase {
            formal_words: words(&self.formal),
            informal_words: words(&self.informal),
            formal: self.formal,
            informal: self.informal,
        }))
    }
}

impl RuleTable {
    /// A project rule, with a rule id of its own for selection, severity
    /// overrides, suppression and reports.
    fn kind(self, common: &Common<'_>) -> Result<PackEntryKind, PackError> {
        let Common {
            matching,
            examples,
            note,
            at,
        } = *common;
        let id = self
            .id
            .ok_or_else(|| at.error("needs an `id`, kebab-case, as in `brand-name`"))?;
        if !is_kebab_case(&id) {
            return Err(at.error(&format!("the id `{id}` is not kebab-case")));
        }
        let message = self.message.ok_or_else(|| at.error("needs a `message`"))?;
        let pattern = match &self.pattern {
            Some(pattern) => Some(compile(pattern, at)?),
            None => None,
        };
        if pattern.is_none() && !matching.has_words() {
            return Err(at.error("needs `words`, `phrases` or a `pattern`"));
        }
        if examples.bad.is_empty() {
            return Err(at.error("needs a `bad` example with the flagged text in […]"));
        }
        let docs = rule_docs(&message, note, examples, self.replace.as_deref(), at);
        // Project rules live as long as the run; their metadata is leaked
        // once per rule so that findings can carry a `&'static RuleMeta`.
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
            id: leak(id),
            severity: self.severity.unwrap_or(Severity::Warning),
            summary: leak(message.replace("{match}", "…")),
            docs: leak(docs),
        }));
        Ok(PackEntryKind::Rule(ProjectRule {
            meta,
            matcher: match matching.has_words() {
                true => Some(matching.matcher(at)?),
                false => None,
            },
            pattern,
            message,
            help: self.help,
            replace: self.replace,
        }))
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A rule's pattern, refused when it would make checking slow.
fn compile(pattern: &str, at: &At<'_>) -> Result<regex::Regex, PackError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_PATTERN_BYTES)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => at.error(&format!(
                "the `pattern` compiles to more than {} KB, which would make checking slow; bound fewer repetitions",
                MAX_PATTERN_BYTES >> 10
            )),
            e => at.error(&format!(
                "the `pattern` is not a valid regular expression: {e}"
            )),
        })
}

/// A project rule's documentation, in the sections of a built-in rule's.
fn rule_docs(
    message: &str,
    note: Option<&str>,
    examples: &Examples,
    replace: Option<&str>,
    at: &At<'_>,
) -> String {
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
        note.unwrap_or("The project's own rule."),
        list(&examples.bad),
    );
    match (replace, examples.good.is_empty()) {
        (Some(replace), _) => docs.push_str(&format!("\nUse instead: “{replace}”.\n")),
        (None, false) => docs.push_str(&format!("\nUse instead:\n{}\n", list(&examples.good))),
        (None, true) => {}
    }
    docs.push_str(&format!(
        "\nA project rule from `{}:{}`.\n",
        at.path, at.line
    ));
    docs
}
