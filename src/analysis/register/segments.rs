//! The segments of an email (each message value and attribute it shows),
//! the selectors their text depends on, and the choices of variants an
//! email is read on.

use crate::syntax::TextSet as HashSet;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::analysis::prefilter::may_read_word_or_comma;
use crate::analysis::prose::{VariantChoice, selector_key};
use crate::packs::ReferenceSigns;
use crate::project::emails::Email;
use crate::project::locale::MAX_REFERENCE_DEPTH;
use crate::syntax::{key_name, patterns};

use super::Reader;

/// More combinations of selector values than this are not enumerated: each
/// selector then varies alone while the others keep their default.
const MAX_CHOICES: usize = 64;
/// Choices judged when each selector value goes alone: real selects have a
/// handful of variants, and a select of 300,000 is judged in linear time.
const MAX_CHOICES_ALONE: usize = 256;

/// A segment of an email: a message value or one attribute.
pub(super) struct Segment<'a, 's> {
    pub(super) file: usize,
    pub(super) message_id: &'s str,
    pub(super) attribute: Option<&'s str>,
    pub(super) pattern: &'a Pattern<&'s str>,
    /// The selectors this segment's text depends on.
    pub(super) selectors: Vec<usize>,
    /// Whether its prose may have, on some choice of variants, a word a marker,
    /// salutation or sign-off starts with, or end with a comma: told from
    /// its pieces, so that most segments need not be written to read as
    /// nothing.
    pub(super) may_read: bool,
    /// What its reference shows of the reader, once asked
    /// ([`Reader::reference_of`]); `None` without a reference.
    pub(super) reference: std::cell::OnceCell<Option<ReferenceSigns>>,
}

/// The selectors of an email and the values their variants name, each
/// once, in the order they were found.
#[derive(Default)]
pub(super) struct Selectors {
    pub(super) list: Vec<(String, Vec<String>)>,
    by_key: crate::syntax::TextMap<String, usize>,
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

/// The values a choice gives the selectors a segment depends on (`None` for
/// a default variant).
pub(super) type Values<'p> = Vec<Option<&'p str>>;

impl<'a, 's> Reader<'a, 's> {
    /// The segments of an email, skipping messages another message of the
    /// email already pulls in; collects the selectors they depend on.
    pub(super) fn segments(
        &self,
        email: &Email<'a, 's>,
        selectors: &mut Selectors,
    ) -> Vec<Segment<'a, 's>> {
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
                    reference: std::cell::OnceCell::new(),
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
}

/// Enumerates the choices: every combination while there are few, else the
/// defaults plus each selector value on its own, taking the selectors'
/// values in turn, up to [`MAX_CHOICES_ALONE`] choices.
pub(super) fn enumerate(selectors: &[(String, Vec<String>)]) -> Vec<VariantChoice> {
    let total = selectors.iter().try_fold(1usize, |acc, (_, values)| {
        acc.checked_mul(values.len().max(1))
    });
    match total {
        Some(total) if total <= MAX_CHOICES => {
            let mut choices: Vec<VariantChoice> = vec![Vec::new()];
            for (_, values) in selectors {
                let mut next = Vec::new();
                for choice in &choices {
                    if values.is_empty() {
                        let mut p = choice.clone();
                        p.push(None);
                        next.push(p);
                    }
                    for value in values {
                        let mut p = choice.clone();
                        p.push(Some(value.clone()));
                        next.push(p);
                    }
                }
                choices = next;
            }
            choices
        }
        _ => {
            let mut choices = vec![vec![None; selectors.len()]];
            let longest = selectors.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
            'values: for nth in 0..longest {
                for (i, (_, values)) in selectors.iter().enumerate() {
                    let Some(value) = values.get(nth) else {
                        continue;
                    };
                    if choices.len() == MAX_CHOICES_ALONE {
                        break 'values;
                    }
                    let mut choice = vec![None; selectors.len()];
                    choice[i] = Some(value.clone());
                    choices.push(choice);
                }
            }
            choices
        }
    }
}
