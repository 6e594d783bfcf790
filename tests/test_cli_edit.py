"""``resolve``, ``clean``, ``variants``, ``stats`` and ``diff`` on the command line."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main

from fixtures import SAMPLES, SEED, seed_text

EN = str(SAMPLES / "convention-en.txt")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_resolve_writes_the_new_draft_to_stdout():
    r = run("resolve", EN, "--choose", "art_1__brk_1=2", "--drop", "art_3__brk_1")
    assert r.exit_code == 0, r.stderr
    assert "Article 1. Purposes\n" in r.stdout and "Article 3.\n" in r.stdout
    assert r.stderr == ""


@pytest.mark.parametrize("args, message", [
    (["--choose", "art_1__brk_7=1"], "unknown group id 'art_1__brk_7'"),
    (["--choose", "art_1__brk_1=9"], "has no alternative 9"),
    (["--choose", "art_1__brk_1=1", "--choose", "art_1__brk_1=2"], "conflicting choices"),
    (["--keep", "art_3__brk_1", "--drop", "art_3__brk_1"], "conflicting choices"),
    (["--choose", "art_4__para_2__brk_1=3", "--choose", "art_4__para_2__brk_1__alt_2__brk_1=1"],
     "which the choice art_4__para_2__brk_1=alternative 3 discards"),
    (["--accept", "EU", "--choose", "art_1__brk_1=1"], "--accept EU chooses alternative 2"),
    (["--accept", "XX"], "unknown delegation 'XX'"),
])
def test_issue_8_resolve_request_errors_exit_2_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "out.txt"
    r = run("resolve", EN, *args, "-o", str(out))
    assert r.exit_code == 2
    assert message in r.stderr
    assert not out.exists() and r.stdout == ""
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_resolve_usage_errors_exit_2():
    assert run("resolve", EN).exit_code == 2
    assert run("resolve", EN, "--choose", "art_1__brk_1").exit_code == 2
    assert run("resolve", "/nonexistent.txt", "--choose", "a=1").exit_code == 2


def test_output_file_is_replaced_atomically_and_input_is_protected(tmp_path):
    src = tmp_path / "draft.txt"
    src.write_text(open(EN, encoding="utf-8").read(), encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("old content")
    r = run("resolve", str(src), "--accept", "EU", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert "Article 1. Purposes" in out.read_text(encoding="utf-8")
    # a failing run leaves the previous output whole
    r = run("resolve", str(src), "--choose", "nope=1", "-o", str(out))
    assert r.exit_code == 2 and "Article 1. Purposes" in out.read_text(encoding="utf-8")
    # the input is never overwritten unless asked
    before = src.read_text(encoding="utf-8")
    r = run("resolve", str(src), "--accept", "EU", "-o", str(src))
    assert r.exit_code == 2 and "--in-place" in r.stderr
    assert src.read_text(encoding="utf-8") == before
    r = run("clean", str(src), "--in-place")
    assert r.exit_code == 0
    assert not list(treatydraft.load(src).groups())


def test_stdin_is_read_with_a_dash():
    text = "Article 1\n1. Parties shall [share][exchange] data[ promptly].\n"
    r = run("resolve", "-", "--choose", "art_1__para_1__brk_1=2", "--drop",
            "art_1__para_1__brk_2", input=text)
    assert r.stdout == "Article 1\n1. Parties shall exchange data.\n"
    assert run("variants", "-", input=text).stdout == "4\n"
    assert run("clean", "-", "--policy", "drop", input=text).stdout == \
        "Article 1\n1. Parties shall share data.\n"


def test_tolerant_is_needed_for_broken_drafts():
    text = "Article 1\n1. Parties [shall share data.\n"
    assert run("stats", "-", input=text).exit_code == 1
    r = run("stats", "--tolerant", "-", input=text)
    # the output is written, the problem reported, and the status says so (issue 8)
    assert r.exit_code == 1 and "0 groups" in r.stdout
    assert "-:2:12: error: unclosed bracket" in r.stderr and "1 problem (1 error)" in r.stderr


def test_clean_reports_placeholders_and_conflicts_on_stderr():
    text = ("---\ndelegations:\n  EU: European Union\n---\nArticle 1\n"
            "1. Parties shall [share]@EU[exchange]@EU data within [X] days.\n")
    r = run("clean", "-", "--policy", "EU>first", input=text)
    assert r.exit_code == 0
    assert "Parties shall share data within [X] days." in r.stdout
    assert "conflict: art_1__para_1__brk_1: alternatives 1 and 2" in r.stderr
    assert "1 placeholder remains: art_1__para_1__ph_1 [X]" in r.stderr


def test_variants_count_list_index_sample_json():
    assert run("variants", EN, "--count").stdout == "7134511104\n"
    listed = run("variants", EN, "--limit", "3").stdout.splitlines()
    assert [ln.split(":")[0] for ln in listed] == ["0", "1", "2"]
    assert run("variants", EN, "--index", "0").stdout == run("clean", EN).stdout
    assert run("variants", EN, "--index", "7134511104").exit_code == 2
    assert run("variants", EN, "--index", "x").exit_code == 2
    data = json.loads(run("variants", EN, "--sample", "4", "--seed", "1", "--json").stdout)
    assert data["count"] == "7134511104" and len(data["variants"]) == 4
    data = json.loads(run("variants", EN, "--json").stdout)
    assert data == {"count": "7134511104", "digits": 10, "log10": 9.853}


def test_variants_prints_numbers_beyond_python_int_str_limit():
    groups = " and ".join("[a][b][c][d][e][f][g][h][i][j]" for _ in range(5000))
    r = run("variants", "-", input=f"Article 1\n1. {groups}.\n")
    assert r.stdout == "1" + "0" * 5000 + "\n"


def test_stats_table_and_json():
    r = run("stats", EN)
    assert r.exit_code == 0
    assert "brackets remaining: 34 groups" in r.stdout
    assert r.stdout.splitlines()[0].split() == ["unit", "groups", "alt.groups", "optional",
                                                "options", "alternatives", "placeholders",
                                                "notes", "depth", "words", "bracketed"]
    data = json.loads(run("stats", "--json", EN).stdout)
    assert data["document"]["groups"] == 34
    assert {d["code"] for d in data["delegations"]} >= {"RUS", "EU"}


def test_diff_text_and_json(tmp_path):
    new = tmp_path / "new.txt"
    new.write_text(run("resolve", EN, "--accept", "USA").stdout, encoding="utf-8")
    r = run("diff", EN, str(new))
    assert r.exit_code == 0
    assert "art_4 (matched by number)" in r.stdout
    assert "art_4__brk_1: resolved to alternative 2" in r.stdout
    data = json.loads(run("diff", "--json", EN, str(new)).stdout)
    assert data["summary"] == {"resolved": 5, "discarded": 2}
    assert run("diff", EN, EN).stdout == "no differences\n"
    assert run("diff", "-", "-").exit_code == 2


def test_seed_variants_and_accept_as_a_process():
    seed_text()  # skips when the seed is absent
    exe = [sys.executable, "-m", "treatydraft"]
    r = subprocess.run(exe + ["variants", "--tolerant", "--count", str(SEED)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "512\n"
    r = subprocess.run(exe + ["resolve", "--tolerant", "--accept", "CHN", "--otherwise", "first",
                              str(SEED)], capture_output=True, text=True)
    assert r.returncode == 0
    assert not list(treatydraft.parse(r.stdout, mode="tolerant").groups())
    assert r.stdout.count("[") == seed_text().count("[") - 18
