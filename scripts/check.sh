#!/usr/bin/env bash
# The action's second step: runs etiquette check with the action's inputs,
# and, when SARIF names a path, writes the same findings there as SARIF.
# The step fails as etiquette exits: 1 on a finding at error severity, 2
# when it could not run.
set -uo pipefail

args=()
if [ -n "${PATHS:-}" ]; then
  read -r -a paths <<< "$PATHS"
  args+=("${paths[@]}")
fi
if [ -n "${BASELINE:-}" ]; then
  args+=(--baseline "$BASELINE")
fi
if [ -n "${ARGS:-}" ]; then
  read -r -a extra <<< "$ARGS"
  args+=("${extra[@]}")
fi

if [ -n "${SARIF:-}" ]; then
  etiquette check "${args[@]}" --format sarif > "$SARIF"
  code=$?
  if [ "$code" -eq 2 ]; then
    echo "exit-code=2" >> "$GITHUB_OUTPUT"
    exit 2
  fi
fi
etiquette check "${args[@]}" --format "${FORMAT:-github}"
code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
exit "$code"
