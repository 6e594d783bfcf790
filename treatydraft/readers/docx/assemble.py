"""Draft text from the paragraphs of a Word document.

One line per paragraph (blank lines are not kept).  For each paragraph:

1. the tokens of :mod:`.changes` give the text, with brackets made from tracked
   changes (or underline/strikethrough marks);
2. an automatic number (:mod:`.numbering`) is put in front; the tab Word writes
   after a paragraph number (``1.<tab>``, ``(a)<tab>``) becomes a blank;
3. attribution is written back where the Word export put it: a footnote or comment
   reading "Proposed by <registry names>." that ends right after a closing bracket
   becomes ``@CODES`` on that alternative, "Bracketed at the request of ..." becomes
   the group attribution ``@@CODES``; after an option label, `` @CODES`` before the
   colon.  A bracket made from a tracked change, with no such note, is attributed to
   the delegation of its author (a lone deletion: the group attribution);
4. other footnotes become draft footnotes ``[^N]`` with their text on the line
   after the paragraph (a footnote at the end of a paragraph that reads as a chair's
   note, "Chair's note: ...", becomes ``> ...``); a comment holding only a footnote
   marker (``[25]``, the export's for a marker whose note the draft lacks) becomes that
   marker after its closing bracket; other comments become chair's notes.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import FormatError
from ...wording import is_unattributed
from .changes import Alt, tokens
from .notes import Comment
from .numbering import Numbering
from .paragraphs import Para
from .registry import Registry
from .styles import Styles

__all__ = ["Assembler"]

#: ``(kind, value)`` at an offset of a line: ``("alt", Alt)``, ``("comment", id)``,
#: ``("fn"|"en"|"cs"|"ce"|"eo", id)``; the value is typed by the kind (Any to mypy).
_Event = tuple[str, Any]

_CLOSERS = frozenset("]］】")
_CODE_CHAR = re.compile(r"[A-Za-z0-9_+-]")
_NUMBER_TAB = re.compile(
    r"^([ \[［【]*)(\(?[A-Za-z0-9\u0600-\u06ff\u0660-\u0669]{1,8}\)|[A-Za-z0-9\u0660-\u0669]{1,6}"
    r"(?: ?(?:bis|ter|quater|quinquies|sexies))?[.)]|（[^）]{1,6}）|[一二三四五六七八九十]{1,3}[、.])\t")
_OPTION = re.compile(r"^\s*(?:Option|Alt\.|Alternative|Opción|Option|Вариант|الخيار|备选案文)\s*"
                     r"[0-9IVXivx٠-٩一二三四五六七八九十]+[a-z]?(?: ?\([^)]*\))?")
#: a footnote marker alone (``[25]``, ``[^7]``): the Word export's comment for a marker
#: written after a bracket whose note the draft does not hold
_MARKER = re.compile(r"[\[［]\^?[^\]］\s]{1,12}[\]］]")
_CHAIR = re.compile(r"chair|présiden|presiden|председател|主席|الرئيس", re.I)


class Assembler:
    """Turns paragraphs into draft lines; collects unmapped authors and counts."""

    def __init__(self, registry: Registry, *, footnotes: dict[str | None, str],
                 endnotes: dict[str | None, str], comments: dict[str | None, Comment],
                 numbering: Numbering, styles: Styles, mode: str, marks: bool, strict: bool):
        self.registry = registry
        self.footnotes, self.endnotes, self.comments = footnotes, endnotes, comments
        self.numbering, self.styles = numbering, styles
        self.mode, self.marks, self.strict = mode, marks, strict
        self.unmapped: dict[str, str] = {}
        self.seen_comments: set[str] = set()
        self.label = 0
        self.counts = {"changes": 0, "attributions": 0, "footnotes": 0, "notes": 0,
                       "numbers": 0}

    # ------------------------------------------------------------ authors

    def author(self, name: str) -> str | None:
        """The delegation code of Word author ``name`` (None: unattributed)."""
        name = " ".join(name.split())
        if not name or is_unattributed(name):
            return None
        code = self.registry.author_code(name)
        if code is None:
            code = self.unmapped.get(name)
            if code is None:
                code = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()[:24]
                if not code or not code[0].isalpha():
                    code = f"AUTHOR{len(self.unmapped) + 1}"
                self.unmapped[name] = code
        return code

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, para: Para) -> list[str]:
        """The draft lines of one paragraph ([] when it has no text)."""
        toks = tokens(para.segs, self.mode, self.marks)
        pieces: list[str] = []
        off = 0
        events: dict[int, list[_Event]] = {}
        starts: dict[str, int] = {}
        solid = 0  # offset just past the last non-blank character
        for tok in toks:
            kind = tok[0]
            if kind == "t":
                pieces.append(tok[1])
                off += len(tok[1])
                if tok[1].strip():
                    solid = off - (len(tok[1]) - len(tok[1].rstrip()))
            elif kind == "open":
                pieces.append("[")
                off += 1
                solid = off
            elif kind == "close":
                # a comment whose range ends before the blanks a change carries at its end
                # belongs after the bracket, where its attribution is read
                for p in [p for p in events if solid <= p <= off]:
                    moved = [e for e in events[p] if e[0] == "comment"]
                    if moved:
                        events[p] = [e for e in events[p] if e[0] != "comment"]
                        events.setdefault(off + 1, []).extend(moved)
                pieces.append("]")
                off += 1
                solid = off
                self.counts["changes"] += 1
                events.setdefault(off, []).append(("alt", tok[1]))
            elif kind == "cs":
                starts.setdefault(tok[1], off)
            elif kind == "ce":
                if tok[1] not in self.seen_comments:
                    self.seen_comments.add(tok[1])
                    events.setdefault(off, []).append(("comment", tok[1]))
            else:
                events.setdefault(off, []).append((kind, tok[1]))
        text = "".join(pieces)
        number = self._number(para)
        if not text.strip() and not number and (self.mode != "brackets" or not events):
            return []
        option = _OPTION.match(text)
        label_end = option.end() if option else -1
        inserts: dict[int, str] = {}
        after: list[str] = []
        for pos in sorted(events):
            ins = self._attribute(text, pos, events[pos], label_end, after)
            if ins:
                inserts[pos] = ins
        if inserts:
            out: list[str] = []
            last = 0
            for pos in sorted(inserts):
                piece, ins = text[last:pos], inserts[pos]
                if ins[-1:].isalnum() and piece[-1:] in _CLOSERS and piece[-2:-1] in (" ", "\t") \
                        and text.startswith("\\", pos) and text[pos + 1:pos + 2] != "+":
                    # "[text ]@EU\\[" (a tracked change carries the blank): the blank
                    # goes after the attribution, where the draft had it
                    core = piece[:-1].rstrip(" \t")
                    piece, ins = core + piece[-1:], ins + piece[len(core):-1]
                elif _CODE_CHAR.match(text, pos) and ins[-1:].isalnum():
                    # "[promouvoir et ]@EUrenforcer" would read as the code EUrenforcer:
                    # the blank before the bracket's end moves after the attribution
                    core = piece[:-1].rstrip(" \t") if piece[-1:] in _CLOSERS else piece
                    blanks = piece[len(core):-1] if piece[-1:] in _CLOSERS else ""
                    piece, ins = (core + piece[-1:], ins + blanks) if blanks else (piece, ins + " ")
                out.append(piece)
                out.append(ins)
                last = pos
            out.append(text[last:])
            text = "".join(out)
        m = _NUMBER_TAB.match(text)
        if m:
            text = text[:m.end() - 1] + " " + text[m.end():]
        if number:
            self.counts["numbers"] += 1
            text = number + ("" if text[:1].isspace() else " ") + text
        lines = text.split("\n")
        lines = [ln for ln in lines if ln.strip()] or []
        return lines + after

    def _number(self, para: Para) -> str:
        """The automatic number of ``para``: direct ``w:numPr`` over the style's, per part."""
        style = self.styles.numbering(para.style)
        nid, ilvl = para.num if para.num is not None else (None, None)
        if nid is None and style is not None:
            nid = style[0]
        if ilvl is None:
            ilvl = style[1] if style is not None and style[0] == nid else 0
        if nid is None:
            return ""
        value, _ = self.numbering.next(nid, ilvl)
        return value

    def _attribute(self, text: str, pos: int, events: list[_Event], label_end: int,
                   after: list[str]) -> str:
        closing = pos > 0 and text[pos - 1] in _CLOSERS
        at_label = pos == label_end
        alt_codes: tuple[str, ...] | None = None
        group_codes: tuple[str, ...] | None = None
        markers: list[str] = []
        change: Alt | None = None
        for kind, value in events:
            if kind == "alt":
                change = value
        # comments first: the export writes attribution comments even where a draft
        # footnote of the same alternative says the same thing
        for kind, value in events:
            if kind != "comment":
                continue
            c = self.comments.get(value)
            if c is None:
                continue
            s = self.registry.sentence(c.text) if (closing or at_label) else None
            if s and s.kind == "proposed" and alt_codes in (None, s.codes):
                alt_codes = s.codes
            elif s and s.kind == "group" and group_codes in (None, s.codes):
                group_codes = s.codes
            elif closing and _MARKER.fullmatch(c.text):  # `[25]`: the export's marker
                markers.append(c.text)                  # whose note the draft lacked
            elif c.text:
                self.counts["notes"] += 1
                after.append("> " + c.text)
        for kind, value in events:
            if kind == "eo":  # the export's mark for \end-options, in order with the notes
                after.append("\\end-options")
                continue
            if kind not in ("fn", "en"):
                continue
            note = (self.footnotes if kind == "fn" else self.endnotes).get(value)
            if note is None:
                continue
            s = self.registry.sentence(note) if (closing or at_label) else None
            if s and s.kind == "proposed" and alt_codes is None:
                alt_codes = s.codes
            elif s and s.kind == "group" and group_codes is None:
                group_codes = s.codes
            elif not closing and pos >= len(text.rstrip()) and _CHAIR.search(note[:40]):
                self.counts["notes"] += 1
                after.append("> " + note)
            else:
                self.label += 1
                self.counts["footnotes"] += 1
                markers.append(f"[^{self.label}]")
                after.append(f"[^{self.label}]: {note}")
        if change is not None:
            if change.role in ("lone", "pair-new") and change.kind == "ins" and alt_codes is None:
                code = self.author(change.author)
                alt_codes = (code,) if code else None
            elif change.role == "lone" and change.kind == "del" and group_codes is None:
                code = self.author(change.author)
                group_codes = (code,) if code else None
        out: list[str] = []
        if alt_codes:
            self.counts["attributions"] += 1
            out.append((" @" if at_label and not closing else "@") + "+".join(alt_codes))
        out.extend(markers)
        if group_codes:
            self.counts["attributions"] += 1
            out.append((" @@" if at_label and not closing and not alt_codes else "@@")
                       + "+".join(group_codes))
        return "".join(out)

    def check_authors(self, source: str | None) -> list[str]:
        """Raise (strict) or describe (tolerant) the authors no delegation matches."""
        if not self.unmapped:
            return []
        names = ", ".join(f'"{a}"' for a in sorted(self.unmapped))
        if self.strict:
            raise FormatError(f"tracked changes by authors that are not delegations: {names}",
                               file=source,
                               hint="map them with --author-map FILE ('\"Word author\": CODE' "
                                    "lines) and --delegations FILE, or read with --tolerant")
        return [f"author {a!r} is not a registered delegation: read as @{c}"
                for a, c in sorted(self.unmapped.items())]
