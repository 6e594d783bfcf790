"""The document the project started from: a PDF-extracted Chinese chair's note."""
from __future__ import annotations

import treatydraft
import treatydraft.writers.json
from treatydraft.ast import BracketGroup

from fixtures import seed_text


def test_seed_parses_tolerantly_with_nine_two_way_groups():
    text = seed_text()
    doc = treatydraft.parse(text, mode="tolerant", source="seed")
    assert doc.to_text() == text
    assert not [d for d in doc.diagnostics if d.code in ("unclosed-bracket", "stray-bracket")]
    groups = list(doc.brackets())
    assert len(groups) == 9
    assert all(isinstance(g, BracketGroup) and len(g.alternatives) == 2 for g in groups)
    assert sum(len(g.alternatives) for g in groups) == 18


def test_seed_spaced_group_and_page_break_group():
    doc = treatydraft.parse(seed_text(), mode="tolerant")
    texts = [[treatydraft.writers.json.plain(a.children) for a in g.alternatives]
             for g in doc.brackets()]
    assert ["网络犯罪", "非法使用信息和通信技术行为"] in texts
    split = [t for t in texts if t[0].startswith("计算机数")]
    assert split == [["计算机数\n\n据", "电子信息"]]
    spaced = next(g for g in doc.brackets()
                  if treatydraft.writers.json.plain(g.alternatives[1].children)
                  == "非法使用信息和通信技术行为")
    assert spaced.gaps == (" ",)


def test_seed_is_clean_even_in_strict_mode():
    doc = treatydraft.parse(seed_text())
    assert len(list(doc.brackets())) == 9
