#!/usr/bin/env bash
# Packages the dist build of TARGET as the release workflow publishes it:
# dist/etiquette-TAG-TARGET.tar.gz (a .zip for Windows) holding a folder
# of the same name with the binary, the README and the licence, and a
# .sha256 beside it.
#
#   scripts/package.sh v0.2.0 x86_64-unknown-linux-musl
set -euo pipefail
tag="$1"
target="$2"
name="etiquette-$tag-$target"
binary="etiquette"
case "$target" in
  *windows*) binary="etiquette.exe" ;;
esac
rm -rf "dist/$name"
mkdir -p "dist/$name"
cp "target/$target/dist/$binary" README.md "dist/$name/"
cp LICENSE* "dist/$name/" 2>/dev/null || true
cd dist
case "$target" in
  *windows*)
    7z a -bso0 "$name.zip" "$name"
    archive="$name.zip"
    ;;
  *)
    tar czf "$name.tar.gz" "$name"
    archive="$name.tar.gz"
    ;;
esac
rm -rf "$name"
if command -v sha256sum >/dev/null; then
  sha256sum "$archive" > "$archive.sha256"
else
  shasum -a 256 "$archive" > "$archive.sha256"
fi
