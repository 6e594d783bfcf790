"""Units of the Word reader: number formats, attribution sentences, author mapping (issue 12)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from treatydraft.cli import main
from treatydraft.readers.docx import load_author_map, load_registry
from treatydraft.readers.docx.numbering import format_number
from treatydraft.readers.docx.registry import Registry, Sentence

from test_docx_import_support import make_docx


@pytest.mark.parametrize("n,fmt,expected", [
    (1, "decimal", "1"), (12, "decimal", "12"), (3, "decimalZero", "03"),
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
    (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"), (1994, "upperRoman", "MCMXCIV"),
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"),
    (1010, "chineseCountingThousand", "一千零一十"),
    (1, "arabicAbjad", "أ"), (4, "arabicAbjad", "د"), (2, "arabicAlpha", "ب"),
    (12, "hindiNumbers", "١٢"), (7, "decimalFullWidth", "７"), (3, "bullet", ""),
    (2, "ordinal", "2nd"), (11, "ordinal", "11th"), (5, "someFutureFormat", "5"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@given(st.integers(1, 3999))
def test_roman_numerals_read_back(n):
    s = format_number(n, "lowerRoman")
    values = [_ROMAN[ch] for ch in s]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    assert total == n


@given(st.integers(1, 200))
def test_letters_are_distinct_and_ordered_by_length(n):
    assert format_number(n, "lowerLetter") != format_number(n + 1, "lowerLetter")
    assert len(format_number(n, "lowerLetter")) == (n - 1) // 26 + 1


REG = load_registry("RUS: Russian Federation\nCHN: China\nEU: European Union and its "
                    "member States\nUSA: United States of America\n")


@pytest.mark.parametrize("text,expected", [
    ("Proposed by the Russian Federation and China.", Sentence("proposed", ("RUS", "CHN"))),
    ("Proposed by the European Union and its member States and China.",
     Sentence("proposed", ("EU", "CHN"))),
    ("Proposed by China, the United States of America and the Russian Federation",
     Sentence("proposed", ("CHN", "USA", "RUS"))),
    ("Bracketed at the request of the European Union and its member States.",
     Sentence("group", ("EU",))),
    ("由Russian Federation和China提议。", Sentence("proposed", ("RUS", "CHN"))),
    ("Proposed by RUS and CHN.", Sentence("proposed", ("RUS", "CHN"))),
    ("Proposed by Canada.", None),
    ("Proposed by the Russian Federation; the alternative by China.", None),
    ("See document A/AC.291/12.", None),
])
def test_attribution_sentences(text, expected):
    assert Registry(REG).sentence(text) == expected


def test_author_mapping():
    reg = Registry(REG, {"Jane Smith (EU Delegation)": "EU"})
    assert reg.author_code("Jane  Smith (EU Delegation)") == "EU"
    assert reg.author_code("USA") == "USA"
    assert reg.author_code("the russian federation") == "RUS"
    assert reg.author_code("Ivan Petrov") is None


def test_registry_file_forms():
    assert [d.code for d in load_registry("---\ndelegations:\n  EU: European Union\n---\n")] == ["EU"]
    assert [(d.code, d.groups) for d in load_registry("delegations:\n  AFG: African Group\n"
                                                      "  EGY: Egypt @AFG\n")] == \
        [("AFG", ()), ("EGY", ("AFG",))]
    assert [d.name for d in load_registry('EU: "European Union"\n# comment\n')] == ["European Union"]
    assert load_author_map('"A, B": EU\nC D: RUS  # note\n') == {"A, B": "EU", "C D": "RUS"}


def test_import_of_a_docx_that_is_not_a_valid_draft(tmp_path):
    path = tmp_path / "d.docx"
    path.write_bytes(make_docx("<w:p><w:r><w:t>1. Parties shall share [data.</w:t></w:r></w:p>"))
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1 and "unclosed bracket" in result.output and not out.exists()
    assert "(as text)" in result.output
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(out), "--tolerant"])
    # tolerant: written, with the problems listed and exit 1 (issue 8's rule)
    assert result.exit_code == 1 and "[data." in out.read_text(encoding="utf-8")
