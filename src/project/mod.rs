//! Finds the locale folders under a root and the `.ftl` files in each, and
//! picks the reference locale. Reads stay inside the root: a symbolic link
//! is followed only where it leads to a place inside it, and only regular
//! files of a bounded size are read.

pub mod config;
pub mod emails;
pub mod locale;
pub mod suppression;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use unic_langid::LanguageIdentifier;

use crate::syntax::SourceFile;

/// A locale folder.
#[derive(Clone, Debug)]
pub struct LocaleDir {
    /// The folder name as written (`nl`, `pt-BR`).
    pub name: String,
    pub langid: LanguageIdentifier,
    /// The folder, as reached from the root the user gave.
    pub path: PathBuf,
    /// Where reads may go, and what is left out.
    pub(crate) scope: Arc<Scope>,
}

/// Where a project's reads may go: inside `boundary` (the root, resolved),
/// except what `exclude` names.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// The root as the user gave it, for messages.
    root: PathBuf,
    /// The root with every link resolved; `None` reads inside the locale
    /// folder only.
    boundary: Option<PathBuf>,
    /// Globs of paths below the root that are not read.
    exclude: Vec<String>,
    /// Contents that stand for what a file holds on disk, by its display
    /// path: the fixes a run is trying before it writes anything.
    overlay: std::collections::BTreeMap<String, Arc<Vec<u8>>>,
}

impl Scope {
    /// Whether `target`, a resolved path, is inside the boundary (of
    /// `fallback` when there is none).
    fn contains(&self, target: &Path, fallback: &Path) -> bool {
        match &self.boundary {
            Some(boundary) => target.starts_with(boundary),
            None => std::fs::canonicalize(fallback).is_ok_and(|f| target.starts_with(f)),
        }
    }

    fn excludes(&self, rel_path: &str) -> bool {
        self.exclude
            .iter()
            .any(|glob| crate::project::emails::glob_match(glob.trim_end_matches('/'), rel_path))
    }
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
    pub emails: crate::project::config::Emails,
    /// What under the root was left out, and why: warnings for the user.
    pub skipped: Vec<ReadError>,
    scope: Arc<Scope>,
}

/// What stops a project from loading.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the reference locale `{name}` has no folder in {}", root.display())]
    NoSuchReference { root: PathBuf, name: String },
    #[error("no reference locale in {}: there is no `en` or `en-US` folder; name one with --reference or `reference` in etiquette.toml", root.display())]
    NoReference { root: PathBuf },
    #[error("no locale `{name}` in {}", root.display())]
    NoSuchLocale { root: PathBuf, name: String },
}

/// A file that could not be read, or was left out on purpose; the run goes
/// on without it.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", if *skipped { "" } else { "cannot read " }, path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub message: String,
    /// Left out on purpose (a link out of the project, a folder that is no
    /// locale): a warning, not a reason for exit code 2.
    pub skipped: bool,
}

impl ReadError {
    fn failed(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        ReadError {
            path: path.into(),
            message: message.into(),
            skipped: false,
        }
    }

    fn skipped(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        ReadError {
            path: path.into(),
            message: message.into(),
            skipped: true,
        }
    }
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
        Self::discover_excluding(root, reference, &[])
    }

    /// [`Project::discover`], leaving out what the globs of `exclude` name
    /// (paths below the root: `templates`, `*/drafts/*`).
    pub fn discover_excluding(
        root: &Path,
        reference: Option<&str>,
        exclude: &[String],
    ) -> Result<Project, ProjectError> {
        let read = |source| ProjectError::Read {
            path: root.to_owned(),
            source,
        };
        let scope = Arc::new(Scope {
            root: root.to_owned(),
            boundary: Some(std::fs::canonicalize(root).map_err(read)?),
            exclude: exclude.to_vec(),
            overlay: Default::default(),
        });
        let mut locales = Vec::new();
        let mut skipped = Vec::new();
        for entry in std::fs::read_dir(root).map_err(read)? {
            let entry = entry.map_err(read)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = root.join(&name);
            if name.starts_with('.') || scope.excludes(&name) {
                continue;
            }
            let is_dir = match follow(&path, &entry, &scope, root) {
                Ok(Some(target)) => target.is_dir(),
                Ok(None) => entry.file_type().is_ok_and(|t| t.is_dir()),
                Err(problem) => {
                    skipped.push(problem);
                    continue;
                }
            };
            if !is_dir {
                continue;
            }
            let Some(langid) = parse_locale(&name) else {
                skipped.push(ReadError::skipped(
                    path,
                    format!(
                        "not a locale folder (`{}` is no BCP 47 language tag like `nl` or `pt-BR`); not checked, add it to `exclude` to say so",
                        crate::printable::line(&name)
                    ),
                ));
                continue;
            };
            locales.push(LocaleDir {
                name,
                langid,
                path,
                scope: Arc::clone(&scope),
            });
        }
        locales.sort_by(|a, b| a.name.cmp(&b.name));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
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
            skipped,
            scope,
        })
    }

    /// The reference locale's folder.
    /// Reads `contents` for the files they name (by display path, as
    /// findings name them) instead of what is on disk.
    pub fn set_contents(&mut self, contents: std::collections::BTreeMap<String, Arc<Vec<u8>>>) {
        let scope = Arc::new(Scope {
            root: self.scope.root.clone(),
            boundary: self.scope.boundary.clone(),
            exclude: self.scope.exclude.clone(),
            overlay: contents,
        });
        for locale in &mut self.locales {
            locale.scope = Arc::clone(&scope);
        }
        self.scope = scope;
    }

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

    /// Whether `path`, below the root, may be read: it exists, and neither
    /// it nor a link on the way leads out of the root.
    pub fn may_read(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|target| self.scope.contains(&target, &self.root))
    }
}

/// Where the link `path` leads, when it is one: `Ok(None)` for no link,
/// `Err` (a warning) for a link that leads nowhere or out of the root.
fn follow(
    path: &Path,
    entry: &std::fs::DirEntry,
    scope: &Scope,
    locale: &Path,
) -> Result<Option<PathBuf>, ReadError> {
    if !entry.file_type().is_ok_and(|t| t.is_symlink()) {
        return Ok(None);
    }
    resolve_link(path, scope, locale).map(Some)
}

/// The resolved target of the link `path`, inside the scope.
fn resolve_link(path: &Path, scope: &Scope, locale: &Path) -> Result<PathBuf, ReadError> {
    match std::fs::canonicalize(path) {
        Ok(target) if scope.contains(&target, locale) => Ok(target),
        Ok(_) => Err(ReadError::skipped(
            path,
            format!(
                "a symbolic link out of {}; not followed",
                display_path(&scope.root)
            ),
        )),
        Err(e) if e.raw_os_error() == Some(40) => Err(ReadError::skipped(
            path,
            "a loop of symbolic links; not followed",
        )),
        Err(_) => Err(ReadError::skipped(
            path,
            "a symbolic link that leads nowhere; not followed",
        )),
    }
}

impl LocaleDir {
    /// Reads every `.ftl` file below the folder, sorted by relative path.
    /// Hidden entries and what the project excludes are skipped; links are
    /// followed where they stay inside the root, each folder once.
    pub fn read_files(&self) -> (Vec<SourceFile>, Vec<ReadError>) {
        let (paths, mut errors) = self.find_files();
        // Reading (and checking UTF-8, finding lines) is per file: both cores.
        let read: Vec<Result<SourceFile, ReadError>> = paths
            .par_iter()
            .map(|(path, rel_path)| {
                let display = display_path(path);
                let bytes = match self.scope.overlay.get(&display) {
                    Some(bytes) => Ok(bytes.to_vec()),
                    None => crate::syntax::read_bytes(path),
                };
                bytes
                    .map(|bytes| SourceFile::from_bytes(display, rel_path.clone(), bytes))
                    .map_err(|e| ReadError::failed(path.clone(), e.to_string()))
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

    /// The `.ftl` files below the folder, with their paths below it.
    fn find_files(&self) -> (Vec<(PathBuf, String)>, Vec<ReadError>) {
        let mut paths = Vec::new();
        let mut errors = Vec::new();
        let mut walked: Vec<PathBuf> = std::fs::canonicalize(&self.path).into_iter().collect();
        // Folders to walk, with their path below the locale folder: the
        // folder itself, then those that links inside it lead to.
        let mut folders = vec![(self.path.clone(), String::new())];
        while let Some((folder, prefix)) = folders.pop() {
            let walker = walkdir::WalkDir::new(&folder)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        let path = err.path().unwrap_or(&folder).to_owned();
                        errors.push(ReadError::failed(path, walk_error_message(&err)));
                        continue;
                    }
                };
                let rel_path = rel_path(
                    &prefix,
                    entry.path().strip_prefix(&folder).unwrap_or(entry.path()),
                );
                if entry.depth() == 0 {
                    continue;
                }
                let below_root = format!("{}/{rel_path}", self.name);
                if self.scope.excludes(&below_root) {
                    continue;
                }
                let is_ftl = entry.path().extension().is_some_and(|e| e == "ftl");
                let kind = entry.file_type();
                if kind.is_symlink() {
                    match resolve_link(entry.path(), &self.scope, &self.path) {
                        Ok(target) if target.is_dir() => {
                            if walked
                                .iter()
                                .any(|w| target.starts_with(w) || w.starts_with(&target))
                            {
                                errors.push(ReadError::skipped(
                                    entry.path(),
                                    "a symbolic link to a folder read already; not followed",
                                ));
                            } else {
                                walked.push(target);
                                folders.push((entry.into_path(), rel_path));
                            }
                        }
                        Ok(_) if is_ftl => paths.push((entry.into_path(), rel_path)),
                        Ok(_) => {}
                        Err(problem) => errors.push(problem),
                    }
                } else if kind.is_file() && is_ftl {
                    paths.push((entry.into_path(), rel_path));
                } else if is_ftl && !kind.is_dir() {
                    errors.push(ReadError::skipped(
                        entry.path(),
                        "not a regular file; not read",
                    ));
                }
            }
        }
        (paths, errors)
    }

    /// The display path of the file `rel_path` in this locale, whether or not
    /// it exists.
    pub fn file_path(&self, rel_path: &str) -> String {
        display_path(&self.path.join(rel_path))
    }
}

/// `prefix/relative`, with `/` separators.
fn rel_path(prefix: &str, relative: &Path) -> String {
    let parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let mut joined = prefix.to_owned();
    for part in parts {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str(&part);
    }
    joined
}

fn walk_error_message(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// `path` (absolute) as reached from the working directory (`../b/x`), when
/// both are on one file system tree; else as it is.
pub fn relative_to_working_directory(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) else {
        return path.to_owned();
    };
    let common = cwd
        .components()
        .zip(path.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.to_owned();
    }
    let mut relative = PathBuf::new();
    for _ in cwd.components().skip(common) {
        relative.push("..");
    }
    relative.extend(path.components().skip(common));
    relative
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

/// Writes `bytes` to a new file beside `path` and renames it over `path`,
/// with the old file's permissions: a reader never sees half a file, and
/// the rename replaces a link itself, never what it points to.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temporary = dir.join(format!(".{name}.{}.{stamp}.tmp", std::process::id()));
    let permissions = std::fs::symlink_metadata(path)
        .ok()
        .filter(|meta| meta.is_file())
        .map(|meta| meta.permissions());
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| match permissions {
            Some(permissions) => std::fs::set_permissions(&temporary, permissions),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
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
