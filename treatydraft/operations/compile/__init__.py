"""Compiling delegations' proposals into the next bracketed draft.

    >>> import treatydraft
    >>> reg = "---\\ndelegations:\\n  RUS: Russia\\n  EU: European Union\\n---\\n"
    >>> base = reg + "Article 1\\n1. Parties shall share data promptly.\\n"
    >>> result = treatydraft.compile(base, {
    ...     "RUS": base.replace("data", "information"),
    ...     "EU": base.replace("share", "exchange")})
    >>> print(result.text[len(reg):], end="")
    Article 1
    1. Parties shall [share][exchange]@EU\\+ [data][information]@RUS promptly.
    >>> treatydraft.operations.resolve(result.document, result.choices("RUS")).to_text() \\
    ...     == base.replace("data", "information")
    True

See docs/compile.md for the rules and the notation.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Union

from ...document import Document
from ...errors import OperationError, TreatyDraftError
from ...parser import parse
from ..resolve import apply_decisions
from .authors import check_docx_authors
from .render import GroupPlan, Renderer
from .report import CompileReport, Entry, Warning, report_table
from .units import SCRIPTIO_CONTINUA, outline

__all__ = ["compile", "CompileResult", "CompileReport", "Entry", "Warning", "report_table",
           "DEFAULT_THRESHOLD", "normalised_text"]

#: an article is shown as an option block when more than this share of its words changed
DEFAULT_THRESHOLD = 0.5
_CODE = re.compile(r"[A-Z][A-Za-z0-9_-]*")

Source = Union[Document, str, "os.PathLike[str]"]


@dataclass(frozen=True)
class CompileResult:
    """The compiled draft, what each delegation chose in it, and the report."""
    document: Document
    """The compiled draft, parsed (strict mode)."""
    text: str
    """Its text (``document.to_text()``)."""
    report: CompileReport
    plans: dict[str, dict[str, int]]
    """delegation code -> {group id: choice} that gives back its proposal."""
    base_plan: dict[str, int]
    """{group id: choice} that gives back the base."""
    accept_ready: bool
    """True when ``accept(document, code, otherwise="drop")`` gives each proposal too: the
    base had no groups of its own and no deletion needed the ``@@`` notation."""

    def choices(self, code: str) -> dict[str, int]:
        """The choices (for :func:`~treatydraft.operations.resolve`) that give ``code``'s proposal."""
        if code not in self.plans:
            raise OperationError(f"'{code}' made no proposal",
                                 hint="proposals: " + ", ".join(self.plans))
        return dict(self.plans[code])

    def proposal(self, code: str) -> Document:
        """The compiled draft resolved as ``code`` proposed it."""
        return apply_decisions(self.document, self.choices(code).get)

    def base(self) -> Document:
        """The compiled draft resolved back to the base."""
        return apply_decisions(self.document, self.base_plan.get)


_BEFORE_CLOSING = re.compile(r"\s+(?=[,.;:)!?，。；：）、！？،؛])")
_CJK_BLANK = re.compile(rf"(?<=[{SCRIPTIO_CONTINUA}\u3000-\u303f\uff00-\uffef])\s+"
                        rf"|\s+(?=[{SCRIPTIO_CONTINUA}\u3000-\u303f\uff00-\uffef])")
_AFTER_OPENING = re.compile(r"(?<=[(（])\s+")


def normalised_text(draft: Document | str) -> str:
    """A draft's text whitespace-normalised, as the invariant compares it: blanks and line
    breaks collapsed to one blank, none before closing punctuation or after ``(`` (the
    whitespace rule of :mod:`treatydraft.operations.spacing` makes the same repairs), none
    next to a character of a script written without spaces (Chinese, Japanese, Thai ...)."""
    text = draft.to_text() if isinstance(draft, Document) else draft
    text = " ".join(text.split())
    return _CJK_BLANK.sub("", _AFTER_OPENING.sub("", _BEFORE_CLOSING.sub("", text)))


def _load(source: Source, what: str) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        from ...io import load
        if str(source).lower().endswith(".docx"):
            # a delegation's Word copy with Track Changes: its proposal is the accepted text
            return load(source, mode="tolerant", changes="accept")
        return load(source)
    return parse(source, source=what)


def _codes(key: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in key.split("+"))
    for c in codes:
        if not _CODE.fullmatch(c):
            raise OperationError(f"'{key}' is not a delegation code or codes joined with '+'",
                                 hint="for example RUS or EU+USA")
    return codes


def _front(base: Document, extra: dict[str, str]) -> str:
    """The base's front matter with the delegations of ``extra`` added to its registry."""
    value = base.front.value
    if not extra:
        return value
    nl = "\r\n" if "\r\n" in value else "\n"
    lines = [f"  {code}: {name}{nl}" for code, name in extra.items()]
    if not value:
        return f"---{nl}delegations:{nl}" + "".join(lines) + f"---{nl}"
    rows = value.splitlines(keepends=True)
    at = next((i for i, r in enumerate(rows) if r.rstrip() == "delegations:"), None)
    if at is None:
        close = max(i for i, r in enumerate(rows) if r.strip() == "---")
        return "".join(rows[:close]) + f"delegations:{nl}" + "".join(lines) + "".join(rows[close:])
    end = at + 1
    while end < len(rows) and rows[end][:1] in (" ", "\t") and rows[end].strip():
        end += 1
    return "".join(rows[:end]) + "".join(lines) + "".join(rows[end:])


def compile(base: Source, proposals: Mapping[str, Source], *,
            delegations: Mapping[str, str] | None = None,
            option_threshold: float = DEFAULT_THRESHOLD) -> CompileResult:
    """Compile ``proposals`` (delegation code(s) -> edited copy of ``base``) into one draft.

    ``base`` and each proposal are a :class:`Document` (from any reader), draft text,
    or a path (``os.PathLike``: text, ``.xml``, ``.docx``).  A key may name several
    co-sponsors, ``"EU+USA"``.  Codes must be in the base's registry or in
    ``delegations`` (code -> name, added to the compiled draft's registry).  An article
    where more than ``option_threshold`` of the words changed becomes an option block.

    Raises :class:`~treatydraft.errors.OperationError` for unknown or repeated codes.
    docs/compile.md describes the result.

        >>> import treatydraft
        >>> base = ("---\\ndelegations:\\n  EU: European Union\\n---\\n"
        ...         "Article 1\\n1. Parties shall share data.\\n")
        >>> eu = base.replace("share data", "share data promptly")
        >>> result = treatydraft.compile(base, {"EU": eu})
        >>> print(result.text.splitlines()[-1])
        1. Parties shall share data [promptly]@EU.
        >>> result.plans
        {'EU': {'art_1__para_1__brk_1': 1}}
    """
    if not 0 <= option_threshold <= 1:
        raise OperationError(f"option threshold {option_threshold} is not between 0 and 1")
    base_doc = _load(base, "<base>")
    registry = dict((c, d.name) for c, d in base_doc.delegations.items())
    extra = {c: n for c, n in (delegations or {}).items() if c not in registry}
    keys: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for key in proposals:
        codes = _codes(key)
        for c in codes:
            if c not in registry and c not in extra:
                raise OperationError(f"unknown delegation '{c}' (proposal {key})",
                                     hint="register it in the base's front matter or give "
                                          "it with --delegations FILE ("
                                          + (", ".join(registry) or "no registry") + ")")
            if c in seen:
                raise OperationError(f"delegation '{c}' has two proposals ({seen[c]} and {key})",
                                     hint="give each delegation one proposal")
            seen[c] = key
        keys[key] = codes
    docs = {k: _load(src, f"<proposal {k}>") for k, src in proposals.items()}
    front = _front(base_doc, extra)
    renderer = Renderer(keys, option_threshold, base_doc.front.language,
                        "\r\n" if "\r\n" in base_doc.to_text()[:10000] else "\n",
                        {c: i for i, c in enumerate([*registry, *extra])})
    renderer.report.proposals = dict(keys)
    for k, src in proposals.items():
        for w in check_docx_authors(src, keys[k], {**registry, **extra}):
            renderer.warn(k, w, "(file)", 0, 0)
    renderer.emit(front)
    order = list(keys)
    renderer.unit(outline(base_doc), {k: outline(docs[k]) for k in order}, order)
    renderer.accept_ready = renderer.accept_ready and next(base_doc.groups(), None) is None
    text = "".join(renderer.out)
    try:
        doc = parse(text, source="<compiled>")
    except TreatyDraftError as err:  # a bug of ours: say where, and what the text was
        raise OperationError(f"the compiled draft does not parse ({err.message} at "
                             f"{err.line}:{err.column})",
                             hint="please report this with the inputs") from err
    return _finish(doc, text, renderer, keys)


def _finish(doc: Document, text: str, renderer: Renderer,
            keys: dict[str, tuple[str, ...]]) -> CompileResult:
    plans: dict[str, dict[str, int]] = {c: {} for codes in keys.values() for c in codes}
    base_plan: dict[str, int] = {}
    found = 0
    for g in doc.groups():
        plan: GroupPlan | None = renderer.plans.get(g.span.start)
        if plan is None:
            continue
        found += 1
        if plan.entry is not None:
            plan.entry.group_id = g.id
        if plan.base is not None:
            base_plan[g.id] = plan.base
        for key, k in plan.choices.items():
            for code in keys[key]:
                plans[code][g.id] = k
    if found != len(renderer.plans):
        raise OperationError(f"internal: {len(renderer.plans) - found} compiled groups were not "
                             "found in the compiled draft", hint="please report this with the inputs")
    renderer.report.entries.sort(key=lambda e: (e.line, e.column))
    return CompileResult(doc, text, renderer.report, plans, base_plan, renderer.accept_ready)
