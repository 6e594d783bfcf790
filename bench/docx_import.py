"""Word import benchmark: .docx (made by our export) -> draft text -> Document.

For synthetic drafts of 2,000 and 10,000 articles (bench/synth.py) exported in the
styles ``brackets`` (footnotes), ``comments`` and ``tracked`` (with the registry, so
attributions are read back), prints the best-of-N time of

* ``text``: :func:`treatydraft.readers.docx.docx_to_text` (the Word reader proper);
* ``load``: :func:`treatydraft.readers.docx.read_docx` (the reader and the parser);
* ``baseline``: python-docx opening the same file and reading the text of every
  paragraph (``[p.text for p in docx.Document(f).paragraphs]``), measured in the same run;

and the ratios to the baseline.  Target (issue 12): the import <= 1.5x the baseline at
2,000 articles, and linear growth to 10,000 (the last column: time per article
relative to the smallest size).

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


def main(sizes: list[int]) -> int:
    print(f"{'articles':>8} {'style':>9} {'MB':>5} {'text s':>7} {'load s':>7} {'base s':>7} "
          f"{'text/base':>9} {'load/base':>9} {'load/article vs first':>21}")
    worst, first = 0.0, {}
    for n in sizes:
        doc = treatydraft.parse(synth.synthetic_draft(n))
        reg = doc.front.delegations
        repeat = 3 if n <= 2_000 else 1
        for style, kw in (("brackets", {}), ("comments", {"attribution": "comments"}),
                          ("tracked", {"style": "tracked"})):
            data = to_docx(doc, **kw).data
            base_s = synth.best_of(lambda: baseline(data), repeat)[0]
            text_s = synth.best_of(lambda: docx_to_text(data, delegations=reg), repeat)[0]
            load_s = synth.best_of(lambda: read_docx(data, delegations=reg), repeat)[0]
            per = load_s / n
            first.setdefault(style, per)
            ratio = text_s / base_s
            worst = max(worst, ratio) if n == 2_000 else worst
            print(f"{n:>8} {style:>9} {len(data) / 1e6:>5.1f} {text_s:>7.2f} {load_s:>7.2f} "
                  f"{base_s:>7.2f} {ratio:>8.2f}x {load_s / base_s:>8.2f}x "
                  f"{per / first[style]:>20.2f}x")
    if worst:
        print(f"worst reader/baseline at 2,000 articles: {worst:.2f}x (target <= {TARGET}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [2_000, 10_000]))
