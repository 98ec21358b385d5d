#!/bin/sh
# bench-app-rss.sh — peak RSS of the real app with a 3000 × 3000 two-image study open
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the study of bench-open-study, starts BUILD_DIR/src/hilum on its folder under
# Xvfb with a throw-away HOME and XDG dirs and in-memory settings, waits WAIT seconds
# (default 5: the study is open and painted long before) and prints VmHWM/VmRSS of the
# app from /proc: at a first start (nothing cached), at a second start (Mesa's shader
# cache in XDG_CACHE_HOME is warm: llvmpipe's LLVM no longer compiles GL shaders, ~30 MB
# less), and on an empty folder (what the images add). Once per renderer: GTK's default
# (GL, on Mesa llvmpipe under Xvfb: its memory counts too), then cairo. Prints figures;
# asserts nothing. Target (issue #2): ≤ 250 MB.
#
# Usage: tests/bench/bench-app-rss.sh BUILD_DIR [WAIT]
set -eu

build=$(cd "${1:?usage: bench-app-rss.sh BUILD_DIR [WAIT]}" && pwd)
wait_s=${2:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hilum-bench-rss-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$build/tests/bench/bench-open-study" --write-study "$tmp/study"

mkdir -p "$tmp/empty" "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
       XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime" \
       GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
       HILUM_DECODE="$build/src/dicom/hilum-decode" NO_AT_BRIDGE=1

echo "Peak RSS of $build/src/hilum (after ${wait_s} s):"
for renderer in default cairo; do
  if [ "$renderer" = default ]; then unset GSK_RENDERER || true; else export GSK_RENDERER=$renderer; fi
  rm -rf "$tmp/cache"/*
  for case in "study:study, first start" "study:study, second start" "empty:empty folder (no images)"; do
    folder=${case%%:*}
    xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session -- sh -c '
      "$1" "$2" >"$4/app.log" 2>&1 &
      pid=$!
      sleep "$5"
      if kill -0 "$pid" 2>/dev/null; then
        hwm=$(awk "/^VmHWM:/ { print \$2 }" "/proc/$pid/status")
        rss=$(awk "/^VmRSS:/ { print \$2 }" "/proc/$pid/status")
        printf "  GSK_RENDERER=%-8s %-32s VmHWM %6.1f MB   VmRSS %6.1f MB\n" "$3" "$6" \
               "$(echo "$hwm / 1024" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
      else
        echo "  GSK_RENDERER=$3: the app exited early:"; sed "s/^/    /" "$4/app.log"
      fi' sh "$build/src/hilum" "$tmp/$folder" "$renderer" "$tmp" "$wait_s" \
          "${case#*:}" \
          2>"$tmp/session.log" | grep -v "^SpiRegistry" || true
  done
done
