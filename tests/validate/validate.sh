#!/bin/sh
# Runs one validator on one file and fails on anything worse than a hint, so
# that a broken desktop file, metainfo, schema or flatpak manifest fails the
# test suite (some of these tools only warn, and exit 0, on real mistakes).
#
# Usage: validate.sh desktop  FILE.desktop
#        validate.sh metainfo FILE.metainfo.xml
#        validate.sh schemas  DIR
#        validate.sh flatpak  MANIFEST.json
set -eu

kind=${1:?usage: validate.sh desktop|metainfo|schemas|flatpak FILE}
file=${2:?usage: validate.sh desktop|metainfo|schemas|flatpak FILE}

out=$(mktemp)
trap 'rm -f "$out"' EXIT

status=0
case "$kind" in
  desktop)
    # Exits non-zero on errors only; warnings (deprecated keys, bad
    # categories …) count as failures here, hints do not.
    desktop-file-validate "$file" > "$out" 2>&1 || status=$?
    cat "$out"
    if grep -Eq ': (error|warning): ' "$out"; then status=1; fi
    ;;
  metainfo)
    # Fails on errors and warnings; pedantic notes are printed, not counted.
    appstreamcli validate --no-net --explain "$file" || status=$?
    ;;
  schemas)
    glib-compile-schemas --strict --dry-run "$file" || status=$?
    ;;
  flatpak)
    # Only parses the manifest: json-glib tolerates comments, so check
    # strict JSON too, and unknown properties are mere warnings.
    python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$file" || status=$?
    # From an empty directory: flatpak-builder leaves a .flatpak-builder/ in its cwd.
    file=$(realpath "$file")
    work=$(mktemp -d)
    trap 'rm -f "$out"; rm -rf "$work"' EXIT
    (cd "$work" && flatpak-builder --show-manifest "$file") > /dev/null 2> "$out" || status=$?
    cat "$out" >&2
    if grep -Eq 'WARNING|CRITICAL|Unknown property' "$out"; then status=1; fi
    ;;
  *)
    echo "unknown kind: $kind" >&2
    exit 2
    ;;
esac

if [ "$status" -ne 0 ]; then
  echo "$kind: $file is not valid" >&2
  exit 1
fi
echo "$kind: $file is valid"
