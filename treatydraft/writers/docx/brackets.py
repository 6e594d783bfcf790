"""Style ``brackets``: the draft as the secretariat circulates it.

Brackets appear exactly as written (nested ones included), option blocks keep
their labels, placeholders stay as written.  Attribution written in the draft
(``@RUS+CHN``) becomes a Word footnote after the closing bracket ("Proposed by the
Russian Federation and China."), or, with ``attribution="comments"``, one Word
comment over the alternative authored by its first proposer.  A group attribution
(``@@EU``) becomes "Bracketed at the request of ...".  Notation that is not text
(``\\+``, ``\\end-options``, ``@CODE``) is not written.
"""
from __future__ import annotations

from docx.document import Document as DocxDocument

from ...ast import BracketGroup, Document, OptionBlock
from .common import BaseWriter
from .layout import Layout

__all__ = ["BracketsWriter"]


class BracketsWriter(BaseWriter):
    """Every group is written with its visible brackets."""

    def __init__(self, doc: Document, document: DocxDocument, layout: Layout, *,
                 attribution: str) -> None:
        super().__init__(doc, document, layout, attribution=attribution)
        self.bracketed = 0
        self.tracked = 0

    def write_BracketGroup(self, node: BracketGroup) -> None:
        self.bracketed += 1
        self.write_group_bracketed(node)

    def write_OptionBlock(self, node: OptionBlock) -> None:
        self.bracketed += 1
        self.write_options_visible(node)
