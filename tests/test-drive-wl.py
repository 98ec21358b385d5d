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

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

import pydicom  # noqa: E402
from pydicom.dataset import FileDataset, FileMetaDataset  # noqa: E402
from pydicom.uid import ExplicitVRLittleEndian, generate_uid  # noqa: E402

TESTS = 5
number = 0


# TAP goes to a private copy of stdout; file descriptor 1 itself becomes stderr, so
# whatever the daemons, the app or a library print there cannot break the TAP stream.
TAP = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
sys.stdout = TAP


def tap(ok, what, detail=""):
    global number
    number += 1
    print(("ok" if ok else "not ok"), number, "-", what, flush=True)
    if detail:
        for line in detail.splitlines():
            print("#", line, flush=True)
    return ok


def bail(why):
    print("Bail out!", why, flush=True)
    sys.exit(1)


def write_dicom(path, study_uid, view_position, width, height, pixel):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"  # DX for presentation
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "DX"
    ds.ViewPosition = view_position
    ds.PatientName = "Test^Drive"
    ds.PatientID = "DRIVE-1"
    ds.StudyDescription = "Drive test"
    ds.Rows = height
    ds.Columns = width
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.WindowCenter = 2048
    ds.WindowWidth = 4096
    data = bytearray(width * height * 2)
    for y in range(height):
        for x in range(width):
            v = pixel(x, y)
            data[2 * (y * width + x)] = v & 0xFF
            data[2 * (y * width + x) + 1] = v >> 8
    ds.PixelData = bytes(data)
    ds.save_as(path, write_like_original=False)


def make_study(folder):
    os.makedirs(folder)
    uid = generate_uid()
    w, h = 160, 200

    # A smooth ramp with mid-grey values in the middle: any W/L change shows.
    def frontal(x, y):
        return min(4095, int(800 + 2400 * (x / w) * 0.5 + 2400 * (y / h) * 0.5))

    def lateral(x, y):
        return min(4095, int(1200 + 1600 * (y / h)))

    write_dicom(os.path.join(folder, "frontal.dcm"), uid, "PA", w, h, frontal)
    write_dicom(os.path.join(folder, "lateral.dcm"), uid, "LL", w, h, lateral)


def run(*args, timeout=30):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout).stdout


def find_image(node, name, depth=0):
    if node is None or depth > 40:
        return None
    try:
        if node.get_role() == Atspi.Role.IMAGE and name in (node.get_name() or ""):
            return node
        for i in range(node.get_child_count()):
            found = find_image(node.get_child_at_index(i), name, depth + 1)
            if found is not None:
                return found
    except gi.repository.GLib.Error:
        return None
    return None


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except gi.repository.GLib.Error:
            pass
    return None


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

    env = dict(os.environ)
    for key in ("NO_AT_BRIDGE", "GTK_A11Y"):
        env.pop(key, None)
    env.update({
        "HOME": tmp,
        "XDG_DATA_HOME": os.path.join(tmp, "data"),
        "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
        "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
        "GSETTINGS_BACKEND": "memory",
        "GSK_RENDERER": env.get("GSK_RENDERER", "cairo"),
        "GTK_MODULES": "gail:atk-bridge",
    })

    # A session bus of our own: the accessibility daemons it starts write to its
    # output, which must not mix with TAP on ours.
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    if not address:
        bail("dbus-daemon gave no address")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    env["DBUS_SESSION_BUS_ADDRESS"] = address

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
        image = None
        before = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.poll() is not None:
                bail("hilum exited with %d" % app.returncode)
            node = find_app(app.pid)
            image = find_image(node, "Frontal") if node else None
            before = read_window_level(image) if image else None
            if before:
                break
            time.sleep(0.25)
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
