//! Words as the tokenizer makes them, looked for without tokenizing: most
//! prose holds no word a pack's entries start at, and is passed over.

use super::{BOUNDARY, FILLER};

/// Whether `c` is part of the words [`tokenize`](super::tokenize) and [`any_word`] make.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Whether, written into prose and masked with [`Prose::mask_markup`](super::Prose::mask_markup), a
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

/// Whether `wanted` accepts the lower-cased text of a word [`tokenize`](super::tokenize)
/// would make of `text`. Every word token is offered (quoted ones too):
/// the plain look that [`any_start_word`], which passes most words over
/// unoffered, must answer to.
#[cfg(test)]
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

/// [`any_word`] for the words of a set: whether a word [`tokenize`](super::tokenize) would
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

/// The words of `text` as [`tokenize`](super::tokenize) makes them, offered lower-cased to
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

/// Whether `text` in lower case is `lower`, without allocating; byte by
/// byte where `text` is ASCII, as most words are.
pub fn eq_lowercase(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        return text.len() == lower.len()
            && text
                .bytes()
                .zip(lower.bytes())
                .all(|(t, l)| t.to_ascii_lowercase() == l);
    }
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}
