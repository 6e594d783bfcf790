"""AST -> JSON-ready dicts (``treatydraft show --json``, ``brackets --json``)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..ast import (
    Alternative,
    BracketGroup,
    DraftingNote,
    Escape,
    Footnote,
    FootnoteRef,
    Group,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    Option,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
)
from ..document import Document, text_of

__all__ = ["document_to_dict", "node_to_dict", "group_to_dict", "plain"]


def plain(nodes: Iterable[Node]) -> str:
    """The raw text of ``nodes`` as written."""
    return text_of(nodes)


def _alt(alt: Alternative) -> dict[str, Any]:
    return {"type": "alternative", "id": alt.id, "index": alt.index, "text": plain(alt.children),
            "proposers": list(alt.proposers), "footnotes": [f.label for f in alt.footnotes],
            "span": alt.span.to_dict(),
            "children": [node_to_dict(c) for c in alt.children]}


def _opt(opt: Option) -> dict[str, Any]:
    out = {"type": "option", "id": opt.id, "index": opt.index, "label": opt.label,
           "number": opt.number, "no_text": opt.no_text, "text": plain(opt.children),
           "proposers": list(opt.proposers), "span": opt.span.to_dict(),
           "children": [node_to_dict(c) for c in opt.children]}
    if opt.close:  # an option bracketed whole (`[Option 2: ...]`): its brackets
        out["brackets"] = [opt.open, opt.close]
    return out


def node_to_dict(node: Node) -> dict[str, Any]:
    """A JSON-ready dict for one body node (children included)."""
    span = node.span.to_dict()
    if isinstance(node, BracketGroup):
        return {"type": "group", "id": node.id, "kind": node.kind, "location": node.location,
                "depth": node.depth, "proposers": list(node.proposers), "span": span,
                "alternatives": [_alt(a) for a in node.alternatives]}
    if isinstance(node, OptionBlock):
        return {"type": "options", "id": node.id, "kind": node.kind, "location": node.location,
                "depth": node.depth, "proposers": list(node.proposers), "span": span,
                "options": [_opt(o) for o in node.options]}
    if isinstance(node, Heading):
        return {"type": "heading", "kind": node.kind, "id": node.id, "number": node.number,
                "level": node.level, "value": node.value, "span": span}
    if isinstance(node, Placeholder):
        return {"type": "placeholder", "id": node.id, "value": node.value, "span": span}
    if isinstance(node, Footnote):
        return {"type": "footnote", "label": node.label, "text": node.text,
                "proposers": list(node.proposers), "span": span,
                "children": [node_to_dict(c) for c in node.children]}
    if isinstance(node, FootnoteRef):
        return {"type": "footnote_ref", "label": node.label, "span": span}
    if isinstance(node, Note):
        return {"type": "note", "text": node.text, "span": span}
    if isinstance(node, DraftingNote):
        return {"type": "drafting_note", "text": node.text, "value": node.value, "span": span}
    simple = {Text: "text", LineBreak: "line_break", Escape: "escape", SplitMark: "split",
              NoText: "no_text", OptionsEnd: "options_end"}
    kind = simple.get(type(node))
    if kind is None:
        raise TypeError(f"no JSON form for {type(node).__name__}")
    assert isinstance(node, (Text, LineBreak, Escape, SplitMark, NoText, OptionsEnd))  # in simple
    return {"type": kind, "value": node.value, "span": span}


def group_to_dict(group: Group) -> dict[str, Any]:
    """The summary of a group used by ``treatydraft brackets --json``."""
    alts: list[dict[str, Any]] = []
    for a in group.alternatives:
        alts.append({"id": a.id, "text": plain(a.children), "proposers": list(a.proposers)})
    return {"id": group.id, "kind": group.kind, "location": group.location,
            "line": group.span.line, "column": group.span.column, "depth": group.depth,
            "proposers": list(getattr(group, "proposers", ())),
            "text": group.value if isinstance(group, Placeholder) else None,
            "alternatives": alts}


def document_to_dict(doc: Document) -> dict[str, Any]:
    front = doc.front
    return {
        "source": doc.source,
        "front_matter": {"fields": dict(front.fields),
                         "delegations": [{"code": d.code, "name": d.name, "groups": list(d.groups)}
                                         for d in front.delegations]},
        "body": [node_to_dict(n) for n in doc.body],
        "diagnostics": [d.to_dict() for d in doc.diagnostics],
    }
