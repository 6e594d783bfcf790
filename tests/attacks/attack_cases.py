"""Attack inputs for the suite under ``tests/attacks/``, generated at test time.

Large inputs are built here when a test runs; none is committed.  Each attack says
what every command must do with it (strict mode): its exit status, a message on
standard error, and how much standard error may say at most.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

import treatydraft
from treatydraft.writers.akn import to_akn

from fixtures import SAMPLES, read

EN_TEXT = read(SAMPLES / "convention-en.txt")


@dataclass(frozen=True)
class Attack:
    name: str
    make: Callable[[], bytes]
    status: int
    """Exit status of every command that reads the input (strict mode)."""
    message: str
    """A fragment of what standard error must say ('' for nothing in particular)."""
    slow: bool = False
    overrides: dict = field(default_factory=dict)
    """command -> (status, message) where a command differs."""
    max_stderr: int = 12_000
    suffix: str = ".txt"
    commands: tuple = ()
    """Only these commands (default: all).  The largest inputs take seconds per
    command; every command reads and reports through the same code
    (``cli.common.Reporter``), so they go through one reading, one writing and one
    exporting command and ``--in-place``, while the small ones go through all."""


LARGE = ("check", "clean", "export-akn", "in-place")


def _text(s: str) -> Callable[[], bytes]:
    return lambda: s.encode("utf-8")


def _export_of(text: str) -> bytes:
    return to_akn(treatydraft.parse(text))


NO_GROUP = {"resolve": (2, "unknown group id 'art_1__para_1__brk_1'")}

TEXT_ATTACKS = [
    Attack("invalid-utf8", lambda: b"Article 1\n1. caf\xe9 [a][b]\n",
           2, "2:7: not UTF-8 text (byte 0xe9)"),
    Attack("utf16-bom", lambda: b"\xff\xfe" + EN_TEXT.encode("utf-16-le"), 2,
           "UTF-16 (little-endian) text, not UTF-8"),
    Attack("utf16-no-bom", lambda: EN_TEXT.encode("utf-16-be"), 2,
           "UTF-16 (big-endian) text, not UTF-8"),
    Attack("binary", lambda: random.Random(8).randbytes(4096), 2, "not UTF-8 text"),
    Attack("nul-bytes", _text("Article 1\n1. a\x00b [x y][z]\x00\n"), 0, ""),
    Attack("empty", _text(""), 0, "", overrides=NO_GROUP),
    Attack("terminal-escapes", _text("Article 1\n1. \x1b[31mred\x1b]0;owned\x07 ] [a][b]\n"),
           1, "stray ']'"),
    Attack("front-matter-every-line-bad",
           _text("---\nnot a field\n  lower: x\ndate: 2026-13-45\nlanguage: klingon\n"
                 "delegations:\n  EU: European Union @NOPE x\n---\nArticle 1\n1. [a][b]\n"),
           1, "malformed front matter line"),
    Attack("front-matter-unclosed", _text("---\ntitle: x\nArticle 1\n1. [a][b]\n"), 1,
           "front matter"),
    Attack("unknown-delegation", _text("Article 1\n1. [a]@XX[b]\n"), 1,
           "unknown delegation code 'XX'"),
    Attack("stray-3k", _text("Article 1\n1. [a][b]\n" + "2. a]\n" * 3_000), 1,
           "3000 problems (3000 errors)"),
    Attack("stray-100k", _text("Article 1\n1. [a][b]\n" + "2. a]\n" * 100_000), 1,
           "100000 problems (100000 errors)", slow=True, commands=("check",)),
    Attack("nested-100k", _text("Article 1\n1. " + "[" * 100_000 + "x" + "]" * 100_000 + "\n"),
           1, "brackets nested deeper than 100 levels", slow=True, commands=LARGE),
    Attack("line-20mb-4-errors",
           _text("Article 1\n1. " + ("x" * 5_000_000 + "] ") * 4 + "\n"), 1,
           "4 problems (4 errors)", slow=True, max_stderr=3_000),
    Attack("line-20mb-clean", _text("Article 1\n1. [a][b] " + "y" * 20_000_000 + "\n"), 0, "",
           slow=True),
]

#: commands run on every attack: (name, arguments, output file or None)
COMMANDS = [
    ("check", ["check", "{in}"], None),
    ("show", ["show", "{in}"], None),
    ("brackets", ["brackets", "{in}", "--json"], None),
    ("stats", ["stats", "{in}", "-o", "{out}"], "out.txt"),
    ("variants", ["variants", "{in}", "-o", "{out}"], "out.txt"),
    ("clean", ["clean", "{in}", "-o", "{out}"], "out.txt"),
    ("resolve", ["resolve", "{in}", "--choose", "art_1__para_1__brk_1=1", "-o", "{out}"],
     "out.txt"),
    ("export-akn", ["export", "{in}", "--to", "akn", "-o", "{out}"], "out.xml"),
    ("export-docx", ["export", "{in}", "--to", "docx", "-o", "{out}"], "out.docx"),
    ("diff", ["diff", "{in}", "{in}", "-o", "{out}"], "out.txt"),
    ("in-place", ["clean", "{in}", "--in-place"], None),
]

SECRET = "TOPSECRET-8c1f"


def _bomb() -> bytes:
    ents = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">'
                   for i in range(10))
    return (f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [{ents}]>'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            '<bill name="x"><body><p>&l9;</p></body></bill></akomaNtoso>').encode()


def _external(secret_path: str, where: str = "body") -> bytes:
    export = _export_of(EN_TEXT).decode()
    decl, rest = export.split("\n", 1)
    dtd = f'<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret_path}">]>'
    if where == "attr":
        rest = rest.replace('name="convention"', 'name="&x;"', 1)
    else:
        rest = rest.replace(" in a single original.", " in a single original &x;.", 1)
    return (decl + "\n" + dtd + "\n" + rest).encode()


def _external_dtd(secret_path: str) -> bytes:
    export = _export_of(EN_TEXT).decode()
    decl, rest = export.split("\n", 1)
    return (decl + f'\n<!DOCTYPE akomaNtoso SYSTEM "file://{secret_path}">\n' + rest).encode()


def _parameter_entity(secret_path: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY % p SYSTEM "file://{secret_path}">'
            '%p;]><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>'
            ).encode()


def _tampered(old: bytes, new: bytes) -> Callable[[], bytes]:
    def make() -> bytes:
        data = _export_of(EN_TEXT)
        assert old in data, old
        return data.replace(old, new, 1)
    return make


def _huge_text_node() -> bytes:
    return _export_of("Article 1\n1. [Parties][States] " + "shall share data " * 700_000 + "\n")


def _deep_xml() -> bytes:
    return (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            + b"<p>" * 5000 + b"x" + b"</p>" * 5000 + b"</akomaNtoso>")


XML_COMMANDS = [
    ("validate", ["validate", "{in}"], None),
    ("import", ["import", "{in}", "-o", "{out}"], "out.txt"),
    ("check", ["check", "{in}"], None),
    ("show", ["show", "{in}"], None),
    ("clean", ["clean", "{in}", "-o", "{out}"], "out.xml"),
    ("export-docx", ["export", "{in}", "--to", "docx", "-o", "{out}"], "out.docx"),
    ("in-place", ["clean", "{in}", "--in-place"], None),
]

VALID_BUT_TAMPERED = {"validate": (0, "")}

#: XML attacks: make(secret_path) -> bytes
XML_ATTACKS = [
    Attack("billion-laughs", lambda s: _bomb(), 1, "entity", suffix=".xml"),
    Attack("external-entity", lambda s: _external(s), 1, "entity reference &x;", suffix=".xml"),
    Attack("external-entity-in-attribute", lambda s: _external(s, "attr"), 1, "", suffix=".xml"),
    Attack("external-dtd", _external_dtd, 1, "DOCTYPE", suffix=".xml"),
    Attack("parameter-entity", _parameter_entity, 1, "", suffix=".xml"),
    Attack("truncated-export", lambda s: _export_of(EN_TEXT)[:5000], 1, "not well-formed XML",
           suffix=".xml"),
    Attack("empty-xml", lambda s: b"", 1, "not well-formed XML", suffix=".xml"),
    Attack("not-xml", lambda s: EN_TEXT.encode(), 1, "not well-formed XML", suffix=".xml"),
    Attack("tampered-unbalanced-bracket",
           lambda s: _tampered(b">Purposes<", b">Purposes [<")(), 1,
           "the draft text in the XML is not valid", suffix=".xml",
           overrides=VALID_BUT_TAMPERED),
    Attack("tampered-no-td-export", lambda s: _tampered(b"<td:export", b"<td:exported")(), 1, "",
           suffix=".xml"),
    Attack("tampered-foreign-element",
           lambda s: _tampered(b"</content>", b"<evil/></content>")(), 1, "", suffix=".xml"),
    Attack("deep-5000", lambda s: _deep_xml(), 1, "", suffix=".xml"),
    Attack("huge-text-node-export", lambda s: _huge_text_node(), 0, "", suffix=".xml",
           slow=True, commands=("validate", "import", "in-place")),
]
