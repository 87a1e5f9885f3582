//! Register consistency across the pieces an email is made of: templates,
//! id prefixes, declared registers, and the Dutch refund email of the
//! sample project.

use etiquette::check::{CheckOptions, Report, check};
use etiquette::project::Project;
use etiquette::project::config::{Config, Register};
use etiquette::rules::Selection;

fn run(root: &str, configure: impl FnOnce(&mut CheckOptions)) -> Report {
    let root = std::path::Path::new(root);
    let project = Project::discover(root, None).unwrap();
    let config = root.join("etiquette.toml");
    let mut options = if config.exists() {
        CheckOptions::from_config(&Config::read(&config).unwrap()).unwrap()
    } else {
        CheckOptions::default()
    };
    options.settings.selection =
        Selection::new(&["register".into()], &[], &Default::default()).unwrap();
    configure(&mut options);
    check(&project, &options).unwrap()
}

/// The report of a check of a scratch project `name`: `files` as (path
/// under the root, text), removed after.
fn run_files(name: &str, files: &[(&str, &str)]) -> Report {
    let root = std::env::temp_dir().join(format!("etiquette-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let report = run(root.to_str().unwrap(), |_| {});
    let _ = std::fs::remove_dir_all(&root);
    report
}

/// `(email, file, line, word)` of each finding.
fn found(report: &Report) -> Vec<(String, String, usize, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let word = f.message.split('`').nth(1).unwrap_or("").to_owned();
            (
                f.email.clone().unwrap_or_default(),
                f.file.clone(),
                f.start.line,
                word,
            )
        })
        .collect()
}

#[test]
fn a_shared_footer_counts_in_every_email_of_its_template() {
    let report = run("tests/fixtures/register/templates", |_| {});
    assert_eq!(
        found(&report),
        [(
            "refund".into(),
            "tests/fixtures/register/templates/nl/footer.ftl".into(),
            1,
            "je".into()
        )]
    );
}

#[test]
fn id_prefix_makes_an_email_of_each_prefix() {
    // One file, two emails: each is consistent; grouped by file they would mix.
    let report = run("tests/fixtures/register/id-prefix", |_| {});
    assert_eq!(found(&report), []);
    let report = run("tests/fixtures/register/id-prefix", |o| {
        o.settings.emails = Default::default()
    });
    assert!(
        !report.findings.is_empty(),
        "one file as one email mixes `Sie` and `du`"
    );
}

#[test]
fn a_declared_register_judges_every_email() {
    let report = run("tests/fixtures/register/id-prefix", |o| {
        o.settings
            .registers
            .insert("de".into(), (Register::Formal, "--register".into()));
    });
    let words: Vec<_> = found(&report)
        .into_iter()
        .map(|(email, _, _, word)| (email, word))
        .collect();
    assert_eq!(
        words,
        [
            ("survey".into(), "dein".into()),
            ("survey".into(), "du".into()),
            ("survey".into(), "dir".into())
        ]
    );
    assert!(report.findings.iter().all(|f| f.rule == "register-locale"));
    assert!(
        report.findings[0]
            .message
            .ends_with("where de is declared formal (--register)")
    );
}

#[test]
fn the_dutch_refund_email_gets_exactly_its_lieve_and_its_two_je() {
    // Every rule runs: the email as Amazon sent it has exactly three faults.
    let report = run("locales", |o| o.settings.selection = Selection::default());
    let refund: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.file == "locales/nl/orders/refund.ftl")
        .map(|f| {
            let word = f.message.split('`').nth(1).unwrap_or("");
            (f.rule, f.start.line, word, f.help.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        refund,
        [
            (
                "salutation-banned",
                3,
                "Lieve",
                "open with “Beste { $name },”, or “Geachte heer/mevrouw { $name },” in a formal email"
            ),
            (
                "register-mix",
                17,
                "je",
                "write “Het was me een genoegen om u te helpen”"
            ),
            ("register-mix", 19, "je", "write “Bedankt voor uw geduld”"),
        ]
    );
    let je = report
        .findings
        .iter()
        .find(|f| f.rule == "register-mix")
        .unwrap();
    assert_eq!(
        je.message,
        "informal `je` in an email that addresses the reader formally 12 times (uw ×8, u ×4)"
    );
}

#[test]
fn a_verb_form_in_a_control_label_is_the_users_order() {
    let words = |access_key: &str| {
        let en = format!(
            "intro = You can change your settings at any time.\nverify = Please verify your details.\n\
             help = Check your settings.\ndelete-label =\n    .label = Delete these messages\n{access_key}"
        );
        let de = format!(
            "intro = Sie können Ihre Einstellungen jederzeit ändern.\nverify = Bitte prüfen Sie Ihre Angaben.\n\
             help = Prüfe deine Einstellungen.\ndelete-label =\n    .label = Lösche diese Nachrichten\n{access_key}"
        );
        let name = format!("control-label-{}", access_key.len());
        let report = run_files(&name, &[("en/prefs.ftl", &en), ("de/prefs.ftl", &de)]);
        found(&report)
            .into_iter()
            .map(|(_, _, _, word)| word)
            .collect::<Vec<String>>()
    };
    // "Prüfe" and "deine" address the reader; "Lösche", in the label of a
    // control with an access key, is the user's order to the program.
    let with_key = words("    .accesskey = L\n");
    assert!(with_key.contains(&"deine".to_owned()), "{with_key:?}");
    assert!(!with_key.contains(&"Lösche".to_owned()), "{with_key:?}");
    let without = words("");
    assert!(without.contains(&"Lösche".to_owned()), "{without:?}");
}

/// The words the language rules flag in `texts[at]`, the texts read as
/// one email of `locale` (one message each) beside their English
/// `references` (none when empty).
fn flagged_in(locale: &str, texts: &[&str], references: &[&str], at: usize) -> Vec<String> {
    use etiquette::packs::Packs;
    use etiquette::rules::examples::check_texts;
    let packs = Packs::builtin();
    let langid = locale.parse().unwrap();
    let pack = packs.for_locale(&langid).unwrap();
    check_texts(pack, &packs, &langid, texts, references, None)
        .into_iter()
        .filter(|f| f.text == at)
        .map(|f| texts[at][f.span].to_owned())
        .collect()
}

#[test]
fn an_italian_verb_that_opens_a_label_names_a_command() {
    let flagged = |last: &str| {
        let texts = [
            "Gentile cliente, La ringraziamo per il Suo ordine.",
            "Le invieremo una conferma appena partirà.",
            last,
        ];
        flagged_in("it", &texts, &[], 2)
    };
    // A button names a command in the `tu` imperative, even in a `Lei`
    // email; a sentence addresses the reader, and so does `tuo` anywhere.
    assert_eq!(flagged("Apri l'ordine"), Vec::<String>::new());
    assert_eq!(flagged("Rispondi come:"), Vec::<String>::new());
    assert_eq!(flagged("Apri file…"), Vec::<String>::new());
    assert_eq!(flagged("Apri l'ordine quando arriva."), vec!["Apri"]);
    assert_eq!(flagged("Apri il tuo ordine"), vec!["tuo"]);
    assert_eq!(flagged("Aggiungi un indirizzo"), Vec::<String>::new());
    // A subject line is short too, but `hai` is no command.
    assert_eq!(flagged("Hai un nuovo messaggio"), vec!["Hai"]);
}

#[test]
fn a_german_first_person_without_ich_before_ihnen_is_no_imperative() {
    let flagged = |second: &str| {
        let texts = [
            "Guten Tag Frau Meier, wie besprochen.",
            second,
            "Vielen Dank für Ihre Bestellung.",
            "Sie erhalten sie morgen.",
            "Bei Fragen erreichen Sie uns jederzeit.",
        ];
        flagged_in("de", &texts, &[], 1)
    };
    // "(Ich) sende Ihnen": a business email drops `ich`.
    assert_eq!(
        flagged("Sende Ihnen anbei die Rechnung."),
        Vec::<String>::new()
    );
    assert_eq!(
        flagged("Sende die Rechnung an deine Firma."),
        vec!["Sende", "deine"]
    );
}

#[test]
fn a_possessive_is_the_readers_where_the_reference_says_your() {
    let es = "Hola Ana, gracias por tu pedido. Te escribiremos mañana.";
    let it = "Ciao Marta, grazie per il tuo ordine. Ti scriveremo domani.";
    let pt = "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.";
    let english = "Hi, thanks for your order. We will write to you tomorrow.";
    for (locale, first, last, word) in [
        ("es", es, "¿Cuál es su película favorita?", "su"),
        ("it", it, "Qual è il suo film preferito?", "suo"),
        ("pt-PT", pt, "A sua conta está pronta.", "sua"),
    ] {
        let texts = [first, last];
        let your = [
            english,
            "What is your favourite film? Your account is ready.",
        ];
        assert_eq!(flagged_in(locale, &texts, &your, 1), [word], "{locale}");
        // Alone, or where the reference names another owner, it is also
        // the third person's.
        assert!(flagged_in(locale, &texts, &[], 1).is_empty(), "{locale}");
        let theirs = [
            english,
            "What is their favourite film? Their account is ready.",
        ];
        assert!(
            flagged_in(locale, &texts, &theirs, 1).is_empty(),
            "{locale}"
        );
    }
    // A segment that says `tu` keeps its `su` for someone else: "Your
    // friend shared a photo" may well be "Tu amigo compartió su foto".
    let texts = [es, "Tu amigo compartió su foto."];
    let references = [english, "Your friend shared a photo."];
    assert!(flagged_in("es", &texts, &references, 1).is_empty());
}

#[test]
fn a_message_is_read_beside_the_reference_of_its_own_file() {
    // The same id in two files (Thunderbird's chat protocols each have a
    // `command-kick`): each is read beside its own file's English.
    let hello = "a-hello = Hi Ana, thanks for your order. We will write to you tomorrow.\n";
    let hola = "a-hello = Hola Ana, gracias por tu pedido. Te escribiremos mañana.\n";
    let su = format!("{hola}a-account = Su cuenta está lista.\n");
    let report = run_files(
        "same-id",
        &[
            (
                "en/a.ftl",
                &format!("{hello}a-account = Your account is ready.\n"),
            ),
            (
                "en/b.ftl",
                &format!("{hello}a-account = Their account is ready.\n"),
            ),
            ("es/a.ftl", &su),
            ("es/b.ftl", &su),
        ],
    );
    let words: Vec<_> = found(&report)
        .into_iter()
        .map(|(_, file, line, word)| (file.ends_with("es/a.ftl"), line, word))
        .collect();
    assert_eq!(words, [(true, 2, "Su".into())]);
}

#[test]
fn a_third_person_verb_is_said_to_the_reader_where_the_reference_says_you() {
    let texts = [
        "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
        "Sale hoy. Debe firmar la entrega.",
    ];
    let english = "Hi, thanks for your order. We will write to you tomorrow.";
    // Sentence by sentence where both have as many: `It` is the first
    // one's, `You` the second's.
    let references = [english, "It ships today. You must sign for the delivery."];
    assert_eq!(flagged_in("es", &texts, &references, 1), ["Debe"]);
    let references = [
        english,
        "It ships today, and you must sign for the delivery.",
    ];
    assert!(flagged_in("es", &texts, &references, 1).is_empty());
    let references = [
        english,
        "It ships today. The courier must sign for the delivery.",
    ];
    assert!(flagged_in("es", &texts, &references, 1).is_empty());
    // Each a sentence said to the reader beside the first English and of
    // someone or something else beside the second.
    for (locale, first, sentence, reader, other, word) in [
        // An `it` that is an object names no one else; one that is a
        // subject may be the verb's.
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Puede cambiarlo en cualquier momento.",
            "You can switch it at any time.",
            "If it fails, you can switch at any time.",
            &["Puede"][..],
        ),
        // The Portuguese future subjunctive: "Se tiver dúvidas".
        (
            "pt-PT",
            "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.",
            "Se tiver dúvidas, estamos aqui.",
            "If you have questions, we are here.",
            "If it has questions, we are here.",
            &["tiver"],
        ),
        // A `tú` imperative that is also the 3sg opens a sentence beside
        // an English order.
        (
            "es",
            "Estimado cliente, gracias por su pedido. Le escribiremos mañana.",
            "Intenta de nuevo más tarde.",
            "Try again later.",
            "It tries again later.",
            &["Intenta"],
        ),
        // `está` before a gerund: the reader doing it, or someone else
        // (the word before "who" is its verb's subject).
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "No hay acceso a los correos de gente que ya está usando la clave.",
            "There is no access to the emails you are still using the key for.",
            "There is no access to emails from people who are still using your key.",
            &["está"],
        ),
        // `su` of the reader, or of several readers ("each other" after
        // "you"): plural address says nothing of register.
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Deberían decirse sus huellas.",
            "You should tell them your fingerprints.",
            "You should tell each other your fingerprints.",
            &["sus"],
        ),
        // A filler `sabe` beside "you know", whoever else the sentence
        // names; elsewhere anyone's.
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Ya sabe, es como una excursión.",
            "You know, it's like a field trip.",
            "Well, it's like a field trip.",
            &["Ya sabe"],
        ),
        (
            "pt-PT",
            "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.",
            "Acho que sabe que os raptores são pessoas.",
            "I guess you know that the raptors are people.",
            "I guess it knows that the raptors are people.",
            &["sabe"],
        ),
        // A 3sg verb that opens a clause after `si` beside "if you" or
        // "when you", whoever else the sentence names.
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Otras personas pueden ver cuando pasa a una pestaña nueva.",
            "Other people can see when you switch to a new tab.",
            "Other people can see when it switches to a new tab.",
            &["pasa"],
        ),
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Cuando guarde una contraseña, aparecerá aquí.",
            "When you save a password, it will show up here.",
            "When the app saves a password, it will show up here.",
            &["guarde"],
        ),
        // A verb of duty after a comma beside "you should", whoever else
        // the sentence names.
        (
            "pt-PT",
            "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.",
            "Sim, devia experimentar o rapper, ele rima.",
            "Yeah, you should try the rapper, he rhymes.",
            "Yeah, it should try the rapper, he rhymes.",
            &["devia"],
        ),
        // A 3sg verb that opens a statement beside a "you" that is the
        // English verb's subject, naming nothing else.
        (
            "es",
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            "Tiene un mensaje nuevo.",
            "You have a new message.",
            "It has a new message.",
            &["Tiene"],
        ),
        (
            "pt-PT",
            "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.",
            "Bloqueou as notificações.",
            "You have blocked notifications.",
            "It has blocked notifications.",
            &["Bloqueou"],
        ),
        // Italian `lei` is "she" or the reader.
        (
            "it",
            "Ciao Marta, grazie per il tuo ordine. Ti scriveremo domani.",
            "Grazie. Lei sa cosa intendo.",
            "Thanks. You know what I mean.",
            "Thanks. She knows what I mean.",
            &["Lei", "sa"],
        ),
    ] {
        let texts = [first, sentence];
        let flagged = flagged_in(locale, &texts, &[english, reader], 1);
        assert_eq!(flagged, word, "{sentence}");
        let flagged = flagged_in(locale, &texts, &[english, other], 1);
        assert!(flagged.is_empty(), "{sentence}: {flagged:?}");
    }
    let texts = [
        "Estimado cliente, gracias por su pedido. Le escribiremos mañana.",
        "Intenta de nuevo más tarde.",
    ];
    assert!(flagged_in("es", &texts, &[], 1).is_empty(), "no reference");
    // The thing the English names, or a subject after its verb, is the
    // Spanish verb's: "Llegará mañana", "Aparecerá una alerta".
    let english = "Hi, thanks for your order. We will write to you tomorrow.";
    for (sentence, reference) in [
        ("Llegará mañana.", "You'll get it tomorrow."),
        ("Aparecerá una alerta.", "You'll see an alert."),
        ("Ha llegado un correo.", "You've got mail."),
    ] {
        let texts = [
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            sentence,
        ];
        let flagged = flagged_in("es", &texts, &[english, reference], 1);
        assert!(flagged.is_empty(), "{sentence}: {flagged:?}");
    }
}

#[test]
fn the_other_register_holds_a_raise_back_in_its_own_sentence() {
    let english = "Hi, thanks for your order. We will write to you tomorrow.";
    let texts = [
        "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
        "Escribe una pregunta. Si no coincide, el canal que está usando puede estar vigilado.",
    ];
    // The sentences pair one by one: `Escribe` stands in the first only.
    let paired = [
        english,
        "Write a question. If the answers do not match, the channel you are using may be watched.",
    ];
    assert_eq!(flagged_in("es", &texts, &paired, 1), ["está"]);
    // They do not: the message's `tú` holds `está` back.
    let unpaired = [
        english,
        "Write a question and, if the answers do not match, the channel you are using may be watched.",
    ];
    assert!(flagged_in("es", &texts, &unpaired, 1).is_empty());
    // "We were with each other" is no plural address of the reader.
    let texts = [
        "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
        "Estuvimos juntos un mes. ¿Conoce su destino?",
    ];
    let references = [
        english,
        "We were with each other for a month. Do you know your destination?",
    ];
    assert_eq!(flagged_in("es", &texts, &references, 1), ["Conoce", "su"]);
}

#[test]
fn a_question_that_opens_with_a_third_person_verb_asks_whom_the_reference_asks() {
    let flagged = |question: &str, reference: &str| {
        let texts = [
            "Hola Ana, gracias por tu pedido. Te escribiremos mañana.",
            question,
        ];
        let english = "Hi, thanks for your order. We will write to you tomorrow.";
        flagged_in("es", &texts, &[english, reference], 1)
    };
    assert_eq!(
        flagged(
            "¿Jugaba con Lego de pequeño?",
            "Did you play with Legos as a kid?"
        ),
        ["Jugaba"]
    );
    assert_eq!(
        flagged("¿Por qué paga tanto?", "Why do you pay so much?"),
        ["paga"]
    );
    assert_eq!(flagged("¿Está seguro?", "Are you sure?"), ["Está"]);
    assert_eq!(
        flagged(
            "¿Ha subido alguna vez a la noria?",
            "Have you ever ridden the Ferris wheel?"
        ),
        ["Ha"]
    );
    assert!(flagged("¿Ha llegado el paquete?", "Has the parcel arrived?").is_empty());
    // Asked of someone else, or said of a thing, or impersonal.
    assert!(flagged("¿Jugaba con Lego?", "Did she play with Legos?").is_empty());
    assert!(flagged("¿Llega mañana?", "Does it arrive tomorrow?").is_empty());
    assert!(flagged("¿Se necesita una cuenta?", "Do you need an account?").is_empty());
    // Before a name, the name may be the subject.
    assert_eq!(
        flagged("¿Conoce Firefox Relay?", "Do you know Firefox Relay?"),
        ["Conoce"]
    );
    assert!(flagged("¿Tiene Firefox una VPN?", "Does Firefox have a VPN?").is_empty());
    // A `tú` word in its message keeps it a third person's.
    assert!(flagged("¿Jugaba con tus primos?", "Did you play with your cousins?").is_empty());
    let texts = ["Hola Ana, gracias por tu pedido.", "¿Jugaba con Lego?"];
    assert!(flagged_in("es", &texts, &[], 1).is_empty(), "no reference");
    // Italian and European Portuguese alike.
    let english = "Hi, thanks for your order. We will write to you tomorrow.";
    for (locale, first, question, word) in [
        (
            "it",
            "Ciao Marta, grazie per il tuo ordine. Ti scriveremo domani.",
            "Giocava con i Lego da piccolo?",
            "Giocava",
        ),
        (
            "pt-PT",
            "Olá Rita, obrigado pela tua encomenda. Vais recebê-la amanhã.",
            "Jogava com Lego em criança?",
            "Jogava",
        ),
    ] {
        let texts = [first, question];
        let you = [english, "Did you play with Legos as a kid?"];
        assert_eq!(flagged_in(locale, &texts, &you, 1), [word], "{locale}");
        let she = [english, "Did she play with Legos as a kid?"];
        assert!(flagged_in(locale, &texts, &she, 1).is_empty(), "{locale}");
    }
}

#[test]
fn a_check_reads_each_message_and_attribute_beside_its_reference() {
    let en = "intro = Hi, thanks for choosing your add-on.\n\
        more = You can change it whenever you like.\n\
        search = { $addon } would like to change your search engine.\n\
        search-label =\n    .label = Your search engine\n\
        shipped = Your add-on is ready: { note }\n\
        note = The developer added a note to the page.\n";
    let it = "intro = Ciao, grazie per aver scelto il tuo componente aggiuntivo.\n\
        more = Puoi cambiarlo quando vuoi.\n\
        search = { $addon } vuole cambiare il motore di ricerca.\n\
        search-label =\n    .label = Il suo motore di ricerca\n\
        shipped = Il componente è pronto: { note }\n\
        note = Lo sviluppatore ha aggiunto una nota alla sua pagina.\n";
    let report = run_files("reference", &[("en/addons.ftl", en), ("it/addons.ftl", it)]);
    // The label's `suo` is "your"; `vuole` after a placeholder is the
    // add-on's, though the reference speaks to the reader alone; the `sua`
    // of a message pulled into another is read by its own reference, not
    // by the "Your" of the one that pulls it in.
    let words: Vec<String> = found(&report).into_iter().map(|(_, _, _, w)| w).collect();
    assert_eq!(words, ["suo"]);
}

#[test]
fn a_placeholder_before_a_comma_is_no_subject() {
    let en = "intro = Thanks for your order. We will write to you tomorrow.\n\
        track = Hi { $name }, you can track the parcel online.\n\
        seller = { -shop } can also track your parcel online.\n";
    let es = "-shop = La tienda\n\
        intro = Gracias por tu pedido. Te escribiremos mañana.\n\
        track = Hola { $name }, puede seguir el paquete en línea.\n\
        seller = { -shop } también puede seguir el paquete en línea.\n";
    let report = run_files("vocative", &[("en/order.ftl", en), ("es/order.ftl", es)]);
    // The name is whom the line speaks to; the shop, a brand before "can",
    // is who can.
    let found: Vec<(usize, String)> = found(&report)
        .into_iter()
        .map(|(_, _, l, w)| (l, w))
        .collect();
    assert_eq!(found, [(3, "puede".to_owned())]);
}
