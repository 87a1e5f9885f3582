//! The review page, `etiquette render --format html`: every email in every
//! locale as the customer reads it, beside the reference, with the
//! findings of `check` marked in the text, in one self-contained HTML page
//! (inline style, a few lines of inline script, nothing from the network).
//!
//! The page is built from what the other layers made: the rendered emails
//! ([`Rendered`]), the findings ([`Finding`]) and, to mark what changed, an
//! earlier render ([`Previous`]). Template text is shown through
//! `markup`: sanitized markup, text as text.

mod compare;
mod markup;
mod style;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;

pub use compare::{Change, Previous};
use markup::{Mark, escape, locate, message_html};

use crate::finding::{Finding, Severity};
use crate::render::{Fault, Rendered, RenderedMessage};

/// What the page shows: the emails as rendered, by email and locale, and
/// the findings about them.
pub struct Review {
    reference: String,
    /// The reference first, then the others by name.
    locales: Vec<String>,
    emails: BTreeMap<String, HashMap<String, Rendered>>,
    findings: Vec<Finding>,
    previous: Option<Previous>,
    /// The emails the page was asked for (all when empty).
    only: Vec<String>,
}

/// Emails written a batch at a time, each batch built on every core.
const EMAILS_PER_BATCH: usize = 64;

impl Review {
    /// A page for `locales`, whose reference is `reference`.
    pub fn new(reference: &str, locales: &[String], previous: Option<Previous>) -> Self {
        let mut others: Vec<String> = locales
            .iter()
            .filter(|l| *l != reference)
            .cloned()
            .collect();
        others.sort();
        others.dedup();
        let mut locales = vec![reference.to_owned()];
        locales.extend(others);
        Self {
            reference: reference.to_owned(),
            locales,
            emails: BTreeMap::new(),
            findings: Vec::new(),
            previous,
            only: Vec::new(),
        }
    }

    /// Shows only these emails (as `--email` names them): an email of the
    /// earlier render that is not one of them is not said to be gone.
    pub fn only(&mut self, emails: &[String]) {
        self.only = emails.to_vec();
    }

    /// An email rendered in one locale.
    pub fn add(&mut self, rendered: Rendered) {
        self.emails
            .entry(rendered.email.clone())
            .or_default()
            .insert(rendered.locale.clone(), rendered);
    }

    /// The findings of a check of the same project. Its `render-error`
    /// findings are the faults of the rendered emails, which the page
    /// shows where they happen: they are not counted twice.
    pub fn add_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings
            .extend(findings.into_iter().filter(|f| f.rule != "render-error"));
    }

    /// Writes the page.
    pub fn write(&self, out: &mut (impl io::Write + ?Sized)) -> io::Result<()> {
        let index = FindingIndex::new(&self.findings);
        out.write_all(self.head().as_bytes())?;
        out.write_all(self.overview(&index).as_bytes())?;
        let emails: Vec<_> = self.emails.iter().enumerate().collect();
        for batch in emails.chunks(EMAILS_PER_BATCH) {
            use rayon::prelude::*;
            let sections: Vec<String> = batch
                .par_iter()
                .map(|(number, (email, rendered))| {
                    self.email_section(*number, email, rendered, &index)
                })
                .collect();
            for section in sections {
                out.write_all(section.as_bytes())?;
            }
        }
        out.write_all(self.outside(&index).as_bytes())?;
        write!(
            out,
            "</main>\n<script>{}</script>\n</body>\n</html>\n",
            style::SCRIPT
        )
    }

    /// The document's head and the page's heading, with what it holds.
    fn head(&self) -> String {
        let mut html = String::new();
        let counts = Counts::of(self.findings.iter());
        let emails = plural(self.emails.len(), "email", "emails");
        let locales = plural(self.locales.len(), "locale", "locales");
        let faults: usize = self
            .emails
            .values()
            .flat_map(HashMap::values)
            .map(|r| r.faults.len())
            .sum();
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <title>etiquette · {emails} in {locales}</title>\n<style>{}</style>\n</head>\n<body>\n\
             <header>\n<h1>{emails} in {locales}</h1>\n<p class=\"summary\">{} · {} · {} · {} · reference {}</p>\n",
            style::CONTENT_SECURITY_POLICY,
            style::CSS,
            legend(counts.errors, "error", "errors"),
            legend(counts.warnings, "warning", "warnings"),
            legend(counts.infos, "info", "infos"),
            legend(faults, "fault", "render errors"),
            escape(&self.reference),
        );
        if let Some(previous) = &self.previous {
            let _ = writeln!(html, "<p class=\"summary\">{}</p>", self.changes(previous));
        }
        html.push_str("</header>\n<main>\n");
        html
    }

    /// What changed since the earlier render, in counts.
    fn changes(&self, previous: &Previous) -> String {
        let (mut changed, mut added, mut removed) = (0, 0, 0);
        for (email, locales) in &self.emails {
            for (locale, rendered) in locales {
                for message in &rendered.messages {
                    match change(previous, locale, email, message) {
                        Change::Changed => changed += 1,
                        Change::Added => added += 1,
                        Change::Same => {}
                    }
                }
                removed += removed_messages(previous, rendered).len();
            }
        }
        let mut gone: Vec<String> = previous
            .emails()
            .filter(|(locale, email)| {
                self.emails
                    .get(*email)
                    .is_none_or(|l| !l.contains_key(*locale))
                    && self.locales.iter().any(|l| l == locale)
            })
            .map(|(locale, email)| format!("{} · {}", escape(locale), escape(email)))
            .collect();
        gone.sort();
        gone.dedup();
        let mut line = format!(
            "Since the earlier render: {} changed, {} added, {} removed",
            plural(changed, "message", "messages"),
            added,
            removed
        );
        if !gone.is_empty() {
            let _ = write!(line, "; emails gone: {}", gone.join(", "));
        }
        line
    }

    /// The matrix of emails and locales, each cell with its findings by
    /// severity and a link to the email in that locale.
    fn overview(&self, index: &FindingIndex<'_>) -> String {
        let mut html = String::from(
            "<nav id=\"overview\" aria-label=\"Overview\">\n<h2>Overview</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Email</th>",
        );
        for (number, locale) in self.locales.iter().enumerate() {
            let _ = write!(
                html,
                "<th scope=\"col\">{}{}</th>",
                escape(locale),
                if number == 0 {
                    " <small>reference</small>"
                } else {
                    ""
                }
            );
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for (number, (email, rendered)) in self.emails.iter().enumerate() {
            let _ = write!(
                html,
                "<tr><th scope=\"row\"><a href=\"#e{number}\">{}</a></th>",
                escape(email)
            );
            for (column, locale) in self.locales.iter().enumerate() {
                match rendered.get(locale) {
                    None => html.push_str("<td class=\"absent\">—</td>"),
                    Some(rendered) => {
                        let findings = index.of(locale, Some(email));
                        let changed = self
                            .previous
                            .as_ref()
                            .is_some_and(|p| has_changes(p, rendered));
                        let _ = write!(
                            html,
                            "<td><a href=\"#e{number}-l{column}\">{}{}</a></td>",
                            badges(Counts::of(findings.iter().copied()), &rendered.faults),
                            if changed {
                                "<span class=\"delta\" title=\"changed\">Δ</span>"
                            } else {
                                ""
                            }
                        );
                    }
                }
            }
            html.push_str("</tr>\n");
        }
        if self.locales.iter().any(|l| !index.of(l, None).is_empty()) {
            html.push_str("<tr><th scope=\"row\"><a href=\"#outside\">Outside any email</a></th>");
            for locale in &self.locales {
                let _ = write!(
                    html,
                    "<td>{}</td>",
                    badges(Counts::of(index.of(locale, None).iter().copied()), &[])
                );
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table></div>\n</nav>\n");
        html
    }

    /// One email: the reference beside a chosen locale, the others a
    /// keyboard's arrow away.
    fn email_section(
        &self,
        number: usize,
        email: &str,
        rendered: &HashMap<String, Rendered>,
        index: &FindingIndex<'_>,
    ) -> String {
        let mut html = String::new();
        let _ = write!(
            html,
            "<section class=\"email\" id=\"e{number}\" aria-labelledby=\"e{number}-h\">\n\
             <h2 id=\"e{number}-h\">{}</h2>\n<div class=\"pair\">\n",
            escape(email)
        );
        let panel = |locale: &str| {
            let findings = index.of(locale, Some(email));
            self.panel(locale, email, rendered.get(locale), &findings)
        };
        let _ = write!(
            html,
            "<div class=\"side reference\" id=\"e{number}-l0\"{}>\n<h3>{} <small>reference</small></h3>\n{}</div>\n",
            direction(&self.reference),
            escape(&self.reference),
            panel(&self.reference)
        );
        if self.locales.len() > 1 {
            let _ = writeln!(
                html,
                "<div class=\"tabs\" role=\"radiogroup\" aria-label=\"Locale of {}\">",
                escape(email)
            );
            for (column, locale) in self.locales.iter().enumerate().skip(1) {
                let findings = index.of(locale, Some(email));
                let faults = rendered.get(locale).map_or(&[][..], |r| &r.faults[..]);
                let _ = write!(
                    html,
                    "<input type=\"radio\" name=\"e{number}\" id=\"e{number}-l{column}\"{}>\
                     <label for=\"e{number}-l{column}\">{} {}</label>\n\
                     <div class=\"side panel\"{}>\n{}</div>\n",
                    if column == 1 { " checked" } else { "" },
                    escape(locale),
                    badges(Counts::of(findings.iter().copied()), faults),
                    direction(locale),
                    panel(locale)
                );
            }
            html.push_str("</div>\n");
        }
        html.push_str("</div>\n</section>\n");
        html
    }

    /// An email in one locale: its messages, subject and preheader first,
    /// with the findings marked, the render errors where they happen, what
    /// was removed since the earlier render, then the list of findings.
    fn panel(
        &self,
        locale: &str,
        email: &str,
        rendered: Option<&Rendered>,
        findings: &[&Finding],
    ) -> String {
        let mut html = String::new();
        let Some(rendered) = rendered else {
            let _ = writeln!(
                html,
                "<p class=\"absent\">{} has no such email.</p>",
                escape(locale)
            );
            html.push_str(&findings_list(findings));
            return html;
        };
        let mut messages: Vec<&RenderedMessage> = rendered.messages.iter().collect();
        messages.sort_by_key(|m| Role::of(m));
        for message in messages {
            let here: Vec<&Finding> = findings
                .iter()
                .copied()
                .filter(|f| {
                    f.message_id.as_deref() == Some(&message.message_id)
                        && f.attribute == message.attribute
                })
                .collect();
            let faults: Vec<&Fault> = rendered
                .faults
                .iter()
                .filter(|f| f.message_id == message.message_id && f.attribute == message.attribute)
                .collect();
            html.push_str(&self.message(locale, email, message, &here, &faults));
        }
        let shown = |fault: &&Fault| {
            rendered
                .messages
                .iter()
                .any(|m| m.message_id == fault.message_id && m.attribute == fault.attribute)
        };
        for fault in rendered.faults.iter().filter(|f| !shown(f)) {
            html.push_str(&fault_note(fault));
        }
        if let Some(previous) = &self.previous {
            for gone in removed_messages(previous, rendered) {
                let _ = writeln!(
                    html,
                    "<div class=\"msg removed\"><div class=\"id\">{} <span class=\"delta\">removed</span></div><del class=\"text\">{}</del></div>",
                    escape(&name(gone.message_id, gone.attribute)),
                    message_html(gone.text, &[]).0
                );
            }
        }
        html.push_str(&findings_list(findings));
        html
    }

    /// One message: its id, its text with the findings marked, its render
    /// errors, and how it changed.
    fn message(
        &self,
        locale: &str,
        email: &str,
        message: &RenderedMessage,
        findings: &[&Finding],
        faults: &[&Fault],
    ) -> String {
        let (text, unplaced) = marked_text(&message.text, findings);
        let changed = self
            .previous
            .as_ref()
            .map_or(Change::Same, |p| change(p, locale, email, message));
        let worst = findings.iter().map(|f| f.severity).max();
        let mut html = format!(
            "<div class=\"msg {}{}{}\">\n<div class=\"id\">{}{}</div>\n<div class=\"text\">{text}</div>\n",
            Role::of(message).class(),
            worst.map_or(String::new(), |s| format!(" flagged-{}", s.as_str())),
            match changed {
                Change::Same => "",
                Change::Changed => " changed",
                Change::Added => " added",
            },
            escape(&name(&message.message_id, message.attribute.as_deref())),
            match changed {
                Change::Same => "",
                Change::Changed => " <span class=\"delta\">changed</span>",
                Change::Added => " <span class=\"delta\">added</span>",
            },
        );
        for finding in unplaced {
            html.push_str(&finding_element("p", finding));
        }
        for fault in faults {
            html.push_str(&fault_note(fault));
        }
        if changed == Change::Changed
            && let Some(before) = self.previous.as_ref().and_then(|p| {
                p.before(
                    locale,
                    email,
                    &message.message_id,
                    message.attribute.as_deref(),
                )
            })
        {
            let _ = writeln!(
                html,
                "<details class=\"before\"><summary>Before</summary><div class=\"text\">{}</div></details>",
                message_html(before, &[]).0
            );
        }
        html.push_str("</div>\n");
        html
    }

    /// Findings in files of a locale that no email reads.
    fn outside(&self, index: &FindingIndex<'_>) -> String {
        let mut html = String::new();
        for locale in &self.locales {
            let findings = index.of(locale, None);
            if findings.is_empty() {
                continue;
            }
            if html.is_empty() {
                html.push_str("<section id=\"outside\">\n<h2>Outside any email</h2>\n");
            }
            let _ = write!(
                html,
                "<h3>{}</h3>\n{}",
                escape(locale),
                findings_list(&findings)
            );
        }
        if !html.is_empty() {
            html.push_str("</section>\n");
        }
        html
    }
}

/// The findings by locale and email, in report order.
struct FindingIndex<'f> {
    by_email: HashMap<(&'f str, Option<&'f str>), Vec<&'f Finding>>,
}

impl<'f> FindingIndex<'f> {
    fn new(findings: &'f [Finding]) -> Self {
        let mut by_email: HashMap<_, Vec<&Finding>> = HashMap::new();
        for finding in findings {
            by_email
                .entry((finding.locale.as_str(), finding.email.as_deref()))
                .or_default()
                .push(finding);
        }
        Self { by_email }
    }

    fn of(&self, locale: &str, email: Option<&str>) -> Vec<&'f Finding> {
        self.by_email
            .get(&(locale, email))
            .cloned()
            .unwrap_or_default()
    }
}

/// Where a message stands in an email: the subject and the preheader
/// (the line an inbox shows after the subject) come first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Subject,
    Preheader,
    Body,
}

impl Role {
    fn of(message: &RenderedMessage) -> Self {
        if message.attribute.is_some() {
            return Role::Body;
        }
        let last = message
            .message_id
            .rsplit(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match last.as_str() {
            "subject" => Role::Subject,
            "preheader" | "preview" | "pretext" => Role::Preheader,
            _ => Role::Body,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Preheader => "preheader",
            Role::Body => "body",
        }
    }
}

/// A message's text as HTML with the findings it can place marked at
/// their words; the findings it could not place.
fn marked_text<'f>(text: &str, findings: &[&'f Finding]) -> (String, Vec<&'f Finding>) {
    let mut taken = Vec::new();
    let mut marks = Vec::new();
    let mut unplaced = Vec::new();
    for finding in findings {
        match flagged_words(finding).and_then(|words| locate(text, words, &taken)) {
            Some(range) => {
                taken.push(range.clone());
                marks.push((
                    Mark {
                        range,
                        class: finding.severity.as_str(),
                        note: note(finding),
                    },
                    *finding,
                ));
            }
            None => unplaced.push(*finding),
        }
    }
    marks.sort_by_key(|(mark, _)| mark.range.start);
    let (placed_marks, placed_findings): (Vec<Mark>, Vec<&Finding>) = marks.into_iter().unzip();
    let (html, placed) = message_html(text, &placed_marks);
    if !placed {
        unplaced.extend(placed_findings);
    }
    (html, unplaced)
}

/// The words a finding is about, as the source has them, when they are
/// short enough to find in the rendered text.
fn flagged_words(finding: &Finding) -> Option<&str> {
    let snippet = finding.snippet.as_ref()?;
    let words = snippet.text.get(snippet.span.clone())?.trim();
    (!words.is_empty() && words.len() <= 120 && !words.contains(['\n', '{', '}'])).then_some(words)
}

/// A finding's note: severity, rule, message, help and place.
fn note(finding: &Finding) -> String {
    let mut html = format!(
        "<b>{}</b> <code>{}</code> {}",
        finding.severity.as_str(),
        finding.rule,
        escape(&finding.message)
    );
    if let Some(help) = &finding.help {
        let _ = write!(html, "<br><i>{}</i>", escape(help));
    }
    let _ = write!(
        html,
        "<br><small>{}:{}:{}</small>",
        escape(&finding.file),
        finding.start.line,
        finding.start.column
    );
    html
}

/// A finding's note as the element `tag`, classed by its severity.
fn finding_element(tag: &str, finding: &Finding) -> String {
    format!(
        "<{tag} class=\"finding {}\">{}</{tag}>\n",
        finding.severity.as_str(),
        note(finding)
    )
}

/// The findings under an email.
fn findings_list(findings: &[&Finding]) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut html = String::from("<ul class=\"findings\">\n");
    for finding in findings {
        html.push_str(&finding_element("li", finding));
    }
    html.push_str("</ul>\n");
    html
}

fn fault_note(fault: &Fault) -> String {
    format!(
        "<p class=\"fault\" role=\"note\"><b>render-error</b> {}<br><small>{}:{}:{}</small></p>\n",
        escape(&fault.message),
        escape(&fault.path),
        fault.line,
        fault.column
    )
}

/// Findings counted by severity.
#[derive(Clone, Copy, Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of<'f>(findings: impl Iterator<Item = &'f Finding>) -> Self {
        let mut counts = Self::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

/// The findings by severity and the render errors as small badges; a
/// check mark for none.
fn badges(counts: Counts, faults: &[Fault]) -> String {
    let mut html = String::new();
    for (n, class, what) in [
        (counts.errors, "error", "errors"),
        (counts.warnings, "warning", "warnings"),
        (counts.infos, "info", "infos"),
        (faults.len(), "fault", "render errors"),
    ] {
        if n > 0 {
            let _ = write!(
                html,
                "<span class=\"badge {class}\" title=\"{n} {what}\">{n}</span>"
            );
        }
    }
    if html.is_empty() {
        html.push_str("<span class=\"ok\" title=\"no findings\">✓</span>");
    }
    html
}

/// `dir="rtl"` and the language of a locale written right to left;
/// the language alone otherwise.
fn direction(locale: &str) -> String {
    const RIGHT_TO_LEFT: &[&str] = &[
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    let language = locale.split(['-', '_']).next().unwrap_or_default();
    let rtl = RIGHT_TO_LEFT.contains(&language.to_ascii_lowercase().as_str());
    format!(
        " lang=\"{}\"{}",
        escape(locale),
        if rtl { " dir=\"rtl\"" } else { "" }
    )
}

/// How `message` of `locale` · `email` changed since the earlier render.
fn change(previous: &Previous, locale: &str, email: &str, message: &RenderedMessage) -> Change {
    previous.change(
        locale,
        email,
        &message.message_id,
        message.attribute.as_deref(),
        &message.text,
    )
}

fn removed_messages<'p>(previous: &'p Previous, rendered: &Rendered) -> Vec<compare::Removed<'p>> {
    previous.removed(&rendered.locale, &rendered.email, |id, attribute| {
        rendered
            .messages
            .iter()
            .any(|m| m.message_id == id && m.attribute.as_deref() == attribute)
    })
}

fn has_changes(previous: &Previous, rendered: &Rendered) -> bool {
    rendered
        .messages
        .iter()
        .any(|m| change(previous, &rendered.locale, &rendered.email, m) != Change::Same)
        || !removed_messages(previous, rendered).is_empty()
}

fn name(message_id: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(attribute) => format!("{message_id}.{attribute}"),
        None => message_id.to_owned(),
    }
}

/// A count in the page's heading, its badge the legend of the overview's.
fn legend(n: usize, class: &str, what: &str) -> String {
    format!("<span class=\"badge {class}\">{n}</span> {what}")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
