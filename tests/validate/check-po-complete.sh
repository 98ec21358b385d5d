#!/bin/sh
# Fails unless every string of the current sources is translated, and not
# fuzzy, in each po/LL.po given: es.po is merged with a template made now from
# po/POTFILES.in, so a string added to the code after es.po was written counts
# as untranslated too.  Lists the strings that need work.
#
# Usage: check-po-complete.sh SRCDIR [LL ...]   (default: every language in po/LINGUAS)
set -eu

srcdir=${1:?usage: check-po-complete.sh SRCDIR [LL ...]}
shift
cd "$srcdir"

if [ "$#" -eq 0 ]; then
  set -- $(sed -e 's/#.*//' po/LINGUAS)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's i18n.gettext (preset: 'glib').
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' po/POTFILES.in \
  | grep -v '^$' > "$tmp/files" || true
xgettext --package-name=hilum --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  -f "$tmp/files" -o "$tmp/hilum.pot"

status=0
for lang in "$@"; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po: missing"
    status=1
    continue
  fi
  # Format and header errors in the file as written (c-format mismatches …).
  if ! msgfmt --check -o /dev/null "$po"; then
    echo "$po: msgfmt --check failed"
    status=1
  fi
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/hilum.pot"
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1) || status=1
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      status=1
      echo "$po: strings to translate or review:"
      # Each entry without the header: where it comes from, its msgid and msgstr.
      msgattrib --no-wrap --no-obsolete --only-fuzzy "$tmp/$lang.po" | sed '1,/^$/d'
      msgattrib --no-wrap --no-obsolete --untranslated "$tmp/$lang.po" | sed '1,/^$/d'
      ;;
  esac
done
exit "$status"
