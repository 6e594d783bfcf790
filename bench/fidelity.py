"""How right treatydraft reads published negotiating texts: tests/corpus/.

Each document of the corpus is an excerpt of a published draft with an expected
structure written by reading it (tests/corpus/README.md).  This script parses each
excerpt in tolerant mode and compares:

* groups: a group counts when its position (the opening bracket of its first
  alternative), its number of alternatives and its kind all match: precision (of the
  groups reported) and recall (of the groups expected);
* option blocks: found when a block starts on the expected line with the expected
  number of options (two blocks on one line with as many options count twice);
* placeholders, notes and bracketed footnote markers (`[17]`): typed right when the tool
  reports that type at that position;
* unbalanced brackets: reported as unclosed/stray where expected.

    python bench/fidelity.py            # a table per document, then the totals
    python bench/fidelity.py --show DOC # what differs in one document
    python bench/fidelity.py --corpus DIR [--show DOC]
                                        # another corpus in the same layout (texts the
                                        # rules have not seen: one folder per document
                                        # with input.txt and expected.txt)
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import treatydraft  # noqa: E402
from treatydraft.ast import (Alternative, BracketGroup, DraftingNote, Footnote,  # noqa: E402
                             FootnoteRef, OptionBlock, Placeholder)

CORPUS = ROOT / "tests" / "corpus"
TARGETS = {"overall": 0.95, "document": 0.90, "options": 0.90}
_OPENERS = "[［【{"


@dataclass
class Expected:
    groups: set = field(default_factory=set)       # (line, col, kind, n)
    options: Counter = field(default_factory=Counter)  # (line, n) -> blocks
    placeholders: set = field(default_factory=set)  # (line, col)
    notes: set = field(default_factory=set)
    refs: set = field(default_factory=set)         # bracketed footnote markers: [17]
    unbalanced: set = field(default_factory=set)   # (line, col, "unclosed"|"stray")


def read_expected(path: Path) -> Expected:
    exp = Expected()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        kind, pos, rest = line[0], line[1], line[2:]
        ln, col = (int(x) for x in pos.split(":"))
        n = next((int(w[2:]) for w in rest if w.startswith("n=")), 1)
        if kind == "group":
            gkind = "alternatives" if "alternatives" in rest else "optional"
            exp.groups.add((ln, col, gkind, n if gkind == "alternatives" else 1))
        elif kind == "options":
            exp.options[(ln, n)] += 1
        elif kind == "placeholder":
            exp.placeholders.add((ln, col))
        elif kind == "note":
            exp.notes.add((ln, col))
        elif kind in ("unclosed", "stray"):
            exp.unbalanced.add((ln, col, kind))
        elif kind == "ref":
            exp.refs.add((ln, col))
        elif kind != "editorial":
            raise ValueError(f"{path}: unknown item {kind!r}")
    return exp


def read_actual(doc) -> Expected:
    got = Expected()
    for node in doc.walk():
        if isinstance(node, BracketGroup):
            first = node.alternatives[0].span
            got.groups.add((first.line, first.column, node.kind, len(node.alternatives)))
        elif isinstance(node, OptionBlock):
            got.options[(node.span.line, len(node.options))] += 1
        elif isinstance(node, Placeholder) and node.value[:1] in _OPENERS:
            got.placeholders.add((node.span.line, node.span.column))
        elif isinstance(node, DraftingNote):
            got.notes.add((node.span.line, node.span.column))
        elif isinstance(node, (FootnoteRef, Footnote)):  # a marker, or a note's own label
            got.refs.add((node.span.line, node.span.column))
        elif isinstance(node, Alternative):  # `[to date][25]`: a marker after its `]`
            got.refs.update((f.span.line, f.span.column) for f in node.footnotes)
    for d in doc.diagnostics:
        if d.code == "unclosed-bracket":
            got.unbalanced.add((d.line, d.column, "unclosed"))
        elif d.code == "stray-bracket":
            got.unbalanced.add((d.line, d.column, "stray"))
    return got


@dataclass
class Score:
    name: str
    expected: int = 0
    reported: int = 0
    matched: int = 0
    options_expected: int = 0
    options_found: int = 0
    typed_expected: int = 0
    typed_right: int = 0
    unbalanced_expected: int = 0
    unbalanced_found: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def score(folder: Path) -> tuple[Score, Expected, Expected]:
    text = (folder / "input.txt").read_bytes().decode("utf-8")
    doc = treatydraft.parse(text, mode="tolerant", source=folder.name)
    assert doc.to_text() == text, f"{folder.name}: round trip broken"
    exp, got = read_expected(folder / "expected.txt"), read_actual(doc)
    s = Score(folder.name, len(exp.groups), len(got.groups), len(exp.groups & got.groups),
              exp.options.total(), (exp.options & got.options).total(),
              len(exp.placeholders) + len(exp.notes) + len(exp.refs),
              len(exp.placeholders & got.placeholders) + len(exp.notes & got.notes)
              + len(exp.refs & got.refs),
              len(exp.unbalanced), len(exp.unbalanced & got.unbalanced))
    return s, exp, got


def documents(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if (p / "expected.txt").exists())


def run(corpus: Path = CORPUS) -> tuple[list[Score], Score]:
    scores = [score(p)[0] for p in documents(corpus)]
    total = Score("overall")
    for s in scores:
        for f in ("expected", "reported", "matched", "options_expected", "options_found",
                  "typed_expected", "typed_right", "unbalanced_expected", "unbalanced_found"):
            setattr(total, f, getattr(total, f) + getattr(s, f))
    return scores, total


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def _items(found: set | Counter) -> list:
    """The items of a set, or of a count of items (each as many times as counted)."""
    return list(found.elements()) if isinstance(found, Counter) else list(found)


def show(name: str, corpus: Path = CORPUS) -> None:
    s, exp, got = score(corpus / name)
    for label, e, g in (("groups", exp.groups, got.groups), ("options", exp.options, got.options),
                        ("placeholders", exp.placeholders, got.placeholders),
                        ("notes", exp.notes, got.notes), ("refs", exp.refs, got.refs),
                        ("unbalanced", exp.unbalanced, got.unbalanced)):
        for item in sorted(_items(e - g)):
            print(f"missed   {label:12} {item}")
        for item in sorted(_items(g - e)):
            print(f"extra    {label:12} {item}")


def main(argv: list[str]) -> int:
    corpus = CORPUS
    if argv[:1] == ["--corpus"] and len(argv) > 1:
        corpus, argv = Path(argv[1]), argv[2:]
        if not documents(corpus):
            print(f"{corpus}: no folder with an expected.txt", file=sys.stderr)
            return 2
    if argv[:1] == ["--show"] and len(argv) > 1:
        show(argv[1], corpus)
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    scores, total = run(corpus)
    print(f"{'document':48} {'groups':>6} {'prec':>6} {'recall':>6} {'options':>8} "
          f"{'typed':>6} {'unbal':>6}")
    for s in scores + [total]:
        print(f"{s.name:48} {s.expected:6d} {_pct(s.matched, s.reported)} "
              f"{_pct(s.matched, s.expected)} {s.options_found:3d}/{s.options_expected:<4d} "
              f"{_pct(s.typed_right, s.typed_expected)} "
              f"{_pct(s.unbalanced_found, s.unbalanced_expected)}")
    worst = min(min(s.precision, s.recall) for s in scores)
    print(f"targets: overall precision/recall >= {TARGETS['overall']:.0%} "
          f"(now {total.precision:.1%}/{total.recall:.1%}); every document >= "
          f"{TARGETS['document']:.0%} (worst {worst:.1%}); option blocks >= "
          f"{TARGETS['options']:.0%} (now {_pct(total.options_found, total.options_expected).strip()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
