//! Renders emails as the customer reads them: Fluent's own `FluentBundle`
//! per locale, numbers and dates in the locale's way (see [`intl`]),
//! sample arguments from a file, and every error Fluent reports while
//! formatting, located at the message that caused it.
//!
//! Fluent never fails at run time: a missing argument renders as `{$name}`
//! and the error goes to a list nobody reads. Here the list is read.

mod args;
mod day_period;
mod hazard;
pub mod intl;
mod js;
mod runtime;
mod select;
mod size;

pub use args::{ArgsError, Sample, SampleArgs};
pub use runtime::{RenderOptions, Runtime, TimeZone};
pub use size::MAX_RENDERED_BYTES;
use size::SizeBound;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
use fluent_bundle::{FluentBundle, FluentError, FluentResource};
use fluent_syntax::ast::{Message, Pattern};

use crate::printable;
use crate::project::config::Emails;
use crate::project::emails::{Email, emails};
use crate::project::locale::LocaleModel;
use crate::syntax::{ParsedFile, Reference, visit_references};

/// One rendered message or attribute.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RenderedMessage {
    pub message_id: String,
    pub attribute: Option<String>,
    pub text: String,
}

/// An email rendered in one locale. `Display` writes the text layout of
/// `etiquette render`.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub locale: String,
    pub email: String,
    pub messages: Vec<RenderedMessage>,
    /// Every error Fluent reported while formatting; the text shows the
    /// placeholder Fluent wrote instead (`{$name}`).
    pub faults: Vec<Fault>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names and text are the templates': shown inert.
        writeln!(f, "== {} · {}", self.locale, printable::line(&self.email))?;
        for message in &self.messages {
            let name = match &message.attribute {
                Some(attribute) => format!("{}.{attribute}", message.message_id),
                None => message.message_id.clone(),
            };
            let text = printable::lines(&message.text);
            if text.contains('\n') {
                writeln!(f, "{name}:")?;
                for line in text.lines() {
                    if line.is_empty() {
                        writeln!(f)?;
                    } else {
                        writeln!(f, "    {line}")?;
                    }
                }
            } else {
                writeln!(f, "{name}: {text}")?;
            }
        }
        Ok(())
    }
}

/// What went wrong while rendering, and where: the message or term whose
/// text holds the failing placeable.
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    pub kind: FaultKind,
    /// The variable or function the fault is about, if any.
    pub subject: Option<String>,
    /// The file, as reached from the project root, and the 1-based line and
    /// column of the placeable (or of the message id).
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The index of the file in the locale.
    pub file: usize,
    /// The message or term id (terms with their dash) and attribute.
    pub message_id: String,
    pub attribute: Option<String>,
    pub span: Range<usize>,
    pub message: String,
}

/// The kinds of render faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// A variable without a sample value.
    MissingArgument,
    /// A function Fluent does not know.
    UnknownFunction,
    /// A function given a value it cannot use.
    BadFunctionArgument,
    /// A message, term or attribute that does not exist (`unknown-reference`
    /// reports it statically).
    UnknownReference,
    /// A reference cycle (`reference-cycle` reports it statically).
    Cycle,
    /// Text that would be longer than etiquette renders.
    TooLarge,
    /// A message that does not parse: Fluent leaves it out.
    Broken,
    /// Anything else Fluent reports.
    Other,
}

/// Renders the emails of one locale.
pub struct Renderer<'m, 's> {
    model: &'m LocaleModel<'s>,
    bundle: FluentBundle<FluentResource>,
    options: RenderOptions,
    /// Bytes the locale's emails may still render to: see [`budget`].
    budget: std::cell::Cell<usize>,
}

/// The resource a bundle gets of a file: its rewritten text (see
/// [`select`]) unless the rewrite parses worse than the text as written,
/// which it should never do.
fn bundle_resource(bom: &str, body: &str, rewritten: Option<String>) -> FluentResource {
    let written = || FluentResource::try_new(format!("{bom}{body}"));
    let Some(text) = rewritten else {
        return match written() {
            Ok(resource) | Err((resource, _)) => resource,
        };
    };
    match FluentResource::try_new(format!("{bom}{text}")) {
        Ok(resource) => resource,
        Err((resource, errors)) => match written() {
            Err((original, original_errors)) if original_errors.len() < errors.len() => original,
            Ok(original) => original,
            Err(_) => resource,
        },
    }
}

/// The bytes all emails of a locale may render to: four times its files,
/// and at least 64 MB. Rendered text stays proportional to what was read,
/// however often messages part each other.
fn budget(model: &LocaleModel<'_>) -> usize {
    let read: usize = model.files.iter().map(|f| f.source.text.len()).sum();
    read.saturating_mul(4).max(64 << 20)
}

impl<'m, 's> Renderer<'m, 's> {
    /// A bundle of every file of the locale; on a duplicate id the first
    /// definition wins, as in Fluent (`duplicate-id` reports it).
    pub fn new(model: &'m LocaleModel<'s>, options: RenderOptions) -> Self {
        let mut bundle = FluentBundle::new(vec![model.langid.clone()]);
        bundle.set_use_isolating(options.isolate);
        // Registering into an empty bundle cannot clash.
        match options.runtime {
            Runtime::FluentJs => {
                bundle.set_formatter(Some(intl::format_value));
                let _ = bundle.add_function("NUMBER", js::NUMBER);
                let _ = bundle.add_function("DATETIME", js::datetime(options));
                let _ = bundle.add_function(select::FUNCTION, js::select(model.langid.to_string()));
                let _ = bundle.add_function(select::ISOLATE, js::ISOLATE);
            }
            // What a Rust sender's bundle has: numbers without locale data.
            Runtime::FluentRs => {
                let _ = bundle.add_function("NUMBER", js::RS_NUMBER);
            }
        }
        for file in &model.files {
            // fluent-bundle keeps a parse of its own, of the text it owns:
            // the one parse of a file etiquette does twice. fluent-syntax
            // recurses once per nesting level: a file nested too deep would
            // overflow the stack (it is a `syntax-error`).
            if file.too_deep {
                continue;
            }
            let body = file.source.body();
            // Fluent's parsers, fluent.js's and fluent-syntax alike, read a
            // byte order mark as the start of the first entry, and drop it
            // as broken: the bundle is given the mark too.
            let bom = &file.source.text[..file.source.body_start()];
            let rewritten = match options.runtime {
                Runtime::FluentJs => select::rewrite(body, &file.resource, options.isolate),
                Runtime::FluentRs => None,
            };
            let resource = bundle_resource(bom, body, rewritten);
            // Broken entries and duplicates are findings of their own rules.
            let _ = bundle.add_resource(resource);
        }
        Renderer {
            model,
            bundle,
            options,
            budget: std::cell::Cell::new(budget(model)),
        }
    }

    /// The emails of the locale.
    pub fn emails(&self, config: &Emails) -> Vec<Email<'m, 's>> {
        emails(self.model, config)
    }

    /// Renders `email` with the sample arguments `samples`.
    pub fn render(&self, email: &Email<'_, 's>, samples: &SampleArgs) -> Rendered {
        let used = email
            .messages
            .iter()
            .flat_map(|(_, message)| crate::syntax::patterns(message))
            .flat_map(|(_, pattern)| self.model.pattern_variables(pattern).into_keys())
            .collect::<std::collections::BTreeSet<&str>>();
        let args = samples.for_email(&email.name, used.into_iter(), self.options);
        let mut bound = SizeBound::new(self.model, &args);
        let args = &args;
        let mut rendered = Rendered {
            locale: self.model.name.to_owned(),
            email: email.name.clone(),
            messages: Vec::new(),
            faults: Vec::new(),
        };
        // An id twice in one email (a `duplicate-id`) is one message of it.
        let mut seen = std::collections::HashSet::new();
        for &(file, message) in &email.messages {
            if !seen.insert(message.id.name) {
                continue;
            }
            let Some(runtime) = self.bundle.get_message(message.id.name) else {
                rendered.faults.extend(self.lost_to_bom(file, message));
                continue;
            };
            // A bundle holds the first definition of an id: where the email
            // has a later one (a `duplicate-id`, or the id in another file
            // too), it shows what the bundle formats, and the guards below
            // weigh that pattern, not the one the email has.
            let Some((file, message)) = self.model.indexed_message(message.id.name) else {
                continue;
            };
            if self.options.runtime == Runtime::FluentJs && select::has_bad_named_argument(message)
            {
                let part = MessagePart {
                    file,
                    message,
                    attribute: None,
                };
                rendered.faults.push(self.fault_at(
                    &part,
                    FaultKind::Broken,
                    "a named argument's value must be a string or a number (\"false\", not false): fluent.js drops the whole message as broken, and the customer reads nothing in its place".into(),
                ));
                continue;
            }
            let parts = runtime
                .value()
                .map(|pattern| (None, pattern))
                .into_iter()
                .chain(runtime.attributes().map(|a| (Some(a.id()), a.value())));
            for (attribute, pattern) in parts {
                let part = MessagePart {
                    file,
                    message,
                    attribute,
                };
                if self.budget.get() == 0 {
                    continue;
                }
                if let Some(fault) = self
                    .too_large(&part, &mut bound)
                    .or_else(|| self.beyond_fluent(&part))
                {
                    rendered.faults.push(fault);
                    continue;
                }
                self.render_part(&part, pattern, args, &mut rendered);
            }
        }
        rendered.faults.dedup();
        rendered
    }

    /// The fault when Fluent loses `message` to its file's byte order mark:
    /// the first entry of such a file.
    fn lost_to_bom(&self, file: usize, message: &Message<&'s str>) -> Option<Fault> {
        let parsed = &self.model.files[file];
        // A comment first is what the mark takes instead.
        let first = parsed.resource.body.first();
        let lost = parsed.source.body_start() > 0
            && matches!(first, Some(fluent_syntax::ast::Entry::Message(m)) if std::ptr::eq(m, message));
        lost.then(|| {
            let part = MessagePart {
                file,
                message,
                attribute: None,
            };
            self.fault_at(
                &part,
                FaultKind::Broken,
                "the file starts with a byte order mark, which Fluent (fluent.js and fluent-rs alike) reads as part of this message and drops it: the customer reads nothing in its place (save the file without the BOM)".into(),
            )
        })
    }

    /// The fault when `part` would render to more than a message may, or
    /// more than the locale's emails have left; then nothing more of the
    /// locale is rendered.
    fn too_large<'p>(
        &self,
        part: &MessagePart<'p, 's>,
        bound: &mut SizeBound<'p, 's>,
    ) -> Option<Fault> {
        let size = part.pattern().map_or(0, |own| bound.pattern(own, 0));
        if size > self.budget.get() {
            self.budget.set(0);
            return Some(self.fault_at(
                part,
                FaultKind::TooLarge,
                format!(
                    "the emails of locale {} would render to more than {} MB, four times its files: from here on nothing is rendered",
                    self.model.name,
                    budget(self.model) >> 20
                ),
            ));
        }
        (size > MAX_RENDERED_BYTES).then(|| {
            self.fault_at(
                part,
                FaultKind::TooLarge,
                format!(
                    "this would render to more than {} KB: not rendered",
                    MAX_RENDERED_BYTES >> 10
                ),
            )
        })
    }

    /// The fault when formatting `part` would make fluent-bundle panic (see
    /// [`hazard`]): it is not formatted.
    fn beyond_fluent(&self, part: &MessagePart<'_, 's>) -> Option<Fault> {
        hazard::panics_fluent(self.model, part.pattern()?).then(|| {
            self.fault_at(
                part,
                FaultKind::Other,
                "more than 100 placeables, one of them a placeable in a placeable or a select on a literal: fluent-bundle 0.16 crashes on this, so it is not rendered".into(),
            )
        })
    }

    /// Renders one part of a message into `rendered`, with its faults.
    fn render_part(
        &self,
        part: &MessagePart<'_, 's>,
        pattern: &Pattern<&str>,
        args: &fluent_bundle::FluentArgs<'_>,
        rendered: &mut Rendered,
    ) {
        let mut errors = Vec::new();
        intl::take_problems();
        let mut text = self
            .bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned();
        text.shrink_to_fit();
        let problems = intl::take_problems();
        let start = rendered.faults.len();
        for error in &errors {
            rendered.faults.push(self.locate_error(part, error));
        }
        // A variable in a term sees only the arguments the term reference
        // passes; Fluent writes `{$name}` without an error.
        let reported: Vec<String> = rendered.faults[start..]
            .iter()
            .filter_map(|f| f.subject.clone())
            .collect();
        for name in unfilled_variables(&text) {
            if reported.iter().any(|r| r == name) {
                continue;
            }
            let found = self.find(part, &|r| matches!(r, Reference::Variable(n) if *n == name));
            if let Some(at) = found.filter(|at| at.message_id.starts_with('-')) {
                let message = format!(
                    "`${name}` in term `{}` gets no value: a term sees only what its reference passes, as in `{{ {}({name}: …) }}`",
                    at.message_id, at.message_id
                );
                rendered.faults.push(Fault {
                    subject: Some(name.to_owned()),
                    ..self.fault_found(at, FaultKind::MissingArgument, message)
                });
            }
        }
        for problem in problems {
            rendered.faults.push(self.locate_problem(part, problem));
        }
        self.budget
            .set(self.budget.get().saturating_sub(text.len()));
        rendered.messages.push(RenderedMessage {
            message_id: part.message.id.name.to_owned(),
            attribute: part.attribute.map(str::to_owned),
            text,
        });
    }

    fn locate_error(&self, part: &MessagePart<'_, 's>, error: &FluentError) -> Fault {
        let FluentError::ResolverError(error) = error else {
            return self.fault_at(part, FaultKind::Other, error.to_string());
        };
        match error {
            ResolverError::Reference(ReferenceKind::Variable { id }) => Fault {
                subject: Some(id.clone()),
                ..self.fault_near(
                    part,
                    &|r| matches!(r, Reference::Variable(name) if name == id),
                    FaultKind::MissingArgument,
                    format!("no sample value for `${id}`: Fluent writes `{{${id}}}`"),
                )
            },
            ResolverError::Reference(ReferenceKind::Function { id }) => Fault {
                subject: Some(id.clone()),
                ..self.fault_near(
                    part,
                    &|r| matches!(r, Reference::Function(name) if name == id),
                    FaultKind::UnknownFunction,
                    format!("unknown function `{id}()`: Fluent writes `{{{id}()}}`"),
                )
            },
            ResolverError::Reference(reference) => {
                let what = match reference {
                    ReferenceKind::Message {
                        id,
                        attribute: None,
                    } => format!("message `{id}`"),
                    ReferenceKind::Message {
                        id,
                        attribute: Some(a),
                    } => format!("attribute `{id}.{a}`"),
                    ReferenceKind::Term {
                        id,
                        attribute: None,
                    } => format!("term `-{id}`"),
                    ReferenceKind::Term {
                        id,
                        attribute: Some(a),
                    } => format!("term attribute `-{id}.{a}`"),
                    _ => reference_name(reference),
                };
                self.fault_at(
                    part,
                    FaultKind::UnknownReference,
                    format!("the {what} does not exist in this locale"),
                )
            }
            ResolverError::NoValue(id) => self.fault_at(
                part,
                FaultKind::UnknownReference,
                format!("`{id}` has no value to show"),
            ),
            ResolverError::Cyclic => self.fault_at(
                part,
                FaultKind::Cycle,
                "a reference cycle: Fluent stops and writes the reference instead".into(),
            ),
            ResolverError::TooManyPlaceables => self.fault_at(
                part,
                FaultKind::Other,
                "more than 100 placeables in one message: Fluent stops expanding".into(),
            ),
            ResolverError::MissingDefault => self.fault_at(
                part,
                FaultKind::Other,
                "a select without a default variant".into(),
            ),
        }
    }

    fn locate_problem(&self, part: &MessagePart<'_, 's>, problem: String) -> Fault {
        let function = problem.split('(').next().unwrap_or("").to_owned();
        self.fault_near(
            part,
            &|r| matches!(r, Reference::Function(name) if *name == function),
            FaultKind::BadFunctionArgument,
            problem,
        )
    }

    /// A fault at the first reference `wanted` accepts, else at the id of
    /// the message being rendered.
    fn fault_near(
        &self,
        part: &MessagePart<'_, 's>,
        wanted: &dyn Fn(&Reference<'s>) -> bool,
        kind: FaultKind,
        message: String,
    ) -> Fault {
        match self.find(part, wanted) {
            Some(at) => self.fault_found(at, kind, message),
            None => self.fault_at(part, kind, message),
        }
    }

    /// A fault at the id of the message being rendered.
    fn fault_at(&self, part: &MessagePart<'_, 's>, kind: FaultKind, message: String) -> Fault {
        let file = &self.model.files[part.file];
        let span = match part.attribute {
            Some(attribute) => part
                .message
                .attributes
                .iter()
                .find(|a| a.id.name == attribute)
                .map_or_else(|| file.span(part.message.id.name), |a| file.span(a.id.name)),
            None => file.span(part.message.id.name),
        };
        self.fault_found(
            ReferenceSite {
                file: part.file,
                message_id: part.message.id.name.to_owned(),
                attribute: part.attribute.map(str::to_owned),
                span,
            },
            kind,
            message,
        )
    }

    fn fault_found(&self, at: ReferenceSite, kind: FaultKind, message: String) -> Fault {
        let source = self.model.files[at.file].source;
        let start = source.line_col(at.span.start);
        Fault {
            kind,
            subject: None,
            path: source.path.clone(),
            line: start.line,
            column: start.column,
            file: at.file,
            message_id: at.message_id,
            attribute: at.attribute,
            span: at.span,
            message,
        }
    }

    /// The first reference that `wanted` accepts in the pattern being
    /// rendered, or in the messages and terms it pulls in.
    fn find(
        &self,
        part: &MessagePart<'_, 's>,
        wanted: &dyn Fn(&Reference<'s>) -> bool,
    ) -> Option<ReferenceSite> {
        let pattern = match part.attribute {
            Some(name) => {
                &part
                    .message
                    .attributes
                    .iter()
                    .find(|a| a.id.name == name)?
                    .value
            }
            None => part.message.value.as_ref()?,
        };
        let mut stack = vec![(
            part.file,
            part.message.id.name.to_owned(),
            part.attribute.map(str::to_owned),
            pattern,
            0,
        )];
        let mut seen = std::collections::HashSet::new();
        while let Some((file, id, attribute, pattern, depth)) = stack.pop() {
            let mut next = Vec::new();
            let mut hit = None;
            visit_references(pattern, &mut |reference| {
                if hit.is_some() {
                    return;
                }
                if wanted(&reference) {
                    let name = match reference {
                        Reference::Variable(name) | Reference::Function(name) => name,
                        Reference::Message(name, _) | Reference::Term(name, _) => name,
                    };
                    hit = Some(self.model.files[file].span(name));
                    return;
                }
                match reference {
                    Reference::Message(name, attribute) => next.push((false, name, attribute)),
                    Reference::Term(name, attribute) => next.push((true, name, attribute)),
                    _ => {}
                }
            });
            if let Some(span) = hit {
                return Some(ReferenceSite {
                    file,
                    message_id: id,
                    attribute,
                    span,
                });
            }
            if depth >= crate::project::locale::MAX_REFERENCE_DEPTH {
                continue;
            }
            for (term, name, attribute) in next.into_iter().rev() {
                if !seen.insert((term, name, attribute)) {
                    continue;
                }
                if let Some((file, id, pattern)) = self.pattern_of(term, name, attribute) {
                    stack.push((file, id, attribute.map(str::to_owned), pattern, depth + 1));
                }
            }
        }
        None
    }

    fn pattern_of(
        &self,
        term: bool,
        name: &'s str,
        attribute: Option<&'s str>,
    ) -> Option<(usize, String, &'m Pattern<&'s str>)> {
        let model = self.model;
        let (parsed, id, value, attributes) = if term {
            let (parsed, term) = model.term(name)?;
            (
                parsed,
                format!("-{name}"),
                Some(&term.value),
                &term.attributes,
            )
        } else {
            let (parsed, message) = model.message(name)?;
            (
                parsed,
                name.to_owned(),
                message.value.as_ref(),
                &message.attributes,
            )
        };
        let pattern = match attribute {
            Some(attribute) => &crate::syntax::attribute(attributes, attribute)?.value,
            None => value?,
        };
        let file = model
            .files
            .iter()
            .position(|f| std::ptr::eq::<ParsedFile>(f, parsed))?;
        Some((file, id, pattern))
    }
}

/// The names of the `{$name}` placeholders Fluent wrote into `text`.
fn unfilled_variables(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("{$") {
        rest = &rest[at + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('}') && end > 0 {
            names.push(&rest[..end]);
        }
    }
    names
}

fn reference_name(reference: &ReferenceKind) -> String {
    match reference {
        ReferenceKind::Function { id } => format!("function `{id}()`"),
        ReferenceKind::Variable { id } => format!("variable `${id}`"),
        ReferenceKind::Message { id, .. } => format!("message `{id}`"),
        ReferenceKind::Term { id, .. } => format!("term `-{id}`"),
    }
}

/// The part of a message being rendered: its value or an attribute.
struct MessagePart<'a, 's> {
    file: usize,
    message: &'a Message<&'s str>,
    attribute: Option<&'a str>,
}

impl<'a, 's> MessagePart<'a, 's> {
    /// The pattern of this part, as etiquette parsed it.
    fn pattern(&self) -> Option<&'a Pattern<&'s str>> {
        match self.attribute {
            Some(name) => {
                crate::syntax::attribute(&self.message.attributes, name).map(|a| &a.value)
            }
            None => self.message.value.as_ref(),
        }
    }
}

/// Where a reference was found.
struct ReferenceSite {
    file: usize,
    message_id: String,
    attribute: Option<String>,
    span: Range<usize>,
}

/// Why an email could not be rendered at all.
#[derive(Debug, thiserror::Error)]
pub enum RenderFailure {
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Read(Vec<crate::project::ReadError>),
    #[error("no email `{email}` in locale {locale}; it has {}", known.join(", "))]
    NoSuchEmail {
        locale: String,
        email: String,
        known: Vec<String>,
    },
}

impl crate::project::Project {
    /// Loads the project at `root` for rendering: its locale folders, with
    /// emails grouped as [`Emails::default`] says (one file, one email; set
    /// `project.emails` for templates).
    pub fn load(root: impl AsRef<Path>) -> Result<Self, crate::project::ProjectError> {
        Self::discover(root.as_ref(), None)
    }

    /// Renders `email` in `locale` with the sample arguments `args`
    /// (`[common]` and the email's own table), without isolation marks.
    ///
    /// Errors Fluent reports while formatting do not fail the call: they
    /// are in [`Rendered::faults`], and the text shows what Fluent wrote.
    ///
    /// ```no_run
    /// use etiquette::{Project, SampleArgs};
    ///
    /// let project = Project::load("locales")?;
    /// let args = SampleArgs::read("locales/args.toml".as_ref())?;
    /// let email = project.render("nl", "orders/refund", &args)?;
    /// assert!(email.faults.is_empty(), "{:?}", email.faults);
    /// // With insta: insta::assert_snapshot!(email.to_string());
    /// println!("{email}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(
        &self,
        locale: &str,
        email: &str,
        args: &SampleArgs,
    ) -> Result<Rendered, RenderFailure> {
        let dir = &self.locales[self.locale_index(locale)?];
        let (sources, errors) = dir.read_files();
        if !errors.is_empty() {
            return Err(RenderFailure::Read(errors));
        }
        let model = LocaleModel::new(dir, &sources);
        let renderer = Renderer::new(&model, RenderOptions::default());
        let all = renderer.emails(&self.emails);
        let Some(found) = all.iter().find(|e| e.name == email) else {
            return Err(RenderFailure::NoSuchEmail {
                locale: dir.name.clone(),
                email: email.to_owned(),
                known: all.iter().map(|e| e.name.clone()).collect(),
            });
        };
        Ok(renderer.render(found, args))
    }
}

/// What a render run read, beyond the emails it handed over.
#[derive(Debug, Default)]
pub struct RenderOutcome {
    /// Every email name of the rendered locales, filtered or not.
    pub known_emails: std::collections::BTreeSet<String>,
    pub read_errors: Vec<crate::project::ReadError>,
}

/// Renders the emails named in `only` (all when empty) of the locales at
/// `locales` (indices into the project's), and hands each rendered email to
/// `deliver` in order of locale, then email name. Locales are rendered a
/// few at a time, one per core, and dropped once delivered: memory holds
/// the locales in flight, not the tree.
pub fn render_each(
    project: &crate::project::Project,
    locales: &[usize],
    only: &[String],
    args: &SampleArgs,
    options: RenderOptions,
    mut deliver: impl FnMut(Rendered),
) -> RenderOutcome {
    use rayon::prelude::*;
    let mut order = locales.to_vec();
    order.sort_by(|a, b| project.locales[*a].name.cmp(&project.locales[*b].name));
    order.dedup();
    let mut outcome = RenderOutcome::default();
    for batch in order.chunks(rayon::current_num_threads().max(1)) {
        let done: Vec<_> = batch
            .par_iter()
            .map(|&index| {
                render_locale(
                    &project.locales[index],
                    &project.emails,
                    only,
                    args,
                    options,
                )
            })
            .collect();
        for (rendered, names, errors) in done {
            outcome.known_emails.extend(names);
            outcome.read_errors.extend(errors);
            rendered.into_iter().for_each(&mut deliver);
        }
    }
    outcome
}

/// The names of a locale's emails, sorted.
pub fn email_names(dir: &crate::project::LocaleDir, grouping: &Emails) -> Vec<String> {
    let (sources, _) = dir.read_files();
    let model = LocaleModel::new(dir, &sources);
    let mut names: Vec<String> = emails(&model, grouping)
        .into_iter()
        .map(|e| e.name)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The rendered emails of one locale, sorted by name; every email name;
/// the files that could not be read.
fn render_locale(
    dir: &crate::project::LocaleDir,
    grouping: &Emails,
    only: &[String],
    args: &SampleArgs,
    options: RenderOptions,
) -> (Vec<Rendered>, Vec<String>, Vec<crate::project::ReadError>) {
    let (sources, errors) = dir.read_files();
    let model = LocaleModel::new(dir, &sources);
    let renderer = Renderer::new(&model, options);
    let mut emails = renderer.emails(grouping);
    emails.sort_by(|a, b| a.name.cmp(&b.name));
    let mut names: Vec<String> = emails.iter().map(|e| e.name.clone()).collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let mut rendered: Vec<Rendered> = emails
        .iter()
        .filter(|email| wanted(&email.name))
        .map(|email| renderer.render(email, args))
        .collect();
    // What does not parse is not in the bundle: the customer would get
    // nothing where the message is. Each is a fault of its email, which
    // may have no other message left.
    for (email, fault) in broken_entries(&model, grouping) {
        if !wanted(&email) {
            continue;
        }
        match rendered.iter_mut().find(|r| r.email == email) {
            Some(found) => found.faults.push(fault),
            None => {
                names.push(email.clone());
                rendered.push(Rendered {
                    locale: model.name.to_owned(),
                    email,
                    messages: Vec::new(),
                    faults: vec![fault],
                });
            }
        }
    }
    rendered.sort_by(|a, b| a.email.cmp(&b.email));
    (rendered, names, errors)
}

/// The entries of a locale that do not parse, each with the email it
/// would be part of and a fault at its start.
fn broken_entries(model: &LocaleModel<'_>, grouping: &Emails) -> Vec<(String, Fault)> {
    let mut broken = Vec::new();
    for (index, file) in model.files.iter().enumerate() {
        for entry in &file.resource.body {
            let fluent_syntax::ast::Entry::Junk { content } = entry else {
                continue;
            };
            let id = content
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .filter(|id| !id.is_empty() && !id.starts_with('#'))
                .unwrap_or_default();
            let email = crate::project::emails::email_of(grouping, &file.source.rel_path, id);
            let span = file.span(content.trim_end());
            let start = file.source.line_col(span.start);
            let what = if id.is_empty() {
                "text that is no message".to_string()
            } else {
                format!("`{id}`")
            };
            broken.push((
                email,
                Fault {
                    kind: FaultKind::Broken,
                    subject: None,
                    path: file.source.path.clone(),
                    line: start.line,
                    column: start.column,
                    file: index,
                    message_id: id.to_owned(),
                    attribute: None,
                    span,
                    message: format!(
                        "{what} does not parse, so Fluent leaves it out of the email (`etiquette check` says why)"
                    ),
                },
            ));
        }
    }
    broken
}

/// The JSON document of `etiquette render --format json`, written as the
/// emails come: every message with its locale and email, then every fault.
pub fn write_json(
    rendered: impl Iterator<Item = Rendered>,
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let faults = std::cell::RefCell::new(Vec::new());
    let messages = rendered.flat_map(|r| {
        faults
            .borrow_mut()
            .extend(r.faults.iter().map(|f| FaultJson {
                locale: r.locale.clone(),
                email: r.email.clone(),
                file: f.path.clone(),
                line: f.line,
                column: f.column,
                message_id: f.message_id.clone(),
                attribute: f.attribute.clone(),
                message: f.message.clone(),
            }));
        let Rendered {
            locale,
            email,
            messages,
            ..
        } = r;
        messages.into_iter().map(move |m| MessageJson {
            locale: locale.clone(),
            email: email.clone(),
            message_id: m.message_id,
            attribute: m.attribute,
            text: m.text,
        })
    });
    let document = RenderJson {
        version: 1,
        messages: crate::printable::Sequence::new(messages),
        errors: crate::printable::Later(|| faults.take()),
    };
    printable::write_json(out, &document)
}

#[derive(serde::Serialize)]
struct RenderJson<M, E> {
    version: u32,
    messages: M,
    errors: E,
}

#[derive(serde::Serialize)]
struct MessageJson {
    locale: String,
    email: String,
    message_id: String,
    attribute: Option<String>,
    text: String,
}

#[derive(serde::Serialize)]
struct FaultJson {
    locale: String,
    email: String,
    file: String,
    line: usize,
    column: usize,
    message_id: String,
    attribute: Option<String>,
    message: String,
}
