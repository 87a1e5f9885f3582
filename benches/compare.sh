#!/usr/bin/env bash
# Whole-process figures on the Firefox tree, as in the README's "Speed":
# etiquette against compare-locales on one locale, the whole tree, the
# review page against the render JSON, and time and peak memory as the
# number of locales grows.
#
#   benches/compare.sh            # needs hyperfine, /usr/bin/time, and
#                                 # `pip install compare-locales`
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${ETIQUETTE_CORPUS:-../shared/corpora/firefox-l10n}")
runs=${RUNS:-5}
cargo build --release -q
bin=target/release/etiquette

# compare-locales needs a project config; this one compares every file of
# en-US with the same path in the locale.
config=$(mktemp --suffix=.toml)
cat > "$config" <<TOML
basepath = "$corpus"
locales = ["nl"]
[env]
    l = "{l10n_base}/{locale}/"
[[paths]]
    reference = "en-US/**"
    l10n = "{l}**"
TOML

# Both exit non-zero when they find something (-i). -N runs them without a
# shell: a shell's start is a sixth of a one-locale check, and not either tool's.
hyperfine -N --warmup 1 --runs "$runs" -i --export-markdown /dev/stdout \
    -n "etiquette check, nl" "$bin check $corpus --locale nl --format json" \
    -n "compare-locales, nl" "compare-locales --json /dev/null $config $corpus nl" \
    -n "etiquette check, 28 locales" "$bin check $corpus --format json"

# hyperfine runs one command's runs, then the next's: a machine that slows
# down in between moves the ratio. Rounds of five etiquette runs and one
# compare-locales run, in turn, and the ratio of their medians.
rounds=${ROUNDS:-6}
for _ in $(seq "$rounds"); do
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        "$bin" check "$corpus" --locale nl --format json > /dev/null || true
        echo "etiquette $(( $(date +%s%N) - start ))"
    done
    start=$(date +%s%N)
    compare-locales --json /dev/null "$config" "$corpus" nl > /dev/null || true
    echo "compare-locales $(( $(date +%s%N) - start ))"
done | python3 -c '
import statistics, sys
times = {}
for line in sys.stdin:
    tool, ns = line.split()
    times.setdefault(tool, []).append(int(ns) / 1e6)
ours, theirs = (statistics.median(times[t]) for t in ("etiquette", "compare-locales"))
print(f"\ninterleaved, nl: etiquette {ours:.1f} ms, compare-locales {theirs:.0f} ms"
      f" (medians): {theirs / ours:.0f}x")
'

# The review page against the render it is built from (the page also runs
# the check), and what it weighs.
hyperfine -N --warmup 1 --runs "$runs" -i --export-markdown /dev/stdout \
    -n "render --format json" "$bin render $corpus --format json" \
    -n "render --format html" "$bin render $corpus --format html"
for format in json html; do
    measure=$( { /usr/bin/time -f '%e %M' "$bin" render "$corpus" --format "$format" > "/tmp/etiquette-page.$format"; } 2>&1 | tail -1 || true)
    read -r wall kb <<< "$measure"
    echo "render --format $format: $(stat -c %s "/tmp/etiquette-page.$format") bytes, ${wall} s, $((kb / 1024)) MB peak"
done
rm -f /tmp/etiquette-page.json /tmp/etiquette-page.html

echo
echo "| locales | files | wall | peak memory |"
echo "|---|---|---|---|"
locales=$(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | grep -v '^en-US$')
for n in 1 2 4 8 16 28; do
    flags=$(echo "$locales" | head -n "$n" | sed 's/^/--locale /' | tr '\n' ' ')
    # shellcheck disable=SC2086
    measure=$( { /usr/bin/time -f '%e %M' "$bin" check "$corpus" $flags --format json > /tmp/etiquette-scale.json; } 2>&1 | tail -1 || true)
    files=$(python3 -c "import json;print(json.load(open('/tmp/etiquette-scale.json'))['summary']['files'])")
    read -r wall kb <<< "$measure"
    echo "| $n | $files | ${wall} s | $((kb / 1024)) MB |"
done
rm -f "$config" /tmp/etiquette-scale.json
