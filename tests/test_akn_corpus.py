"""Akoma Ntoso export of every published text of ``tests/corpus/``: valid against the
official strict schema, and read back to the same text byte for byte and the same tree.

The samples, fixtures and generated drafts of ``test_akn_roundtrip.py`` are written in
our own format; published texts bring what those do not (web residue, unbalanced
brackets, notes, footnote markers in many forms), read in tolerant mode."""
from __future__ import annotations

import pytest

import treatydraft
from treatydraft.readers.akn import read_akn
from treatydraft.schema import validate_akn
from treatydraft.writers.akn import to_akn

from fixtures import ROOT, read

CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if (p / "input.txt").exists())


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_published_text_exports_valid_and_comes_back(path):
    text = read(path / "input.txt")
    doc = treatydraft.parse(text, mode="tolerant", source=path.name)
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    back = read_akn(xml, source="x.xml")
    assert back.to_text() == text
    assert back.body == doc.body and back.front == doc.front
