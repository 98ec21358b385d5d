#!/usr/bin/python3
# test-drive-spanish.py — the real `hilum`, started as a Spanish radiologist starts it,
# speaks Spanish: its accessible tree holds the Spanish labels of the report panel and
# none of the English ones. Twice: with LANG=es_ES.UTF-8 (a locale a fresh Debian has
# not generated: Hilum falls back to C.UTF-8 and keeps the language) and with
# LANGUAGE=es, as README says.
#
#   test-drive-spanish.py /path/to/build/src/hilum
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import time

# hilumdrive.py sits beside this script: no __pycache__ in the source tree.
sys.dont_write_bytecode = True
from hilumdrive import (Atspi, app_env, bail, find_app, make_study,  # noqa: E402
                        private_bus, tap, wait_for_image)

SPANISH = ["Hallazgos positivos", "Hallazgos negativos"]
ENGLISH = ["Positive Findings", "Negative Findings", "Add Finding"]
RUNS = [
    ("LANG=es_ES.UTF-8", {"LANG": "es_ES.UTF-8"}),
    ("LANGUAGE=es", {"LANGUAGE": "es", "LC_ALL": "C.UTF-8"}),
]
TESTS = 2 * len(RUNS)


def texts_of(node, found, depth=0):
    """Every accessible name and text in the tree under @node."""
    if node is None or depth > 60:
        return found
    try:
        name = node.get_name()
        if name:
            found.add(name.replace("_", ""))
        if node.get_role() in (Atspi.Role.LABEL, Atspi.Role.TEXT, Atspi.Role.ENTRY):
            found.add(node.get_text(0, node.get_character_count()))
        for i in range(node.get_child_count()):
            texts_of(node.get_child_at_index(i), found, depth + 1)
    except Exception:  # a widget going away while we walk: skip it
        pass
    return found


def one_run(hilum, bus_env, what, extra):
    tmp = tempfile.mkdtemp(prefix="hilum-drive-es-")
    study = os.path.join(tmp, "study")
    make_study(study)
    env = app_env(tmp)
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        env.pop(key, None)
    env.update(extra)
    env["DBUS_SESSION_BUS_ADDRESS"] = bus_env["DBUS_SESSION_BUS_ADDRESS"]
    app = subprocess.Popen([hilum, study], env=env)
    try:
        image = wait_for_image(app, "Frontal", lambda image: True)
        if image is None:
            bail("AT-SPI shows no frontal image (%s)" % what)
        time.sleep(1.0)
        found = texts_of(find_app(app.pid), set())
        missing = [s for s in SPANISH if s not in found]
        english = [s for s in ENGLISH if s in found]
        tap(not missing, "%s: the report panel's labels are in Spanish" % what,
            "missing %r" % missing)
        tap(not english, "%s: no English label is left" % what, "English: %r" % english)
    finally:
        app.kill()
        app.wait()


def main():
    if len(sys.argv) < 2:
        bail("usage: test-drive-spanish.py HILUM-BINARY")
    print("1..%d" % TESTS, flush=True)
    # One session bus and one AT-SPI connection for both runs: Atspi initialises once.
    bus_env = {}
    bus = private_bus(bus_env)
    Atspi.init()
    try:
        for what, extra in RUNS:
            one_run(sys.argv[1], bus_env, what, extra)
    finally:
        bus.terminate()
        bus.wait()


if __name__ == "__main__":
    main()
