"""The nodes that are notes, not negotiated text: footnote markers, footnotes, chair's
notes and drafting notes (part of the document model of :mod:`treatydraft.ast`, which
names them too).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import codecache
from .source import Span
from .storage import compact

if TYPE_CHECKING:
    from .ast import Node

__all__ = ["FootnoteRef", "Footnote", "Note", "DraftingNote"]

codecache.install()  # the dataclasses' methods compiled once (undone at the end)


@compact
@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A footnote marker in the text, ``[^6]``.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. Parties act.[^1]\\n[^1]: Proposed by EU.\\n')
        >>> [n.label for n in walk(doc.body) if type(n).__name__ == "FootnoteRef"]
        ['1']
    """
    label: str
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote, ``[^6]: Proposed by the Russian Federation and China.``, on a line of its own.

    Its text is read like any other text: the brackets in it are groups, placeholders and
    notes (``children``), paired within the line, their ids under ``fn_<label>``.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('---\\ndelegations:\\n  EU: European Union\\n---\\n'
        ...                         'Article 1\\n1. Parties act.[^1]\\n'
        ...                         '[^1]: Proposed by the European Union [in 2024][in 2025].\\n')
        >>> note = doc.footnotes["1"]
        >>> note.label, note.text, note.proposers
        ('1', 'Proposed by the European Union [in 2024][in 2025].', ('EU',))
        >>> [g.id for g in walk(note.children) if type(g).__name__ == "BracketGroup"]
        ['fn_1__brk_1']
    """
    label: str
    marker: str
    """The marker and its colon as written, with any blanks before it (``[^6]:``)."""
    children: tuple[Node, ...]
    """The note's text after the marker, read as text is (groups and all)."""
    registry: tuple[tuple[str, str], ...] = field(repr=False, compare=False)
    """The draft's delegations, (code, full name): whom :attr:`proposers` looks for."""
    span: Span

    @property
    def proposers(self) -> tuple[str, ...]:
        """Registry codes the note names (by code or full name), in the order it names
        them (read from its text: a resolved note names whom its new text names)."""
        from .document import named_delegations
        return named_delegations(self.text, self.registry)

    @property
    def value(self) -> str:
        """The whole line as written."""
        from .document import text_of  # the document module reads the tree
        return self.marker + text_of(self.children)

    @property
    def text(self) -> str:
        """The note's text as written, marker and colon removed, blanks around it left out."""
        from .document import text_of
        return text_of(self.children).strip()

    @property
    def shown(self) -> str:
        """The note's text as a reader sees it (brackets and all, no ``@CODE``
        attributions; see :func:`~treatydraft.document.shown_text`), blanks around it
        left out: what exports write."""
        from .document import shown_text
        return shown_text(self.children).strip()


@compact
@dataclass(frozen=True, slots=True)
class Note:
    """A chair's note or comment (a line starting with ``>``): not treaty text.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n> The Chair invites views.\\n1. Parties act.\\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "Note"]
        ['> The Chair invites views.']
    """
    text: str
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class DraftingNote:
    """A drafting note or instruction inside the text, not negotiated wording.

    ``[Note: ...]``, ``[Further provisions may be needed here]``, ``*[elements for further
    discussion]*`` (a bracket set in italics), ``{linkages to 4.1}`` (braces).  It is not a
    group: it is never offered as a variant nor counted as a bracket, and it is exported
    as a note.

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. Parties act. [Note: to be reviewed]\\n')
        >>> [n.text for n in walk(doc.body) if type(n).__name__ == "DraftingNote"]
        ['Note: to be reviewed']
    """
    text: str
    """The note without its brackets or braces."""
    value: str
    """As written, brackets or braces included."""
    span: Span
    kind = "note"


codecache.uninstall()
