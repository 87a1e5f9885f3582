//! Text as the customer reads it: prose assembled from pieces of source
//! files, HTML tags, URLs and e-mail addresses masked, then sentences and
//! word tokens, each with its byte range, so a finding can point back into
//! the `.ftl` file it came from.

mod mask;
mod prose;
mod tokens;
mod words;

pub use prose::Prose;
pub use tokens::{Kind, Token, abbreviations, is_apostrophe, is_hyphen, tokenize};
#[cfg(test)]
pub(crate) use words::any_word;
pub(crate) use words::is_word_char;
pub use words::{
    StartWords, any_start_word, any_start_word_or_byte, eq_lowercase, lowercase,
    masking_may_make_words, words,
};

/// Stands for a Fluent placeable: a word that is never a marker.
pub const PLACEHOLDER: char = '\u{fffc}';
/// A byte that ends a sentence: between messages, around attribute text,
/// at block-level HTML tags.
const BOUNDARY: u8 = 0x1e;
/// A byte the tokenizer skips entirely: what masking removes from inside
/// words (`<b>u</b>` reads as `u`).
const FILLER: u8 = 0x7f;

/// `count` texts of `pieces` pieces of `alphabet` each, for tests that hold
/// a fast path to a slow one: a fixed linear congruential sequence from
/// `seed`, so the same texts every run.
#[cfg(test)]
pub(crate) fn generated_texts<'a>(
    alphabet: &'a [&str],
    pieces: usize,
    count: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..pieces {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(alphabet[(state >> 33) as usize % alphabet.len()]);
        }
        text
    })
}

/// `word` with its first letter in capitals, for tests.
#[cfg(test)]
pub(crate) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The words of three letters or more, for tests of the looks that pass
/// prose over: ASCII words are told apart by their ends too (a lower-case
/// letter at each), so that a look that offers an ASCII word's ends
/// without lower-casing them misses words that start with a capital.
#[cfg(test)]
pub(crate) struct LongWords;

#[cfg(test)]
impl StartWords for LongWords {
    fn may_hold_ascii(&self, len: usize, first: u8, last: u8) -> bool {
        len >= 3 && first.is_ascii_lowercase() && last.is_ascii_lowercase()
    }

    fn holds(&self, lower: &str) -> bool {
        lower.chars().count() >= 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::TextSet as HashSet;

    fn prose(text: &str) -> Prose {
        let mut prose = Prose::new();
        prose.push_text(0, 0, text);
        prose.mask();
        prose
    }

    #[test]
    fn eq_lowercase_is_comparing_the_lower_case() {
        for text in [
            "Sie", "SIE", "sie", "Über", "über", "İst", "ß", "Sie2", "", "Si", "Siex",
        ] {
            for lower in ["sie", "über", "i̇st", "ß", "sie2", "", "si", "siex", "sıe"] {
                assert_eq!(
                    eq_lowercase(text, lower),
                    text.to_lowercase() == lower,
                    "{text} {lower}"
                );
            }
        }
    }

    /// `any_word` offers exactly the words `tokenize` makes, on texts built
    /// from the characters that decide where words end.
    #[test]
    fn any_word_offers_the_word_tokens() {
        let alphabet = [
            "a", "B", "é", "Ü", "\u{301}", "3", ".", ",", " ", "\n", "'", "-", "\u{7f}", "\u{1e}",
            "\u{fffc}", "İ", "ß", "日", ":", "\"", "„",
        ];
        // And words longer than `any_word`'s buffer for lower-cased ASCII.
        let long = ["Abcdefghij", "klmnopqrsT", "uvwxyz", " ", "é"];
        let texts = generated_texts(&alphabet, 12, 5_000, 0x2545_f491_4f6c_dd1d)
            .chain(generated_texts(&long, 16, 500, 0x9e37_79b9_7f4a_7c15));
        for text in texts {
            let tokens: Vec<String> = tokenize(&text, &HashSet::default())
                .into_iter()
                .filter(|t| t.kind == Kind::Word)
                .map(|t| lowercase(&t.text).into_owned())
                .collect();
            let mut offered = Vec::new();
            any_word(&text, |word| {
                offered.push(word.to_owned());
                false
            });
            assert_eq!(offered, tokens, "{text:?}");
            for (i, word) in tokens.iter().enumerate() {
                let mut seen = 0;
                assert!(any_word(&text, |w| {
                    seen += 1;
                    w == word
                }));
                assert!(seen <= i + 1);
            }
        }
    }

    fn sentences(text: &str, abbreviations: &[&str]) -> Vec<Vec<String>> {
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &super::abbreviations(abbreviations));
        let mut out: Vec<Vec<String>> = Vec::new();
        for token in tokens {
            if out.len() <= token.sentence {
                out.resize(token.sentence + 1, Vec::new());
            }
            let mark = if token.init { "^" } else { "" };
            out[token.sentence].push(format!("{mark}{}", token.text));
        }
        out
    }

    #[test]
    fn sentences_and_initial_words() {
        assert_eq!(
            sentences("Klicken Sie hier. Sie ist unterwegs! Danke", &[]),
            vec![
                vec!["^Klicken", "Sie", "hier"],
                vec!["^Sie", "ist", "unterwegs"],
                vec!["^Danke"]
            ]
        );
    }

    #[test]
    fn abbreviations_numbers_and_initials_do_not_end_sentences() {
        let split = sentences("Zahlen Sie z. B. am 3. Mai an J. Smith. Danke", &["z. b."]);
        assert_eq!(split.len(), 2, "{split:?}");
        let split = sentences("Bel ons bijv. morgen. Dank u", &["bijv."]);
        assert_eq!(split.len(), 2, "{split:?}");
        // A year does: "2013." is no ordinal.
        let split = sentences("Feito em 2013. Não acha? Seit 1.000. Nein", &[]);
        assert_eq!(split.len(), 3, "{split:?}");
        // In capitals, beyond ASCII, and longer than a word is lowered on
        // the stack: as a word and as a run of letters and periods.
        let long = "abcdefghijklmnopqrstuvwxyzabcdefghij.";
        for (text, abbreviation) in [
            ("Bel ons BIJV. morgen. Dank u", "bijv."),
            ("Siehe Übers. unten. Danke", "übers."),
            ("Siehe ÜBERS. unten. Danke", "übers."),
            ("Ein Z.b. hier. Danke", "z.b."),
            (&format!("Ein {} hier. Danke", long.to_uppercase()), long),
            ("Ein X.Y.Z.Ä.Bc. hier. Danke", "x.y.z.ä.bc."),
        ] {
            let split = sentences(text, &[abbreviation]);
            assert_eq!(split.len(), 2, "{text}: {split:?}");
            assert_eq!(sentences(text, &[]).len(), 3, "{text}");
        }
    }

    #[test]
    fn a_period_after_a_no_break_space_is_no_panic() {
        // French puts U+202F before `?` and U+00A0 in numbers: multi-byte spaces.
        let split = sentences(
            "Votre code\u{202f}: abc\u{a0}def. Merci\u{a0}! Bonne journée",
            &["p."],
        );
        assert_eq!(split.len(), 3, "{split:?}");
    }

    #[test]
    fn a_colon_makes_the_next_word_initial() {
        assert_eq!(
            sentences("Hinweis: Sie haben", &[]),
            vec![vec!["^Hinweis", "^Sie", "haben"]]
        );
    }

    #[test]
    fn a_wrapped_line_continues_the_sentence() {
        assert_eq!(
            sentences("Hallo Max,\nSie haben", &[]),
            vec![vec!["^Hallo", "Max", "Sie", "haben"]]
        );
        assert_eq!(sentences("Vielen Dank.\nSie haben", &[]).len(), 2);
        assert_eq!(sentences("Eins\n\nZwei", &[]).len(), 2);
        assert_eq!(
            sentences("Wir haben Ihre Bestellung\nSie kommt morgen", &[]).len(),
            1
        );
    }

    #[test]
    fn a_title_line_is_a_sentence_of_its_own() {
        assert_eq!(
            sentences("Attenzione\nLa decrittazione ha avuto esito positivo", &[]),
            vec![
                vec!["^Attenzione"],
                vec!["^La", "decrittazione", "ha", "avuto", "esito", "positivo"]
            ]
        );
        assert_eq!(sentences("Attenzione\nla firma", &[]).len(), 1);
    }

    #[test]
    fn glue_marks_words_that_belong_together() {
        let prose = prose("sms'je u-bocht t'aider je");
        let tokens = tokenize(prose.text(), &HashSet::default());
        let glued: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.glued_before, t.glued_after))
            .collect();
        assert_eq!(glued[1], ("je".into(), Some('\''), None));
        assert_eq!(glued[2], ("u".into(), None, Some('-')));
        assert_eq!(glued[4], ("t".into(), None, Some('\'')));
        assert_eq!(glued[6], ("je".into(), None, None));
        // Glue before no word, or before the end, glues nothing.
        let loose = self::prose("u- en -je je'");
        let tokens = tokenize(loose.text(), &HashSet::default());
        let glued: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.glued_before, t.glued_after))
            .collect();
        assert_eq!(glued[0], ("u".into(), None, None));
        assert_eq!(glued[2], ("je".into(), None, None));
        assert_eq!(glued[3], ("je".into(), None, None));
    }

    #[test]
    fn html_is_masked_and_visible_attributes_are_sentences() {
        let text = r#"Klik <a href="https://x.example/je">hier</a> of <b>u</b><br>wacht. <img src="a.png" alt="Logo van je winkel">"#;
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &HashSet::default());
        let words: Vec<_> = tokens
            .iter()
            .map(|t| (t.text.to_string(), t.sentence))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Klik".into(), 0),
                ("hier".into(), 0),
                ("of".into(), 0),
                ("u".into(), 0),
                ("wacht".into(), 1),
                ("Logo".into(), 2),
                ("van".into(), 2),
                ("je".into(), 2),
                ("winkel".into(), 2)
            ]
        );
        // Offsets stay true: `u` is where it is in the source.
        let u = &tokens[3];
        assert_eq!(&text[u.span.clone()], "u");
    }

    #[test]
    fn entities_urls_and_addresses() {
        let text = "Mail je&nbsp;vraag naar hulp@winkel.example of ga naar www.je-winkel.example. Sms&rsquo;je";
        let prose = prose(text);
        let tokens = tokenize(prose.text(), &HashSet::default());
        let words: Vec<_> = tokens.iter().map(|t| t.text.to_string()).collect();
        assert_eq!(
            words,
            [
                "Mail", "je", "vraag", "naar", "of", "ga", "naar", "Sms", "je"
            ]
        );
        assert_eq!(tokens[8].glued_before, Some('\''));
    }

    #[test]
    fn a_token_knows_a_comma_before_it_in_its_sentence() {
        let commas = |text: &str| -> Vec<bool> {
            tokenize(text, &HashSet::default())
                .iter()
                .map(|t| t.after_comma)
                .collect()
        };
        assert_eq!(
            commas("Si quieres, pulsa. Bien, gracias"),
            [false, false, true, false, true]
        );
        // Not across a sentence's end: a paragraph opens one.
        assert_eq!(commas("Hola,\n\nadiós"), [false, false]);
    }

    #[test]
    fn a_sentence_that_ends_in_a_question_mark_asks() {
        let asks = |text: &str| -> Vec<(String, bool)> {
            tokenize(text, &HashSet::default())
                .into_iter()
                .map(|t| (t.text.into_owned(), t.asks))
                .collect()
        };
        let pairs = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
            list.iter().map(|(w, a)| ((*w).to_owned(), *a)).collect()
        };
        assert_eq!(
            asks("Ha visto il film? Io sì. ¿Sabe qué?"),
            pairs(&[
                ("Ha", true),
                ("visto", true),
                ("il", true),
                ("film", true),
                ("Io", false),
                ("sì", false),
                ("Sabe", true),
                ("qué", true),
            ])
        );
        // An inverted mark opens its own sentence.
        assert_eq!(
            asks("Sí, ¿ha visto? Claro, ¡bien!"),
            pairs(&[
                ("Sí", false),
                ("ha", true),
                ("visto", true),
                ("Claro", false),
                ("bien", false),
            ])
        );
        // Each sentence asks or not on its own.
        assert_eq!(
            asks("Perché? no"),
            pairs(&[("Perché", true), ("no", false)])
        );
    }

    #[test]
    fn quoted_words_are_marked() {
        let prose = prose("Wij noemen het „je eigen winkel” in de app.");
        let tokens = tokenize(prose.text(), &HashSet::default());
        let je = tokens.iter().find(|t| t.text == "je").unwrap();
        assert!(je.quoted);
        assert!(!tokens[0].quoted);
    }

    #[test]
    fn single_quotation_marks_quote_and_apostrophes_do_not() {
        let quoted = |text: &str| -> Vec<String> {
            let prose = prose(text);
            tokenize(prose.text(), &HashSet::default())
                .into_iter()
                .filter(|t| t.quoted)
                .map(|t| t.text.to_string())
                .collect()
        };
        assert_eq!(
            quoted("Het boek 'Wie ben je?' is naar u onderweg."),
            ["Wie", "ben", "je"]
        );
        assert_eq!(
            quoted("Het boek \"Wie ben je?\" is naar u onderweg."),
            ["Wie", "ben", "je"]
        );
        assert!(quoted("Een scherm van 27\" voor u en 5\" voor je.").is_empty());
        assert_eq!(
            quoted("Ze zei ‘Don’t worry’ tegen u."),
            ["Don", "t", "worry"]
        );
        assert_eq!(
            quoted("Das Buch ‚Wer bist du?‘ ist unterwegs."),
            ["Wer", "bist", "du"]
        );
        assert!(quoted("Kom je 's avonds? Dat is 't beste, zei ze.").is_empty());
        assert!(quoted("L'usuari l'ha vist, d'acord.").is_empty());
        assert!(quoted("Rock 'n' roll, 'em all").is_empty());
    }

    #[test]
    fn placeholders_map_to_the_placeable() {
        let mut prose = Prose::new();
        prose.push_text(0, 10, "Hallo ");
        prose.push_placeholder(0, 18..26);
        prose.push_text(0, 28, ", Sie");
        prose.mask();
        let tokens = tokenize(prose.text(), &HashSet::default());
        assert_eq!(tokens[1].kind, Kind::Placeholder);
        assert!(
            !tokens[2].init,
            "a placeable is a word: `Sie` is mid-sentence"
        );
        assert_eq!(prose.source(tokens[1].span.clone()), Some((0, 18..26)));
        assert_eq!(prose.source(tokens[2].span.clone()), Some((0, 30..33)));
    }
}
