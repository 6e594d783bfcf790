"""The spans a node does not store: an alternative's and a group's, derived from their parts.

:mod:`.ast` stores no span in an alternative or a group whose span its parts give
(:func:`treatydraft.ast.drop_derivable_span`, most of them); reading ``span`` then
computes it with these functions, which know the layout of the nodes but not their
classes (ast gives each :class:`~treatydraft.storage.CompactSpan` its function).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .source import Span, unpack

if TYPE_CHECKING:
    from .ast import Alternative, BracketGroup

__all__ = ["alternative_span", "lone_text_span", "group_span"]


def alternative_span(alt: Alternative) -> Span | None:
    """From the open bracket before the first child to the last footnote marker."""
    kids = alt.children
    if not kids:
        return None
    first, last = kids[0].span, kids[-1].span
    opening = len(alt.open)
    tail = len(alt.close) + len(alt.attribution) + sum(len(f.value) for f in alt.footnotes)
    return Span(first.start - opening, last.end + tail, first.line, first.column - opening,
                last.end_line, last.end_column + tail)


def lone_text_span(alt: Alternative) -> int | Span:
    """The span of the text between the brackets of ``alt`` (on one line), packed."""
    raw = type(alt).__dict__["span"].slot.__get__(alt)
    opening = len(alt.open)
    tail = len(alt.close) + len(alt.attribution) + sum(len(f.value) for f in alt.footnotes)
    if type(raw) is int and raw >= 0 and (raw & _M32) + opening <= _M32 and \
            (raw >> 32 & _M24) + opening < _M24:
        # the short form of source.pack: start, column, line, length, all on one line
        return raw + opening + (opening << 32) - ((opening + tail) << 80)
    s = unpack(raw)
    return Span(s.start + opening, s.end - tail, s.line, s.column + opening, s.end_line,
                s.end_column - tail)


_M32, _M24 = (1 << 32) - 1, (1 << 24) - 1


def group_span(group: BracketGroup) -> Span | None:
    """From the first alternative to the group attribution after the last one."""
    if not group.alternatives:
        return None
    first, last = group.alternatives[0].span, group.alternatives[-1].span
    tail = len(group.attribution)
    return Span(first.start, last.end + tail, first.line, first.column, last.end_line,
                last.end_column + tail)
