//! The project's own rules (`[[rule]]` in a rule pack): words, phrases and
//! patterns a project does not want its emails to say, matched in every
//! variant of every message. Their documentation is the pack's.

use std::collections::BTreeMap;

use fluent_syntax::ast::Pattern;

use crate::analysis::phrases::{Matched, PhraseMatch, packs_for, phrase_matches, phrase_start};
use crate::analysis::prefilter::may_write_word;
use crate::finding::{MAX_LISTED, RawFinding};
use crate::fix::{Applicability, Fix};
use crate::packs::{Pack, ProjectRule};
use crate::project::locale::LocaleModel;
use crate::rules::written::{WrittenPattern, each_written, per_file};
use crate::rules::{Check, Context, Listing, RuleMeta};

/// Runs every project rule of the packs that serve the locale.
pub struct ProjectRules;

impl Check for ProjectRules {
    /// None of the built-in ones: the project's rules are the packs'.
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[]
    }

    fn runs(&self, cx: &Context<'_, '_>) -> bool {
        cx.settings.packs.rules().any(|rule| cx.enabled(rule.meta))
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let packs = packs_for(&cx.settings.packs, cx.locale);
        out.extend(Self::findings(cx.locale, &packs, |rule| {
            cx.enabled(rule.meta)
        }));
    }
}

impl ProjectRules {
    /// The findings of the rules of `packs` that `enabled` accepts, in every
    /// pattern of the locale.
    pub(crate) fn findings<'a>(
        locale: &LocaleModel<'a>,
        packs: &[&Pack],
        enabled: impl Fn(&ProjectRule) -> bool + Sync,
    ) -> Vec<RawFinding<'a>> {
        let rules: Vec<&ProjectRule> = packs
            .iter()
            .flat_map(|pack| pack.project_rules())
            .filter(|&rule| enabled(rule))
            .collect();
        if rules.is_empty() {
            return Vec::new();
        }
        // A regular expression may match any text; words and phrases only
        // where a word they start with is written.
        let regexes = rules.iter().any(|rule| rule.pattern.is_some());
        let starts = phrase_start(packs, false);
        per_file(locale, |file| {
            // Each rule's findings are listed on their own.
            let mut listings: BTreeMap<&'static str, Listing<'a>> = BTreeMap::new();
            let wants = |pattern: &Pattern<&str>| regexes || may_write_word(pattern, &starts);
            each_written(locale, file, wants, |written| {
                let (found, more) =
                    phrase_matches(packs, written.prose, false, &enabled, MAX_LISTED);
                for found in found {
                    if let Matched::Rule(rule) = found.matched {
                        listing(&mut listings, rule).push(finding(written, rule, &found));
                    }
                }
                for (matched, more) in more {
                    if let Matched::Rule(rule) = matched {
                        listing(&mut listings, rule).skip(more);
                    }
                }
            });
            listings.into_values().flat_map(Listing::finish).collect()
        })
    }
}

/// The listing of `rule`'s findings.
fn listing<'l, 'a>(
    listings: &'l mut BTreeMap<&'static str, Listing<'a>>,
    rule: &ProjectRule,
) -> &'l mut Listing<'a> {
    listings
        .entry(rule.meta.id)
        .or_insert_with(|| Listing::new("file"))
}

/// A finding of project rule `rule` in its own words: `{match}` in its
/// message and help is the text found.
fn finding<'a>(
    written: &WrittenPattern<'_, 'a>,
    rule: &ProjectRule,
    found: &PhraseMatch,
) -> RawFinding<'a> {
    let text = found.text.as_str();
    let mut finding = written.finding(
        rule.meta,
        found.span.clone(),
        rule.message.replace("{match}", text),
    );
    finding.help = match (&rule.help, &rule.replace) {
        (Some(help), _) => Some(help.replace("{match}", text)),
        (None, Some(replace)) => Some(format!("write “{replace}”")),
        (None, None) => None,
    };
    // The project's own replacement, where the match is written as one
    // run of text.
    let written_as = written.source.text.get(found.span.clone());
    if let (Some(replace), true) = (&rule.replace, written_as == Some(text)) {
        finding = finding.fix(Fix::replace(
            format!("Replace “{text}” with “{replace}”"),
            Applicability::Safe,
            found.span.clone(),
            replace.clone(),
        ));
    }
    finding
}
