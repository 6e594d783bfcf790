"""Which neighbouring brackets are alternatives of one group: the token pass's step 6.

Brackets side by side or with a slash between (``[a][b]``, ``[a] / [b]``) always form one
group, except a lone connective between two brackets (``[a][and][b]``) and two bracketed
units under labels of their own (``[(iv) ...][(v) ...]``); brackets separated by blanks
only (``[a] [b]``) follow the document's ``spaced-brackets`` convention and, under
``auto``, the evidence of :mod:`.readings`, with a warning where it had to guess (a tab
between them, a table's column separator, keeps them apart); a
bracket ending a hard-wrapped line may join the one starting the next; paragraphs
bracketed whole, stacked under one number or beginning with the same words, are rival
versions.  :func:`join` marks the ``[`` of every further alternative NEXT_LBR.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .labels import read_marker
from .lalr import Token
from .notekinds import LABEL, LIST_LABEL
from .pairing import _CONTENT, HEADS, _as, _spanning, _starts_line, in_word
from .readings import CONNECTIVE_ONLY, Reading, goes_on, numbered_apart, qualifier_after, spaced_reading

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["join", "in_word", "SEPARATORS", "SLASHED", "WrittenGroups"]


#: what may stand between two alternatives of one group: blanks, or a slash
SEPARATORS = ("GAP", "SLASH")


def _after_close(tokens: list[Token], r: int) -> int:
    """The index after the ``]`` at ``r`` and what the grammar attaches to it: one
    attribution, then footnote markers (``[a]@EU[^1]``; ``[a]@U@A``: the second is text)."""
    n = len(tokens)
    k = r + 1
    if k < n and tokens[k].type == "ATTRIB":
        k += 1
    while k < n and tokens[k].type == "FNREF":
        k += 1
    return k

_SNIPPET = 60  # characters of each bracket's text the spacing evidence looks at


def _next_open(tokens: list[Token], r: int) -> tuple[int, int]:
    """After the ``]`` at ``r`` (and its attribution and notes): (separator index or -1,
    index of a following ``[``/placeholder or -1)."""
    n = len(tokens)
    k = _after_close(tokens, r)
    sep = -1
    if k < n and tokens[k].type in SEPARATORS:
        sep, k = k, k + 1
    if k < n and tokens[k].type == "LBR":
        return sep, k
    return sep, -1


#: a choice written with a slash between brackets (``[as prescribed] / [which shall ...]``)
SLASHED = rx.compile(r"\][ \t]*/[ \t]*\[")
# (a word of two letters or more may stand against both brackets: `[A]or[B]`, as a
# bulletin printed two rival wordings; not `o`, which `[l]o[s]` could hold)
_OR = rx.compile(r"[ \t]+(?:o|أو|vs\.?)[ \t]+|[ \t]*(?:or|ou|или|либо|oder|oppure|versus)[ \t]*"
                 r"|[ \t]*或[ \t]*")
_COMMA = rx.compile(r"[ \t]*,[ \t]+")


def _listed_choice(tokens: list[Token], partner: list[int], r: int) -> bool:
    """``[in a timely manner], [no later than June 2000] or [if possible by COP-5]``: the
    ``]`` at ``r``, a comma, and a run of brackets joined by commas that ends with ``or``
    and one more bracket: the choices listed in words."""
    n = len(tokens)
    while r + 2 < n and tokens[r + 1].type == "TEXT" and tokens[r + 2].type == "LBR" and \
            partner[r + 2] > r + 2:
        if _OR.fullmatch(tokens[r + 1]):
            return True
        if not _COMMA.fullmatch(tokens[r + 1]):
            return False
        r = partner[r + 2]
    return False


_LABEL_FIRST = rx.compile(r"[ \t*_]*" + LABEL, re.MULTILINE)


def _wrapped_open(text: str, tokens: list[Token], partner: list[int], r: int) -> int:
    """For a ``]`` at ``r`` that ends a hard-wrapped line (``by decision [of the CMA ]``,
    then ``[1.CP/21].`` on the next line), the index of the ``[`` starting the next
    line, else -1.  The line break stands where a blank would: the first bracket
    continues a sentence (text before it on its line), does not end one (no ``.`` ``;``
    ``:`` before its ``]``), and the next line starts with a bracket, not a unit."""
    n = len(tokens)
    k = _after_close(tokens, r)
    if k < n and tokens[k].type == "TEXT" and not str(tokens[k]).strip(" \t"):
        k += 1
    if k >= n or tokens[k].type != "NL":
        return -1
    k += 1
    if k < n and tokens[k].type == "GAP":
        k += 1
    if k + 1 >= n or tokens[k].type != "LBR" or partner[k] < 0 or \
            tokens[k + 1].type in HEADS:
        return -1
    start, close = tokens[partner[r]].start_pos, tokens[r].start_pos
    end = _last_char(text, start, close)
    if end == ":" and tokens[partner[r]].line < tokens[r].line and \
            _chapeau_below(text, tokens, partner, k):
        # `[1.2. [El presente Capítulo ... a excepción de:]` then `[Este capítulo no se
        # aplica a:]`: a chapeau over lines and one on its line, rivals over one list
        return k
    line_start = text.rfind("\n", 0, start) + 1
    if "\t" in text[line_start:start]:
        return -1  # the last cell of a table row (cells apart by tabs), not a wrapped line
    if (LIST_LABEL.fullmatch(text, line_start, start)
            or _LABEL_FIRST.match(text, tokens[k].end_pos)):
        return -1  # `1.4) [item]` then `[1.5) item]`: list items, one per line
    if end in (".", ";", ":", "!", "?"):
        return -1  # a sentence ended
    if _ended_early(text, close, tokens[k].start_pos):
        return -1  # `X.2 Scope [US: and Coverage]` above `[US: ...] [EU: ...]`: a heading
    return k


def _chapeau_below(text: str, tokens: list[Token], partner: list[int], k: int) -> bool:
    """Is the bracket opening the next line at ``k`` a chapeau too: on one line, ending
    with ``:`` (``[El presente Capítulo ... a excepción de:]`` then ``[Este capítulo no
    se aplica a:]``: rival chapeaux of one list)?"""
    c = partner[k]
    return c > k and tokens[c].line == tokens[k].line and \
        _last_char(text, tokens[k].end_pos, tokens[c].start_pos) == ":"


def _last_char(text: str, start: int, close: int) -> str:
    """The last character before ``close`` (a ``]``), blanks aside, not before ``start``."""
    return text[max(start, close - 3):close].rstrip(" \t")[-1:]


_MEASURE_LINES = 4  # lines on each side whose length gives the measure of a wrapped text
_FULL = 0.7         # a wrapped line, with the word it lost, fills this much of the measure


def _ended_early(text: str, close: int, nxt: int) -> bool:
    """Whether the line of the ``]`` at ``close`` ended by choice rather than by
    wrapping: the first word of the next line (starting at ``nxt``) would have fitted on
    it, well inside the measure (the longest of the lines around it)."""
    start = text.rfind("\n", 0, close) + 1
    end = text.find("\n", close)
    end = len(text) if end < 0 else end
    a, b = start, end
    for _ in range(_MEASURE_LINES):  # the lines around it, without copying the text
        if a > 0:
            a = text.rfind("\n", 0, a - 1) + 1
        if b < len(text):
            nb = text.find("\n", b + 1)
            b = len(text) if nb < 0 else nb
    measure = max(len(line.rstrip()) for line in text[a:b].split("\n"))
    word = text.find(" ", nxt, nxt + measure)
    word_len = (word if word >= 0 else nxt + measure) - nxt
    return len(text[start:end].rstrip()) + 1 + word_len <= _FULL * measure


def join(text: str, tokens: list[Token], partner: list[int], convention: str,
         problems: _Problems, *, slashed: bool = False,
         known: WrittenGroups | None = None) -> list[Token]:
    """Mark which neighbouring brackets are alternatives of one group (NEXT_LBR).

    ``slashed``: the draft writes a choice with a slash between brackets somewhere
    (:data:`SLASHED`), so spaced brackets with nothing in their words to join them are
    read as separate.  ``known``: the groups the whole text writes side by side (one for
    every segment of a text read in segments).

    Returns the token list: ``tokens`` itself, or a new list where the line break
    between two alternatives of a hard-wrapped line has become their separator (GAP)."""
    n = len(tokens)
    # pass 1: side by side or with a slash, always one group
    spaced: list[tuple[int, int]] = []  # (close, open) separated by blanks only
    touching: list[tuple[int, int]] = []  # (close, open) joined in pass 1
    joined_after: set[int] = set()    # indices of `[` joined to the bracket before them
    joined_before: set[int] = set()   # indices of `]` joined to the bracket after them
    linked: set[int] = set()  # `[` of brackets side by side with a lone connective (`[a][and]`)
    for r in range(n):
        if tokens[r].type != "RBR" or partner[r] < 0:
            continue
        if r + 2 < n and tokens[r + 1].type == "TEXT" and tokens[r + 2].type == "LBR" and \
                (_OR.fullmatch(tokens[r + 1]) or _listed_choice(tokens, partner, r)):
            # `[avoid ...] or [encourage ...]`, `[A], [B] or [C]`: a choice offered in
            # words, as a slash does
            tokens[r + 1] = _as("SLASH", tokens[r + 1])
        sep, k = _next_open(tokens, r)
        if k < 0:
            k = _wrapped_open(text, tokens, partner, r)
            if k >= 0:
                spaced.append((r, k))
            continue
        if partner[k] < 0:
            continue
        ka, kb = _linking(text, tokens, partner, r), _linking(text, tokens, partner, partner[k])
        if ka == "word" and kb is None and _connective_led(text, tokens, partner, k) or \
                kb == "word" and ka is None and _connective_led(text, tokens, partner, r):
            # `information, [as well as] [and, where] relevant ...`: a lone connective and
            # a few words opening with another compete for one slot
            ka = kb = "word"
        attributed = tokens[r + 1].type == "ATTRIB" or (
            partner[k] + 1 < n and tokens[partner[k] + 1].type == "ATTRIB")
        if not attributed and ((ka == "word" and kb is None) or (kb == "word" and ka is None)):
            # `[a][and][b]`: the connective links, it does not compete; but the text writes
            # these brackets side by side (`[prepare][and][finalize] [any future]`: the
            # blank after them separates, as after a group written side by side)
            if sep < 0:
                linked.update((partner[r], k))
            continue
        if not attributed and (sep < 0 or tokens[sep].type == "GAP") and numbered_apart(
                _head(text, tokens, partner[r]), _head(text, tokens, k)):
            continue  # `[(iv) ...][(v) ...]`: two bracketed units side by side
        if not attributed and sep < 0 and qualifier_after(
                _head(text, tokens, partner[r]), _head(text, tokens, k)):
            continue  # `[um Tribunal][estabelecido conforme ...]`: the noun, its qualifier
        if not attributed and sep < 0 and convention != "alternatives" and goes_on(
                text[tokens[partner[r]].end_pos:tokens[r].start_pos][:_SNIPPET],
                _head(text, tokens, k)):
            # `The [Secretary-General][or the Contractor]`, `[46. *Recommends* ... (CMP)][and
            # work undertaken ...]`: words that go on with `or`, `and` after the bracket
            # before them are no rival of it (as one, `The or the Contractor`); a draft
            # that declares `spaced-brackets: alternatives` writes its brackets as the
            # format says, side by side always one group
            continue
        if sep < 0 or tokens[sep].type == "SLASH" or (ka in _WORDS and kb in _WORDS) or \
                ("punct" in (ka, kb) and ka is not None and kb is not None):
            # `[y] [o]`: two lone connectives compete for one slot, even spaced; so do a
            # connective and punctuation (`stations [et] [,] de tous laboratoires`)
            joined_after.add(k)
            joined_before.add(r)
            touching.append((r, k))
        else:
            spaced.append((r, k))
    # pass 2: blanks only, by the document's convention
    tight_after, tight_before = frozenset(joined_after), frozenset(joined_before)
    written = _WrittenTogether(text, tokens, partner, touching, known or WrittenGroups(text)) \
        if spaced and convention == "auto" else None
    wrapped: dict[int, int] = {}  # `]` -> `[` of the next line, joined across the break
    for r, k in spaced:
        if convention == "separate":
            continue
        if convention == "auto" and "\t" in text[tokens[r].end_pos:tokens[k].start_pos]:
            continue  # a tab: the cells of a table row (as the Word import writes them)
        if written is not None and written.elsewhere(r, k):  # (under `auto` only)
            pass  # `[a] [b][c]` where `[a][b][c]` is written elsewhere: that group again
        elif convention == "auto":
            reading = _spaced(text, tokens, partner, r, k,
                              chained=partner[r] in tight_after or partner[k] in tight_before
                              or partner[r] in linked or k in linked,
                              slashed=slashed)
            if not reading.certain:
                _warn_spacing(problems, tokens[partner[r]], tokens[k], reading)
            if not reading.join:
                continue
        joined_after.add(k)
        if tokens[k - 1].type != "GAP" or "\n" in text[tokens[r].end_pos:tokens[k].start_pos]:
            wrapped[r] = k
    # pass 3: paragraphs bracketed whole one after the other under one number (`[2. ...]`,
    # blank lines, `[2. ...]`), or beginning with the same words: rival versions of it
    for r, k, numbered in _stacked_rivals(text, tokens, partner):
        if k in joined_after or r in joined_before or not numbered and convention == "separate":
            continue
        if not numbered and convention == "auto":  # the same opening words: a guess
            lt, rt = tokens[partner[r]], tokens[k]
            problems.add(E.ParseError, "paragraphs bracketed whole, one under the other, that "
                         "begin with the same words: read as rival versions of one text, but "
                         "they may be two optional paragraphs", lt.line, lt.column,
                         severity="warning", offset=lt.start_pos, code="ambiguous-spacing",
                         hint=f"the other reading: two groups, at {lt.line}:{lt.column} and "
                              f"{rt.line}:{rt.column}; declare 'spaced-brackets: separate' in "
                              "the front matter to keep such paragraphs apart")
        joined_after.add(k)
        wrapped[r] = k
    for k in joined_after:
        tokens[k] = _as("NEXT_LBR", tokens[k])
    return _soft_breaks(tokens, wrapped) if wrapped else tokens


def _stacked_rivals(text: str, tokens: list[Token], partner: list[int]
                    ) -> list[tuple[int, int, bool]]:
    """(``]``, next ``[``) of consecutive paragraphs each bracketed whole, stacked: the
    first opens its line and its ``]`` ends one, only blank lines stand between, the
    second opens its line; rivals when both begin with the same unit number (``[2. ...]``,
    ``[2. ...]``) or, without numbers, with the same three words (two versions of a
    definition, hard-wrapped: ``[The term "transnational corporation" ... means ...]``)
    or the same few words alone on their first line (a defined term, ``[Empresa`` then
    its definition below).
    The third item says whether the numbers decided (else the opening words did)."""
    out: list[tuple[int, int, bool]] = []
    n = len(tokens)
    for o in range(n - 1):
        if tokens[o].type != "LBR" or partner[o] < 0 or not _starts_line(tokens, o):
            continue
        r = partner[o]
        k = _after_close(tokens, r)
        if k >= n or tokens[k].type != "NL":
            continue
        while k < n and (tokens[k].type == "NL" or
                         tokens[k].type == "TEXT" and not tokens[k].strip(" \t\r")):
            k += 1
        if k + 1 >= n or tokens[k].type != "LBR" or partner[k] < k or \
                _attributed(tokens, r) or _attributed(tokens, partner[k]):
            continue  # `[1bis. ...]@RUS` / `[1bis. ...]@EU`: proposals of their own
        a, b = tokens[o + 1], tokens[k + 1]
        if a.type == "PARA" or b.type == "PARA":
            if a.type == b.type == "PARA" and _number(a) == _number(b):
                out.append((r, k, True))
        elif _opening(text, tokens, o) == _opening(text, tokens, k) != [] or \
                _term_line(text, tokens, o) == _term_line(text, tokens, k) != "":
            out.append((r, k, False))
    return out


_TERM_WORDS = 5  # words a defined term or a title alone on a bracket's first line holds


def _term_line(text: str, tokens: list[Token], i: int) -> str:
    """The first line of the bracket opened at ``i`` when it holds a few words and the
    text goes on below (``[Empresa`` then the definition), else ''."""
    start = tokens[i].end_pos
    end = text.find("\n", start, start + _SNIPPET)
    line = text[start:end].strip(" \t\r*_") if end >= 0 else ""
    return line if line and "[" not in line and "]" not in line and \
        len(line.split()) <= _TERM_WORDS else ""


def _attributed(tokens: list[Token], r: int) -> bool:
    """Does the ``]`` at ``r`` carry an attribution (``]@RUS``, ``]@@EU``)?"""
    return r + 1 < len(tokens) and tokens[r + 1].type in ("ATTRIB", "GROUP_ATTRIB")


def _opening(text: str, tokens: list[Token], i: int) -> list[str]:
    """The first three words of the bracket opened at ``i`` (fewer: none)."""
    words = _WORDS_RE.findall(_head(text, tokens, i).lower())[:3]
    return words if len(words) == 3 else []


_WORDS_RE = rx.compile(r"\w+")


def _number(tok: Token) -> str:
    return read_marker("PARA", str(tok)).number


def _soft_breaks(tokens: list[Token], wrapped: dict[int, int]) -> list[Token]:
    """``tokens`` with what stands between each ``]`` and the ``[`` of the next line
    (blanks, the line break) merged into one GAP, the separator of two alternatives."""
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        out.append(tokens[i])
        k = wrapped.get(i)
        if k is None:
            i += 1
            continue
        j = _after_close(tokens, i)
        out.extend(tokens[i + 1:j])
        out.append(_spanning("GAP", None, tokens[j], tokens[k - 1],
                             "".join(str(t) for t in tokens[j:k])))
        i = k
    return out


_WORDS = ("word", "letter")


def _warn_spacing(problems: _Problems, lt: Token, rt: Token, reading: Reading) -> None:
    """The warning ``ambiguous-spacing`` for a spaced pair read on weak evidence, naming
    the other reading and how to settle it."""
    if reading.join:
        read = "alternatives of one group, but they may be two independent insertions"
        other = (f"two groups, at {lt.line}:{lt.column} and {rt.line}:{rt.column}; write "
                 "'\\+' between them to keep them apart")
    else:
        read = "two independent insertions, but they may be alternatives of one group"
        other = (f"one group of alternatives, at {lt.line}:{lt.column}, with "
                 f"{rt.line}:{rt.column}; write them side by side ('][') to join them")
    problems.add(E.ParseError, f"brackets separated by a blank: read as {read} "
                 f"({reading.why})", lt.line, lt.column, severity="warning",
                 offset=lt.start_pos, code="ambiguous-spacing",
                 hint=f"the other reading: {other}, or declare 'spaced-brackets: "
                      "alternatives' or 'separate' in the front matter")


class WrittenGroups:
    """The groups a text writes with brackets side by side or a slash between
    (``[contributions][commitments][other]``), known by the words of their brackets, read
    from the whole text once (so that reading it in segments changes nothing): a spaced
    pair whose brackets, with the brackets each is written against, hold the words of one
    of them is that group again (``[contributions] [commitments][other]``).  Only the set
    of words of each is kept (as a hash), not the words."""

    def __init__(self, text: str):
        self._text = text
        self._seen: set[int] | None = None

    def _scan(self) -> set[int]:
        seen: set[int] = set()
        for m in _RUN.finditer(self._text):
            words = frozenset(" ".join(w.split()).lower() for w in _ONE.findall(m.group()))
            if len(words) >= 2 and not words & CONNECTIVE_ONLY:
                seen.add(hash(words))
        return seen

    def hold(self, words: frozenset[str]) -> bool:
        """Does the text write a group of exactly these words side by side?"""
        if self._seen is None:
            self._seen = self._scan()
        return hash(words) in self._seen


# runs of two brackets or more, each holding no bracket, side by side or with a slash
_RUN = rx.compile(r"\[[^\[\]\r\n]{1,300}\](?:[ \t]*/[ \t]*(?=\[)|(?=\[))"
                  r"(?:\[[^\[\]\r\n]{1,300}\](?:[ \t]*/[ \t]*(?=\[)|(?=\[)))*"
                  r"\[[^\[\]\r\n]{1,300}\]")
_ONE = rx.compile(r"\[([^\[\]\r\n]{1,300})\]")


class _WrittenTogether:
    """The spaced pairs of one segment against :class:`WrittenGroups`: each bracket with
    the brackets pass 1 joined it to (side by side or with a slash)."""

    def __init__(self, text: str, tokens: list[Token], partner: list[int],
                 touching: list[tuple[int, int]], known: WrittenGroups):
        self._text, self._tokens, self._partner, self._known = text, tokens, partner, known
        self._first: dict[int, int] = {}  # `[` of a group -> the group's first `[`
        self._members: dict[int, list[int]] = {}
        for r, k in touching:  # in the order of the text: a group's first `[` comes first
            first = self._first.get(partner[r], partner[r])
            self._first[k] = first
            self._members.setdefault(first, [first]).append(k)

    def _inner(self, i: int) -> str:
        t = self._tokens
        return " ".join(self._text[t[i].end_pos:t[self._partner[i]].start_pos].split()).lower()

    def _words(self, i: int) -> frozenset[str]:
        first = self._first.get(i, i)
        return frozenset(self._inner(m) for m in self._members.get(first, [first]))

    def elsewhere(self, r: int, k: int) -> bool:
        """Do the ``]`` at ``r`` and the ``[`` at ``k`` (blanks between) close and open
        brackets of one group written side by side elsewhere?"""
        words = self._words(self._partner[r]) | self._words(k)
        return len(words) >= 2 and self._known.hold(words)


def _linking(text: str, tokens: list[Token], partner: list[int], i: int) -> str | None:
    """What the bracket pair at ``i`` (either end) holds when it only links: ``word`` for
    a lone connective (``[and]``), ``letter`` for a one-letter one (``[y]``, also a label
    or a variable), ``punct`` for punctuation (``[,]``), else None."""
    inner = _plain_inner(text, tokens, partner, i)
    if inner is None:
        return None
    inner = " ".join(inner.split())
    if inner.lower() in CONNECTIVE_ONLY:
        return "word" if len(inner) > 1 or not inner.isalpha() else "letter"
    return "punct" if inner and not _CONTENT.search(inner) else None


def _plain_inner(text: str, tokens: list[Token], partner: list[int], i: int) -> str | None:
    """The text of the bracket pair at ``i`` (either end) when it holds one token of text
    at most (no bracket, note or attribution inside), else None."""
    a, b = sorted((i, partner[i]))
    return text[tokens[a].end_pos:tokens[b].start_pos] if b - a <= 2 else None


def _connective_led(text: str, tokens: list[Token], partner: list[int], i: int) -> bool:
    """Does the bracket pair at ``i`` (either end) hold three words at most, opening with
    a connective (``[and, where]``, ``[or, as appropriate]``)?"""
    inner = _plain_inner(text, tokens, partner, i)
    words = inner.replace(",", " ").split() if inner is not None else []
    if not 2 <= len(words) <= 3:
        return False
    return any(" ".join(words[:n]).lower() in CONNECTIVE_ONLY for n in (1, 2, 3)
               if n < len(words))


def _head(text: str, tokens: list[Token], i: int) -> str:
    """The first characters of the text of the bracket opened at ``i``."""
    start = tokens[i].end_pos
    return text[start:start + _SNIPPET]


def _affix(inner: str) -> bool:
    """A few letters a bracket adds to a word (``a[n]``, ``People[s]``, ``[re]establish``)."""
    return 0 < len(inner) <= 3 and inner.isalpha()


def _spaced(text: str, tokens: list[Token], partner: list[int], r: int, k: int, *,
            chained: bool, slashed: bool) -> Reading:
    a0, a1 = tokens[partner[r]].end_pos, tokens[r].start_pos
    b0, b1 = tokens[k].end_pos, tokens[partner[k]].start_pos
    attributed = tokens[r + 1].type == "ATTRIB" and tokens[partner[k] + 1].type == "ATTRIB" \
        if partner[k] + 1 < len(tokens) else False
    s, e = tokens[partner[r]].start_pos, tokens[partner[k]].end_pos
    if not attributed and (s and in_word(text[s - 1]) and _affix(text[a0:a1]) or
                           e < len(text) and in_word(text[e]) and _affix(text[b0:b1])):
        # `a[n] [intergovernmental]`, `[a] [re]establish`: written inside a word
        return Reading(False, True, "a bracket written inside a word belongs to it")
    b2 = tokens[partner[k]].end_pos
    s0 = tokens[partner[r]].start_pos
    return spaced_reading(text[a0:min(a1, a0 + _SNIPPET)], text[max(a0, a1 - _SNIPPET):a1],
                          text[b0:min(b1, b0 + _SNIPPET)], text[max(b0, b1 - _SNIPPET):b1],
                          attributed=attributed, chained=chained, after=text[b2:b2 + _SNIPPET],
                          slashed=slashed, before=text[max(0, s0 - _SNIPPET):s0])
