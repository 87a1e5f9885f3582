#!/usr/bin/env bash
# Writes what etiquette prints on every corpus into OUT: the check JSON of
# firefox-l10n, fxa-emails and each project of more-real, the render JSON
# of the sample project, and the CoCoA-MT evaluation with every alarm and
# every miss. Run in two trees, `diff -r` of their OUT folders shows what a
# change changed, finding by finding.
#
#   scripts/outputs.sh OUT [CORPORA]     (CORPORA: ../shared/corpora)
set -euo pipefail
out="$1"
corpora="$(cd "${2:-../shared/corpora}" && pwd)"
cargo build --release --locked -q --bin etiquette --example evaluate_register
target="${CARGO_TARGET_DIR:-$PWD/target}"
bin="$target/release/etiquette"
mkdir -p "$out"

# Exit code 1 (findings at error severity) is what these corpora give.
check() {
    local name="$1" root="$2"
    "$bin" check "$root" --format json > "$out/$name.json" || [ $? -eq 1 ]
}
check firefox-l10n "$corpora/firefox-l10n"
check fxa-emails "$corpora/fxa-emails"
for project in "$corpora"/more-real/*/; do
    check "more-real-$(basename "$project")" "$project"
done
"$bin" render locales --format json > "$out/render-sample.json" || [ $? -eq 1 ]
EVALUATE_DEBUG=1 "$target/release/examples/evaluate_register" "$corpora/cocoa-mt" 300 \
    > "$out/cocoa-mt.txt"
