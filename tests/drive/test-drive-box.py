#!/usr/bin/python3
# test-drive-box.py — drives the real `hilum` like a radiologist: a finding added with
# its key and typed, a box drawn with a real mouse drag (xdotool) over the frontal
# image, Ctrl+Q; then `hilum-cli export` must find the sentence and the box where the
# drag was (within one image pixel, from the image's AT-SPI extents and the fitted
# zoom). Then again with kill -9 right after the drag: the box is in the store.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by meson under xvfb-run and dbus-run-session, with Debian's /usr/bin/python3:
#   test-drive-box.py /path/to/build/src/hilum /path/to/build/src/hilum-cli
# Prints TAP. The study (two synthetic DICOM radiographs) is written here with pydicom.

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# hilumdrive.py sits beside this script: no __pycache__ in the source tree.
sys.dont_write_bytecode = True
from hilumdrive import (Atspi, H, W, app_env, bail, find_app, make_study,  # noqa: E402
                        private_bus, run, tap, wait_for_image)

TESTS = 8
SENTENCE = "Small nodule in the right upper lobe"


def start(hilum, study, env):
    app = subprocess.Popen([hilum, study], env=env)
    wid = run("xdotool", "search", "--sync", "--onlyvisible", "--name", "Hilum", timeout=60).split()[0]
    # No window manager: focus the window directly (windowactivate needs one).
    run("xdotool", "windowfocus", wid)
    image = wait_for_image(app, "Frontal",
                           lambda image: "Window" in (image.get_description() or ""))
    if image is None:
        app.kill()
        bail("AT-SPI shows no decoded frontal image")
    time.sleep(1.0)
    # GTK 4.8 gives AT-SPI extents relative to its drawn frame; without a window manager
    # the X window is larger by the client-side shadow margin on each side.
    frame = find_app(app.pid).get_child_at_index(0).get_extents(Atspi.CoordType.SCREEN)
    geo = dict(line.split("=") for line in run("xdotool", "getwindowgeometry", "--shell", wid).split())
    offset = (int(geo["X"]) + (int(geo["WIDTH"]) - frame.width) / 2.0 - frame.x,
              int(geo["Y"]) + (int(geo["HEIGHT"]) - frame.height) / 2.0 - frame.y)
    print("# frame %d,%d %dx%d in the X window %s: offset %r" %
          (frame.x, frame.y, frame.width, frame.height, geo, offset))
    return app, wid, (image, offset)


def image_to_screen(located):
    """The fitted view: the image is centred in the view at zoom min(w / W, h / H)."""
    image, offset = located
    ext = image.get_extents(Atspi.CoordType.SCREEN)
    zoom = min(ext.width / W, ext.height / H)
    cx, cy = offset[0] + ext.x + ext.width / 2.0, offset[1] + ext.y + ext.height / 2.0
    print("# frontal view at %d,%d %dx%d, zoom %.4f" % (ext.x, ext.y, ext.width, ext.height, zoom))

    def to_screen(ix, iy):
        return int(round(cx + (ix - W / 2.0) * zoom)), int(round(cy + (iy - H / 2.0) * zoom))

    def to_image(sx, sy):
        return W / 2.0 + (sx - cx) / zoom, H / 2.0 + (sy - cy) / zoom

    return to_screen, to_image


def real_drag(x0, y0, x1, y1):
    run("xdotool", "mousemove", "--sync", str(x0), str(y0))
    run("xdotool", "mousedown", "1")
    for step in range(1, 11):
        run("xdotool", "mousemove", "--sync",
            str(x0 + (x1 - x0) * step // 10), str(y0 + (y1 - y0) * step // 10))
        time.sleep(0.02)
    run("xdotool", "mouseup", "1")


def export(cli, store, out, env):
    if os.path.exists(out):
        shutil.rmtree(out) if os.path.isdir(out) else os.unlink(out)
    run(cli, "export", "--store", store, "--to", "hilum", out, timeout=60)
    if os.path.isdir(out):
        names = sorted(os.listdir(out))
        with open(os.path.join(out, names[0]), encoding="utf-8") as f:
            return json.load(f)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def boxes_of(document):
    found = []
    for finding in document.get("findings", []):
        for annotation in finding.get("annotations") or []:
            for box in annotation.get("boxes") or []:
                found.append(box["xyxy_norm"])
    return found


def close_to(box, expected):
    """Within one image pixel on each side."""
    limits = (1.0 / W, 1.0 / H, 1.0 / W, 1.0 / H)
    return all(abs(a - b) <= lim + 1e-9 for a, b, lim in zip(box, expected, limits))


def main():
    if len(sys.argv) < 3:
        bail("usage: test-drive-box.py HILUM-BINARY HILUM-CLI")
    hilum, cli = sys.argv[1], sys.argv[2]
    print("1..%d" % TESTS, flush=True)

    tmp = tempfile.mkdtemp(prefix="hilum-drive-box-")
    study = os.path.join(tmp, "study")
    make_study(study)
    store = os.path.join(tmp, "data", "hilum", "hilum.db")
    out = os.path.join(tmp, "export.json")

    env = app_env(tmp, LANGUAGE="en")
    bus = private_bus(env)
    Atspi.init()

    app = None
    try:
        app, wid, image = start(hilum, study, env)
        tap(True, "the study opens and AT-SPI shows the frontal image")

        # A finding from the keyboard, its sentence typed where the keyboard lands.
        run("xdotool", "key", "--clearmodifiers", "ctrl+n")
        time.sleep(0.5)
        run("xdotool", "type", "--delay", "20", SENTENCE)
        time.sleep(0.5)

        # A real drag over the frontal image: image (40, 50) → (100, 130).
        to_screen, to_image = image_to_screen(image)
        x0, y0 = to_screen(40, 50)
        x1, y1 = to_screen(100, 130)
        real_drag(x0, y0, x1, y1)
        (ix0, iy0), (ix1, iy1) = to_image(x0, y0), to_image(x1, y1)
        expected = [ix0 / W, iy0 / H, ix1 / W, iy1 / H]
        time.sleep(0.5)

        run("xdotool", "key", "--clearmodifiers", "ctrl+q")
        try:
            code = app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            code = None
        tap(code == 0, "Ctrl+Q quits", "exit code %r" % code)

        document = export(cli, store, out, env)
        texts = [t for f in document.get("findings", []) for t in (f.get("text") or {}).values()]
        tap(any(SENTENCE in (t or "") for t in texts),
            "the exported document has the typed sentence", "texts: %r" % texts)
        boxes = boxes_of(document)
        tap(len(boxes) == 1 and close_to(boxes[0], expected),
            "the exported box is where the mouse drew it (within one image pixel)",
            "boxes %r, expected %r" % (boxes, expected))
        tap(document.get("study", {}).get("status") == "in_progress",
            "the study is in progress", "status %r" % document.get("study", {}).get("status"))

        # Again, and the app is killed (kill -9) right after drawing a second box.
        app, wid, image = start(hilum, study, env)
        run("xdotool", "key", "--clearmodifiers", "alt+Next")
        time.sleep(0.5)
        to_screen, to_image = image_to_screen(image)
        x0, y0 = to_screen(20, 140)
        x1, y1 = to_screen(70, 180)
        real_drag(x0, y0, x1, y1)
        (ix0, iy0), (ix1, iy1) = to_image(x0, y0), to_image(x1, y1)
        second = [ix0 / W, iy0 / H, ix1 / W, iy1 / H]
        time.sleep(0.3)
        os.kill(app.pid, signal.SIGKILL)
        app.wait(timeout=10)
        tap(app.returncode == -signal.SIGKILL, "kill -9 right after the drag")

        document = export(cli, store, out, env)
        boxes = boxes_of(document)
        tap(len(boxes) == 2, "after kill -9 the store has both boxes", "boxes %r" % boxes)
        tap(any(close_to(b, second) for b in boxes),
            "the box drawn just before kill -9 is where the mouse drew it",
            "boxes %r, expected %r" % (boxes, second))
    finally:
        if app is not None and app.poll() is None:
            app.kill()
            app.wait(timeout=10)
        bus.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
