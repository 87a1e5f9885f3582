#!/usr/bin/env bash
# The action's first step: downloads the etiquette release VERSION (a tag,
# or `latest`) of REPOSITORY for this runner, checks its SHA-256 sum, and
# puts the binary on the PATH.
set -euo pipefail

case "${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *)
    echo "etiquette has no release for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}; build it with cargo install" >&2
    exit 1
    ;;
esac

tag="$VERSION"
if [ "$tag" = "latest" ]; then
  tag=$(gh release view --repo "$REPOSITORY" --json tagName --jq .tagName)
fi
case "$tag" in
  v[0-9]*) ;;
  *)
    echo "not a release tag: $tag" >&2
    exit 1
    ;;
esac

name="etiquette-$tag-$target"
archive="$name.tar.gz"
case "$target" in
  *windows*) archive="$name.zip" ;;
esac
dir="${RUNNER_TEMP:-/tmp}/etiquette"
mkdir -p "$dir"
cd "$dir"
gh release download "$tag" --repo "$REPOSITORY" --pattern "$archive" --pattern "$archive.sha256" --clobber
if command -v sha256sum >/dev/null; then
  sha256sum --check "$archive.sha256"
else
  shasum -a 256 --check "$archive.sha256"
fi
case "$archive" in
  *.zip) unzip -q -o "$archive" ;;
  *) tar xzf "$archive" ;;
esac
echo "$dir/$name" >> "$GITHUB_PATH"
