"""Right-to-left PDF lines back in logical order (issue 12): made-up drawn lines from
``tests/fixtures/pdfbidi/lines.txt``; real PDFs are in ``tests/test_pdftext_pdf.py``."""
from __future__ import annotations

import pytest

from treatydraft.readers.pdfbidi import has_rtl, logical_line, shape_swaps

from fixtures import FIXTURES, read


def _cases():
    blocks = read(FIXTURES / "pdfbidi" / "lines.txt").split("\n\n")
    out = []
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln and not ln.startswith("#")]
        if not lines:
            continue
        direction, drawn, logical, *rest = lines
        depth = int(rest[0].split()[1]) if rest else 0
        out.append(pytest.param(direction == "rtl", drawn, logical, depth, id=logical[:24]))
    return out


@pytest.mark.parametrize("rtl,drawn,logical,depth", _cases())
def test_line(rtl, drawn, logical, depth):
    assert logical_line(list(drawn), rtl, depth) == logical


def test_lam_alef_ligature_is_one_glyph():
    # "الاتفاقية" drawn: ة ي ق ا ف ت [لا] ا, the ligature's text in logical order
    drawn = ["ة", "ي", "ق", "ا", "ف", "ت", "لا", "ا"]
    assert logical_line(["(", "1", ")", " "] + drawn, False) == "(1) الاتفاقية"


def test_brackets_given_as_the_mirrored_glyph_are_detected():
    # a font whose opening-bracket glyph reads "]" (it was first drawn mirrored)
    lines = [list("(PP2) ]ءازإ[ ذإ@EU"), list("]X[ تاونس.")]
    assert shape_swaps(lines) == "["
    assert shape_swaps([list("(PP2) [ءازإ] ذإ@EU")]) == ""


def test_lines_without_right_to_left_text_are_unchanged():
    assert not has_rtl("Article 5. [Scope]@EU 第五条")
    assert logical_line(list("Article 5. [Scope]@EU"), False) == "Article 5. [Scope]@EU"
    assert logical_line(list("Article 5. [Scope]@EU"), True) == "Article 5. [Scope]@EU"
