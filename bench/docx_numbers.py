"""Word drafts not written by treatydraft, read by the import and by LibreOffice.

For each .docx given (published drafts are not bundled: for example the UNFCCC's
SBSTA 61 draft decision on Article 6.2 of November 2024, kept in the public repository
Mitigation-unfccc/negotiation-document-to-transcript-matching), prints

* ``numbers``: the paragraph numbers the import computes from Word's list numbering
  (``IV.``, ``B.``, ``(b)``, ``(iii)`` at the start of a line) that LibreOffice prints
  for the same paragraphs, in order (a sequence alignment of the two lists);
* ``words``: the words of the body LibreOffice prints that the import's text holds, in
  order (notes and comments aside: LibreOffice's plain text leaves them out);
* the groups the parser reads in the imported text, and the import's warnings.

    python bench/docx_numbers.py DRAFT.docx [...]

Needs LibreOffice (``soffice``) on the PATH.
"""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatydraft.parser import parse  # noqa: E402
from treatydraft.readers.docx import docx_to_text  # noqa: E402

_NUMBER = re.compile(r"\s*\[?((?:[IVXLC]+|[A-Z]|\d+(?:\.\d+)*|\([a-z]+\)|[a-z])\.?)\s+(\S+)")
_WORD = re.compile(r"\w+")
_NOTE_LINE = re.compile(r"\[\^[^\]]+\]:")  # a footnote's text: LibreOffice leaves it out
_NOTATION = re.compile(r"@@?[A-Z][A-Za-z0-9_-]*(?:\+[A-Z][A-Za-z0-9_-]*)*|\[\^[^\]]+\]")


def _numbers(lines: list[str]) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for ln in lines if (m := _NUMBER.match(ln))]


def _matched(a: list, b: list) -> int:
    return sum(block.size for block in
               difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def measure(path: Path, soffice: str) -> None:
    got = docx_to_text(path.read_bytes(), source=str(path), mode="tolerant")
    body = [ln for ln in got.text.split("---\n", 2)[-1].splitlines()
            if not ln.startswith("> ") and not _NOTE_LINE.match(ln)]
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([soffice, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                        "--outdir", out, str(path)], check=True, capture_output=True,
                       timeout=300)
        shown = (Path(out) / (path.stem + ".txt")).read_text(encoding="utf-8-sig").splitlines()
    ours, theirs = _numbers(body), _numbers(shown)
    words = _WORD.findall(_NOTATION.sub(" ", "\n".join(body)))
    lo_words = _WORD.findall("\n".join(shown))
    doc = parse(got.text, mode="tolerant", source=str(path))
    print(f"{path.name}")
    print(f"  numbers: {_matched(ours, theirs)} of {len(theirs)} LibreOffice prints "
          f"(the import computes {len(ours)})")
    print(f"  words:   {_matched(lo_words, words)} of {len(lo_words)}")
    print(f"  groups:  {sum(1 for _ in doc.groups())}; problems in the text: "
          f"{sum(d.severity == 'error' for d in doc.diagnostics)} errors, "
          f"{sum(d.severity == 'warning' for d in doc.diagnostics)} warnings")
    for w in got.warnings:
        print(f"  import:  {w}")


def main(argv: list[str]) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not argv or soffice is None:
        print(__doc__ if not argv else "LibreOffice (soffice) is not installed",
              file=sys.stderr)
        return 2
    for name in argv:
        measure(Path(name), soffice)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
