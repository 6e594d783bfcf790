"""Tracked changes (and underline/strikethrough marks) of one paragraph as bracket tokens.

Input: the segments of :mod:`.paragraphs`.  Output: tokens for :mod:`.assemble`:

``("t", text)``, ``("fn", id)``, ``("en", id)``, ``("cs", id)``, ``("ce", id)``
    as in the input, without change information
``("open",)`` / ``("close", Alt)``
    a bracket made from a change; :class:`Alt` says what it was

Modes (``--changes``): ``accept`` keeps insertions and drops deletions, ``reject``
the opposite, ``brackets`` (the default) writes each change as bracketed text:

* a deletion next to an insertion (only comment marks between them) is a group of
  two alternatives, the original (deleted) text first, the proposal second;
* a lone insertion is an optional proposal, a lone deletion an optional text whose
  deletion is proposed.

A change right after a closing bracket is kept apart from it with ``\\+`` (two
independent groups).  The blanks a lone change ends with go after its closing
bracket (``[from 2025] provided``: written against a bracket after it, it would read as
that one's rival), those it starts with before its opening one (``ARTICLE [1]:``,
``data [as appropriate]``).  A change holding only blanks cannot be a bracket (``[ ]``
is a placeholder): it is applied (an inserted blank kept, a deleted one dropped).  Footnote references at the
end of a change go after its closing bracket, where the draft format puts them.
A paragraph number in the character style "Draft Number" at the start of a change
(and the blanks after it) stays outside the bracket: the export writes ``3. [X]``,
whose paragraph a change removes, that way (``[3. X]`` has the number in the change
without that style).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .paragraphs import NUMBER, STRIKE, UNDERLINE, Seg

__all__ = ["Alt", "tokens", "MODES", "Tok"]

#: A token (see the module docstring): a plain tuple tagged by its first item, typed
#: Any inside as segments are (:data:`.paragraphs.Seg`).
Tok = tuple[Any, ...]
#: ``("seg", segment)`` or ``("run", change, [segments])`` (:func:`_runs`).
_Item = tuple[Any, ...]

MODES = ("brackets", "accept", "reject")
#: the third item of a text token holding the blanks a lone change started or ended
#: with, moved outside its bracket (:func:`_emit`); :func:`_split` looks through it
_MOVED = object()


@dataclass(frozen=True)
class Alt:
    """An alternative made from a tracked change."""
    kind: str
    """``ins`` or ``del``."""
    author: str
    """The ``w:author`` of the change ('' for marks)."""
    role: str
    """``pair-old`` / ``pair-new`` (a deletion/insertion pair) or ``lone``."""
    other_author: str = ""
    """In a pair, the author of the other change."""


def _with_marks(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for s in segs:
        if s[0] == "t" and s[2] is None and s[3]:
            kind = "del" if s[3] & STRIKE else "ins" if s[3] & UNDERLINE else None
            if kind:
                s = ("t", s[1], (kind, ""), 0)
        out.append(s)
    return out


def _runs(segs: list[Seg]) -> list[_Item]:
    """Items: ("seg", s) for plain segments and markers, ("run", change, [segs])."""
    items: list[_Item] = []
    current: _Item | None = None   # the open run item
    pending: list[Seg] = []  # comment marks seen while a run is open
    for s in segs:
        kind = s[0]
        if kind in ("cs", "ce"):
            if current is not None:
                pending.append(s)
            else:
                items.append(("seg", s))
            continue
        change = s[2]
        if change is not None and current is not None and current[1] == change:
            current[2].extend(pending)
            pending = []
            current[2].append(s)
            continue
        if current is not None:
            items.append(current)
            items.extend(("seg", p) for p in pending)
            pending, current = [], None
        if change is not None:
            current = ("run", change, [s])
        else:
            items.append(("seg", s))
    if current is not None:
        items.append(current)
        items.extend(("seg", p) for p in pending)
    return items


def _plain(s: Seg) -> Tok:
    return ("t", s[1]) if s[0] == "t" else (s[0], s[1])


def _blank(run: _Item) -> bool:
    return all(s[0] in ("cs", "ce") or (s[0] == "t" and not s[1].strip()) for s in run[2])


def tokens(segs: list[Seg], mode: str = "brackets", marks: bool = False) -> list[Tok]:
    """The tokens of one paragraph (see the module docstring)."""
    if marks:
        segs = _with_marks(segs)
    if mode != "brackets":
        drop = "del" if mode == "accept" else "ins"
        return [_plain(s) for s in segs
                if s[0] in ("cs", "ce") or s[2] is None or s[2][0] != drop]
    items = _runs(_number_outside(segs))
    out: list[Tok] = []
    i, n = 0, len(items)
    while i < n:
        item = items[i]
        if item[0] == "seg":
            out.append(_plain(item[1]))
            i += 1
            continue
        if _blank(item):
            if item[1][0] == "ins":
                out.extend(_plain(s) for s in item[2])
            i += 1
            continue
        # a partner: the next run after only comment marks, of the other kind
        j = i + 1
        while j < n and items[j][0] == "seg" and items[j][1][0] in ("cs", "ce"):
            j += 1
        partner = items[j] if j < n and items[j][0] == "run" and not _blank(items[j]) \
            and items[j][1][0] != item[1][0] else None
        _split(out)
        if partner is None:
            _emit(out, item, Alt(item[1][0], item[1][1], "lone"))
            i += 1
            continue
        old, new = (item, partner) if item[1][0] == "del" else (partner, item)
        between = [_plain(items[k][1]) for k in range(i + 1, j)]
        _emit(out, old, Alt("del", old[1][1], "pair-old", new[1][1]))
        out.extend(between)
        _emit(out, new, Alt("ins", new[1][1], "pair-new", old[1][1]))
        i = j + 1
    return out


def _number_outside(segs: list[Seg]) -> list[Seg]:
    """The paragraph number in style "Draft Number" that opens a paragraph, and the blanks
    after it, taken out of their change (see the module docstring)."""
    out: list[Seg] | None = None
    for i, s in enumerate(segs):
        kind = s[0]
        if kind in ("cs", "ce"):
            continue
        if kind != "t" or s[2] is None or not (s[3] & NUMBER or (out and not s[1].strip())):
            break
        if out is None:
            out = list(segs)
        out[i] = ("t", s[1], None, s[3] & ~NUMBER)
    return segs if out is None else out


def _split(out: list[Tok]) -> None:
    """Right after a bracket, a new group needs ``\\+`` or it would join that group."""
    for tok in reversed(out):
        if tok[0] in ("fn", "en", "cs", "ce") or len(tok) == 3 and tok[2] is _MOVED:
            continue
        if tok[0] == "close" or (tok[0] == "t" and tok[1][-1:] in "]］】"):
            out.append(("t", "\\+"))
        return


def _edge_blanks(inner: list[Tok], end: int) -> str:
    """Take the blanks off the first (``end`` 0) or last (-1) text of ``inner``, unless
    they are all it holds; return them."""
    if not inner or inner[end][0] != "t":
        return ""
    text: str = inner[end][1]
    kept = text.lstrip() if end == 0 else text.rstrip()
    if kept == text or not kept and len(inner) == 1:
        return ""
    if kept:
        inner[end] = ("t", kept)
    else:
        inner.pop(end)
    return text[:len(text) - len(kept)] if end == 0 else text[len(kept):]


def _emit(out: list[Tok], run: _Item, alt: Alt) -> None:
    inner = [_plain(s) for s in run[2]]
    trailing: list[Tok] = []
    while inner and inner[-1][0] in ("fn", "en"):
        trailing.insert(0, inner.pop())
    lead = blanks = ""
    if alt.role == "lone":
        # a lone change's blanks go outside its bracket (`ARTICLE [1]:`, `[from 2025]
        # provided`): a bracket written against the next one would read as its rival
        lead, blanks = _edge_blanks(inner, 0), _edge_blanks(inner, -1)
    if lead:
        # before a `\\+` that parts it from the bracket before: `[x] \\+[y]`
        at = len(out) - 1 if out and out[-1] == ("t", "\\+") else len(out)
        out.insert(at, ("t", lead, _MOVED))
    out.append(("open",))
    out.extend(inner)
    out.append(("close", alt))
    out.extend(trailing)
    if blanks:
        out.append(("t", blanks, _MOVED))
