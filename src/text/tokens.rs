//! Prose split into sentences and tokens, each with its byte range.

use std::borrow::Cow;
use std::ops::Range;

use crate::syntax::TextSet as HashSet;

use super::words::is_word_char;
use super::{BOUNDARY, FILLER, PLACEHOLDER};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Placeholder,
}

/// A token of prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word as written, without masked bytes.
    pub text: Cow<'t, str>,
    /// The range in the prose text.
    pub span: Range<usize>,
    pub kind: Kind,
    /// The index of its sentence in the prose.
    pub sentence: usize,
    /// The first word of a sentence, or the first after a colon.
    pub init: bool,
    /// An apostrophe or hyphen right before, after a letter (`sms'je`).
    pub glued_before: Option<char>,
    /// An apostrophe or hyphen right after, before a letter (`u-bocht`, `t'aider`).
    pub glued_after: Option<char>,
    /// Inside paired quotation marks: quoted words are not the sender's.
    pub quoted: bool,
    /// Its sentence ends in a question mark.
    pub asks: bool,
    /// A comma stands between it and the token before, in its sentence.
    pub after_comma: bool,
}

impl Token<'_> {
    pub fn is_capitalized(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// All capitals and two letters or more: an acronym (`SIE`, `DU`).
    pub fn is_acronym(&self) -> bool {
        self.kind == Kind::Word
            && self.text.chars().count() > 1
            && self
                .text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
    }
}

/// An apostrophe that glues a word to the next ("it's", "t'aider").
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// A hyphen that glues a word to the next ("devolva-o", "u-bocht").
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_glue(c: char) -> bool {
    is_apostrophe(c) || is_hyphen(c)
}

/// The set [`tokenize`] expects: each abbreviation lower-cased, without its
/// spaces (`z.b.`) and split at them (`z.`, `b.`).
pub fn abbreviations<S: AsRef<str>>(list: &[S]) -> HashSet<String> {
    let mut set = HashSet::default();
    for abbreviation in list {
        let lower = abbreviation.as_ref().to_lowercase();
        set.insert(lower.replace(' ', ""));
        set.extend(lower.split_whitespace().map(str::to_owned));
    }
    set
}

/// Splits prose into sentences and tokens. `abbreviations` (lower-cased,
/// with their periods) do not end a sentence.
pub fn tokenize<'t>(text: &'t str, abbreviations: &HashSet<String>) -> Vec<Token<'t>> {
    let mut tokenizer = Tokenizer {
        text,
        abbreviations,
        quoted: quoted_ranges(text),
        chars: Chars { text, at: 0 },
        // About one token in six bytes of prose.
        tokens: Vec::with_capacity(text.len() / 6),
        sentence: 0,
        at_start: true,
        pending_break: false,
        after_colon: false,
        newlines: 0,
        previous: (None, None),
        asked: false,
        comma: false,
    };
    while let Some((offset, c)) = tokenizer.chars.next() {
        let before = tokenizer.previous;
        tokenizer.previous = (Some(c), before.0);
        if is_word_char(c) || c.is_ascii_digit() || c == PLACEHOLDER {
            tokenizer.token(offset, c, before);
        } else {
            tokenizer.between_tokens(offset, c);
        }
    }
    if let Some(last) = tokenizer.tokens.last()
        && text[last.span.end..].contains(['?', '？'])
    {
        tokenizer.asked = true;
    }
    tokenizer.close_sentence();
    tokenizer.tokens
}

/// [`tokenize`] as it reads: the tokens so far, and what the characters
/// since the last one say about the next.
struct Tokenizer<'t, 'a> {
    text: &'t str,
    abbreviations: &'a HashSet<String>,
    /// The ranges of [`quoted_ranges`].
    quoted: Vec<Range<usize>>,
    chars: Chars<'t>,
    tokens: Vec<Token<'t>>,
    sentence: usize,
    at_start: bool,
    /// A sentence ended since the last token.
    pending_break: bool,
    after_colon: bool,
    /// Line breaks since the last token.
    newlines: usize,
    /// The last two characters read, the last first.
    previous: (Option<char>, Option<char>),
    /// The current sentence ended with a question mark.
    asked: bool,
    /// A comma since the last token.
    comma: bool,
}

impl<'t> Tokenizer<'t, '_> {
    /// A character between tokens: space, punctuation, a boundary.
    fn between_tokens(&mut self, offset: usize, c: char) {
        if c as u32 == BOUNDARY as u32 {
            self.pending_break = true;
            return;
        }
        if c.is_whitespace() {
            if c == '\n' {
                self.newlines += 1;
                if self.newlines >= 2 || line_ends_sentence(&self.tokens, self.text, offset) {
                    self.pending_break = true;
                }
            }
            return;
        }
        match c {
            '.' | '!' | '?' | '…' | '。' | '！' | '？'
                if ends_sentence(
                    self.chars.clone(),
                    c,
                    offset,
                    self.text,
                    self.abbreviations,
                    &self.tokens,
                ) =>
            {
                self.pending_break = true;
                self.asked = matches!(c, '?' | '？');
            }
            // Spanish opens a question or an exclamation with its own mark:
            // "Sí, ¿ha visto…?" asks from `¿` on, not from `Sí`.
            '¿' | '¡' if !self.tokens.is_empty() => self.pending_break = true,
            ':' => self.after_colon = true,
            ',' | '،' | '，' | '、' => self.comma = true,
            '-' | '•' | '*' | '–' | '—' if self.newlines > 0 || self.tokens.is_empty() => {
                // A bullet starts a new item.
                self.pending_break = true;
            }
            _ => {}
        }
    }

    /// The token that starts with `c` at `offset`; `before` are the two
    /// characters before it.
    fn token(&mut self, offset: usize, c: char, before: (Option<char>, Option<char>)) {
        self.newlines = 0;
        if self.pending_break && !self.tokens.is_empty() {
            self.close_sentence();
            self.sentence += 1;
        }
        let init = self.at_start || self.pending_break || self.after_colon;
        let after_comma = std::mem::take(&mut self.comma) && !init;
        self.at_start = false;
        self.pending_break = false;
        self.after_colon = false;
        let (kind, end) = if c == PLACEHOLDER {
            (Kind::Placeholder, offset + c.len_utf8())
        } else if c.is_ascii_digit() {
            (Kind::Number, self.number_end(offset))
        } else {
            (Kind::Word, self.word_end())
        };
        let raw = &self.text[offset..end];
        let text: Cow<'t, str> = if raw.bytes().any(|b| b == FILLER) {
            Cow::Owned(raw.chars().filter(|&c| c as u32 != FILLER as u32).collect())
        } else {
            Cow::Borrowed(raw)
        };
        let glued_before = match before {
            (Some(g), Some(w)) if is_glue(g) && (is_word_char(w) || w.is_ascii_digit()) => Some(g),
            _ => None,
        };
        // The character after the next is read only after glue.
        let glued_after = match self.chars.peek() {
            Some((_, g)) if is_glue(g) => self
                .chars
                .peek_second()
                .filter(|&w| is_word_char(w) || w.is_ascii_digit())
                .map(|_| g),
            _ => None,
        };
        // The ranges are sorted and disjoint.
        let quoted = self
            .quoted
            .get(self.quoted.partition_point(|q| q.end <= offset))
            .is_some_and(|q| q.contains(&offset));
        self.tokens.push(Token {
            text,
            span: offset..end,
            kind,
            sentence: self.sentence,
            init,
            glued_before,
            glued_after,
            quoted,
            asks: false,
            after_comma,
        });
    }

    /// Marks the tokens of the sentence that ends as asking, where it
    /// ended with a question mark.
    fn close_sentence(&mut self) {
        if std::mem::take(&mut self.asked) {
            let sentence = self.sentence;
            for token in self.tokens.iter_mut().rev() {
                if token.sentence != sentence {
                    break;
                }
                token.asks = true;
            }
        }
    }

    /// Reads the rest of a number that starts at `offset`: digits, and
    /// `.`, `,` or `:` between digits. Returns where it ends.
    fn number_end(&mut self, offset: usize) -> usize {
        let mut end = offset + 1;
        while let Some((at, next)) = self.chars.peek()
            && (next.is_ascii_digit()
                || (matches!(next, '.' | ',' | ':')
                    && self.chars.peek_second().is_some_and(|n| n.is_ascii_digit())))
        {
            self.chars.next();
            self.previous = (Some(next), self.previous.0);
            end = at + 1;
        }
        end
    }

    /// Reads the rest of a word: a run of word characters. Returns where it
    /// ends.
    fn word_end(&mut self) -> usize {
        loop {
            // Runs of ASCII letters, a byte at a time: most of prose.
            match self.chars.ascii_letters().as_bytes() {
                [] => {}
                &[last] => self.previous = (Some(char::from(last)), self.previous.0),
                &[.., second, last] => {
                    self.previous = (Some(char::from(last)), Some(char::from(second)));
                }
            }
            match self.chars.peek() {
                Some((_, next)) if is_word_char(next) => {
                    self.chars.next();
                    self.previous = (Some(next), self.previous.0);
                }
                _ => break,
            }
        }
        // Just past the last character read.
        self.chars.at
    }
}

/// The characters of prose and their offsets, without the filler bytes
/// that stand where markup was masked.
#[derive(Clone)]
struct Chars<'t> {
    text: &'t str,
    /// Where the next character starts: always at a character boundary.
    at: usize,
}

impl<'t> Chars<'t> {
    fn peek(&self) -> Option<(usize, char)> {
        self.clone().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.clone().nth(1).map(|(_, c)| c)
    }

    /// The run of ASCII letters that comes next, read.
    fn ascii_letters(&mut self) -> &'t str {
        let from = self.at;
        let bytes = self.text.as_bytes();
        while bytes.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        &self.text[from..self.at]
    }
}

impl Iterator for Chars<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let at = self.at;
            let byte = *self.text.as_bytes().get(at)?;
            if byte.is_ascii() {
                self.at += 1;
                if byte != FILLER {
                    return Some((at, char::from(byte)));
                }
            } else {
                let c = self.text[at..].chars().next()?;
                self.at += c.len_utf8();
                return Some((at, c));
            }
        }
    }
}

/// Whether the `mark` (`.`, `!`, `?`…) at `dot` ends a sentence; `after`
/// reads on from it.
fn ends_sentence(
    mut after: Chars<'_>,
    mark: char,
    dot: usize,
    text: &str,
    abbreviations: &HashSet<String>,
    tokens: &[Token],
) -> bool {
    // Followed by space, a closing quote or bracket, a boundary, or the end.
    let next = after.find(|&(_, c)| {
        !matches!(
            c,
            '.' | '!' | '?' | '…' | '"' | '”' | '’' | '»' | ')' | '“' | '\''
        )
    });
    if let Some((_, c)) = next
        && !(c.is_whitespace() || c as u32 == BOUNDARY as u32)
    {
        return false;
    }
    if mark != '.' {
        return true;
    }
    // The word right before the period.
    let Some(last) = tokens.last() else {
        return true;
    };
    if last.span.end != dot {
        return true;
    }
    match last.kind {
        // "3. Mai", "1. Klicken", list numbers; but four digits end a
        // sentence ("desde 2013. Não acha…?"): a year is far more common
        // there than an ordinal ("zum 1250. Jubiläum", which then reads
        // its next word as a sentence's first).
        Kind::Number => return is_four_digits(&last.text),
        Kind::Placeholder => return true,
        Kind::Word => {}
    }
    // An initial: "J. Smith".
    if last.text.chars().count() == 1 && last.is_capitalized() {
        return false;
    }
    // The run of letters and periods before, as in "z.B." or "d.w.z.".
    let run_start = text[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c as u32 == BOUNDARY as u32)
        .map_or(0, |(p, c)| p + c.len_utf8());
    let run = &text[run_start..=dot];
    !(holds_lowercased(abbreviations, run, "", || run.to_lowercase())
        || holds_lowercased(abbreviations, &last.text, ".", || {
            format!("{}.", last.text.to_lowercase())
        }))
}

/// Whether a number is four ASCII digits, as a year is written.
fn is_four_digits(number: &str) -> bool {
    number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `set` holds `text` and `suffix` lower-cased: on the stack when
/// they are short and ASCII (most words before a period), else as `lower`
/// writes them.
fn holds_lowercased(
    set: &HashSet<String>,
    text: &str,
    suffix: &str,
    lower: impl FnOnce() -> String,
) -> bool {
    let mut buffer = [0u8; 32];
    let len = text.len() + suffix.len();
    match buffer.get_mut(..len) {
        Some(joined) if text.is_ascii() && suffix.is_ascii() => {
            let (head, tail) = joined.split_at_mut(text.len());
            head.copy_from_slice(text.as_bytes());
            tail.copy_from_slice(suffix.as_bytes());
            joined.make_ascii_lowercase();
            // ASCII only: always valid.
            set.contains(std::str::from_utf8(joined).unwrap_or_default())
        }
        _ => set.contains(&lower()),
    }
}

/// Whether a line break at `offset` ends a sentence: after `:` or a
/// sentence-final mark, or after a title line.
fn line_ends_sentence(tokens: &[Token], text: &str, offset: usize) -> bool {
    let before =
        text[..offset].trim_end_matches(|c: char| c.is_whitespace() || c as u32 == FILLER as u32);
    let ends = before.ends_with([':', '.', '!', '?', '…']);
    (ends || is_title_line(before, &text[offset..])) && !tokens.is_empty()
}

/// Whether the text up to a line break, `so_far`, followed by `after`, is
/// a title: a first line of at most three words and nothing but letters,
/// before a line that starts with a capital ("Attenzione\nLa decrittazione
/// …"). A salutation ends with a comma, and wrapped prose has longer lines.
fn is_title_line(so_far: &str, after: &str) -> bool {
    // Looked at on every line break: a long text so far is no title.
    if so_far.len() > 64 {
        return false;
    }
    let words = so_far.split_whitespace().count();
    (1..=3).contains(&words)
        && so_far.chars().all(|c| c.is_alphabetic() || c == ' ')
        && after.trim_start().starts_with(char::is_uppercase)
}

/// Byte ranges inside paired quotation marks, within one paragraph:
/// `"…"`, `“…”`, `„…“`, `«…»`, and the single `‘…’`, `‚…‘` and `'…'`.
fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    // Most prose quotes nothing: find an opening mark before walking it.
    // `"` and `'` are one byte, `„`, `“`, `‘` and `‚` start with 0xE2, `«`
    // with 0xC2.
    let bytes = text.as_bytes();
    // A `'` right after an ASCII letter or digit is an apostrophe.
    let straight_single =
        memchr::memchr_iter(b'\'', bytes).any(|i| i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
    let opens = straight_single
        || memchr::memchr3_iter(b'"', 0xe2, 0xc2, bytes).any(|i| {
            let rest = &bytes[i..];
            rest[0] == b'"'
                || ["„", "“", "«", "‘", "‚"]
                    .iter()
                    .any(|m| rest.starts_with(m.as_bytes()))
        });
    if !opens {
        return ranges;
    }
    let mut open: Option<(usize, char)> = None;
    // The last character but spaces (a paragraph is a line of none), and
    // the character right before.
    let mut previous = ' ';
    let mut before = ' ';
    for (i, c) in text.char_indices() {
        let paragraph_end = c as u32 == BOUNDARY as u32 || (c == '\n' && previous == '\n');
        if paragraph_end {
            open = None;
        }
        let next = || text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
        match open {
            None => {
                if opens_quote(c, before, &text[i + c.len_utf8()..]) {
                    open = Some((i, c));
                }
            }
            Some((start, opener)) => {
                let closes = match opener {
                    '„' => matches!(c, '“' | '”'),
                    '“' => c == '”',
                    '«' => c == '»',
                    '‚' => c == '‘',
                    // `’` and `'` are also apostrophes: inside a word
                    // ("Don’t") they close nothing.
                    '‘' => c == '’' && !next().is_alphanumeric(),
                    '\'' => c == '\'' && !next().is_alphanumeric() && !before.is_whitespace(),
                    _ => c == '"',
                };
                if closes {
                    ranges.push(start..i);
                    open = None;
                }
            }
        }
        if !c.is_whitespace() || c == '\n' {
            previous = c;
        }
        before = c;
    }
    ranges
}

/// Whether `c`, right after `before` and before `rest`, opens a quotation.
/// A straight mark after a letter or digit is an apostrophe or an inch; a
/// `'` before a word of one or two letters is an elision (`'s avonds`,
/// `'t is`, `'em`).
fn opens_quote(c: char, before: char, rest: &str) -> bool {
    match c {
        '„' | '“' | '«' | '‚' => true,
        '‘' | '"' => !before.is_alphanumeric(),
        '\'' => {
            let word = rest.chars().take_while(|c| c.is_alphabetic()).count();
            !before.is_alphanumeric() && word >= 3
        }
        _ => false,
    }
}
