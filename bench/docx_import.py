"""Word import benchmark: .docx (made by our export) -> draft text -> Document.

For synthetic drafts of 2,000 and 10,000 articles (bench/synth.py) exported in the
styles ``brackets`` (footnotes), ``comments`` and ``tracked`` (with the registry, so
attributions are read back), prints the best-of-N time of

* ``text``: :func:`treatydraft.readers.docx.docx_to_text` (the Word reader proper);
* ``load``: :func:`treatydraft.readers.docx.read_docx` (the reader and the parser);
* ``baseline``: python-docx opening the same file and reading the text of every
  paragraph (``[p.text for p in docx.Document(f).paragraphs]``), measured in the same run;

and the ratios to the baseline.  Target (issue 12): the import (``load``) <= 1.5x the
baseline at 2,000 articles, and linear growth to 10,000 (the last column: time per
article relative to the smallest size); the exit status is 1 when either is missed.

    python bench/docx_import.py              # 2,000 and 10,000 articles
    python bench/docx_import.py 200 2000     # some sizes
"""
from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import docx  # noqa: E402

import treatydraft  # noqa: E402
from treatydraft.readers.docx import docx_to_text, read_docx  # noqa: E402
from treatydraft.writers.docx import to_docx  # noqa: E402

_spec = importlib.util.spec_from_file_location("synth", HERE / "synth.py")
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)

TARGET = 1.5


def baseline(data: bytes) -> int:
    return sum(len(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs)


def measure(n: int, repeat: int = 3) -> list[dict]:
    """One row per export style for a synthetic draft of ``n`` articles: seconds of the
    reader (``text``), of the import (``load``: reader and parser) and of the baseline."""
    doc = treatydraft.parse(synth.synthetic_draft(n))
    reg = doc.front.delegations
    rows = []
    for style, kw in (("brackets", {}), ("comments", {"attribution": "comments"}),
                      ("tracked", {"style": "tracked"})):
        data = to_docx(doc, **kw).data
        base_s = synth.best_of(lambda: baseline(data), repeat)[0]
        text_s = synth.best_of(lambda: docx_to_text(data, delegations=reg), repeat)[0]
        load_s = synth.best_of(lambda: read_docx(data, delegations=reg), repeat)[0]
        rows.append({"articles": n, "style": style, "mb": len(data) / 1e6, "text": text_s,
                     "load": load_s, "base": base_s})
    return rows


def main(sizes: list[int]) -> int:
    """Print the table; exit status 1 when the import misses the target: above 1.5x the
    baseline at the smallest size, or its time per article growing more than 1.5x from
    the smallest size to the largest *relative to the baseline's* (python-docx's walk is
    linear and measured in the same run, so this ratio does not move with the machine's
    load; the absolute growth is printed too)."""
    print(f"{'articles':>8} {'style':>9} {'MB':>5} {'text s':>7} {'load s':>7} {'base s':>7} "
          f"{'text/base':>9} {'load/base':>9} {'load/article vs first':>21} "
          f"{'same, vs baseline':>17}")
    worst, growth, first = 0.0, 0.0, {}
    for n in sizes:
        for row in measure(n, 3 if n <= 2_000 else 2):
            style, load_s, base_s = row["style"], row["load"], row["base"]
            per = load_s / n
            first.setdefault(style, (n, per, load_s / base_s))
            if n == first[style][0]:
                worst = max(worst, load_s / base_s)
            relative = (load_s / base_s) / first[style][2]
            growth = max(growth, relative)
            print(f"{n:>8} {style:>9} {row['mb']:>5.1f} {row['text']:>7.2f} {load_s:>7.2f} "
                  f"{base_s:>7.2f} {row['text'] / base_s:>8.2f}x {load_s / base_s:>8.2f}x "
                  f"{per / first[style][1]:>20.2f}x {relative:>16.2f}x")
    print(f"import (reader + parser) / baseline at {sizes[0]:,} articles: worst {worst:.2f}x "
          f"(target <= {TARGET}x); time per article relative to the baseline grows at most "
          f"{growth:.2f}x (target <= {TARGET}x)")
    return 0 if worst <= TARGET and growth <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [2_000, 10_000]))
