//! One segment read on one choice of variants: its address markers and the
//! votes of its sentences, the salutation it opens with and the sign-offs
//! its sentences start with.

use std::borrow::Cow;
use std::ops::Range;

use crate::syntax::TextSet as HashSet;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::analysis::prose::{OriginRef, Origins, VariantChoice, Writer};
use crate::packs::{Formula, Joined, Neighbour, Position, ReaderSign, ReferenceSigns, Strength};
use crate::project::config::Register;
use crate::text::{Kind, Prose, Token, any_start_word, lowercase, tokenize};

use super::Reader;
use super::segments::Segment;

/// A segment of at most this many words that ends with a comma is a
/// salutation ("Sehr geehrte Frau { $name },").
const SALUTATION_WORDS: usize = 6;

/// An address marker found in the text.
#[derive(Clone, Debug)]
pub struct MarkerMatch {
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
    /// The strength it takes where its segment's reference shows the sign
    /// (its entry's `owner-strength`, `person-strength` or
    /// `subject-strength`); not for a verb or pronoun right after a
    /// placeholder with no comma between, its subject ("{ $addon }
    /// vuole…").
    pub(super) reader_strength: Option<(ReaderSign, Strength)>,
    /// When the marker sits in a stock phrase, the phrase in the other
    /// register ("Het was me een genoegen u te helpen").
    pub suggestion: Option<Box<PhraseSwap>>,
}

/// A stock phrase a marker sits in, and its wording in the other register.
#[derive(Clone, Debug)]
pub struct PhraseSwap {
    /// The other register's wording, with the first letter's case of the
    /// phrase as written.
    pub replacement: String,
    /// Where the phrase is written, in the marker's file, when it is one run
    /// of text (no placeable or markup inside).
    pub source: Option<Range<usize>>,
    /// The phrase is written as the pack writes it, punctuation and spaces
    /// included: swapping it keeps everything else.
    pub exact: bool,
}

/// The words of an email's markers as written, each once: a marker
/// found a million times is one string.
#[derive(Debug, Default)]
pub struct Words {
    list: Vec<String>,
    index: crate::syntax::TextMap<String, usize>,
}

impl Words {
    /// The index of the marker that covers `tokens`, written as the reader
    /// sees it.
    pub(super) fn index(&mut self, tokens: &[Token], joined: Joined) -> usize {
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

/// What the search for markers scans besides the tokens: the prose, its
/// tokens lower-cased, whether it is a label ([`is_label`]), and which
/// tokens start a main clause ([`clause_starts`]).
#[derive(Clone, Copy)]
struct Scan<'a, 't> {
    prose: &'a Prose,
    lowers: &'a [Cow<'t, str>],
    label: bool,
    clause_starts: &'a [bool],
}

/// A salutation or sign-off found in the text.
#[derive(Clone, Debug)]
pub struct FormulaMatch {
    pub origin: usize,
    pub span: Range<usize>,
    /// The index of its entry in the pack.
    pub entry: usize,
    /// The words as written.
    pub words: String,
}

/// One segment (a message value or attribute) read on one choice of
/// variants.
#[derive(Clone, Debug, Default)]
pub struct SegmentReading {
    /// Per sentence: the weighted formal and informal sums.
    pub(super) votes: Vec<(f32, f32)>,
    pub(super) markers: Vec<MarkerMatch>,
    /// A short line ending with a comma, like the salutation "Hallo Sam,":
    /// German then starts the body in lower case, so a capital `Sie` on the
    /// next line is address, not "she".
    pub(super) ends_with_comma: bool,
    /// The first sentence when its first word is not sentence-initial
    /// (after a salutation that ends with a comma).
    pub(super) after_salutation: Option<Box<AfterSalutation>>,
    /// A salutation at the start of the segment.
    pub(super) salutation: Option<Box<FormulaMatch>>,
    /// Sign-offs at the start of its sentences.
    pub(super) closings: Vec<FormulaMatch>,
}

/// A segment's first sentence read as if its first word were not
/// sentence-initial. Only markers at its first two words can change, so it
/// keeps what differs: its markers are `prefix`, then the segment's own markers
/// from `shared_from` on (a 10 MB sentence is not held twice).
#[derive(Clone, Debug)]
pub struct AfterSalutation {
    /// The weighted formal and informal sums of the first sentence.
    pub(super) vote: (f32, f32),
    pub(super) prefix: Vec<MarkerMatch>,
    pub(super) shared_from: usize,
}

impl<'a, 's> Reader<'a, 's> {
    /// Reads one segment on one choice of variants.
    pub(super) fn read_segment(
        &self,
        segment: &Segment<'a, 's>,
        selectors: &[(String, Vec<String>)],
        choice: &VariantChoice,
        origins: &mut Origins<'s>,
        words: &mut Words,
        prose: &mut Prose,
    ) -> SegmentReading {
        if !segment.may_read {
            return SegmentReading::default();
        }
        let origin = origins.index(OriginRef {
            file: segment.file,
            term: false,
            id: segment.message_id,
            attribute: segment.attribute,
        });
        prose.clear();
        let mut writer = Writer::on_choice(self.locale, selectors, choice, &self.budget, origins);
        writer.write(prose, origin, segment.file, segment.pattern);
        prose.mask();
        // Prose without a word that a marker, salutation or sign-off starts
        // with has nothing to vote or flag; unless it ends with a comma it is
        // no salutation line either, and reads as nothing.
        if !prose.ends_with(',') && !any_start_word(prose.text(), self.pack.address_words()) {
            return SegmentReading::default();
        }
        self.read_prose(prose, words, segment, origin)
    }

    /// What the reference of `segment` shows of the reader; read once.
    fn reference_of<'g>(&self, segment: &'g Segment) -> Option<&'g ReferenceSigns> {
        segment
            .reference
            .get_or_init(|| {
                let reference = self.reference?;
                let rel_path = &self.locale.files[segment.file].source.rel_path;
                let pattern = reference.locale.message_pattern_in(
                    rel_path,
                    segment.message_id,
                    segment.attribute,
                )?;
                let (prose, aligned) = reference_prose(pattern)?;
                let tokens = tokenize(prose.text(), &reference.words.abbreviations);
                let signs = reference.words.read(&tokens, aligned);
                drop(tokens);
                Some(signs.with_text(prose.into_text()))
            })
            .as_ref()
    }

    /// Raises the markers of `own` found in the segment's own text (at
    /// `origin`, not in a message it pulls in) that have a strength for a
    /// sign of the reader to that strength, where the segment's reference
    /// shows the sign and no marker of the other register stands among
    /// `own` or `beside`: there a `su` is "your", not "his", and a `sabe` is
    /// said to the reader. Where the reference pairs its sentences with the
    /// segment's, only the other register in the marker's own sentence
    /// holds it back: "Piensa en una pregunta… Si no coincide, el canal que
    /// está usando…" beside "…the channel you are using…" is a mix.
    fn raise_by_reference(
        &self,
        own: &mut [MarkerMatch],
        beside: &[MarkerMatch],
        segment: &Segment,
        origin: usize,
        sentences: usize,
    ) {
        if !own.iter().any(|hit| hit.reader_strength.is_some()) {
            return;
        }
        let Some(reference) = self.reference_of(segment) else {
            return;
        };
        let by_sentence = reference.pairs_with(sentences);
        let scope = |hit: &MarkerMatch| if by_sentence { hit.sentence } else { 0 };
        // What each scope says, formally and informally. A marker held at
        // no strength stops no raise, and is raised only where the other
        // register says nothing: in "¿Jugaba con tus primos?" `tus` keeps
        // `Jugaba` unraised.
        let mut says = vec![[false; 2]; sentences.max(1)];
        for hit in own.iter().chain(beside) {
            if hit.strength != Strength::None
                && let Some(said) = says.get_mut(scope(hit))
            {
                said[hit.register as usize] = true;
            }
        }
        for hit in own.iter_mut() {
            let other = hit.register.other();
            if let Some((sign, strength)) = hit.reader_strength
                && says
                    .get(scope(hit))
                    .is_some_and(|said| !said[other as usize])
                && hit.origin == origin
                && strength.weight() > hit.strength.weight()
                && self.shows(reference, sign, hit, sentences)
            {
                hit.strength = strength;
            }
        }
    }

    /// Whether `reference` shows `sign` for `hit` in a segment of
    /// `sentences`, or says one of its marker's echoes, the English it
    /// translates.
    fn shows(
        &self,
        reference: &ReferenceSigns,
        sign: ReaderSign,
        hit: &MarkerMatch,
        sentences: usize,
    ) -> bool {
        let echoed = || {
            self.pack.entries[hit.marker]
                .kind
                .marker()
                .is_some_and(|marker| {
                    !marker.echoes.is_empty()
                        && reference.echoes(&marker.echoes, hit.sentence, sentences)
                })
        };
        match sign {
            ReaderSign::Echo => echoed(),
            _ => reference.shows(sign, hit.sentence, sentences) || echoed(),
        }
    }

    /// Reads the written prose of `segment`, whose own text is at `origin`.
    fn read_prose(
        &self,
        prose: &Prose,
        words: &mut Words,
        segment: &Segment,
        origin: usize,
    ) -> SegmentReading {
        let pack = self.pack;
        // The attribute of a control (`.label`, `.tooltiptext`).
        let control = segment.attribute.is_some_and(names_a_control);
        let mut tokens = tokenize(prose.text(), &pack.abbreviations);
        // Lower-cased once: markers, salutations, sign-offs and stock
        // phrases compare them. They borrow the prose, not the tokens, which
        // the first sentence's second reading changes.
        let lowers: Vec<Cow<str>> = tokens
            .iter()
            .map(|t| match &t.text {
                Cow::Borrowed(text) => lowercase(text),
                Cow::Owned(text) => Cow::Owned(lowercase(text).into_owned()),
            })
            .collect();
        let ends_with_comma = prose.ends_with(',') && tokens.len() <= SALUTATION_WORDS;
        let salutation = self
            .formulas(
                |lower| pack.salutation_candidates(lower),
                &tokens,
                &lowers,
                prose,
                |i| i == 0,
            )
            .into_iter()
            .next()
            .map(Box::new);
        let closings = self.formulas(
            |lower| pack.closing_candidates(lower),
            &tokens,
            &lowers,
            prose,
            |i| tokens[i].init,
        );
        let clause_starts = clause_starts(&tokens, &lowers, &pack.clause_openers);
        let scan = Scan {
            prose,
            lowers: &lowers,
            label: is_label(&tokens, prose.text(), control),
            clause_starts: &clause_starts,
        };
        let mut markers = self.markers(&tokens, scan, words);
        let sentences = tokens.last().map_or(0, |t| t.sentence + 1);
        self.raise_by_reference(&mut markers, &[], segment, origin, sentences);
        let mut votes = vec![(0.0, 0.0); sentences];
        for hit in &markers {
            add_vote(&mut votes[hit.sentence], hit);
        }
        let after_salutation = self
            .after_salutation(
                &mut tokens,
                scan,
                words,
                &markers,
                &votes,
                (segment, origin),
            )
            .map(Box::new);
        let after_salutation = after_salutation.map(|mut after| {
            after.prefix.retain(|hit| hit.strength != Strength::None);
            after.shared_from -= markers[..after.shared_from]
                .iter()
                .filter(|hit| hit.strength == Strength::None)
                .count();
            after
        });
        markers.retain(|hit| hit.strength != Strength::None);
        SegmentReading {
            votes,
            markers,
            ends_with_comma,
            after_salutation,
            salutation,
            closings,
        }
    }

    /// The first sentence read as if its first word were not
    /// sentence-initial, when it starts with a word.
    fn after_salutation(
        &self,
        tokens: &mut [Token],
        scan: Scan,
        words: &mut Words,
        markers: &[MarkerMatch],
        votes: &[(f32, f32)],
        (segment, origin): (&Segment, usize),
    ) -> Option<AfterSalutation> {
        let first = tokens.first()?;
        if !first.init || first.kind != Kind::Word {
            return None;
        }
        // Whether the first word is sentence-initial changes what is found
        // only where a marker may start at the first or second word (the
        // second looks back at the first); elsewhere the first sentence
        // reads the same.
        let init_matters = tokens
            .iter()
            .zip(scan.lowers)
            .take(2)
            .take_while(|(t, _)| t.sentence == 0)
            .any(|(_, lower)| self.pack.starts_address(lower));
        if !init_matters {
            return Some(AfterSalutation {
                vote: votes.first().copied().unwrap_or_default(),
                prefix: Vec::new(),
                shared_from: 0,
            });
        }
        let sentence = tokens.iter().take_while(|t| t.sentence == 0).count();
        let first = Scan {
            lowers: &scan.lowers[..sentence],
            ..scan
        };
        let (mut prefix, shared_from) =
            self.markers_after_salutation(&mut tokens[..sentence], first, words);
        // The other register anywhere in the segment keeps the prefix's
        // markers where the first reading's are.
        let sentences = tokens.last().map_or(0, |t| t.sentence + 1);
        self.raise_by_reference(&mut prefix, markers, segment, origin, sentences);
        let mut vote = (0.0, 0.0);
        let shared = markers[shared_from..]
            .iter()
            .take_while(|h| h.sentence == 0);
        for hit in prefix.iter().chain(shared) {
            add_vote(&mut vote, hit);
        }
        Some(AfterSalutation {
            vote,
            prefix,
            shared_from,
        })
    }

    /// The salutations or sign-offs `candidates` offers for a lower-cased
    /// word that start at a token `at` accepts.
    fn formulas<'p, I>(
        &self,
        candidates: impl Fn(&str) -> I,
        tokens: &[Token],
        lowers: &[Cow<str>],
        prose: &Prose,
        at: impl Fn(usize) -> bool,
    ) -> Vec<FormulaMatch>
    where
        I: Iterator<Item = (usize, &'p Formula)>,
    {
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != Kind::Word || token.quoted || !at(i) {
                continue;
            }
            let lower = &lowers[i];
            let Some((entry, len)) = candidates(lower).find_map(|(entry, formula)| {
                Some((entry, formula.matcher.matches(tokens, i, lower)?))
            }) else {
                continue;
            };
            let span = token.span.start..tokens[i + len - 1].span.end;
            if let Some((origin, source)) = prose.source(span) {
                found.push(FormulaMatch {
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
    fn markers(&self, tokens: &[Token], scan: Scan, words: &mut Words) -> Vec<MarkerMatch> {
        let mut markers = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let (next, hit) = self.marker_at(tokens, scan, words, i);
            markers.extend(hit);
            i = next;
        }
        markers
    }

    /// The markers of a first sentence (`tokens`) read with its first word
    /// not sentence-initial and not as a label, as far as they differ from
    /// [`Reader::markers`]' reading: the markers of the second reading up to
    /// where both readings stand at the same word past the second, and the
    /// number of markers the first reading had found by then. From that word
    /// on they read alike.
    fn markers_after_salutation(
        &self,
        tokens: &mut [Token],
        scan: Scan,
        words: &mut Words,
    ) -> (Vec<MarkerMatch>, usize) {
        let (mut initial, mut mid) = (0, 0);
        let mut initial_hits = 0;
        let mut prefix = Vec::new();
        // After a salutation line the segment is the body's first line, not
        // a label.
        let body = Scan {
            label: false,
            ..scan
        };
        while (initial != mid || initial < 2) && (initial < tokens.len() || mid < tokens.len()) {
            if mid <= initial && mid < tokens.len() {
                tokens[0].init = false;
                let (next, hit) = self.marker_at(tokens, body, words, mid);
                tokens[0].init = true;
                prefix.extend(hit);
                mid = next;
            } else {
                let (next, hit) = self.marker_at(tokens, scan, words, initial);
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
        scan: Scan,
        words: &mut Words,
        i: usize,
    ) -> (usize, Option<MarkerMatch>) {
        let token = &tokens[i];
        let lower = &scan.lowers[i];
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
            if marker.question && !opens_question(tokens, i, &marker.matcher.after) {
                continue;
            }
            if !marker.in_questions && token.asks {
                continue;
            }
            if !marker.in_labels && i == 0 && scan.label {
                continue;
            }
            let Some(len) = marker.matcher.matches(tokens, i, lower) else {
                continue;
            };
            let at_start = token.init
                || (marker.clause_start && scan.clause_starts.get(i).copied().unwrap_or(false));
            let strength = match (marker.position, at_start) {
                (Position::Mid, true) => marker.init_strength,
                _ => marker.strength,
            };
            let reader_strength = marker
                .reader_strength
                .filter(|&(sign, _)| !after_a_subject(tokens, i, sign));
            // A marker that counts only where its reference raises it is
            // held at no strength until the raise ([`Reader::read_prose`]
            // drops it where none came).
            if strength == Strength::None && reader_strength.is_none() {
                return (i + len, None);
            }
            let span = tokens[i].span.start..tokens[i + len - 1].span.end;
            let hit = scan.prose.source(span).map(|(origin, source)| MarkerMatch {
                origin,
                span: source,
                register: marker.register,
                strength,
                word: words.index(&tokens[i..i + len], marker.matcher.joined),
                marker: entry,
                sentence: token.sentence,
                reader_strength,
                suggestion: self
                    .stock_phrase(tokens, scan.lowers, scan.prose, i, marker.register)
                    .map(Box::new),
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
        prose: &Prose,
        at: usize,
        register: Register,
    ) -> Option<PhraseSwap> {
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
                        let range = tokens[start].span.start..tokens[end - 1].span.end;
                        let written = &prose.text()[range.clone()];
                        let variant = &phrase.variants(register)[index];
                        let counterpart = phrase.counterpart(register.other(), index)?;
                        return Some(PhraseSwap {
                            replacement: crate::fix::same_case(written, counterpart),
                            source: prose.source_within(range).map(|(_, source)| source),
                            exact: crate::text::eq_lowercase(written, &variant.to_lowercase()),
                        });
                    }
                }
            }
        }
        None
    }
}

/// The most bytes of a reference's text read beside a segment: a longer
/// one is not read (a 10 MB footer pulled into a thousand templates would
/// be read a thousand times).
const MAX_REFERENCE: usize = 64 * 1024;
/// The bytes a placeholder takes in prose, at most.
const PLACEHOLDER_LEN: usize = 4;

/// A reference pattern as prose: its text and string literals, every
/// other placeable a placeholder (a term is a brand, a possible subject),
/// every variant of its selects. With a select its sentences cannot be
/// paired with those of one choice of a translation: `false`. `None` for
/// a text longer than [`MAX_REFERENCE`], told before it is copied.
fn reference_prose(pattern: &Pattern<&str>) -> Option<(Prose, bool)> {
    let mut writer = ReferenceWriter {
        prose: Prose::new(),
        aligned: true,
        too_long: false,
    };
    writer.pattern(pattern);
    if writer.too_long {
        return None;
    }
    writer.prose.mask();
    Some((writer.prose, writer.aligned))
}

/// Writes a reference pattern for [`reference_prose`].
struct ReferenceWriter {
    prose: Prose,
    aligned: bool,
    too_long: bool,
}

impl ReferenceWriter {
    fn pattern(&mut self, pattern: &Pattern<&str>) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => self.text(value),
                PatternElement::Placeable { expression } => self.expression(expression),
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>) {
        match expression {
            Expression::Select { variants, .. } => {
                // Each variant a sentence of its own, as a translation's
                // variants are read ("[one] …ready *[other] Their…").
                self.aligned = false;
                for variant in variants {
                    self.boundary();
                    self.pattern(&variant.value);
                }
                self.boundary();
            }
            Expression::Inline(InlineExpression::StringLiteral { value }) => self.text(value),
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                self.expression(expression)
            }
            Expression::Inline(_) => {
                if self.fits(PLACEHOLDER_LEN) {
                    self.prose.push_placeholder(0, 0..0);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.fits(text.len()) {
            self.prose.push_text(0, 0, text);
        }
    }

    fn boundary(&mut self) {
        if self.fits(1) {
            self.prose.push_boundary();
        }
    }

    /// Whether `len` more bytes keep the text within [`MAX_REFERENCE`].
    fn fits(&mut self, len: usize) -> bool {
        self.too_long |= self.prose.text().len() + len > MAX_REFERENCE;
        !self.too_long
    }
}

/// The most words a question a marker opens may have: a longer sentence
/// has clauses whose subject may be anyone ("ha guardato lo spettacolo, ha
/// guardato i video, le persone sai cosa intendo dire?").
const SHORT_QUESTION: usize = 15;

/// Whether the word at `tokens[i]` opens a question: its sentence ends in a
/// question mark and is short, and every word before it in the sentence is
/// one `after` allows ("¿Qué opina?", "Cosa ne pensa?", not "lui lo sa?").
fn opens_question(tokens: &[Token], i: usize, after: &[Neighbour]) -> bool {
    if !tokens[i].asks {
        return false;
    }
    let sentence = tokens[i].sentence;
    // Counted only as far as a short question goes: a sentence of a
    // million words costs no more to reject than one of sixteen.
    let within = |t: &&Token| t.sentence == sentence;
    let before = tokens[..i]
        .iter()
        .rev()
        .take(SHORT_QUESTION)
        .take_while(within)
        .count();
    let from_here = tokens[i..]
        .iter()
        .take(SHORT_QUESTION + 1)
        .take_while(within)
        .count();
    before + from_here <= SHORT_QUESTION
        && tokens[i - before..i]
            .iter()
            .all(|t| after.iter().any(|n| n.holds(Some(t), false)))
}

/// The most words a label has ("Chiudi le altre schede"), unless it is
/// the attribute of a control.
const LABEL_WORDS: usize = 6;

/// Whether prose of `tokens` is a label: one sentence, not ended by a full
/// stop, a question or an exclamation mark, of a few words or in the
/// attribute of a control (`control`): a button, a menu item, a tooltip,
/// "Chiudi scheda", "Rispondi come:", "Salva con nome…".
fn is_label(tokens: &[Token], text: &str, control: bool) -> bool {
    (control || tokens.len() <= LABEL_WORDS)
        && tokens.last().is_some_and(|last| {
            last.sentence == 0 && !text[last.span.end..].contains(['.', '!', '?', '。', '！', '？'])
        })
}

/// Per token, whether it starts the main clause after an introductory one:
/// the first token after a comma that follows one of `openers` at the start
/// of a sentence or after a comma ("Si tiene dudas, visite…", "Hola Ana, si
/// tiene dudas, visite…", "Wenn du magst, lade…"). Empty when the pack has
/// no openers.
fn clause_starts(tokens: &[Token], lowers: &[Cow<str>], openers: &HashSet<String>) -> Vec<bool> {
    if openers.is_empty() {
        return Vec::new();
    }
    let mut starts = vec![false; tokens.len()];
    // An opening clause whose comma is still to come.
    let mut open = false;
    for (i, token) in tokens.iter().enumerate() {
        // A sentence's first token is initial; `after_comma` is never set
        // on it.
        if i > 0 && token.sentence != tokens[i - 1].sentence {
            open = false;
        } else if open && token.after_comma {
            starts[i] = true;
            open = false;
        }
        if (token.init || token.after_comma) && openers.contains(lowers[i].as_ref()) {
            open = true;
        }
    }
    starts
}

/// Whether an attribute of this name is the text of a control: what the
/// user reads on it or over it.
fn names_a_control(attribute: &str) -> bool {
    matches!(
        attribute,
        "label" | "tooltiptext" | "aria-label" | "title" | "placeholder"
    )
}

/// Whether a verb or pronoun at `tokens[i]` that the reference may make
/// the reader's (`sign` a person, a subject or an order) has a placeholder right
/// before it, its subject ("{ $addon } vuole…"; "Hola { $name }, puede…"
/// and "Hola { $name }: puede…" have a comma or a colon between).
fn after_a_subject(tokens: &[Token], i: usize, sign: ReaderSign) -> bool {
    let token = &tokens[i];
    !matches!(sign, ReaderSign::Owner)
        && !token.after_comma
        && !token.init
        && i.checked_sub(1).is_some_and(|b| {
            tokens[b].sentence == token.sentence && tokens[b].kind == Kind::Placeholder
        })
}

pub(super) fn add_vote(vote: &mut (f32, f32), hit: &MarkerMatch) {
    match hit.register {
        Register::Formal => vote.0 += hit.strength.weight(),
        Register::Informal => vote.1 += hit.strength.weight(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::Packs;
    use crate::project::LocaleDir;
    use crate::project::locale::LocaleModel;
    use crate::syntax::SourceFile;

    fn reference_prose_of(ftl: &str) -> Option<(String, bool)> {
        let resource = fluent_syntax::parser::parse(ftl).expect("valid Fluent");
        let Some(fluent_syntax::ast::Entry::Message(message)) = resource.body.first() else {
            panic!("a message");
        };
        let (prose, aligned) = reference_prose(message.value.as_ref().unwrap())?;
        Some((prose.text().to_owned(), aligned))
    }

    #[test]
    fn a_reference_is_read_as_prose_its_selects_whole() {
        let (text, aligned) =
            reference_prose_of("m = Hi { $name }, you have { \"1\" } <b>new</b> message.\n")
                .unwrap();
        assert_eq!(
            text.matches(crate::text::PLACEHOLDER).count(),
            1,
            "{text:?}"
        );
        assert!(
            text.contains("you have 1 ") && !text.contains("<b>"),
            "{text:?}"
        );
        assert!(aligned);
        let (text, aligned) = reference_prose_of(
            "m = { $n ->\n    [one] You have a message.\n   *[other] It has { $n }.\n}\n",
        )
        .unwrap();
        assert!(text.contains("You have a message.") && text.contains("It has"));
        assert!(!aligned, "the variants' sentences are not one choice's");
        let (text, _) =
            reference_prose_of("m = { $n ->\n    [one] Ready\n   *[other] Their orders\n}\n")
                .unwrap();
        let tokens = tokenize(&text, &HashSet::default());
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(words, ["Ready", "Their", "orders"], "{text:?}");
        assert_ne!(tokens[0].sentence, tokens[1].sentence);
    }

    #[test]
    fn a_reference_too_long_is_not_read() {
        let long = format!("m = {}\n", "Your order. ".repeat(MAX_REFERENCE / 10));
        assert!(reference_prose_of(&long).is_none());
        let placeables = format!("m = {}\n", "{ $a }".repeat(MAX_REFERENCE / 2));
        assert!(reference_prose_of(&placeables).is_none());
    }

    /// A salutation's next segment read as the reader reads it, against
    /// reading its whole first sentence again with the first word
    /// mid-sentence, on random sentences of every pack's marker words.
    #[test]
    fn reading_after_a_salutation_finds_what_reading_the_first_sentence_again_finds() {
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
            let reader = Reader::new(&locale, pack, None, None);
            let mut words: Vec<String> = pack
                .markers()
                .flat_map(|m| {
                    let phrases = m.matcher.phrases.iter().flatten();
                    m.matcher
                        .listed()
                        .chain(phrases.map(String::as_str))
                        .map(str::to_owned)
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
                let read = Scan {
                    prose: &prose,
                    lowers: &lowers,
                    label: is_label(&tokens, prose.text(), false),
                    clause_starts: &clause_starts(&tokens, &lowers, &pack.clause_openers),
                };
                let markers = reader.markers(&tokens, read, &mut words);
                let sentence = tokens.iter().take_while(|t| t.sentence == 0).count();
                let first = Scan {
                    lowers: &lowers[..sentence],
                    ..read
                };
                let mut again: Vec<Token> = tokens[..sentence].to_vec();
                again[0].init = false;
                let body = Scan {
                    label: false,
                    ..first
                };
                let expected: Vec<String> = reader
                    .markers(&again, body, &mut words)
                    .iter()
                    .map(|h| format!("{h:?}"))
                    .collect();
                let (prefix, shared_from) =
                    reader.markers_after_salutation(&mut tokens[..sentence], first, &mut words);
                let shared = markers[shared_from..]
                    .iter()
                    .take_while(|h| h.sentence == 0);
                let got: Vec<String> = prefix
                    .iter()
                    .chain(shared)
                    .map(|h| format!("{h:?}"))
                    .collect();
                assert_eq!(got, expected, "{tag}: {text}");
                assert!(tokens[0].init, "the tokens are given back as they were");
                let first: Vec<String> = markers
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
