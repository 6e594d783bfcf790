"""Shared checks for the Akoma Ntoso tests (the other test_akn_* modules import them)."""
from __future__ import annotations

from lxml import etree

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def canonical(xml: bytes) -> str:
    """C14N 2.0 form of ``xml``, for comparing with golden files."""
    return etree.canonicalize(xml_data=xml.decode("utf-8")) + "\n"


def reference_problems(xml: bytes) -> list[str]:
    """Duplicate eIds and refersTo/alternativeTo/#href targets that do not exist."""
    root = etree.fromstring(xml)
    eids: dict[str, int] = {}
    problems = []
    for el in root.iter():
        eid = el.get("eId")
        if eid is not None:
            if eid in eids:
                problems.append(f"duplicate eId {eid} (lines {eids[eid]} and {el.sourceline})")
            eids[eid] = el.sourceline
    for el in root.iter():
        for target in (el.get("refersTo") or "").split():
            if not target.startswith("#") or target[1:] not in eids:
                problems.append(f"refersTo {target} on line {el.sourceline}")
        alt = el.get("alternativeTo")
        if alt is not None and alt not in eids:
            problems.append(f"alternativeTo {alt} on line {el.sourceline}")
        href = el.get("href") or el.get("source")
        if href and href.startswith("#") and href[1:] not in eids:
            problems.append(f"href {href} on line {el.sourceline}")
    return problems


def test_reference_problems_finds_duplicates_and_dangling_references():
    xml = (b'<r xmlns="' + AKN.encode() + b'"><a eId="x"/><a eId="x"/>'
           b'<b refersTo="#x #nope" alternativeTo="gone" href="#missing"/></r>')
    problems = reference_problems(xml)
    assert len(problems) == 4
    assert problems[0].startswith("duplicate eId x")


def test_canonical_ignores_attribute_order_and_declaration():
    a = b"<?xml version='1.0' encoding='UTF-8'?>\n<r b='1' a='2'/>"
    assert canonical(a) == canonical(b'<r a="2" b="1"></r>')
