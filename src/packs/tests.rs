//! The packs' indexes, fallbacks, loading and errors.

use super::*;
use crate::finding::Severity;

/// A look through a pack's word sets, which passes most ASCII words
/// over by their length and ends before lower-casing them, finds what
/// a look that offers every word lower-cased finds: on texts of the
/// pack's own words in any case, with their neighbours in the filter.
#[test]
fn start_words_find_what_every_word_offered_finds() {
    use crate::text::{any_start_word, any_word, generated_texts};
    let packs = Packs::builtin();
    for tag in ["nl", "de", "fr"] {
        let pack = packs.for_locale(&tag.parse().unwrap()).unwrap();
        let mut alphabet: Vec<String> = pack
            .address_words
            .words
            .iter()
            .map(|w| w.to_string())
            .collect();
        alphabet.extend(pack.phrase_words.words.iter().map(|w| w.to_string()));
        alphabet.sort();
        let upper: Vec<String> = alphabet.iter().map(|w| w.to_uppercase()).collect();
        let capital: Vec<String> = alphabet
            .iter()
            .map(|w| crate::text::capitalized(w))
            .collect();
        alphabet.extend(upper);
        alphabet.extend(capital);
        // Most words stand alone; the pieces below join onto them.
        for word in &mut alphabet {
            word.push(' ');
        }
        alphabet.extend([" ", ",", "x", "é", "\u{7f}", "-", "ß"].map(str::to_owned));
        let alphabet: Vec<&str> = alphabet.iter().map(String::as_str).collect();
        let (mut found, mut texts) = (0, 0);
        for text in generated_texts(&alphabet, 4, 20_000, 0x9e37_79b9_7f4a_7c15) {
            for (set, calques) in [
                (pack.address_words(), None),
                (pack.phrase_words(true), Some(true)),
                (pack.phrase_words(false), Some(false)),
            ] {
                let every = any_word(&text, |w| match calques {
                    None => pack.starts_address(w),
                    Some(calques) => pack.starts_phrase(w, calques),
                });
                assert_eq!(any_start_word(&text, set), every, "{tag}: {text:?}");
                found += usize::from(every);
                texts += 1;
            }
        }
        // Both answers, often.
        assert!(
            found > texts / 10 && found < texts * 9 / 10,
            "{tag}: {found} of {texts}"
        );
    }
}

#[test]
fn builtin_packs_parse() {
    let packs = Packs::builtin();
    for tag in ["nl", "de", "fr", "es", "it", "pt-PT", "pt-BR", "pl"] {
        assert!(
            packs.for_locale(&tag.parse().unwrap()).is_some(),
            "no pack for {tag}"
        );
    }
}

#[test]
fn builtin_table_is_true_to_the_packs() {
    for (index, builtin) in BUILTIN.iter().enumerate() {
        let pack = builtin_pack(index);
        assert_eq!(pack.path, builtin.path);
        assert_eq!(pack.locales, builtin.locales, "{}", builtin.path);
        assert_eq!(pack.project_rules().count(), 0, "{}", builtin.path);
    }
}

#[test]
fn a_project_pack_extends_or_replaces_a_builtin_one() {
    let extension = |replace: bool| {
        Pack::parse(
            "packs/nl.toml",
            &format!("[pack]\nname = \"Extra\"\nlocales = [\"nl\"]\nreplace = {replace}\n\n[[calque]]\nphrases = [\"in de lus\"]\nfix = \"op de hoogte\"\nbad = [\"Ik houd u [in de lus].\"]\n"),
        )
        .unwrap()
    };
    let nl: LanguageIdentifier = "nl".parse().unwrap();
    let builtin_entries = Packs::builtin().for_locale(&nl).unwrap().entries.len();

    let mut packs = Packs::builtin();
    packs.add(extension(false));
    let extended = packs.for_locale(&nl).unwrap();
    assert_eq!(extended.path, "rules/nl.toml");
    assert_eq!(extended.entries.len(), builtin_entries + 1);
    // The shared built-in pack is not changed.
    assert_eq!(
        Packs::builtin().for_locale(&nl).unwrap().entries.len(),
        builtin_entries
    );

    let mut packs = Packs::builtin();
    packs.add(extension(true));
    let replaced = packs.for_locale(&nl).unwrap();
    assert_eq!(replaced.path, "packs/nl.toml");
    assert_eq!(replaced.entries.len(), 1);
}

#[test]
fn word_sets_are_the_words_entries_start_at() {
    let project = Pack::parse(
        "packs/brand.toml",
        "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"brand-name\"\nphrases = [\"Tulip and Co\"]\nmessage = \"write `Tulip & Co`\"\nbad = [\"Bestel bij [Tulip and Co].\"]\ngood = [\"Bestel bij Tulip & Co.\"]\n",
    )
    .unwrap();
    let packs = (0..BUILTIN.len())
        .map(|index| &**builtin_pack(index))
        .chain([&project]);
    for pack in packs {
        let candidates = |lower: &str| {
            pack.marker_candidates(lower).next().is_some()
                || pack.salutation_candidates(lower).next().is_some()
                || pack.closing_candidates(lower).next().is_some()
        };
        let words = pack
            .entries
            .iter()
            .flat_map(|e| e.examples.bad.iter().chain(&e.examples.good))
            .flat_map(|example| crate::text::words(example).collect::<Vec<_>>());
        let phrases = |lower: &str, calques: bool| {
            (calques && pack.calque_candidates(lower).next().is_some())
                || pack.rule_candidates(lower).next().is_some()
        };
        for word in words.chain(["zzz".to_string()]) {
            assert_eq!(
                pack.starts_marker(&word),
                pack.marker_candidates(&word).next().is_some(),
                "{word} in {}",
                pack.path
            );
            assert_eq!(
                pack.starts_address(&word),
                candidates(&word),
                "{word} in {}",
                pack.path
            );
            for calques in [true, false] {
                assert_eq!(
                    pack.starts_phrase(&word, calques),
                    phrases(&word, calques),
                    "{word} in {}",
                    pack.path
                );
            }
        }
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
fn a_marker_takes_its_words_from_a_lexicon() {
    let text = |lexicon: &str| {
        format!(
            "[pack]\nname = \"X\"\nlocales = [\"de\"]\n\n[[marker]]\nlexicon = \"{lexicon}\"\n\
             register = \"informal\"\nbad = [\"Guten Tag. [Kopiere] den Link.\"]\n"
        )
    };
    let pack = Pack::parse("rules/xx.toml", &text("de-imperative")).unwrap();
    let marker = pack.entries[0].kind.marker().unwrap();
    assert!(marker.matcher.lists("kopiere"));
    assert!(!marker.matcher.lists("teile"), "a noun too");
    let error = Pack::parse("rules/xx.toml", &text("de-nope")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no lexicon `de-nope`; the lexicons are de-imperative"),
        "{error}"
    );
}

#[test]
fn a_neighbour_may_be_an_ending() {
    // `-ando`: a word that ends so; the pack's own examples prove it.
    let pack = Pack::parse(
        "rules/xx.toml",
        "[pack]\nname = \"X\"\nlocales = [\"es\"]\n\n[[marker]]\nwords = [\"está\"]\n\
         before = [\"-ando\"]\nregister = \"formal\"\n\
         bad = [\"Hola. [Está] USANDO la app.\"]\ngood = [\"Hola. Está usado. Está ando.\"]\n",
    )
    .expect("an ending is a neighbour");
    let marker = pack.entries[0].kind.marker().unwrap();
    assert_eq!(
        marker.matcher.before,
        [super::matcher::Neighbour::Ending("ando".into())]
    );
    let error = pack_error(
        "[pack]\nname = \"X\"\nlocales = [\"es\"]\n\n[[marker]]\nwords = [\"está\"]\n\
         before = [\"<gerund>\"]\nregister = \"formal\"\nbad = [\"[Está] usando.\"]\n",
    );
    assert!(error.contains("unknown class `<gerund>`"), "{error}");
}

/// The error of the pack `text`, read as `rules/xx.toml`.
fn pack_error(text: &str) -> String {
    Pack::parse("rules/xx.toml", text).unwrap_err().to_string()
}

#[test]
fn errors_name_file_line_and_key() {
    let error = pack_error("[pack]\nname = \"X\"\nlocales = [\"nl\"]\nfoo = 1\n");
    assert!(
        error.starts_with("rules/xx.toml:4:1: unknown field `foo`"),
        "{error}"
    );
    let error = pack_error(
        "[pack]\nname = \"X\"\nlocales = [\"nl\"]\n\n[[marker]]\nwords = [\"u\"]\nregister = \"formal\"\n",
    );
    assert!(error.contains("line 5"), "{error}");
    assert!(error.contains("`bad` example"), "{error}");
    let error = pack_error(
        "[pack]\nname = \"X\"\nlocales = [\"nl\"]\n\n[[salutation]]\nwords = [\"lieve\"]\ntone = \"banned\"\nregister = \"formal\"\nbad = [\"[Lieve] Niels\"]\n",
    );
    // The key's own line, and the keys the table has.
    assert!(
        error.starts_with("rules/xx.toml:8:1: unknown field `register`, expected one of `tone`"),
        "{error}"
    );
    let error = pack_error(
        "[pack]\nname = \"X\"\nlocales = [\"de\"]\n\n[[marker]]\nwords = [\"kopiere\"]\nregister = \"informal\"\nclause-start = true\nbad = [\"Guten Tag. [Kopiere] den Link.\"]\n",
    );
    assert!(error.contains("needs `position"), "{error}");
    let error = pack_error(
        "[pack]\nname = \"X\"\nlocales = [\"es\"]\n\n[[marker]]\nwords = [\"confirma\"]\nregister = \"informal\"\nquestion = true\nin-questions = false\nbad = [\"Hola. [Confirma] la cuenta.\"]\n",
    );
    assert!(error.contains("one of them"), "{error}");
    // A raise of a Spanish formal marker: one sign of the reader, and
    // stronger than the marker where it is found.
    for (keys, expected) in [
        (
            "words = [\"su\"]\nstrength = \"weak\"\nowner-strength = \"strong\"\nperson-strength = \"strong\"",
            "one of them",
        ),
        (
            "words = [\"le\"]\nstrength = \"weak\"\nperson-strength = \"strong\"\nsubject-strength = \"strong\"",
            "one of them",
        ),
        (
            "words = [\"su\"]\nstrength = \"weak\"\nowner-strength = \"none\"",
            "stronger than",
        ),
        // A marker found nowhere else is raised to a strength.
        (
            "words = [\"sabe\"]\nstrength = \"none\"\nperson-strength = \"none\"",
            "stronger than",
        ),
        // An echo is raised where the reference says one of its echoes.
        (
            "words = [\"sabe\"]\nstrength = \"none\"\necho-strength = \"strong\"",
            "it needs them",
        ),
        (
            "words = [\"sabe\"]\nstrength = \"weak\"\nechoes = [\"you know\"]",
            "it needs one",
        ),
    ] {
        let error = pack_error(&format!(
            "[pack]\nname = \"X\"\nlocales = [\"es\"]\n\n[[marker]]\nregister = \"formal\"\n{keys}\n"
        ));
        assert!(error.contains(expected), "{keys}: {error}");
    }
    // Found nowhere else, it counts where it is raised.
    Pack::parse(
        "rules/xx.toml",
        "[pack]\nname = \"X\"\nlocales = [\"es\"]\n\n[[marker]]\nregister = \"formal\"\nwords = [\"sabe\"]\nstrength = \"none\"\nsubject-strength = \"strong\"\ngood = [\"Juan sabe.\"]\n",
    )
    .expect("a marker of no strength but its raise");
}

#[test]
fn project_rules_have_their_own_ids() {
    let pack = Pack::parse(
        "packs/brand.toml",
        "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"brand-name\"\nphrases = [\"Tulip and Co\"]\nmessage = \"write `Tulip & Co`\"\nbad = [\"Bestel bij [Tulip and Co].\"]\n",
    )
    .unwrap();
    let rule = pack.project_rules().next().unwrap();
    assert_eq!(rule.meta.id, "brand-name");
    assert_eq!(rule.meta.severity, Severity::Warning);
    let folder = std::env::temp_dir().join(format!("etiquette-packs-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("brand.toml"),
        "[pack]\nname = \"Brand\"\nlocales = [\"*\"]\n\n[[rule]]\nid = \"register-mix\"\nwords = [\"x\"]\nmessage = \"m\"\nbad = [\"[x]\"]\n",
    )
    .unwrap();
    let error = Packs::load(std::slice::from_ref(&folder), &["register-mix"]).unwrap_err();
    let _ = std::fs::remove_dir_all(&folder);
    assert!(
        error.to_string().ends_with(
            "brand.toml: the [[rule]] at line 5: the id `register-mix` is a built-in rule"
        ),
        "{error}"
    );
}
