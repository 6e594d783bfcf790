"""Reading the front matter block with ``grammar/front.lark``.

Every well-formed line is kept, every malformed one reported with its position.
Three values are checked (an error in strict mode, a warning in tolerant mode):

* ``date``: an ISO 8601 calendar date, ``YYYY-MM-DD`` (or the reduced ``YYYY-MM``
  and ``YYYY``), that exists;
* ``language``: an ISO 639-1 code (:data:`ISO_639_1`), an ISO 639-2 code of a UN
  language, or a BCP 47-like tag starting with one (``zh-Hans``, ``es-419``);
* ``spaced-brackets``: one of :data:`SPACED_BRACKETS`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date
from typing import TYPE_CHECKING

from . import errors as E
from .ast import Delegation, FrontMatter
from .lalr import Token, Tree, UnexpectedInput
from .readings import CONVENTIONS
from .source import Span
from .syntax import front_parser

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["read_front_matter", "EMPTY_FRONT", "ISO_639_1", "UN_639_2", "SPACED_BRACKETS",
           "valid_date", "valid_language"]

EMPTY_FRONT = FrontMatter("", (), (), None)

#: every ISO 639-1 (two-letter) language code
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
za zh zu""".split())

#: ISO 639-2 codes (bibliographic and terminological) of the six UN languages
UN_639_2 = frozenset("ara chi zho eng fre fra rus spa".split())

#: values of the ``spaced-brackets`` key (their meaning: :mod:`treatydraft.readings`)
SPACED_BRACKETS = CONVENTIONS

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TAG = re.compile(r"([A-Za-z]{2,3})((?:-[A-Za-z0-9]{1,8})*)")


def valid_date(value: str) -> bool:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) naming a day that exists."""
    m = _DATE.fullmatch(value)
    if not m:
        return False
    try:
        _date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


def valid_language(value: str) -> bool:
    """An ISO 639-1 code, a UN language's ISO 639-2 code, or a BCP 47-like tag on one."""
    m = _TAG.fullmatch(value)
    return m is not None and (m[1].lower() in ISO_639_1 or m[1].lower() in UN_639_2)


_CHECKS: dict[str, tuple[Callable[[str], bool], str, str]] = {
    "date": (valid_date, "date '{v}' is not a calendar date",
             "write the date as YYYY-MM-DD, for example 2026-03-14"),
    "language": (valid_language, "language '{v}' is not a language code",
                 "use an ISO 639-1 code (en, fr, es, ru, zh, ar ...) or a tag such as "
                 "zh-Hans"),
    "spaced-brackets": (lambda v: v in SPACED_BRACKETS,
                        "spaced-brackets is '{v}', not one of " + ", ".join(SPACED_BRACKETS),
                        "write 'spaced-brackets: alternatives', 'separate' or 'auto'"),
}


def _check_value(key: str, val_tok: Token | None, base: Token, problems: _Problems) -> None:
    check = _CHECKS.get(key.lower())
    if check is None or val_tok is None:
        return
    value = str(val_tok).strip()
    ok, message, hint = check
    if not value or ok(value):
        return
    span = _span(val_tok, base)
    lead = len(val_tok) - len(val_tok.lstrip())
    problems.add(E.FrontMatterError, message.format(v=value), span.line, span.column + lead,
                 hint=hint, severity="error" if problems.strict else "warning",
                 offset=span.start + lead)


def _span(tok: Token, base: Token) -> Span:
    """A span in the whole document for a token of the front matter's own parse."""
    line = base.line + tok.line - 1
    col = tok.column if tok.line > 1 else base.column + tok.column - 1
    end_line = base.line + tok.end_line - 1
    end_col = tok.end_column if tok.end_line > 1 else base.column + tok.end_column - 1
    return Span(base.start_pos + tok.start_pos, base.start_pos + tok.end_pos,
                line, col, end_line, end_col)


_LINE_HINT = ("write 'key: value', or under 'delegations:' an indented 'CODE: Full name' "
              "line (codes start with a capital letter; groups as @CODE)")


def read_front_matter(tok: Token, problems: _Problems) -> FrontMatter:
    """The :class:`FrontMatter` of the FRONT_MATTER token ``tok``."""
    value = str(tok)
    whole = Span(tok.start_pos, tok.end_pos, tok.line, tok.column,
                 tok.end_line, tok.end_column)
    try:
        tree = front_parser().parse(value)
    except UnexpectedInput as exc:
        line = tok.line + exc.line - 1
        problems.add(E.FrontMatterError, "malformed front matter line", line, exc.column,
                     offset=tok.start_pos + (exc.pos_in_stream or 0),
                     hint=_LINE_HINT)
        return FrontMatter(value, (), (), whole)
    fields: list[tuple[str, str]] = []
    delegations: list[Delegation] = []
    section = None
    for item in tree.children:
        if not isinstance(item, Tree):
            continue
        # the front grammar's rules have tokens only as their children
        parts = [t for t in item.children if isinstance(t, Token)]
        if item.data == "bad":
            bad = parts[0]
            span = _span(bad, tok)
            lead = len(bad) - len(bad.lstrip())
            problems.add(E.FrontMatterError, "malformed front matter line", span.line,
                         span.column + lead, offset=span.start + lead, hint=_LINE_HINT)
        elif item.data == "field":
            key = parts[0][:-1].strip()
            val_tok = parts[1] if len(parts) > 1 else None
            val = val_tok.strip() if val_tok is not None else ""
            section = key.lower()
            if section != "delegations":
                fields.append((key, val))
                _check_value(key, val_tok, tok, problems)
        elif item.data == "delegation":
            code_tok = parts[0]
            code = code_tok.strip()[:-1].strip()
            name, groups = code, []
            for part in parts[1:]:
                if part.type == "NAME":
                    name = part.strip()
                else:
                    groups.append(part.strip()[1:])
            span = _span(code_tok, tok)
            lead = len(code_tok) - len(code_tok.lstrip())
            span = Span(span.start + lead, span.end, span.line, span.column + lead,
                        span.end_line, span.end_column)
            if section != "delegations":
                problems.add(E.FrontMatterError, f"delegation line '{code}' outside "
                             "'delegations:'", span.line, span.column, offset=span.start,
                             hint="put registry lines, indented, under a 'delegations:' line")
            delegations.append(Delegation(code, name, tuple(groups), span))
    codes = {d.code for d in delegations}
    seen = set()
    for d in delegations:
        dspan = d.span
        assert dspan is not None  # every delegation read above has its span
        if d.code in seen:
            problems.add(E.FrontMatterError, f"delegation '{d.code}' registered twice",
                         dspan.line, dspan.column, offset=dspan.start)
        seen.add(d.code)
        for g in d.groups:
            if g not in codes:
                problems.add(E.UnknownDelegation, f"'{d.code}' belongs to unknown group '{g}'",
                             dspan.line, dspan.column, offset=dspan.start,
                             hint="register the group as a delegation too")
    return FrontMatter(value, tuple(fields), tuple(delegations), whole)
