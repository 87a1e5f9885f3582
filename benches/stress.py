#!/usr/bin/env python3
"""Stress inputs for etiquette's hostile-input promises, run against a
release binary: time and peak memory of each, and the ratio between a
case and the same case ten times larger (linear cost gives about 10).

    cargo build --release && python3 benches/stress.py [path/to/etiquette]

Prints a Markdown table (docs/benchmarks.md keeps the current one).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1] if len(sys.argv) > 1 else "target/release/etiquette"


def project(files, args=None, pack=None):
    """A scratch project: {relative path: text} under L/, optional args.toml."""
    root = tempfile.mkdtemp(prefix="etiquette-stress-")
    for rel, text in files.items():
        path = os.path.join(root, "L", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if args is not None:
        with open(os.path.join(root, "L", "args.toml"), "w") as f:
            f.write(args)
    if pack is not None:
        os.makedirs(os.path.join(root, "packs"))
        with open(os.path.join(root, "packs", "house.toml"), "w") as f:
            f.write(pack)
        with open(os.path.join(root, "etiquette.toml"), "w") as f:
            f.write('locales = "L"\nrule-packs = ["packs"]\n')
    return root


def run(root, *argv):
    """Runs etiquette in `root`; returns (seconds, peak MB, exit code, stdout bytes).

    The peak is measured by GNU time (`/usr/bin/time`): a child forked from
    this Python process would count the interpreter's memory as its own.
    """
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak:
        child = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", peak.name,
                                os.path.abspath(BINARY), *argv], cwd=root,
                               stdout=out, stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        size = out.tell()
        kilobytes = int(peak.read().split()[-1])
    return seconds, kilobytes / 1024, child.returncode, size


def select(n):
    variants = "".join(f"    [v{i}] Variant {i} u\n" for i in range(n))
    text = f"a = {{ $x ->\n{variants}   *[other] Other je\n}}\n"
    return project({"en/a.ftl": text, "nl/a.ftl": text})


def common_args(n_args, n_emails):
    en = {f"en/e{i}.ftl": f"m{i} = Hello {{ $a0 }}\n" for i in range(n_emails)}
    args = "[common]\n" + "".join(f"a{i} = \"v{i}\"\n" for i in range(n_args))
    return project(en, args=args)


def identifiers(n):
    words = " ".join(f"WORD_{i:07d}" for i in range(n))
    return project({"en/a.ftl": "a = Hello\n", "nl/a.ftl": f"a = {words}\n"})


def regex(size):
    pack = ('[pack]\nname = "House"\nlocales = ["*"]\n\n[[rule]]\nid = "slow"\n'
            "pattern = '(?:\\b\\w+\\b\\W+){1,10}zzqq'\nmessage = \"x\"\n"
            'bad = ["[a zzqq]"]\ngood = ["a b"]\n')
    text = "a = " + ("lorem ipsum " * (size // 12)) + "\n"
    return project({"en/a.ftl": "a = Hello\n", "nl/a.ftl": text}, pack=pack)


def placed(kb, times, messages):
    big = "x" * (kb * 1024)
    refs = " ".join("{ big }" for _ in range(times))
    text = f"big = {big}\n" + "".join(f"m{i} = {refs}\n" for i in range(messages))
    return project({"en/a.ftl": text, "nl/a.ftl": text}, args="[common]\n")


def nesting(n):
    text = 'a = { $x ->\n *[o] " ' + "{ " * n + "$y" + " }" * n + "\n}\n"
    return project({"en/a.ftl": text, "nl/a.ftl": text})


def markers(mb):
    text = "a = " + "u je " * (mb * 1024 * 1024 // 5) + "\n"
    return project({"en/a.ftl": "a = Hello\n", "nl/a.ftl": text})


def question(mb):
    """One Spanish question of `mb` MB of verbs that may open a question:
    each is weighed only against the sixteen words around it."""
    text = "a = ¿" + "puede " * (mb * 1_000_000 // 6) + "?\n"
    return project({"en/a.ftl": "a = Can you?\n", "es/a.ftl": text})


def clauses(mb):
    """One Spanish sentence of `mb` MB opened by `Si` and cut by commas
    before formal imperatives: only the first comma starts a main clause."""
    text = "a = Si quieres, " + "visite, " * (mb * 1_000_000 // 8) + "tu casa.\n"
    return project({"en/a.ftl": "a = If you like, visit.\n", "es/a.ftl": text})


def label(mb):
    """An Italian `.label` of `mb` MB of `tu` imperatives: a control's
    label, whatever its length."""
    text = "a =\n    .label = " + "Apri " * (mb * 1_000_000 // 5) + "\n"
    return project({"en/a.ftl": "a =\n    .label = Open\n", "it/a.ftl": text})


def references(messages):
    """Spanish messages of `su` in a `tú` file, each beside an English
    reference of 60 KB that says "your": every reference is read once.
    A hundred messages a file (a file is at most 32 MB)."""
    english = "Your order is ready. " * (60_000 // 21)
    files = {}
    for f in range(0, messages, 100):
        ids = range(f, min(f + 100, messages))
        files[f"en/a{f}.ftl"] = "".join(f"m{i} = {english}\n" for i in ids)
        files[f"es/a{f}.ftl"] = "intro = Gracias por tu pedido.\n" + "".join(
            f"m{i} = Su pedido está listo.\n" for i in ids)
    return project(files)


CASES = [
    ("select, 30,000 variants", lambda: select(30_000), ["check", "L"]),
    ("select, 300,000 variants", lambda: select(300_000), ["check", "L"]),
    ("`[common]` 10,000 args, 2,000 emails", lambda: common_args(10_000, 2_000), ["check", "L"]),
    ("`[common]` 100,000 args, 2,000 emails", lambda: common_args(100_000, 2_000), ["check", "L"]),
    ("100,000 identifier-shaped words, SARIF", lambda: identifiers(100_000), ["check", "L", "--format", "sarif"]),
    ("1,000,000 identifier-shaped words, SARIF", lambda: identifiers(1_000_000), ["check", "L", "--format", "sarif"]),
    ("project regex on 0.56 MB", lambda: regex(560_000), ["check"]),
    ("project regex on 5.6 MB", lambda: regex(5_600_000), ["check"]),
    ("10 KB message placed 99 times, 300 messages: render", lambda: placed(10, 99, 300), ["render", "L"]),
    ("100 KB message placed 99 times, 300 messages: render", lambda: placed(100, 99, 300), ["render", "L"]),
    ("the same: check (render-error)", lambda: placed(100, 99, 300), ["check", "L"]),
    ("1 KB message placed 99 times, 3,000 messages: render", lambda: placed(1, 99, 3_000), ["render", "L"]),
    ("1 KB message placed 99 times, 30,000 messages: render", lambda: placed(1, 99, 30_000), ["render", "L"]),
    ("3,000 nested placeables in a variant (12 KB)", lambda: nesting(3_000), ["check", "L"]),
    ("1 MB line of `u je`", lambda: markers(1), ["check", "L"]),
    ("10 MB line of `u je`", lambda: markers(10), ["check", "L"]),
    ("a 1 MB Spanish question of `puede`", lambda: question(1), ["check", "L"]),
    ("a 10 MB Spanish question of `puede`", lambda: question(10), ["check", "L"]),
    ("a 1 MB Spanish sentence of clauses", lambda: clauses(1), ["check", "L"]),
    ("a 10 MB Spanish sentence of clauses", lambda: clauses(10), ["check", "L"]),
    ("a 1 MB Italian `.label`", lambda: label(1), ["check", "L"]),
    ("a 10 MB Italian `.label`", lambda: label(10), ["check", "L"]),
    ("100 `su` beside 60 KB of English each (6 MB)", lambda: references(100), ["check", "L"]),
    ("1,000 `su` beside 60 KB of English each (60 MB)", lambda: references(1_000), ["check", "L"]),
]


def main():
    print("| case | time | peak memory | exit | output |")
    print("|---|---|---|---|---|")
    for name, make, argv in CASES:
        root = make()
        try:
            seconds, peak, code, size = run(root, *argv)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        print(f"| {name} | {seconds:.2f} s | {peak:.0f} MB | {code} | {size / 1e6:.1f} MB |", flush=True)


if __name__ == "__main__":
    main()
