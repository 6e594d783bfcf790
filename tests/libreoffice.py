"""LibreOffice and poppler as test oracles (helpers, no tests here).

* :func:`convert` turns a batch of .docx files into PDF, flat ODT or text with one
  headless ``soffice --convert-to`` call (LibreOffice's own reading of the file: which
  footnote text belongs to which reference, styles, layout);
* :func:`accept_reject` accepts or rejects every tracked change with LibreOffice
  (``tests/lo_revisions.py`` over the UNO bridge) and returns the text;
* :func:`pdf_text` / :func:`pdf_words` read a PDF with poppler's ``pdftotext``.

Every call uses a fresh user profile under the test's temporary directory
(``-env:UserInstallation``), so runs never share or corrupt state, and a timeout.
Where LibreOffice, its Python bridge or poppler is missing, :func:`need` skips with the
reason, except when ``TREATYDRAFT_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``): then
the test fails, so CI cannot silently lose this oracle.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

HERE = Path(__file__).resolve().parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
TIMEOUT = 300  # seconds for one batch; a healthy batch of 20 files takes about 15 s
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _uno_python() -> str | None:
    """A Python that can ``import uno``: LibreOffice's bundled one, else the system's."""
    candidates = []
    if SOFFICE:
        program = Path(os.path.realpath(SOFFICE)).parent
        candidates += [program / "python", program / "python.bin"]
    candidates += [Path("/usr/bin/python3")]
    for c in candidates:
        if c.exists():
            res = subprocess.run([str(c), "-c", "import uno"], capture_output=True)
            if res.returncode == 0:
                return str(c)
    return None


UNO_PYTHON = _uno_python() if SOFFICE else None


def need(*, uno: bool = False) -> None:
    """Skip (or fail under ``TREATYDRAFT_REQUIRE_LIBREOFFICE=1``) when a tool is missing."""
    missing = []
    if SOFFICE is None:
        missing.append("LibreOffice (soffice)")
    if PDFTOTEXT is None:
        missing.append("poppler (pdftotext)")
    if uno and UNO_PYTHON is None:
        missing.append("LibreOffice's Python bridge (python3-uno)")
    if missing:
        reason = ", ".join(missing) + " not installed; .ci/run installs them with apt-get"
        if os.environ.get("TREATYDRAFT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def _profile(workdir: Path) -> str:
    profile = workdir / "lo-profile"
    profile.mkdir(parents=True, exist_ok=True)
    return profile.resolve().as_uri()


def convert(files: list[Path], fmt: str, outdir: Path) -> dict[Path, Path]:
    """Convert ``files`` with one soffice call; ``fmt`` is ``pdf``, ``fodt`` or ``txt``.
    Returns input -> output path (every output is checked to exist)."""
    outdir.mkdir(parents=True, exist_ok=True)
    target = {"txt": "txt:Text (encoded):UTF8,LF"}.get(fmt, fmt)
    subprocess.run([SOFFICE, f"-env:UserInstallation={_profile(outdir)}", "--headless",
                    "--norestore", "--convert-to", target, "--outdir", str(outdir),
                    *map(str, files)], capture_output=True, timeout=TIMEOUT, check=True)
    out = {f: outdir / (f.stem + "." + fmt) for f in files}
    missing = [str(p) for p in out.values() if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out


def without_comments(data: bytes) -> bytes:
    """The .docx without its comments (ranges, references, part).

    The UNO script needs a document view; the Debian ``libreoffice-writer-nogui``
    build aborts when a view lays out comments (NoSuchElementException in the comment
    sidebar), while ``--convert-to`` never builds one.  Comments do not change the
    text that Accept All / Reject All leave, so the copy given to LibreOffice's
    accept/reject has none."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.startswith("word/comments"):
                continue
            if info.filename in ("word/document.xml", "word/_rels/document.xml.rels",
                                 "[Content_Types].xml"):
                root = etree.fromstring(blob)
                for el in list(root.iter(f"{{{w}}}commentRangeStart",
                                         f"{{{w}}}commentRangeEnd")):
                    el.getparent().remove(el)
                for el in list(root.iter(f"{{{w}}}commentReference")):
                    run = el.getparent()
                    run.getparent().remove(run)
                for el in list(root):
                    if "comments" in (el.get("Target", "") + el.get("PartName", "")):
                        root.remove(el)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            out.writestr(info, blob)
    return buf.getvalue()


def accept_reject(files: list[Path], mode: str, outdir: Path) -> dict[Path, str]:
    """LibreOffice's text of each file after accepting (``accept``) or rejecting
    (``reject``) every tracked change; one soffice for the batch."""
    outdir.mkdir(parents=True, exist_ok=True)
    copies = []
    for f in files:
        copy = outdir / f.name
        copy.write_bytes(without_comments(f.read_bytes()))
        copies.append(copy)
    subprocess.run([UNO_PYTHON, str(HERE / "lo_revisions.py"), SOFFICE,
                    str(outdir / "lo-profile"), str(outdir), mode, *map(str, copies)],
                   capture_output=True, timeout=TIMEOUT, check=True)
    return {f: read_text(outdir / (f.stem + ".txt")) for f in files}


def notes_after(files: list[Path], outdir: Path) -> dict[Path, list[str]]:
    """The footnotes' texts of each file as :func:`accept_reject` into ``outdir`` left
    them, one string per footnote, in order."""
    return {f: (outdir / (f.stem + ".notes.txt")).read_text(encoding="utf-8").splitlines()
            for f in files}


def read_text(path: Path) -> str:
    """A text export of LibreOffice: without the byte-order mark."""
    return path.read_bytes().decode("utf-8").lstrip("\ufeff")


def pdf_text(path: Path, *args: str) -> str:
    """``pdftotext`` of the whole PDF (bidi control characters removed)."""
    res = subprocess.run([PDFTOTEXT, *args, str(path), "-"], capture_output=True,
                         timeout=TIMEOUT, check=True)
    return _BIDI_CONTROLS.sub("", res.stdout.decode("utf-8"))


def pdf_words(path: Path) -> list[tuple[int, float, float, float, str]]:
    """Every word of the PDF as (page, yMin, xMin, xMax, text), from ``pdftotext -bbox``."""
    root = etree.fromstring(subprocess.run(
        [PDFTOTEXT, "-bbox", str(path), "-"], capture_output=True, timeout=TIMEOUT,
        check=True).stdout, etree.XMLParser(recover=True))
    words = []
    for page_no, page in enumerate(root.iter("{*}page"), 1):
        for w in page.iter("{*}word"):
            words.append((page_no, float(w.get("yMin")), float(w.get("xMin")),
                          float(w.get("xMax")), w.text or ""))
    return words


def notes_in_fodt(path: Path) -> list[tuple[str, str]]:
    """(citation, body text) of every footnote, in document order, as LibreOffice reads
    the file (flat ODT ``text:note``)."""
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    root = etree.parse(str(path)).getroot()
    out = []
    for note in root.iterfind(".//text:note", ns):
        if note.get(f"{{{ns['text']}}}note-class") != "footnote":
            continue
        cite = note.find("text:note-citation", ns)
        body = note.find("text:note-body", ns)
        out.append(("".join(cite.itertext()) if cite is not None else "",
                    " ".join("".join(body.itertext()).split()) if body is not None else ""))
    return out


def render_pages(docx_files: list[Path], outdir: Path, *, dpi: int = 40) -> list[Path]:
    """The first page of each .docx as a small PNG, through the same pipeline as the tests
    (LibreOffice to PDF, poppler's ``pdftoppm``); returns the PNG paths."""
    pdfs = convert(docx_files, "pdf", outdir / "pdf")
    out = []
    for src, pdf in pdfs.items():
        target = outdir / src.stem
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(target)], check=True, timeout=TIMEOUT)
        out.append(target.with_suffix(".png"))
    return out


def main(argv: list[str]) -> int:
    """``python tests/libreoffice.py docs/images``: render docs/images/<lang>-<style>.png."""
    import sys
    import tempfile
    sys.path.insert(0, str(HERE.parent))
    from treatydraft import load
    from treatydraft.writers.docx import to_docx
    need_tools = [t for t, p in (("soffice", SOFFICE), ("pdftotext", PDFTOTEXT)) if not p]
    if need_tools:
        print("missing: " + ", ".join(need_tools))
        return 2
    target = Path(argv[0]) if argv else HERE.parent / "docs" / "images"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = []
        for lang in ("en", "ar"):
            doc = load(str(HERE.parent / "samples" / f"convention-{lang}.txt"))
            for style, kw in (("brackets", {}), ("comments", {"attribution": "comments"}),
                              ("tracked", {"style": "tracked"})):
                path = work / f"{lang}-{style}.docx"
                path.write_bytes(to_docx(doc, **kw).data)
                files.append(path)
        for png in render_pages(files, work):
            shutil.copyfile(png, target / png.name)
            print(target / png.name)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))
