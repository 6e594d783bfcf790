"""The diff's tokens: the words of a draft, and each bracket group as one typed token.

A stretch of draft becomes a list of tokens: words (``str``: a word, a Chinese
character, a punctuation mark, ``[`` ``|`` ``]`` around nested groups, ``§N`` for a
heading number) and, where :func:`stream` keeps groups whole, one :class:`GroupToken`
per group.  The reading of a resolution (:mod:`.align`) adds the two :class:`Cut`
marks.  No control character is used as a tag: a draft may hold any character.

    >>> import treatydraft
    >>> from treatydraft.operations.diff.tokens import GroupToken, stream
    >>> doc = treatydraft.parse("Parties [shall][may] act.\\n")
    >>> tokens, groups = stream(doc.body)
    >>> tokens[0], tokens[1].texts, tokens[2:]
    ('Parties', ('shall', 'may'), ['act', '.'])
    >>> isinstance(tokens[1], GroupToken), groups[1] is doc.body[1]
    (True, True)
"""
from __future__ import annotations

import dataclasses
import difflib
import enum
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from sys import intern
from typing import Protocol, TypeGuard, TypeVar

from ...ast import (
    Alternative,
    BracketGroup,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    Node,
    Option,
    OptionBlock,
    Placeholder,
    Text,
)

__all__ = ["GroupToken", "Cut", "Token", "words", "flat", "alt_text", "signature",
           "group_token", "stream", "ratio", "wordy", "is_word"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GroupToken:
    """A bracket group (or option block) as one token: its content and who proposed what.

    Two groups have equal tokens when their kind, the words of each alternative and
    the proposers are the same; ``tie`` (the group's id relative to its unit) is set
    on both sides when the same group stands in both versions, so that an alignment
    cannot swap twins.
    """
    kind: str
    texts: tuple[str, ...]
    """The words of each alternative, joined by blanks (attribution left out)."""
    proposers: tuple[str, ...]
    """Each alternative's proposers, ``+``-joined."""
    group_proposers: str
    tie: str = ""

    def tied(self, rel: str) -> GroupToken:
        """This token tied to the group id ``rel``."""
        return dataclasses.replace(self, tie=rel)


class Cut(enum.Enum):
    """Marks in the words of an alternative being read against new text (:func:`.align.fit`)."""
    GROUP = "group"
    """A nested group stands here: the words before and after are separate pieces."""
    BLANK = "blank"
    """A blank separates a word from a group: that word may not be read inside a longer one."""


Token = str | GroupToken | Cut


class _Words(Protocol):
    """Where :func:`flat` puts words: a ``list[str]``, or a token list (``list[Token]``)."""

    def append(self, word: str, /) -> None: ...

    def extend(self, words: Iterable[str], /) -> None: ...


_W = TypeVar("_W", bound=_Words)


def words(text: str) -> list[str]:
    """The word tokens of ``text``, each word once in memory (interned) however often the
    two versions use it: the word lists of both drafts are what a diff holds beside them."""
    return list(map(intern, _TOKEN.findall(text)))


def flat(seq: Iterable[Node], out: _W, headings: bool = True) -> _W:
    """Word tokens of ``seq`` with nested groups as ``[ ... | ... ]`` (attribution left out)."""
    for node in seq:
        if isinstance(node, Text):
            out.extend(words(node.value))
        elif isinstance(node, (BracketGroup, OptionBlock)):
            out.append("[")
            alts: tuple[Alternative | Option, ...] = node.alternatives
            for i, alt in enumerate(alts):
                if i:
                    out.append("|")
                flat(alt.children, out, headings)
            out.append("]")
        elif isinstance(node, Heading):
            if headings:
                out.append("§" + node.number)
        elif isinstance(node, Placeholder):
            out.append(node.value)
        elif isinstance(node, Escape):
            out.append(node.char)
    return out


def alt_text(alt: Alternative | Option) -> str:
    """The words of an alternative (or option), joined by blanks."""
    out: list[str] = []
    return " ".join(flat(alt.children, out))


def signature(g: BracketGroup | OptionBlock) -> tuple[str, tuple[str, ...]]:
    """A group's content: its kind and the words of each alternative."""
    return g.kind, tuple(alt_text(a) for a in g.alternatives)


def group_token(g: BracketGroup | OptionBlock) -> GroupToken:
    """A group's token in a stream: its content and who proposed what."""
    kind, texts = signature(g)
    alts: tuple[Alternative | Option, ...] = g.alternatives
    return GroupToken(kind, texts, tuple("+".join(a.proposers) for a in alts),
                      "+".join(g.proposers))


def stream(seq: Iterable[Node], notes: Collection[str] = ()
           ) -> tuple[list[Token], list[BracketGroup | OptionBlock | None]]:
    """Tokens of a sequence, each group one token; and the group (or None) per token.

    A footnote's text gives its groups' tokens, and its words too when its label is in
    ``notes`` (the notes both versions hold: a note gone with the alternative that held
    its marker is no change of text)."""
    toks: list[Token] = []
    objs: list[BracketGroup | OptionBlock | None] = []
    for node in seq:
        if isinstance(node, (BracketGroup, OptionBlock)):
            toks.append(group_token(node))
            objs.append(node)
        elif isinstance(node, FootnoteRef):
            continue
        elif isinstance(node, Footnote):
            for tok, obj in zip(*stream(node.children, notes), strict=True):
                if obj is not None or node.label in notes:
                    toks.append(tok)
                    objs.append(obj)
        else:
            before = len(toks)
            flat([node], toks)
            objs.extend([None] * (len(toks) - before))
    return toks, objs


def ratio(a: Sequence[Token], b: Sequence[Token]) -> float:
    """How alike two token lists are (``difflib``; a quick bound when clearly unlike)."""
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() * 0.5
    return sm.ratio()


def wordy(tokens: Iterable[Token]) -> list[str]:
    """Tokens that are words (not punctuation, not paragraph markers, not groups)."""
    return [t for t in tokens if isinstance(t, str) and t and t[0] != "§"
            and any(c.isalnum() for c in t)]


def is_word(t: Token) -> TypeGuard[str]:
    """A word token with a letter or digit in it (paragraph markers ``§2`` included)."""
    return isinstance(t, str) and any(c.isalnum() for c in t)
