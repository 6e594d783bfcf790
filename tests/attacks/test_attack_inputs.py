"""The attack suite: hostile inputs through every command (issue 8).

For each attack and command: the expected exit status and message, standard error
bounded and free of tracebacks and of the input's terminal control sequences, the
input file untouched, and the output either complete or absent (with nothing else
left in the folder).
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.readers.akn import read_akn

from attack_cases import COMMANDS, SECRET, TEXT_ATTACKS, XML_ATTACKS, XML_COMMANDS


def _params(attacks, commands):
    out = []
    for attack in attacks:
        for name, args, output in commands:
            if attack.commands and name not in attack.commands:
                continue
            marks = [pytest.mark.slow] if attack.slow else []
            out.append(pytest.param(attack, name, args, output, marks=marks,
                                    id=f"{attack.name}-{name}"))
    return out


_MADE: dict = {}
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _data(attack, *extra) -> bytes:
    key = (attack.name,) + extra
    if key not in _MADE:
        _MADE.clear()  # keep at most one large input in memory
        _MADE[key] = attack.make(*extra)
    return _MADE[key]


def _complete(path, data_in: bytes) -> None:
    """The output is whole: it reads back as what its name says it is."""
    raw = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            assert z.testzip() is None
            body = z.read("word/document.xml")
        if len(body) < 10_000_000:  # python-docx cannot open larger text nodes
            docx.Document(io.BytesIO(raw))
        else:
            etree.fromstring(body, etree.XMLParser(huge_tree=True, resolve_entities=False))
    elif path.suffix == ".xml":
        read_akn(raw)
    elif path.name == "out.txt" and data_in:
        assert raw, "an empty output for a non-empty input"


def _run_attack(tmp_path, attack, name, args, output, data: bytes, tolerant=False, secret=None):
    src = tmp_path / f"input{attack.suffix}"
    src.write_bytes(data)
    out = tmp_path / output if output else None
    argv = [a.format(**{"in": src, "out": out}) for a in args] + (["--tolerant"] if tolerant
                                                                 else [])
    r = CliRunner().invoke(main, argv, catch_exceptions=False, color=True)
    status, message = attack.overrides.get(name, (attack.status, attack.message))
    assert "\x1b[31mred" not in r.output and "\x1b]0;" not in r.output  # the input's escapes
    err = _SGR.sub("", r.stderr)  # our own colours
    assert r.exit_code == status, err[:2000]
    assert message in err, err[:2000]
    assert "Traceback" not in err and len(err) <= attack.max_stderr, len(err)
    if secret:
        assert secret not in r.output
    if name == "in-place" and status == 0:
        assert not list(treatydraft.load(src).groups())
        return r
    assert src.read_bytes() == data, "the input was changed"
    left = sorted(p.name for p in tmp_path.iterdir())
    if out is not None and r.exit_code in (0, 1) and (r.exit_code == 0 or tolerant):
        assert left == sorted([src.name, out.name]), left
        _complete(out, data)
    elif status != 0:
        assert left == [src.name], left
    return r


@pytest.fixture
def tmp_path(tmp_path):
    """pytest's tmp_path, emptied afterwards: pytest keeps the folders of recent runs,
    and the large attacks would leave gigabytes there."""
    yield tmp_path
    for p in tmp_path.iterdir():
        p.unlink()


@pytest.mark.parametrize("attack, name, args, output", _params(TEXT_ATTACKS, COMMANDS))
def test_attack(tmp_path, attack, name, args, output):
    _run_attack(tmp_path, attack, name, args, output, _data(attack))


TOLERANT = [a for a in TEXT_ATTACKS if a.status == 1 and not a.slow]


@pytest.mark.parametrize("attack, name, args, output",
                         _params(TOLERANT, [c for c in COMMANDS if c[0] != "in-place"]))
def test_attack_tolerant_still_writes_and_reports(tmp_path, attack, name, args, output):
    data = _data(attack)
    r = _run_attack(tmp_path, attack, name, args, output, data, tolerant=True)
    assert "problem" in r.stderr


@pytest.mark.parametrize("attack, name, args, output", _params(XML_ATTACKS, XML_COMMANDS))
def test_xml_attack(tmp_path, attack, name, args, output):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text(SECRET)
    try:
        _run_attack(tmp_path, attack, name, args, output, _data(attack, str(secret)),
                    secret=SECRET)
    finally:
        secret.unlink()
