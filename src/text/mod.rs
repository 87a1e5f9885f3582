//! Text as the customer reads it: prose assembled from pieces of source
//! files, HTML tags, URLs and e-mail addresses masked, then sentences and
//! word tokens, each with its byte range, so a finding can point back into
//! the `.ftl` file it came from.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::ops::Range;

/// Stands for a Fluent placeable: a word that is never a marker.
pub const PLACEHOLDER: char = '\u{fffc}';
/// A byte that ends a sentence: between messages, around attribute text,
/// at block-level HTML tags.
const BOUNDARY: u8 = 0x1e;
/// A byte the tokenizer skips entirely: what masking removes from inside
/// words (`<b>u</b>` reads as `u`).
const FILLER: u8 = 0x7f;

/// Where a run of prose comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    /// Offset in the prose text.
    at: usize,
    len: usize,
    /// The file, as an index the caller understands.
    file: usize,
    /// Offset in that file.
    source: usize,
    /// For a placeholder: the length of the placeable in the source.
    source_len: usize,
}

/// Prose assembled from pieces of source files.
#[derive(Clone, Debug, Default)]
pub struct Prose {
    text: String,
    pieces: Vec<Piece>,
}

impl Prose {
    pub fn new() -> Self {
        Prose::default()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Empties the prose, keeping its buffers for the next.
    pub fn clear(&mut self) {
        self.text.clear();
        self.pieces.clear();
    }

    /// Appends `text`, which is found at `source` in file `file`. Control
    /// characters that mean something to the tokenizer are neutralised.
    pub fn push_text(&mut self, file: usize, source: usize, text: &str) {
        let at = self.text.len();
        if text.bytes().any(|b| b == BOUNDARY || b == FILLER) {
            self.text
                .push_str(&text.replace([BOUNDARY as char, FILLER as char], " "));
        } else {
            self.text.push_str(text);
        }
        self.pieces.push(Piece {
            at,
            len: text.len(),
            file,
            source,
            source_len: text.len(),
        });
    }

    /// Appends a placeholder for the placeable at `source` in file `file`.
    pub fn push_placeholder(&mut self, file: usize, source: Range<usize>) {
        let at = self.text.len();
        self.text.push(PLACEHOLDER);
        self.pieces.push(Piece {
            at,
            len: PLACEHOLDER.len_utf8(),
            file,
            source: source.start,
            source_len: source.len(),
        });
    }

    /// Ends the sentence: what follows starts a new one.
    pub fn push_boundary(&mut self) {
        self.text.push(BOUNDARY as char);
    }

    /// Whether the prose, ignoring trailing space, ends with `c`.
    pub fn ends_with(&self, c: char) -> bool {
        self.text
            .trim_end_matches(|x: char| x.is_whitespace() || x as u32 == BOUNDARY as u32)
            .ends_with(c)
    }

    /// The file and byte range in it of a range of the prose.
    pub fn source(&self, range: Range<usize>) -> Option<(usize, Range<usize>)> {
        let index = self.pieces.partition_point(|p| p.at + p.len <= range.start);
        let piece = self.pieces.get(index)?;
        if range.start < piece.at {
            return None;
        }
        if piece.source_len != piece.len {
            // A placeholder stands for the whole placeable.
            return Some((piece.file, piece.source..piece.source + piece.source_len));
        }
        let start = piece.source + (range.start - piece.at);
        let end = piece.source + (range.end.min(piece.at + piece.len) - piece.at);
        Some((piece.file, start..end))
    }

    /// Masks what the customer does not read as prose: HTML tags (their
    /// visible `alt`, `title`, `aria-label` and `placeholder` text stays, as
    /// a sentence of its own), entities, URLs, e-mail addresses and the
    /// placeholders of other template languages.
    pub fn mask(&mut self) {
        self.edit(|bytes| {
            mask_markup(bytes);
            mask_foreign_placeholders(bytes);
        });
    }

    /// Masks HTML, entities, URLs and e-mail addresses, and keeps the
    /// placeholders of other template languages, for the rule that looks
    /// for them.
    pub fn mask_markup(&mut self) {
        self.edit(mask_markup);
    }

    fn edit(&mut self, edit: impl FnOnce(&mut [u8])) {
        // Every mask needs one of these: without any, there is nothing to
        // edit, and the text need not be checked as UTF-8 again.
        let bytes = self.text.as_bytes();
        let has = |needle: &[u8]| contains(bytes, needle);
        if memchr::memchr3(b'<', b'&', b'@', bytes).is_none()
            && memchr::memchr3(b'{', b'$', b'%', bytes).is_none()
            && !has(b"://")
            && !has(b"www.")
            && !has(b"mailto:")
        {
            return;
        }
        // Every edit keeps the byte length, so the piece map stays true.
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        edit(&mut bytes);
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

fn mask_markup(bytes: &mut [u8]) {
    mask_html(bytes);
    mask_entities(bytes);
    mask_addresses(bytes);
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "section",
    "header",
    "footer",
    "article",
    "center",
    "title",
    "dd",
    "dt",
];
/// Elements whose content is code or machine text, not prose.
const CODE_TAGS: &[&str] = &["script", "style", "code", "kbd", "samp", "var", "pre", "tt"];
const VISIBLE_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder"];

fn fill(bytes: &mut [u8], range: Range<usize>, with: u8) {
    for b in &mut bytes[range] {
        *b = with;
    }
}

/// Masks tags and comments. Block tags end a sentence; inline tags vanish.
fn mask_html(bytes: &mut [u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let Some(at) = memchr::memchr(b'<', &bytes[i..]) else {
            break;
        };
        i += at;
        if bytes[i..].starts_with(b"<!--") {
            let end = find(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            fill(bytes, i..end, FILLER);
            i = end;
            continue;
        }
        let Some(&next) = bytes.get(i + 1) else { break };
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
            i += 1;
            continue;
        }
        let Some(end) = tag_end(bytes, i + 1) else {
            i += 1;
            continue;
        };
        let name_start = i + 1 + usize::from(next == b'/');
        let name_end = (name_start..end)
            .find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-'))
            .unwrap_or(end);
        let name = String::from_utf8_lossy(&bytes[name_start..name_end]).to_ascii_lowercase();
        let block = BLOCK_TAGS.contains(&name.as_str());
        let visible = visible_values(bytes, name_end, end);
        let mut at = i;
        for value in &visible {
            fill(bytes, at..value.start, FILLER);
            at = value.end;
        }
        fill(bytes, at..end + 1, FILLER);
        // Visible attribute text is a sentence of its own.
        for value in &visible {
            if value.start > i {
                bytes[value.start - 1] = BOUNDARY;
            }
            if value.end <= end {
                bytes[value.end] = BOUNDARY;
            }
        }
        if block {
            bytes[i] = BOUNDARY;
        }
        i = end + 1;
        // Code is not prose: `<code>MOZ_CRASHREPORTER</code>`.
        if CODE_TAGS.contains(&name.as_str()) && next != b'/' {
            let close = format!("</{name}");
            let stop = find(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            fill(bytes, i..stop, FILLER);
            i = stop;
        }
    }
}

/// The `>` that closes a tag opened before `from`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(j),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// The ranges of visible attribute values inside a tag.
fn visible_values(bytes: &[u8], from: usize, end: usize) -> Vec<Range<usize>> {
    let mut values = Vec::new();
    let mut j = from;
    while j < end {
        while j < end && !(bytes[j].is_ascii_alphabetic()) {
            j += 1;
        }
        let name_start = j;
        while j < end
            && (bytes[j].is_ascii_alphanumeric()
                || bytes[j] == b'-'
                || bytes[j] == b'_'
                || bytes[j] == b':')
        {
            j += 1;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..j]).to_ascii_lowercase();
        while j < end && bytes[j] == b' ' {
            j += 1;
        }
        if j >= end || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < end && bytes[j] == b' ' {
            j += 1;
        }
        let (value_start, value_end) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = (j + 1..end).find(|&k| bytes[k] == q).unwrap_or(end);
                (j + 1, close)
            }
            _ => {
                let close = (j..end).find(|&k| bytes[k] == b' ').unwrap_or(end);
                (j, close)
            }
        };
        if VISIBLE_ATTRIBUTES.contains(&name.as_str()) && value_start < value_end {
            values.push(value_start..value_end);
        }
        j = value_end + 1;
    }
    values
}

/// Whether `bytes` contain `needle`: for the short prose of one message,
/// cheaper than building a substring searcher each time.
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    needle.first().is_some_and(|&first| {
        memchr::memchr_iter(first, bytes).any(|i| bytes[i..].starts_with(needle))
    })
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    memchr::memmem::find(&bytes[from..], needle).map(|p| p + from)
}

/// Replaces an entity with what it stands for, padded with filler.
fn mask_entities(bytes: &mut [u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let Some(at) = memchr::memchr(b'&', &bytes[i..]) else {
            break;
        };
        i += at;
        let Some(end) = (i + 1..bytes.len().min(i + 12)).find(|&j| bytes[j] == b';') else {
            i += 1;
            continue;
        };
        let name = String::from_utf8_lossy(&bytes[i + 1..end]).into_owned();
        let decoded = match name.as_str() {
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "amp" => Some('&'),
            "rsquo" | "lsquo" | "apos" => Some('\''),
            "quot" => Some('"'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "bdquo" => Some('„'),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            "lt" | "gt" | "hellip" | "ndash" | "mdash" | "euro" | "copy" | "reg" | "trade" => {
                Some(' ')
            }
            _ => named_letter(&name).or_else(|| numeric(&name)),
        };
        if let Some(c) = decoded {
            let mut buffer = [0; 4];
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            if encoded.len() <= end + 1 - i {
                bytes[i..i + encoded.len()].copy_from_slice(encoded);
                fill(bytes, i + encoded.len()..end + 1, FILLER);
            }
        }
        i = end + 1;
    }
}

fn named_letter(name: &str) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("eacute", 'é'),
        ("egrave", 'è'),
        ("ecirc", 'ê'),
        ("euml", 'ë'),
        ("aacute", 'á'),
        ("agrave", 'à'),
        ("acirc", 'â'),
        ("auml", 'ä'),
        ("atilde", 'ã'),
        ("iacute", 'í'),
        ("igrave", 'ì'),
        ("icirc", 'î'),
        ("iuml", 'ï'),
        ("oacute", 'ó'),
        ("ograve", 'ò'),
        ("ocirc", 'ô'),
        ("ouml", 'ö'),
        ("otilde", 'õ'),
        ("uacute", 'ú'),
        ("ugrave", 'ù'),
        ("ucirc", 'û'),
        ("uuml", 'ü'),
        ("ccedil", 'ç'),
        ("ntilde", 'ñ'),
        ("szlig", 'ß'),
        ("Eacute", 'É'),
        ("Agrave", 'À'),
        ("Ccedil", 'Ç'),
        ("Uuml", 'Ü'),
        ("Ouml", 'Ö'),
        ("Auml", 'Ä'),
    ];
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    match code {
        0x2019 | 0x2018 | 39 => Some('\''),
        0xa0 | 0x2002..=0x200b => Some(' '),
        _ => char::from_u32(code).filter(|c| !c.is_control()),
    }
}

/// Masks URLs and e-mail addresses.
fn mask_addresses(bytes: &mut [u8]) {
    // Most prose has neither: skip the byte-by-byte walk.
    let finder = |needle: &[u8]| contains(bytes, needle);
    if memchr::memchr(b'@', bytes).is_none()
        && !finder(b"http")
        && !finder(b"www.")
        && !finder(b"mailto:")
    {
        return;
    }
    let stop = |b: u8| b.is_ascii_whitespace() || matches!(b, b'"' | b'<' | b'>' | b')' | BOUNDARY);
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let starts_url = rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www.")
            || rest.starts_with(b"mailto:");
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_url && word_start {
            let end = (i..bytes.len())
                .find(|&j| stop(bytes[j]))
                .unwrap_or(bytes.len());
            fill(bytes, i..end, b' ');
            i = end;
            continue;
        }
        if bytes[i] == b'@'
            && i > 0
            && i + 1 < bytes.len()
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes[i + 1].is_ascii_alphanumeric()
        {
            let start = (0..i).rev().find(|&j| stop(bytes[j])).map_or(0, |j| j + 1);
            let end = (i..bytes.len())
                .find(|&j| stop(bytes[j]))
                .unwrap_or(bytes.len());
            fill(bytes, start..end, b' ');
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Masks `{{name}}`, `${name}`, `%s` and `%(name)s`: not prose either.
fn mask_foreign_placeholders(bytes: &mut [u8]) {
    // A placeholder is a name, not a paragraph: an unclosed `{{` does not
    // send every later one to the end of the text.
    const MAX_PLACEHOLDER: usize = 100;
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Every placeholder starts with one of these.
        let Some(at) = memchr::memchr3(b'{', b'$', b'%', &bytes[i..]) else {
            break;
        };
        i += at;
        if i + 1 >= bytes.len() {
            break;
        }
        let window = &bytes[..(i + 2 + MAX_PLACEHOLDER).min(bytes.len())];
        let end = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => find(window, i + 2, b"}}").map(|e| e + 2),
            (b'$', b'{') => find(window, i + 2, b"}").map(|e| e + 1),
            (b'%', b'(') => find(window, i + 2, b")").map(|e| (e + 2).min(bytes.len())),
            (b'%', c)
                if c.is_ascii_alphabetic()
                    && bytes.get(i + 2).is_none_or(|n| !n.is_ascii_alphabetic()) =>
            {
                Some(i + 2)
            }
            _ => None,
        };
        match end {
            Some(end) => {
                fill(bytes, i..end, b' ');
                i = end;
            }
            None => i += 1,
        }
    }
}

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

fn is_glue(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '-' | '‐' | '‑')
}

/// Whether `c` is part of the words [`tokenize`] and [`any_word`] make.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Whether, written into prose and masked with [`Prose::mask_markup`], a
/// text with this byte may have a word that [`any_word`] does not offer
/// for the text itself: masked markup and entities become filler, which
/// joins words, or the letters they stand for, and the prose rewrites
/// filler and boundary bytes. Otherwise masking only removes words
/// (addresses become spaces).
pub fn masking_may_make_words(byte: u8) -> bool {
    matches!(byte, b'<' | b'&' | FILLER | BOUNDARY)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

/// The lower-cased words of a short text (for pack phrases).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `wanted` accepts the lower-cased text of a word [`tokenize`]
/// would make of `text`. Every word token is offered (quoted ones too):
/// the plain look that [`any_start_word`], which passes most words over
/// unoffered, must answer to.
pub fn any_word(text: &str, wanted: impl FnMut(&str) -> bool) -> bool {
    scan_words(text, |_| false, |_, _, _| true, wanted)
}

/// A set of lower-cased words that [`any_start_word`] looks for: the words
/// an entry of a pack may start at.
pub trait StartWords {
    /// False only for a word of ASCII letters the set does not hold, told
    /// by its length and its first and last bytes, lower-cased: most words
    /// are passed over without being lower-cased.
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool;
    /// Whether the set holds a lower-cased word.
    fn holds(&self, lower: &str) -> bool;
}

/// Any test of a lower-cased word is a set, that holds what it accepts.
impl<F: Fn(&str) -> bool> StartWords for F {
    fn may_hold_ascii(&self, _: usize, _: u8, _: u8) -> bool {
        true
    }

    fn holds(&self, lower: &str) -> bool {
        self(lower)
    }
}

/// [`any_word`] for the words of a set: whether a word [`tokenize`] would
/// make of `text` is in `words`.
pub fn any_start_word(text: &str, words: &impl StartWords) -> bool {
    any_start_word_or_byte(text, words, |_| false)
}

/// [`any_start_word`], or whether `text` has an ASCII byte other than a
/// letter that `stop` accepts: one pass for both.
pub fn any_start_word_or_byte(
    text: &str,
    words: &impl StartWords,
    stop: impl Fn(u8) -> bool,
) -> bool {
    scan_words(
        text,
        stop,
        |len, first, last| words.may_hold_ascii(len, first, last),
        |lower| words.holds(lower),
    )
}

/// The words of `text` as [`tokenize`] makes them, offered lower-cased to
/// `wanted` unless `may_hold` tells an ASCII one apart by its length and
/// first and last bytes: true at the first word `wanted` accepts, or at an
/// ASCII byte other than a letter that `stop` accepts.
fn scan_words(
    text: &str,
    stop: impl Fn(u8) -> bool,
    may_hold: impl Fn(usize, u8, u8) -> bool,
    mut wanted: impl FnMut(&str) -> bool,
) -> bool {
    // Lower-cased ASCII words are written here, on the stack; a longer one
    // (that no pack word is as long as) gets a string of its own.
    let mut buffer = [0u8; 48];
    let mut offer = |word: &str, kind: WordKind| {
        if kind.filler {
            let joined: String = word
                .chars()
                .filter(|&c| c as u32 != FILLER as u32)
                .collect();
            wanted(&lowercase(&joined))
        } else if kind.other {
            wanted(&lowercase(word))
        } else if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            wanted(word)
        } else {
            match buffer.get_mut(..word.len()) {
                Some(lower) => {
                    lower.copy_from_slice(word.as_bytes());
                    lower.make_ascii_lowercase();
                    // ASCII letters only: always valid.
                    wanted(std::str::from_utf8(lower).unwrap_or_default())
                }
                None => wanted(&word.to_ascii_lowercase()),
            }
        }
    };
    let bytes = text.as_bytes();
    // Always at a character boundary.
    let mut i = 0;
    while i < bytes.len() {
        // Up to the start of a word: an ASCII letter, or a word character
        // beyond ASCII.
        if !bytes[i].is_ascii_alphabetic() {
            if bytes[i].is_ascii() {
                if stop(bytes[i]) {
                    return true;
                }
                i += 1;
                continue;
            }
            match text[i..].chars().next() {
                Some(c) if is_word_char(c) => {}
                Some(c) => {
                    i += c.len_utf8();
                    continue;
                }
                None => break,
            }
        }
        // The word: runs of ASCII letters (most prose), and the word
        // characters and filler bytes between them.
        let from = i;
        let mut kind = WordKind::default();
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&FILLER) => {
                    if stop(FILLER) {
                        return true;
                    }
                    kind.filler = true;
                    i += 1;
                }
                Some(b) if !b.is_ascii() => match text[i..].chars().next() {
                    Some(c) if is_word_char(c) => {
                        kind.other = true;
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        // A word of ASCII letters is told apart by its ends.
        if let (false, false, Some(first), Some(last)) = (
            kind.filler,
            kind.other,
            bytes[from..i].first(),
            bytes[from..i].last(),
        ) && !may_hold(
            i - from,
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
        ) {
            continue;
        }
        if offer(&text[from..i], kind) {
            return true;
        }
    }
    false
}

/// What a word [`any_word`] reads holds besides ASCII letters.
#[derive(Clone, Copy, Default)]
struct WordKind {
    other: bool,
    filler: bool,
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
    let quoted = quoted_ranges(text);
    let mut chars = Chars { text, at: 0 };
    // About one token in six bytes of prose.
    let mut tokens: Vec<Token<'t>> = Vec::with_capacity(text.len() / 6);
    let mut sentence = 0;
    let mut at_start = true;
    let mut pending_break = false;
    let mut after_colon = false;
    let mut newlines = 0;
    // The last two characters read, the last first.
    let mut previous: (Option<char>, Option<char>) = (None, None);
    while let Some((offset, c)) = chars.next() {
        let (before, before2) = previous;
        previous = (Some(c), before);
        if c as u32 == BOUNDARY as u32 {
            pending_break = true;
            continue;
        }
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                if newlines >= 2 || line_ends_sentence(&tokens, text, offset) {
                    pending_break = true;
                }
            }
            continue;
        }
        let starts_token = is_word_char(c) || c.is_ascii_digit() || c == PLACEHOLDER;
        if !starts_token {
            match c {
                '.' | '!' | '?' | '…' | '。' | '！' | '？'
                    if ends_sentence(chars.clone(), c, offset, text, abbreviations, &tokens) =>
                {
                    pending_break = true;
                }
                ':' => after_colon = true,
                '-' | '•' | '*' | '–' | '—' if newlines > 0 || tokens.is_empty() => {
                    // A bullet starts a new item.
                    pending_break = true;
                }
                _ => {}
            }
            continue;
        }
        newlines = 0;
        if pending_break && !tokens.is_empty() {
            sentence += 1;
        }
        let init = at_start || pending_break || after_colon;
        at_start = false;
        pending_break = false;
        after_colon = false;
        // The token: a run of word characters, digits, or one placeholder.
        let mut end = offset + c.len_utf8();
        let kind = if c == PLACEHOLDER {
            Kind::Placeholder
        } else if c.is_ascii_digit() {
            // Digits, and `.`, `,` or `:` between digits.
            while let Some((at, next)) = chars.peek()
                && (next.is_ascii_digit()
                    || (matches!(next, '.' | ',' | ':')
                        && chars.peek_second().is_some_and(|n| n.is_ascii_digit())))
            {
                chars.next();
                previous = (Some(next), previous.0);
                end = at + 1;
            }
            Kind::Number
        } else {
            loop {
                // Runs of ASCII letters, a byte at a time: most of prose.
                match chars.ascii_letters().as_bytes() {
                    [] => {}
                    &[last] => previous = (Some(char::from(last)), previous.0),
                    &[.., second, last] => {
                        previous = (Some(char::from(last)), Some(char::from(second)));
                    }
                }
                match chars.peek() {
                    Some((_, next)) if is_word_char(next) => {
                        chars.next();
                        previous = (Some(next), previous.0);
                    }
                    _ => break,
                }
            }
            // Just past the last character read.
            end = chars.at;
            Kind::Word
        };
        let raw = &text[offset..end];
        let word: Cow<'t, str> = if raw.bytes().any(|b| b == FILLER) {
            Cow::Owned(raw.chars().filter(|&c| c as u32 != FILLER as u32).collect())
        } else {
            Cow::Borrowed(raw)
        };
        let glued_before = match (before, before2) {
            (Some(g), Some(w)) if is_glue(g) && (is_word_char(w) || w.is_ascii_digit()) => Some(g),
            _ => None,
        };
        // The character after the next is read only after glue.
        let glued_after = match chars.peek() {
            Some((_, g)) if is_glue(g) => chars
                .peek_second()
                .filter(|&w| is_word_char(w) || w.is_ascii_digit())
                .map(|_| g),
            _ => None,
        };
        tokens.push(Token {
            text: word,
            span: offset..end,
            kind,
            sentence,
            init,
            glued_before,
            glued_after,
            // The ranges are sorted and disjoint.
            quoted: quoted
                .get(quoted.partition_point(|q| q.end <= offset))
                .is_some_and(|q| q.contains(&offset)),
        });
    }
    tokens
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
        // "3. Mai", "1. Klicken", list numbers.
        Kind::Number => return false,
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
/// sentence-final mark.
fn line_ends_sentence(tokens: &[Token], text: &str, offset: usize) -> bool {
    let before =
        text[..offset].trim_end_matches(|c: char| c.is_whitespace() || c as u32 == FILLER as u32);
    let ends = before.ends_with([':', '.', '!', '?', '…']);
    ends && !tokens.is_empty()
}

/// Byte ranges inside paired quotation marks, within one paragraph.
fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    // Most prose quotes nothing: find an opening mark before walking it.
    // `"` is one byte, `„` and `“` start with 0xE2, `«` with 0xC2.
    let bytes = text.as_bytes();
    let opens = memchr::memchr3_iter(b'"', 0xe2, 0xc2, bytes).any(|i| {
        let rest = &bytes[i..];
        rest[0] == b'"'
            || rest.starts_with("„".as_bytes())
            || rest.starts_with("“".as_bytes())
            || rest.starts_with("«".as_bytes())
    });
    if !opens {
        return ranges;
    }
    let mut open: Option<(usize, char)> = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        let paragraph_end = c as u32 == BOUNDARY as u32 || (c == '\n' && previous == '\n');
        if paragraph_end {
            open = None;
        }
        match open {
            None => {
                let opens = match c {
                    '„' | '“' | '«' => true,
                    '"' => !previous.is_alphanumeric(),
                    _ => false,
                };
                if opens {
                    open = Some((i, c));
                }
            }
            Some((start, opener)) => {
                let closes = match opener {
                    '„' => matches!(c, '“' | '”'),
                    '“' => c == '”',
                    '«' => c == '»',
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
    }
    ranges
}

/// `text` in lower case, borrowed when it has no capital: most words.
pub fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    } else if text.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `text` in lower case is `lower`, without allocating.
pub fn eq_lowercase(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// `count` texts of `pieces` pieces of `alphabet` each, for tests that hold
/// a fast path to a slow one: a fixed linear congruential sequence from
/// `seed`, so the same texts every run.
#[cfg(test)]
pub(crate) fn generated_texts<'a>(
    alphabet: &'a [&str],
    pieces: usize,
    count: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..pieces {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(alphabet[(state >> 33) as usize % alphabet.len()]);
        }
        text
    })
}

/// `word` with its first letter in capitals, for tests.
#[cfg(test)]
pub(crate) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The words of three letters or more, for tests of the looks that pass
/// prose over: ASCII words are told apart by their ends too (a lower-case
/// letter at each), so that a look that offers an ASCII word's ends
/// without lower-casing them misses words that start with a capital.
#[cfg(test)]
pub(crate) struct LongWords;

#[cfg(test)]
impl StartWords for LongWords {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        len >= 3 && first.is_ascii_lowercase() && last.is_ascii_lowercase()
    }

    fn holds(&self, lower: &str) -> bool {
        lower.chars().count() >= 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Prose {
        let mut prose = Prose::new();
        prose.push_text(0, 0, text);
        prose.mask();
        prose
    }

    /// `any_word` offers exactly the words `tokenize` makes, on texts built
    /// from the characters that decide where words end.
    #[test]
    fn any_word_offers_the_word_tokens() {
        let alphabet = [
            "a", "B", "é", "Ü", "\u{301}", "3", ".", ",", " ", "\n", "'", "-", "\u{7f}", "\u{1e}",
            "\u{fffc}", "İ", "ß", "日", ":", "\"", "„",
        ];
        // And words longer than `any_word`'s buffer for lower-cased ASCII.
        let long = ["Abcdefghij", "klmnopqrsT", "uvwxyz", " ", "é"];
        let texts = generated_texts(&alphabet, 12, 5_000, 0x2545_f491_4f6c_dd1d)
            .chain(generated_texts(&long, 16, 500, 0x9e37_79b9_7f4a_7c15));
        for text in texts {
            let tokens: Vec<String> = tokenize(&text, &HashSet::default())
                .into_iter()
                .filter(|t| t.kind == Kind::Word)
                .map(|t| lowercase(&t.text).into_owned())
                .collect();
            let mut offered = Vec::new();
            any_word(&text, |word| {
                offered.push(word.to_owned());
                false
            });
            assert_eq!(offered, tokens, "{text:?}");
            for (i, word) in tokens.iter().enumerate() {
                let mut seen = 0;
                assert!(any_word(&text, |w| {
                    seen += 1;
                    w == word
                }));
                assert!(seen <= i + 1);
            }
        }
    }

    fn sentences(text: &str, abbreviations: &[&str]) -> Vec<Vec<String>> {
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &super::abbreviations(abbreviations));
        let mut out: Vec<Vec<String>> = Vec::new();
        for token in tokens {
            if out.len() <= token.sentence {
                out.resize(token.sentence + 1, Vec::new());
            }
            let mark = if token.init { "^" } else { "" };
            out[token.sentence].push(format!("{mark}{}", token.text));
        }
        out
    }

    #[test]
    fn sentences_and_initial_words() {
        assert_eq!(
            sentences("Klicken Sie hier. Sie ist unterwegs! Danke", &[]),
            vec![
                vec!["^Klicken", "Sie", "hier"],
                vec!["^Sie", "ist", "unterwegs"],
                vec!["^Danke"]
            ]
        );
    }

    #[test]
    fn abbreviations_numbers_and_initials_do_not_end_sentences() {
        let split = sentences("Zahlen Sie z. B. am 3. Mai an J. Smith. Danke", &["z. b."]);
        assert_eq!(split.len(), 2, "{split:?}");
        let split = sentences("Bel ons bijv. morgen. Dank u", &["bijv."]);
        assert_eq!(split.len(), 2, "{split:?}");
        // In capitals, beyond ASCII, and longer than a word is lowered on
        // the stack: as a word and as a run of letters and periods.
        let long = "abcdefghijklmnopqrstuvwxyzabcdefghij.";
        for (text, abbreviation) in [
            ("Bel ons BIJV. morgen. Dank u", "bijv."),
            ("Siehe Übers. unten. Danke", "übers."),
            ("Siehe ÜBERS. unten. Danke", "übers."),
            ("Ein Z.b. hier. Danke", "z.b."),
            (&format!("Ein {} hier. Danke", long.to_uppercase()), long),
            ("Ein X.Y.Z.Ä.Bc. hier. Danke", "x.y.z.ä.bc."),
        ] {
            let split = sentences(text, &[abbreviation]);
            assert_eq!(split.len(), 2, "{text}: {split:?}");
            assert_eq!(sentences(text, &[]).len(), 3, "{text}");
        }
    }

    #[test]
    fn a_period_after_a_no_break_space_is_no_panic() {
        // French puts U+202F before `?` and U+00A0 in numbers: multi-byte spaces.
        let split = sentences(
            "Votre code\u{202f}: abc\u{a0}def. Merci\u{a0}! Bonne journée",
            &["p."],
        );
        assert_eq!(split.len(), 3, "{split:?}");
    }

    #[test]
    fn a_colon_makes_the_next_word_initial() {
        assert_eq!(
            sentences("Hinweis: Sie haben", &[]),
            vec![vec!["^Hinweis", "^Sie", "haben"]]
        );
    }

    #[test]
    fn a_wrapped_line_continues_the_sentence() {
        assert_eq!(
            sentences("Hallo Max,\nSie haben", &[]),
            vec![vec!["^Hallo", "Max", "Sie", "haben"]]
        );
        assert_eq!(sentences("Vielen Dank.\nSie haben", &[]).len(), 2);
        assert_eq!(sentences("Eins\n\nZwei", &[]).len(), 2);
    }

    #[test]
    fn glue_marks_words_that_belong_together() {
        let prose = prose("sms'je u-bocht t'aider je");
        let tokens = tokenize(prose.text(), &HashSet::default());
        let glued: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.glued_before, t.glued_after))
            .collect();
        assert_eq!(glued[1], ("je".into(), Some('\''), None));
        assert_eq!(glued[2], ("u".into(), None, Some('-')));
        assert_eq!(glued[4], ("t".into(), None, Some('\'')));
        assert_eq!(glued[6], ("je".into(), None, None));
        // Glue before no word, or before the end, glues nothing.
        let loose = self::prose("u- en -je je'");
        let tokens = tokenize(loose.text(), &HashSet::default());
        let glued: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.glued_before, t.glued_after))
            .collect();
        assert_eq!(glued[0], ("u".into(), None, None));
        assert_eq!(glued[2], ("je".into(), None, None));
        assert_eq!(glued[3], ("je".into(), None, None));
    }

    #[test]
    fn html_is_masked_and_visible_attributes_are_sentences() {
        let text = r#"Klik <a href="https://x.example/je">hier</a> of <b>u</b><br>wacht. <img src="a.png" alt="Logo van je winkel">"#;
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &HashSet::default());
        let words: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.sentence))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Klik".into(), 0),
                ("hier".into(), 0),
                ("of".into(), 0),
                ("u".into(), 0),
                ("wacht".into(), 1),
                ("Logo".into(), 2),
                ("van".into(), 2),
                ("je".into(), 2),
                ("winkel".into(), 2)
            ]
        );
        // Offsets stay true: `u` is where it is in the source.
        let u = &tokens[3];
        assert_eq!(&text[u.span.clone()], "u");
    }

    #[test]
    fn entities_urls_and_addresses() {
        let text = "Mail je&nbsp;vraag naar hulp@winkel.example of ga naar www.je-winkel.example. Sms&rsquo;je";
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &HashSet::default());
        let words: Vec<_> = tokens.iter().map(|t| t.text.to_string()).collect();
        assert_eq!(
            words,
            [
                "Mail", "je", "vraag", "naar", "of", "ga", "naar", "Sms", "je"
            ]
        );
        assert_eq!(tokens[8].glued_before, Some('\''));
    }

    #[test]
    fn quoted_words_are_marked() {
        let prose = prose("Wij noemen het „je eigen winkel” in de app.");
        let tokens = tokenize(prose.text(), &HashSet::default());
        let je = tokens.iter().find(|t| t.text == "je").unwrap();
        assert!(je.quoted);
        assert!(!tokens[0].quoted);
    }

    #[test]
    fn placeholders_map_to_the_placeable() {
        let mut prose = Prose::new();
        prose.push_text(0, 10, "Hallo ");
        prose.push_placeholder(0, 18..26);
        prose.push_text(0, 28, ", Sie");
        prose.mask();
        let tokens = tokenize(prose.text(), &HashSet::default());
        assert_eq!(tokens[1].kind, Kind::Placeholder);
        assert!(
            !tokens[2].init,
            "a placeable is a word: `Sie` is mid-sentence"
        );
        assert_eq!(prose.source(tokens[1].span.clone()), Some((0, 18..26)));
        assert_eq!(prose.source(tokens[2].span.clone()), Some((0, 30..33)));
    }
}
