#!/usr/bin/env python3
"""Builds the CLDR date and time patterns the `fluent-js` runtime writes
with (rules/cldr/), from the CLDR JSON data Unicode publishes on npm:

    python3 scripts/cldr.py          # needs npm (it fetches the package)

`Intl.DateTimeFormat` writes a date with no options (or numeric year,
month and day) by the locale's `yMd` pattern of CLDR's availableFormats
(`d.M.y` in German, `M/d/y` in English), a time of hours and minutes by
`Hm` or `hm` (`H:mm` in Spanish), an hour alone by `H` or `h` (`HH 'h'` in
French), `timeStyle` by timeFormats, `dateStyle` by dateFormats, and the
two joined by dateTimeFormats (their "atTime" forms); ICU4X's
field sets have no such patterns. The file lists them for every CLDR locale whose patterns differ
from those its tag falls back to (`de-AT` has `de`'s).
"""
import json
import os
import subprocess
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "rules", "cldr", "datetime.tsv")
DAY_PERIODS_OUT = os.path.join(HERE, "..", "rules", "cldr", "dayperiods.tsv")
SYMBOLS_OUT = os.path.join(HERE, "..", "rules", "cldr", "symbols.tsv")
SKELETONS = ["yMd", "Hm", "hm", "H", "h", "Hms", "hms", "GyMd", "MMMEd", "Hmv", "hmv", "Hmsv", "hmsv"]
# An hour with its period of the day ("9 in the morning"), where the
# locale has a pattern for it; empty where it has none.
DAY_PERIODS = ["Bh", "Bhm", "Bhms"]
LENGTHS = ["short", "medium", "long", "full"]
COLUMNS = (
    SKELETONS
    + ["time-short", "time-medium"]
    + [f"date-{length}" for length in LENGTHS]
    + [f"date-time-{length}" for length in LENGTHS]
    + ["time-long", "gmt-format", "gmt-minus", "utc"]
    + DAY_PERIODS
)
PACKAGE = "cldr-dates-full@48.2.0"
CORE = "cldr-core@48.2.0"
NUMBERS = "cldr-numbers-full@48.2.0"
SYMBOLS = ["nan", "infinity", "minusSign"]
WIDTHS = ["abbreviated", "wide", "narrow"]


def patterns(archive):
    found = {}
    for member in archive.getmembers():
        parts = member.name.split("/")
        if len(parts) == 4 and parts[1] == "main" and parts[3] == "ca-gregorian.json":
            locale = parts[2]
            data = json.load(archive.extractfile(member))
            formats = data["main"][locale]["dates"]["calendars"]["gregorian"]
            available = formats["dateTimeFormats"]["availableFormats"]
            row = [available.get(skeleton) for skeleton in SKELETONS]
            times = formats["timeFormats"]
            row += [times["short"], times["medium"]]
            row += [formats["dateFormats"][length] for length in LENGTHS]
            # Intl joins a date and a time by the "atTime" patterns where
            # CLDR has them ("{1} 'às' {0}"; pt's medium "{1}, {0}").
            at_time = formats.get("dateTimeFormats-atTime", {}).get("standard", {})
            joins = formats["dateTimeFormats"]
            row += [at_time.get(length, joins[length]) for length in LENGTHS]
            # A long time names its zone: UTC by its short name, an offset
            # in the localized GMT format ("GMT-5", "UTC−5" in French).
            zones = json.load(archive.extractfile(f"package/main/{locale}/timeZoneNames.json"))
            zones = zones["main"][locale]["dates"]["timeZoneNames"]
            negative = zones["hourFormat"].split(";")[1]
            minus = next(c for c in negative if c not in "Hm:\u200e\u200f")
            utc = zones.get("zone", {}).get("Etc", {}).get("UTC", {}).get("short", {})
            row += [times["long"], zones["gmtFormat"], minus, utc.get("standard", "UTC")]
            row = [text(pattern) if pattern else pattern for pattern in row]
            row += [text(available.get(skeleton, "")) for skeleton in DAY_PERIODS]
            if all(row[: -len(DAY_PERIODS)]) and not any("\t" in p for p in row):
                found[locale] = row
    return found


def day_periods(archive, rule_sets):
    """The periods of the day each locale names an hour by (`B`): for
    every hour the index of its period, and the periods' names (then
    noon's, empty where the locale has none) in each width."""
    found = {}
    for member in archive.getmembers():
        parts = member.name.split("/")
        if len(parts) != 4 or parts[1] != "main" or parts[3] != "ca-gregorian.json":
            continue
        locale = parts[2]
        rules = None
        tag = locale
        while tag and rules is None:
            rules = rule_sets.get(tag)
            tag = fallback(tag)
        if rules is None:
            continue
        spans = {
            period: (int(rule["_from"][:2]), int(rule["_before"][:2]))
            for period, rule in rules.items()
            if "_from" in rule
        }
        if not spans:
            continue
        periods = sorted(spans, key=lambda period: spans[period][0])
        hours = []
        for hour in range(24):
            index = next(
                i for i, period in enumerate(periods)
                if within(hour, *spans[period])
            )
            hours.append(str(index))
        data = json.load(archive.extractfile(member))
        names = data["main"][locale]["dates"]["calendars"]["gregorian"]["dayPeriods"]["format"]
        row = ["".join(hours)]
        for width in WIDTHS:
            words = [names[width].get(period) for period in periods]
            words.append(names[width].get("noon", "") if "noon" in rules else "")
            if not all(words[:-1]) or any(c in w for w in words for c in "|\t"):
                break
            row.append("|".join(words))
        else:
            found[locale] = row
    return found


def symbols(archive):
    """The symbols Intl writes a number that is not finite with, in the
    locale's default numbering system: NaN, infinity, the minus sign."""
    found = {}
    for member in archive.getmembers():
        parts = member.name.split("/")
        if len(parts) == 4 and parts[1] == "main" and parts[3] == "numbers.json":
            locale = parts[2]
            numbers = json.load(archive.extractfile(member))["main"][locale]["numbers"]
            system = numbers["defaultNumberingSystem"]
            table = numbers.get(f"symbols-numberSystem-{system}", {})
            row = [table.get(symbol) for symbol in SYMBOLS]
            if all(row) and not any("\t" in s for s in row):
                found[locale] = row
    return found


def within(hour, start, before):
    """Whether `hour` is in the span from `start` to `before`, which may
    pass midnight (21 to 6)."""
    if start < before:
        return start <= hour < before
    return hour >= start or hour < before


def fetch(package, directory):
    tgz = subprocess.run(
        ["npm", "pack", package, "--silent"], cwd=directory, check=True,
        capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return tarfile.open(os.path.join(directory, tgz))


def deduplicated(found, root=None):
    """The rows of `found` that differ from the row their tag falls back to
    (`root`'s, where given, for a language of its own)."""
    rows = []
    for locale in sorted(found):
        parent = fallback(locale)
        while parent and parent not in found:
            parent = fallback(parent)
        if parent is None and root is not None:
            if found[locale] != root:
                rows.append("\t".join([locale] + found[locale]))
        elif parent is None or found[parent] != found[locale]:
            rows.append("\t".join([locale] + found[locale]))
    return rows


def write_table(path, header, rows, total):
    """Writes a table: its comment and column lines, then its rows."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(header + rows) + "\n")
    print(f"{os.path.basename(path)}: {len(rows)} of {total} locales")


def text(pattern):
    """A pattern, where CLDR may give it with its numbering system."""
    return pattern["_value"] if isinstance(pattern, dict) else pattern


def fallback(locale):
    return locale.rsplit("-", 1)[0] if "-" in locale else None


def main():
    with tempfile.TemporaryDirectory() as directory:
        with fetch(CORE, directory) as archive:
            member = archive.extractfile("package/supplemental/dayPeriods.json")
            rule_sets = json.load(member)["supplemental"]["dayPeriodRuleSet"]
        with fetch(PACKAGE, directory) as archive:
            found = patterns(archive)
            periods = day_periods(archive, rule_sets)
    rows = deduplicated(found)
    header = [
        "# CLDR 48's Gregorian availableFormats " + ", ".join(SKELETONS + DAY_PERIODS) + ",",
        "# timeFormats",
        "# short and medium, dateFormats, and the dateTimeFormats that join them (their",
        "# atTime forms), for each locale whose patterns differ from those its tag",
        f"# falls back to: generated by scripts/cldr.py from npm {PACKAGE}",
        "# (Unicode-3.0). Do not edit: regenerate.",
        "\t".join(["locale"] + COLUMNS),
    ]
    write_table(OUT, header, rows, len(found))
    with tempfile.TemporaryDirectory() as directory:
        with fetch(NUMBERS, directory) as archive:
            written = symbols(archive)
    rows = deduplicated(written, root=written["und"])
    header = [
        "# CLDR 48's number symbols NaN, infinity and minus in each locale's default",
        "# numbering system, for each locale whose symbols differ from those its tag",
        "# falls back to (a language from NaN, ∞ and -): generated by scripts/cldr.py",
        f"# from npm {NUMBERS}",
        "# (Unicode-3.0). Do not edit: regenerate.",
        "\t".join(["locale"] + SYMBOLS),
    ]
    write_table(SYMBOLS_OUT, header, rows, len(written))
    rows = deduplicated(periods)
    header = [
        "# CLDR 48's periods of the day (`B`, Intl's dayPeriod) by locale: for each",
        "# hour from 0 to 23 the index of its period (dayPeriodRuleSet), then the",
        "# periods' format names, noon's last (empty where the locale has no noon),",
        f"# abbreviated, wide and narrow: generated by scripts/cldr.py from npm {CORE}",
        f"# and {PACKAGE} (Unicode-3.0). Do not edit: regenerate.",
        "\t".join(["locale", "hours"] + WIDTHS),
    ]
    write_table(DAY_PERIODS_OUT, header, rows, len(periods))


if __name__ == "__main__":
    main()
