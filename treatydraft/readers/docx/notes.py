"""Footnotes, endnotes and comments: their text (and the comments' authors).

Notes are read with the same paragraph reader as the body, their tracked changes
handled in the same mode (in ``brackets`` mode a change in a note becomes bracketed
text without attribution).  Separator notes (``w:type="separator"`` ...) are skipped.
Several paragraphs of one note are joined with a blank: a draft footnote is one line.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from .changes import tokens
from .package import W
from .paragraphs import BodyReader, Para

__all__ = ["Comment", "read_notes", "read_comments", "note_text"]


@dataclass(frozen=True)
class Comment:
    """A Word comment."""
    author: str
    initials: str
    text: str


def note_text(paras: Iterable[Para], mode: str, marks: bool) -> str:
    lines: list[str] = []
    for p in paras:
        parts: list[str] = []
        for tok in tokens(p.segs, mode, marks):
            if tok[0] == "t":
                parts.append(tok[1])
            elif tok[0] == "open":
                parts.append("[")
            elif tok[0] == "close":
                parts.append("]")
        line = " ".join("".join(parts).split())
        if line:
            lines.append(line)
    return " ".join(lines)


def read_notes(root: etree._Element | None, reader: BodyReader, tag: str, mode: str, marks: bool
               ) -> dict[str | None, str]:
    """``{id: text}`` of the ``w:footnote`` or ``w:endnote`` elements of ``root``."""
    out: dict[str | None, str] = {}
    if root is None:
        return out
    for note in root.iter(W + tag):
        if note.get(W + "type") not in (None, "normal"):
            continue
        out[note.get(W + "id")] = note_text(reader.blocks(note), mode, marks)
    return out


def read_comments(root: etree._Element | None, reader: BodyReader, mode: str, marks: bool
                  ) -> dict[str | None, Comment]:
    out: dict[str | None, Comment] = {}
    if root is None:
        return out
    for c in root.iter(W + "comment"):
        out[c.get(W + "id")] = Comment(c.get(W + "author") or "", c.get(W + "initials") or "",
                                       note_text(reader.blocks(c), mode, marks))
    return out
