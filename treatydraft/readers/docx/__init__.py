"""Word (.docx) drafts -> draft text -> :class:`~treatydraft.ast.Document`.

The reader produces draft TEXT in the treatydraft format (front matter included) and
parses it with :func:`treatydraft.parse`, so brackets typed in Word are read by the
ordinary parser and everything the text format knows works in Word too.

Modules: :mod:`.package` (zip and XML safety, parts), :mod:`.styles`,
:mod:`.numbering` (automatic numbers), :mod:`.paragraphs` (paragraphs, runs, tables),
:mod:`.notes` (footnotes, comments), :mod:`.changes` (tracked changes and marks as
brackets), :mod:`.registry` (delegations, authors, attribution sentences) and
:mod:`.assemble` (the draft text).  See ``docs/docx-import.md``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypedDict

from ...document import Delegation, Diagnostic, Document
from ...errors import FormatError
from .assemble import Assembler
from .changes import MODES
from .notes import read_comments, read_notes
from .numbering import Numbering
from .package import DocxError, Package, W, is_ole, open_package
from .paragraphs import BodyReader
from .registry import Registry, load_author_map, load_registry
from .styles import Styles

if TYPE_CHECKING:
    from ...parser import Mode

__all__ = ["read_docx", "docx_to_text", "DocxText", "DocxOptions", "DocxError", "is_ole",
           "load_registry", "load_author_map", "front_matter", "MODES", "MARKS"]

MARKS = ("none", "underline-strike")
_DC = "{http://purl.org/dc/elements/1.1/}"
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.()\-]+)+$")
_LANGS = ("en", "fr", "es", "ru", "zh", "ar")
_STOPWORDS = {"en": {"the", "and", "of", "shall", "to", "which"},
              "fr": {"les", "des", "du", "la", "et", "est", "une"},
              "es": {"los", "las", "del", "el", "y", "una", "por"}}


@dataclass
class DocxText:
    """A Word document read as draft text."""
    text: str
    """The draft text (front matter included)."""
    warnings: list[str] = field(default_factory=list)
    """What was skipped, approximated or guessed (one sentence each)."""
    counts: dict[str, int] = field(default_factory=dict)
    """changes, attributions, footnotes, notes, numbers written."""


class DocxOptions(TypedDict, total=False):
    """The options of :func:`read_docx` that :func:`treatydraft.load` passes on."""
    delegations: tuple[Delegation, ...]
    author_map: dict[str, str] | None
    changes: str
    marks: str


def front_matter(meta: dict[str, str], delegations: Iterable[Delegation]) -> str:
    """Front matter with the fields of ``meta`` (title, symbol, language, date) and the
    registry ``delegations`` ("" when there is nothing to write)."""
    out = ["---"]
    for key in ("title", "symbol", "language", "date"):
        value = " ".join((meta.get(key) or "").split())
        if value:
            out.append(f"{key}: {value}")
    if delegations:
        out.append("delegations:")
        for d in delegations:
            groups = "".join(f" @{g}" for g in d.groups)
            out.append(f"  {d.code}: {d.name}{groups}")
    if len(out) == 1:
        return ""
    out.append("---")
    return "\n".join(out) + "\n"


def _header_meta(pkg: Package, reader: BodyReader, meta: dict[str, str]) -> None:
    texts: list[str] = []
    for name in sorted(n for n in pkg.part_names("word/header") if n.endswith(".xml")):
        root = pkg.xml(name)
        if root is None:  # (listed by the package: never None)
            continue
        for p in reader.blocks(root):
            texts.append("".join(s[1] for s in p.segs if s[0] == "t"))
    for text in texts:
        for part in re.split(r"[\t\n]+", text):
            part = part.strip()
            if not part:
                continue
            m = _DATE.search(part)
            if m and "date" not in meta:
                meta["date"] = m.group(1)
            elif _SYMBOL.match(part) and "symbol" not in meta:
                meta["symbol"] = part


def _language(pkg: Package, sample: str) -> str | None:
    arabic = sum(1 for ch in sample if "\u0600" <= ch <= "\u06ff")
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    cyr = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    if arabic * 3 > letters:
        return "ar"
    if cjk * 3 > letters:
        return "zh"
    if cyr * 3 > letters:
        return "ru"
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿñ]+", sample.lower())
    votes = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(votes, key=votes.__getitem__)
    if votes[best] >= 5 and votes[best] > 2 * sorted(votes.values())[-2]:
        return best
    settings = pkg.related("settings")
    if settings is not None:
        el = settings.find(f"{W}themeFontLang")
        if el is not None:
            code = (el.get(W + "val") or "").split("-")[0].lower()
            if code in _LANGS:
                return code
    return None


def docx_to_text(data: bytes, *, source: str | None = None, mode: Mode = "strict",
                 delegations: tuple[Delegation, ...] = (), author_map: dict[str, str] | None = None,
                 changes: str = "brackets", marks: str = "none") -> DocxText:
    """Read the .docx bytes ``data`` as draft text (see :func:`read_docx`)."""
    if changes not in MODES:
        raise FormatError(f"unknown --changes mode {changes!r}", hint="use one of: "
                           + ", ".join(MODES))
    if marks not in MARKS:
        raise FormatError(f"unknown --marks convention {marks!r}", hint="use one of: "
                           + ", ".join(MARKS))
    pkg = open_package(data, source)
    root = pkg.xml(pkg.main)
    body = root.find(W + "body") if root is not None else None
    if body is None:
        raise DocxError(f"{pkg.main} has no w:body: not a Word document", file=source)
    reader = BodyReader()
    use_marks = marks == "underline-strike"
    footnotes = read_notes(pkg.related("footnotes"), reader, "footnote", changes, use_marks)
    endnotes = read_notes(pkg.related("endnotes"), reader, "endnote", changes, use_marks)
    comments = read_comments(pkg.related("comments"), reader, changes, use_marks)
    registry = Registry(delegations, author_map)
    asm = Assembler(registry, footnotes=footnotes, endnotes=endnotes, comments=comments,
                    numbering=Numbering(pkg.related("numbering")),
                    styles=Styles(pkg.related("styles")), mode=changes, marks=use_marks,
                    strict=mode == "strict")
    paras = reader.blocks(body)
    meta: dict[str, str] = {}
    lines: list[str] = []
    for para in paras:
        if len(lines) < 8 and "title" not in meta and asm.styles.is_title(para.style) and para.segs:
            title = " ".join("".join(s[1] for s in para.segs
                                     if s[0] == "t" and (s[2] is None or s[2][0] != "del")).split())
            if title:
                meta["title"] = title
                continue
        lines.extend(asm.paragraph(para))
    if "title" not in meta:
        core = pkg.xml("docProps/core.xml")
        el = core.find(_DC + "title") if core is not None else None
        if el is not None and el.text and el.text.strip() and not lines:
            meta["title"] = el.text.strip()
    _header_meta(pkg, reader, meta)
    sample = "\n".join(lines[:200])
    language = _language(pkg, sample)
    if language:
        meta["language"] = language
    warnings = asm.check_authors(source)
    for what, n in reader.warnings.items():
        warnings.append(f"{n} x {what}")
    if reader.format_changes:
        warnings.append(f"{reader.format_changes} formatting change(s) (w:rPrChange) ignored")
    text = front_matter(meta, registry.delegations) + "".join(ln + "\n" for ln in lines)
    return DocxText(text, warnings, dict(asm.counts))


def read_docx(data: bytes, *, source: str | None = None, mode: Mode = "strict",
              delegations: tuple[Delegation, ...] = (), author_map: dict[str, str] | None = None,
              changes: str = "brackets", marks: str = "none") -> Document:
    """The :class:`Document` of a .docx.

    ``delegations`` is the registry (Word files carry none; see :func:`load_registry`),
    ``author_map`` maps Word author names to codes, ``changes`` is ``brackets``
    (tracked changes become bracketed, attributed text), ``accept`` or ``reject``,
    ``marks="underline-strike"`` reads underlined text as proposed insertions and
    struck-through text as proposed deletions.  Raises :class:`DocxError` (an
    :class:`~treatydraft.errors.InputError`) for files that are not readable Word
    documents, :class:`~treatydraft.errors.FormatError` for unmapped change authors in
    strict mode, and parse errors as :func:`treatydraft.parse` does.
    """
    from ...parser import parse
    result = docx_to_text(data, source=source, mode=mode, delegations=delegations,
                          author_map=author_map, changes=changes, marks=marks)
    doc = parse(result.text, mode=mode, source=source)
    if not result.warnings:
        return doc
    # what the reader skipped or guessed is reported with the text's own problems
    # (`check draft.docx` shows it), as warnings without a position in the text
    found = tuple(Diagnostic("docx-import", w, 0, 0, "warning") for w in result.warnings)
    return replace(doc, diagnostics=found + doc.diagnostics)
