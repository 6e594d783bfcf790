"""Source positions: :class:`Span` and the caret-context renderer used by errors."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Span", "line_at", "caret_context"]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands in the user's original text.

    Lines and columns are 1-based and count characters (not bytes); offsets are
    0-based character offsets into the source string, ``end`` exclusive.
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

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "line": self.line,
                "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column}

    @staticmethod
    def covering(first: "Span", last: "Span") -> "Span":
        """The span from the start of ``first`` to the end of ``last``."""
        return Span(first.start, last.end, first.line, first.column,
                    last.end_line, last.end_column)


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


def caret_context(text: str, line: int, column: int) -> str:
    """The source line with a line-number gutter and a caret under ``column``::

        4 | Parties shall share [data][information
          |                     ^
    """
    src = line_at(text, line).expandtabs(1)
    gutter = str(line)
    pad = " " * len(gutter)
    col = max(1, min(column, len(src) + 1))
    return f"    {gutter} | {src}\n    {pad} | {' ' * (col - 1)}^"
