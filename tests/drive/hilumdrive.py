# hilumdrive.py — what the tests that drive the real `hilum` from outside share:
# TAP on a private stdout, the synthetic study written with pydicom, running tools,
# finding the app and its images over AT-SPI, and a private D-Bus session.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Imported by tests/drive/test-drive-*.py (their own folder is on sys.path).

import os
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

import pydicom  # noqa: E402,F401
from pydicom.dataset import FileDataset, FileMetaDataset  # noqa: E402
from pydicom.uid import ExplicitVRLittleEndian, generate_uid  # noqa: E402

# The size of both synthetic radiographs of make_study().
W, H = 160, 200

# TAP goes to a private copy of stdout; file descriptor 1 itself becomes stderr, so
# whatever the daemons, the app or a library print there cannot break the TAP stream.
# Done once, when the first test script imports this module.
TAP = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
sys.stdout = TAP

number = 0


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
    """frontal.dcm and lateral.dcm, W × H, in a new @folder."""
    os.makedirs(folder)
    uid = generate_uid()

    # A smooth ramp with mid-grey values in the middle: any W/L change shows.
    def frontal(x, y):
        return min(4095, int(800 + 2400 * (x / W) * 0.5 + 2400 * (y / H) * 0.5))

    def lateral(x, y):
        return min(4095, int(1200 + 1600 * (y / H)))

    write_dicom(os.path.join(folder, "frontal.dcm"), uid, "PA", W, H, frontal)
    write_dicom(os.path.join(folder, "lateral.dcm"), uid, "LL", W, H, lateral)


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


def wait_for_image(app, name, ready, seconds=60):
    """Polls AT-SPI until the running @app shows an image whose name holds @name and
    for which ready(image) is true; None after @seconds. Bails out if the app exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if app.poll() is not None:
            bail("hilum exited with %d" % app.returncode)
        node = find_app(app.pid)
        image = find_image(node, name) if node else None
        if image is not None and ready(image):
            return image
        time.sleep(0.25)
    return None


def app_env(home, **extra):
    """The app's environment: its own XDG folders under @home, the accessibility
    bridge on, settings in memory; @extra is added last."""
    env = dict(os.environ)
    for key in ("NO_AT_BRIDGE", "GTK_A11Y"):
        env.pop(key, None)
    env.update({
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "GSETTINGS_BACKEND": "memory",
        "GSK_RENDERER": env.get("GSK_RENDERER", "cairo"),
        "GTK_MODULES": "gail:atk-bridge",
    })
    env.update(extra)
    return env


def private_bus(env):
    """Starts a session bus of our own and points this process and @env at it; the
    accessibility daemons it starts write to its output, which must not mix with TAP
    on ours. Returns the dbus-daemon process (terminate it when done)."""
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    if not address:
        bail("dbus-daemon gave no address")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    return bus
