"""Akoma Ntoso metadata from the front matter: FRBR identification, references, preface.

Kept apart from the body writer (:mod:`treatydraft.writers.akn`), which speaks in
containers and inlines; this module only knows the front matter.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date as _date
from typing import TYPE_CHECKING

from lxml import etree

from ..document import Document
from ..schema import AKN_NS, TD_NS

if TYPE_CHECKING:
    from .akn_tree import EidSet

__all__ = ["ILLEGAL", "clean", "set_raw", "AKN_NS", "TD_NS", "A", "T", "LANGUAGES",
           "language_code", "full_date", "frbr_number", "proponent", "author_id", "organization_ids",
           "write_meta",
           "write_preface", "SOURCE_ID", "FALLBACK_DATE", "Organizations"]

A = f"{{{AKN_NS}}}"
T = f"{{{TD_NS}}}"

#: characters XML 1.0 cannot carry, not even as references
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value: str) -> str:
    """``value`` fit for XML, for display only: impossible characters become U+FFFD."""
    return ILLEGAL.sub("\ufffd", value) if ILLEGAL.search(value) else value


def set_raw(el: etree._Element, attr: str, value: str) -> None:
    """Set ``attr`` to ``value`` recoverably: impossible characters go to ``td:codes``.

    ``td:codes="5:000C"`` says that character 5 (0-based) of the value is U+000C.
    """
    if ILLEGAL.search(value):
        codes = " ".join(f"{m.start()}:{ord(m.group()):04X}" for m in ILLEGAL.finditer(value))
        el.set(attr, ILLEGAL.sub("\ufffd", value))
        el.set(T + "codes", codes)
    else:
        el.set(attr, value)


#: the TLCOrganization naming the software that produced the file (``source="#treatydraft"``)
SOURCE_ID = "treatydraft"

#: used when the front matter has no readable date: the schema needs a full date
FALLBACK_DATE = "1970-01-01"

#: front matter ``language:`` values -> ISO 639-2 (bibliographic codes, as AKN uses)
LANGUAGES = {
    "en": "eng", "eng": "eng", "english": "eng",
    "zh": "zho", "zho": "zho", "chi": "zho", "chinese": "zho", "zh-cn": "zho", "zh-hans": "zho",
    "中文": "zho",
    "ar": "ara", "ara": "ara", "arabic": "ara", "العربية": "ara",
    "fr": "fra", "fra": "fra", "fre": "fra", "french": "fra", "français": "fra",
    "francais": "fra",
    "ru": "rus", "rus": "rus", "russian": "rus", "русский": "rus",
    "es": "spa", "spa": "spa", "spanish": "spa", "español": "spa", "espanol": "spa",
}

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})


def language_code(value: str | None) -> str:
    """ISO 639-2 code for a front matter language (``und``, undetermined, when unknown)."""
    if not value:
        return "und"
    key = value.strip().lower()
    if key in LANGUAGES:
        return LANGUAGES[key]
    key = key.split("-")[0].split("_")[0]
    return LANGUAGES.get(key, key if re.fullmatch(r"[a-z]{3}", key) else "und")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return _date(y, m, d).isoformat()
    except ValueError:
        return None


def full_date(value: str | None) -> tuple[str, bool]:
    """``(YYYY-MM-DD, exact)``: a partial date is completed with ``-01``; none -> FALLBACK_DATE."""
    if value:
        v = value.strip()
        m = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", v)
        if m:
            y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
            got = _valid(y, mo, d)
            if got:
                return got, bool(m[3])
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", v)
        if m and m[2].lower() in _MONTHS:
            got = _valid(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
            if got:
                return got, True
        m = re.fullmatch(r"([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", v)
        if m and m[1].lower() in _MONTHS:
            got = _valid(int(m[3]), _MONTHS[m[1].lower()], int(m[2] or 1))
            if got:
                return got, bool(m[2])
    return FALLBACK_DATE, False


#: a revision suffix of a UN document symbol (``/Rev.2``, ``-Rev.1``, `` Rev 3``)
_REVISION = re.compile(r"[\s/\-]*Rev\.?\s*\d+\s*$", re.I)


def frbr_number(symbol: str | None) -> str:
    """The FRBR Work number: the document symbol without its revision, as a URI segment
    (``A/AC.9/L.3/Rev.2`` -> ``a-ac-9-l-3``): every revision is an Expression of one Work."""
    base = _REVISION.sub("", symbol or "")
    slug = re.sub(r"[^0-9a-z]+", "-", base.lower()).strip("-")
    return slug or "draft"


def proponent(doc: Document) -> str:
    """Who issued the draft: front matter ``proponent:`` or ``author:``, else the Chair."""
    return (doc.front.get("proponent") or doc.front.get("author") or "Chair").strip() or "Chair"


def author_id(doc: Document, orgs: dict[str, str]) -> tuple[str, bool]:
    """(eId of the Work's author, whether it is a registered delegation's TLCOrganization).

    A proponent that is a delegation code or name refers to that delegation; anyone
    else (the Chair, a secretariat) gets a TLCOrganization of its own."""
    who = proponent(doc)
    for d in doc.front.delegations:
        if who in (d.code, d.name) and d.code in orgs:
            return orgs[d.code], True
    base = re.sub(r"[^a-z0-9]+", "_", who.lower()).strip("_") or "proponent"
    if not base[0].isalpha():
        base = "org_" + base
    eid, n = base, 1
    while eid in set(orgs.values()) | {SOURCE_ID} or (eid != "chair" and _BODY_IDS.match(eid)):
        n += 1
        eid = f"{base}_{n}"
    return eid, False


def _version(doc: Document) -> str | None:
    for text in (doc.front.symbol or "", doc.front.stage or ""):
        m = re.search(r"rev\.?\s*(\d+)", text, re.I)
        if m:
            return f"rev.{m[1]}"
    return None


#: eIds the body writer makes start like this; delegation eIds keep clear of them
_BODY_IDS = re.compile(r"(?:part|title|chp|sec|art|preamble|para|subpara|point|rec|recitals|"
                       r"brk|alt|opts|opt|ph|text|authorialnote|list|body|org|chair)(?:_|$)")


def organization_ids(doc: Document, codes: Iterable[str], reserved: set[str]) -> dict[str, str]:
    """Delegation code -> TLCOrganization eId (``RUS`` -> ``rus``).

    The eIds are unique, and clear of ``reserved`` and of the ids the body uses.
    """
    out: dict[str, str] = {}
    taken = set(reserved) | {SOURCE_ID}
    for code in codes:
        if code in out:
            continue
        base = re.sub(r"[^a-z0-9_.-]", "_", code.lower()) or "org"
        if not base[0].isalpha() or _BODY_IDS.match(base) or base == SOURCE_ID:
            base = "org_" + base
        eid, n = base, 1
        while eid in taken:
            n += 1
            eid = f"{base}_{n}"
        taken.add(eid)
        out[code] = eid
    return out


class Organizations:
    """Delegation code -> TLCOrganization eId, for ``refersTo`` in the body.

    The delegations of the front matter are known from the start (``ids``, written
    by :func:`write_meta`); a code the body names that the front matter does not
    register gets an eId when first named and is listed in ``extra``, to be written
    by :meth:`write_extra` once the body is done.

        >>> import treatydraft
        >>> from treatydraft.writers.akn_meta import Organizations
        >>> orgs = Organizations(treatydraft.parse("Article 1\\nText.\\n"))
        >>> orgs.refers(["EU", "BRA"]), orgs.extra
        ('#eu #bra', ['EU', 'BRA'])
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.ids = organization_ids(doc, [d.code for d in doc.front.delegations], set())
        self.extra: list[str] = []

    def refers(self, codes: Iterable[str]) -> str:
        """``refersTo`` for ``codes``: their eIds as ``#eid`` references."""
        out: list[str] = []
        for code in codes:
            eid = self.ids.get(code)
            if eid is None:
                eid = organization_ids(self.doc, [code], set(self.ids.values()))[code]
                self.ids[code] = eid
                self.extra.append(code)
            out.append("#" + eid)
        return " ".join(out)

    def write_extra(self, refs: etree._Element, add_eid: Callable[[str, str], str]) -> None:
        """``<TLCOrganization>`` in ``refs`` for the codes in ``extra`` (unregistered);
        ``add_eid(eid, what)`` registers each eId (it raises on a duplicate)."""
        for code in self.extra:
            eid = self.ids[code]
            el = etree.SubElement(refs, A + "TLCOrganization", eId=eid,
                                  href=f"/ontology/organization/un/delegation/{eid}",
                                  showAs=code)
            el.set(T + "code", code)
            el.set(T + "registered", "false")
            add_eid(eid, "TLCOrganization")


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, A + tag)
    for k, v in attrs.items():
        el.set(k, clean(v))
    return el


def write_meta(bill: etree._Element, doc: Document, orgs: dict[str, str], eids: EidSet,
               layout: str) -> None:
    """``<meta>``: identification (FRBR), references (delegations), the raw front matter."""
    front = doc.front
    day, _exact = full_date(front.date)
    lang = language_code(front.language)
    number = frbr_number(front.symbol)
    # the Work (all revisions of one symbol) is dated by its year; each revision is an
    # Expression dated by its own date (FRBRversionNumber rev.N)
    work = f"/akn/un/bill/convention/{day[:4]}/{number}"
    expr = f"{work}/{lang}@{day}"
    meta = _sub(bill, "meta")
    ident = _sub(meta, "identification", source="#" + SOURCE_ID)
    author_eid, registered = author_id(doc, orgs)
    author = "#" + author_eid
    w = _sub(ident, "FRBRWork")
    _sub(w, "FRBRthis", value=f"{work}/!main")
    _sub(w, "FRBRuri", value=work)
    if front.title:
        _sub(w, "FRBRalias", value=front.title, name="title")
    if front.symbol:
        _sub(w, "FRBRalias", value=front.symbol, name="symbol")
    _sub(w, "FRBRdate", date=day, name="draft" if front.date else "unknown")
    _sub(w, "FRBRauthor", href=author)
    _sub(w, "FRBRcountry", value="un")
    _sub(w, "FRBRsubtype", value="convention")
    _sub(w, "FRBRnumber", value=number)
    _sub(w, "FRBRprescriptive", value="false")
    e = _sub(ident, "FRBRExpression")
    _sub(e, "FRBRthis", value=f"{expr}/!main")
    _sub(e, "FRBRuri", value=expr)
    _sub(e, "FRBRdate", date=day, name="draft" if front.date else "unknown")
    _sub(e, "FRBRauthor", href=author)
    version = _version(doc)
    if version:
        _sub(e, "FRBRversionNumber", value=version)
    _sub(e, "FRBRlanguage", language=lang)
    m = _sub(ident, "FRBRManifestation")
    _sub(m, "FRBRthis", value=f"{expr}/!main.xml")
    _sub(m, "FRBRuri", value=f"{expr}/!main.xml")  # as cobalt parses it: component + format
    _sub(m, "FRBRdate", date=day, name="export")
    _sub(m, "FRBRauthor", href="#" + SOURCE_ID)  # the file itself is made by treatydraft

    refs = _sub(meta, "references", source="#" + SOURCE_ID)
    _sub(refs, "TLCOrganization", eId=SOURCE_ID, href="/ontology/organization/treatydraft",
         showAs="treatydraft")
    eids[SOURCE_ID] = "TLCOrganization"
    if not registered:
        _sub(refs, "TLCOrganization", eId=author_eid,
             href=f"/ontology/organization/un/{author_eid}", showAs=proponent(doc))
        eids[author_eid] = "TLCOrganization"
    names = {d.code: d for d in front.delegations}
    for code, eid in orgs.items():
        d = names.get(code)
        el = _sub(refs, "TLCOrganization", eId=eid,
                  href=f"/ontology/organization/un/delegation/{eid}",
                  showAs=d.name if d is not None else code)
        set_raw(el, T + "code", code)
        if d is not None and d.groups:
            el.set(T + "memberOf", " ".join("#" + orgs[g] for g in d.groups if g in orgs))
        if d is None:
            el.set(T + "registered", "false")
        eids[eid] = "TLCOrganization"
    prop = _sub(meta, "proprietary", source="#" + SOURCE_ID)
    info = etree.SubElement(prop, T + "export", version=layout)
    if any(d.severity == "error" for d in doc.diagnostics):  # warnings read in strict mode too
        info.set("mode", "tolerant")
    if front.value:
        fm = etree.SubElement(info, T + "frontMatter")
        if ILLEGAL.search(front.value):
            set_raw(fm, T + "value", front.value)
        else:
            fm.text = front.value


def write_preface(bill: etree._Element, doc: Document) -> None:
    """``<preface>``: status, stage and proponent, from the front matter (not draft text)."""
    front = doc.front
    preface = _sub(bill, "preface")
    p = _sub(preface, "p")
    if front.title:
        t = _sub(p, "docTitle")
        t.text = clean(front.title)
        t.tail = " "
    if front.symbol:
        n = _sub(p, "docNumber")
        n.text = clean(front.symbol)
        n.tail = " "
    s = _sub(p, "docStatus")
    s.text = clean(front.get("status") or "draft")
    s.tail = " "
    st = _sub(p, "docStage")
    st.text = clean(front.stage or "draft")
    st.tail = " "
    pr = _sub(p, "docProponent")
    pr.text = clean(proponent(doc))
