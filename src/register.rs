//! Register consistency: does an email address the reader formally or
//! informally, and where does it switch? Each email is read as the customer
//! reads it, once per combination of its selector values; each sentence
//! votes by its address markers; every strong marker of the other register
//! is reported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::config::Register;
use crate::emails::Email;
use crate::finding::{Diagnostic, Severity};
use crate::fluent::{key_name, patterns};
use crate::model::{LocaleModel, MAX_REFERENCE_DEPTH};
use crate::packs::{Case, Joined, Marker, Neighbour, Pack, Position, Strength};
use crate::prose::{Origin, Path, Writer, origin_index, selector_key};
use crate::rules::{RegisterLocale, RegisterMix, RuleMeta};
use crate::text::{Kind, Prose, Token, tokenize};

/// More combinations of selector values than this are not enumerated: each
/// selector then varies alone while the others keep their default.
const MAX_PATHS: usize = 64;

/// A segment of at most this many words that ends with a comma is a
/// salutation ("Sehr geehrte Frau { $name },").
const SALUTATION_WORDS: usize = 6;

/// Where a declared register comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `etiquette.toml` or `--register`: the locale's register.
    Locale { register: Register, source: String },
}

/// An address marker found in the text.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The index of the origin (file and message) in the email's origin table.
    pub origin: usize,
    /// The byte range in that origin's file.
    pub span: Range<usize>,
    pub register: Register,
    pub strength: Strength,
    /// The word as written.
    pub word: String,
    /// The index of the marker in the pack.
    pub marker: usize,
    /// Its sentence, counted over the segment.
    pub sentence: usize,
}

/// One segment (a message value or attribute) read on one path.
#[derive(Clone, Debug, Default)]
struct Reading {
    /// Per sentence: the weighted formal and informal sums.
    votes: Vec<(f32, f32)>,
    hits: Vec<Hit>,
    /// A short line ending with a comma, like the salutation "Hallo Sam,":
    /// German then starts the body in lower case, so a capital `Sie` on the
    /// next line is address, not "she".
    salutation: bool,
    /// The first sentence when its first word is not sentence-initial
    /// (after a salutation that ends with a comma): its vote and hits.
    lead_mid: Option<((f32, f32), Vec<Hit>)>,
}

/// What the analysis of one email reports.
#[derive(Clone, Debug)]
pub struct Flag {
    pub rule: &'static RuleMeta,
    pub severity: Option<Severity>,
    pub origin: Origin,
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
    pub help: String,
}

/// Analyses emails of one locale with its pack.
pub struct Analyzer<'a, 's> {
    locale: &'a LocaleModel<'s>,
    pack: &'a Pack,
    declared: Option<Declared>,
}

/// A segment of an email: a message value or one attribute.
struct Segment<'a, 's> {
    file: usize,
    message_id: &'s str,
    attribute: Option<&'s str>,
    pattern: &'a Pattern<&'s str>,
    /// The selectors this segment's text depends on.
    selectors: Vec<usize>,
}

impl<'a, 's> Analyzer<'a, 's> {
    pub fn new(locale: &'a LocaleModel<'s>, pack: &'a Pack, declared: Option<Declared>) -> Self {
        Analyzer {
            locale,
            pack,
            declared,
        }
    }

    /// Reads `email` on every path and flags each strong marker of the
    /// register the path does not address the reader in.
    pub fn analyze(&self, email: &Email<'a, 's>) -> Vec<Flag> {
        let mut origins: Vec<Origin> = Vec::new();
        let mut selectors: Vec<(String, Vec<String>)> = Vec::new();
        let segments = self.segments(email, &mut selectors);
        let paths = enumerate(&selectors);
        let mut cache: HashMap<(usize, Vec<Option<String>>), Reading> = HashMap::new();
        let mut flags: Vec<Flag> = Vec::new();
        // The same marker flagged on several paths is reported once.
        let mut flagged: HashSet<(usize, usize)> = HashSet::new();
        for path in &paths {
            let mut readings: Vec<Reading> = Vec::with_capacity(segments.len());
            for (index, segment) in segments.iter().enumerate() {
                let key: Vec<Option<String>> =
                    segment.selectors.iter().map(|&s| path[s].clone()).collect();
                let reading = cache
                    .entry((index, key))
                    .or_insert_with(|| self.read(segment, &selectors, path, &mut origins))
                    .clone();
                readings.push(reading);
            }
            for flag in self.judge(&readings, &selectors, path, &origins) {
                if flagged.insert((flag.origin.file, flag.span.start)) {
                    flags.push(flag);
                }
            }
        }
        flags
    }

    /// The segments of an email, skipping messages another message of the
    /// email already pulls in; collects the selectors they depend on.
    fn segments(
        &self,
        email: &Email<'a, 's>,
        selectors: &mut Vec<(String, Vec<String>)>,
    ) -> Vec<Segment<'a, 's>> {
        let mut referenced: HashSet<(&str, Option<&str>)> = HashSet::new();
        for (_, message) in &email.messages {
            for (_, pattern) in patterns(message) {
                crate::fluent::visit_references(pattern, &mut |r| {
                    if let crate::fluent::Reference::Message(id, attribute) = r {
                        referenced.insert((id, attribute));
                    }
                });
            }
        }
        let mut segments = Vec::new();
        for &(file, message) in &email.messages {
            for (attribute, pattern) in patterns(message) {
                let attribute_name = attribute.map(|a| a.id.name);
                if referenced.contains(&(message.id.name, attribute_name)) {
                    continue;
                }
                let mut used = Vec::new();
                self.collect_selectors(pattern, 0, selectors, &mut used);
                used.sort_unstable();
                used.dedup();
                segments.push(Segment {
                    file,
                    message_id: message.id.name,
                    attribute: attribute_name,
                    pattern,
                    selectors: used,
                });
            }
        }
        segments
    }

    fn collect_selectors(
        &self,
        pattern: &Pattern<&'s str>,
        depth: usize,
        selectors: &mut Vec<(String, Vec<String>)>,
        used: &mut Vec<usize>,
    ) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.collect_in_expression(expression, depth, selectors, used);
            }
        }
    }

    fn collect_in_expression(
        &self,
        expression: &Expression<&'s str>,
        depth: usize,
        selectors: &mut Vec<(String, Vec<String>)>,
        used: &mut Vec<usize>,
    ) {
        match expression {
            Expression::Select { selector, variants } => {
                if let Some(key) = selector_key(selector) {
                    let index = match selectors.iter().position(|(k, _)| *k == key) {
                        Some(index) => index,
                        None => {
                            selectors.push((key, Vec::new()));
                            selectors.len() - 1
                        }
                    };
                    for variant in variants {
                        let name = key_name(&variant.key).to_owned();
                        if !selectors[index].1.contains(&name) {
                            selectors[index].1.push(name);
                        }
                    }
                    used.push(index);
                }
                for variant in variants {
                    self.collect_selectors(&variant.value, depth, selectors, used);
                }
            }
            Expression::Inline(InlineExpression::MessageReference { id, attribute })
                if depth < MAX_REFERENCE_DEPTH =>
            {
                if let Some(pattern) = self
                    .locale
                    .message_pattern(id.name, attribute.as_ref().map(|a| a.name))
                {
                    self.collect_selectors(pattern, depth + 1, selectors, used);
                }
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                self.collect_in_expression(expression, depth, selectors, used)
            }
            Expression::Inline(_) => {}
        }
    }

    /// Reads one segment on one path.
    fn read(
        &self,
        segment: &Segment<'a, 's>,
        selectors: &[(String, Vec<String>)],
        path: &Path,
        origins: &mut Vec<Origin>,
    ) -> Reading {
        let mut prose = Prose::new();
        let origin = origin_index(
            origins,
            Origin {
                file: segment.file,
                message_id: segment.message_id.to_owned(),
                attribute: segment.attribute.map(str::to_owned),
            },
        );
        let mut writer = Writer::on_path(self.locale, selectors, path, origins);
        writer.write(&mut prose, origin, segment.file, segment.pattern);
        prose.mask();
        let mut tokens = tokenize(prose.text(), &self.pack.abbreviations);
        let salutation = prose.ends_with(',') && tokens.len() <= SALUTATION_WORDS;
        let hits = self.markers(&tokens, &prose);
        let mut votes = vec![(0.0, 0.0); tokens.last().map_or(0, |t| t.sentence + 1)];
        for hit in &hits {
            add_vote(&mut votes[hit.sentence], hit);
        }
        let lead_mid = match tokens.first() {
            Some(first) if first.init && first.kind == Kind::Word => {
                tokens[0].init = false;
                let first_sentence: Vec<Token> = tokens
                    .iter()
                    .take_while(|t| t.sentence == 0)
                    .cloned()
                    .collect();
                let hits = self.markers(&first_sentence, &prose);
                let mut vote = (0.0, 0.0);
                for hit in &hits {
                    add_vote(&mut vote, hit);
                }
                Some((vote, hits))
            }
            _ => None,
        };
        Reading {
            votes,
            hits,
            salutation,
            lead_mid,
        }
    }

    /// The address markers among `tokens`.
    fn markers(&self, tokens: &[Token], prose: &Prose) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        'tokens: while i < tokens.len() {
            let token = &tokens[i];
            if token.kind != Kind::Word || token.quoted || token.is_acronym() {
                i += 1;
                continue;
            }
            let lower = token.text.to_lowercase();
            for index in self.pack.index().candidates(&lower) {
                let marker = &self.pack.markers[index];
                let Some((len, strength)) = matches(marker, tokens, i, &lower) else {
                    continue;
                };
                if strength != Strength::None {
                    let span = tokens[i].span.start..tokens[i + len - 1].span.end;
                    if let Some((origin, source)) = prose.source(span) {
                        hits.push(Hit {
                            origin,
                            span: source,
                            register: marker.register,
                            strength,
                            word: written(&tokens[i..i + len], marker.joined),
                            marker: index,
                            sentence: token.sentence,
                        });
                    }
                }
                i += len;
                continue 'tokens;
            }
            i += 1;
        }
        hits
    }

    /// Decides the register of one path and flags what contradicts it.
    fn judge(
        &self,
        readings: &[Reading],
        selectors: &[(String, Vec<String>)],
        path: &Path,
        origins: &[Origin],
    ) -> Vec<Flag> {
        let mut votes: Vec<(f32, f32)> = Vec::new();
        let mut hits: Vec<&Hit> = Vec::new();
        let mut after_comma = false;
        for reading in readings {
            match (&reading.lead_mid, after_comma) {
                (Some((vote, lead_hits)), true) => {
                    votes.push(*vote);
                    votes.extend(reading.votes.iter().skip(1));
                    hits.extend(lead_hits.iter());
                    hits.extend(reading.hits.iter().filter(|h| h.sentence > 0));
                }
                _ => {
                    votes.extend(reading.votes.iter());
                    hits.extend(reading.hits.iter());
                }
            }
            after_comma = reading.salutation;
        }
        let formal_votes = votes.iter().filter(|(f, i)| f > i).count();
        let informal_votes = votes.iter().filter(|(f, i)| i > f).count();

        // The register this path addresses the reader in, and why.
        let branch = selectors.iter().zip(path).find_map(|((key, _), choice)| {
            let choice = choice.as_deref()?;
            let register = match choice.to_ascii_lowercase().as_str() {
                "formal" => Register::Formal,
                "informal" => Register::Informal,
                _ => return None,
            };
            Some((register, key.clone(), choice.to_owned()))
        });
        let weighted = |register: Register| -> f32 {
            hits.iter()
                .filter(|h| h.register == register)
                .map(|h| h.strength.weight())
                .sum()
        };
        let (register, reason) = if let Some((register, key, choice)) = branch {
            (register, Reason::Branch { key, choice })
        } else if let Some(Declared::Locale { register, source }) = &self.declared {
            (
                *register,
                Reason::Locale {
                    source: source.clone(),
                },
            )
        } else if formal_votes != informal_votes {
            let register = if formal_votes > informal_votes {
                Register::Formal
            } else {
                Register::Informal
            };
            (register, Reason::Majority)
        } else if weighted(Register::Formal) != weighted(Register::Informal) {
            let register = if weighted(Register::Formal) > weighted(Register::Informal) {
                Register::Formal
            } else {
                Register::Informal
            };
            (register, Reason::Majority)
        } else {
            // A tie: the register the email switches to is the odd one out.
            let last_strong = hits.iter().rev().find(|h| h.strength == Strength::Strong);
            match last_strong {
                Some(last) => (last.register.other(), Reason::Tie),
                None => return Vec::new(),
            }
        };
        let support = if register == Register::Formal {
            formal_votes
        } else {
            informal_votes
        };
        let opposition = if register == Register::Formal {
            informal_votes
        } else {
            formal_votes
        };
        // A majority of weak signs alone (Spanish `su`, Italian `può`) or of a
        // thin margin is a warning, not an error.
        let strong_support = hits.iter().any(|h| {
            h.register == register && matches!(h.strength, Strength::Strong | Strength::Plural)
        });
        let confident = match reason {
            Reason::Branch { .. } | Reason::Locale { .. } => true,
            Reason::Majority | Reason::Tie => strong_support && support >= 2 * opposition,
        };

        let evidence = evidence(&hits, register);
        let label = match &reason {
            Reason::Locale { .. } => format!("{} is {register}", self.locale.name),
            Reason::Branch { key, choice } => format!("where `{key}` is `{choice}`"),
            Reason::Majority | Reason::Tie => {
                let words = top_words(&hits, register);
                if words.is_empty() {
                    format!("the rest of the email is {register}")
                } else {
                    format!("the rest of the email says {words}")
                }
            }
        };
        let mut flags = Vec::new();
        for hit in &hits {
            if hit.register == register
                || !matches!(hit.strength, Strength::Strong | Strength::Plural)
            {
                continue;
            }
            let marker = &self.pack.markers[hit.marker];
            let severity = match (hit.strength, confident) {
                (Strength::Plural, _) => Some(Severity::Info),
                (_, true) => None,
                (_, false) => Some(Severity::Warning),
            };
            let what = format!("{} `{}`", hit.register, hit.word);
            let (rule, message): (&'static RuleMeta, String) = match &reason {
                Reason::Locale { source } => (
                    &RegisterLocale::META,
                    format!(
                        "{what} where {} is declared {register} ({source})",
                        self.locale.name
                    ),
                ),
                Reason::Branch { key, choice } => (
                    &RegisterMix::META,
                    format!("{what} in the `[{choice}]` version of this email (`{key}`)"),
                ),
                Reason::Majority => (
                    &RegisterMix::META,
                    format!("{what} in an email that addresses the reader {}", evidence),
                ),
                Reason::Tie => (
                    &RegisterMix::META,
                    format!(
                        "{what} in an email that addresses the reader {} just as often as {}",
                        evidence,
                        adverb(register.other())
                    ),
                ),
            };
            let help = match (&marker.fix, hit.strength) {
                (_, Strength::Plural) => format!(
                    "if it addresses one reader, address them {} as the rest of the email does; a plural is fine",
                    adverb(register)
                ),
                (Some(fix), _) => fix.clone(),
                (None, _) => format!("address the reader {} throughout", adverb(register)),
            };
            flags.push(Flag {
                rule,
                severity,
                origin: origins[hit.origin].clone(),
                span: hit.span.clone(),
                message,
                label: label.clone(),
                help,
            });
        }
        flags
    }
}

/// Why a path has its register.
enum Reason {
    Branch { key: String, choice: String },
    Locale { source: String },
    Majority,
    Tie,
}

fn adverb(register: Register) -> &'static str {
    match register {
        Register::Formal => "formally",
        Register::Informal => "informally",
    }
}

/// The words of `register`'s markers with their counts, most frequent
/// first: strong and plural markers, or only the weak ones.
fn word_counts(hits: &[&Hit], register: Register, weak: bool) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for hit in hits
        .iter()
        .filter(|h| h.register == register && (h.strength == Strength::Weak) == weak)
    {
        *counts.entry(hit.word.to_lowercase()).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted
}

/// "formally 7 times (u ×5, uw ×2)", from the strong markers of `register`.
fn evidence(hits: &[&Hit], register: Register) -> String {
    let list = |counts: &[(String, usize)]| {
        counts
            .iter()
            .map(|(w, n)| format!("{w} ×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let strong = word_counts(hits, register, false);
    let total: usize = strong.iter().map(|(_, n)| n).sum();
    if total > 0 {
        let times = if total == 1 {
            "once".to_string()
        } else {
            format!("{total} times")
        };
        format!("{} {times} ({})", adverb(register), list(&strong))
    } else {
        format!(
            "{} (by its weaker signs: {})",
            adverb(register),
            list(&word_counts(hits, register, true))
        )
    }
}

/// "`u` and `uw`": the two most frequent strong markers of `register`.
fn top_words(hits: &[&Hit], register: Register) -> String {
    let words: Vec<String> = word_counts(hits, register, false)
        .into_iter()
        .take(2)
        .map(|(w, _)| format!("`{w}`"))
        .collect();
    words.join(" and ")
}

fn add_vote(vote: &mut (f32, f32), hit: &Hit) {
    match hit.register {
        Register::Formal => vote.0 += hit.strength.weight(),
        Register::Informal => vote.1 += hit.strength.weight(),
    }
}

/// Enumerates the paths: every combination while there are few, else the
/// defaults plus each selector value on its own.
fn enumerate(selectors: &[(String, Vec<String>)]) -> Vec<Path> {
    let total = selectors.iter().try_fold(1usize, |acc, (_, values)| {
        acc.checked_mul(values.len().max(1))
    });
    match total {
        Some(total) if total <= MAX_PATHS => {
            let mut paths: Vec<Path> = vec![Vec::new()];
            for (_, values) in selectors {
                let mut next = Vec::new();
                for path in &paths {
                    if values.is_empty() {
                        let mut p = path.clone();
                        p.push(None);
                        next.push(p);
                    }
                    for value in values {
                        let mut p = path.clone();
                        p.push(Some(value.clone()));
                        next.push(p);
                    }
                }
                paths = next;
            }
            paths
        }
        _ => {
            let mut paths = vec![vec![None; selectors.len()]];
            for (i, (_, values)) in selectors.iter().enumerate() {
                for value in values {
                    let mut path = vec![None; selectors.len()];
                    path[i] = Some(value.clone());
                    paths.push(path);
                }
            }
            paths
        }
    }
}

/// A marker as the reader sees it: `t'` for an elided pronoun, words of
/// a phrase joined by a space.
fn written(tokens: &[Token], joined: Joined) -> String {
    let mut word = tokens
        .iter()
        .map(|t| t.text.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    if joined == Joined::Elided {
        word.push('\'');
    }
    word
}

/// Whether `marker` matches at `tokens[i]`: the number of tokens it covers
/// and the strength it has there.
fn matches(marker: &Marker, tokens: &[Token], i: usize, lower: &str) -> Option<(usize, Strength)> {
    let token = &tokens[i];
    let exact = marker.case == Case::Exact;
    let len = if marker
        .words
        .contains(if exact { token.text.as_ref() } else { lower })
    {
        1
    } else if let Some(len) = marker
        .phrases
        .iter()
        .find(|phrase| phrase_at(phrase, tokens, i, exact))
        .map(Vec::len)
    {
        len
    } else if marker
        .suffixes
        .iter()
        .any(|suffix| has_suffix(&token.text, suffix))
    {
        1
    } else {
        return None;
    };
    let last = &tokens[i + len - 1];
    let glued = match marker.joined {
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
    if !marker.after.is_empty() && !marker.after.iter().any(|n| neighbour(n, previous)) {
        return None;
    }
    if marker.not_after.iter().any(|n| neighbour(n, previous)) {
        return None;
    }
    if !marker.before.is_empty() && !marker.before.iter().any(|n| neighbour(n, next)) {
        return None;
    }
    if marker.not_before.iter().any(|n| neighbour(n, next)) {
        return None;
    }
    // A sentence-initial word is capitalised anyway: "Hast du Fragen?".
    if marker.not_between_capitalized
        && previous.is_some_and(|p| p.is_capitalized() && !p.init)
        && next.is_some_and(Token::is_capitalized)
    {
        return None;
    }
    let strength = match (marker.position, token.init) {
        (Position::Mid, true) => marker.init_strength,
        _ => marker.strength,
    };
    Some((len, strength))
}

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
                    t.text.to_lowercase() == *word
                }
        })
    })
}

/// `contattarLa` ends with `La` after three or more lower-case letters.
fn has_suffix(word: &str, suffix: &str) -> bool {
    word.strip_suffix(suffix)
        .is_some_and(|stem| stem.chars().count() >= 3 && stem.chars().all(|c| c.is_lowercase()))
}

fn neighbour(condition: &Neighbour, token: Option<&Token>) -> bool {
    match (condition, token) {
        (Neighbour::None, None) => true,
        (Neighbour::None, Some(_)) | (_, None) => false,
        (Neighbour::Word(word), Some(t)) => t.kind == Kind::Word && t.text.to_lowercase() == *word,
        (Neighbour::Number, Some(t)) => t.kind == Kind::Number,
        (Neighbour::Capitalized, Some(t)) => t.is_capitalized(),
        (Neighbour::Placeholder, Some(t)) => t.kind == Kind::Placeholder,
    }
}

/// Turns flags into diagnostics for the check.
pub fn diagnostics<'a>(
    locale: &'a LocaleModel<'a>,
    email: &str,
    flags: Vec<Flag>,
) -> Vec<Diagnostic<'a>> {
    flags
        .into_iter()
        .map(|flag| {
            let source = locale.files[flag.origin.file].source;
            let mut diagnostic = Diagnostic::new(flag.rule, source, flag.span, flag.message)
                .message_id(flag.origin.message_id.clone())
                .attribute(flag.origin.attribute.as_deref())
                .email(Some(email))
                .label(flag.label)
                .help(flag.help);
            diagnostic.severity = flag.severity;
            diagnostic
        })
        .collect()
}

/// A flag in a plain text given to [`flag_texts`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFlag {
    /// Which text.
    pub text: usize,
    /// The byte range in that text.
    pub span: Range<usize>,
    /// `None` is the rule's own severity.
    pub severity: Option<Severity>,
    pub rule: &'static str,
    pub message: String,
}

/// Reads plain texts as one email of `langid` (one message per text) and
/// returns what the register rules flag. Curly braces in the texts are
/// read as parentheses. For pack examples and evaluations.
pub fn flag_texts(
    pack: &Pack,
    langid: &unic_langid::LanguageIdentifier,
    texts: &[&str],
    declared: Option<Register>,
) -> Vec<TextFlag> {
    let mut source = String::new();
    let mut starts = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let prefix = format!("m{i} = ");
        source.push_str(&prefix);
        starts.push(source.len());
        source.push_str(
            &text
                .replace('{', "(")
                .replace('}', ")")
                .replace(['\n', '\r'], " "),
        );
        source.push('\n');
    }
    let dir = crate::project::LocaleDir {
        name: langid.to_string(),
        langid: langid.clone(),
        path: std::path::PathBuf::from(langid.to_string()),
    };
    let files = [crate::source::SourceFile::new("email.ftl", source)];
    let locale = LocaleModel::new(&dir, &files);
    let declared = declared.map(|register| Declared::Locale {
        register,
        source: "the caller".into(),
    });
    let analyzer = Analyzer::new(&locale, pack, declared);
    let mut flags = Vec::new();
    for email in crate::emails::emails(&locale, &crate::config::Emails::default()) {
        let found = analyzer.analyze(&email);
        for flag in found {
            let text = starts
                .partition_point(|&s| s <= flag.span.start)
                .saturating_sub(1);
            let start = starts[text];
            flags.push(TextFlag {
                text,
                span: flag.span.start - start..flag.span.end - start,
                severity: flag.severity,
                rule: flag.rule.id,
                message: flag.message,
            });
        }
    }
    flags.sort_by_key(|f| (f.text, f.span.start));
    flags
}

/// A pack example that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The marker's place in its pack file (`rules/nl.toml:12`).
    pub origin: String,
    pub example: String,
    /// The words etiquette flagged instead.
    pub flagged: Vec<String>,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: Vec<String> = self.flagged.iter().map(|w| format!("`{w}`")).collect();
        let flagged = if words.is_empty() {
            "nothing".to_string()
        } else {
            words.join(", ")
        };
        write!(
            f,
            "{}: the example \"{}\" flags {flagged}",
            self.origin, self.example
        )
    }
}

/// Runs the examples of the markers `pick` selects: in a `bad` example
/// exactly the words in `[…]` are flagged, in a `good` one nothing.
pub fn check_examples(pack: &Pack, pick: impl Fn(&Marker) -> bool) -> Vec<ExampleFailure> {
    let Some(langid) = pack.locales.first().and_then(|l| l.parse().ok()) else {
        return Vec::new();
    };
    let mut failures = Vec::new();
    for marker in pack.markers.iter().filter(|m| pick(m)) {
        let examples = marker
            .bad
            .iter()
            .map(|e| (e, true))
            .chain(marker.good.iter().map(|e| (e, false)));
        for (example, bad) in examples {
            let (text, expected) = unbracket(example);
            let flags = flag_texts(pack, &langid, &[&text], None);
            let found: Vec<Range<usize>> = flags.iter().map(|f| f.span.clone()).collect();
            if found != expected || (bad && expected.is_empty()) {
                failures.push(ExampleFailure {
                    origin: marker.origin.clone(),
                    example: example.clone(),
                    flagged: found.iter().map(|s| text[s.clone()].to_owned()).collect(),
                });
            }
        }
    }
    failures
}

/// The text without brackets, and the byte ranges the brackets marked.
fn unbracket(example: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for c in example.chars() {
        match c {
            '[' => open = Some(text.len()),
            ']' => {
                if let Some(start) = open.take() {
                    spans.push(start..text.len());
                }
            }
            _ => text.push(c),
        }
    }
    (text, spans)
}
