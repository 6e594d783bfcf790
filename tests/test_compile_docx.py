"""Compiling a proposal sent as a Word file (issues 10 and 12 together)."""
from __future__ import annotations

import treatydraft
from treatydraft.operations import resolve
from treatydraft.operations.compile import normalised_text
from treatydraft.writers.docx import to_docx

BASE = """---
language: en
delegations:
  RUS: Russian Federation
  EU: European Union
---
Article 1. Scope
1. States Parties shall share data for the purposes of this Convention.
2. Each State Party shall designate a central authority.
"""


def test_a_word_proposal_is_read_and_compiled(tmp_path):
    edited = BASE.replace("share data", "share electronic data").replace(
        "a central authority", "one or more central authorities")
    path = tmp_path / "eu.docx"
    path.write_bytes(to_docx(treatydraft.parse(edited)).data)
    result = treatydraft.compile(BASE, {"EU": path})
    assert result.text.endswith(
        "1. States Parties shall share [electronic]@EU data for the purposes of this "
        "Convention.\n2. Each State Party shall designate [a][one or more]@EU central "
        "[authority][authorities]@EU.\n")
    assert normalised_text(resolve(result.document, result.choices("EU"))) == \
        normalised_text(edited)
    assert not result.report.warnings  # no tracked changes, nobody else's


def test_tracked_changes_by_other_authors_are_reported(tmp_path):
    drafted = BASE.replace("share data", "share [data][information]@RUS")
    path = tmp_path / "eu.docx"
    path.write_bytes(to_docx(treatydraft.parse(drafted), style="tracked").data)
    result = treatydraft.compile(BASE, {"EU": path})
    assert any("Russian Federation" in w.message for w in result.report.warnings)
