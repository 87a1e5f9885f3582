//! What the rules over written patterns share (`calque`,
//! `leaked-identifier`, the project's rules): each pattern of a file written
//! out with every variant, as [`crate::analysis::phrases`] reads it, and
//! findings file by file.

use fluent_syntax::ast::Pattern;
use rayon::prelude::*;

use crate::analysis::phrases::write_all_variants;
use crate::analysis::prose::{Origin, OriginRef};
use crate::finding::{RawFinding, RuleMeta};
use crate::project::locale::LocaleModel;
use crate::syntax::{EntryId, EntryKind, ParsedFile};
use crate::text::Prose;

/// One pattern of a message or term, written out.
pub(crate) struct WrittenPattern<'w, 'a> {
    pub file: usize,
    pub source: &'a crate::syntax::SourceFile,
    pub id: EntryId<'a>,
    pub attribute: Option<&'a str>,
    pub pattern: &'w Pattern<&'a str>,
    /// Every variant of the pattern, references as placeholders, markup and
    /// addresses masked.
    pub prose: &'w Prose,
}

impl<'a> WrittenPattern<'_, 'a> {
    /// A finding of `rule` at `span` of the pattern's file.
    pub fn finding(
        &self,
        rule: &'static RuleMeta,
        span: std::ops::Range<usize>,
        message: String,
    ) -> RawFinding<'a> {
        RawFinding::new(rule, self.source, span, message)
            .message_id(self.id.to_string())
            .attribute(self.attribute)
    }

    /// Where the pattern is, owned.
    pub fn origin(&self) -> Origin {
        OriginRef {
            file: self.file,
            term: self.id.kind == EntryKind::Term,
            id: self.id.name,
            attribute: self.attribute,
        }
        .to_origin()
    }
}

/// The findings `each` makes of every file of the locale, on every core, in
/// file order.
pub(crate) fn per_file<'a>(
    locale: &LocaleModel<'a>,
    each: impl Fn(usize) -> Vec<RawFinding<'a>> + Sync + Send,
) -> Vec<RawFinding<'a>> {
    let found: Vec<Vec<RawFinding<'a>>> =
        (0..locale.files.len()).into_par_iter().map(each).collect();
    found.into_iter().flatten().collect()
}

/// Writes out each pattern of file `file` that `wants` passes (a rule may
/// find something in it) and hands it to `each`.
pub(crate) fn each_written<'a>(
    locale: &LocaleModel<'a>,
    file: usize,
    wants: impl Fn(&Pattern<&str>) -> bool,
    mut each: impl FnMut(&WrittenPattern<'_, 'a>),
) {
    let parsed: &ParsedFile<'a> = &locale.files[file];
    // One buffer for the file's patterns.
    let mut prose = Prose::new();
    for (id, attribute, pattern) in crate::syntax::entry_patterns(parsed) {
        if !wants(pattern) {
            continue;
        }
        write_all_variants(locale, file, pattern, &mut prose);
        each(&WrittenPattern {
            file,
            source: parsed.source,
            id,
            attribute,
            pattern,
            prose: &prose,
        });
    }
}
