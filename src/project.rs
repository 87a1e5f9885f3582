//! Finds the locale folders under a root and the `.ftl` files in each, and
//! picks the reference locale.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unic_langid::LanguageIdentifier;

use crate::source::SourceFile;

/// A locale folder.
#[derive(Clone, Debug)]
pub struct LocaleDir {
    /// The folder name as written (`nl`, `pt-BR`).
    pub name: String,
    pub langid: LanguageIdentifier,
    /// The folder, as reached from the root the user gave.
    pub path: PathBuf,
}

/// The locales of a project.
#[derive(Debug)]
pub struct Project {
    /// The root as the user gave it.
    pub root: PathBuf,
    /// Every locale folder, sorted by name.
    pub locales: Vec<LocaleDir>,
    /// The index of the reference locale in `locales`.
    pub reference: usize,
    /// How messages group into emails, for rendering.
    pub emails: crate::config::Emails,
}

/// What stops a project from loading.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a locale folder: `{name}` is not a BCP 47 language tag like `nl` or `pt-BR`", path.display())]
    NotALocale { path: PathBuf, name: String },
    #[error("the reference locale `{name}` has no folder in {}", root.display())]
    NoSuchReference { root: PathBuf, name: String },
    #[error("no reference locale in {}: there is no `en` or `en-US` folder; name one with --reference or `reference` in etiquette.toml", root.display())]
    NoReference { root: PathBuf },
    #[error("no locale `{name}` in {}", root.display())]
    NoSuchLocale { root: PathBuf, name: String },
}

/// A file that could not be read; the run goes on without it.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {message}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub message: String,
}

/// Parses a locale folder name. Only real language subtags (two or three
/// letters) count, so that `shared` or `emails` is not taken for a language.
pub fn parse_locale(name: &str) -> Option<LanguageIdentifier> {
    let langid: LanguageIdentifier = name.parse().ok()?;
    let language = langid.language.as_str();
    (2..=3).contains(&language.len()).then_some(langid)
}

impl Project {
    /// Finds the locale folders of `root`. `reference` names the reference
    /// locale; without it, `en` is used if it exists, else `en-US`.
    pub fn discover(root: &Path, reference: Option<&str>) -> Result<Project, ProjectError> {
        let read = |source| ProjectError::Read {
            path: root.to_owned(),
            source,
        };
        let mut locales = Vec::new();
        for entry in std::fs::read_dir(root).map_err(read)? {
            let entry = entry.map_err(read)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            let path = root.join(&name);
            let Some(langid) = parse_locale(&name) else {
                return Err(ProjectError::NotALocale { path, name });
            };
            locales.push(LocaleDir { name, langid, path });
        }
        locales.sort_by(|a, b| a.name.cmp(&b.name));
        let find = |name: &str| locales.iter().position(|l| l.name == name);
        let reference =
            match reference {
                Some(name) => find(name).ok_or_else(|| ProjectError::NoSuchReference {
                    root: root.to_owned(),
                    name: name.to_owned(),
                })?,
                None => find("en").or_else(|| find("en-US")).ok_or_else(|| {
                    ProjectError::NoReference {
                        root: root.to_owned(),
                    }
                })?,
            };
        Ok(Project {
            root: root.to_owned(),
            locales,
            reference,
            emails: Default::default(),
        })
    }

    /// The reference locale's folder.
    pub fn reference(&self) -> &LocaleDir {
        &self.locales[self.reference]
    }

    /// The index of the locale folder named `name` (or whose tag is `name`).
    pub fn locale_index(&self, name: &str) -> Result<usize, ProjectError> {
        let wanted = parse_locale(name);
        self.locales
            .iter()
            .position(|l| l.name == name || Some(&l.langid) == wanted.as_ref())
            .ok_or_else(|| ProjectError::NoSuchLocale {
                root: self.root.clone(),
                name: name.to_owned(),
            })
    }
}

impl LocaleDir {
    /// Reads every `.ftl` file below the folder, sorted by relative path.
    /// Hidden entries are skipped; symlinks are followed, loops are not.
    pub fn read_files(&self) -> (Vec<SourceFile>, Vec<ReadError>) {
        let mut paths = Vec::new();
        let mut errors = Vec::new();
        let walker = walkdir::WalkDir::new(&self.path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "ftl") {
                        paths.push(entry.into_path());
                    }
                }
                Err(err) => errors.push(ReadError {
                    path: err.path().unwrap_or(&self.path).to_owned(),
                    message: walk_error_message(&err),
                }),
            }
        }
        // Reading (and checking UTF-8, finding lines) is per file: both cores.
        let read: Vec<Result<SourceFile, ReadError>> = paths
            .par_iter()
            .map(|path| {
                let rel_path = path
                    .strip_prefix(&self.path)
                    .unwrap_or(path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                match std::fs::read(path) {
                    Ok(bytes) => Ok(SourceFile::from_bytes(display_path(path), rel_path, bytes)),
                    Err(err) => Err(ReadError {
                        path: path.clone(),
                        message: err.to_string(),
                    }),
                }
            })
            .collect();
        let mut files = Vec::with_capacity(read.len());
        for outcome in read {
            match outcome {
                Ok(file) => files.push(file),
                Err(error) => errors.push(error),
            }
        }
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        (files, errors)
    }

    /// The display path of the file `rel_path` in this locale, whether or not
    /// it exists.
    pub fn file_path(&self, rel_path: &str) -> String {
        display_path(&self.path.join(rel_path))
    }
}

fn walk_error_message(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!("symbolic link loop back to {}", ancestor.display());
    }
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// A path for reports: as reached from the root, with `/` separators and no
/// leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags() {
        assert!(parse_locale("nl").is_some());
        assert!(parse_locale("pt-BR").is_some());
        assert!(parse_locale("sr-Latn-RS").is_some());
        assert!(parse_locale("ast").is_some());
        assert!(parse_locale("shared").is_none());
        assert!(parse_locale("emails").is_none());
        assert!(parse_locale("x").is_none());
        assert!(parse_locale("en US").is_none());
    }

    #[test]
    fn display_paths_stay_relative() {
        assert_eq!(
            display_path(Path::new("./locales/nl/a.ftl")),
            "locales/nl/a.ftl"
        );
        assert_eq!(
            display_path(Path::new("locales/nl/a.ftl")),
            "locales/nl/a.ftl"
        );
        assert_eq!(display_path(Path::new("../x/a.ftl")), "../x/a.ftl");
    }
}
