"""Issue 8: nothing lost, nothing hidden.  One regression test (or more) per defect."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.io import atomic_write, load
from treatydraft.source import caret_context
from treatydraft.writers.akn import to_akn

from fixtures import FIXTURES, SAMPLES, cases, golden, read

EN = str(SAMPLES / "convention-en.txt")
BROKEN = "Article 1\n1. Parties shall share [data\n2. [a][b] text.\n"


def run(*args, input=None, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], input=input,
                              catch_exceptions=False, **kw)


def _copy(tmp_path, name="draft.txt", text=None):
    path = tmp_path / name
    path.write_bytes((text if text is not None else read(SAMPLES / "convention-en.txt"))
                     .encode("utf-8"))
    return path


# ---------------------------------------------------------------- 1. diff -o INPUT

@pytest.mark.parametrize("which", ["old", "new", "link"])
def test_issue_8_diff_refuses_to_overwrite_an_input(tmp_path, which):
    a, b = _copy(tmp_path, "a.txt"), _copy(tmp_path, "b.txt")
    target = {"old": a, "new": b, "link": tmp_path / "link.txt"}[which]
    if which == "link":
        target.symlink_to(b)
    before = a.read_bytes(), b.read_bytes()
    r = run("diff", a, b, "-o", target)
    assert r.exit_code == 2 and "is the input file" in r.stderr and r.stdout == ""
    assert (a.read_bytes(), b.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.txt", "b.txt"] + (["link.txt"] if which == "link" else []))


# ---------------------------------------------------------------- 2. entities in XML

ENTITY_CASES = {
    "internal": b'<!DOCTYPE a [<!ENTITY e "x">]><akomaNtoso xmlns="http://docs.oasis-open.org/'
                b'legaldocml/ns/akn/3.0">&e;</akomaNtoso>',
    "external": b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns='
                b'"http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&e;</akomaNtoso>',
    "undeclared": b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
                  b'&e;</akomaNtoso>',
}


@pytest.mark.parametrize("case", sorted(ENTITY_CASES))
@pytest.mark.parametrize("command", ["validate", "import", "check"])
def test_issue_8_entity_references_are_a_clear_error(tmp_path, case, command):
    xml = tmp_path / "e.xml"
    xml.write_bytes(ENTITY_CASES[case])
    r = run(command, xml)
    assert r.exit_code == 1, r.stderr
    assert "Traceback" not in r.output and "root:" not in r.stderr
    assert "entity reference &e;" in r.stderr or "Entity 'e' not defined" in r.stderr
    assert f"{xml}:1" in r.stderr
    assert "root:" not in r.output and r.stdout.count("\n") <= 1


# ---------------------------------------------------------------- 3. UTF-16

@pytest.mark.parametrize("encoding, bom, name", [
    ("utf-16-le", b"\xff\xfe", "UTF-16 (little-endian)"),
    ("utf-16-be", b"\xfe\xff", "UTF-16 (big-endian)"),
    ("utf-16-le", b"", "UTF-16 (little-endian)"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
])
def test_issue_8_utf16_input_is_named_as_such(tmp_path, encoding, bom, name):
    src = tmp_path / "draft.txt"
    src.write_bytes(bom + read(SAMPLES / "convention-en.txt").encode(encoding))
    for args in (["check", src], ["clean", src, "-o", tmp_path / "out.txt"]):
        r = run(*args)
        assert r.exit_code == 2
        assert f"the file is {name} text, not UTF-8" in r.stderr
        assert "save the draft as UTF-8" in r.stderr and "0xff" not in r.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


# ---------------------------------------------------------------- 4. AKN stays AKN

def test_issue_8_in_place_and_output_keep_the_akoma_ntoso_format(tmp_path):
    xml = tmp_path / "draft.xml"
    xml.write_bytes(to_akn(treatydraft.load(EN)))
    r = run("clean", xml, "--in-place")
    assert r.exit_code == 0, r.stderr
    assert b"<akomaNtoso" in xml.read_bytes()[:200]
    assert not list(load(xml).groups())  # the tool reads its own output back
    r = run("resolve", EN, "--accept", "EU", "-o", tmp_path / "eu.xml")
    assert r.exit_code == 0 and load(tmp_path / "eu.xml").to_text() == \
        run("resolve", EN, "--accept", "EU").stdout
    r = run("clean", xml, "-o", tmp_path / "clean.txt")
    assert read(tmp_path / "clean.txt") == load(xml).to_text()
    assert "<akomaNtoso" in run("clean", xml).stdout[:200]  # stdout: the input's format
    r = run("clean", xml, "--plain", "--in-place")
    assert r.exit_code == 2 and "--plain writes plain text" in r.stderr
    r = run("import", xml, "-o", tmp_path / "back.xml")
    assert r.exit_code == 2 and not (tmp_path / "back.xml").exists()


# ---------------------------------------------------------------- 5. --tolerant reports

TOLERANT_COMMANDS = [
    ["check"], ["show"], ["show", "--json"], ["brackets"], ["stats"], ["variants"],
    ["clean"], ["resolve", "--choose", "art_1__para_2__brk_1=2"], ["export", "--to", "akn"],
    ["export", "--to", "docx", "-o", "{tmp}/out.docx"], ["diff", "{src}"],
]


@pytest.mark.parametrize("args", TOLERANT_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_issue_8_every_command_reports_tolerant_problems_and_exits_1(tmp_path, args):
    src = _copy(tmp_path, text=BROKEN)
    args = [a.format(tmp=tmp_path, src=src) for a in args]
    r = run(args[0], src, *args[1:], "--tolerant")
    assert r.exit_code == 1
    assert f"{src}:2:24: error: unclosed bracket" in r.stderr
    assert "      |                        ^\n" in r.stderr
    assert f"{src}: 1 problem (1 error)" in r.stderr
    assert src.read_text(encoding="utf-8") == BROKEN
    if args[0] == "clean":
        assert "[data" in r.stdout  # the output is written, and the status says why


def test_issue_8_warnings_are_shown_and_quiet_leaves_them_out():
    warn = FIXTURES / "errors" / "editorial-quote-warning" / "input.txt"
    r = run("clean", warn, "--tolerant")
    assert r.exit_code == 0 and "warning:" in r.stderr and "(1 warning)" in r.stderr
    r = run("clean", warn, "--tolerant", "--quiet")
    assert r.exit_code == 0 and r.stderr == "" and r.stdout


# ---------------------------------------------------------------- 6. bounded output

def test_issue_8_error_listing_is_capped_and_complete_on_request(tmp_path):
    src = _copy(tmp_path, text="Article 1\n1. " + "a] " * 5000 + "\n")
    r = run("check", src)
    assert r.exit_code == 1
    assert "... and 4980 more (--verbose lists them all)" in r.stderr
    assert f"{src}: 5000 problems (5000 errors)" in r.stderr
    assert len(r.stderr) < 20 * 500  # each listed problem is a few short lines
    assert max(len(line) for line in r.stderr.splitlines()) < 200
    verbose = run("check", src, "--verbose")
    assert verbose.stderr.count("error: stray ']'") == 5000
    data = json.loads(run("check", src, "--json").stdout)
    assert len(data[0]["problems"]) == 5000 and data[0]["problems"][0]["line"] == 2


def test_issue_8_a_long_line_is_shown_as_a_window(tmp_path):
    line = "x" * 2_000_000 + "]" + "y" * 2_000_000
    src = _copy(tmp_path, text=f"Article 1\n1. {line}\n")
    r = run("check", src)
    assert r.exit_code == 1 and len(r.stderr) < 1000
    shown, caret = [ln for ln in r.stderr.splitlines() if " | " in ln or ln.endswith("|")][:2]
    assert shown.count("x") + shown.count("y") < 90 and "…" in shown
    assert caret.index("^") == shown.index("]")


def test_caret_window_never_wider_than_the_window():
    text = "a" * 500 + "\x1b[2J\u202e" + "b" * 500
    for col in (1, 80, 250, 501, 503, 1003, 1004, 5000):
        src, caret = caret_context(text, 1, col).split("\n")
        assert len(src) <= len("    1 | ") + 80 and len(caret) <= len("    1 | ") + 80
        assert "\x1b" not in src and "\u202e" not in src  # no terminal or bidi control


# ---------------------------------------------------------------- 13. exit statuses

USAGE = [
    (["resolve", EN, "--choose", "art_1__brk_7=1"], "unknown group id 'art_1__brk_7'"),
    (["resolve", EN, "--accept", "XX"], "unknown delegation 'XX'"),
    (["resolve", EN, "--keep", "art_1__brk_1"], "keep applies to optional text only"),
    (["resolve", EN, "--drop", "art_1__brk_1"], "cannot be dropped"),
    (["resolve", EN, "--otherwise", "first", "--keep", "art_3__brk_1"], "--otherwise goes with"),
    (["resolve", EN, "--accept", "EU", "--in-place", "-o", "x.txt"], "either --in-place or -o"),
    (["clean", EN, "--policy", "EU>"], "empty step"),
    (["clean", EN, "--policy", ">drop"], "empty step"),
    (["clean", EN, "--policy", "EU>>drop"], "empty step"),
    (["clean", EN, "--policy", "XX>first"], "unknown delegation 'XX'"),
    (["variants", EN, "--count", "--limit", "3"], "--count and --limit do not go together"),
    (["variants", EN, "--limit", "3", "--sample", "2"], "do not go together"),
    (["variants", EN, "--index", "1", "--limit", "2"], "do not go together"),
    (["variants", EN, "--start", "2"], "--start goes with --limit"),
    (["variants", EN, "--seed", "2"], "--seed goes with --sample"),
    (["variants", EN, "--index", "7134511104"], "no variant 7134511104"),
    (["variants", EN, "--index", "-1"], "not a variant number"),
    (["export", EN, "--to", "docx", "--base", "RUS"], "--base applies to --to docx --style tracked"),
    (["export", EN, "--to", "akn", "--style", "tracked"], "--style applies to --to docx"),
    (["export", EN, "--to", "docx", "--validate"], "--validate applies to --to akn"),
    (["export", EN, "--to", "docx", "--style", "tracked", "--attribution", "comments"],
     "--attribution applies to"),
    (["export", EN, "--to", "docx", "--style", "tracked", "--base", "XYZ"],
     "unknown base delegation"),
    (["brackets", EN, "--article", "99"], "no article 99"),
    (["brackets", EN, "--delegation", "XYZ"], "unknown delegation 'XYZ'"),
    (["stats", EN, "-o", ""], "empty file name"),
    (["export", EN, "--to", "akn", "-o", ""], "empty file name"),
    (["import", "x.xml", "-o", "y.xml"], "import writes draft text"),
    (["check", "/nonexistent/draft.txt"], "cannot read"),
]


@pytest.mark.parametrize("args, message", USAGE, ids=lambda v: " ".join(v[2:] if
                                                                        isinstance(v, list) else []))
def test_issue_8_usage_errors_exit_2_and_write_nothing(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert r.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "show", "brackets", "resolve", "clean", "variants",
                                     "stats", "diff", "export", "validate", "import"])
def test_issue_8_every_help_documents_the_exit_status(command):
    r = run(command, "--help")
    assert r.exit_code == 0 and "Exit status" in r.stdout


# ---------------------------------------------------------------- 14. defaults

def test_issue_8_export_writes_to_the_current_folder_or_stdout(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    src = _copy(folder)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    r = run("export", src, "--to", "docx")
    assert r.exit_code == 0 and "wrote draft.docx" in r.stderr
    assert [p.name for p in work.iterdir()] == ["draft.docx"]
    assert sorted(p.name for p in folder.iterdir()) == ["draft.txt"]
    r = run("export", src, "--to", "akn")
    assert r.exit_code == 0 and "<akomaNtoso" in r.stdout[:200] and "wrote" not in r.stderr
    assert [p.name for p in work.iterdir()] == ["draft.docx"]


def test_issue_8_no_color_is_honoured(monkeypatch):
    bad = FIXTURES / "errors" / "unclosed-bracket" / "input.txt"
    coloured = run("check", bad, color=True)
    assert "\x1b[" in coloured.stderr
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run("check", bad, color=True)
    assert "\x1b[" not in plain.output and "unclosed bracket" in plain.stderr


def test_issue_8_plurals():
    r = run("check", "-", input="Article 1\n1. [a][b] and [c]\n")
    assert "1 article, 2 groups (1 of alternatives, 1 optional, 0 option blocks), " \
        "2 alternatives, 0 placeholders, 0 notes" in r.stdout
    r = run("brackets", "-", input="Article 1\n1. [a][b]\n")
    assert r.stdout.endswith("\nlisted: 1 group (1 of alternatives, 0 optional, 0 option "
                             "blocks), 2 alternatives, 0 placeholders\n")
    r = run("check", "-", "--tolerant", input="Article 1\n1. [a\n")
    assert "-: 1 problem (1 error)" in r.stderr


# ---------------------------------------------------------------- 11. links, read-only

def test_issue_8_in_place_writes_through_a_symbolic_link(tmp_path):
    real = _copy(tmp_path, "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = run("clean", link, "--in-place")
    assert r.exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert not list(load(real).groups())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_issue_8_read_only_output_is_refused_as_cp_would(tmp_path):
    """As a non-root user (root may write anything, as with cp): a forked child drops
    to 'nobody' when the tests run as root."""
    tmp_path.chmod(0o777)
    out = tmp_path / "out.txt"
    out.write_text("keep me\n")
    out.chmod(0o444)
    text = read(SAMPLES / "convention-en.txt")
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the command, send back its status and messages
        try:
            os.close(rfd)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            r = CliRunner().invoke(main, ["clean", "-", "-o", str(out)], input=text)
            os.write(wfd, json.dumps([r.exit_code, r.stderr]).encode())
        finally:
            os._exit(0)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as fh:
        status, stderr = json.loads(fh.read() or b"[null, null]")
    os.waitpid(pid, 0)
    assert status == 2, stderr
    assert f"cannot write {out}: Permission denied" in stderr
    assert out.read_text() == "keep me\n" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# ---------------------------------------------------------------- 12. stale temporaries

def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_issue_8_stale_temporaries_of_the_same_target_are_removed(tmp_path):
    out = tmp_path / "out.txt"
    stale = tmp_path / f".out.txt.treatydraft-{_dead_pid()}-abcd1234.tmp"
    live = tmp_path / f".out.txt.treatydraft-{os.getpid()}-efgh5678.tmp"
    other = tmp_path / f".other.txt.treatydraft-{_dead_pid()}-abcd1234.tmp"
    for p in (stale, live, other):
        p.write_text("half")
        os.utime(p, (time.time() - 86400, time.time() - 86400))
    atomic_write(out, "whole\n")
    assert out.read_text() == "whole\n"
    assert not stale.exists() and live.exists() and other.exists()


def test_issue_8_sigkill_leaves_only_a_recognisable_temporary(tmp_path):
    out = tmp_path / "out.txt"
    code = ("import os, treatydraft.io as io\n"
            "real = os.replace\n"
            "def stop(*a):\n    os.kill(os.getpid(), 9)\n"
            "io.os.replace = stop\n"
            f"io.atomic_write({str(out)!r}, 'data')\n")
    r = subprocess.run([sys.executable, "-c", code])
    assert r.returncode == -9
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".out.txt.treatydraft-")
    time.sleep(0.01)
    os.utime(tmp_path / left[0], (time.time() - 86400, time.time() - 86400))
    r = run("clean", EN, "-o", out)
    assert r.exit_code == 0 and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# ---------------------------------------------------------------- 15. process-wide state

def test_issue_8_digits_never_touch_the_interpreter_limit(monkeypatch):
    from treatydraft.operations.variants import digits, from_digits

    def forbidden(*_):
        raise AssertionError("sys.set_int_max_str_digits must not be called")

    monkeypatch.setattr(sys, "set_int_max_str_digits", forbidden)
    before = sys.get_int_max_str_digits()
    n = 7 ** 20000
    seen = []
    worker = threading.Thread(target=lambda: seen.append(sys.get_int_max_str_digits()))
    text = digits(n)
    worker.start()
    worker.join()
    assert from_digits(text) == n and len(text) == 16902
    assert text[-30:] == str(n % 10 ** 30).zfill(30) and int(text[:30]) == n // 10 ** 16872
    assert sys.get_int_max_str_digits() == before and seen == [before]
    with pytest.raises(ValueError):
        str(n)  # the limit is still in force for everyone else
    for bad in ("", "-1", "1e5", " 1", "1_0", "١٢"):
        with pytest.raises(ValueError):
            from_digits(bad)


@pytest.mark.slow
def test_issue_8_huge_variant_index_is_accepted():
    groups = " and ".join("[a][b][c][d][e][f][g][h][i][j]" for _ in range(5000))
    text = f"Article 1\n1. {groups}\n"
    r = run("variants", "-", "--index", "9" * 5000, input=text)
    assert r.exit_code == 0 and r.stdout.count("j") == 5000


# ---------------------------------------------------------------- 7. front matter

@pytest.mark.parametrize("case", cases("frontmatter"))
def test_issue_8_front_matter_values(case):
    text = read(case / "input.txt")
    tolerant = treatydraft.parse(text, mode="tolerant", source="input.txt")
    got = "".join(f"{d.line}:{d.column}: {d.severity}: {d.message}\n" for d in tolerant.diagnostics)
    golden(case / "tolerant.txt", got)
    try:
        strict = treatydraft.parse(text, source="input.txt")
        got = "accepted\n"
        assert not tolerant.diagnostics and strict.to_text() == text
    except treatydraft.TreatyDraftError as err:
        got = err.report() + "\n"
        assert all(d.severity == "warning" for d in tolerant.diagnostics)
    golden(case / "strict.txt", got)


def test_issue_8_one_bad_registry_line_keeps_the_others():
    case = FIXTURES / "errors" / "issue-8-front-matter-every-bad-line" / "input.txt"
    doc = treatydraft.parse(read(case), mode="tolerant")
    assert [d.code for d in doc.front.delegations] == ["RUS", "CHN", "AFG"]
    assert [(d.line, d.code) for d in doc.diagnostics] == [
        (3, "front-matter"), (6, "front-matter"), (7, "front-matter"), (12, "unknown-delegation")]
    group = next(doc.groups())
    assert group.alternatives[0].proposers == ("RUS", "CHN")
    r = run("check", case)
    assert r.exit_code == 1 and r.stderr.count("malformed front matter line") == 3


# ---------------------------------------------------------------- 9. huge text nodes

@pytest.mark.slow
def test_issue_8_export_of_a_paragraph_over_10_mb_validates_and_imports(tmp_path):
    text = "Article 1\n1. [Parties][States] " + "shall share data " * 650_000 + "[promptly].\n"
    assert len(text) > 11_000_000
    src = _copy(tmp_path, text=text)
    xml = tmp_path / "big.xml"
    r = run("export", src, "--to", "akn", "-o", xml)
    assert r.exit_code == 0, r.stderr
    r = run("validate", xml)
    assert r.exit_code == 0, r.stderr
    r = run("import", xml, "-o", tmp_path / "back.txt")
    assert r.exit_code == 0 and (tmp_path / "back.txt").read_bytes() == src.read_bytes()


@pytest.mark.slow
def test_issue_8_word_export_of_a_paragraph_over_10_mb_imports_back(tmp_path):
    import random

    import docx
    rnd = random.Random(8)
    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9)))
             for _ in range(5000)]  # varied text: the package stays under the zip-ratio limit
    text = ("Article 1\n1. [Parties][States] " + " ".join(rnd.choice(words)
                                                         for _ in range(1_800_000)) + " [a].\n")
    assert len(text.encode()) > 10_500_000
    src = _copy(tmp_path, text=text)
    out = tmp_path / "big.docx"
    assert run("export", src, "--to", "docx", "-o", out).exit_code == 0
    assert max(len(p.text) for p in docx.Document(str(out)).paragraphs) > 10_000_000
    r = run("import", out, "-o", tmp_path / "back.txt")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "back.txt").read_text(encoding="utf-8").endswith(text)


def test_issue_8_word_text_nodes_stay_under_the_xml_limit():
    from lxml import etree

    from treatydraft.writers.docx import ooxml
    p = etree.Element(ooxml.qn("w:p"))
    ooxml.add_text(p, "x" * (2 * ooxml.MAX_TEXT_NODE + 5) + "\ty")
    texts = [t.text for t in p.iter(ooxml.W_T)]
    assert [len(t) for t in texts] == [ooxml.MAX_TEXT_NODE, ooxml.MAX_TEXT_NODE, 5, 1]
    assert ooxml.paragraph_text(p) == "x" * (2 * ooxml.MAX_TEXT_NODE + 5) + " y"  # tab as blank


def test_issue_8_huge_tree_is_not_used_for_a_doctype(tmp_path):
    from treatydraft.schema import XMLRefused, parse_xml
    big = b'<!DOCTYPE a><a>' + b"x" * 10_500_000 + b"</a>"
    with pytest.raises(XMLRefused, match="Text node too long"):
        parse_xml(big)
    assert parse_xml(b"<a>" + b"x" * 10_500_000 + b"</a>").text.startswith("xxx")


def test_issue_8_validate_lists_the_first_violations_and_all_with_verbose(tmp_path):
    xml = tmp_path / "draft.xml"
    data = to_akn(treatydraft.load(EN)).replace(b"<p>", b'<p bogus="1">')
    xml.write_bytes(data)
    n = data.count(b"bogus")
    assert n > 25
    r = run("validate", xml)
    assert r.exit_code == 1 and f"{xml}: {n} problems ({n} errors)" in r.stderr
    assert f"... and {n - 20} more" in r.stderr and r.stdout == ""
    r = run("validate", xml, "--verbose")
    assert r.stderr.count("bogus") >= n and "more" not in r.stderr
