"""Accept or reject every tracked change of .docx files with LibreOffice, save as text.

Run with a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno`` for
``/usr/bin/python3``; LibreOffice's bundled ``program/python`` elsewhere), not with the
test virtualenv::

    python3 tests/lo_revisions.py SOFFICE PROFILE_DIR OUT_DIR accept|reject FILE.docx...

It starts one headless ``soffice`` listening on a private pipe (its own user profile,
so parallel runs never share state), loads each file hidden, dispatches
``.uno:AcceptAllTrackedChanges`` (or ``RejectAll``) and stores the result as UTF-8
text ``OUT_DIR/<stem>.txt`` (LibreOffice's text export: one line per paragraph,
footnote references as their numbers, no footnote or comment text), and the text of
its footnotes, one per line, as ``OUT_DIR/<stem>.notes.txt``.  Used by
``tests/libreoffice.py``; exits non-zero on any failure.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # noqa: F401  (LibreOffice's Python bridge)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, proc, timeout: float = 60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"soffice did not start (exit {proc.poll()})")
            time.sleep(0.2)


def main(argv: list[str]) -> int:
    soffice, profile, out_dir, mode, *files = argv
    pipe = f"treatydraft_{os.getpid()}"
    user = f"-env:UserInstallation={Path(profile).resolve().as_uri()}"
    # a new profile is created on the first start, which may restart the process and
    # drop a UNO connection: create it first
    subprocess.run([soffice, user, "--headless", "--norestore", "--terminate_after_init"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    proc = subprocess.Popen(
        [soffice, user, "--headless",
         "--invisible", "--nologo", "--norestore", "--nodefault",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, proc)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for name in files:
            src = Path(name).resolve()
            doc = desktop.loadComponentFromURL(src.as_uri(), "_blank", 0,
                                               (prop("Hidden", True),))
            if doc is None:
                raise SystemExit(f"LibreOffice could not load {src}")
            try:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
                target = (Path(out_dir) / (src.stem + ".txt")).resolve()
                doc.storeToURL(target.as_uri(), (prop("FilterName", "Text (encoded)"),
                                                 prop("FilterOptions", "UTF8,LF")))
                notes = doc.getFootnotes()
                texts = [notes.getByIndex(i).getString() for i in range(notes.getCount())]
                target.with_suffix(".notes.txt").write_text(
                    "".join(t.replace("\n", " ") + "\n" for t in texts), encoding="utf-8")
            finally:
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge may drop while soffice exits
            pass
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
