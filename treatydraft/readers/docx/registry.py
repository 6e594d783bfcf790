"""Delegations: the registry, Word author names -> codes, and attribution sentences.

* :func:`load_registry` reads ``--delegations FILE``: a draft or front matter
  (``---`` ... ``---``), a ``delegations:`` block, or plain ``CODE: Name`` lines (YAML
  style, quotes allowed).
* :func:`load_author_map` reads ``--author-map FILE``: ``"Word author": CODE`` lines.
* :class:`Registry` maps an author to a code (the map, then a registry code, then a
  registry name, case-insensitively, with or without a leading "the") and reads the
  sentences the Word export writes ("Proposed by the Russian Federation and China.",
  "Bracketed at the request of ...", in the six UN languages) back into codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Delegation
from ...io import InputError

__all__ = ["Registry", "load_registry", "load_author_map", "Sentence"]

# `"Author name": CODE  # comment` (the name quoted with " or ', or bare up to the colon)
_AUTHOR_LINE = re.compile(r"""^(?:"(?P<q>[^"]+)"|'(?P<s>[^']+)'|(?P<p>[^:]+?))\s*:\s*"""
                          r"""["']?(?P<code>[^"'#]+?)["']?\s*(#.*)?$""")

#: language -> (proposed-by pattern, bracketed-by pattern, list separators)
_SENTENCES = [
    ("proposed", r"Proposed by (?P<names>.+?)\.?"),
    ("group", r"Bracketed at the request of (?P<names>.+?)\.?"),
    ("proposed", r"Proposé par (?P<names>.+?)\.?"), ("group", r"Crochets demandés par (?P<names>.+?)\.?"),
    ("proposed", r"Propuesto por (?P<names>.+?)\.?"),
    ("group", r"Corchetes solicitados por (?P<names>.+?)\.?"),
    ("proposed", r"Предложено: (?P<names>.+?)\.?"),
    ("group", r"Квадратные скобки по просьбе: (?P<names>.+?)\.?"),
    ("proposed", r"由(?P<names>.+?)提议。?"), ("group", r"应(?P<names>.+?)要求加括号。?"),
    ("proposed", r"اقترحه (?P<names>.+?)\.?"), ("group", r"وضعت بين قوسين بناءً على طلب (?P<names>.+?)\.?"),
]
_COMPILED = [(kind, re.compile(pat + r"\s*\Z", re.S)) for kind, pat in _SENTENCES]
_SEPARATORS = (", ", " and ", " et ", " y ", " и ", "、", "和", "، ", " و", ",", ";", "; ")
#: articles before a name in a sentence ("the Russian Federation", "la Fédération de Russie")
_ARTICLES = ("the ", "la ", "le ", "les ", "l'", "l’", "el ", "los ", "las ")
_CODE = re.compile(r"[A-Z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Sentence:
    """An attribution sentence read back: ``kind`` is ``proposed`` or ``group``."""
    kind: str
    codes: tuple[str, ...]


def _norm(name: str) -> str:
    name = " ".join(name.split()).casefold()
    return name[4:] if name.startswith("the ") else name


class Registry:
    """The delegations of the imported document and the Word-author map."""

    def __init__(self, delegations: tuple[Delegation, ...] = (),
                 author_map: dict[str, str] | None = None):
        self.delegations = tuple(delegations)
        self.codes = {d.code: d for d in self.delegations}
        self.by_name: dict[str, str] = {}
        for d in self.delegations:
            self.by_name.setdefault(_norm(d.name), d.code)
            self.by_name.setdefault(d.code.casefold(), d.code)
        self.author_map = {" ".join(k.split()).casefold(): v for k, v in (author_map or {}).items()}
        # longest names first, so "European Union and its member States" beats "European Union"
        self._names = sorted(self.by_name, key=len, reverse=True)

    def author_code(self, author: str) -> str | None:
        """The code of Word author ``author``, or None when it cannot be mapped."""
        key = " ".join(author.split()).casefold()
        if key in self.author_map:
            return self.author_map[key]
        if author in self.codes:
            return author
        return self.by_name.get(_norm(author))

    def sentence(self, text: str) -> Sentence | None:
        """The codes an attribution sentence names, when every name is registered."""
        text = " ".join(text.split())
        for kind, pattern in _COMPILED:
            m = pattern.match(text)
            if m:
                codes = self.names(m.group("names"))
                if codes:
                    return Sentence(kind, codes)
        return None

    def names(self, listing: str) -> tuple[str, ...] | None:
        """``"the Russian Federation and China"`` -> ``("RUS", "CHN")`` (all or nothing)."""
        low = listing.casefold()
        pos, codes = 0, []
        while pos < len(low):
            for article in _ARTICLES:
                if low.startswith(article, pos):
                    pos += len(article)
                    break
            for name in self._names:
                if low.startswith(name, pos):
                    end = pos + len(name)
                    if end == len(low) or any(low.startswith(s, end) for s in _SEPARATORS):
                        codes.append(self.by_name[name])
                        pos = end
                        break
            else:
                return None
            if pos == len(low):
                break
            for sep in sorted(_SEPARATORS, key=len, reverse=True):
                if low.startswith(sep, pos):
                    pos += len(sep)
                    break
        return tuple(dict.fromkeys(codes)) or None


def _front_block(text: str) -> str:
    """Front matter (``---`` ... ``---``) holding the registry given in ``text``."""
    stripped = text.lstrip("\ufeff")
    if stripped.startswith("---"):
        end = stripped.find("\n---", 3)
        return stripped[:end + 4] + "\n" if end >= 0 else stripped
    lines = []
    has_header = any(ln.strip().lower() == "delegations:" for ln in stripped.splitlines())
    if not has_header:
        lines.append("delegations:")
    for ln in stripped.splitlines():
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        if ln.strip().lower() == "delegations:":
            lines.append("delegations:")
            continue
        key, sep, value = ln.strip().partition(":")
        key, value = key.strip().strip("'\""), value.strip().strip("'\"")
        lines.append(f"  {key}: {value}" if sep else ln)
    return "---\n" + "\n".join(lines) + "\n---\n"


def load_registry(text: str, source: str | None = None) -> tuple[Delegation, ...]:
    """The delegations registered in ``text`` (see the module docstring)."""
    from ...parser import parse
    block = _front_block(text)
    doc = parse(block, mode="tolerant", source=source)
    problems = [d for d in doc.diagnostics if d.severity == "error"]
    if problems:
        d = problems[0]
        raise InputError(f"cannot read the delegation registry: {d.message}", file=source,
                           hint="write one 'CODE: Full name' line per delegation")
    return doc.front.delegations


def load_author_map(text: str, source: str | None = None) -> dict[str, str]:
    """``{"Jane Smith (EU Delegation)": "EU", ...}`` from ``"Name": CODE`` lines."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = _AUTHOR_LINE.match(s)
        if not m or not _CODE.match(m.group("code").strip()):
            raise InputError("an author map line is '\"Word author\": CODE'", file=source,
                               line=n, hint='e.g. "Jane Smith (EU Delegation)": EU')
        out[(m.group("q") or m.group("s") or m.group("p")).strip()] = m.group("code").strip()
    return out
