"""Operations on drafts: pure functions that return new documents or reports.

    >>> import treatydraft
    >>> from treatydraft.operations import resolve, count_variants
    >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data[ promptly].\\n")
    >>> count_variants(doc)
    4
    >>> resolve(doc, {"art_1__para_1__brk_1": 2, "art_1__para_1__brk_2": "drop"}).to_text()
    'Article 1\\n1. Parties shall exchange data.\\n'

No function changes its input.  See docs/operations.md.
"""
from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False

#: module (relative to this package) -> the public names it defines; each is loaded
#: the first time it is used, so `check` (which counts with .stats) loads nothing else
_MODULES = {
    ".accept": ("FALLBACKS", "Conflict", "Plan", "Policy", "accept", "clean", "clean_text",
                "parse_policy", "placeholders", "plan", "plan_accept"),
    ".choices": ("base_choices", "canonical_code", "parse_specs", "position",
                 "within_scope"),
    ".decisions": ("Decision",),
    ".ids": ("carry_ids", "fingerprint", "relabel"),
    ".diff": ("Change", "DocumentDiff", "UnitDiff", "diff", "diff_report"),
    ".resolve": ("DROP", "KEEP", "apply_decisions", "describe_choice", "index_groups",
                 "resolve"),
    ".stats": ("Stats", "count_words", "statistics", "stats_table"),
    ".variants": ("count_variants", "digits", "sample_variants", "variant",
                  "variant_document", "variants"),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}
_SUBMODULES = ("choices", "decisions")

__all__ = [
    "DROP", "KEEP", "resolve", "apply_decisions", "index_groups", "describe_choice",
    "Policy", "Plan", "Conflict", "FALLBACKS", "parse_policy", "plan", "plan_accept", "accept", "clean",
    "clean_text", "placeholders",
    "count_variants", "variant", "variants", "sample_variants", "variant_document", "digits",
    "Stats", "statistics", "count_words", "stats_table",
    "DocumentDiff", "UnitDiff", "Change", "diff", "diff_report",
    "choices", "decisions", "Decision", "base_choices", "canonical_code", "parse_specs",
    "position", "within_scope", "carry_ids", "fingerprint", "relabel",
]

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads them
    from typing import Any

    from . import choices, decisions
    from .accept import (FALLBACKS, Conflict, Plan, Policy, accept, clean, clean_text,
                         parse_policy, placeholders, plan, plan_accept)
    from .choices import base_choices, canonical_code, parse_specs, position, within_scope
    from .decisions import Decision
    from .diff import Change, DocumentDiff, UnitDiff, diff, diff_report
    from .ids import carry_ids, fingerprint, relabel
    from .resolve import DROP, KEEP, apply_decisions, describe_choice, index_groups, resolve
    from .stats import Stats, count_words, statistics, stats_table
    from .variants import (count_variants, digits, sample_variants, variant,
                           variant_document, variants)


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is used, then keep it."""
    if name in _SUBMODULES:
        value = import_module("." + name, __name__)
    else:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
