"""Resolving by policy: accept a delegation's proposals, or clean the whole text.

A :class:`Policy` decides each group: first by a delegation preference order (the
alternative proposed by the first delegation in the order that proposed exactly one
alternative of the group), then by a fallback for what no preferred delegation
decided:

``open``
    leave the group bracketed (the default of ``accept``);
``first`` (alias ``keep``)
    the first alternative of a group, the first option of a block, optional text kept;
``drop``
    optional text dropped; the first alternative or option otherwise.

A group where two alternatives name the same delegation is a *conflict*: it is not
guessed from that delegation; it is reported, and the fallback decides it.

:func:`plan` walks the bracket tree from the outside in and only looks inside
alternatives that survive, so a group discarded with its outer alternative is never
decided nor reported.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..ast import (
    Alternative,
    BracketGroup,
    Escape,
    Footnote,
    Node,
    Option,
    OptionBlock,
    Placeholder,
    SplitMark,
)
from ..document import Document, text_of
from ..errors import OperationError
from .choices import Within, canonical_code, memberships, position, within_scope
from .resolve import DROP, KEEP, apply_decisions, describe_choice

__all__ = ["Policy", "Conflict", "Plan", "FALLBACKS", "parse_policy", "plan", "accept",
           "plan_accept", "clean", "clean_text", "placeholders"]

FALLBACKS = ("open", "first", "keep", "drop")
"""The fallbacks a :class:`Policy` (and :func:`parse_policy`, last) accepts: see the module docs."""


@dataclass(frozen=True, slots=True)
class Policy:
    """How to decide groups: a delegation preference order, then a fallback.

        >>> import treatydraft
        >>> from treatydraft.operations import Policy, clean
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 1\\n1. Parties [shall]@EU [may]@USA act[ promptly].\\n")
        >>> clean(doc, Policy(("USA",), "drop")).to_text()[len(reg):]
        'Article 1\\n1. Parties may act.\\n'

    An unknown fallback is refused (:class:`~treatydraft.errors.OperationError`).
    """
    prefer: tuple[str, ...] = ()
    """Delegation codes, most preferred first."""
    otherwise: str = "open"
    """``open``, ``first`` (= ``keep``) or ``drop``: for groups no preferred delegation decided."""

    def __post_init__(self) -> None:
        if self.otherwise not in FALLBACKS:
            raise OperationError(f"unknown policy '{self.otherwise}'",
                                 hint="use one of: " + ", ".join(FALLBACKS))


@dataclass(frozen=True, slots=True)
class Conflict:
    """A group where several alternatives claim the same delegation.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import plan_accept
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 1\\n[a]@EU [b]@USA [c]@EU\\n")
        >>> conflict = plan_accept(doc, "EU").conflicts[0]
        >>> conflict.group_id, conflict.code, conflict.alternatives
        ('art_1__brk_1', 'EU', (1, 3))
        >>> str(conflict)
        'art_1__brk_1: alternatives 1 and 3 are all proposed by EU'
    """
    group_id: str
    code: str
    alternatives: tuple[int, ...]

    def __str__(self) -> str:
        alts = " and ".join(str(a) for a in self.alternatives)
        return f"{self.group_id}: alternatives {alts} are all proposed by {self.code}"


@dataclass(slots=True)
class Plan:
    """What a policy decides: choices (id -> choice), conflicts, and groups left open.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import plan_accept
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 1\\n[a]@EU [b]@USA\\n[c][d]\\n")
        >>> plan_accept(doc, "USA")
        Plan(choices={'art_1__brk_1': 2}, by={'art_1__brk_1': 'USA'}, conflicts=[], open=['art_1__brk_2'])
    """
    choices: dict[str, int] = field(default_factory=dict)
    by: dict[str, str] = field(default_factory=dict)
    """id -> what decided it: a delegation code, or the fallback name."""
    conflicts: list[Conflict] = field(default_factory=list)
    open: list[str] = field(default_factory=list)


def parse_policy(text: str, *, default_fallback: str = "first") -> Policy:
    """``first``, ``keep``, ``drop``, ``open`` or a preference order ``EU>USA[>drop]``.

    The fallback, last, is one of :data:`FALLBACKS`; without one, ``default_fallback``.

        >>> from treatydraft.operations import FALLBACKS, parse_policy
        >>> FALLBACKS
        ('open', 'first', 'keep', 'drop')
        >>> parse_policy("EU>USA>drop")
        Policy(prefer=('EU', 'USA'), otherwise='drop')
        >>> parse_policy("EU")
        Policy(prefer=('EU',), otherwise='first')
    """
    parts = [p.strip() for p in text.replace(",", ">").split(">")]
    if not any(parts):
        raise OperationError("empty policy", hint="use first, keep, drop or CODE>CODE>first")
    if not all(parts):
        raise OperationError(f"policy '{text}' has an empty step",
                             hint="write codes and the fallback separated by single '>', "
                                  "for example EU>USA>drop")
    fallback = default_fallback
    if parts[-1].lower() in FALLBACKS:
        fallback = parts.pop().lower()
    if any(p.lower() in FALLBACKS for p in parts):
        raise OperationError(f"policy '{text}': the fallback ({'/'.join(FALLBACKS)}) "
                             "comes last", hint="for example EU>USA>drop")
    return Policy(tuple(parts), fallback)


def plan(doc: Document, policy: Policy, within: Within = None) -> Plan:
    """Decide every group of ``doc`` by ``policy`` (nothing is resolved yet).

    A delegation's position on a group is :func:`.choices.position`: what it proposed,
    else what a negotiating group it belongs to proposed.  Codes match
    case-insensitively when unambiguous.  ``within`` limits the plan to units (``"art_3"``,
    several ids, or a predicate on groups, see :func:`.choices.within_scope`); groups
    outside are left open.

        >>> from treatydraft.operations.accept import plan, Policy
        >>> import treatydraft
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 3\\n[a]@EU [b]@USA\\nArticle 3bis\\n[c]@EU [d]@USA\\n")
        >>> plan(doc, Policy(("eu",)), within="art_3").choices
        {'art_3__brk_1': 1}
    """
    prefer = tuple(canonical_code(doc, c) for c in policy.prefer)
    policy = replace(policy, prefer=prefer)
    members = memberships(doc)
    inside = within_scope(within)
    result = Plan()
    stack: list[Iterator[Node]] = [iter(doc.body)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, Footnote):  # a note's text: its groups are decided as any others
            stack.append(iter(node.children))
            continue
        if not isinstance(node, (BracketGroup, OptionBlock)):
            continue
        k, who = _decide(node, policy, result.conflicts, members) if inside(node) else (None, "")
        if k is None:
            result.open.append(node.id)
            alts: tuple[Alternative | Option, ...] = node.alternatives
            for alt in reversed(alts):
                stack.append(iter(alt.children))
            continue
        result.choices[node.id] = k
        result.by[node.id] = who
        if k != DROP:
            chosen: Alternative | Option = node.alternatives[k - 1]
            stack.append(iter(chosen.children))
    return result


def _decide(group: BracketGroup | OptionBlock, policy: Policy, conflicts: list[Conflict],
            members: dict[str, tuple[str, ...]]) -> tuple[int | None, str]:
    for code in policy.prefer:
        hits = position(group, code, members.get(code, ()))
        if len(hits) == 1:
            return hits[0], code
        if len(hits) > 1:
            conflicts.append(Conflict(group.id, code, hits))
            break
    if policy.otherwise == "open":
        return None, ""
    if group.kind == "optional":
        return (DROP if policy.otherwise == "drop" else KEEP), policy.otherwise
    return 1, policy.otherwise


def plan_accept(doc: Document, code: str, otherwise: str = "open", within: Within = None) -> Plan:
    """The plan of :func:`accept`: what it would choose, the conflicts, the groups left open.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import plan_accept
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 1\\n[a]@EU [b]@USA\\nArticle 2\\n[c]@EU [d]@USA [e]\\n")
        >>> p = plan_accept(doc, "eu", within="art_2")
        >>> p.choices, p.by, p.open
        ({'art_2__brk_1': 1}, {'art_2__brk_1': 'EU'}, ['art_1__brk_1', 'art_2__brk_2'])
    """
    return plan(doc, Policy((code,), otherwise), within)


def accept(doc: Document, code: str, otherwise: str = "open", within: Within = None) -> Document:
    """Choose, in every group where delegation ``code`` has a position, that alternative.

    Its position is what it proposed, else what a negotiating group it belongs to
    proposed (the same rule as the Word writer's ``base=CODE``); ``code`` matches
    case-insensitively when unambiguous.  Groups where it has none are left open, or
    decided by ``otherwise`` (``first``/``keep``/``drop``, see the module docs).  Groups
    where several alternatives speak for ``code`` are conflicts: see :func:`plan_accept`.
    ``within`` limits it to units (``"art_3"`` is not ``art_3bis``) or a predicate.

        >>> from treatydraft.operations.accept import accept
        >>> import treatydraft
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> doc = treatydraft.parse(reg + "Article 1\\n[a]@EU [b]@USA\\nArticle 2\\n[c]@EU [d]@USA\\n")
        >>> accept(doc, "usa", within="art_2").to_text()[len(reg):]
        'Article 1\\n[a]@EU [b]@USA\\nArticle 2\\nd\\n'
    """
    p = plan_accept(doc, code, otherwise, within)
    return apply_decisions(doc, p.choices.get)


def clean(doc: Document, policy: Policy | str = "first", within: Within = None) -> Document:
    """Every group resolved by ``policy`` (a fallback of ``open`` is refused); with
    ``within``, every group of those units (the others stay open).

        >>> from treatydraft.operations.accept import clean
        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n[a][b]\\nArticle 2\\n[c][d]\\n")
        >>> clean(doc, "first", within=["art_2"]).to_text()
        'Article 1\\n[a][b]\\nArticle 2\\nc\\n'
    """
    if isinstance(policy, str):
        policy = parse_policy(policy)
    if policy.otherwise == "open":
        raise OperationError("a clean text needs a fallback that resolves every group",
                             hint="end the policy with first, keep or drop")
    return apply_decisions(doc, plan(doc, policy, within).choices.get)


def clean_text(doc: Document) -> str:
    """The reader's text of a (resolved) document: no front matter, escapes written as
    the characters they stand for, split marks and chair's notes left out.

    Brackets still open are written as they are.

        >>> import treatydraft
        >>> from treatydraft.operations import clean_text
        >>> doc = treatydraft.parse("---\\ntitle: T\\n---\\nArticle 1\\n"
        ...                         "1. Parties \\\\[sic\\\\] shall act.\\n")
        >>> clean_text(doc)
        'Article 1\\n1. Parties [sic] shall act.\\n'
    """
    from ..ast import Note
    out: list[str] = []
    for node in doc.body:
        if isinstance(node, Escape):
            out.append(node.char)
        elif isinstance(node, SplitMark):
            continue
        elif isinstance(node, Note):
            out.append("\x00")  # the whole line goes, below
        else:
            out.append(text_of((node,)))
    text = "".join(out)
    if "\x00" in text:  # a note's line goes; so does a blank line it leaves doubled
        lines = text.splitlines(keepends=True)
        kept: list[str] = []
        for i, line in enumerate(lines):
            if line.strip() == "\x00":
                continue
            if not line.strip() and kept and not kept[-1].strip() and i > 0 \
                    and lines[i - 1].strip() == "\x00":
                continue
            kept.append(line)
        text = "".join(kept).replace("\x00", "")
    return text


def placeholders(doc: Document) -> list[Placeholder]:
    """The placeholders of ``doc`` in document order (they stay after any resolution).

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import placeholders
        >>> doc = treatydraft.parse("Article 1\\n1. Within [...] days[ of signature].\\n")
        >>> [(p.id, p.value) for p in placeholders(doc)]
        [('art_1__para_1__ph_1', '[...]')]
    """
    return [p for p in doc.brackets({"placeholder"}) if isinstance(p, Placeholder)]


def explain(doc: Document, p: Plan) -> list[str]:
    """One line per decision: ``id = alternative 2 (EU)``."""
    lines = []
    groups = {g.id: g for g in doc.groups()}
    for gid, k in p.choices.items():
        lines.append(f"{gid} = {describe_choice(groups[gid], k)} ({p.by.get(gid, '')})")
    return lines
