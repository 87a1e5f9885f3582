#!/usr/bin/env bash
# Applies every safe fix etiquette finds to a copy of each real corpus and
# holds it to its promise: no file that parsed stops parsing, no finding
# appears that was not there before, and every finding whose fix was
# applied is gone. Prints the fixes applied per rule.
#
#   scripts/fix-corpora.sh [CORPORA]     (CORPORA: ../shared/corpora)
set -euo pipefail
corpora="$(cd "${1:-../shared/corpora}" && pwd)"
cargo build --release --locked -q --bin etiquette
bin="$PWD/target/release/etiquette"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for corpus in firefox-l10n fxa-emails $(cd "$corpora" && echo more-real/*/); do
    corpus="${corpus%/}"
    name="$(basename "$corpus")"
    [ -d "$corpora/$corpus" ] || continue
    rm -rf "${work:?}/$name"
    cp -r "$corpora/$corpus" "$work/$name"
    (
        cd "$work"
        "$bin" check "$name" --format json > before.json || [ $? -eq 1 ]
        "$bin" check "$name" --fix --format json > /dev/null 2> fix.log || [ $? -eq 1 ]
        "$bin" check "$name" --format json > after.json || [ $? -eq 1 ]
    )
    python3 - "$name" "$work/before.json" "$work/after.json" "$work/fix.log" <<'PY' || status=1
import collections, json, sys
name, before, after, log = sys.argv[1:]
before = json.load(open(before))["findings"]
after = json.load(open(after))["findings"]
safe = lambda f: any(x["applicability"] == "safe" for x in f["fixes"])
had = {f["fingerprint"] for f in before}
new = [f for f in after if f["fingerprint"] not in had]
left = {f["fingerprint"] for f in after}
fixed = collections.Counter(f["rule"] for f in before if safe(f) and f["fingerprint"] not in left)
broken = collections.Counter(f["file"] for f in after if f["rule"] == "syntax-error")
was = collections.Counter(f["file"] for f in before if f["rule"] == "syntax-error")
worse = [file for file, n in broken.items() if n > was[file]]
refused = sum(1 for line in open(log) if "not fixed" in line)
print(f"{name}: {sum(fixed.values())} fixed {dict(sorted(fixed.items()))}, "
      f"{refused} refused, {len(new)} new findings, {len(worse)} files parse worse")
for f in new[:5]:
    print(f"  new: {f['file']}:{f['line']} {f['rule']} {f['message']}")
for file in worse[:5]:
    print(f"  parses worse: {file}")
sys.exit(1 if new or worse else 0)
PY
done
exit "$status"
