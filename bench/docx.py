"""Word export benchmark: AST -> .docx for synthetic drafts of 2,000 and 10,000 articles.

For each size and style (``brackets``, ``brackets`` with comments, ``tracked``) prints the best-of-N export time
(``to_docx``, parse excluded) and the baseline measured in the same run: python-docx
writing the same lines as plain-text paragraphs (``Document.add_paragraph(line)`` per
non-blank line of the draft, then ``save``).  Target (issue 5): export <= 1.5x baseline.

    python bench/docx.py              # 2,000 and 10,000 articles
    python bench/docx.py 200 2000     # some sizes
"""
from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

# This file is called docx.py: keep its folder off sys.path so `import docx` finds python-docx.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import docx  # noqa: E402

import treatydraft  # noqa: E402
from treatydraft.writers.docx import to_docx  # noqa: E402

_spec = importlib.util.spec_from_file_location("synth", HERE / "synth.py")
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)

TARGET = 1.5


def best_of(fn, repeat: int) -> float:
    return synth.best_of(fn, repeat)[0]


def baseline(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def main(sizes: list[int]) -> int:
    print(f"{'articles':>8} {'paras':>7} {'style':>9} {'export s':>9} {'baseline s':>10} "
          f"{'ratio':>6} {'tracked':>8} {'bracketed':>9} {'MB':>6}")
    worst = 0.0
    for n in sizes:
        text = synth.synthetic_draft(n)
        doc = treatydraft.parse(text)
        lines = [ln for ln in text.split("---\n", 2)[2].split("\n") if ln.strip()]
        repeat = 3 if n <= 2_000 else 2
        base_s = best_of(lambda: baseline(lines), repeat)
        for style, kw in (("brackets", {}), ("comments", {"attribution": "comments"}),
                          ("tracked", {"style": "tracked"})):
            result = to_docx(doc, **kw)
            export_s = best_of(lambda: to_docx(doc, **kw), repeat)
            ratio = export_s / base_s
            worst = max(worst, ratio)
            print(f"{n:>8,} {len(lines):>7,} {style:>9} {export_s:>9.3f} {base_s:>10.3f} "
                  f"{ratio:>5.2f}x {result.tracked:>8,} {result.bracketed:>9,} "
                  f"{len(result.data) / 1e6:>6.2f}")
    print(f"worst ratio {worst:.2f}x (target <= {TARGET}x): "
          + ("met" if worst <= TARGET else "NOT met"))
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [2_000, 10_000]))
