//! Source text and Fluent syntax: a file as read, its lines and columns, its
//! parse, and walkers over the parsed entries. Knows nothing of locales,
//! emails or rules.

mod explain;
mod keyed;
mod nesting;
mod parse;
mod source;
mod walk;

pub use keyed::{TextMap, TextSet};
pub use parse::{EntryId, EntryKind, ParsedFile, parse};
pub use source::{LineCol, SourceFile, floor_char_boundary, line_col, read_bytes, read_text};
pub use walk::{
    Reference, attribute, comment_lines, entry_patterns, key_name, patterns, visit_references,
    visit_references_in_context, visit_selects,
};
