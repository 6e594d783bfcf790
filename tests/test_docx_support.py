"""Helpers for the docx tests (no tests here): reading packages, an independent text
oracle from the AST, our own accept/reject reading of the XML, and pandoc."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from treatydraft.ast import (BracketGroup, Escape, Footnote, FootnoteRef, Heading, LineBreak,
                             Note, NoText, OptionBlock, OptionsEnd, Placeholder, SplitMark, Text)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PANDOC = shutil.which("pandoc")


def q(tag: str) -> str:
    return "{%s}%s" % (W, tag)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(data: bytes, name: str = "word/document.xml"):
    return etree.fromstring(parts(data)[name])


def canonical(xml_bytes: bytes) -> str:
    """Indented, canonical XML (C14N 2.0) for golden files (w:t text is never touched)."""
    root = etree.fromstring(xml_bytes)
    etree.indent(root, space=" ")
    return etree.canonicalize(etree.tostring(root, encoding="unicode")) + "\n"


def norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- oracle from the AST


def variant_lines(doc, choices: dict[str, int], tracked: set[str]) -> list[str]:
    """The text of the variant where every group in ``tracked`` takes ``choices[id]``
    (0: dropped) and all other groups stay as written with brackets; one normalised
    string per non-empty line.  Independent of the writer."""
    out: list[str] = []

    def emit(nodes):
        for n in nodes:
            if isinstance(n, (Text, Heading, Placeholder, NoText)):
                out.append(n.value)
            elif isinstance(n, Escape):
                out.append(n.char)
            elif isinstance(n, LineBreak):
                out.append("\n")
            elif isinstance(n, FootnoteRef) and n.label not in doc.footnotes:
                out.append(n.value)  # a marker whose note the draft lacks: shown as written
            elif isinstance(n, (FootnoteRef, Footnote, Note, OptionsEnd, SplitMark)):
                pass
            elif isinstance(n, BracketGroup):
                if n.id in tracked:
                    k = choices.get(n.id, 1)
                    if k:
                        emit(n.alternatives[k - 1].children)
                else:
                    for i, alt in enumerate(n.alternatives):
                        if i:
                            out.append(n.gaps[i - 1])
                        out.append(alt.open)
                        emit(alt.children)
                        out.append(alt.close)
                        emit(alt.footnotes)
            elif isinstance(n, OptionBlock):
                for i, opt in enumerate(n.options):
                    if i and n.gaps:  # between options bracketed whole
                        out.append(n.gaps[i - 1])
                    out.append(opt.open + opt.label)
                    emit(opt.children)
                    out.append(opt.close)
            else:
                raise AssertionError(f"oracle: unexpected node {n!r}")

    emit(doc.body)
    return [norm(line) for line in "".join(out).split("\n") if norm(line)]


def resolved_lines(doc, choices: dict[str, int], tracked: set[str]) -> list[str]:
    """The oracle for Reject/Accept all: ``operations.resolve`` with ``choices`` for the
    tracked groups (whitespace rule included), the other groups as written."""
    from treatydraft.operations import resolve
    return variant_lines(resolve(doc, {g: k for g, k in choices.items() if g in tracked}),
                         {}, set())


def unique_ids(data: bytes) -> bool:
    """Changes and comments share one id space without duplicates; footnotes have their
    own, numbered 1..n in the order of their references (issue 9, item 1)."""
    import collections
    root = xml(data)
    ids = [c.get(q("id")) for c in change_elements(data)]
    if "word/comments.xml" in parts(data):
        ids += [c.get(q("id")) for c in xml(data, "word/comments.xml").iter(q("comment"))]
    if [i for i, n in collections.Counter(ids).items() if n > 1]:
        return False
    refs = [e.get(q("id")) for e in root.iter(q("footnoteReference"))]
    if "word/footnotes.xml" not in parts(data):
        return not refs
    notes = [f.get(q("id")) for f in xml(data, "word/footnotes.xml").iter(q("footnote"))]
    return notes == ["-1", "0"] + [str(i) for i in range(1, len(refs) + 1)] and \
        refs == [str(i) for i in range(1, len(refs) + 1)]


UNATTRIBUTED = {"en": "Unattributed", "fr": "Non attribué", "es": "Sin atribuir",
                "ru": "Автор не указан", "zh": "未注明提议方", "ar": "غير منسوب"}


def unattributed(doc) -> str:
    """The author of changes nobody is known to have proposed, in the draft's language."""
    return UNATTRIBUTED.get((doc.front.language or "en").split("-")[0].lower(), "Unattributed")


def other_choices(doc, choices: dict[str, int], tracked: set[str]) -> dict[str, int]:
    """For each tracked group, the alternative Accept-all gives."""
    result = dict(choices)
    for g in doc.groups():
        if g.id in tracked:
            k = choices.get(g.id, 1)
            result[g.id] = (1 - k) if len(g.alternatives) == 1 else (3 - k)
    return result


# ---------------------------------------------------------------- our reading of the XML


def body_lines(data: bytes, mode: str) -> list[str]:
    """Paragraph texts after accepting (``accept``) or rejecting (``reject``) every change."""
    root = xml(data)
    drop_wrapper = q("ins") if mode == "reject" else q("del")
    merged: list[str] = []
    carry = ""
    for p in root.iter(q("p")):
        if p.find("w:pPr/w:pStyle[@w:val='Title']", NS) is not None:
            continue
        pieces = []
        for el in p.iter(q("t"), q("delText"), q("tab")):
            inside = [a.tag for a in el.iterancestors() if a.tag in (q("ins"), q("del"))]
            if drop_wrapper in inside:
                continue
            pieces.append(" " if el.tag == q("tab") else el.text or "")
        text = carry + "".join(pieces)
        mark = p.find("w:pPr/w:rPr/" + ("w:ins" if mode == "reject" else "w:del"), NS)
        if mark is not None:
            carry = text
            continue
        carry = ""
        if norm(text):
            merged.append(norm(text))
    if norm(carry):
        merged.append(norm(carry))
    return merged


def change_elements(data: bytes):
    root = xml(data)
    return root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)


# ---------------------------------------------------------------- pandoc


def need_pandoc():
    if PANDOC is None:
        pytest.skip("pandoc is not installed (the CI script installs the Debian package)")


def pandoc(path, *args: str) -> str:
    need_pandoc()
    res = subprocess.run([PANDOC, "-f", "docx", *args, str(path)], capture_output=True,
                         check=True)
    return res.stdout.decode("utf-8")


_NOTE_MARK = re.compile(r"\[(\d+)\]")


def pandoc_lines(path, mode: str) -> list[str]:
    """pandoc's plain-text reading with ``--track-changes=mode``; footnote markers and the
    notes section removed, one normalised string per paragraph."""
    text = pandoc(path, f"--track-changes={mode}", "-t", "plain", "--wrap=none")
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    notes = set()  # the labels of the notes section: a marker of the text itself
    while paras and (m := re.match(r"\s*\[(\d+)\]\s", paras[-1])):  # (`[to date][25]`)
        notes.add(m.group(1))                                      # stays
        paras.pop()
    lines = (norm(_NOTE_MARK.sub(lambda m: "" if m.group(1) in notes else m.group(0), p))
             for p in paras)
    return [ln for ln in lines if ln]


def pandoc_json(path, mode: str = "all") -> dict:
    return json.loads(pandoc(path, f"--track-changes={mode}", "-t", "json"))


def pandoc_spans(tree) -> list[tuple[str, dict]]:
    """Every Span in pandoc's JSON as (class, attributes), plus ('Note', {}) per footnote."""
    found = []

    def visit(node):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                (_ident, classes, attrs), _content = node["c"]
                for c in classes:
                    found.append((c, dict(attrs)))
            elif node.get("t") == "Note":
                found.append(("Note", {}))
            for v in node.values():
                visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    visit(tree.get("blocks", []))
    return found
