"""Issue 13, item 6: a footnote's own line is read as text, and every output keeps its groups.

The draft is the parse case ``tests/fixtures/parse/footnote-text-groups``: two footnotes
whose text holds a group of two attributed alternatives, optional texts and a nested one.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

import treatydraft
from treatydraft.document import walk
from treatydraft.operations import resolve
from treatydraft.writers.json import document_to_dict

from fixtures import FIXTURES, read

CASE = FIXTURES / "parse" / "footnote-text-groups" / "input.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TD = "{https://treatydraft.org/ns/akn/1.0}"


def _doc():
    return treatydraft.parse(read(CASE))


def _note_groups(doc):
    return [g.id for label in ("1", "2") for g in walk(doc.footnotes[label].children)
            if isinstance(g, (treatydraft.ast.BracketGroup, treatydraft.ast.OptionBlock))]


def test_footnote_groups_are_groups_of_the_document():
    doc = _doc()
    assert _note_groups(doc) == ["fn_1__brk_1", "fn_1__brk_2", "fn_2__brk_1",
                                 "fn_2__brk_1__alt_1__brk_1"]
    assert [g.id for g in doc.groups()][-4:] == _note_groups(doc)
    first = doc.find("fn_1__brk_1")
    assert [a.proposers for a in first.alternatives] == [("EU",), ("RUS",)]
    assert doc.to_text() == read(CASE)  # byte for byte
    # the note's text as written, and as a reader sees it (no attributions)
    assert doc.footnotes["1"].text.endswith("[to delete]@EU[to retain]@RUS this paragraph "
                                            "[in 2026].")
    assert doc.footnotes["1"].shown.endswith("[to delete][to retain] this paragraph [in 2026].")


def test_resolving_a_footnote_group_changes_only_the_note():
    doc = _doc()
    new = resolve(doc, {"fn_1__brk_1": 2, "fn_1__brk_2": "drop", "fn_2__brk_1": "keep"})
    assert new.footnotes["1"].text == ("Proposed by the European Union; the EU proposes to "
                                       "retain this paragraph.")
    assert new.footnotes["2"].text == "Proposed by the Russian Federation for [the] next session."
    assert new.to_text().splitlines()[:8] == doc.to_text().splitlines()[:8]
    assert doc.to_text() == read(CASE)  # the input is not changed


def test_akn_writes_footnote_groups_as_groups_and_reads_back():
    doc = _doc()
    xml = treatydraft.to_akn(doc)
    root = etree.fromstring(xml)
    ids = {el.get(TD + "id") for el in root.iter() if el.get(TD + "id")}
    assert set(_note_groups(doc)) <= ids
    from treatydraft.readers.akn import read_akn
    assert read_akn(xml).to_text() == doc.to_text()


def _notes(data: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    return [fn for fn in notes.iter(W + "footnote") if int(fn.get(W + "id")) > 0]


def _text(el, tag: str = "t") -> str:
    return "".join(t.text or "" for t in el.iter(W + tag))


def test_docx_brackets_style_footnotes_hold_the_shown_text():
    result = treatydraft.to_docx(_doc())
    texts = [_text(fn) for fn in _notes(result.data)]
    assert any("the EU proposes [to delete][to retain] this paragraph [in 2026]." in t
               for t in texts)
    assert not any("@" in t for t in texts)


def test_docx_tracked_footnote_groups_are_revisions_by_their_proposers():
    """Footnote 1's two groups are Word revisions like the body's; footnote 2's group
    holds a nested one (not expressible as revisions) and is written with its brackets."""
    doc = _doc()
    result = treatydraft.to_docx(doc, style="tracked")
    first, second = _notes(result.data)[-2:]
    changes = [(el.tag.rsplit("}")[1], el.get(W + "author"), _text(el) + _text(el, "delText"))
               for el in first.iter(W + "ins", W + "del")]
    assert changes == [("del", "Russian Federation", "to delete"),
                       ("ins", "Russian Federation", "to retain"),
                       ("del", "Unattributed", " in 2026")]
    assert _text(second) == " Proposed by the Russian Federation [for [the] next session]."
    # no comment inside a footnote (LibreOffice cannot open such a file): the EU's
    # proposal that Reject All keeps is named by a comment on the note's reference
    assert not list(first.iter(W + "commentRangeStart"))
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        comments = [_text(c) for c in etree.fromstring(z.read("word/comments.xml"))]
    assert "“to delete”: Proposed by the European Union." in comments
    kept = dict(result.kept)
    assert list(kept) == ["in a footnote's text"]
    assert [gid for gid, _, _ in kept["in a footnote's text"]] == ["fn_2__brk_1"]
    assert (result.tracked, result.bracketed) == (4, 2)  # the nested one too


def test_docx_tracked_footnote_reject_and_accept_read_as_resolve(tmp_path):
    """pandoc's Reject All / Accept All of the notes are the notes ``resolve`` gives with
    the base choices and with the other ones."""
    from test_docx_support import pandoc
    doc = _doc()
    path = tmp_path / "notes.docx"
    path.write_bytes(treatydraft.to_docx(doc, style="tracked").data)
    base = {"art_1__para_1__brk_1": 1, "art_1__para_2__brk_1": 1,
            "fn_1__brk_1": 1, "fn_1__brk_2": 1}
    other = {"art_1__para_1__brk_1": 2, "art_1__para_2__brk_1": 0,
             "fn_1__brk_1": 2, "fn_1__brk_2": 0}
    for mode, choices in (("reject", base), ("accept", other)):
        text = pandoc(path, f"--track-changes={mode}", "-t", "plain", "--wrap=none")
        notes = [line.split("] ", 1)[1] for line in text.splitlines()
                 if line.startswith("[1] ") or line.startswith("[2] ")]
        want = resolve(doc, choices)
        assert notes == [want.footnotes["1"].shown, want.footnotes["2"].shown], mode
    assert notes[0] == "Proposed by the European Union; the EU proposes to retain this paragraph."


def test_json_export_holds_the_footnote_children():
    doc = _doc()
    data = document_to_dict(doc)
    notes = [n for n in data["body"] if n["type"] == "footnote"]
    assert [c["id"] for c in notes[1]["children"] if c["type"] == "group"] == ["fn_2__brk_1"]
