"""Reading the front matter block with ``grammar/front.lark``."""
from __future__ import annotations

from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from . import errors as E
from .ast import Delegation, FrontMatter
from .syntax import front_parser
from .source import Span

__all__ = ["read_front_matter", "EMPTY_FRONT"]

EMPTY_FRONT = FrontMatter("", (), (), None)


def _span(tok: Token, base: Token) -> Span:
    """A span in the whole document for a token of the front matter's own parse."""
    line = base.line + tok.line - 1
    col = tok.column if tok.line > 1 else base.column + tok.column - 1
    end_line = base.line + tok.end_line - 1
    end_col = tok.end_column if tok.end_line > 1 else base.column + tok.end_column - 1
    return Span(base.start_pos + tok.start_pos, base.start_pos + tok.end_pos, line, col,
                end_line, end_col)


def read_front_matter(tok: Token, problems) -> FrontMatter:
    """The :class:`FrontMatter` of the FRONT_MATTER token ``tok``."""
    value = str(tok)
    whole = Span(tok.start_pos, tok.end_pos, tok.line, tok.column, tok.end_line, tok.end_column)
    try:
        tree = front_parser().parse(value)
    except UnexpectedInput as exc:
        line = tok.line + exc.line - 1
        problems.add(E.FrontMatterError, "malformed front matter line", line, exc.column,
                     offset=tok.start_pos + (exc.pos_in_stream or 0),
                     hint="write 'key: value', or under 'delegations:' an indented "
                          "'CODE: Full name' line")
        return FrontMatter(value, (), (), whole)
    fields: list[tuple[str, str]] = []
    delegations: list[Delegation] = []
    section = None
    for item in tree.children:
        if not isinstance(item, Tree):
            continue
        if item.data == "field":
            key = item.children[0][:-1].strip()
            val = item.children[1].strip() if len(item.children) > 1 else ""
            section = key.lower()
            if section != "delegations":
                fields.append((key, val))
        elif item.data == "delegation":
            code_tok = item.children[0]
            code = code_tok.strip()[:-1].strip()
            name, groups = code, []
            for part in item.children[1:]:
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
        if d.code in seen:
            problems.add(E.FrontMatterError, f"delegation '{d.code}' registered twice",
                         d.span.line, d.span.column, offset=d.span.start)
        seen.add(d.code)
        for g in d.groups:
            if g not in codes:
                problems.add(E.UnknownDelegation, f"'{d.code}' belongs to unknown group '{g}'",
                             d.span.line, d.span.column, offset=d.span.start,
                             hint="register the group as a delegation too")
    return FrontMatter(value, tuple(fields), tuple(delegations), whole)
