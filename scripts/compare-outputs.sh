#!/usr/bin/env bash
# Compares what etiquette prints on every corpus (scripts/outputs.sh) at a
# git revision with what the working tree prints, finding by finding: a
# refactoring must print the same, a change of rules exactly what it meant
# to change. Exits 1 when they differ.
#
#   scripts/compare-outputs.sh [REV] [CORPORA]   (REV: HEAD, CORPORA: ../shared/corpora)
set -euo pipefail
rev="${1:-HEAD}"
corpora="$(cd "${2:-../shared/corpora}" && pwd)"
here="$PWD"
work="$(mktemp -d)"
cleanup() {
    git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
git worktree add --quiet --detach "$work/base" "$rev"
# The base builds in a target folder of its own, kept between comparisons.
(cd "$work/base" && CARGO_TARGET_DIR="$here/target/compare-base" \
    "$here/scripts/outputs.sh" "$work/before" "$corpora")
"$here/scripts/outputs.sh" "$work/after" "$corpora"
if diff -r "$work/before" "$work/after"; then
    echo "the same output as $rev on every corpus"
else
    exit 1
fi
