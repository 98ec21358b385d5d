#!/bin/sh
# make-screenshot.sh — the screenshot of the README and the metainfo
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: data/screenshots/make-screenshot.sh BUILD-DIR [OUTPUT.png]
#
# Builds nothing: runs BUILD-DIR/src/hilum on the built-in demo study, as at a first
# start (fresh HOME and XDG folders, settings in memory), under Xvfb; the demo study
# comes with a short bilingual report (two findings, one with a box on the frontal
# image), and the first finding is selected (Alt+Page Down) so its box stands out.
# Waits until the window stops changing and writes the window (default
# data/screenshots/main.png).
# Needs xvfb-run, dbus-run-session, xdotool and ImageMagick's import.
set -eu

build=$(cd "${1:?usage: $0 BUILD-DIR [OUTPUT.png]}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/main.png}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/data" "$tmp/config" "$tmp/cache"

export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
export HILUM_DECODE="$build/src/dicom/hilum-decode"
export GSK_RENDERER=cairo NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 LANGUAGE=en

xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session -- sh -c '
  app=$1 out=$2 tmp=$3
  "$app" &
  pid=$!
  wid=$(timeout 60 xdotool search --sync --onlyvisible --name Hilum | head -n 1)
  xdotool windowfocus "$wid"
  sleep 3
  xdotool key --clearmodifiers alt+Next
  # Drawn = two identical screens one second apart, after the demo had time to load.
  previous=
  for i in $(seq 1 60); do
    sleep 1
    import -window root "$tmp/root.png"
    sum=$(md5sum < "$tmp/root.png")
    if [ "$i" -ge 5 ] && [ "$sum" = "$previous" ]; then break; fi
    previous=$sum
  done
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$out"
  kill "$pid"
' sh "$build/src/hilum" "$out" "$tmp"

echo "wrote $out"
