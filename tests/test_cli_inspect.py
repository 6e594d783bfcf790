"""``treatydraft check``, ``show`` and ``brackets`` through click's runner and as a process."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from treatydraft.cli import main

from fixtures import FIXTURES, SAMPLES

EN = str(SAMPLES / "convention-en.txt")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_check_clean_sample_exits_0_with_summary():
    r = run("check", EN)
    assert r.exit_code == 0
    assert r.output.strip() == (f"{EN}: 7 articles, 34 groups (18 of alternatives, "
                                "14 optional, 2 option blocks), 45 alternatives, "
                                "8 placeholders, 0 notes, 10 delegations")
    assert r.stderr == ""


def test_check_problems_exit_1_with_position_and_caret():
    bad = str(FIXTURES / "errors" / "unclosed-bracket" / "input.txt")
    r = run("check", bad)
    assert r.exit_code == 1
    assert f"{bad}:2:30: error: unclosed bracket" in r.stderr
    assert "      |                              ^" in r.stderr
    assert r.stderr.endswith(f"{bad}: 1 problem (1 error)\n")
    r = run("check", "--tolerant", bad)
    assert r.exit_code == 1
    assert f"{bad}:2:30: error: unclosed bracket" in r.stderr
    assert r.stdout.startswith(f"{bad}: 1 article, ")


def test_check_warnings_only_exit_0():
    warn = str(FIXTURES / "errors" / "editorial-quote-warning" / "input.txt")
    r = run("check", "--tolerant", warn)
    assert r.exit_code == 0 and "warning:" in r.stderr and "(1 warning)" in r.stderr


def test_check_missing_file_exits_2_and_continues():
    r = run("check", "nope.txt", EN)
    assert r.exit_code == 2
    assert "nope.txt: cannot read" in r.stderr
    assert "7 articles" in r.output


def test_check_stdin():
    r = run("check", "-", input="Article 1\n1. [a][b]\n")
    assert r.exit_code == 0 and "-: 1 article, 1 group (1 of alternatives" in r.output


def test_show_text_and_json():
    r = run("show", EN)
    assert r.exit_code == 0
    assert "  article Article 3 bis.  [art_3bis]  54:1" in r.output or \
        "article Article 3 bis" in r.output
    assert "options art_3bis__opts_1" in r.output
    data = json.loads(run("show", "--json", EN).output)
    assert data["front_matter"]["fields"]["symbol"] == "A/AC.999/L.3/Rev.2"
    assert data["body"][0]["type"] == "heading"


def test_brackets_filters():
    data = json.loads(run("brackets", EN, "--json", "--delegation", "BRA").output)
    assert [g["id"] for g in data] == ["art_3__para_2__brk_1"]
    data = json.loads(run("brackets", EN, "--json", "--article", "6").output)
    assert [g["kind"] for g in data] == ["optional", "options", "alternatives",
                                         "placeholder", "placeholder", "placeholder",
                                         "placeholder"]
    six = data[2]
    assert len(six["alternatives"]) == 6 and six["depth"] == 2  # inside an option (issue 11)
    data = json.loads(run("brackets", EN, "--json", "--kind", "placeholder").output)
    assert len(data) == 8 and all(g["text"] for g in data)
    r = run("brackets", EN, "--delegation", "XYZ")
    assert r.exit_code == 2 and "unknown delegation 'XYZ'" in r.stderr
    text = run("brackets", EN, "--article", "4").output
    assert "art_4__para_2__brk_1__alt_2__brk_1  alternatives  art_4__para_2  64:" in text


def test_python_dash_m_entry_point():
    r = subprocess.run([sys.executable, "-m", "treatydraft", "check", EN],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "7 articles" in r.stdout


def test_issue13_check_stats_and_brackets_agree_and_say_what_they_count():
    draft = ("Article 1\n1. Parties [shall][may] act [now] [...] {linkages to 4.1}.\n"
             "Option 1: [a][b][c]\nOption 2: No text\n")
    check = run("check", "-", input=draft).output
    doc_line = ("4 groups (2 of alternatives, 1 optional, 1 option block), 7 alternatives, "
                "1 placeholder")
    assert check == f"-: 1 article, {doc_line}, 1 note, 0 delegations\n"
    stats = run("stats", "-", input=draft).output
    assert f"brackets remaining: {doc_line}, 1 note;" in stats
    assert run("brackets", "-", input=draft).output.endswith(f"\nlisted: {doc_line}\n")
    optional = run("brackets", "--kind", "optional", "-", input=draft).output
    assert optional.endswith("\nlisted: 1 group (0 of alternatives, 1 optional, 0 option "
                             "blocks), 0 alternatives, 0 placeholders\n")
