//! What the rules of a run are given besides the locales.

use std::collections::BTreeMap;

use unic_langid::LanguageIdentifier;

use crate::finding::RuleMeta;
use crate::packs::Packs;
use crate::project::config::{Emails, Level, Register};
use crate::render::SampleArgs;

use super::{Selection, UnknownRule};

/// Which rules run and how, the packs, the declared registers, how
/// messages group into emails, the project's allowed words, and the
/// sample arguments.
#[derive(Clone, Debug)]
pub struct Settings {
    pub selection: Selection,
    /// The language packs.
    pub packs: Packs,
    /// Declared registers by locale tag, with where each was declared.
    pub registers: BTreeMap<String, (Register, String)>,
    /// How messages group into emails.
    pub emails: Emails,
    /// Constants `leaked-identifier` lets through.
    pub allowed_identifiers: Vec<String>,
    /// Sample arguments; with them, `render-error` renders every email.
    pub sample_args: Option<SampleArgs>,
    /// How `render-error` renders: the runtime and the time zone.
    pub render: crate::render::RenderOptions,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            selection: Selection::default(),
            packs: Packs::builtin(),
            registers: BTreeMap::new(),
            emails: Emails::default(),
            allowed_identifiers: Vec::new(),
            sample_args: None,
            render: crate::render::RenderOptions::default(),
        }
    }
}

impl Settings {
    /// Every rule of the run: the built-in ones and the project's own.
    pub fn rules(&self) -> Vec<&'static RuleMeta> {
        super::all()
            .chain(self.packs.rules().map(|r| r.meta))
            .collect()
    }

    /// Runs only `select` (empty = every rule), minus `ignore`, with the
    /// severity overrides of the config.
    pub fn select(
        &mut self,
        select: &[String],
        ignore: &[String],
        overrides: &BTreeMap<String, Level>,
    ) -> Result<(), UnknownRule> {
        self.selection = Selection::for_rules(&self.rules(), select, ignore, overrides)?;
        Ok(())
    }

    /// The register declared for a locale: for its own tag, else for a
    /// less specific one (`nl` covers `nl-BE`).
    pub fn declared_register(
        &self,
        name: &str,
        langid: &LanguageIdentifier,
    ) -> Option<(Register, String)> {
        if let Some(found) = self.registers.get(name) {
            return Some(found.clone());
        }
        crate::packs::fallbacks(langid)
            .iter()
            .find_map(|tag| {
                self.registers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            })
            .map(|(_, v)| v.clone())
    }
}
