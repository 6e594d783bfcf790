"""One place for choices: ``ID=K`` specs, delegation positions, plans merged with choices, bases.

Every front end (the ``resolve`` command, :func:`~.accept.accept`, the Word writer's
``--base``) turns what the user asked for into ``{group id: k}`` with these
functions, so a script gets exactly what the command line does:

    >>> import treatydraft
    >>> from treatydraft.operations import choices
    >>> doc = treatydraft.parse("---\\ndelegations:\\n  EGY: Egypt @AFG\\n  AFG: African Group\\n"
    ...     "  EU: European Union\\n---\\nArticle 1\\n1. Parties [shall]@EU [may]@AFG act.\\n")
    >>> choices.parse_specs(["art_1__para_1__brk_1=2"])
    [('art_1__para_1__brk_1', '2')]
    >>> choices.base_choices(doc, "egy")          # EGY takes its negotiating group's position
    {'art_1__para_1__brk_1': 2}

The position of a delegation on a group (:func:`position`) is the alternative it
proposed itself, else the one a negotiating group it belongs to proposed (the
registry's ``EGY: Egypt @AFG``); codes are matched case-insensitively when that is
unambiguous (:func:`canonical_code`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..ast import Alternative, BracketGroup, Group, Option, OptionBlock
from ..document import Document, _walk_structure, walk
from ..errors import OperationError

if TYPE_CHECKING:
    from .resolve import GroupIndex

__all__ = ["parse_spec", "parse_specs", "canonical_code", "memberships", "position",
           "within_scope", "in_unit", "merge_plan", "base_choices", "base_chooser", "Within"]

Within = str | Iterable[str] | Callable[[Group], bool] | None
"""A scope: None (everything), a unit id (``art_3``), several, or a predicate on groups."""


def parse_spec(spec: str) -> tuple[str, str]:
    """``"art_1__brk_2=2"`` -> ``("art_1__brk_2", "2")``; :class:`OperationError` if not ``ID=K``."""
    gid, sep, k = spec.partition("=")
    if not sep or not gid.strip() or not k.strip():
        raise OperationError(f"'{spec}' is not ID=K",
                             hint="write a group id, '=' and a choice: art_1__para_1__brk_2=2")
    return gid.strip(), k.strip()


def parse_specs(specs: str | Iterable[str]) -> list[tuple[str, str]]:
    """Several specs: a list, or one string separated by commas (empty items skipped).

    Example:

        >>> from treatydraft.operations import parse_specs
        >>> parse_specs("art_1__brk_1=2, art_1__brk_2=drop,")
        [('art_1__brk_1', '2'), ('art_1__brk_2', 'drop')]
        >>> parse_specs(["art_2__brk_1=keep"])
        [('art_2__brk_1', 'keep')]
    """
    items = specs.split(",") if isinstance(specs, str) else list(specs)
    return [parse_spec(s) for s in items if s.strip()]


def _known_codes(doc: Document) -> list[str]:
    codes = list(doc.delegations)
    for g in doc.groups():
        for a in g.alternatives:
            codes.extend(c for c in a.proposers if c not in codes)
    return codes


def canonical_code(doc: Document, code: str) -> str:
    """``code`` as the draft spells it (``egy`` -> ``EGY``), matched case-insensitively when
    only one code folds to it.  Raises :class:`OperationError` for an unknown or ambiguous
    code.  A draft with no registry and no attribution knows no code: any is returned as is.

        >>> from treatydraft.operations.choices import canonical_code
        >>> import treatydraft
        >>> canonical_code(treatydraft.parse("---\\ndelegations:\\n  USA: United States\\n---\\n"), "usa")
        'USA'
    """
    known = _known_codes(doc)
    if not known or code in known:
        return code
    folded = [c for c in known if c.casefold() == code.casefold()]
    if len(folded) == 1:
        return folded[0]
    if folded:
        raise OperationError(f"delegation '{code}' is ambiguous: " + ", ".join(folded),
                             hint="write the code with its exact case")
    raise OperationError(f"unknown delegation '{code}'", hint="known codes: " + ", ".join(known))


def memberships(doc: Document) -> dict[str, tuple[str, ...]]:
    """code -> the negotiating groups it belongs to, from the registry."""
    return {d.code: d.groups for d in doc.front.delegations}


def position(group: BracketGroup | OptionBlock, code: str, groups: tuple[str, ...] = ()) -> tuple[int, ...]:
    """The alternatives (1-based) that speak for ``code`` in ``group``.

    Those it proposed itself; when it proposed none, those a negotiating group in
    ``groups`` proposed (the first such group that proposed any).  More than one is a
    conflict for the caller to report.

        >>> import treatydraft
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> from treatydraft.operations import position
        >>> doc = treatydraft.parse(reg + "Article 1\\n1. Parties [shall]@EU [may]@USA act.\\n")
        >>> group = doc.find("art_1__para_1__brk_1")
        >>> position(group, "USA"), position(group, "FRA", groups=("EU",)), position(group, "FRA")
        ((2,), (1,), ())
    """
    alts: tuple[Alternative | Option, ...] = group.alternatives
    hits = tuple(a.index for a in alts if code in a.proposers)
    if hits:
        return hits
    for member_of in groups:
        hits = tuple(a.index for a in alts if member_of in a.proposers)
        if hits:
            return hits
    return ()


def in_unit(location: str, unit: str) -> bool:
    """True when ``location`` is unit ``unit`` or inside it (``art_3`` never holds ``art_3bis``)."""
    return location == unit or location.startswith(unit + "__")


def within_scope(within: Within) -> Callable[[Group], bool]:
    """A predicate on groups from ``within``: None (everything), a unit id, several, or a
    predicate taking the group.

        >>> from treatydraft.operations.choices import within_scope
        >>> inside = within_scope("art_3")
        >>> from types import SimpleNamespace as G
        >>> inside(G(location="art_3__para_1")), inside(G(location="art_3bis"))
        (True, False)
    """
    if within is None:
        return lambda group: True
    if callable(within):
        return within
    units = (within,) if isinstance(within, str) else tuple(within)
    if not units or not all(isinstance(u, str) and u for u in units):
        raise OperationError(f"within={within!r}: give unit ids such as 'art_3', or a "
                             "predicate on groups")
    return lambda group: any(in_unit(group.location, u) for u in units)


def merge_plan(index: GroupIndex, explicit: dict[str, int], planned: dict[str, int],
               who: str = "the plan") -> dict[str, int]:
    """Explicit choices together with a plan's (``accept``'s) choices.

    A plan choice that differs from an explicit one for the same group is refused; plan
    choices for groups that an explicit choice discards are left out (explicit choices
    win inside what the plan would discard).  ``index`` is :func:`~.resolve.index_groups`.
    """
    from .resolve import describe_choice
    for gid, k in planned.items():
        if gid in explicit and explicit[gid] != k:
            g = index[gid].group
            raise OperationError(
                f"conflicting choices for '{gid}': you chose "
                f"{describe_choice(g, explicit[gid])}, {who} chooses {describe_choice(g, k)}",
                hint="drop one of them")
    out = dict(explicit)
    for gid, k in planned.items():
        if gid in out:
            continue
        if any(o in explicit and explicit[o] != a for o, a in index[gid].ancestors):
            continue
        out[gid] = k
    return out


def _list_values(values: list[str], limit: int = 30) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f", ... ({len(values)} in all)" if len(values) > limit else "")


def base_choices(doc: Document, base: str | None) -> dict[str, int]:
    """group id -> chosen alternative (0 drops optional text) for *every* group.

    ``base`` is ``first`` (the first alternative, optional text kept), a delegation code
    (its :func:`position` where it has one, the first alternative otherwise; a conflict
    takes the first too) or choices ``ID=K,ID=K`` (the first alternative elsewhere).
    Raises :class:`OperationError` naming the valid values.

        >>> import treatydraft
        >>> reg = "---\\ndelegations:\\n  EU: European Union\\n  USA: United States\\n---\\n"
        >>> from treatydraft.operations import base_choices
        >>> doc = treatydraft.parse(reg + "Article 1\\n1. Parties [shall]@EU [may]@USA act[ promptly].\\n")
        >>> base_choices(doc, "usa")
        {'art_1__para_1__brk_1': 2, 'art_1__para_1__brk_2': 1}
        >>> base_choices(doc, "art_1__para_1__brk_2=0")
        {'art_1__para_1__brk_1': 1, 'art_1__para_1__brk_2': 0}
    """
    choose = base_chooser(doc, base)
    return {g.id: choose(g) for g in walk(doc.body) if isinstance(g, (BracketGroup, OptionBlock))}


def base_chooser(doc: Document, base: str | None
                 ) -> Callable[[BracketGroup | OptionBlock], int]:
    """:func:`base_choices` one group at a time: ``choose(group)`` is the choice
    ``base_choices(doc, base)[group.id]``, with no table of every group (the Word
    writer decides a paragraph at a time).  ``base`` is checked now: the same
    :class:`OperationError` as :func:`base_choices`.

        >>> import treatydraft
        >>> from treatydraft.operations.choices import base_chooser
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> choose = base_chooser(doc, "art_1__para_1__brk_2=0")
        >>> [choose(g) for g in doc.groups()]
        [1, 0]
    """
    base = (base or "first").strip()
    if base == "first":
        return lambda group: 1
    if "=" not in base:
        registry = doc.delegations
        code = base
        if code not in registry:
            folded = [c for c in registry if c.casefold() == code.casefold()]
            code = folded[0] if len(folded) == 1 else code
        if code not in registry:
            valid = list(registry) or ["(the draft has no delegation registry)"]
            raise OperationError(f"unknown base delegation {base!r}",
                                 hint="use 'first', a delegation code (" + _list_values(valid)
                                 + ") or choices such as GROUP_ID=2,GROUP_ID=0")
        member_of = registry[code].groups

        def by_position(group: BracketGroup | OptionBlock) -> int:
            hits = position(group, code, member_of)
            return hits[0] if len(hits) == 1 else 1
        return by_position
    items = [item.strip().partition("=") for item in base.split(",") if item.strip()]
    named = {gid.strip() for gid, _, _ in items}
    # only the groups named (the searches do not make the text of alternatives nodes)
    by_id = {g.id: g for g in _walk_structure(doc.body)
             if isinstance(g, (BracketGroup, OptionBlock)) and g.id in named}
    choices: dict[str, int] = {}
    for gid, sep, k in items:
        gid, k = gid.strip(), k.strip()
        if not sep or gid not in by_id:
            every = [g.id for g in _walk_structure(doc.body)
                     if isinstance(g, (BracketGroup, OptionBlock))]
            raise OperationError(f"unknown group id {gid!r} in --base",
                                 hint="valid group ids: " + _list_values(every or ["(none)"]))
        try:
            value = int(k)
        except ValueError:
            raise OperationError(f"choice for {gid} must be a number, not {k!r}") from None
        group = by_id[gid]
        n = len(group.alternatives)
        low = 0 if group.kind == "optional" else 1
        if not low <= value <= n:
            raise OperationError(f"choice {value} for {gid} is out of range",
                                 hint=f"{gid} accepts {low}..{n}"
                                 + (" (1 keeps the optional text, 0 drops it)" if low == 0 else ""))
        choices[gid] = value
    return lambda group: choices.get(group.id, 1)
