#!/usr/bin/python3
# test-drive-wl.py — drives the real `hilum` binary like a user: a right-button drag
# over the frontal image must change its window/level, which is read back through
# AT-SPI (the image's accessible description) and from the screen's pixels.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by meson under xvfb-run and dbus-run-session, with Debian's /usr/bin/python3:
#   test-drive-wl.py /path/to/build/src/hilum
# Prints TAP. The study (two synthetic DICOM radiographs) is written here with pydicom.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# hilumdrive.py sits beside this script: no __pycache__ in the source tree.
sys.dont_write_bytecode = True
from hilumdrive import (Atspi, app_env, bail, make_study, private_bus, run,  # noqa: E402
                        tap, wait_for_image)

TESTS = 5


WL = re.compile(r"Window (-?[0-9.]+), level (-?[0-9.]+)")


def read_window_level(image):
    m = WL.search(image.get_description() or "")
    return (float(m.group(1)), float(m.group(2))) if m else None


def screen_gray(x, y, size, root_width, root_height):
    """Mean grey of a size × size square of the screen centred on (x, y)."""
    with tempfile.NamedTemporaryFile(suffix=".rgb") as raw:
        run("import", "-window", "root", "-depth", "8", "rgb:" + raw.name)
        data = raw.read()
    assert len(data) == root_width * root_height * 3, len(data)
    total = 0
    for j in range(y - size // 2, y + size // 2):
        for i in range(x - size // 2, x + size // 2):
            o = 3 * (j * root_width + i)
            total += (data[o] + data[o + 1] + data[o + 2]) / 3
    return total / (size * size)


def main():
    if len(sys.argv) < 2:
        bail("usage: test-drive-wl.py HILUM-BINARY")
    hilum = sys.argv[1]
    print("1..%d" % TESTS, flush=True)

    tmp = tempfile.mkdtemp(prefix="hilum-drive-")
    study = os.path.join(tmp, "study")
    make_study(study)

    env = app_env(tmp)
    bus = private_bus(env)

    geometry = run("xdpyinfo").split("dimensions:")[1].split()[0]
    root_width, root_height = (int(v) for v in geometry.split("x"))

    app = subprocess.Popen([hilum, study], env=env)
    try:
        wid = run("xdotool", "search", "--sync", "--onlyvisible", "--name", "Hilum", timeout=60).split()[0]
        # No window manager: focus the window directly (windowactivate needs one).
        run("xdotool", "windowfocus", wid)
        tap(True, "the Hilum window appears (%s)" % wid)

        # Wait until the frontal image is decoded: its description gives the window.
        Atspi.init()
        image = wait_for_image(app, "Frontal", lambda image: read_window_level(image) is not None)
        before = read_window_level(image) if image else None
        if not tap(before is not None, "AT-SPI shows the frontal image with its window",
                   "description: %r" % (image.get_description() if image else None)):
            bail("no frontal image")

        # Where the frontal image is on screen: AT-SPI extents if GTK gives them, else
        # the window's geometry (the frontal slot is the left half beside the worklist).
        x = y = None
        try:
            ext = image.get_extents(Atspi.CoordType.SCREEN)
            if ext.width > 50 and ext.height > 50:
                x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
                print("# frontal image at %d,%d %dx%d (AT-SPI)" % (ext.x, ext.y, ext.width, ext.height))
        except Exception:  # noqa: BLE001 — older bridges have no Component
            pass
        if x is None:
            geo = run("xdotool", "getwindowgeometry", "--shell", wid)
            g = dict(line.split("=") for line in geo.split())
            wx, wy, ww, wh = (int(g[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
            x = wx + 240 + (ww - 240) // 4
            y = wy + wh // 2 + 40
            print("# frontal image centre guessed from the window geometry: %d,%d" % (x, y))
        time.sleep(0.5)
        gray_before = screen_gray(x, y, 16, root_width, root_height)

        # Right-button drag: 60 px right (wider window), 150 px down (higher level).
        run("xdotool", "mousemove", "--sync", str(x), str(y))
        run("xdotool", "mousedown", "3")
        for step in range(1, 11):
            run("xdotool", "mousemove", "--sync", str(x + 6 * step), str(y + 15 * step))
            time.sleep(0.02)
        run("xdotool", "mouseup", "3")

        after = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            after = read_window_level(image)
            if after and after != before:
                break
            time.sleep(0.1)
        time.sleep(0.5)
        gray_after = screen_gray(x, y, 16, root_width, root_height)

        detail = "before: width %s, level %s; after: width %s, level %s" % (before + (after or (None, None)))
        tap(after is not None and after[0] > before[0],
            "dragging right widens the window", detail)
        tap(after is not None and after[1] > before[1],
            "dragging down raises the level", detail)
        tap(gray_after < gray_before - 5,
            "the image is darker on screen where it was dragged",
            "grey at (%d, %d): %.1f -> %.1f" % (x, y, gray_before, gray_after))
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
        bus.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
