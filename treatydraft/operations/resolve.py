"""Resolving brackets: choose an alternative, keep or drop optional text, pick an option.

:func:`resolve` takes a :class:`~treatydraft.ast.Document` and a choice per group id
and returns a new document; the input is never changed.  A resolved group is
replaced in its parent sequence by the children of the chosen alternative (nothing
for dropped optional text; an option's content without its label; for ``No text``,
the provision: see :func:`resolve`).  Groups inside alternatives that were not
chosen disappear with them; every other node keeps its id and span, so spans of
untouched nodes still point into the original text.  The text around each
resolved group is repaired by the whitespace rule of :mod:`.spacing`.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

from ..ast import (
    Alternative,
    BracketGroup,
    Footnote,
    FootnoteRef,
    Group,
    Heading,
    LineBreak,
    Node,
    Note,
    Option,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    Text,
    with_alternatives,
)
from ..document import Document, footnote_index, walk
from ..errors import OperationError
from ..pairing import LEAD
from .pinning import pin_group, pin_sequence
from .spacing import JUNCTION, Piece, tidy

__all__ = ["DROP", "KEEP", "Choice", "GroupIndex", "index_groups", "normalise_choices",
           "check_choices", "resolve", "apply_decisions", "resolve_lines", "resolve_note_text",
           "describe_choice"]

DROP = 0
"""Choice value: drop optional text (the group leaves nothing behind)."""
KEEP = 1
"""Choice value: keep optional text (its only alternative)."""

Choice = int | str
"""``k`` (1-based alternative or option number), ``"keep"`` (= 1) or ``"drop"`` (= 0)."""
Choices = Mapping[str, Choice] | Iterable[tuple[str, Choice]]
"""Choices per group id: a mapping, or (id, choice) pairs."""
Decide = Callable[[str], int | None]
"""Group id -> the choice made for it, or None (left open)."""


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """Where a group stands: the group and the (group id, alternative index) chain around it."""
    group: Group
    ancestors: tuple[tuple[str, int], ...]


class GroupIndex(dict[str, GroupEntry]):
    """group id -> :class:`GroupEntry` for every bracket group and option block (and placeholder)."""

    def nearest(self, gid: str, n: int = 5) -> list[str]:
        choices = [k for k, e in self.items() if not isinstance(e.group, Placeholder)]
        near = difflib.get_close_matches(gid, choices, n=n, cutoff=0.5)
        if not near:  # same location first, then document order
            loc = gid.split("__brk_")[0].split("__opts_")[0]
            near = [k for k in choices if k.startswith(loc)][:n] or choices[:n]
        return near


def index_groups(doc: Document) -> GroupIndex:
    """Every group of ``doc`` with the alternatives it stands inside (one walk).

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import index_groups
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall [promptly]][may] act.\\n")
        >>> index = index_groups(doc)
        >>> list(index)
        ['art_1__para_1__brk_1', 'art_1__para_1__brk_1__alt_1__brk_1']
        >>> index["art_1__para_1__brk_1__alt_1__brk_1"].ancestors   # (group, alternative) around it
        (('art_1__para_1__brk_1', 1),)
    """
    index = GroupIndex()
    stack: list[tuple[tuple[Node, ...], tuple[tuple[str, int], ...]]] = [(tuple(doc.body), ())]
    while stack:
        seq, chain = stack.pop()
        for node in seq:
            if isinstance(node, (BracketGroup, OptionBlock)):
                index[node.id] = GroupEntry(node, chain)
                for alt in node.alternatives:
                    stack.append((alt.children, chain + ((node.id, alt.index),)))
            elif isinstance(node, Placeholder):
                index[node.id] = GroupEntry(node, chain)
            elif isinstance(node, Footnote):
                stack.append((node.children, chain))
    return index


def _kind_word(group: Group) -> str:
    return {"optional": "optional text", "alternatives": "a group of alternatives",
            "options": "an option block", "placeholder": "a placeholder"}[group.kind]


def _valid(group: Group) -> str:
    if group.kind == "optional":
        return "keep or drop (1 = keep, 0 = drop)"
    n = len(group.alternatives)
    word = "option" if group.kind == "options" else "alternative"
    return f"an {word} number from 1 to {n}"


def normalise_choices(index: GroupIndex, choices: Choices) -> dict[str, int]:
    """``{id: int}`` from a mapping or (id, choice) pairs, checked against ``index``.

    Raises :class:`OperationError` for an unknown id (listing the nearest ids), a
    placeholder, an out-of-range number, ``keep`` or ``drop`` on a group that is not optional,
    or the same id chosen twice in different ways.
    """
    pairs = choices.items() if isinstance(choices, Mapping) else choices
    out: dict[str, int] = {}
    for gid, value in pairs:
        entry = index.get(gid)
        if entry is None:
            near = ", ".join(index.nearest(gid)) or "the draft has no bracket groups"
            raise OperationError(f"unknown group id '{gid}'",
                                 hint=f"valid ids near it: {near} (list them with "
                                      "'treatydraft brackets FILE')")
        group = entry.group
        if isinstance(group, Placeholder):
            raise OperationError(f"'{gid}' is a placeholder ({group.value}): it has nothing "
                                 "to choose", hint="fill placeholders in the text itself")
        k = _as_int(value, gid)
        if isinstance(value, str) and value.strip().lower() == "keep" \
                and group.kind != "optional":
            raise OperationError(f"'{gid}' is {_kind_word(group)}: keep applies to optional "
                                 "text only", hint=f"choose {_valid(group)}")
        if k == DROP and group.kind != "optional":
            raise OperationError(f"'{gid}' is {_kind_word(group)}: it cannot be dropped",
                                 hint=f"choose {_valid(group)}")
        if not 0 <= k <= len(group.alternatives):
            what = "option" if group.kind == "options" else "alternative"
            raise OperationError(f"'{gid}' has no {what} {k}", hint=f"choose {_valid(group)}")
        if gid in out and out[gid] != k:
            raise OperationError(f"conflicting choices for '{gid}': "
                                 f"{describe_choice(group, out[gid])} and {describe_choice(group, k)}",
                                 hint="choose each group once")
        out[gid] = k
    return out


def _as_int(value: Choice, gid: str) -> int:
    if isinstance(value, bool):
        raise OperationError(f"choice for '{gid}' must be a number, 'keep' or 'drop'")
    if isinstance(value, int):
        return value
    text = str(value).strip().lower()
    if text == "keep":
        return KEEP
    if text == "drop":
        return DROP
    try:
        return int(text)
    except ValueError:
        raise OperationError(f"choice '{value}' for '{gid}' is not a number, 'keep' or 'drop'") \
            from None


def describe_choice(group: Group, k: int) -> str:
    """``alternative 2``, ``option 1 (No text)``, ``keep``, ``drop``: choice ``k`` of ``group`` in words.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import describe_choice
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> describe_choice(doc.find("art_1__para_1__brk_1"), 2)
        'alternative 2'
        >>> describe_choice(doc.find("art_1__para_1__brk_2"), 0)
        'drop'
    """
    if group.kind == "optional":
        return "keep" if k else "drop"
    if isinstance(group, OptionBlock):  # kind options
        opt = group.options[k - 1]
        return f"option {k}" + (" (No text)" if opt.no_text else "")
    return f"alternative {k}"


def check_choices(index: GroupIndex, choices: dict[str, int]) -> None:
    """Refuse a choice inside an alternative that another choice discards."""
    for gid, _k in choices.items():
        for outer, alt in index[gid].ancestors:
            if outer in choices and choices[outer] != alt:
                og = index[outer].group
                raise OperationError(
                    f"'{gid}' stands in alternative {alt} of '{outer}', which the choice "
                    f"{outer}={describe_choice(og, choices[outer])} discards",
                    hint=f"choose {outer}={alt} or leave '{gid}' out")


def resolve(doc: Document, choices: Choices) -> Document:
    """A new document with the groups in ``choices`` resolved.

    ``choices`` maps group ids (or gives (id, choice) pairs) to a :data:`Choice`:
    an alternative number ``k`` (1-based) for a group of alternatives, an option
    number for an option block, ``"keep"``/``"drop"`` (or 1/0) for optional text.

    Choosing a ``No text`` option removes the provision: when the option block is
    the whole content of its unit (the article or paragraph heading line followed
    only by the block), the unit goes, heading included; otherwise the block alone.

    Raises :class:`OperationError` (nothing is changed) for unknown ids, numbers out
    of range, conflicting choices, or a choice inside an alternative that another
    choice discards.

        >>> import treatydraft
        >>> from treatydraft.operations import resolve
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> resolve(doc, {"art_1__para_1__brk_1": 2, "art_1__para_1__brk_2": "keep"}).to_text()
        'Article 1\\n1. Parties may act promptly.\\n'
        >>> resolve(doc, [("art_1__para_1__brk_2", "drop")]).to_text()   # the rest stays open
        'Article 1\\n1. Parties [shall][may] act.\\n'
    """
    index = index_groups(doc)
    wanted = normalise_choices(index, choices)
    check_choices(index, wanted)
    return apply_decisions(doc, wanted.get)


def apply_decisions(doc: Document, decide: Decide) -> Document:
    """Resolve every group for which ``decide(group_id)`` gives a choice (None: leave open).

    The decisions are trusted (see :func:`resolve` for the checked entry point).

        >>> import treatydraft
        >>> from treatydraft.operations import apply_decisions
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> apply_decisions(doc, {"art_1__para_1__brk_1": 1}.get).to_text()
        'Article 1\\n1. Parties shall act[ promptly].\\n'
    """
    before_refs = _referenced_labels(doc.body)
    body, changed = _resolve_seq(doc.body, decide)
    if not changed:
        return doc
    after_refs = _referenced_labels(body)
    orphans = before_refs - after_refs
    convention = doc.front.get("spaced-brackets") or "auto"
    body = _finish(body, orphans, whole_lines=True, convention=convention)
    # (the notes read again from the new body: a note's text may have been resolved)
    footnotes = {k: v for k, v in footnote_index(body).items() if k not in orphans}
    return replace(doc, body=body, footnotes=footnotes)


def resolve_lines(lines: Sequence[Node], decide: Decide, *, orphans: Iterable[str] = (),
                  convention: str = "auto") -> tuple[Node, ...]:
    """Some whole lines of a document's body, resolved as :func:`apply_decisions`
    resolves them in the whole body (when it changes the body somewhere): new nodes,
    ``lines`` unchanged.

    ``lines`` holds whole lines, each with its ``LineBreak`` (the last line of the body
    has none); ``orphans`` are the footnote labels whose every marker the decisions
    remove in the whole document (their definitions go); ``convention`` is the front
    matter's ``spaced-brackets`` (``auto`` when absent).  The whitespace rule and the
    pinning of spaced brackets look at most one line away, so every line but the first
    and the last of ``lines`` reads exactly as in the whole resolved document (the Word
    writer resolves a few paragraphs at a time this way, not the whole draft).

        >>> import treatydraft
        >>> from treatydraft.operations import resolve_lines
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> gid = "art_1__para_1__brk_2"
        >>> treatydraft.ast.text_of(resolve_lines(doc.body, {gid: 0}.get))
        'Article 1\\n1. Parties [shall][may] act.\\n'
    """
    body, _ = _resolve_seq(lines, decide)
    return _finish(body, set(orphans), whole_lines=True, convention=convention)


def resolve_note_text(children: Sequence[Node], decide: Decide, *, convention: str = "auto"
                      ) -> tuple[Node, ...]:
    """A footnote's text (:attr:`~treatydraft.ast.Footnote.children`) resolved as
    :func:`apply_decisions` resolves it in the whole document: new nodes, ``children``
    unchanged.  (A note's text is one line of its own: no other line reads it.)

        >>> import treatydraft
        >>> from treatydraft.operations import resolve_note_text
        >>> doc = treatydraft.parse("Article 1\\n1. Parties act.[^1]\\n\\n[^1]: See [the] annex.\\n")
        >>> note = doc.footnotes["1"]
        >>> treatydraft.ast.text_of(resolve_note_text(note.children, {"fn_1__brk_1": 0}.get))
        ' See annex.'
    """
    kids, _ = _resolve_seq(children, decide)
    if not _spliced(kids):  # no junction among them: nodes only
        return tuple(kids)  # type: ignore[arg-type]
    return _finish(kids, set(), whole_lines=False, convention=convention)


# ---------------------------------------------------------------- splicing

def _resolve_seq(seq: Sequence[Piece], decide: Decide) -> tuple[Sequence[Piece], bool]:
    """``seq`` with decided groups spliced (junction markers kept for :func:`_finish`)."""
    out: list[Piece] = []
    changed = False
    after_block = False
    for i, node in enumerate(seq):
        if isinstance(node, OptionsEnd) and after_block:
            out.append(JUNCTION)  # its block is gone: '\end-options' would close nothing
            after_block = False
            continue
        after_block = False
        if isinstance(node, Footnote) and node.children:  # a note's text is read as text is
            kids, touched = _resolve_seq(node.children, decide)
            out.append(replace(node, children=kids) if touched else node)  # type: ignore[arg-type]
            changed = changed or touched
            continue
        if not isinstance(node, (BracketGroup, OptionBlock)):
            out.append(node)
            continue
        k = decide(node.id)
        if k is None:
            new = _open_group(node, decide)
            changed = changed or new is not node
            out.append(new)
            continue
        changed = True
        if k == DROP:
            out.append(JUNCTION)
            continue
        alt = node.alternatives[k - 1]
        kids, _ = _resolve_seq(alt.children, decide)
        if isinstance(node, OptionBlock):
            after_block = True
            assert isinstance(alt, Option)
            if alt.no_text:
                _remove_provision(out, node, seq, i)
                continue
            kids = _strip_label(out, seq, i, kids, last=k == len(node.alternatives))
        # a junction marks where text now joins; none is needed at a line break the
        # spliced content brings along (the blank line after it is not ours to remove)
        if not (kids and isinstance(kids[0], LineBreak)):
            out.append(JUNCTION)
        out.extend(kids)
        if not (kids and isinstance(kids[-1], LineBreak)):
            out.append(JUNCTION)
    return (out if changed else seq), changed


def _open_group(node: BracketGroup | OptionBlock, decide: Decide) -> BracketGroup | OptionBlock:
    """``node`` left open, with decisions applied inside its alternatives."""
    alts: list[Alternative | Option] = []
    touched = False
    for alt in node.alternatives:
        kids, changed = _resolve_seq(alt.children, decide)
        if changed:
            touched = True
            # junction markers stay among the children until _finish tidies them
            alts.append(replace(alt, children=kids))  # type: ignore[arg-type]
        else:
            alts.append(alt)
    return with_alternatives(node, alts) if touched else node


#: what may stand on a label's line besides the label: its colon, blanks, the emphasis or
#: heading marks of a web copy (`**Option 1:**`, `## Option 2`), the quotation mark that
#: opens each paragraph of a draft quoted whole (`“Option 1`)
_LABEL_RESIDUE = LEAD + ":：[]［］【】"  # `[Alternative A]`: a label written in brackets


def _residue(node: Piece) -> bool:
    return isinstance(node, Text) and bool(node.value) and not node.value.strip(_LABEL_RESIDUE)


def _strip_label(out: list[Piece], seq: Sequence[Piece], i: int, kids: Sequence[Piece], *,
                 last: bool) -> Sequence[Piece]:
    """The content of the option chosen in the block ``seq[i]``, without what belongs to
    its label's line (``:``, blanks, residue, the break) nor the residue before the next
    label (unless it is the ``last`` option); a label line left with nothing but residue
    goes whole, the residue before the label (already in ``out``) with it."""
    j = 0
    while j < len(kids) and (kids[j] is JUNCTION or _residue(kids[j])):
        j += 1
    if not last and len(kids) >= 2 and _residue(kids[-1]) and isinstance(kids[-2], LineBreak):
        kids = kids[:-1]  # `**` of the next `**Option 2:**`
    if j < len(kids) and isinstance(kids[j], LineBreak):
        if i > 0 and _residue(lead := seq[i - 1]) and out and out[-1] is lead and \
                (i == 1 or isinstance(seq[i - 2], LineBreak)):
            out.pop()  # `## ` before `Option 1` on a line of its own
        return kids[j + 1:]
    rest = list(kids[j:])
    if rest and isinstance(rest[0], Text):  # "Option 1: text" -> "text"
        value = rest[0].value.lstrip(" \t")
        value = value[1:].lstrip(" \t") if value[:1] in ":：" else value
        rest = ([replace(rest[0], value=value)] if value else []) + rest[1:]
    return rest


def _remove_provision(out: list[Piece], block: OptionBlock, seq: Sequence[Piece], i: int) -> None:
    """``No text`` chosen: remove the block, and its unit when the block ends the unit.

    The unit goes (heading, the rest of its heading line, the block) when the block
    follows the line of the heading of the unit it stands in (an article title or a
    paragraph's chapeau may be on that line), its options hold no unit of that level
    or above, and only blank lines and notes follow before the next unit of that level.
    Otherwise the block alone goes.
    """
    j = len(out) - 1
    seen_break = False
    while j >= 0:
        node = out[j]
        if isinstance(node, Heading):
            break
        if isinstance(node, LineBreak):
            if seen_break:
                j = -1
                break
            seen_break = True
        elif not (node is JUNCTION or isinstance(node, (Text, BracketGroup, FootnoteRef,
                                                        Placeholder))):
            j = -1
            break
        j -= 1
    heading = out[j] if j >= 0 else None  # the loop stops at a heading or at -1
    if isinstance(heading, Heading) and heading.id == block.location \
            and heading.kind in ("article", "paragraph", "subparagraph") \
            and not any(isinstance(c, Heading) and c.level <= heading.level
                        for opt in block.options for c in opt.children) \
            and _rest_of_unit_empty(seq, i + 1, heading.level):
        del out[j:]
    out.append(JUNCTION)


def _rest_of_unit_empty(seq: Sequence[Piece], start: int, level: int) -> bool:
    for node in seq[start:]:
        if isinstance(node, Heading) and node.level <= level:
            return True
        if isinstance(node, (LineBreak, OptionsEnd, Note, Footnote)):
            continue
        if isinstance(node, Text) and not node.value.strip():
            continue
        return False
    return True


# ---------------------------------------------------------------- finishing

def _referenced_labels(body: Iterable[Piece]) -> set[str]:
    """Footnote labels whose marker is still in ``body`` (junction markers have no children)."""
    labels: set[str] = set()
    # walk passes a junction marker by as it would a leaf (it has no children)
    for node in walk(cast("Iterable[Node]", body)):
        if isinstance(node, FootnoteRef):
            labels.add(node.label)
        elif isinstance(node, Alternative):
            labels.update(f.label for f in node.footnotes)
    return labels


def _finish(seq: Sequence[Piece], orphans: set[str], whole_lines: bool, convention: str
            ) -> tuple[Node, ...]:
    """Junctions resolved by the whitespace rule, everywhere; footnotes left without marker
    removed; spaced brackets the change would make read differently pinned (:mod:`.pinning`)."""
    out: list[Piece] = []
    touched: set[int] = set()  # groups changed here, and the groups near a junction
    junctions: list[int] = []  # where a resolved group (or a dropped footnote) stood
    for node in seq:
        if node is JUNCTION or isinstance(node, Footnote) and node.label in orphans:
            junctions.append(len(out))
            out.append(JUNCTION)
        elif isinstance(node, (BracketGroup, OptionBlock)):
            new = _finish_group(node, orphans, convention)
            if new is not node:
                touched.add(id(new))
            out.append(new)
        elif isinstance(node, Footnote) and _spliced(node.children):
            kids = _finish(node.children, orphans, whole_lines=False, convention=convention)
            out.append(replace(node, children=kids))
        else:
            out.append(node)
    # a group spliced next to a junction, or meeting another across one, may now be read
    # with its neighbour (`[a] [x] [b]` with `[x]` dropped): look at those too
    touched.update(id(out[j]) for i in junctions for j in (i - 2, i - 1, i + 1, i + 2)
                   if 0 <= j < len(out))
    result = tidy(out, whole_lines=whole_lines)
    if not touched:
        return result
    pinned = pin_sequence(list(result), lambda n: id(n) in touched, convention)
    return tuple(pinned) if len(pinned) != len(result) else result


def _spliced(kids: Sequence[Piece]) -> bool:
    """Junction markers or groups stand among ``kids`` (what :func:`_finish` tidies)."""
    return any(k is JUNCTION or isinstance(k, (BracketGroup, OptionBlock, Footnote)) for k in kids)


def _finish_group(node: BracketGroup | OptionBlock, orphans: set[str], convention: str
                  ) -> BracketGroup | OptionBlock:
    alts: list[Alternative | Option] = []
    touched = False
    for alt in node.alternatives:
        kids: Sequence[Piece] = alt.children  # junction markers may stand among them
        if _spliced(kids):
            new = _finish(kids, orphans, whole_lines=False, convention=convention)
            if len(new) != len(kids) or any(a is not b for a, b in zip(new, kids, strict=False)):
                touched = True
                alt = replace(alt, children=new)
        alts.append(alt)
    if not touched:
        return node
    group = with_alternatives(node, alts)
    return pin_group(group, convention) if isinstance(group, BracketGroup) else group
