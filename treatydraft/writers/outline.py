"""AST -> a readable indented outline (``treatydraft show``)."""
from __future__ import annotations

from ..ast import Alternative, BracketGroup, Footnote, Heading, Note, OptionBlock, Placeholder
from ..document import Document, walk
from .json import plain

__all__ = ["outline"]

_INDENT = {"part": 0, "title": 0, "chapter": 0, "section": 1, "preamble": 0, "article": 1,
           "paragraph": 2}


def _short(text: str, width: int = 72) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def outline(doc: Document) -> str:
    """The tree as indented lines: headings, then the groups under each."""
    out: list[str] = []
    front = doc.front
    if front.value:
        for key, value in front.fields:
            out.append(f"{key}: {value}")
        if front.delegations:
            out.append("delegations: " + ", ".join(
                d.code + (f" ({'+'.join(d.groups)})" if d.groups else "") for d in front.delegations))
        out.append("")
    base = 0
    for node in walk(doc.body):
        if isinstance(node, Heading):
            base = _INDENT.get(node.kind, 3) if node.kind != "subparagraph" else node.level - 3
            out.append(f"{'  ' * base}{node.kind} {node.value.strip()}  [{node.id}]"
                       f"  {node.span.line}:{node.span.column}")
        elif isinstance(node, (BracketGroup, OptionBlock, Placeholder)):
            pad = "  " * (base + node.depth)
            who = f" by {'+'.join(node.proposers)}" \
                if not isinstance(node, Placeholder) and node.proposers else ""
            out.append(f"{pad}{node.kind} {node.id}{who}  {node.span.line}:{node.span.column}")
            if isinstance(node, Placeholder):
                out.append(f"{pad}  {node.value}")
            for alt in node.alternatives:
                label = f"{alt.index}." if isinstance(alt, Alternative) else alt.label.strip()
                who = f"  ({', '.join(alt.proposers)})" if alt.proposers else ""
                out.append(f"{pad}  {label} {_short(plain(alt.children))}{who}")
        elif isinstance(node, Footnote):
            who = f"  ({', '.join(node.proposers)})" if node.proposers else ""
            out.append(f"{'  ' * (base + 1)}footnote {node.label}: {_short(node.text)}{who}")
        elif isinstance(node, Note):
            out.append(f"{'  ' * (base + 1)}note: {_short(node.text)}")
    return "\n".join(out) + "\n"
