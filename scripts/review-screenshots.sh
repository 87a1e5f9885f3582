#!/usr/bin/env bash
# Takes the README's screenshots of the review page (docs/images/) with
# headless Chromium: the overview of the sample project, and the refund
# email in Dutch with its findings.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
etiquette=target/release/etiquette
chromium=${ETIQUETTE_CHROMIUM:-chromium}

shoot() { # PAGE PNG WIDTH HEIGHT
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$work/profile" --window-size="$3,$4" \
        --screenshot="$2" "file://$1" 2>/dev/null
}

"$etiquette" render locales --format html > "$work/all.html"
shoot "$work/all.html" docs/images/review-overview.png 1280 820
"$etiquette" render locales --format html --locale nl --email orders/refund \
    > "$work/refund.html" || true
shoot "$work/refund.html" docs/images/review-email.png 1280 1260
