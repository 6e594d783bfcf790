"""Word documents the export did not write: fixture cases built from XML parts (issue 12).

Each case folder under ``tests/fixtures/docx-import/`` is turned into a .docx by
``test_docx_import_support.build_case`` (the recipe is in that module); the draft
text the reader makes is compared with ``expected.txt`` and what it reports with
``expected-warnings.txt`` (TREATYDRAFT_UPDATE_GOLDEN=1 rewrites them).  The text must
also parse: strictly, unless the case reads in tolerant mode.
"""
from __future__ import annotations

import pytest

import treatydraft
from treatydraft.readers.docx import docx_to_text, load_registry

from fixtures import cases, golden
from test_docx_import_support import build_case


def read_case(folder):
    data, options = build_case(folder)
    mode = options.pop("mode", "strict")
    if "delegations" in options:
        options["delegations"] = load_registry(options["delegations"])
    return docx_to_text(data, source=folder.name + ".docx", mode=mode, **options), mode


@pytest.mark.parametrize("folder", cases("docx-import", needs="body.xml"))
def test_case(folder):
    got, mode = read_case(folder)
    golden(folder / "expected.txt", got.text)
    golden(folder / "expected-warnings.txt", "".join(w + "\n" for w in got.warnings))
    doc = treatydraft.parse(got.text, mode=mode)
    assert doc.to_text() == got.text
