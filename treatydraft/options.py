"""Gathering option labels into option blocks (the builder's second look at a sequence).

The parser gives option labels (``Option 1:``, ``Option II``, ``Option (a):``,
``3.3alt``) as :class:`Label` markers among the nodes of a sequence; :func:`gather`
turns the sequence into one where every run of options is an
:class:`~treatydraft.ast.OptionBlock`.  The rules (docs/format.md, "Option blocks"):

* labels of one *series* (``Option 1``, ``Option 2`` ...; ``Option I``, ``Option II``;
  ``Option (a)``, ``Option (b)``) form one block; the first label of another series
  (``Option 1``, ``Option (a)``) opens a block nested in the current option; a label of an
  enclosing block's series closes the blocks nested in it; ``Option 1`` again after
  ``Option 2`` starts a new block; a later label of no open series (``Option I`` then
  ``Option 2``, as drafts mistype) continues the innermost block;
* a label line followed by units (``Option I (paras 6-9bis):`` then ``6. ...``): the
  options hold those units, and the block runs until a unit above them;
* ``3.3alt`` / ``3.3bis Alt`` is an alternative to the unit it names: the paragraph
  ``3.3`` just before it becomes the first option of the block;
* a label in another cell of the same table row (a ``|`` between them on one line: a
  concordance's columns) is another text's: the blocks open end before it;
* a block ends at ``\\end-options``, at a heading at the level of the unit the block
  stands in or above, after a ``No text`` option (unless another label follows), or at
  the end of the sequence.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from . import errors as E
from .ast import (
    BracketGroup,
    Heading,
    LineBreak,
    Node,
    NoText,
    Option,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    Text,
)
from .labels import read_marker
from .lalr import Token
from .numbering import normalise_number
from .source import Span, packed

if TYPE_CHECKING:
    from .builder import _Builder

__all__ = ["Closer", "Label", "first_of_series", "gather", "lone_option", "option_number"]

_ARTICLE_LEVEL = 4  # a block before any unit ends at the next article or above


class Label:
    """An option label while its block is being gathered (not part of the AST)."""
    __slots__ = ("token", "attribution", "group_attribution", "proposers", "group_proposers",
                 "location", "ctx_level", "span", "depth", "read_number", "open", "close",
                 "close_span", "gap")
    token: Token
    attribution: str
    group_attribution: str
    proposers: tuple[str, ...]
    group_proposers: tuple[str, ...]
    location: str
    ctx_level: int
    span: Span
    depth: int
    read_number: str
    """Set only when the number as written carries fused footnote marks."""
    open: str
    """The bracket of an option bracketed whole (``[Option 2: ...]``), else ''."""
    close: str
    close_span: Span
    gap: str
    """What stands between the ``]`` of the option before and this label."""

    def __init__(self) -> None:
        self.open = self.close = self.gap = ""


class Closer:
    """The ``]`` of an option bracketed whole while its block is gathered (not in the AST)."""
    __slots__ = ("token", "span")

    def __init__(self, token: Token, span: Span):
        self.token, self.span = token, span


#: A sequence of nodes as the builder makes it, option labels among them.
Item = Node | Label | Closer
#: One option while gathered: its label and the nodes it holds.
_Gathered = tuple[Label, list[Node]]


def option_number(label: str) -> tuple[str, str]:
    """(series, number) of a label: ``Option 2:`` -> ("arabic", "2"), ``Option II`` ->
    ("roman", "II"), ``Option (b):`` -> ("letter", "b"), ``3.3alt`` -> ("alt:3.3", "2");
    read with grammar/label.lark."""
    marker = read_marker("OPTION", label)
    return marker.series, marker.number


def first_of_series(number: str) -> bool:
    """The first of its series: 1, i, a; `1.1` and `2.1` (dotted: the last part)."""
    return normalise_number(number).rpartition("-")[2] in ("1", "i", "a")


class _Open:
    """A block being gathered."""
    __slots__ = ("first", "series", "limit", "options", "holds_units")

    def __init__(self, first: Label, series: str, limit: int, options: list[_Gathered]):
        self.first, self.series, self.limit, self.options = first, series, limit, options
        self.holds_units = False  # a unit was kept in it: its options are no chapeaux


def gather(builder: _Builder, nodes: list[Item]) -> list[Node]:
    """``nodes`` with each run of options made an :class:`OptionBlock`."""
    out: list[Node] = []
    stack: list[_Open] = []
    n = len(nodes)
    closed_by_no_text = -2  # `\end-options` right after a `No text` option is allowed

    def target() -> list[Node]:
        return stack[-1].options[-1][1] if stack else out

    def close() -> None:
        blk = stack.pop()
        target().append(_block(builder, blk.first, blk.options))

    # after the `]` of an option bracketed whole: its block, and the blanks since
    after: _Open | None = None
    held: list[Node] = []
    ended: _Open | None = None  # the last block so ended, for a later option of it
    fused = _fused_marks(builder, nodes)
    def end_bracketed() -> None:
        """The block ends with the ``]`` of its last option (``after``, the top block);
        the blanks held since come after it."""
        nonlocal after, ended, held
        ended, after = after, None
        close()
        target().extend(held)
        held = []

    for i, node in enumerate(nodes):
        if after is not None:
            if isinstance(node, LineBreak) or isinstance(node, Text) and not node.value.strip():
                held.append(node)
                continue
            if not isinstance(node, Label):  # a label decides below, once read
                end_bracketed()
                if isinstance(node, OptionsEnd):  # `\end-options` after it says the same
                    target().append(node)
                    continue
        if isinstance(node, Closer):
            opt = stack[-1].options[-1][0] if stack else None
            if opt is not None and opt.open and not opt.close:
                opt.close, opt.close_span = str(node.token), node.span
                after = stack[-1]
            else:  # pragma: no cover - the token pass keeps labels and headings out of it
                tok = node.token
                target().append(Text(builder.source, packed(  # type: ignore[arg-type]
                    tok.start_pos, tok.end_pos, tok.line, tok.column, tok.end_line,
                    tok.end_column)))
            continue
        if isinstance(node, Label):
            if stack and _other_cell(builder.source.text, stack[-1].options[-1][0], node):
                if after is not None:
                    end_bracketed()
                while stack:  # each cell of a table's row is read on its own
                    close()
                ended = None
            series, number = option_number(str(node.token))
            number = fused.get(i, number)
            k = _joins(stack, series, number)
            if after is not None:  # after an option bracketed whole, `after` on top
                if k == len(stack) - 1:
                    node.gap = "".join(h.value for h in held)  # type: ignore[union-attr]
                    after, held = None, []
                else:
                    end_bracketed()  # (a lower block's index k stays valid)
            if k is not None:
                while len(stack) > k + 1:
                    close()
                stack[-1].options.append((node, []))
                stack[-1].limit = min(stack[-1].limit, _limit(node, nodes, i))
                continue
            k = _series_index(stack, series)
            if k is None and node.open and ended is not None and ended.series == series \
                    and not first_of_series(number):
                _apart(builder, node, ended.options[-1][0])
            if k is not None:  # `Option 1` again: a new block in place of the old one
                while len(stack) > k:
                    close()
            if series.startswith("alt:"):
                first = _unit_option(builder, target(), series[4:], node)
                if first is not None:
                    heading, label, children = first
                    stack.append(_Open(label, series, heading.level, [(label, children),
                                                                     (node, [])]))
                    continue
                while stack:  # the unit it names is not here: a block of its own
                    close()
            stack.append(_Open(node, series, _limit(node, nodes, i), [(node, [])]))
            continue
        if isinstance(node, OptionsEnd):
            if stack:
                close()
            elif closed_by_no_text != i - 1:
                builder.problems.add(E.OptionBlockError, "option block without options: "
                                     "'\\end-options' closes nothing", node.span.line,
                                     node.span.column, offset=node.span.start,
                                     hint="start each option with a label such as 'Option 1:'")
            target().append(node)
            continue
        if isinstance(node, Heading):
            while stack and node.level <= stack[-1].limit:
                close()
            if stack and not stack[-1].holds_units:  # checked once a block, not per unit
                if _chapeaux(stack[-1].options):
                    close()  # the units below are the list the rival chapeaux introduce
                else:
                    stack[-1].holds_units = True
            target().append(node)
            continue
        if stack and isinstance(node, LineBreak):
            label, current = stack[-1].options[-1]
            if any(isinstance(c, NoText) for c in current) and \
                    not (i + 1 < n and isinstance(nodes[i + 1], Label)) and \
                    not (label.open and not label.close):
                current.append(node)  # "No text" ends its option, and the block
                close()
                closed_by_no_text = i
                continue
        target().append(node)
    while stack:
        close()
    out.extend(held)
    _bracketed_one_by_one(builder, out)
    return out


def _other_cell(text: str, before: Label, label: Label) -> bool:
    """Does ``label`` open another cell of the table row ``before`` stands in (the same
    line, a ``|`` between them: a concordance's columns, ``Opción 1: ... | UN | الخيار 1:
    ...``)?  Then it is the label of another text, not a rival option."""
    return before.span.line == label.span.line and \
        "|" in text[before.span.end:label.span.start]


def _apart(builder: _Builder, label: Label, before: Label) -> None:
    """Warn that an option bracketed whole starts a block of its own because text stands
    between it and the option before it (`[Option 1: ...]`, a page footer, `[Option 2: ...]`)."""
    s, b = label.span, before.span
    builder.problems.add(E.ParseError, f"options bracketed one by one with text between "
                         f"them: '{label.open}{str(label.token).strip()}' at {s.line}:"
                         f"{s.column} does not join '{before.open}"
                         f"{str(before.token).strip()}' at {b.line}:{b.column}; they are "
                         "read as separate blocks, not competing", s.line, s.column,
                         severity="warning", offset=s.start, code="bracketed-options",
                         hint="move the text between them out of the block, or write the "
                              "labels outside the brackets ('Option 2: [...]')")


def _series_index(stack: list[_Open], series: str) -> int | None:
    """The index in ``stack`` of the innermost open block of ``series``, or None."""
    return next((k for k in range(len(stack) - 1, -1, -1) if stack[k].series == series), None)


def _joins(stack: list[_Open], series: str, number: str) -> int | None:
    """The index in ``stack`` of the open block a label of ``series`` and ``number``
    continues, or None (it opens a block)."""
    k = _series_index(stack, series)
    if k is None and stack and not first_of_series(number) and series[:4] != "alt:":
        k = len(stack) - 1  # `Option I` ... `Option 2`: the same block, mistyped
    if k is not None and first_of_series(number) and series[:4] != "alt:":
        return None  # `Option 1` again: a new block
    return k


def _chapeaux(options: list[_Gathered]) -> bool:
    """Two options or more, each one line of text ending with ``:``, a unit next
    (``Alternative 1: ... guided by the following principles:`` / ``Alternative 2: ...
    principles:`` then ``(a) ...``): rival chapeaux of one list, which is theirs alike."""
    def chapeau(children: list[Node]) -> bool:
        last, broken = "", False  # the last text with content; a line break before it
        for c in children:
            if isinstance(c, LineBreak):
                broken = True
            elif not isinstance(c, Text) or c.value.strip():
                if broken:
                    return False  # more than one line
                last = c.value.rstrip() if isinstance(c, Text) else ""
        return last.endswith((":", "："))
    return len(options) >= 2 and all(chapeau(children) for _, children in options)


def lone_option(node: Node) -> Option | None:
    """The option of ``[Option 2: ...]``: a bracket of one alternative holding nothing but
    a block of one option (blanks around it aside)."""
    if not isinstance(node, BracketGroup) or len(node.alternatives) != 1:
        return None
    inside = [c for c in node.alternatives[0].children
              if not (isinstance(c, LineBreak) or isinstance(c, Text) and not c.value.strip())]
    if len(inside) == 1 and isinstance(blk := inside[0], OptionBlock) and len(blk.options) == 1:
        return blk.options[0]
    return None


def _bracketed_one_by_one(builder: _Builder, seq: list[Node]) -> None:
    """Warn where options are bracketed whole one by one (``[Option 1: ...]``, then
    ``[Option 2: ...]``): each is read as an optional bracket holding a block of one option,
    so the options do not compete (a variant may keep both, or neither)."""
    seen: dict[str, Option] = {}  # series -> the first bracketed option of that series
    for node in seq:
        if isinstance(node, Heading):
            seen.clear()
            continue
        opt = lone_option(node)
        if opt is None:
            continue
        series = option_number(opt.label)[0]
        first = seen.setdefault(series, opt)
        if first is opt or first_of_series(opt.number):
            seen[series] = opt
            continue
        s, f = opt.span, first.span
        builder.problems.add(E.ParseError, f"options bracketed one by one: '{opt.label.strip()}' "
                             f"at {s.line}:{s.column} and '{first.label.strip()}' at "
                             f"{f.line}:{f.column} are read as separate optional brackets, "
                             "each holding one option; they do not compete as one block",
                             s.line, s.column, severity="warning", offset=s.start,
                             code="bracketed-options",
                             hint="to make them one block, write the labels outside the "
                                  "brackets ('Option 2: [...]') or bracket the whole block")


def _fused_marks(builder: _Builder, nodes: list[Item]) -> dict[int, str]:
    """Labels whose number carries footnote marks fused to it, as text copied from a
    PDF gives them (``Option 167:`` for ``Option 1`` and the marks 6 and 7): an arabic
    number longer than one digit, starting with 1, whose next label of the same series
    is ``2``.  Returns {index in ``nodes``: the number read}, with a warning for each."""
    out: dict[int, str] = {}
    following: dict[str, str] = {}  # series -> number of the next label of that series
    for i in range(len(nodes) - 1, -1, -1):
        node = nodes[i]
        if not isinstance(node, Label):
            continue
        series, number = option_number(str(node.token))
        if series == "arabic" and number.isdigit() and len(number) > 1 and number[0] == "1" and \
                following.get(series) == "2":
            out[i] = node.read_number = "1"
            tok = node.token
            builder.problems.add(E.ParseError, f"option label '{str(tok).strip()}' read as "
                                 f"option 1 followed by the footnote marks '{number[1:]}'",
                                 tok.line, tok.column, severity="warning", offset=tok.start_pos,
                                 code="fused-option-number",
                                 hint="the next option of the series is numbered 2; write "
                                      "the footnote marks apart from the number")
            number = "1"
        following[series] = number
    return out


def _limit(label: Label, nodes: list[Item], i: int) -> int:
    """The heading level at or above which the block of ``label`` ends."""
    limit = label.ctx_level or _ARTICLE_LEVEL
    # a label line followed by units (`Option I (paras 6-9bis):`, then `6. ...`): the
    # options hold those units
    n = len(nodes)
    j = i + 1
    rest: list[str] = []
    while j < n and isinstance(text := nodes[j], Text):
        rest.append(text.value)
        j += 1
    # the rest of the label's line is a title (`for draft rules 6.1 and 6.2`), not the
    # option's text (`assist;`)
    if "".join(rest).rstrip(" \t*_")[-1:] in (".", ";", ","):
        return limit
    if j < n and isinstance(nodes[j], LineBreak):
        k = j + 1
        while k < n and (isinstance(node := nodes[k], LineBreak) or
                         (isinstance(node, Text) and not node.value.strip(" \t*_"))):
            k += 1
        if k < n and isinstance(heading := nodes[k], Heading):
            limit = min(limit, heading.level - 1)
    return limit


def _unit_option(builder: _Builder, seq: list[Node], number: str,
                 alt: Label) -> tuple[Heading, Label, list[Node]] | None:
    """For ``3.3alt``: take the paragraph ``3.3`` (and what follows it) out of ``seq`` as
    the first option; None when the unit before the label is not that paragraph."""
    want = normalise_number(number)
    for h in range(len(seq) - 1, -1, -1):
        node = seq[h]
        if isinstance(node, Heading):
            if node.kind != "paragraph" or node.number != want:
                return None
            children = seq[h:]
            del seq[h:]
            s = node.span
            tok = Token("OPTION", "", s.start, s.line, s.column, s.line, s.column, s.start)
            label = Label()
            label.token = tok
            label.attribution = label.group_attribution = ""
            label.proposers = label.group_proposers = ()
            label.location, label.ctx_level, label.depth = alt.location, node.level, alt.depth
            label.span = Span(s.start, s.start, s.line, s.column, s.line, s.column)
            return node, label, children
    return None


def _block(builder: _Builder, first: Label, options: list[_Gathered]) -> OptionBlock:
    bid = builder._next(first.location, "opts")
    built = []
    for k, (label, children) in enumerate(options, 1):
        tok = label.token
        end = label.close_span if label.close else children[-1].span if children else label.span
        if str(tok):
            number = getattr(label, "read_number", None) or option_number(str(tok))[1]
        else:
            number = children[0].number if children and isinstance(children[0], Heading) else "1"
        built.append(Option(f"{bid}__opt_{k}", k, str(tok), normalise_number(number),
                            label.attribution + label.group_attribution, label.proposers,
                            _deeper(children), Span.covering(label.span, end),
                            label.open, label.close))
    span = Span.covering(built[0].span, built[-1].span)
    group_proposers: tuple[str, ...] = ()
    for label, _ in options:  # `@@CODE` on any label attaches to the whole block
        group_proposers += tuple(c for c in label.group_proposers if c not in group_proposers)
    gaps = tuple(label.gap for label, _ in options[1:])
    return OptionBlock(bid, tuple(built), first.group_attribution, group_proposers,
                       first.location if "__brk_" not in first.location else builder.location,
                       first.depth, span, gaps if any(label.close for label, _ in options) else ())


def _deeper(nodes: Iterable[Node]) -> tuple[Node, ...]:
    """``nodes`` with every group, option block and placeholder in them one level deeper:
    an option block counts in the depth of what stands in its options, as a bracket
    group does (``Option 1: [shall][may]`` is at depth 2)."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, BracketGroup):
            node = replace(node, depth=node.depth + 1, alternatives=tuple(
                replace(a, children=_deeper(a.children)) for a in node.alternatives))
        elif isinstance(node, OptionBlock):
            node = replace(node, depth=node.depth + 1, options=tuple(
                replace(o, children=_deeper(o.children)) for o in node.options))
        elif isinstance(node, Placeholder):
            node = replace(node, depth=node.depth + 1)
        out.append(node)
    return tuple(out)
