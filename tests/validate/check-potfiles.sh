#!/bin/sh
# Fails when po/POTFILES.in and the sources disagree: a tracked file with
# translatable strings that is not listed (its strings would never reach the
# translators), or a listed file that does not exist (xgettext would fail).
#
# Usage: check-potfiles.sh SRCDIR
set -eu

srcdir=${1:?usage: check-potfiles.sh SRCDIR}
cd "$srcdir"

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "$potfiles does not exist" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Listed files, without comments, blank lines and surrounding blanks.
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" \
  | grep -v '^$' > "$tmp/listed.raw" || true
sort "$tmp/listed.raw" > "$tmp/listed"

# Candidate sources: what git tracks; outside a checkout (a tarball), what is there.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -- 'src/*.c' 'src/*.h' 'src/*.cxx' 'src/*.cpp' 'ui/*.ui' \
    'data/*.in' 'data/*.gschema.xml' > "$tmp/candidates"
else
  find src ui data \( -name '*.c' -o -name '*.h' -o -name '*.cxx' -o -name '*.cpp' \
    -o -name '*.ui' -o -name '*.in' -o -name '*.gschema.xml' \) -print 2>/dev/null \
    | sed 's|^\./||' > "$tmp/candidates"
fi

# A gettext call: _ ("…"), N_, C_, NC_ (GNU style puts a space before the
# parenthesis), the g_d*gettext family, or a translatable GtkBuilder property.
# The leading class keeps identifiers that merely end in "_" (FOO_ (x)) out.
marker='(^|[^A-Za-z0-9_])(_|N_|C_|NC_)[[:space:]]*\(|g_d[np]?c?gettext2?[[:space:]]*\(|translatable="yes"'

: > "$tmp/needed"
while IFS= read -r f; do
  [ -f "$f" ] || continue
  case "$f" in
    data/*.desktop.in|data/*.metainfo.xml.in|data/*.appdata.xml.in)
      # Translated by msgfmt as a whole: every Name, Comment, <p> … is a string.
      echo "$f" >> "$tmp/needed" ;;
    data/*.gschema.xml)
      # Summaries are only ever shown translated when the schema names its domain.
      if grep -q 'gettext-domain=' "$f"; then echo "$f" >> "$tmp/needed"; fi ;;
    *)
      if grep -Eq "$marker" "$f"; then echo "$f" >> "$tmp/needed"; fi ;;
  esac
done < "$tmp/candidates"
sort -u "$tmp/needed" -o "$tmp/needed"

status=0

missing=$(comm -23 "$tmp/needed" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from $potfiles:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

: > "$tmp/gone"
while IFS= read -r f; do
  [ -f "$f" ] || echo "$f" >> "$tmp/gone"
done < "$tmp/listed"
if [ -s "$tmp/gone" ]; then
  echo "Files listed in $potfiles that do not exist:"
  sed 's/^/  /' "$tmp/gone"
  status=1
fi

dups=$(uniq -d "$tmp/listed")
if [ -n "$dups" ]; then
  echo "Files listed more than once in $potfiles:"
  echo "$dups" | sed 's/^/  /'
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$tmp/needed") files with translatable strings"
fi
exit "$status"
