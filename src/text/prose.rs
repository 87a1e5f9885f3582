//! Prose assembled from pieces of source files, with the map back from
//! each byte of it to the file and offset it came from.

use std::ops::Range;

use super::mask::{contains, mask_foreign_placeholders, mask_markup};
use super::{BOUNDARY, FILLER, PLACEHOLDER};

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

    /// The text, kept where the pieces are no longer needed.
    pub fn into_text(self) -> String {
        self.text
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

    /// The file and byte range of a range of the prose that lies within one
    /// piece of text, as a fix must: `None` across pieces (markup or a
    /// placeable between) or on a placeholder.
    pub fn source_within(&self, range: Range<usize>) -> Option<(usize, Range<usize>)> {
        let index = self.pieces.partition_point(|p| p.at + p.len <= range.start);
        let piece = self.pieces.get(index)?;
        let inside = piece.at <= range.start && range.end <= piece.at + piece.len;
        if !inside || piece.source_len != piece.len {
            return None;
        }
        let start = piece.source + (range.start - piece.at);
        Some((piece.file, start..start + range.len()))
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
