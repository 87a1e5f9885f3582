//! One source file: its text, the BOM, and the table that turns a byte offset
//! into a 1-based line and a column counted in Unicode scalar values.

use std::ops::Range;
use std::sync::OnceLock;

const BOM: &str = "\u{feff}";

/// A file as read from disk. Offsets everywhere in etiquette are byte offsets
/// into [`SourceFile::text`], BOM included, so they stay true in editors.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as reached from the root the user gave (relative stays
    /// relative), with `/` separators.
    pub path: String,
    /// The path below the locale folder, with `/` separators (`orders/refund.ftl`).
    pub rel_path: String,
    /// The text of the file. When the file is not valid UTF-8, each invalid
    /// sequence is read as U+FFFD (�), as a lossy decoder writes it, and
    /// [`SourceFile::invalid_utf8`] holds where the first one was.
    pub text: String,
    /// Byte offset of the first invalid UTF-8 byte, if any.
    pub invalid_utf8: Option<usize>,
    /// Made the first time a position is asked for: most files of a run
    /// have no finding.
    line_starts: OnceLock<Vec<usize>>,
    /// Every [`CHECKPOINT`] bytes, (byte offset, characters before it), so
    /// that a column on a 10 MB line is found without counting the line;
    /// made when a column that far into a line is asked for.
    checkpoints: OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two checkpoints.
const CHECKPOINT: usize = 4096;

/// A position at the edge: 1-based line and column, the column counted in
/// Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The largest file etiquette reads: real `.ftl` files are a few hundred
/// kilobytes at most.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]: a device
/// (`/dev/zero`) would be read until memory runs out, a FIFO would block
/// forever, and a file of gigabytes is no template.
pub fn read_bytes(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    // The file's own metadata, not the path's: what is read is what was
    // looked at.
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    let too_large = || {
        Error::new(
            ErrorKind::InvalidData,
            format!("larger than {} MB", MAX_FILE_BYTES >> 20),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads a file the user named as text, as [`read_bytes`] does.
pub fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    String::from_utf8(read_bytes(path)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"))
}

impl SourceFile {
    /// Builds a source file from raw bytes. Invalid UTF-8 is read lossily:
    /// one wrong byte does not hide the rest of the file from the checks.
    pub fn from_bytes(path: String, rel_path: String, bytes: Vec<u8>) -> Self {
        let (text, invalid_utf8) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                // Up to the first invalid byte, the decoded text is the file.
                let valid = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                (text, Some(valid))
            }
        };
        SourceFile {
            path,
            rel_path,
            text,
            invalid_utf8,
            line_starts: OnceLock::new(),
            checkpoints: OnceLock::new(),
        }
    }

    /// Builds a source file from text (tests, stdin).
    pub fn new(path: &str, text: impl Into<String>) -> Self {
        Self::from_bytes(path.to_owned(), path.to_owned(), text.into().into_bytes())
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    fn checkpoints(&self) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| checkpoints(&self.text))
    }

    /// The byte offset where Fluent content starts: 3 after a BOM, else 0.
    pub fn body_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// The text after the BOM: what the parser sees. Slices of it point into
    /// [`SourceFile::text`], so pointer arithmetic gives true offsets.
    pub fn body(&self) -> &str {
        &self.text[self.body_start()..]
    }

    /// The byte offset of `part`, which must be a slice of this file's text.
    pub fn offset_of(&self, part: &str) -> usize {
        offset_in(&self.text, part)
    }

    /// The byte range of `part`, which must be a slice of this file's text.
    pub fn span_of(&self, part: &str) -> Range<usize> {
        let start = self.offset_of(part);
        start..start + part.len()
    }

    /// The 1-based line and column of a byte offset. Offsets past the end, or
    /// inside a multi-byte character, are clamped to a character boundary.
    pub fn line_col(&self, offset: usize) -> LineCol {
        position(
            &self.text,
            self.line_starts(),
            |at| self.chars_before(at),
            offset,
        )
    }

    /// The number of characters before byte `offset`, a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints().partition_point(|&(at, _)| at <= offset);
        let (at, chars) = match i {
            0 => (0, 0),
            i => self.checkpoints()[i - 1],
        };
        chars + self.text[at..offset].chars().count()
    }

    /// The number of lines, counting a last line without a line break.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where the 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// The 1-based line and column of `offset` in a text that has no
/// [`SourceFile`] (a config, sample arguments): see [`SourceFile::line_col`].
pub fn line_col(text: &str, offset: usize) -> LineCol {
    position(
        text,
        &line_starts(text),
        |at| text[..at].chars().count(),
        offset,
    )
}

/// Where `offset` is in `text`, whose lines start at `starts`: the line,
/// and the column in Unicode scalar values (`chars_before` counts them up to
/// a character boundary). A BOM is no column anyone can see.
fn position(
    text: &str,
    starts: &[usize],
    chars_before: impl Fn(usize) -> usize,
    offset: usize,
) -> LineCol {
    let offset = floor_char_boundary(text, offset);
    let line_index = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let line_start = starts[line_index];
    // Lines are short: count from the line's start, unless it is one of
    // those 10 MB lines.
    let mut column = if offset - line_start <= CHECKPOINT {
        text[line_start..offset].chars().count() + 1
    } else {
        chars_before(offset) - chars_before(line_start) + 1
    };
    if line_index == 0 && text.starts_with(BOM) && offset >= BOM.len() {
        column -= 1;
    }
    LineCol {
        line: line_index + 1,
        column,
    }
}

/// `offset`, clamped to `text` and moved back to a character boundary.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The byte offset of `part` inside `whole`; `part` must be a slice of `whole`.
pub fn offset_in(whole: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    debug_assert!(offset <= whole.len(), "`part` is not a slice of `whole`");
    offset.min(whole.len())
}

/// Every [`CHECKPOINT`] bytes: (byte offset, characters before it).
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT);
    let (mut at, mut chars) = (0, 0);
    while at + CHECKPOINT < text.len() {
        let next = floor_char_boundary(text, at + CHECKPOINT);
        chars += text[at..next].chars().count();
        at = next;
        checkpoints.push((at, chars));
    }
    checkpoints
}

/// Byte offsets of every line start. `\r\n`, `\n` and a lone `\r` each end a line.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            // The `\n` of a `\r\n` ended its line at the `\r`.
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => starts.push(i + 2),
            _ => starts.push(i + 1),
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> LineCol {
        let file = SourceFile::new("t.ftl", text);
        let offset = file.text.find(needle).expect("needle in text");
        file.line_col(offset)
    }

    #[test]
    fn first_line_and_column() {
        assert_eq!(at("a = b\n", "a"), LineCol { line: 1, column: 1 });
        assert_eq!(at("a = b\n", "b"), LineCol { line: 1, column: 5 });
    }

    #[test]
    fn crlf_is_one_line_break() {
        let text = "a = one\r\nb = two\r\n";
        assert_eq!(at(text, "b"), LineCol { line: 2, column: 1 });
        assert_eq!(at(text, "two"), LineCol { line: 2, column: 5 });
        let file = SourceFile::new("t.ftl", text);
        assert_eq!(file.line_text(1), "a = one");
        assert_eq!(file.line_count(), 3);
    }

    #[test]
    fn lone_cr_breaks_a_line() {
        assert_eq!(at("a = x\rb = y", "b"), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn columns_count_scalar_values() {
        let text = "bye = Tschüss, { $nmae }\n";
        // As annotate-snippets counts: `nmae` is at 1:19, its `$` at 1:18.
        assert_eq!(
            at(text, "nmae"),
            LineCol {
                line: 1,
                column: 19
            }
        );
        assert_eq!(
            at(text, "$nmae"),
            LineCol {
                line: 1,
                column: 18
            }
        );
        assert_eq!(at("x = 🙂 je\n", "je"), LineCol { line: 1, column: 7 });
    }

    #[test]
    fn bom_is_stripped_without_shifting_offsets() {
        let file = SourceFile::new("t.ftl", "\u{feff}a = b\n");
        assert_eq!(file.body_start(), 3);
        assert_eq!(file.body(), "a = b\n");
        assert_eq!(file.offset_of(file.body()), 3);
        assert_eq!(file.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(7), LineCol { line: 1, column: 5 });
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let file = SourceFile::new("t.ftl", "é\n");
        assert_eq!(file.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(99), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn invalid_utf8_is_read_lossily() {
        let file = SourceFile::from_bytes(
            "t.ftl".into(),
            "t.ftl".into(),
            b"a = ok\nb = \xff\nc = more\n".to_vec(),
        );
        assert_eq!(file.invalid_utf8, Some(11));
        assert_eq!(file.text, "a = ok\nb = \u{fffd}\nc = more\n");
        assert_eq!(file.line_col(11), LineCol { line: 2, column: 5 });
    }
}
