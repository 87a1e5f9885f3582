//! Register consistency: does an email address the reader formally or
//! informally, and where does it switch? Each email is read as the customer
//! reads it, once per combination of its selector values; each sentence
//! votes by its address markers, and so does the salutation; every strong
//! marker of the other register is reported, and so are salutations and
//! sign-offs that must not be there or contradict the register.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::analysis::prose::{
    Budget, Origin, OriginRef, Origins, Path, Writer, may_read_word_or_comma, selector_key,
};
use crate::finding::{Diagnostic, Severity};
use crate::packs::{Joined, Marker, Opening, Pack, Position, Strength, Tone};
use crate::project::config::Register;
use crate::project::emails::Email;
use crate::project::locale::{LocaleModel, MAX_REFERENCE_DEPTH};
use crate::rules::{
    ClosingBanned, ClosingRegister, RegisterLocale, RegisterMix, RuleMeta, SalutationBanned,
    SalutationRegister,
};
use crate::syntax::{key_name, patterns};
use crate::text::{Kind, Prose, Token, any_start_word, lowercase, tokenize};

/// More combinations of selector values than this are not enumerated: each
/// selector then varies alone while the others keep their default.
const MAX_PATHS: usize = 64;
/// Paths judged when each selector value goes alone: real selects have a
/// handful of variants, and a select of 300,000 is judged in linear time.
const MAX_PATHS_ALONE: usize = 256;
/// Findings reported per email; the last one counts the rest.
pub const MAX_FLAGS_PER_EMAIL: usize = crate::finding::MAX_LISTED;

/// A segment of at most this many words that ends with a comma is a
/// salutation ("Sehr geehrte Frau { $name },").
const SALUTATION_WORDS: usize = 6;

/// The salutation is looked for at the start of the first segments of an
/// email (the subject may come first), sign-offs in the last ones.
const OPENING_SEGMENTS: usize = 3;
const CLOSING_SEGMENTS: usize = 3;

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
    /// The word as written, by its index in the email's [`Words`].
    pub word: usize,
    /// The index of the marker's entry in the pack.
    pub marker: usize,
    /// Its sentence, counted over the segment.
    pub sentence: usize,
    /// When the marker sits in a stock phrase, the phrase in the other
    /// register ("Het was me een genoegen u te helpen").
    pub suggestion: Option<String>,
}

/// The words of an email's markers as written, each once: a marker
/// found a million times is one string.
#[derive(Debug, Default)]
pub struct Words {
    list: Vec<String>,
    index: rustc_hash::FxHashMap<String, usize>,
}

impl Words {
    /// The index of the marker that covers `tokens`, written as the reader
    /// sees it.
    fn index(&mut self, tokens: &[Token], joined: Joined) -> usize {
        if let [token] = tokens
            && joined != Joined::Elided
            && let Some(&index) = self.index.get(token.text.as_ref())
        {
            return index;
        }
        let word = written(tokens, joined);
        if let Some(&index) = self.index.get(&word) {
            return index;
        }
        self.list.push(word.clone());
        self.index.insert(word, self.list.len() - 1);
        self.list.len() - 1
    }

    pub fn get(&self, index: usize) -> &str {
        &self.list[index]
    }
}

/// A salutation or sign-off found in the text.
#[derive(Clone, Debug)]
struct LineHit {
    origin: usize,
    span: Range<usize>,
    /// The index of its entry in the pack.
    entry: usize,
    /// The words as written.
    words: String,
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
    /// (after a salutation that ends with a comma).
    lead_mid: Option<Lead>,
    /// A salutation at the start of the segment.
    opening: Option<LineHit>,
    /// Sign-offs at the start of its sentences.
    closings: Vec<LineHit>,
}

/// A segment's first sentence read as if its first word were not
/// sentence-initial. Only markers at its first two words can change, so it
/// keeps what differs: its hits are `prefix`, then the segment's own hits
/// from `shared_from` on (a 10 MB sentence is not held twice).
#[derive(Clone, Debug)]
struct Lead {
    /// The weighted formal and informal sums of the first sentence.
    vote: (f32, f32),
    prefix: Vec<Hit>,
    shared_from: usize,
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

/// The flags of one email: the first [`MAX_FLAGS_PER_EMAIL`] in the order
/// they were found, and how many more there are.
#[derive(Debug, Default)]
pub struct Flags {
    pub listed: Vec<Flag>,
    pub unlisted: usize,
}

/// Collects an email's flags over its paths. A flag is made (its message
/// and help written) only when it is new and will be listed: an email with
/// a million markers of the wrong register costs a count for most of them.
#[derive(Default)]
struct FlagSink {
    flags: Flags,
    /// (rule, file, start) of every flag so far: the same marker flagged on
    /// several paths is reported once.
    seen: HashSet<(&'static str, usize, usize)>,
}

impl FlagSink {
    /// Whether to make the flag of `rule` at `start` in `file`: false when
    /// it was flagged already, or counted as one more past the listed ones.
    fn wants(&mut self, rule: &'static RuleMeta, file: usize, start: usize) -> bool {
        if !self.seen.insert((rule.id, file, start)) {
            return false;
        }
        if self.flags.listed.len() < MAX_FLAGS_PER_EMAIL {
            return true;
        }
        self.flags.unlisted += 1;
        false
    }

    fn push(&mut self, flag: Flag) {
        self.flags.listed.push(flag);
    }
}

/// The selectors of an email and the values their variants name, each
/// once, in the order they were found.
#[derive(Default)]
struct Selectors {
    list: Vec<(String, Vec<String>)>,
    by_key: rustc_hash::FxHashMap<String, usize>,
    /// (selector index, value) of every value listed.
    values: HashSet<(usize, String)>,
}

impl Selectors {
    /// Adds a select's selector and the names of its variants; returns the
    /// selector's index.
    fn add(&mut self, key: String, variants: &[fluent_syntax::ast::Variant<&str>]) -> usize {
        let index = match self.by_key.get(&key) {
            Some(&index) => index,
            None => {
                self.list.push((key.clone(), Vec::new()));
                self.by_key.insert(key, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        for variant in variants {
            let name = key_name(&variant.key);
            if self.values.insert((index, name.to_owned())) {
                self.list[index].1.push(name.to_owned());
            }
        }
        index
    }
}

/// The values a path gives the selectors a segment depends on (`None` for
/// a default variant).
type Values<'p> = Vec<Option<&'p str>>;

/// Analyses emails of one locale with its pack.
pub struct Analyzer<'a, 's> {
    locale: &'a LocaleModel<'s>,
    pack: &'a Pack,
    declared: Option<Declared>,
    /// What referenced text the locale's emails may still read.
    budget: Budget,
}

/// A segment of an email: a message value or one attribute.
struct Segment<'a, 's> {
    file: usize,
    message_id: &'s str,
    attribute: Option<&'s str>,
    pattern: &'a Pattern<&'s str>,
    /// The selectors this segment's text depends on.
    selectors: Vec<usize>,
    /// Whether its prose may have, on some path, a word a marker,
    /// salutation or sign-off starts with, or end with a comma: told from
    /// its pieces, so that most segments need not be written to read as
    /// nothing.
    may_read: bool,
}

impl<'a, 's> Analyzer<'a, 's> {
    pub fn new(locale: &'a LocaleModel<'s>, pack: &'a Pack, declared: Option<Declared>) -> Self {
        Analyzer {
            locale,
            pack,
            declared,
            budget: Budget::for_locale(locale),
        }
    }

    /// Reads `email` on every path and flags each strong marker of the
    /// register the path does not address the reader in.
    pub fn analyze(&self, email: &Email<'a, 's>) -> Flags {
        let mut origins = Origins::default();
        let mut words = Words::default();
        let mut found = Selectors::default();
        let segments = self.segments(email, &mut found);
        let selectors = found.list;
        let paths = enumerate(&selectors);
        // Each segment is read once per combination of the values of the
        // selectors it depends on; paths share the readings by index. Most
        // depend on none: read on the first path, where every segment is
        // read in order, their reading's index is their own.
        let mut cache: Vec<Vec<(Values, usize)>> = vec![Vec::new(); segments.len()];
        let mut read: Vec<Reading> = Vec::with_capacity(segments.len());
        let mut prose = Prose::new();
        let mut indices: Vec<usize> = Vec::with_capacity(segments.len());
        let mut flags = FlagSink::default();
        for (p, path) in paths.iter().enumerate() {
            indices.clear();
            for (index, (segment, cached)) in segments.iter().zip(&mut cache).enumerate() {
                let values = || segment.selectors.iter().map(|&s| path[s].as_deref());
                let found = if segment.selectors.is_empty() {
                    (p > 0).then_some(index)
                } else {
                    cached
                        .iter()
                        .find(|(key, _)| key.iter().copied().eq(values()))
                        .map(|&(_, i)| i)
                };
                let i = found.unwrap_or_else(|| {
                    read.push(self.read(
                        segment,
                        &selectors,
                        path,
                        &mut origins,
                        &mut words,
                        &mut prose,
                    ));
                    if !segment.selectors.is_empty() {
                        cached.push((values().collect(), read.len() - 1));
                    }
                    read.len() - 1
                });
                indices.push(i);
            }
            let readings: Vec<&Reading> = indices.iter().map(|&i| &read[i]).collect();
            self.judge(&readings, &selectors, path, &origins, &words, &mut flags);
        }
        flags.flags
    }

    /// The segments of an email, skipping messages another message of the
    /// email already pulls in; collects the selectors they depend on.
    fn segments(&self, email: &Email<'a, 's>, selectors: &mut Selectors) -> Vec<Segment<'a, 's>> {
        let mut referenced: HashSet<(&str, Option<&str>)> = HashSet::default();
        for (_, message) in &email.messages {
            for (_, pattern) in patterns(message) {
                crate::syntax::visit_references(pattern, &mut |r| {
                    if let crate::syntax::Reference::Message(id, attribute) = r {
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
                let mut visited = HashSet::default();
                self.collect_selectors(pattern, 0, selectors, &mut used, &mut visited);
                used.sort_unstable();
                used.dedup();
                segments.push(Segment {
                    file,
                    message_id: message.id.name,
                    attribute: attribute_name,
                    pattern,
                    selectors: used,
                    may_read: may_read_word_or_comma(
                        self.locale,
                        pattern,
                        self.pack.address_words(),
                        &self.budget,
                    ),
                });
            }
        }
        segments
    }

    /// `visited` holds the referenced patterns already collected: what a
    /// pattern depends on does not change with the way it is reached.
    fn collect_selectors(
        &self,
        pattern: &Pattern<&'s str>,
        depth: usize,
        selectors: &mut Selectors,
        used: &mut Vec<usize>,
        visited: &mut HashSet<*const Pattern<&'s str>>,
    ) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.collect_in_expression(expression, depth, selectors, used, visited);
            }
        }
    }

    fn collect_in_expression(
        &self,
        expression: &Expression<&'s str>,
        depth: usize,
        selectors: &mut Selectors,
        used: &mut Vec<usize>,
        visited: &mut HashSet<*const Pattern<&'s str>>,
    ) {
        match expression {
            Expression::Select { selector, variants } => {
                if let Some(key) = selector_key(selector) {
                    used.push(selectors.add(key, variants));
                }
                for variant in variants {
                    self.collect_selectors(&variant.value, depth, selectors, used, visited);
                }
            }
            Expression::Inline(InlineExpression::MessageReference { id, attribute })
                if depth < MAX_REFERENCE_DEPTH =>
            {
                if let Some(pattern) = self
                    .locale
                    .message_pattern(id.name, attribute.as_ref().map(|a| a.name))
                    && visited.insert(pattern as *const _)
                {
                    self.collect_selectors(pattern, depth + 1, selectors, used, visited);
                }
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                self.collect_in_expression(expression, depth, selectors, used, visited)
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
        origins: &mut Origins<'s>,
        words: &mut Words,
        prose: &mut Prose,
    ) -> Reading {
        if !segment.may_read {
            return Reading::default();
        }
        let origin = origins.index(OriginRef {
            file: segment.file,
            term: false,
            id: segment.message_id,
            attribute: segment.attribute,
        });
        prose.clear();
        let mut writer = Writer::on_path(self.locale, selectors, path, &self.budget, origins);
        writer.write(prose, origin, segment.file, segment.pattern);
        prose.mask();
        let pack = self.pack;
        // Prose without a word that a marker, salutation or sign-off starts
        // with has nothing to vote or flag; unless it ends with a comma it is
        // no salutation line either, and reads as nothing.
        if !prose.ends_with(',') && !any_start_word(prose.text(), pack.address_words()) {
            return Reading::default();
        }
        let mut tokens = tokenize(prose.text(), &pack.abbreviations);
        // Lower-cased once: markers, openings and stock phrases compare
        // them. They borrow the prose, not the tokens, which the first
        // sentence's second reading below changes.
        let lowers: Vec<Cow<str>> = tokens
            .iter()
            .map(|t| match &t.text {
                Cow::Borrowed(text) => lowercase(text),
                Cow::Owned(text) => Cow::Owned(lowercase(text).into_owned()),
            })
            .collect();
        let salutation = prose.ends_with(',') && tokens.len() <= SALUTATION_WORDS;
        let opening = self
            .openings(
                |lower| pack.salutation_candidates(lower),
                &tokens,
                &lowers,
                prose,
                |i| i == 0,
            )
            .into_iter()
            .next();
        let closings = self.openings(
            |lower| pack.closing_candidates(lower),
            &tokens,
            &lowers,
            prose,
            |i| tokens[i].init,
        );
        let hits = self.markers(&tokens, &lowers, prose, words);
        let mut votes = vec![(0.0, 0.0); tokens.last().map_or(0, |t| t.sentence + 1)];
        for hit in &hits {
            add_vote(&mut votes[hit.sentence], hit);
        }
        // Whether the first word is sentence-initial changes what is found
        // only where a marker may start at the first or second word (the
        // second looks back at the first); elsewhere the first sentence
        // reads the same.
        let init_matters = || {
            tokens
                .iter()
                .zip(&lowers)
                .take(2)
                .take_while(|(t, _)| t.sentence == 0)
                .any(|(_, lower)| pack.starts_address(lower))
        };
        let lead_mid = match tokens.first() {
            Some(first) if first.init && first.kind == Kind::Word && !init_matters() => {
                Some(Lead {
                    vote: votes.first().copied().unwrap_or_default(),
                    prefix: Vec::new(),
                    shared_from: 0,
                })
            }
            Some(first) if first.init && first.kind == Kind::Word => {
                let sentence = tokens.iter().take_while(|t| t.sentence == 0).count();
                let (prefix, shared_from) =
                    self.lead_markers(&mut tokens[..sentence], &lowers[..sentence], prose, words);
                let mut vote = (0.0, 0.0);
                let shared = hits[shared_from..].iter().take_while(|h| h.sentence == 0);
                for hit in prefix.iter().chain(shared) {
                    add_vote(&mut vote, hit);
                }
                Some(Lead {
                    vote,
                    prefix,
                    shared_from,
                })
            }
            _ => None,
        };
        Reading {
            votes,
            hits,
            salutation,
            lead_mid,
            opening,
            closings,
        }
    }

    /// The salutations or sign-offs `candidates` offers for a lower-cased
    /// word that start at a token `at` accepts.
    fn openings<'p, I>(
        &self,
        candidates: impl Fn(&str) -> I,
        tokens: &[Token],
        lowers: &[Cow<str>],
        prose: &Prose,
        at: impl Fn(usize) -> bool,
    ) -> Vec<LineHit>
    where
        I: Iterator<Item = (usize, &'p Opening)>,
    {
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != Kind::Word || token.quoted || !at(i) {
                continue;
            }
            let lower = &lowers[i];
            let Some((entry, len)) = candidates(lower).find_map(|(entry, opening)| {
                Some((entry, opening.matcher.matches(tokens, i, lower)?))
            }) else {
                continue;
            };
            let span = token.span.start..tokens[i + len - 1].span.end;
            if let Some((origin, source)) = prose.source(span) {
                found.push(LineHit {
                    origin,
                    span: source,
                    entry,
                    words: tokens[i..i + len]
                        .iter()
                        .map(|t| t.text.as_ref())
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
        }
        found
    }

    /// The address markers among `tokens`.
    fn markers(
        &self,
        tokens: &[Token],
        lowers: &[Cow<str>],
        prose: &Prose,
        words: &mut Words,
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let (next, hit) = self.marker_at(tokens, lowers, prose, words, i);
            hits.extend(hit);
            i = next;
        }
        hits
    }

    /// The markers of a first sentence (`tokens`) read with its first word
    /// not sentence-initial, as far as they differ from [`Analyzer::markers`]'
    /// reading: the hits of the second reading up to where both readings
    /// stand at the same word past the second, and the number of hits the
    /// first reading had found by then. From that word on they read alike.
    fn lead_markers(
        &self,
        tokens: &mut [Token],
        lowers: &[Cow<str>],
        prose: &Prose,
        words: &mut Words,
    ) -> (Vec<Hit>, usize) {
        let (mut initial, mut mid) = (0, 0);
        let mut initial_hits = 0;
        let mut prefix = Vec::new();
        while (initial != mid || initial < 2) && (initial < tokens.len() || mid < tokens.len()) {
            if mid <= initial && mid < tokens.len() {
                tokens[0].init = false;
                let (next, hit) = self.marker_at(tokens, lowers, prose, words, mid);
                tokens[0].init = true;
                prefix.extend(hit);
                mid = next;
            } else {
                let (next, hit) = self.marker_at(tokens, lowers, prose, words, initial);
                initial_hits += usize::from(hit.is_some());
                initial = next;
            }
        }
        (prefix, initial_hits)
    }

    /// The marker that starts at `tokens[i]`, if any, and the index of the
    /// token to look at next.
    fn marker_at(
        &self,
        tokens: &[Token],
        lowers: &[Cow<str>],
        prose: &Prose,
        words: &mut Words,
        i: usize,
    ) -> (usize, Option<Hit>) {
        let token = &tokens[i];
        let lower = &lowers[i];
        // The acronym test counts characters: only words a marker may
        // start at take it.
        if token.kind != Kind::Word
            || token.quoted
            || !self.pack.starts_marker(lower)
            || token.is_acronym()
        {
            return (i + 1, None);
        }
        for (entry, marker) in self.pack.marker_candidates(lower) {
            let Some(len) = marker.matcher.matches(tokens, i, lower) else {
                continue;
            };
            let strength = match (marker.position, token.init) {
                (Position::Mid, true) => marker.init_strength,
                _ => marker.strength,
            };
            let span = tokens[i].span.start..tokens[i + len - 1].span.end;
            let hit = (strength != Strength::None)
                .then(|| prose.source(span))
                .flatten()
                .map(|(origin, source)| Hit {
                    origin,
                    span: source,
                    register: marker.register,
                    strength,
                    word: words.index(&tokens[i..i + len], marker.matcher.joined),
                    marker: entry,
                    sentence: token.sentence,
                    suggestion: self.stock_phrase(tokens, lowers, i, marker.register),
                });
            return (i + len, hit);
        }
        (i + 1, None)
    }

    /// The other register's version of a stock phrase that covers the
    /// marker at `tokens[at]`.
    fn stock_phrase(
        &self,
        tokens: &[Token],
        lower: &[Cow<str>],
        at: usize,
        register: Register,
    ) -> Option<String> {
        let sentence = tokens[at].sentence;
        for phrase in self.pack.phrases() {
            for (index, words) in phrase.words(register).iter().enumerate() {
                // The phrase can cover the marker only where it has the
                // marker's word: at `k`, starting at `at - k` (earliest first).
                for k in (0..words.len().min(at + 1)).rev() {
                    if *words[k] != *lower[at] {
                        continue;
                    }
                    let start = at - k;
                    let end = start + words.len();
                    let fits = end <= tokens.len()
                        && lower[start..end]
                            .iter()
                            .zip(words)
                            .all(|(l, w)| *l == *w.as_str())
                        && tokens[start..end].iter().all(|t| t.sentence == sentence);
                    if fits {
                        return phrase
                            .counterpart(register.other(), index)
                            .map(str::to_owned);
                    }
                }
            }
        }
        None
    }

    fn marker(&self, entry: usize) -> Option<&Marker> {
        self.pack.entries.get(entry)?.kind.marker()
    }

    fn opening(&self, entry: usize) -> Option<&Opening> {
        let kind = &self.pack.entries.get(entry)?.kind;
        kind.salutation().or_else(|| kind.closing())
    }

    /// Decides the register of one path and flags what contradicts it.
    fn judge(
        &self,
        readings: &[&Reading],
        selectors: &[(String, Vec<String>)],
        path: &Path,
        origins: &Origins,
        words: &Words,
        flags: &mut FlagSink,
    ) {
        let mut votes: Vec<(f32, f32)> = Vec::new();
        let mut hits: Vec<&Hit> = Vec::new();
        let mut after_comma = false;
        for reading in readings {
            match (&reading.lead_mid, after_comma) {
                (Some(lead), true) => {
                    votes.push(lead.vote);
                    votes.extend(reading.votes.iter().skip(1));
                    hits.extend(&lead.prefix);
                    hits.extend(&reading.hits[lead.shared_from..]);
                }
                _ => {
                    votes.extend(reading.votes.iter());
                    hits.extend(reading.hits.iter());
                }
            }
            after_comma = reading.salutation;
        }

        // The salutation opens one of the first segments; it votes, and a
        // banned one ("Hallo Sie") is not also read as address.
        let salutation = readings
            .iter()
            .take(OPENING_SEGMENTS)
            .find_map(|r| r.opening.as_ref())
            .and_then(|line| Some((line, self.opening(line.entry)?)));
        let closings: Vec<(&LineHit, &Opening)> = readings
            .iter()
            .rev()
            .take(CLOSING_SEGMENTS)
            .flat_map(|r| r.closings.iter())
            .filter_map(|line| Some((line, self.opening(line.entry)?)))
            .collect();
        let lines = salutation
            .iter()
            .map(|&s| (s, true))
            .chain(closings.iter().map(|&c| (c, false)));
        for ((line, opening), is_salutation) in lines {
            match opening.tone {
                Tone::Banned => {
                    hits.retain(|h| {
                        !(h.origin == line.origin
                            && h.span.start < line.span.end
                            && line.span.start < h.span.end)
                    });
                    let (rule, what, fix): (&'static RuleMeta, &str, &str) = if is_salutation {
                        (
                            &SalutationBanned::META,
                            "open",
                            "open with a salutation the language uses with customers",
                        )
                    } else {
                        (
                            &ClosingBanned::META,
                            "close",
                            "close with a sign-off the language uses with customers",
                        )
                    };
                    if !flags.wants(rule, origins.file(line.origin), line.span.start) {
                        continue;
                    }
                    flags.push(Flag {
                        rule,
                        severity: opening.severity,
                        origin: origins.origin(line.origin),
                        span: line.span.clone(),
                        message: format!("`{}` must not {what} a customer email", line.words),
                        label: self.pack.entries[line.entry]
                            .note
                            .clone()
                            .unwrap_or_else(|| "not for customers".into()),
                        help: opening.fix.clone().unwrap_or_else(|| fix.to_string()),
                    });
                }
                Tone::Formal if is_salutation => votes.push((1.0, 0.0)),
                Tone::Informal if is_salutation => votes.push((0.0, 1.0)),
                _ => {}
            }
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
                None => return,
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

        // Most paths contradict nothing: the words that explain a finding
        // are put together only for one.
        let flags_hit = hits.iter().any(|h| {
            h.register != register && matches!(h.strength, Strength::Strong | Strength::Plural)
        });
        let flags_line = !matches!(reason, Reason::Tie)
            && salutation
                .iter()
                .chain(&closings)
                .any(|(_, opening)| match opening.tone {
                    Tone::Formal => register != Register::Formal,
                    Tone::Informal => register != Register::Informal,
                    Tone::Banned | Tone::Neutral => false,
                });
        if !flags_hit && !flags_line {
            return;
        }
        // Markers whose case is exact are counted as written.
        let exact = |marker: usize| {
            self.marker(marker)
                .is_some_and(|m| m.matcher.case == crate::packs::Case::Exact)
        };
        let evidence = evidence(&hits, words, register, &exact);
        let label = match &reason {
            Reason::Locale { .. } => format!("{} is {register}", self.locale.name),
            Reason::Branch { key, choice } => format!("where `{key}` is `{choice}`"),
            Reason::Majority | Reason::Tie => {
                let top = top_words(&hits, words, register, &exact);
                if top.is_empty() {
                    format!("the rest of the email is {register}")
                } else {
                    format!("the rest of the email says {top}")
                }
            }
        };
        // How the email addresses its reader, for messages.
        let context = match &reason {
            Reason::Locale { source } => format!(
                "where {} is declared {register} ({source})",
                self.locale.name
            ),
            Reason::Branch { key, choice } => {
                format!("in the `[{choice}]` version of this email (`{key}`)")
            }
            Reason::Majority => format!("in an email that addresses the reader {evidence}"),
            Reason::Tie => format!(
                "in an email that addresses the reader {evidence} just as often as {}",
                adverb(register.other())
            ),
        };
        let rule: &'static RuleMeta = match reason {
            Reason::Locale { .. } => &RegisterLocale::META,
            _ => &RegisterMix::META,
        };
        for hit in &hits {
            if hit.register == register
                || !matches!(hit.strength, Strength::Strong | Strength::Plural)
                || !flags.wants(rule, origins.file(hit.origin), hit.span.start)
            {
                continue;
            }
            let severity = match (hit.strength, confident) {
                (Strength::Plural, _) => Some(Severity::Info),
                (_, true) => None,
                (_, false) => Some(Severity::Warning),
            };
            let help = match (
                &hit.suggestion,
                self.marker(hit.marker).and_then(|m| m.fix.as_ref()),
                hit.strength,
            ) {
                (_, _, Strength::Plural) => format!(
                    "if it addresses one reader, address them {} as the rest of the email does; a plural is fine",
                    adverb(register)
                ),
                (Some(phrase), _, _) => format!("write “{phrase}”"),
                (None, Some(fix), _) => fix.clone(),
                (None, None, _) => format!("address the reader {} throughout", adverb(register)),
            };
            flags.push(Flag {
                rule,
                severity,
                origin: origins.origin(hit.origin),
                span: hit.span.clone(),
                message: format!("{} `{}` {context}", hit.register, words.get(hit.word)),
                label: label.clone(),
                help,
            });
        }

        // A salutation or sign-off of the other register: a formal one in an
        // informal email is an error, an informal one in a formal email a
        // warning.
        let lines = salutation
            .iter()
            .map(|&s| (s, true))
            .chain(closings.iter().map(|&c| (c, false)));
        for ((line, opening), is_salutation) in lines {
            let tone = match opening.tone {
                Tone::Formal => Register::Formal,
                Tone::Informal => Register::Informal,
                Tone::Banned | Tone::Neutral => continue,
            };
            if tone == register || matches!(reason, Reason::Tie) {
                continue;
            }
            let severity = opening.severity.or(match tone {
                Register::Informal => Some(Severity::Warning),
                Register::Formal => None,
            });
            let (rule, noun): (&'static RuleMeta, &str) = if is_salutation {
                (&SalutationRegister::META, "salutation")
            } else {
                (&ClosingRegister::META, "sign-off")
            };
            if !flags.wants(rule, origins.file(line.origin), line.span.start) {
                continue;
            }
            flags.push(Flag {
                rule,
                severity,
                origin: origins.origin(line.origin),
                span: line.span.clone(),
                message: format!("{tone} {noun} `{}` {context}", line.words),
                label: label.clone(),
                help: opening.fix.clone().unwrap_or_else(|| {
                    format!(
                        "use a {noun} that fits an email that addresses the reader {}",
                        adverb(register)
                    )
                }),
            });
        }
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
fn word_counts(
    hits: &[&Hit],
    words: &Words,
    register: Register,
    weak: bool,
    exact: &dyn Fn(usize) -> bool,
) -> Vec<(String, usize)> {
    // By the word in lower case, but where the marker's case is exact:
    // German `Sie` is not `sie`, "she".
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for hit in hits
        .iter()
        .filter(|h| h.register == register && (h.strength == Strength::Weak) == weak)
    {
        let written = words.get(hit.word);
        let word = if exact(hit.marker) {
            written.to_owned()
        } else {
            written.to_lowercase()
        };
        *counts.entry(word).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted
}

/// "formally 7 times (u ×5, uw ×2)", from the strong markers of `register`.
fn evidence(
    hits: &[&Hit],
    words: &Words,
    register: Register,
    exact: &dyn Fn(usize) -> bool,
) -> String {
    let list = |counts: &[(String, usize)]| {
        counts
            .iter()
            .map(|(w, n)| format!("{w} ×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let strong = word_counts(hits, words, register, false, exact);
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
            list(&word_counts(hits, words, register, true, exact))
        )
    }
}

/// "`u` and `uw`": the two most frequent strong markers of `register`.
fn top_words(
    hits: &[&Hit],
    words: &Words,
    register: Register,
    exact: &dyn Fn(usize) -> bool,
) -> String {
    let top: Vec<String> = word_counts(hits, words, register, false, exact)
        .into_iter()
        .take(2)
        .map(|(w, _)| format!("`{w}`"))
        .collect();
    top.join(" and ")
}

fn add_vote(vote: &mut (f32, f32), hit: &Hit) {
    match hit.register {
        Register::Formal => vote.0 += hit.strength.weight(),
        Register::Informal => vote.1 += hit.strength.weight(),
    }
}

/// Enumerates the paths: every combination while there are few, else the
/// defaults plus each selector value on its own, taking the selectors'
/// values in turn, up to [`MAX_PATHS_ALONE`] paths.
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
            let longest = selectors.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
            'values: for nth in 0..longest {
                for (i, (_, values)) in selectors.iter().enumerate() {
                    let Some(value) = values.get(nth) else {
                        continue;
                    };
                    if paths.len() == MAX_PATHS_ALONE {
                        break 'values;
                    }
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

/// Turns flags into diagnostics for the check.
pub fn diagnostics<'a>(
    locale: &'a LocaleModel<'a>,
    email: &str,
    flags: Flags,
) -> Vec<Diagnostic<'a>> {
    let Flags {
        mut listed,
        unlisted,
    } = flags;
    // An email with a million address markers of the wrong register is one
    // problem: the first findings show it, the last one counts the rest.
    if unlisted > 0
        && let Some(last) = listed.last_mut()
    {
        last.message.push_str(&format!(
            " (and {unlisted} more findings in this email, not listed)"
        ));
    }
    listed
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::Packs;
    use crate::project::LocaleDir;
    use crate::syntax::SourceFile;

    /// A salutation's next segment read as the analyzer reads it, against
    /// reading its whole first sentence again with the first word
    /// mid-sentence, on random sentences of every pack's marker words.
    #[test]
    fn a_lead_finds_what_reading_the_first_sentence_again_finds() {
        let packs = Packs::builtin();
        let mut differing = 0;
        for tag in ["nl", "de", "fr", "es", "it", "pl", "pt-BR", "pt-PT"] {
            let langid: unic_langid::LanguageIdentifier = tag.parse().unwrap();
            let pack = packs.for_locale(&langid).unwrap();
            let dir = LocaleDir {
                name: tag.into(),
                langid: langid.clone(),
                path: tag.into(),
                scope: Default::default(),
            };
            let files = [SourceFile::new("a.ftl", "a = b\n".to_string())];
            let locale = LocaleModel::new(&dir, &files);
            let analyzer = Analyzer::new(&locale, pack, None);
            let mut words: Vec<String> = pack
                .markers()
                .flat_map(|m| {
                    let phrases = m.matcher.phrases.iter().flatten();
                    m.matcher.words.iter().chain(phrases).cloned()
                })
                .collect();
            words.sort();
            words.dedup();
            let capitalized: Vec<String> =
                words.iter().map(|w| crate::text::capitalized(w)).collect();
            words.extend(capitalized);
            words.extend(["Anna", "Berlin", "9", "ist", "und", ",", ".", ":"].map(String::from));
            let mut seed = 0x2545_f491_4f6c_dd1d_u64;
            let mut next = |below: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % below as u64) as usize
            };
            for _ in 0..3000 {
                let text = (0..1 + next(8))
                    .map(|_| words[next(words.len())].as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut prose = Prose::new();
                prose.push_text(0, 0, &text);
                prose.mask();
                let mut tokens = tokenize(prose.text(), &pack.abbreviations);
                if !tokens.first().is_some_and(|t| t.init) {
                    continue;
                }
                let lowers: Vec<Cow<str>> = tokens
                    .iter()
                    .map(|t| Cow::Owned(lowercase(&t.text).into_owned()))
                    .collect();
                let mut words = Words::default();
                let hits = analyzer.markers(&tokens, &lowers, &prose, &mut words);
                let sentence = tokens.iter().take_while(|t| t.sentence == 0).count();
                let mut again: Vec<Token> = tokens[..sentence].to_vec();
                again[0].init = false;
                let expected: Vec<String> = analyzer
                    .markers(&again, &lowers[..sentence], &prose, &mut words)
                    .iter()
                    .map(|h| format!("{h:?}"))
                    .collect();
                let (prefix, shared_from) = analyzer.lead_markers(
                    &mut tokens[..sentence],
                    &lowers[..sentence],
                    &prose,
                    &mut words,
                );
                let shared = hits[shared_from..].iter().take_while(|h| h.sentence == 0);
                let got: Vec<String> = prefix
                    .iter()
                    .chain(shared)
                    .map(|h| format!("{h:?}"))
                    .collect();
                assert_eq!(got, expected, "{tag}: {text}");
                assert!(tokens[0].init, "the tokens are given back as they were");
                let first: Vec<String> = hits
                    .iter()
                    .take_while(|h| h.sentence == 0)
                    .map(|h| format!("{h:?}"))
                    .collect();
                differing += usize::from(first != expected);
            }
        }
        // The sentences must exercise the readings that differ.
        assert!(
            differing > 100,
            "only {differing} sentences read differently"
        );
    }
}
