"""Golden ``word/document.xml`` (canonicalised) for the docx fixtures in English, Chinese
and Arabic, in both styles.  ``TREATYDRAFT_UPDATE_GOLDEN=1`` rewrites them."""
from __future__ import annotations

import pytest

import treatydraft
from treatydraft.writers.docx import to_docx

from fixtures import cases, golden, read
from test_docx_support import canonical, parts

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
