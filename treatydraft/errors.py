"""The exception hierarchy.

One base class, :class:`TreatyDraftError`, with structured fields (file, line,
column, hint, source line); ``str()`` renders ``file:line:col: message``, the
source line with a caret and the hint, in plain text.  Only the CLI adds colour.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .source import caret_context

if TYPE_CHECKING:
    from .document import Diagnostic

__all__ = [
    "TreatyDraftError", "ParseError", "UnclosedBracket", "StrayBracket",
    "UnknownDelegation", "EmptyAlternative", "OptionBlockError", "NestingTooDeep",
    "FrontMatterError", "OperationError", "ExportError", "FormatError", "InputError",
]


class TreatyDraftError(Exception):
    """Base of every error treatydraft raises on purpose.

    ``file``, ``line``, ``column`` and ``hint`` are fields; ``str()`` adds the source
    line with a caret.  Catch this one class to catch them all.

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse("1. Parties [shall share data.\\n", source="draft.txt")
        ... except treatydraft.TreatyDraftError as err:
        ...     print(err)
        draft.txt:1:12: unclosed bracket: this '[' is never closed
            1 | 1. Parties [shall share data.
              |            ^
        hint: add ']' where the bracketed text ends, or escape a literal bracket as '\\['
    """

    #: short machine-readable name, also used for tolerant-mode diagnostics
    code = "error"

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None,
                 source: str | None = None, expected: list[str] | None = None,
                 code: str | None = None, diagnostics: tuple[Diagnostic, ...] = ()):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
        self.expected = list(expected or [])
        if code is not None:
            self.code = code
        #: every error found, as :class:`treatydraft.ast.Diagnostic` records in text order
        #: (strict parsing stops at the end of the text and raises the first of them)
        self.diagnostics = tuple(diagnostics)
        #: the whole source text, kept to render the context line (not shown in repr)
        self._source = source

    @property
    def source_text(self) -> str | None:
        """The text the error was found in (for the caret lines of :attr:`diagnostics`)."""
        return self._source

    @property
    def context(self) -> str:
        """The source line with a caret, or '' when there is no position."""
        if self._source is None or self.line is None:
            return ""
        return caret_context(self._source, self.line, self.column or 1)

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        out = [f"{self.location()}: {self.message}"]
        ctx = self.context
        if ctx:
            out.append(ctx)
        if self.expected:
            out.append("expected: " + ", ".join(self.expected))
        if self.hint:
            out.append(f"hint: {self.hint}")
        return "\n".join(out)

    def report(self) -> str:
        """Every problem in :attr:`diagnostics` as ``str()`` shows one (this error alone
        when the list is empty), one after the other."""
        if not self.diagnostics:
            return str(self)
        return "\n".join(str(TreatyDraftError(d.message, file=self.file, line=d.line,
                                               column=d.column, hint=d.hint,
                                               source=self._source))
                         for d in self.diagnostics)


class ParseError(TreatyDraftError):
    """The text does not follow the draft format (strict parsing).

    Its ``code`` names the problem, as the diagnostics of tolerant mode do; the
    subclasses below are the kinds of problem.

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse("1. a ] b\\n")
        ... except treatydraft.ParseError as err:
        ...     print(err.code, err.line, err.column)
        stray-bracket 1 6
    """
    code = "syntax"


class UnclosedBracket(ParseError):
    """A ``[`` that is never closed; ``opened_at`` is its (line, column).

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('Article 1\\n1. Parties [act.\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        UnclosedBracket 2 12
    """
    code = "unclosed-bracket"


class StrayBracket(ParseError):
    """A ``]`` with no ``[`` to close.

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('Article 1\\n1. Parties act].\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        StrayBracket 2 15
    """
    code = "stray-bracket"


class UnknownDelegation(ParseError):
    """An attribution names a code the delegation registry does not have.

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('---\\ndelegations:\\n  EU: European Union\\n---\\nArticle 1\\n'
        ...                       '1. [a]@XX\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        UnknownDelegation 6 8
    """
    code = "unknown-delegation"


class EmptyAlternative(ParseError):
    """``[]``: an alternative with nothing in it.

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('Article 1\\n1. Parties [] act.\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        EmptyAlternative 2 12
    """
    code = "empty-alternative"


class OptionBlockError(ParseError):
    """An option block without options (e.g. a stray ``\\end-options``).

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('Article 1\\n1. Parties act.\\n\\\\end-options\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        OptionBlockError 3 1
    """
    code = "option-block"


class NestingTooDeep(ParseError):
    """Brackets nested deeper than the parser allows.

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse("[" * 101 + "a" + "]" * 101)
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        NestingTooDeep 1 101
    """
    code = "nesting-too-deep"


class FrontMatterError(ParseError):
    """The front matter (between the ``---`` lines) is malformed.

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.parse('---\\ndate: 2026-13-45\\n---\\nArticle 1\\n')
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__, err.line, err.column)
        FrontMatterError 2 7
    """
    code = "front-matter"


class OperationError(TreatyDraftError):
    """An operation (resolve, accept, diff ...) was asked something impossible.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import resolve
        >>> doc = treatydraft.parse("Article 1\\n1. [a][b]\\n")
        >>> try:
        ...     resolve(doc, {"art_9__para_1__brk_1": 1})
        ... except treatydraft.OperationError as err:
        ...     print(err.message)
        unknown group id 'art_9__para_1__brk_1'
    """
    code = "operation"


class ExportError(TreatyDraftError):
    """A writer cannot express the document or the request.

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. [a][b]\\n")
        >>> try:
        ...     treatydraft.to_docx(doc, style="fancy")
        ... except treatydraft.ExportError as err:
        ...     print(err.message, "/", err.hint)
        unknown docx style 'fancy' / use one of: brackets, tracked
    """
    code = "export"


class FormatError(TreatyDraftError):
    """An input file in another format (Akoma Ntoso, Word, PDF) cannot be read.

    Example:

        >>> import treatydraft
        >>> from treatydraft.readers.akn import read_akn
        >>> try:
        ...     read_akn(b"<html/>")
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__)
        FormatError
    """
    code = "import"


class InputError(TreatyDraftError):
    """A file cannot be read (missing, unreadable, not UTF-8).

    Example:

        >>> import treatydraft
        >>> try:
        ...     treatydraft.load("no/such/draft.txt")
        ... except treatydraft.TreatyDraftError as err:
        ...     print(type(err).__name__)
        InputError
    """
    code = "io"
