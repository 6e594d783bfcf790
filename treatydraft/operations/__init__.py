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
# the text reports moved to treatydraft.reports; importable from here for one release
from ..reports import diff_report, stats_table
from . import choices, decisions
from .accept import (
                     FALLBACKS,
                     Conflict,
                     Plan,
                     Policy,
                     accept,
                     clean,
                     clean_text,
                     parse_policy,
                     placeholders,
                     plan,
                     plan_accept,
)
from .choices import base_choices, canonical_code, parse_specs, position, within_scope
from .decisions import Decision
from .diff import Change, DocumentDiff, UnitDiff, diff
from .ids import carry_ids, fingerprint, relabel
from .resolve import (
    DROP,
    KEEP,
    apply_decisions,
    describe_choice,
    index_groups,
    resolve,
    resolve_lines,
    resolve_note_text,
)
from .stats import Stats, count_words, statistics
from .variants import count_variants, digits, sample_variants, variant, variant_document, variants

__all__ = [
    "DROP", "KEEP", "resolve", "apply_decisions", "resolve_lines", "resolve_note_text",
    "index_groups", "describe_choice",
    "Policy", "Plan", "Conflict", "FALLBACKS", "parse_policy", "plan", "plan_accept", "accept", "clean",
    "clean_text", "placeholders",
    "count_variants", "variant", "variants", "sample_variants", "variant_document", "digits",
    "Stats", "statistics", "count_words", "stats_table",
    "DocumentDiff", "UnitDiff", "Change", "diff", "diff_report",
    "choices", "decisions", "Decision", "base_choices", "canonical_code", "parse_specs",
    "position", "within_scope", "carry_ids", "fingerprint", "relabel",
]
