"""The whitespace rule: what is left where a bracket was resolved.

Resolving splices nodes into their parent sequence and leaves a *junction* marker
(:data:`JUNCTION`) on each side of what was spliced (one marker when nothing was
kept).  :func:`tidy` then repairs the text at the junctions, and only there: the
rest of the draft keeps its spacing and punctuation byte for byte.

At a junction, with ``a`` the text before it and ``b`` the text after it on the same
line (text runs on both sides are merged into one new :class:`~treatydraft.ast.Text`
whose span covers the pieces it replaces):

1. blanks on both sides collapse to the blanks on the left (``shall [adopt] measures``
   with ``[adopt]`` dropped gives ``shall measures``);
2. blanks before a closing punctuation mark are removed (``Promote [, facilitate]``
   kept gives ``Promote, facilitate``);
3. two commas meet: one is kept (``data, [traffic data], and`` -> ``data, and``); a
   comma or semicolon before a full stop, semicolon or colon is removed
   (``a, b, [c].`` -> ``a, b.``); the same for ``，`` ``、`` ``،`` and ``；`` ``。``;
4. blanks right after an opening parenthesis are removed, and parentheses left empty
   go (``consider ([where appropriate]) the`` -> ``consider the``);
5. at the start of a line, blanks after the junction are removed; at the end of a
   line, blanks before it are removed;
6. a line that had a junction and is now *empty* is removed with its line break:
   only blanks, punctuation, and paragraph or subparagraph markers left
   (``(b) ;``, ``3.``); an article or chapter heading is never removed this way.
   When the removed line stood between two blank lines, one of them goes too;
7. text that comes to follow an attribution (``]@EU``) and starts with a letter,
   digit, ``_``, ``-`` or ``+`` gets a blank in front, or it would extend the code.

A ``\\+`` split mark that no longer stands between two brackets is removed (two words
it leaves touching get a blank between them: ``[may]\\+[also]`` -> ``may also``), and so is
an ``\\end-options`` line after a resolved option block (the resolver does that).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..ast import BracketGroup, Heading, LineBreak, Node, SplitMark, Text
from ..source import Span

if TYPE_CHECKING:
    from typing_extensions import TypeIs

__all__ = ["JUNCTION", "tidy", "fix_junction"]


class _Junction:
    """The marker type; one instance, :data:`JUNCTION`."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "JUNCTION"


JUNCTION = _Junction()


class _SplitJunction(_Junction):
    """Where a ``\\+`` split mark was: two kept words meeting here get a blank between them."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "SPLIT_JUNCTION"


SPLIT_JUNCTION = _SplitJunction()

#: What a sequence holds while it is being resolved: nodes, and junction markers.
Piece = Node | _Junction


def _is_junction(n: object) -> TypeIs[_Junction]:
    return isinstance(n, _Junction)

_BLANKS = " \t\u3000"
_CLOSING = set(",.;:)!?，。；：）、！？،؛»”")
_COMMAS = set(",，、،")
_STOPS = set(".;:。；：؛")
_OPENING = set("(（[«“")
_EMPTY_ITEM = set(_BLANKS) | set(",.;:，。；：、،؛")


def fix_junction(a: str, b: str, line_start: bool, line_end: bool) -> tuple[str, str]:
    """Rules 1-5 for one junction between text ``a`` and text ``b``."""
    a_core, b_core = a.rstrip(_BLANKS), b.lstrip(_BLANKS)
    if a_core[-1:] and a_core[-1] in "(（" and b_core[:1] and b_core[0] in ")）":
        a, b = a_core[:-1], b_core[1:]  # "( [x] )" with x dropped: no empty parentheses
    if a[-1:] in _OPENING and a[-1:] and b[:1] and b[:1] in _BLANKS:
        b = b.lstrip(_BLANKS)
    if a and a[-1] in _BLANKS and b and b[0] in _BLANKS:
        b = b.lstrip(_BLANKS)
    b_core = b.lstrip(_BLANKS)
    a_core = a.rstrip(_BLANKS)
    if b_core[:1] and b_core[0] in _CLOSING and a and a[-1] in _BLANKS and a_core:
        a = a_core
    a_core = a.rstrip(_BLANKS)
    if a_core[-1:] and a_core[-1] in _COMMAS and b_core[:1]:
        if b_core[0] in _COMMAS:
            b = b_core[1:]
        elif b_core[0] in _STOPS:
            a = a_core[:-1]
            b = b_core
    if line_start and not a.strip(_BLANKS):
        b = b.lstrip(_BLANKS)  # an indented line keeps its indentation (in a)
    if line_end and not b.strip(_BLANKS):
        a, b = a.rstrip(_BLANKS), ""
    return a, b


def _merge_run(run: list[Text | _Junction], line_start: bool, line_end: bool) -> Text | None:
    """A run of Text nodes and junctions -> one Text node (or None when nothing is left)."""
    texts = [n for n in run if not _is_junction(n)]
    pieces: list[str] = []
    cuts: list[int] = []
    pos = 0
    for n in run:
        if _is_junction(n):
            if n is SPLIT_JUNCTION and pieces and pieces[-1][-1:].isalnum() \
                    and not _is_han(pieces[-1][-1]):
                pieces.append("\x00")  # a blank if a word follows directly (below)
                pos += 1
            if not cuts or cuts[-1] != pos:
                cuts.append(pos)
        else:
            pieces.append(n.value)
            pos += len(n.value)
    s = "".join(pieces)
    if "\x00" in s:
        chars = list(s)
        for i, ch in enumerate(chars):
            if ch == "\x00":
                nxt = chars[i + 1] if i + 1 < len(chars) else ""
                chars[i] = " " if nxt.isalnum() and not _is_han(nxt) else ""
        # the offsets of later junctions move by the markers that vanished
        removed_before: list[int] = []
        count = 0
        for ch_old, ch_new in zip(s, chars, strict=False):
            removed_before.append(count)
            if ch_old == "\x00" and not ch_new:
                count += 1
        removed_before.append(count)
        cuts = [k - removed_before[k] for k in cuts]
        s = "".join(chars)
    # apply the rule at each junction, left to right, tracking how the string moves
    shift = 0
    for i, k in enumerate(cuts):
        k += shift
        first = i == 0 and line_start
        last = i == len(cuts) - 1 and line_end
        a, b = fix_junction(s[:k], s[k:], first and not s[:k].strip(_BLANKS),
                            last and not s[k:].strip(_BLANKS))
        new = a + b
        shift += len(new) - len(s)
        s = new
    if not s:
        return None
    if len(texts) == 1 and texts[0].value == s:
        return texts[0]
    return Text(s, Span.covering(texts[0].span, texts[-1].span))


_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+")


def _ends_with_attribution(node: Piece) -> bool:
    if not isinstance(node, BracketGroup):
        return False
    last = node.alternatives[-1]
    return bool(node.attribution) or (bool(last.attribution) and not last.footnotes)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _is_empty_item(line: list[Piece]) -> bool:
    for n in line:
        if isinstance(n, Text):
            if any(ch not in _EMPTY_ITEM for ch in n.value):
                return False
        elif isinstance(n, Heading):
            if n.kind not in ("paragraph", "subparagraph"):
                return False
        else:
            return False
    return True


def _is_blank(line: list[Piece]) -> bool:
    return all(isinstance(n, Text) and not n.value.strip(_BLANKS) for n in line)


def _drop_split_marks(seq: Sequence[Piece]) -> list[Piece]:
    out = list(seq)
    for i, n in enumerate(out):
        if isinstance(n, SplitMark):
            prev = next((m for m in reversed(out[:i]) if not _is_junction(m)), None)
            # blanks alone would join the next bracket to the previous one: keep the mark
            nxt = next((m for m in out[i + 1:] if not _is_junction(m) and not (
                isinstance(m, Text) and not m.value.strip(" \t"))), None)
            if not (isinstance(prev, BracketGroup) and isinstance(nxt, BracketGroup)):
                out[i] = SPLIT_JUNCTION
    return out


def tidy(seq: Sequence[Piece], *, whole_lines: bool) -> tuple[Node, ...]:
    """Apply the whitespace rule to ``seq`` (a list with junctions) and drop the markers.

    ``whole_lines`` says whether the first and last line of ``seq`` are whole lines
    (true for the document body; false inside an alternative, whose first and last
    lines continue outside it).
    """
    if not any(_is_junction(n) or isinstance(n, SplitMark) for n in seq):
        return cast("tuple[Node, ...]", tuple(seq))  # no junction in it
    if any(isinstance(n, SplitMark) for n in seq):
        seq = _drop_split_marks(seq)
    # split into lines: (content, line break or None)
    lines: list[tuple[list[Piece], LineBreak | None]] = []
    current: list[Piece] = []
    n: Piece | None
    for n in seq:
        if isinstance(n, LineBreak):
            lines.append((current, n))
            current = []
        else:
            current.append(n)
    lines.append((current, None))
    last = len(lines) - 1
    result_lines: list[tuple[list[Piece], LineBreak | None, bool]] = []  # (content, break, removed)
    for idx, (content, brk) in enumerate(lines):
        has_j = any(_is_junction(n) for n in content)
        if not has_j:
            result_lines.append((content, brk, False))
            continue
        starts = whole_lines or idx > 0
        ends = (whole_lines or idx < last) and (brk is not None or whole_lines)
        new: list[Piece] = []
        run: list[Text | _Junction] = []
        for _pos, n in enumerate(content + [None]):
            if _is_junction(n) or isinstance(n, Text):
                run.append(n)
                continue
            if run:
                if any(_is_junction(m) for m in run):
                    at_start = starts and len(new) == 0
                    at_end = ends and n is None
                    merged = _merge_run(run, at_start, at_end)
                    if merged is not None and new and _ends_with_attribution(new[-1]) \
                            and merged.value[:1] in _CODE_CHARS:
                        # ']@EU' + 'data' would read as the code 'EUdata'
                        merged = Text(" " + merged.value, merged.span)
                    if merged is not None:
                        new.append(merged)
                else:
                    new.extend(run)
                run = []
            if n is not None:
                new.append(n)
        removable = starts and ends and brk is not None or (whole_lines and idx == last and idx > 0)
        removed = removable and _is_empty_item(new)
        result_lines.append((new, brk, removed))
    # a removed line between two blank lines takes one of them along
    out: list[Piece] = []
    kept: list[tuple[list[Piece], LineBreak | None]] = []
    i = 0
    n_lines = len(result_lines)
    while i < n_lines:
        content, brk, removed = result_lines[i]
        if removed:
            prev_blank = bool(kept) and _is_blank(kept[-1][0]) and kept[-1][1] is not None
            if i == n_lines - 1 and kept and kept[-1][1] is not None and not content:
                # the last line of the body was removed: it had no break of its own
                pass
            j = i + 1
            while j < n_lines and result_lines[j][2]:
                j += 1
            if prev_blank and j < n_lines and _is_blank(result_lines[j][0]) \
                    and result_lines[j][1] is not None:
                i = j + 1
                continue
            if prev_blank and j == n_lines - 1 and not result_lines[j][0] and whole_lines:
                kept.pop()  # the end of the draft: no blank line left dangling before it
            i += 1
            continue
        kept.append((content, brk))
        i += 1
    for content, brk in kept:
        out.extend(content)
        if brk is not None:
            out.append(brk)
    # every junction was merged into the text around it (runs with a junction in them)
    return cast("tuple[Node, ...]", tuple(out))
