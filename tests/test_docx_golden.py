"""Golden ``word/document.xml`` (canonicalised) for the docx fixtures in English, Chinese
and Arabic, in both styles.  ``TREATYDRAFT_UPDATE_GOLDEN=1`` rewrites them."""
from __future__ import annotations

import pytest

import treatydraft
from treatydraft.writers.docx import to_docx

from fixtures import cases, golden, read
from test_docx_support import body_lines, canonical, parts, variant_lines

KINDS = {
    "brackets": {},
    "comments": {"attribution": "comments"},
    "tracked": {"style": "tracked"},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("case", cases("docx"))
def test_document_xml_golden(case, kind):
    doc = treatydraft.parse(read(case / "input.txt"), source=str(case / "input.txt"))
    data = to_docx(doc, **KINDS[kind]).data
    golden(case / f"expected-{kind}.xml", canonical(parts(data)["word/document.xml"]))


@pytest.mark.parametrize("case", cases("docx"))
def test_accepting_all_gives_the_first_variant_line_for_line(case):
    """Word's Accept All on the bracket style keeps every line of the first variant where the
    text has it: rival paragraphs bracketed whole stay paragraphs (issue 13)."""
    doc = treatydraft.parse(read(case / "input.txt"), source=str(case / "input.txt"))
    assert body_lines(to_docx(doc).data, "accept") == variant_lines(doc, {}, set())
