//! Language packs: what a language says about the way an email addresses
//! its reader, as data (`rules/*.toml`, embedded in the binary). Address
//! markers with the context rules that tell ambiguous words apart,
//! salutations and sign-offs, stock phrases and calques of machine
//! translation, and a project's own rules; every entry carries examples that
//! a test runs. A project adds packs, or extends or replaces the built-in
//! ones, from its own folders.

mod entry;
mod lexicon;
mod matcher;
mod pack;
mod reference;
mod tables;
mod words;

use std::path::PathBuf;
use std::sync::Arc;

use unic_langid::LanguageIdentifier;

pub use entry::{
    Calque, Case, Examples, Formula, Joined, Marker, PackEntry, PackEntryKind, Position,
    ProjectRule, StockPhrase, Strength, Tone,
};
pub use matcher::{Matcher, Neighbour};
pub use pack::Pack;
pub use reference::{ReaderSign, ReferenceSigns, ReferenceWords};
pub use words::WordSet;

/// A pack that ships inside the binary.
struct Builtin {
    path: &'static str,
    /// Its `locales`, known without parsing it: a run parses only the packs
    /// of the locales it checks. A test holds them to the file.
    locales: &'static [&'static str],
    text: &'static str,
}

/// The packs that ship inside the binary. They define no `[[rule]]`, which
/// a test holds them to: a run needs every pack's project rules up front.
const BUILTIN: [Builtin; 8] = [
    Builtin {
        path: "rules/nl.toml",
        locales: &["nl"],
        text: include_str!("../../rules/nl.toml"),
    },
    Builtin {
        path: "rules/de.toml",
        locales: &["de"],
        text: include_str!("../../rules/de.toml"),
    },
    Builtin {
        path: "rules/fr.toml",
        locales: &["fr"],
        text: include_str!("../../rules/fr.toml"),
    },
    Builtin {
        path: "rules/es.toml",
        locales: &["es"],
        text: include_str!("../../rules/es.toml"),
    },
    Builtin {
        path: "rules/it.toml",
        locales: &["it"],
        text: include_str!("../../rules/it.toml"),
    },
    Builtin {
        path: "rules/pt-PT.toml",
        locales: &["pt-PT"],
        text: include_str!("../../rules/pt-PT.toml"),
    },
    Builtin {
        path: "rules/pt-BR.toml",
        locales: &["pt-BR", "pt"],
        text: include_str!("../../rules/pt-BR.toml"),
    },
    Builtin {
        path: "rules/pl.toml",
        locales: &["pl"],
        text: include_str!("../../rules/pl.toml"),
    },
];

/// The built-in pack at `index` in [`BUILTIN`], parsed the first time any
/// run asks for it.
fn builtin_pack(index: usize) -> &'static Arc<Pack> {
    static PARSED: [std::sync::OnceLock<Arc<Pack>>; BUILTIN.len()] =
        [const { std::sync::OnceLock::new() }; BUILTIN.len()];
    PARSED[index].get_or_init(|| {
        let builtin = &BUILTIN[index];
        // A test parses every built-in pack, so this cannot fail at run time.
        Arc::new(
            Pack::parse(builtin.path, builtin.text)
                .unwrap_or_else(|e| panic!("built-in pack is invalid: {e}")),
        )
    })
}

/// A pack whose `locales` is `["*"]` applies to every locale.
const EVERY_LOCALE: &str = "*";

/// A pack that cannot be used; the run stops with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PackError {
    /// The pack file, and the line and column when the error has them
    /// (`rules/nl.toml:3:7`).
    pub path: String,
    pub message: String,
}

/// All packs of a run.
#[derive(Clone, Debug, Default)]
pub struct Packs {
    packs: Vec<Slot>,
    /// The project packs loaded, as (file, first locale): their examples
    /// are checked after loading, by the rules layer.
    project: Vec<(String, String)>,
}

/// A pack of a run. Shared: every run starts from the same built-in packs,
/// and a project pack copies only the pack it extends.
#[derive(Clone, Debug)]
enum Slot {
    /// The built-in pack at this index in [`BUILTIN`], not parsed until a
    /// locale needs it.
    Builtin(usize),
    Loaded(Arc<Pack>),
}

impl Slot {
    fn pack(&self) -> &Pack {
        match self {
            Slot::Builtin(index) => builtin_pack(*index),
            Slot::Loaded(pack) => pack,
        }
    }

    /// Whether one of the tags in the pack's `locales` is `wanted`.
    fn serves(&self, wanted: impl Fn(&str) -> bool) -> bool {
        match self {
            Slot::Builtin(index) => BUILTIN[*index].locales.iter().any(|l| wanted(l)),
            Slot::Loaded(pack) => pack.locales.iter().any(|l| wanted(l)),
        }
    }

    /// The pack, for changing: a built-in one is parsed and copied.
    fn make_mut(&mut self) -> &mut Pack {
        if let Slot::Builtin(index) = self {
            *self = Slot::Loaded(Arc::clone(builtin_pack(*index)));
        }
        match self {
            Slot::Loaded(pack) => Arc::make_mut(pack),
            Slot::Builtin(_) => unreachable!("a built-in slot was just loaded"),
        }
    }
}

impl Packs {
    /// The built-in packs. Each is parsed the first time a locale of it is
    /// checked, once per process.
    pub fn builtin() -> Packs {
        Packs {
            packs: (0..BUILTIN.len()).map(Slot::Builtin).collect(),
            project: Vec::new(),
        }
    }

    /// The built-in packs, extended or overridden by the `.toml` packs in
    /// `folders`, in order. A project rule may not take an id of
    /// `reserved` (the built-in rules') or of another project rule. The
    /// packs' examples are not run here: loading data runs no analysis.
    pub fn load(folders: &[PathBuf], reserved: &[&str]) -> Result<Packs, PackError> {
        let mut packs = Packs::builtin();
        for folder in folders {
            let entries = std::fs::read_dir(folder).map_err(|e| PackError {
                path: crate::project::display_path(folder),
                message: format!("cannot read the rule-pack folder: {e}"),
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            let inside = std::fs::canonicalize(folder).ok();
            for file in files {
                let path = crate::project::display_path(&file);
                // A pack is read from its folder, not through a link out of it.
                let target = std::fs::canonicalize(&file).ok();
                if !target
                    .zip(inside.as_ref())
                    .is_some_and(|(t, f)| t.starts_with(f))
                {
                    return Err(PackError {
                        path,
                        message: "leads out of its rule-pack folder (a symbolic link?); not read"
                            .into(),
                    });
                }
                let text = crate::syntax::read_text(&file).map_err(|e| PackError {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let pack = Pack::parse(&path, &text)?;
                if let Some(entry) = pack
                    .entries
                    .iter()
                    .find(|e| e.kind.rule().is_some_and(|r| reserved.contains(&r.meta.id)))
                {
                    let line = entry.origin.rsplit(':').next().unwrap_or_default();
                    let id = entry.kind.rule().map_or("", |r| r.meta.id);
                    return Err(PackError {
                        path,
                        message: format!(
                            "the [[rule]] at line {line}: the id `{id}` is a built-in rule"
                        ),
                    });
                }
                let taken: Vec<&str> = packs.rules().map(|r| r.meta.id).collect();
                if let Some(clash) = pack.project_rules().find(|r| taken.contains(&r.meta.id)) {
                    return Err(PackError {
                        path,
                        message: format!("the rule id `{}` is already taken", clash.meta.id),
                    });
                }
                if let Some(locale) = pack.locales.first() {
                    packs.project.push((pack.path.clone(), locale.clone()));
                }
                packs.add(pack);
            }
        }
        Ok(packs)
    }

    /// Adds a project pack: it extends the packs of its locales (its entries
    /// are tried first), or replaces them with `replace = true`.
    pub fn add(&mut self, pack: Pack) {
        let mut extended = false;
        if !pack.locales.iter().any(|l| l == EVERY_LOCALE) {
            for existing in &mut self.packs {
                if !existing.serves(|l| pack.locales.iter().any(|p| p == l)) {
                    continue;
                }
                let existing = existing.make_mut();
                if pack.replace {
                    existing.locales.retain(|l| !pack.locales.contains(l));
                } else {
                    let mut entries = pack.entries.clone();
                    entries.append(&mut existing.entries);
                    existing.entries = entries;
                    existing
                        .abbreviations
                        .extend(pack.abbreviations.iter().cloned());
                    existing
                        .clause_openers
                        .extend(pack.clause_openers.iter().cloned());
                    existing.reindex();
                    extended = true;
                }
            }
        }
        if !extended {
            self.packs.push(Slot::Loaded(Arc::new(pack)));
        }
    }

    /// The language pack for a locale: the most specific one whose `locales`
    /// names the tag, dropping variants, region and script in turn.
    pub fn for_locale(&self, langid: &LanguageIdentifier) -> Option<&Pack> {
        fallbacks(langid).iter().find_map(|tag| {
            self.packs
                .iter()
                .find(|slot| slot.serves(|l| l.eq_ignore_ascii_case(tag)))
                .map(Slot::pack)
        })
    }

    /// The packs for every locale (`locales = ["*"]`).
    pub fn universal(&self) -> impl Iterator<Item = &Pack> {
        self.packs
            .iter()
            .filter(|slot| slot.serves(|l| l == EVERY_LOCALE))
            .map(Slot::pack)
    }

    /// Every pack; built-in ones not parsed yet are parsed now.
    pub fn iter(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().map(Slot::pack)
    }

    /// The project packs loaded: their file and the pack their entries
    /// became part of (the one of their first locale, or their own for
    /// every locale).
    pub fn project_packs(&self) -> impl Iterator<Item = (&str, Option<&Pack>)> {
        self.project.iter().map(|(path, locale)| {
            let pack = if locale == EVERY_LOCALE {
                self.packs.iter().find_map(|slot| match slot {
                    Slot::Loaded(pack) if pack.path == *path => Some(&**pack),
                    _ => None,
                })
            } else {
                locale.parse().ok().and_then(|l| self.for_locale(&l))
            };
            (path.as_str(), pack)
        })
    }

    /// Every project rule of every pack (the built-in packs have none).
    pub fn rules(&self) -> impl Iterator<Item = &ProjectRule> {
        self.packs
            .iter()
            .filter_map(|slot| match slot {
                Slot::Loaded(pack) => Some(pack.project_rules()),
                Slot::Builtin(_) => None,
            })
            .flatten()
    }
}

/// `pt-Latn-BR-x` → `pt-Latn-BR`, `pt-BR`, `pt-Latn`, `pt`.
pub fn fallbacks(langid: &LanguageIdentifier) -> Vec<String> {
    let language = langid.language.as_str();
    let mut tags = vec![langid.to_string()];
    let script = langid.script.map(|s| s.as_str().to_owned());
    let region = langid.region.map(|r| r.as_str().to_owned());
    if let (Some(s), Some(r)) = (&script, &region) {
        tags.push(format!("{language}-{s}-{r}"));
    }
    if let Some(r) = &region {
        tags.push(format!("{language}-{r}"));
    }
    if let Some(s) = &script {
        tags.push(format!("{language}-{s}"));
    }
    tags.push(language.to_owned());
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests;
