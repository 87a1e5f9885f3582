//! Language packs: the address markers of a language as data (`rules/*.toml`,
//! embedded in the binary), with the context rules that tell ambiguous
//! words apart and the examples a test runs. A project can add packs, or
//! extend and override the built-in ones, from its own folders.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use unic_langid::LanguageIdentifier;

use crate::config::Register;

/// The packs that ship inside the binary.
const BUILTIN: &[(&str, &str)] = &[
    ("rules/nl.toml", include_str!("../rules/nl.toml")),
    ("rules/de.toml", include_str!("../rules/de.toml")),
    ("rules/fr.toml", include_str!("../rules/fr.toml")),
    ("rules/es.toml", include_str!("../rules/es.toml")),
    ("rules/it.toml", include_str!("../rules/it.toml")),
    ("rules/pt-PT.toml", include_str!("../rules/pt-PT.toml")),
    ("rules/pt-BR.toml", include_str!("../rules/pt-BR.toml")),
];

/// How much a marker says about the register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Decides the register and is flagged when it contradicts it.
    #[default]
    Strong,
    /// Helps decide the register; never flagged.
    Weak,
    /// Votes like a strong marker, but where it contradicts the register it
    /// may be a plural (French `vous` to a family): only ever `info`.
    Plural,
    /// Matched and then ignored: idioms and names that look like markers.
    None,
}

impl Strength {
    /// The weight of the marker in its sentence's vote.
    pub fn weight(self) -> f32 {
        match self {
            Strength::Strong | Strength::Plural => 1.0,
            Strength::Weak => 0.3,
            Strength::None => 0.0,
        }
    }
}

/// Case sensitivity of a marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// `Je`, `je` and `JE` are the same word (all-capital words of two or
    /// more letters are acronyms and never markers).
    #[default]
    Any,
    /// Only the case as written: German `Sie`, Italian `Lei`.
    Exact,
}

/// Where in a sentence a marker counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    #[default]
    Any,
    /// Only inside a sentence; at its start `init-strength` applies (German
    /// `Sie ist unterwegs` is "she").
    Mid,
}

/// Words glued to others by an apostrophe or a hyphen (`sms'je`, `u-bocht`,
/// `ajudar-te`, `t'aider`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Joined {
    /// A glued word is part of another word, never this marker.
    #[default]
    Skip,
    /// Glued or not, the word counts (French `pouvez-vous`, Portuguese `ajudar-te`).
    Allow,
    /// Only the elided form counts: the word followed by an apostrophe and
    /// a letter (French `t'aider`).
    Elided,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    pack: Header,
    #[serde(default)]
    marker: Vec<Spanned<MarkerSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Header {
    name: String,
    locales: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    /// A project pack replaces the built-in pack of its locales instead of
    /// extending it.
    #[serde(default)]
    replace: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MarkerSpec {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    register: Register,
    #[serde(default)]
    strength: Strength,
    #[serde(default)]
    case: Case,
    #[serde(default)]
    position: Position,
    init_strength: Option<Strength>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    joined: Joined,
    #[serde(default)]
    not_between_capitalized: bool,
    fix: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

/// A condition on the token before or after a marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Neighbour {
    /// This word, lower-cased.
    Word(String),
    /// `<number>`: digits, as in "9 u" or "9.30 u".
    Number,
    /// `<capitalized>`: a word starting with a capital letter.
    Capitalized,
    /// `<placeholder>`: a Fluent placeable such as `{ $name }`.
    Placeholder,
    /// `<none>`: no token (start or end of the sentence).
    None,
}

/// One entry of a pack: words, phrases or suffixes and when they count.
#[derive(Clone, Debug)]
pub struct Marker {
    /// The words, lower-cased unless `case` is exact.
    pub words: HashSet<String>,
    /// Multi-word markers, as lower-cased tokens.
    pub phrases: Vec<Vec<String>>,
    /// Endings that mark a word (Italian `contattarLa`), case as written.
    pub suffixes: Vec<String>,
    pub register: Register,
    pub strength: Strength,
    pub case: Case,
    pub position: Position,
    pub init_strength: Strength,
    pub after: Vec<Neighbour>,
    pub not_after: Vec<Neighbour>,
    pub before: Vec<Neighbour>,
    pub not_before: Vec<Neighbour>,
    pub joined: Joined,
    pub not_between_capitalized: bool,
    /// The help when this marker contradicts the register.
    pub fix: Option<String>,
    /// Why the entry is there, for the pack's readers.
    pub note: Option<String>,
    /// Texts where the marker must be flagged, the flagged words in `[…]`.
    pub bad: Vec<String>,
    /// Texts where the marker must not be flagged.
    pub good: Vec<String>,
    /// Where the entry is, for messages: `rules/nl.toml:12`.
    pub origin: String,
}

/// A language pack.
#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    /// The locale tags the pack serves; `nl-BE` falls back to `nl`.
    pub locales: Vec<String>,
    /// Lower-cased abbreviations that do not end a sentence (`bijv.`, `z.b.`).
    pub abbreviations: HashSet<String>,
    pub markers: Vec<Marker>,
    /// The file the pack came from.
    pub path: String,
    replace: bool,
    index: MarkerIndex,
}

impl Pack {
    /// The markers, indexed by word.
    pub fn index(&self) -> &MarkerIndex {
        &self.index
    }
}

/// A pack that cannot be used; the run stops with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PackError {
    pub path: String,
    pub message: String,
}

/// All packs of a run.
#[derive(Clone, Debug, Default)]
pub struct Packs {
    packs: Vec<Pack>,
}

impl Packs {
    /// The built-in packs, parsed once.
    pub fn builtin() -> Packs {
        static BUILT: std::sync::OnceLock<Packs> = std::sync::OnceLock::new();
        BUILT
            .get_or_init(|| Packs {
                packs: BUILTIN
                    .iter()
                    .map(|(path, text)| {
                        // A test parses every built-in pack, so this cannot fail at run time.
                        Pack::parse(path, text)
                            .unwrap_or_else(|e| panic!("built-in pack is invalid: {e}"))
                    })
                    .collect(),
            })
            .clone()
    }

    /// The built-in packs, extended or overridden by the `.toml` packs in
    /// `folders`, in order.
    pub fn load(folders: &[PathBuf]) -> Result<Packs, PackError> {
        let mut packs = Packs::builtin();
        let mut added: Vec<(String, String)> = Vec::new();
        for folder in folders {
            let entries = std::fs::read_dir(folder).map_err(|e| PackError {
                path: folder.display().to_string(),
                message: format!("cannot read the rule-pack folder: {e}"),
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).map_err(|e| PackError {
                    path: file.display().to_string(),
                    message: e.to_string(),
                })?;
                let pack = Pack::parse(&crate::project::display_path(&file), &text)?;
                if let Some(locale) = pack.locales.first() {
                    added.push((pack.path.clone(), locale.clone()));
                }
                packs.add(pack);
            }
        }
        // A project pack's examples run as it loads, against the pack it
        // becomes part of: a wrong example is a config error.
        for (path, locale) in added {
            let Some(pack) = locale.parse().ok().and_then(|l| packs.for_locale(&l)) else {
                continue;
            };
            let prefix = format!("{path}:");
            if let Some(failure) =
                crate::register::check_examples(pack, |m| m.origin.starts_with(&prefix)).first()
            {
                let described = failure.to_string();
                return Err(PackError {
                    message: format!(
                        "line {}",
                        described.strip_prefix(&prefix).unwrap_or(&described)
                    ),
                    path,
                });
            }
        }
        Ok(packs)
    }

    /// Adds a project pack: it extends the packs of its locales (its markers
    /// are tried first), or replaces them with `replace = true`.
    pub fn add(&mut self, pack: Pack) {
        let mut extended = false;
        for existing in &mut self.packs {
            if !existing.locales.iter().any(|l| pack.locales.contains(l)) {
                continue;
            }
            if pack.replace {
                existing.locales.retain(|l| !pack.locales.contains(l));
            } else {
                let mut markers = pack.markers.clone();
                markers.append(&mut existing.markers);
                existing.markers = markers;
                existing
                    .abbreviations
                    .extend(pack.abbreviations.iter().cloned());
                existing.index = MarkerIndex::new(existing);
                extended = true;
            }
        }
        if !extended {
            self.packs.push(pack);
        }
    }

    /// The pack for a locale: the most specific one whose `locales` names the
    /// tag, dropping variants, region and script in turn.
    pub fn for_locale(&self, langid: &LanguageIdentifier) -> Option<&Pack> {
        fallbacks(langid).iter().find_map(|tag| {
            self.packs
                .iter()
                .find(|p| p.locales.iter().any(|l| l.eq_ignore_ascii_case(tag)))
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter()
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

impl Pack {
    /// Parses a pack; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Pack, PackError> {
        let error = |message: String| PackError {
            path: path.to_owned(),
            message,
        };
        let file: PackFile = toml::from_str(text).map_err(|e| error(e.to_string()))?;
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let mut markers = Vec::new();
        for spanned in file.marker {
            let line = line_of(spanned.span().start);
            let spec = spanned.into_inner();
            let at = |message: &str| error(format!("the [[marker]] at line {line}: {message}"));
            if spec.words.is_empty() && spec.phrases.is_empty() && spec.suffixes.is_empty() {
                return Err(at("needs `words`, `phrases` or `suffixes`"));
            }
            let exact = spec.case == Case::Exact;
            let fold = |w: &str| {
                if exact {
                    w.to_owned()
                } else {
                    w.to_lowercase()
                }
            };
            let neighbours = |list: &[String]| -> Result<Vec<Neighbour>, PackError> {
                list.iter()
                    .map(|item| match item.as_str() {
                        "<number>" => Ok(Neighbour::Number),
                        "<capitalized>" => Ok(Neighbour::Capitalized),
                        "<placeholder>" => Ok(Neighbour::Placeholder),
                        "<none>" => Ok(Neighbour::None),
                        other if other.starts_with('<') => Err(at(&format!(
                            "unknown class `{other}`; use `<number>`, `<capitalized>`, `<placeholder>` or `<none>`"
                        ))),
                        word => Ok(Neighbour::Word(word.to_lowercase())),
                    })
                    .collect()
            };
            if spec.strength == Strength::Strong || spec.strength == Strength::Plural {
                if spec.bad.is_empty() {
                    return Err(at(
                        "a strong marker needs a `bad` example with the flagged words in […]",
                    ));
                }
            } else if spec.bad.is_empty() && spec.good.is_empty() {
                return Err(at("needs at least one `good` example"));
            }
            for example in &spec.bad {
                if !example.contains('[') || !example.contains(']') {
                    return Err(at(&format!(
                        "the bad example `{example}` marks no word with […]"
                    )));
                }
            }
            let init_strength = match (spec.position, spec.init_strength) {
                (_, Some(strength)) => strength,
                (Position::Mid, None) => Strength::None,
                (Position::Any, None) => spec.strength,
            };
            markers.push(Marker {
                words: spec.words.iter().map(|w| fold(w)).collect(),
                phrases: spec
                    .phrases
                    .iter()
                    .map(|p| crate::text::words(p).map(|w| fold(&w)).collect())
                    .collect(),
                suffixes: spec.suffixes.clone(),
                register: spec.register,
                strength: spec.strength,
                case: spec.case,
                position: spec.position,
                init_strength,
                after: neighbours(&spec.after)?,
                not_after: neighbours(&spec.not_after)?,
                before: neighbours(&spec.before)?,
                not_before: neighbours(&spec.not_before)?,
                joined: spec.joined,
                not_between_capitalized: spec.not_between_capitalized,
                fix: spec.fix,
                note: spec.note,
                bad: spec.bad,
                good: spec.good,
                origin: format!("{path}:{line}"),
            });
        }
        let abbreviations = crate::text::abbreviations(&file.pack.abbreviations);
        if file.pack.locales.is_empty() {
            return Err(error("[pack] `locales` names no locale".into()));
        }
        for locale in &file.pack.locales {
            if crate::project::parse_locale(locale).is_none() {
                return Err(error(format!(
                    "[pack] `{locale}` in `locales` is not a BCP 47 tag"
                )));
            }
        }
        let mut pack = Pack {
            name: file.pack.name,
            locales: file.pack.locales,
            abbreviations,
            markers,
            path: path.to_owned(),
            replace: file.pack.replace,
            index: MarkerIndex::default(),
        };
        pack.index = MarkerIndex::new(&pack);
        Ok(pack)
    }
}

/// Markers indexed for lookup by the lower-cased first word.
#[derive(Clone, Debug, Default)]
pub struct MarkerIndex {
    by_word: HashMap<String, Vec<usize>>,
    with_suffix: Vec<usize>,
}

impl MarkerIndex {
    pub fn new(pack: &Pack) -> Self {
        let mut index = MarkerIndex::default();
        for (i, marker) in pack.markers.iter().enumerate() {
            for word in &marker.words {
                index
                    .by_word
                    .entry(word.to_lowercase())
                    .or_default()
                    .push(i);
            }
            for phrase in &marker.phrases {
                if let Some(first) = phrase.first() {
                    index
                        .by_word
                        .entry(first.to_lowercase())
                        .or_default()
                        .push(i);
                }
            }
            if !marker.suffixes.is_empty() {
                index.with_suffix.push(i);
            }
        }
        for list in index.by_word.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        index
    }

    /// The markers that may match a word, in pack order.
    pub fn candidates(&self, lower: &str) -> impl Iterator<Item = usize> + '_ {
        let listed = self.by_word.get(lower).map(Vec::as_slice).unwrap_or(&[]);
        let mut merged: Vec<usize> = listed.iter().chain(&self.with_suffix).copied().collect();
        merged.sort_unstable();
        merged.dedup();
        merged.into_iter()
    }
}

/// Where the built-in packs are, for documentation.
pub fn builtin_paths() -> impl Iterator<Item = &'static Path> {
    BUILTIN.iter().map(|(path, _)| Path::new(*path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_parse() {
        let packs = Packs::builtin();
        for tag in ["nl", "de", "fr", "es", "it", "pt-PT", "pt-BR"] {
            assert!(
                packs.for_locale(&tag.parse().unwrap()).is_some(),
                "no pack for {tag}"
            );
        }
    }

    #[test]
    fn locale_fallback() {
        let packs = Packs::builtin();
        let name = |tag: &str| {
            packs
                .for_locale(&tag.parse().unwrap())
                .map(|p| p.path.clone())
        };
        assert_eq!(name("nl-BE").as_deref(), Some("rules/nl.toml"));
        assert_eq!(name("de-CH").as_deref(), Some("rules/de.toml"));
        assert_eq!(name("pt").as_deref(), Some("rules/pt-BR.toml"));
        assert_eq!(name("pt-PT").as_deref(), Some("rules/pt-PT.toml"));
        assert_eq!(name("ja"), None);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let error = Pack::parse(
            "rules/xx.toml",
            "[pack]\nname = \"X\"\nlocales = [\"nl\"]\nfoo = 1\n",
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("rules/xx.toml: TOML parse error at line 4"),
            "{error}"
        );
        let error = Pack::parse(
            "rules/xx.toml",
            "[pack]\nname = \"X\"\nlocales = [\"nl\"]\n\n[[marker]]\nwords = [\"u\"]\nregister = \"formal\"\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("line 5"), "{error}");
        assert!(error.to_string().contains("`bad` example"), "{error}");
    }
}
