"""Issue 11 part 5: what a start keeps in the temporary folder gives what a build gives.

:mod:`treatydraft.regexcache` keeps the compiled programs of regular expressions and
:mod:`treatydraft.codecache` the code of the node classes' dataclass methods; a kept
one must be the same as the one built afresh, and a missing, damaged or foreign file
must only cost the build.  (The grammars' tables are no longer kept there: they
are modules of the package, see tests/test_lalr.py.)
Each test points the temporary folder at its own directory.
"""
from __future__ import annotations

import marshal
import os
import re
import tempfile

import pytest
from fixtures import SEED, seed_text

import treatydraft
from treatydraft import joining, notekinds, pairing, regexcache, syntax


@pytest.fixture
def tmpdir_cache(tmp_path, monkeypatch):
    """A fresh temporary folder and a fresh regex table, as a new process has."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(regexcache, "_table", None)
    monkeypatch.setattr(regexcache, "_dirty", False)
    return tmp_path


def _restart():
    """What the next process sees: the table written, then nothing in memory."""
    regexcache._save()
    regexcache._table = None
    regexcache._dirty = False


def _patterns() -> list[tuple[str, int]]:
    """The expressions a parse compiles: the body lexer's scanner, the token pass's."""
    found = [(m.pattern, m.flags & ~re.UNICODE) for m in syntax.body_lexer().mres]
    found += [(p.pattern, p.flags & ~re.UNICODE) for p in (
        notekinds._NOTE, notekinds.NOTE_HOLDING, joining._LABEL_FIRST, pairing._QUOTES)]
    return found


def test_issue11_kept_regex_programs_give_the_patterns_re_compile_gives(tmpdir_cache,
                                                                         monkeypatch):
    patterns = _patterns()
    assert any(len(p) > 2000 for p, _ in patterns)  # the body lexer's alternation
    first = [regexcache.compile(p, f) for p, f in patterns]
    _restart()
    assert list(tmpdir_cache.glob(".treatydraft_re_*"))

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again instead of built from the kept program")
    monkeypatch.setattr(re, "compile", no_compiling)
    again = [regexcache.compile(p, f) for p, f in patterns]
    monkeypatch.undo()
    for (p, f), a, b in zip(patterns, first, again, strict=True):
        assert a == b == re.compile(p, f)  # same flags and program
        assert b.groupindex == re.compile(p, f).groupindex


@pytest.mark.parametrize("damage", ["garbage", "other-key", "bad-program"])
def test_issue11_damaged_regex_file_only_costs_the_compile(tmpdir_cache, damage):
    pattern = r"(?P<A>[0-9]+)|(?P<B>[a-z]+)"
    regexcache.compile(pattern)
    _restart()
    path = regexcache._path()
    with open(path, "rb") as f:
        key, table = marshal.loads(f.read())
    if damage == "garbage":
        data = b"\x00not marshal"
    elif damage == "other-key":
        data = marshal.dumps(("another-python", table))
    else:
        args = table[(pattern, 0)]
        table[(pattern, 0)] = (args[0], [1, 2, 3], *args[2:])
        data = marshal.dumps((key, table))
    with open(path, "wb") as f:
        f.write(data)
    got = regexcache.compile(pattern)
    assert got == re.compile(pattern)
    assert got.match("abc").lastgroup == "B"


def test_issue11_regex_cache_can_be_turned_off(tmp_path):
    import subprocess
    import sys
    code = ("import tempfile, sys; tempfile.tempdir = sys.argv[1]\n"
            "from treatydraft import regexcache\n"
            "assert regexcache.compile('[a-z]+') is not None\n")
    env = {**os.environ, "TREATYDRAFT_NO_REGEX_CACHE": "1"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=env)
    assert list(tmp_path.iterdir()) == []
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    assert [p.name.startswith(".treatydraft_re_") for p in tmp_path.iterdir()] == [True]


def test_issue11_parse_after_a_cold_start_equals_a_warm_one(tmp_path):
    """The same draft checked with nothing kept, then with everything kept: the same
    documents (as JSON) from two fresh interpreters."""
    import subprocess
    import sys
    code = ("import tempfile, sys, json; tempfile.tempdir = sys.argv[1]\n"
            "import treatydraft\n"
            "from treatydraft.writers.json import document_to_dict\n"
            "doc = treatydraft.load(sys.argv[2], mode='tolerant')\n"
            "print(json.dumps(document_to_dict(doc), sort_keys=True))\n")
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path), str(SEED)],
                           check=True, capture_output=True, text=True).stdout
            for _ in range(2)]
    # the regexes and the dataclass code (the grammars' tables are modules of the package)
    assert sorted(p.name.split("_")[1] for p in tmp_path.glob(".treatydraft_*")) == ["code", "re"]
    assert runs[0] == runs[1]
    assert treatydraft.parse(seed_text(), mode="tolerant").to_text() == seed_text()


_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")

_DUMP_CODE = """
import hashlib, json, marshal, sys, tempfile
tempfile.tempdir = sys.argv[1]
from treatydraft import ast, document
import dataclasses
out = {}
for module in (ast, document):
    for name, cls in sorted(vars(module).items()):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:
            for meth in METHODS:
                f = cls.__dict__.get(meth)
                f = getattr(f, "__wrapped__", f)  # __repr__ is wrapped by recursive_repr
                code = getattr(f, "__code__", None)
                if code is not None:
                    out[f"{name}.{meth}"] = [hashlib.sha256(marshal.dumps(code)).hexdigest(),
                                             repr(f.__annotations__), repr(f.__defaults__)]
from treatydraft import codecache
print(json.dumps([out, "exec" in vars(dataclasses), codecache._dirty]))
""".replace("METHODS", repr(_METHODS))


def test_issue11_kept_dataclass_code_makes_the_same_classes(tmp_path):
    """The node classes' methods, compiled by dataclasses (nothing kept), then built from
    the kept code in a second and third start: the same code objects, annotations and
    defaults; the kept table is written once and used; dataclasses is left as found."""
    import json
    import subprocess
    import sys

    def run(env_extra):
        env = {**os.environ, **env_extra}
        out = subprocess.run([sys.executable, "-c", _DUMP_CODE, str(tmp_path)], check=True,
                             capture_output=True, text=True, env=env).stdout
        return json.loads(out)

    plain, patched_left, _ = run({"TREATYDRAFT_NO_REGEX_CACHE": "1"})
    assert not list(tmp_path.glob(".treatydraft_code_*"))
    assert len(plain) > 100 and not patched_left
    cold, _, compiled = run({})
    assert compiled  # compiled, and kept
    (kept,) = tmp_path.glob(".treatydraft_code_*")
    warm, patched_left, compiled = run({})
    assert not compiled  # every method's code found in the table
    assert plain == cold == warm and not patched_left


def test_issue11_damaged_or_foreign_code_table_only_costs_the_compile(tmp_path, monkeypatch):
    from treatydraft import codecache
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = "def __create_fn__():\n def f(self):\n  return 1\n return f"
    for data in (b"\x00not marshal", marshal.dumps(("another-python", {source: 1})),
                 marshal.dumps((codecache._KEY, {source: "not code"}))):
        with open(codecache._path(), "wb") as f:
            f.write(data)
        monkeypatch.setattr(codecache, "_table", None)
        assert codecache._compiled(source) == compile(source, "<string>", "exec",
                                                      dont_inherit=True)


def test_issue11_regex_table_is_written_for_this_user_only(tmpdir_cache):
    """The kept table is the user's alone (mode 0600), and a link left where its
    temporary file goes is not written through (another user's trap in /tmp)."""
    victim = tmpdir_cache / "victim.txt"
    victim.write_text("keep me")
    regexcache.compile(r"[0-9]+x")
    os.symlink(victim, f"{regexcache._path()}.{os.getpid()}.tmp")
    _restart()
    assert victim.read_text() == "keep me"
    assert not os.path.exists(regexcache._path())  # nothing kept this time: only a cost
    regexcache.compile(r"[0-9]+y")
    if os.path.lexists(f"{regexcache._path()}.{os.getpid()}.tmp"):
        os.unlink(f"{regexcache._path()}.{os.getpid()}.tmp")
    _restart()
    assert os.stat(regexcache._path()).st_mode & 0o777 == 0o600
