"""Parse tree -> AST: nodes with spans, stable ids, option blocks and footnote links.

The builder walks the tree once, in document order.  It keeps the structural
context (division, preamble, article, paragraph, subparagraphs) so every group gets
an id such as ``art_5__para_2__brk_3``; groups inside an alternative are numbered
under it (``art_5__para_2__brk_3__alt_1__brk_1``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from sys import intern
from typing import TYPE_CHECKING, cast

from . import errors as E
from .ast import (
    Alternative,
    BracketGroup,
    Delegation,
    Document,
    DraftingNote,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
    UnitKind,
    derived_alternative,
    drop_derivable_span,
)
from .document import named_delegations
from .labels import read_marker
from .lalr import Token, Tree
from .numbering import division_number, normalise_number
from .options import Closer, Item, Label, gather, lone_option
from .proposer_tags import is_tag, tag_proposers
from .source import Span, packed, unpack
from .storage import SourceText

if TYPE_CHECKING:
    from .ast import FrontMatter
    from .parser import _Problems

# A node's span slot also takes the packed form of its Span
# (treatydraft/storage.py), which the builder passes as it is.

__all__ = ["build"]

_TEXTUAL = frozenset({"TEXT", "AT", "BACKSLASH", "LBRACE", "GAP", "SLASH", "ATTRIB",
                      "GROUP_ATTRIB"})
_LEVEL = {"part": 1, "title": 1, "chapter": 2, "section": 3, "preamble": 3,
          "article": 4, "paragraph": 5, "subparagraph": 6}
#: what a footnote label may not bring into an id (`fn_<label>`)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_ID_PREFIX = {"part": "part", "title": "title", "chapter": "chp", "section": "sec"}
_ROMAN = set("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())


def _span(tok: Token) -> Span:
    return Span(tok.start_pos, tok.end_pos, tok.line, tok.column, tok.end_line,
                tok.end_column)


def _packed(tok: Token) -> Span:
    """The span of ``tok`` as a node stores it (:func:`~treatydraft.source.pack`), typed
    as the :class:`Span` it stands for."""
    return packed(tok.start_pos, tok.end_pos, tok.line,  # type: ignore[return-value]
                  tok.column, tok.end_line, tok.end_column)


def _marker_label(tok: Token) -> str:
    """The label of a footnote marker: ``[^1]`` and ``[17]`` -> ``1`` and ``17``."""
    return str(tok).strip(" \t[]［］^")


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c for c in raw.strip().lstrip("@").split("+") if c)


class _Builder:
    def __init__(self, problems: _Problems, delegations: tuple[Delegation, ...],
                 known: dict[str, tuple[str, ...]], text: str):
        self.problems = problems
        self.source = SourceText(text)  # texts read their value from it (storage.SourceText)
        self.names = tuple((d.code, d.name) for d in delegations)  # shared by every Footnote
        self.registry = {d.code for d in delegations}
        self.known = known  # footnote label -> proposers, read before the body is built
        self.notes: list[Footnote] = []  # every footnote line, in document order
        # equal small values the nodes share (gaps tuples)
        self.shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.counters: dict[str, int] = {}
        self.used_locations: dict[str, int] = {}
        # structural context
        self.division: str | None = None
        self.preamble = False
        self.article: str | None = None
        self.para: str | None = None
        self.subs: list[tuple[str, str]] = []  # (style, label)
        self.level = 0
        self.location = ""

    # -- ids ---------------------------------------------------------------
    def _next(self, prefix: str, kind: str) -> str:
        key = f"{prefix}\x00{kind}"
        n = self.counters.get(key, 0) + 1
        self.counters[key] = n
        return f"{prefix}__{kind}_{n}" if prefix else f"{kind}_{n}"

    def _relocate(self) -> str:
        parts: list[str] = []
        if self.article:
            parts.append(self.article)
        elif self.preamble:
            parts.append("preamble")
        elif self.division:
            parts.append(self.division)
        if self.para:
            parts.append(self.para)
        parts.extend(f"subpara_{normalise_number(label)}" for _, label in self.subs)
        loc = "__".join(parts)
        seen = self.used_locations.get(loc, 0) + 1
        self.used_locations[loc] = seen
        self.location = loc if seen == 1 or not loc else f"{loc}_{seen}"
        return self.location

    # -- structure -----------------------------------------------------------
    def heading(self, tok: Token) -> Heading:
        value = str(tok)
        marker = read_marker(tok.type, value)
        kind = marker.kind
        number = normalise_number(marker.number) if marker.number else ""
        if marker.number and (kind in _ID_PREFIX or kind == "article" and
                              marker.number[:1] in "IVXLC"):
            number = division_number(marker.number)  # `Chapter I`, `第一章`: chp_1; art_2
        if kind == "preamble":
            self.preamble, self.article, self.para, self.subs = True, None, None, []
        elif kind in _ID_PREFIX:
            self.division = f"{_ID_PREFIX[kind]}_{number}"
            self.preamble, self.article, self.para, self.subs = False, None, None, []
        elif kind == "article":
            self.article, self.preamble, self.para, self.subs = f"art_{number}", False, None, []
        elif kind == "paragraph":
            self.para, self.subs = f"para_{number}", []
            if "]" in value or "］" in value or "】" in value:
                self._renumbered(tok, value, number)
        else:  # subparagraph: `(a)`, `a)`, `iv.`
            self._subparagraph(marker.number)
        level = _LEVEL[kind] + (len(self.subs) - 1 if kind == "subparagraph" else 0)
        self.level = level
        location = self._relocate()
        # a repeated article or division number: what follows is located under the
        # unique id (art_7_2__para_1), not under the first unit of that number
        if kind == "article":
            self.article = location
        elif kind in _ID_PREFIX:
            self.division = location
        # (a heading token's marker is a unit's, never an option's)
        return Heading(cast(UnitKind, kind), value, number, level, location, _packed(tok))

    def _renumbered(self, tok: Token, value: str, number: str) -> None:
        """``[4][2].``: warn that the number is kept as written, for the editor to settle
        once the options it depends on are resolved."""
        assert tok.line is not None and tok.column is not None  # the lexer sets them
        self.problems.add(E.ParseError, f"paragraph number in brackets '{value.strip()}': it "
                          "depends on which option is kept; read as paragraph "
                          f"{number} and kept as written", tok.line, tok.column,
                          severity="warning", offset=tok.start_pos, code="bracketed-number",
                          hint="renumber the paragraph by hand once the options before it "
                               "are resolved (resolving does not change numbers)")

    def _subparagraph(self, label: str) -> None:
        """Place ``(label)`` in the subparagraph stack: each label style is one level."""
        if label.isdigit():
            style = "digit"
        elif label.isascii() and label.isalpha() and label.islower():
            style = "roman" if label in _ROMAN else "letter"
            # (i) after (h), (v) after (u), (x) after (w) continue the letters
            last_letter = next((lab for st, lab in reversed(self.subs) if st == "letter"), "")
            if style == "roman" and len(label) == 1 and len(last_letter) == 1 \
                    and ord(label) == ord(last_letter) + 1:
                style = "letter"
        else:
            style = "other"
        for i, (st, _) in enumerate(self.subs):
            if st == style:
                del self.subs[i:]
                break
        self.subs.append((style, label))

    # -- attribution -----------------------------------------------------------
    def _proposers(self, tok: Token) -> tuple[str, ...]:
        """The proposers an attribution names: ``@RUS+CHN`` (registry codes, checked), or
        a bulletin's tag in parentheses (``(G-77/CHINA)``: :mod:`.proposer_tags`)."""
        if is_tag(tok):
            return tag_proposers(tok, self.names)
        codes = _codes(tok)
        self._check_codes(codes, tok)
        return codes

    def _check_codes(self, codes: tuple[str, ...], tok: Token) -> None:
        for code in codes:
            if code not in self.registry:
                assert tok.line is not None and tok.column is not None and \
                    tok.start_pos is not None  # the lexer sets them
                col = tok.column + str(tok).find(code)
                known = ", ".join(sorted(self.registry)) or "none: the draft has no registry"
                self.problems.add(
                    E.UnknownDelegation, f"unknown delegation code '{code}'", tok.line, col,
                    offset=tok.start_pos + str(tok).find(code),
                    hint=f"registered codes: {known}")

    # -- sequences ---------------------------------------------------------------
    def items(self, children: list[Token | Tree[Token]], prefix: str | None,
              depth: int) -> tuple[Node, ...]:
        out: list[Item] = []
        if self.fill(children, prefix, depth, out):
            return tuple(gather(self, out))
        return tuple(cast(list[Node], out))  # no option label among them

    def fill(self, children: list[Token | Tree[Token]], prefix: str | None, depth: int,
             out: list[Item]) -> bool:
        """Append the nodes of ``children`` (a parse tree's, consumed) to ``out``; True
        when option labels were among them (the caller gathers them into blocks)."""
        text_run: list[Token] = []
        has_options = False
        # a footnote line being read: its FNDEF token, where its text starts in ``out``,
        # and the prefix to go back to at the line's end
        note: tuple[Token, int, str | None] | None = None

        def flush() -> None:
            if text_run:
                first, last = text_run[0], text_run[-1]
                # the text is read from the source at its (packed) span: see storage.SourceText
                out.append(Text(self.source, packed(  # type: ignore[arg-type]
                    first.start_pos, last.end_pos, first.line,
                    first.column, last.end_line, last.end_column)))
                text_run.clear()

        for index, child in enumerate(children):
            # the parse tree is consumed as the AST grows, so both are never whole at once
            children[index] = None  # type: ignore[call-overload]
            if isinstance(child, Token):
                t = child.type
                if t in _TEXTUAL:
                    text_run.append(child)
                    continue
                flush()
                if t == "NL":
                    if note is not None:
                        prefix, note = self.footnote(note, out), None
                    out.append(LineBreak(str(child), _packed(child)))
                elif t in ("PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA"):
                    out.append(self.heading(child))
                elif t in ("PLACEHOLDER", "PH_TEXT"):
                    pid = self._next(prefix if prefix is not None else self.location, "ph")
                    out.append(Placeholder(str(child), pid, self.location, depth, _packed(child)))
                elif t in ("DNOTE", "BRACE_NOTE"):
                    raw = str(child)  # from its opening bracket or brace to its closing one
                    cut = 2 if raw.startswith("<<") else 1  # `<<Note: ...>>`
                    out.append(DraftingNote(raw[cut:-cut].strip(), raw, _packed(child)))
                elif t == "FNREF":
                    out.append(FootnoteRef(_marker_label(child), str(child), _packed(child)))
                elif t == "FNDEF":  # the note's text follows, up to the line's end
                    if note is not None:  # (the token pass never gives two on a line)
                        prefix = self.footnote(note, out)
                    note = (child, len(out), prefix)
                    prefix = "fn_" + _ID_UNSAFE.sub("_", _fn_label(str(child)))
                elif t == "NOTE":
                    out.append(Note(str(child).strip()[1:].strip(), str(child), _packed(child)))
                elif t == "NO_TEXT":
                    out.append(NoText(str(child), _packed(child)))
                elif t == "END_OPTIONS":
                    has_options = True
                    out.append(OptionsEnd(str(child), _packed(child)))
                elif t == "OPT_RBR":  # the `]` of an option bracketed whole
                    out.append(Closer(child, _span(child)))
                elif t == "ESCAPE":
                    out.append(Escape(str(child), _packed(child)))
                elif t == "SPLIT":
                    out.append(SplitMark(str(child), _packed(child)))
                elif t in ("FRONT_MATTER", "BOM"):
                    continue
                else:  # pragma: no cover - every terminal is handled above
                    raise E.ParseError(f"unhandled token {t}")
            elif isinstance(child, Heading):  # already read by group() to name it
                flush()
                out.append(child)
            elif child.data == "group":
                flush()
                group = self.group(child, prefix, depth + 1)
                out.append(group)
                # `[Option 2: ...]`: gather() warns when options are bracketed one by one
                has_options = has_options or lone_option(group) is not None
            else:  # option_label
                flush()
                has_options = True
                out.append(self.option_label(child, prefix, depth))
        flush()
        if note is not None:
            self.footnote(note, out)
        return has_options

    def footnote(self, note: tuple[Token, int, str | None], out: list[Item]) -> str | None:
        """Replace the nodes of a footnote's text, from where its marker stood to the end
        of ``out``, by the :class:`Footnote`; give back the prefix before it."""
        tok, start, before = note
        kids = out[start:]
        del out[start:]
        # `Option 1:` in a note: its own block
        children = tuple(gather(self, kids) if any(isinstance(k, Label) for k in kids)
                         else cast(list[Node], kids))
        marker = str(tok)
        span = Span.covering(_span(tok), children[-1].span) if children else _span(tok)
        made = Footnote(_fn_label(marker), marker, children, self.names, span)
        self.notes.append(made)
        out.append(made)
        return before

    def group(self, tree: Tree[Token], prefix: str | None, depth: int) -> BracketGroup:
        # a bracketed paragraph or article: its heading names the group's location
        first_alt = tree.children[0]
        if prefix is None and isinstance(first_alt, Tree) and len(first_alt.children) > 1:
            first = first_alt.children[1]
            if isinstance(first, Token) and first.type in ("ARTICLE", "PARA", "SUBPARA",
                                                           "DIVISION", "PREAMBLE"):
                # read by fill() as a node of the alternative
                first_alt.children[1] = self.heading(first)  # type: ignore[call-overload]
        location = self.location
        gid = self._next(prefix if prefix is not None else location, "brk")
        alts: list[Alternative] = []
        gaps: list[str] = []
        attribution, proposers = "", cast(tuple[str, ...], ())
        for part in tree.children:
            if isinstance(part, Token):
                if part.type in ("GAP", "SLASH"):
                    gaps.append(str(part))
                else:  # GROUP_ATTRIB
                    attribution, proposers = str(part), self._proposers(part)
                continue
            if len(alts) > len(gaps):
                gaps.append("")
            alts.append(self.alternative(part, gid, len(alts) + 1, depth))
        # the span is derived from the alternatives when read (ast.drop_derivable_span):
        # the group attribution stands right after the last one, on its line
        span = None
        last = tree.children[-1]  # the group attribution, when there is one
        if ("\n" in attribution or "\r" in attribution) and isinstance(last, Token):
            span = Span.covering(Span.covering(alts[0].span, alts[-1].span), _span(last))
        gaps_t = tuple(gaps)
        gaps_t = self.shared.setdefault(gaps_t, gaps_t)  # most are ('',) * k: kept once
        return BracketGroup(gid, alts[0] if len(alts) == 1 else tuple(alts), gaps_t,
                            attribution, proposers, location, depth, span)

    def alternative(self, tree: Tree[Token], gid: str, index: int, depth: int) -> Alternative:
        kids = tree.children
        open_tok = kids[0]
        close_at = len(kids) - 1  # the last RBR: only an attribution and markers follow it
        while not (isinstance(close_tok := kids[close_at], Token) and close_tok.type == "RBR"):
            close_at -= 1
        inner = kids[1:close_at]
        end = kids[-1]  # the closing bracket, or the attribution or footnote marker after it
        # the grammar: an alternative opens and ends with a token, tokens follow its RBR
        assert isinstance(open_tok, Token) and isinstance(end, Token)
        attribution, proposers = "", cast(tuple[str, ...], ())
        refs: list[FootnoteRef] = []
        for k in kids[close_at + 1:]:
            assert isinstance(k, Token)
            if k.type == "ATTRIB":
                attribution, proposers = str(k), self._proposers(k)
            else:
                refs.append(FootnoteRef(_marker_label(k), str(k), _packed(k)))
        if not proposers:
            for ref in refs:
                named = self.known.get(ref.label)
                if named is not None:
                    proposers += tuple(c for c in named if c not in proposers)
        span = packed(open_tok.start_pos, end.end_pos, open_tok.line,
                      open_tok.column, end.end_line, end.end_column)
        children: tuple[Node, ...] | SourceText
        if inner and end.end_line == open_tok.line and all(
                type(k) is Token and k.type in _TEXTUAL for k in inner):
            # one text on one line: read from the source when asked (storage.SourceText)
            children = self.source
            for i in range(1, close_at):
                kids[i] = None  # type: ignore[call-overload]  # consumed
        else:
            children = self.items(inner, f"{gid}__alt_{index}", depth)
        alt = derived_alternative(gid, index, intern(str(open_tok)), children, intern(str(close_tok)),
                                  attribution, proposers, tuple(refs) if refs else (), span)
        if children is not self.source:
            drop_derivable_span(alt, unpack(span))
        return alt

    def option_label(self, tree: Tree[Token], prefix: str | None, depth: int) -> Label:
        label = Label()
        first, last = tree.children[0], tree.children[-1]
        assert isinstance(first, Token) and isinstance(last, Token)  # the grammar: tokens only
        parts = tree.children[1:]
        if first.type == "OPT_LBR":  # `[Option 2: ...]`: an option bracketed whole
            label.open = str(first)
            label.token = cast(Token, parts.pop(0))
        else:
            label.token = first
        label.attribution, label.proposers = "", ()
        label.group_attribution, label.group_proposers = "", ()
        for part in parts:
            assert isinstance(part, Token)
            codes = _codes(part)
            self._check_codes(codes, part)
            if part.type == "ATTRIB":
                label.attribution, label.proposers = str(part), codes
            else:
                label.group_attribution, label.group_proposers = str(part), codes
        label.location = prefix if prefix is not None else self.location
        label.ctx_level = self.level
        label.depth = depth + 1
        label.span = Span.covering(_span(first), _span(last))
        return label

def _fn_label(value: str) -> str:
    value = value.strip()
    return value[2:value.index("]:") if "]:" in value else value.index("］:")]


def footnote_proposers(value: str,
                       names: Iterable[tuple[str, str]]) -> tuple[str, tuple[str, ...], str]:
    """(label, proposers, text) of the footnote line ``value``: the registry codes
    its text names (by code or full name), in the order they appear."""
    label = _fn_label(value)
    text = value.strip()[len(label) + 4:].strip()
    return label, named_delegations(text, names), text


def _footnotes(notes: list[Footnote], problems: _Problems) -> dict[str, Footnote]:
    """label -> the first Footnote of that label; a second definition is warned about."""
    by_label: dict[str, Footnote] = {}
    for note in notes:
        if note.label in by_label:
            problems.add(E.ParseError, f"footnote [^{note.label}] is defined twice",
                         note.span.line, note.span.column, severity="warning",
                         offset=note.span.start, code="duplicate-footnote",
                         hint="the first definition is the one linked to the marker")
        else:
            by_label[note.label] = note
    return by_label


def build(trees: Iterable[Tree[Token]], text: str, problems: _Problems, source: str | None,
          front: FrontMatter, known: dict[str, tuple[str, ...]]) -> Document | None:
    """The :class:`Document` for the parse trees ``trees`` of ``text`` (its segments, in
    order, each consumed as it is built) with front matter ``front``.

    ``known`` maps footnote labels to the proposers their first definition names, as read
    before the body (an alternative's footnote marker usually comes before the note); if
    the footnote lines found while building say otherwise, None is returned and the
    caller builds again from the whole token list."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    if not front.value and text.startswith("---", len(bom)) and \
            text[len(bom) + 3:len(bom) + 4] in ("\n", "\r", " ", "\t", ""):
        problems.add(E.FrontMatterError, "front matter opened here is never closed", 1, 1,
                     hint="end the front matter with a line '---'")
    builder = _Builder(problems, front.delegations, known, text)
    items: list[Item] = []
    has_options = False
    for tree in trees:
        has_options |= builder.fill(tree.children, None, 0, items)
        del tree
    # with no option label among them, the items are the nodes
    out = gather(builder, items) if has_options else cast(list[Node], items)
    footnotes = _footnotes(builder.notes, problems)
    if {label: note.proposers for label, note in footnotes.items()} != known:
        return None
    problems.raise_first()
    return Document(front, tuple(out), problems.diagnostics(), source, footnotes, bom)
