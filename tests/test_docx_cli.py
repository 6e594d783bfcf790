"""``treatydraft export FILE --to docx``: written atomically, clear errors, nothing left behind."""
from __future__ import annotations

import io

import docx
import pytest
from click.testing import CliRunner

from treatydraft.cli import main

from fixtures import SAMPLES

SAMPLE = str(SAMPLES / "convention-en.txt")


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def _needs_docx_export():
    res = _run("export", "--help")
    if res.exit_code != 0 or "--style" not in res.output:
        pytest.skip("the export command has no docx options yet")


def test_export_tracked(tmp_path):
    out = tmp_path / "draft.docx"
    res = _run("export", SAMPLE, "--to", "docx", "-o", str(out), "--style", "tracked",
               "--base", "RUS")
    assert res.exit_code == 0, res.output
    assert "groups tracked as revisions" in res.output
    d = docx.Document(io.BytesIO(out.read_bytes()))
    assert d.paragraphs[0].style.name == "Title"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


def test_export_comments(tmp_path):
    out = tmp_path / "draft.docx"
    res = _run("export", SAMPLE, "--to", "docx", "-o", str(out), "--attribution", "comments")
    assert res.exit_code == 0, res.output
    assert len(list(docx.Document(str(out)).comments)) > 10


def test_unknown_base_delegation_leaves_nothing(tmp_path):
    out = tmp_path / "draft.docx"
    res = _run("export", SAMPLE, "--to", "docx", "-o", str(out), "--style", "tracked",
               "--base", "XYZ")
    assert res.exit_code == 2  # an unknown code is a usage error (issue 8)
    assert "unknown base delegation 'XYZ'" in res.output and "RUS, CHN" in res.output
    assert not list(tmp_path.iterdir())


def test_unwritable_path_is_clear(tmp_path):
    out = tmp_path / "missing" / "draft.docx"
    res = _run("export", SAMPLE, "--to", "docx", "-o", str(out))
    assert res.exit_code != 0
    assert "cannot write" in res.output
    assert not list(tmp_path.iterdir())
