"""Style ``tracked``: one base variant as the text, the other positions as Word revisions.

The base
    ``first``  the first alternative of every group (an optional group is kept: the
               text as written); option blocks take option 1.
    ``CODE``   per group, the alternative (or option) ``CODE`` proposes, else one a
               negotiating group ``CODE`` belongs to proposes (``EGY: Egypt @AFG``),
               else the first; optional groups are kept (the text as written) whoever
               proposed them.
    ``ID=K,...`` explicit choices, K 1-based; for an optional group K=1 keeps it and
               K=0 drops it; groups not listed take ``first``.

Which groups become revisions
    Word revisions express an optional span and a two-way choice.  A group is
    *tracked* when it stands at the top level (not inside another group or an option
    block), has one or two alternatives, contains no nested group and stays within one
    paragraph.  Everything else (three or more alternatives, nested groups, spans
    across paragraphs, option blocks and the groups inside them) is written with
    visible brackets and attribution comments, as in style ``brackets``.

How a tracked group is written (Reject all = the base, Accept all = the other variant)
    two-way, base A, other B:  A in ``w:del`` and B in ``w:ins``, both authored by B's
                               first proposer (the change replacing A by B is B's proposal).
    optional, base keeps it:   the text in ``w:del``; accepting removes it.  Nobody is
                               known to propose the removal: the author is the group
                               attribution's delegation (``@@CODE``) or "Unattributed".
    optional, base drops it:   the text in ``w:ins`` authored by its first proposer.
    A footnote's text is written the same way when it holds tracked groups (a group
    of the text at its top level, as above) and nothing a footnote cannot hold (a
    footnote marker, a chair's note, an option block, a line break): Reject All and
    Accept All read the note as ``resolve`` resolves it.  Other notes are written as a
    reader sees them, their groups with their brackets.
    An optional group alone on its line (a whole bracketed paragraph) also tracks the
    paragraph mark, so neither Accept nor Reject leaves an empty paragraph.  When the
    paragraph number stands outside the group (``3. [X]``), the number goes into the
    change with the paragraph (Word removes only text inside a change) but in the
    character style "Draft Number", so the import gives back ``3. [X]``, not ``[3. X]``.
    Authors fall back to the group attribution, then to "Unattributed".  A comment
    authored by the proposer names all proposers of a text when the change's author
    does not tell the whole story: an inserted text with co-sponsors, a deleted text
    that had proposers, a group attribution.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from docx.document import Document as DocxDocument
from lxml.etree import _Element

from ...ast import (
    Alternative,
    BracketGroup,
    Document,
    DraftingNote,
    Escape,
    Footnote,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
)
from ...document import _walk_structure, choice_points, shown_text
from ...errors import ExportError, OperationError
from ...operations.choices import base_choices, base_chooser
from . import ooxml
from .common import UNATTRIBUTED, BaseWriter
from .layout import CHAR_NUMBER, Layout
from .worlds import BOTH, LinePlan, LinePlanner, Status, plan_note

__all__ = ["TrackedWriter", "resolve_base", "base_decider", "classify", "is_tracked",
           "note_tracked", "UNATTRIBUTED"]


# ---------------------------------------------------------------- the base


def resolve_base(doc: Document, base: str) -> dict[str, int]:
    """group id -> chosen alternative (1-based; 0 drops an optional group), for every group:
    :func:`treatydraft.operations.choices.base_choices`, its errors as :class:`ExportError`."""
    try:
        return base_choices(doc, base)
    except OperationError as err:
        raise ExportError(err.message, file=doc.source, hint=err.hint) from None


def base_decider(doc: Document, base: str) -> Callable[[BracketGroup | OptionBlock], int]:
    """:func:`resolve_base` one group at a time (no table of every group):
    :func:`treatydraft.operations.choices.base_chooser`, its errors as :class:`ExportError`."""
    try:
        return base_chooser(doc, base)
    except OperationError as err:
        raise ExportError(err.message, file=doc.source, hint=err.hint) from None


# ---------------------------------------------------------------- which groups are tracked

_BREAKS = (BracketGroup, OptionBlock, LineBreak, Footnote, Note, OptionsEnd)


def _expressible(group: Node) -> bool:
    if not isinstance(group, BracketGroup) or len(group.alternatives) > 2:
        return False
    # (an alternative's lone text, not made a node by this search, holds none of them)
    return not any(isinstance(node, _BREAKS) for node in _walk_structure(group.alternatives))


def is_tracked(node: Node) -> bool:
    """Whether a node of the body (a top-level node) is a tracked group."""
    return isinstance(node, BracketGroup) and _expressible(node)


#: The writer's cursor: where it writes and what it has open there (saved and restored
#: by :meth:`TrackedWriter.cursor_at`), and the counts a footnote's text must not change.
_CURSOR = ("p", "stack", "deleted", "trackable", "pending_tab", "line_has_text", "p_rtl",
           "plan", "tracked", "bracketed", "note_comments")

#: What a footnote's text may hold to be written with revisions (a Word footnote holds
#: no footnote, and one paragraph).
_IN_NOTE = (Text, BracketGroup, Alternative, Placeholder, Escape, DraftingNote, NoText)


def note_tracked(note: Footnote, tracked: Callable[[Node], bool] = is_tracked
                 ) -> list[BracketGroup]:
    """The groups of a footnote's text written as revisions (``tracked(node)``: see
    :func:`is_tracked`): its top-level tracked groups, or none when the text holds
    something a Word footnote cannot (a footnote marker, a note, a line break)."""
    groups = [n for n in note.children if isinstance(n, BracketGroup) and tracked(n)]
    if groups and all(isinstance(n, _IN_NOTE) and not (isinstance(n, Alternative)
                                                       and n.footnotes)
                      for n in _walk_structure(note.children)):
        return groups
    return []


def _blank(node: Node) -> bool:
    return isinstance(node, Text) and not node.value.strip()


def classify(doc: Document) -> tuple[set[str], set[str]]:
    """(ids of tracked groups, ids of tracked optional groups that fill their whole line)."""
    tracked, whole = set(), set()
    body = doc.body
    for i, node in enumerate(body):
        if not isinstance(node, BracketGroup) or not _expressible(node):
            continue
        tracked.add(node.id)
        if len(node.alternatives) != 1:
            continue
        j = i - 1
        while j >= 0 and _blank(body[j]):
            j -= 1
        k = i + 1
        while k < len(body) and _blank(body[k]):
            k += 1
        if (j < 0 or isinstance(body[j], LineBreak)) and (
                k >= len(body) or isinstance(body[k], LineBreak)):
            whole.add(node.id)
    return tracked, whole


def why_bracketed(group: BracketGroup | OptionBlock) -> str:
    """Why a top-level group stays as visible brackets (it is not tracked)."""
    if isinstance(group, OptionBlock):
        return "option blocks"
    if len(group.alternatives) > 2:
        return "three or more alternatives"
    inner = list(_walk_structure(group.alternatives))
    if any(isinstance(n, LineBreak) for n in inner):
        return "span paragraphs"
    if any(isinstance(n, (BracketGroup, OptionBlock)) for n in inner):
        return "nested brackets"
    return "hold a note or footnote line"


def kept_as_brackets(doc: Document, tracked: Callable[[Node], bool] = is_tracked
                     ) -> list[tuple[str, list[BracketGroup | OptionBlock]]]:
    """(reason, [top-level groups]) for the groups not tracked (``tracked(node)``: see
    :func:`is_tracked`), reasons in a fixed order.

    Groups inside them stay bracketed with them and are not listed."""
    found: dict[str, list[BracketGroup | OptionBlock]] = {}
    for node in doc.body:
        if isinstance(node, (BracketGroup, OptionBlock)) and not tracked(node):
            found.setdefault(why_bracketed(node), []).append(node)
        elif isinstance(node, Footnote) and (inner := list(choice_points(node.children))):
            if revised := {g.id for g in note_tracked(node, tracked)}:
                for group in inner:
                    if group.id not in revised:
                        found.setdefault(why_bracketed(group), []).append(group)
            else:
                found.setdefault("in a footnote's text", []).extend(inner)  # (written as text)
    order = ("span paragraphs", "three or more alternatives", "nested brackets",
             "option blocks", "hold a note or footnote line", "in a footnote's text")
    return [(reason, found[reason]) for reason in order if reason in found]


def base_note(doc: Document, base: str, choose: Callable[[BracketGroup], int],
              tracked: Callable[[Node], bool] = is_tracked) -> str | None:
    """A sentence when a delegation base writes the same file as ``--base first``
    (``choose``: :func:`base_decider`; ``tracked``: :func:`is_tracked`)."""
    base = (base or "first").strip()
    if base == "first" or "=" in base:
        return None
    groups = [g for g in doc.body if isinstance(g, BracketGroup) and tracked(g)]
    if any(choose(g) != 1 for g in groups):
        return None
    code = next((c for c in doc.delegations if c.casefold() == base.casefold()), base)
    codes = {code, *doc.delegations[code].groups} if code in doc.delegations else {code}
    who = code + (" (or " + ", ".join(sorted(codes - {code})) + ")" if len(codes) > 1 else "")
    proposed = [g for g in groups if any(set(a.proposers) & codes for a in g.alternatives)]
    if not proposed:
        why = f"{who} proposes none of the tracked groups"
    elif all(len(g.alternatives) == 1 for g in proposed):
        why = (f"all {len(proposed)} tracked groups {who} proposes are optional texts, "
               "which every base keeps")
    else:
        why = f"{who}'s proposals are the first alternatives of their groups"
    return f"--base {base} gives the same text as --base first: {why}"


# ---------------------------------------------------------------- writer


class TrackedWriter(BaseWriter):
    """Tracked groups as ``w:ins``/``w:del``; the others with visible brackets and comments.

    A line holding tracked groups is written from its :class:`~.worlds.LinePlan`, so that
    Reject All reads exactly like ``resolve`` with the base choices and Accept All like
    ``resolve`` with the other choices (the whitespace rule included).  The lines are
    planned a few at a time as they are written (:class:`~.worlds.LinePlanner`).
    ``choose(group)`` is a tracked group's base choice (:func:`base_decider`).
    """

    def __init__(self, doc: Document, document: DocxDocument, layout: Layout, *,
                 choose: Callable[[BracketGroup], int]) -> None:
        super().__init__(doc, document, layout, attribution="comments")
        ooxml.track_revisions(document.settings.element)
        self.choose = choose
        self.trackable: set[str] = set()
        """The ids of the tracked groups of the line being written."""
        self.plan: LinePlan | None = None
        self.tracked = 0
        self.bracketed = 0
        self.authors: set[str] = set()
        self.note_groups: dict[str, list[BracketGroup]] = {}
        """:meth:`revised` of each footnote, by label."""
        self.note_comments: list[str] | None = None
        """While a footnote's text is written: the comments on its changes, anchored on
        the note's reference in the body (LibreOffice cannot open a file with a comment
        inside a footnote)."""
        self.group: str | None = None
        """The id of the tracked group whose changes are being written (None between)."""
        self.last_group: str | None = None
        """The group that last wrote into the changes the import will read as one
        bracket: touching changes of one kind and author (None: none yet)."""

    # ------------------------------------------------------------ lines

    def write_body(self) -> None:
        for nodes, brk, plan, tracked in LinePlanner(self.doc, self.choose, is_tracked):
            self.trackable = tracked
            if plan is None:
                self.write_nodes(nodes)
            else:
                self.write_planned_line(nodes, plan)
            if brk is not None:
                self.write_LineBreak(brk)

    def write_planned_line(self, nodes: list[Node], plan: LinePlan) -> None:
        if not (plan.mark.base or plan.mark.other):
            # both resolutions remove the line: nothing of it is in either text
            self.tracked += sum(1 for n in nodes if isinstance(n, BracketGroup)
                                and n.id in self.trackable)
            return
        self.plan = plan
        groups = {i: n for i, n in enumerate(nodes)
                  if isinstance(n, BracketGroup) and n.id in self.trackable}
        where = list(groups)
        authors = {i: self.group_author(g) for i, g in groups.items()}
        try:
            for i, node in enumerate(nodes):
                group = groups.get(i)
                if group is not None:
                    self.write_BracketGroup(group)
                    continue
                before = [authors[j] for j in where if j < i]
                after = [authors[j] for j in where if j > i]
                self.write_atoms(node, before[-1] if before else after[0], None,
                                 after[0] if after else None)
            author = authors[where[0]]
            for ins in plan.inserted(None):
                self.piece(ins.text, ins.status, author, None)
            if plan.mark != BOTH and self.p is not None:
                kind = "del" if plan.mark.base else "ins"
                ooxml.mark_paragraph(self.p, kind, self.ids(), author, self.date)
        finally:
            self.plan = None

    def write_atoms(self, node: Node, author: str, world: str | None,
                    next_author: str | None = None) -> None:
        """Write ``node`` as the plan says: atoms kept in both as they are, in one world
        as a change, in none not at all.  ``world`` (inside an alternative's change):
        write only what that world keeps, without a change of its own.

        A change outside the groups (a blank the whitespace rule removes) is authored
        like the tracked group it touches: ``author`` for the one before, ``next_author``
        for the one after (used for the end of a text that runs into it)."""
        plan = self.plan
        assert plan is not None  # set by write_planned_line
        if isinstance(node, Text):
            value = node.value
            ins = plan.insertions_in(node)
            cuts = sorted({0, len(value), *ins, *plan.runs(node)})
            for a, b in zip(cuts, cuts[1:] + [None], strict=False):
                for item in ins.get(a, ()):
                    self.piece(item.text, item.status, author, world)
                if b is None or b == a:
                    continue
                who = next_author if (next_author and b == len(value) and a) else author
                self.piece(value[a:b], plan.status(node, a), who, world)
            return
        for item in plan.inserted(node):
            self.piece(item.text, item.status, author, world)
        status = plan.status(node)
        if isinstance(node, SplitMark):
            # notation with no text (a hidden bookmark): written whatever the worlds keep
            if world is None:
                self.write_SplitMark(node)
                self.last_group = None  # the draft's own split parts the groups
            return
        if self._plain(status, world):
            self.write_nodes((node,))
        elif status.base or status.other:
            if isinstance(node, Heading) and world is None:
                # a number outside the groups, removed with its paragraph
                style = self.layout.char_style(CHAR_NUMBER)
                write = lambda: self.write_Heading(node, style)  # noqa: E731
            else:
                write = lambda: self.write_nodes((node,))  # noqa: E731
            self.in_change("del" if status.base else "ins", author, write)

    @staticmethod
    def _plain(status: Status, world: str | None) -> bool:
        if world is None:
            return status.base and status.other
        return status.base if world == "base" else status.other

    def piece(self, text: str, status: Status, author: str, world: str | None) -> None:
        if self._plain(status, world):
            self.text(text)
        elif world is None and (status.base or status.other):
            self.in_change("del" if status.base else "ins", author, lambda: self.text(text))

    def in_change(self, kind: str, author: str, write: Callable[[], None]) -> None:
        """Run ``write`` inside a change; right after a change of the same kind and
        author, inside that one (readers show one change, not two touching ones).  Where
        that change holds another group's text, a hidden bookmark (``_TDSplit``, as for
        ``\\+``) marks where this group's starts, so that the import reads two groups."""
        self.authors.add(author)
        target = self.target()
        tag = ooxml.W_DEL if kind == "del" else ooxml.W_INS
        # the change readers join this one to: the one before, comment marks aside
        last = ooxml.last_change(target)
        joins = last is not None and last.tag == tag and last.get(ooxml.W_AUTHOR) == author
        if joins and last is target[-1]:
            wrapper = last
        else:
            wrapper = ooxml.open_change(target, kind, self.ids(), author, self.date)
        if not joins:
            self.last_group = None  # the import starts a new bracket here anyway
        elif self.group is not None and self.last_group not in (None, self.group):
            self.bookmark(wrapper, ooxml.BOOKMARK_SPLIT)
        if self.group is not None:
            self.last_group = self.group
        self.stack.append(wrapper)
        outer, self.deleted = self.deleted, kind == "del"
        try:
            write()
        finally:
            self.stack.pop()
            self.deleted = outer

    # ------------------------------------------------------------ footnotes

    def revised(self, note: Footnote) -> list[BracketGroup]:
        """:func:`note_tracked` of ``note``, computed once per footnote (a note is counted
        once and written at each of its references)."""
        groups = self.note_groups.get(note.label)
        if groups is None:
            groups = self.note_groups[note.label] = note_tracked(note)
        return groups

    def write_Footnote(self, node: Footnote) -> None:
        revised = len(self.revised(node))
        self.tracked += revised
        self.bracketed -= revised
        super().write_Footnote(node)

    def write_note(self, parent: _Element, note: Footnote) -> None:
        """A footnote whose text holds tracked groups: its paragraph written as a line is
        (:meth:`write_planned_line`), from :func:`~.worlds.plan_note`."""
        if not self.revised(note):
            super().write_note(parent, note)
            return
        nodes, tracked, plan = plan_note(note.children, self.choose, is_tracked,
                                         self.doc.front.get("spaced-brackets") or "auto")
        rtl = bool(self.p_rtl)
        _, p, ref = self.footnotes.open(parent, rtl=rtl)
        comments = list[str]()
        # (the note's groups are counted by write_Footnote: the counts are restored too)
        with self.cursor_at(p=p, stack=[], deleted=False, trackable=tracked,
                            pending_tab=False, line_has_text=True, p_rtl=rtl,
                            note_comments=comments):
            self.write_planned_line(nodes, plan)
        ooxml.Comments.around(ref, comments)

    @contextmanager
    def cursor_at(self, **cursor: object) -> Iterator[None]:
        """Write elsewhere (a footnote's paragraph) and come back: the attributes of
        :data:`_CURSOR` are saved, those given are set, and all are restored after."""
        saved = {name: getattr(self, name) for name in _CURSOR}
        for name, value in cursor.items():
            assert name in saved, name
            setattr(self, name, value)
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(self, name, value)

    # ------------------------------------------------------------ comments

    def comment(self, proposers: Sequence[str], sentence: str, about: Sequence[Node]) -> str:
        """A new comment on a change (``about``: the text it is about), started here; in
        a footnote's text it quotes that text, as it is anchored on the reference."""
        if self.note_comments is not None:
            sentence = self.wording.quoted(shown_text(about).strip(), sentence)
        cid = self.new_comment(proposers, sentence)
        if self.note_comments is None:
            ooxml.Comments.start(self.para(), cid)
        return cid

    def end_comment(self, cid: str) -> None:
        if self.note_comments is None:
            ooxml.Comments.end(self.para(), cid)
        else:
            self.note_comments.append(cid)

    # ------------------------------------------------------------ groups

    def write_OptionBlock(self, node: OptionBlock) -> None:
        self.bracketed += 1
        self.write_options_visible(node)

    def group_author(self, node: BracketGroup) -> str:
        """Who the change of a tracked group is by (see the module docstring)."""
        base = self.choose(node)
        alts = node.alternatives
        if len(alts) == 1:
            return self.lead_author(node.proposers if base == 1
                                    else alts[0].proposers or node.proposers)
        return self.lead_author(alts[2 - base].proposers or node.proposers)

    def write_BracketGroup(self, node: BracketGroup) -> None:
        if node.id not in self.trackable:
            self.bracketed += 1
            if self.note_comments is not None:  # in a footnote: no comments there
                self.text(shown_text((node,)))
            else:
                self.write_group_bracketed(node)
            return
        self.tracked += 1
        base = self.choose(node)
        author = self.group_author(node)
        gid = None
        if node.proposers:
            gid = self.comment(node.proposers, self.wording.bracketed_by(node.proposers),
                               (node,))
        alts = node.alternatives
        self.group = node.id
        try:
            if len(alts) == 1:
                self.change("del" if base == 1 else "ins", author, alts[0])
            else:
                self.change("del", author, alts[base - 1])
                self.change("ins", author, alts[2 - base])
        finally:
            self.group = None
        if gid is not None:
            self.end_comment(gid)

    def change(self, kind: str, author: str, alt: Alternative) -> None:
        """Write ``alt``'s text inside one ``w:ins``/``w:del`` authored by ``author``.

        The alternative's footnotes (``[x][^1]``: a note on the bracket, which
        ``resolve`` drops with the bracket) become a comment on the change; a marker
        whose note is not in the draft (``[x][25]``) a comment reading ``[25]``.
        """
        world = "base" if kind == "del" else "other"
        cid = None
        if alt.proposers and (kind == "del" or len(alt.proposers) > 1
                              or self.lead_author(alt.proposers) != author):
            cid = self.comment(alt.proposers, self.wording.proposed_by(alt.proposers),
                               alt.children)
        # a marker whose note the draft does not hold (`[to date][25]`) is shown as written
        notes = [self.doc.footnotes[f.label].shown if f.label in self.doc.footnotes
                 else f.value for f in alt.footnotes]
        note_ids = []
        for note in notes:
            nid = self.comments.new(author, self.wording.initials(alt.proposers[0])
                                    if alt.proposers else "", note)
            ooxml.Comments.start(self.para(), nid)
            note_ids.append(nid)

        def body() -> None:
            for child in alt.children:
                if self.plan is None:
                    self.write_nodes((child,))
                else:
                    self.write_atoms(child, author, world)
        self.in_change(kind, author, body)
        for nid in note_ids:
            ooxml.Comments.end(self.para(), nid)
        if cid is not None:
            self.end_comment(cid)
