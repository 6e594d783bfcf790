"""Decisions files: choices that carry the text they were made on.

A decision records the group id, the choice, the text of the chosen alternative and
the text of every alternative of the group.  Applied to another revision of the draft
(:func:`match`) it lands on the same group — the group of the same unit with the
same alternatives (the k-th of them when the unit had n such groups and still has n),
whatever its id is now — or it fails with a message naming the group and what changed.  It is
never applied to a group whose alternatives differ.

    >>> import treatydraft
    >>> from treatydraft.operations import resolve
    >>> from treatydraft.operations.decisions import record, match
    >>> rev1 = treatydraft.parse("Article 1\\n1. [Each][Every] Party [shall][may] act.\\n")
    >>> saved = record(rev1, {"art_1__para_1__brk_2": 2})
    >>> saved[0].chosen, saved[0].alternatives
    ('may', ('shall', 'may'))
    >>> rev2 = treatydraft.parse(resolve(rev1, {"art_1__para_1__brk_1": 1}).to_text())
    >>> match(rev2, saved)[0]          # brk_2 of rev1 is brk_1 of a fresh parse of rev2
    {'art_1__para_1__brk_1': 2}

The JSON form (:func:`dumps`, :func:`loads`) is described in ``docs/ids.md``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

from ..ast import Group
from ..document import Document
from ..errors import OperationError
from .ids import alternative_text, fingerprint
from .resolve import DROP, KEEP, Choices, GroupIndex, describe_choice, index_groups, normalise_choices

__all__ = ["Decision", "record", "match", "dumps", "loads", "FORMAT", "VERSION"]

FORMAT = "treatydraft-decisions"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Decision:
    """One choice, with the text it was made on (:func:`record` makes them).

    Example:

        >>> from treatydraft.operations import Decision
        >>> d = Decision("art_1__para_1__brk_1", "alternatives", "art_1__para_1", 2, ("shall", "may"))
        >>> d.chosen
        'may'
        >>> d.to_dict()["alternatives"]
        ['shall', 'may']
    """
    group: str
    """The group id in the revision the choice was made on."""
    kind: str
    """``alternatives``, ``optional`` or ``options``."""
    location: str
    """The unit the group stands in (``art_1__para_1``)."""
    choice: int
    """1-based alternative or option; for optional text 1 keeps it, 0 drops it."""
    alternatives: tuple[str, ...]
    """The raw text of every alternative (an option's label included)."""
    occurrence: tuple[int, int] = (1, 1)
    """``(k, n)``: the group is the k-th of the n groups of its unit with these alternatives."""

    @property
    def chosen(self) -> str | None:
        """The text of the chosen alternative (None when optional text is dropped)."""
        return None if self.choice == DROP else self.alternatives[self.choice - 1]

    def fingerprint(self) -> tuple[str, ...]:
        return (self.kind, *self.alternatives)

    def to_dict(self) -> dict[str, Any]:
        choice: int | str = self.choice
        if self.kind == "optional":
            choice = "keep" if self.choice == KEEP else "drop"
        out: dict[str, Any] = {"group": self.group, "kind": self.kind, "location": self.location,
               "choice": choice, "chosen": self.chosen, "alternatives": list(self.alternatives)}
        if self.occurrence != (1, 1):
            out["occurrence"] = list(self.occurrence)
        return out


def record(doc: Document, choices: Choices) -> list[Decision]:
    """The decisions for ``choices`` (``{id: k}`` or pairs, checked as :func:`~.resolve.resolve` does)."""
    index = index_groups(doc)
    twins = _twins(doc)
    out: list[Decision] = []
    for gid, k in normalise_choices(index, choices).items():
        g = index[gid].group
        same = twins[(g.location, fingerprint(g))]
        out.append(Decision(gid, g.kind, g.location, k,
                            tuple(alternative_text(a) for a in g.alternatives),
                            (same.index(gid) + 1, len(same))))
    return out


def _twins(doc: Document) -> dict[tuple[str, tuple[str, ...]], list[str]]:
    """(unit, fingerprint) -> ids of the groups with it, in document order."""
    out: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for g in sorted(doc.groups(), key=lambda g: g.span.start):
        out.setdefault((g.location, fingerprint(g)), []).append(g.id)
    return out


def _short(text: str | None, width: int = 50) -> str:
    if text is None:
        return "nothing"
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[:width - 1] + "…")


def _what_changed(d: Decision, group: Group) -> str:
    if group.kind != d.kind:
        return f"it was {d.kind}, it is now {group.kind}"
    now = [alternative_text(a) for a in group.alternatives]
    if len(now) != len(d.alternatives):
        return (f"it had {len(d.alternatives)} alternatives, it now has {len(now)}: "
                + " / ".join(_short(t) for t in now))
    for i, (was, is_) in enumerate(zip(d.alternatives, now, strict=False), 1):
        if was != is_:
            return f"alternative {i} was {_short(was)}, it is now {_short(is_)}"
    return "its text changed"  # pragma: no cover - same fingerprint is matched


def match(doc: Document, decisions: Iterable[Decision]) -> tuple[dict[str, int], list[str]]:
    """``({group id in doc: choice}, notes)`` for ``decisions`` made on another revision.

    A decision lands on the group of the same unit with exactly the recorded alternatives
    (the k-th of n such groups when there are still n); a note says when its id
    differs.  Otherwise :class:`OperationError` names the group and what changed;
    nothing is guessed.
    """
    index = index_groups(doc)
    twins = _twins(doc)
    out: dict[str, int] = {}
    notes: list[str] = []
    for d in decisions:
        same = twins.get((d.location, d.fingerprint()), [])
        k, n = d.occurrence
        if len(same) != n or not 1 <= k <= n:
            raise OperationError(_failure(d, index, same), hint=_hint(d))
        target = same[k - 1]
        if target != d.group:
            notes.append(f"decision for {d.group} applied to {target}: same alternatives "
                         f"in {d.location}")
        if target in out and out[target] != d.choice:
            g = index[target].group
            raise OperationError(f"decisions conflict on '{target}': "
                                 f"{describe_choice(g, out[target])} and "
                                 f"{describe_choice(g, d.choice)}", hint="decide each group once")
        out[target] = d.choice
    return out, notes


def _failure(d: Decision, index: GroupIndex, same: list[str]) -> str:
    head = f"decision for '{d.group}' ({_short(d.chosen)}) cannot be applied: "
    if same:
        return head + (f"{len(same)} group(s) of {d.location} have its alternatives ("
                       + ", ".join(same) + f"), it was one of {d.occurrence[1]}: which one is "
                       "meant is unclear")
    entry = index.get(d.group)
    if entry is None or entry.group.kind == "placeholder":
        where = d.location or "the text"
        alts = " / ".join(_short(t) for t in d.alternatives)
        return head + (f"the draft has no group '{d.group}' and none in {where} with its "
                       f"alternatives ({alts})")
    return head + "the group changed: " + _what_changed(d, entry.group)


def _hint(d: Decision) -> str:
    return ("check the group in this revision and decide it again (treatydraft brackets "
            "FILE lists the groups), or leave it out of the decisions file")


# ---------------------------------------------------------------- JSON

def dumps(decisions: Iterable[Decision], source: str | None = None) -> str:
    """The decisions file (JSON, UTF-8 text, one decision per group)."""
    data = {"format": FORMAT, "version": VERSION, "source": source,
            "decisions": [d.to_dict() for d in decisions]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def loads(text: str, source: str | None = None) -> list[Decision]:
    """Decisions from a decisions file; :class:`OperationError` (naming ``source``) if malformed."""
    def bad(why: str) -> NoReturn:
        raise OperationError(f"not a treatydraft decisions file: {why}", file=source,
                             hint="write one with 'treatydraft resolve ... --save-decisions "
                                  "FILE.json'")
    try:
        data = json.loads(text)
    except ValueError as exc:
        bad(f"invalid JSON ({exc})")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        bad(f"'format' is not {FORMAT!r}")
    if data.get("version") != VERSION:
        bad(f"version {data.get('version')!r} (this treatydraft reads version {VERSION})")
    items = data.get("decisions")
    if not isinstance(items, list):
        bad("'decisions' is not a list")
    out: list[Decision] = []
    for n, item in enumerate(items, 1):
        try:
            d = _decision(item)
        except (KeyError, TypeError, ValueError) as exc:
            bad(f"decision {n}: {exc}")
        out.append(d)
    return out


def _decision(item: dict[str, Any]) -> Decision:  # an item of the JSON file
    kind = item["kind"]
    if kind not in ("alternatives", "optional", "options"):
        raise ValueError(f"unknown kind {kind!r}")
    alts = item["alternatives"]
    if not isinstance(alts, list) or not alts or not all(isinstance(a, str) for a in alts):
        raise ValueError("'alternatives' must be a non-empty list of texts")
    raw = item["choice"]
    if kind == "optional" and raw in ("keep", "drop"):
        k = KEEP if raw == "keep" else DROP
    elif isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= len(alts):
        k = raw
    else:
        raise ValueError(f"choice {raw!r} does not fit a group of {len(alts)} "
                         + ("option(s)" if kind == "options" else "alternative(s)"))
    occ = item.get("occurrence", [1, 1])
    if not (isinstance(occ, list) and len(occ) == 2 and all(isinstance(x, int) for x in occ)
            and 1 <= occ[0] <= occ[1]):
        raise ValueError(f"'occurrence' {occ!r} must be [k, n] with 1 <= k <= n")
    d = Decision(str(item["group"]), kind, str(item.get("location", "")), k, tuple(alts),
                 (occ[0], occ[1]))
    if "chosen" in item and item["chosen"] != d.chosen:
        raise ValueError(f"'chosen' {item['chosen']!r} is not the text of choice {raw!r}")
    return d
