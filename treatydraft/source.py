"""Source positions: :class:`Span` and the caret-context renderer used by errors."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "line_at", "caret_context", "pack", "packed", "unpack", "bounds"]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands in the user's original text.

    Lines and columns are 1-based and count characters (not bytes); offsets are
    0-based character offsets into the source string, ``end`` exclusive.

        >>> import treatydraft
        >>> group = next(treatydraft.parse("Article 1\\n1. Parties [shall] act.\\n").groups())
        >>> group.span.start, group.span.end, group.span.line, group.span.column
        (21, 28, 2, 12)
    """

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    line: int
    """Line of the first character (1-based)."""
    column: int
    """Column of the first character (1-based)."""
    end_line: int
    """Line of the position just past the last character."""
    end_column: int
    """Column of the position just past the last character."""

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end, "line": self.line,
                "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column}

    @staticmethod
    def covering(first: Span, last: Span) -> Span:
        """The span from the start of ``first`` to the end of ``last``."""
        return Span(first.start, last.end, first.line, first.column,
                    last.end_line, last.end_column)


_M = (1 << 32) - 1
_M24 = (1 << 24) - 1


def pack(span: Span | int | None) -> Span | int | None:
    """``span`` stored compactly: one int instead of a :class:`Span` and its six ints
    (36 to 52 bytes instead of about 250).  A span on one line keeps start (32 bits),
    column and line (24 bits each) and its length above them (a non-negative int); any
    other keeps all six, 32 bits each (negated).  Anything that is not a span (None, a
    span :func:`packed` already) is returned as it is."""
    if type(span) is not Span:
        return span
    return packed(span.start, span.end, span.line, span.column, span.end_line,
                  span.end_column)


def packed(start: int, end: int, line: int, col: int, end_line: int, end_col: int) -> int | Span:
    """:func:`pack` of the span with these fields, without making it (for the builder);
    a :class:`Span` when a field does not fit in 32 bits."""
    length = end - start
    if end_line == line and end_col - col == length and 0 <= start <= end <= _M and \
            0 <= col < _M24 and 0 <= line < _M24:
        return start | col << 32 | line << 56 | length << 80
    if start | end | line | col | end_line | end_col > _M or \
            min(start, end, line, col, end_line, end_col) < 0:
        return Span(start, end, line, col, end_line, end_col)
    return -(start | end << 32 | line << 64 | col << 96 | end_line << 128 | end_col << 160) - 1


def bounds(raw: int | Span) -> tuple[int, int]:
    """(start, end) of what :func:`pack` stored, without making a :class:`Span`."""
    if isinstance(raw, int):
        if raw >= 0:
            start = raw & _M
            return start, start + (raw >> 80)
        raw = -raw - 1
        return raw & _M, raw >> 32 & _M
    return raw.start, raw.end


def unpack(raw: int | Span) -> Span:
    """The :class:`Span` that :func:`pack` stored."""
    if not isinstance(raw, int):
        return raw
    if raw >= 0:
        start, col, line, length = raw & _M, raw >> 32 & _M24, raw >> 56 & _M24, raw >> 80
        return Span(start, start + length, line, col, line, col + length)
    raw = -raw - 1
    return Span(raw & _M, raw >> 32 & _M, raw >> 64 & _M, raw >> 96 & _M, raw >> 128 & _M,
                raw >> 160)


def line_at(text: str, line: int) -> str:
    """The text of 1-based ``line`` in ``text`` without its line break ('' if absent)."""
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return ""
        start = nl + 1
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end].rstrip("\r")


#: characters of a source line shown around the column of a problem
WINDOW = 80

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(s: str) -> str:
    """``s`` safe to print: a tab becomes a space, other control and bidi-override
    characters become U+FFFD; one character for one, so columns still line up."""
    return _CONTROL.sub("\ufffd", s.replace("\t", " "))


def caret_context(text: str, line: int, column: int, width: int = WINDOW) -> str:
    """The source line with a line-number gutter and a caret under ``column``::

        4 | Parties shall share [data][information
          |                     ^

    A line longer than ``width`` characters is shown as a window of ``width``
    characters around the column, ``…`` marking what was cut, so the output stays
    small whatever the line; the caret line is never wider than the window.
    """
    src = line_at(text, line)
    gutter = str(line)
    pad = " " * len(gutter)
    col = max(1, min(column, len(src) + 1))
    if len(src) <= width:
        shown, caret = src, col - 1
    else:
        start = max(0, min(col - 1 - width // 2, len(src) + 1 - width))
        end = start + width
        shown = src[start:end]
        caret = col - 1 - start
        if start > 0:
            shown = "…" + shown[1:]
        if end < len(src):
            shown = shown[:-1] + "…"
    return f"    {gutter} | {_visible(shown)}\n    {pad} | {' ' * caret}^"
