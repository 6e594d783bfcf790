"""How the nodes of :mod:`treatydraft.ast` store their fields compactly.

A parsed draft holds several nodes per bracket group, so what each node stores
decides the memory of a parse (issue 8: bytes of memory per byte of draft).  Nodes
are plain frozen slots dataclasses; some attributes are stored compactly behind a
descriptor (a *slot view*), invisible to users (constructors, fields, ``replace()``,
``==``, hash, pickle): ``span`` as one int (:func:`~treatydraft.source.pack`), or
nothing when it follows from the node's parts; the ``id`` of an alternative the
builder made as the id of its group (:func:`negative`); the ``value`` of a text read
from the draft as a reference to the draft (:class:`SourceText`); the ``children`` of
an alternative that holds one such text, and the ``alternatives`` of a group of one,
without a tuple; fields most nodes share in one shared tuple (:class:`Rest`).
Reading any of them gives the plain value.

This module knows no node type: :mod:`treatydraft.ast` gives each view what it needs.
"""
from __future__ import annotations

from collections.abc import Callable
from types import MemberDescriptorType
from typing import Any, TypeVar

from .source import Span, bounds, pack, unpack

__all__ = ["SourceText", "SlotView", "SourceValue", "LoneText", "Single", "CompactSpan",
           "DerivedId", "Rest", "negative", "compact"]


class SourceText:
    """The text a draft was parsed from, shared by the nodes read from it.  A text
    node whose value is this reads the source at its span; an alternative whose
    children are this holds one such text, between its brackets."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class SlotView:
    """A field read through a slot: ``read`` turns what the slot holds into the value
    (here the value itself; the views below store it otherwise)."""
    __slots__ = ("slot",)

    # The nodes declare the fields' types; what a slot holds and reads as varies by view.
    def __init__(self, slot: MemberDescriptorType):
        self.slot = slot

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        return self.read(obj, self.slot.__get__(obj, cls))

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)

    def read(self, obj: Any, raw: Any) -> Any:
        return raw


class SourceValue(SlotView):
    """``Text.value`` (and the like): a :class:`SourceText` in the slot is read from the
    source at the node's span (the slot ``span``)."""
    __slots__ = ("span",)

    def __init__(self, slot: MemberDescriptorType, span: MemberDescriptorType):
        super().__init__(slot)
        self.span = span

    def read(self, obj: Any, raw: Any) -> Any:
        if type(raw) is SourceText:
            start, end = bounds(self.span.__get__(obj, type(obj)))
            return raw.text[start:end]
        return raw


class LoneText(SlotView):
    """``Alternative.children``: a :class:`SourceText` in the slot is one text node, the
    source between the brackets, made by ``make(node, source)`` when first read and kept
    from then on (so a node has one identity: writers key their plans by ``id(node)``).
    The document's own searches (groups, headings, notes, the outline, the text) do not
    look inside such an alternative, so a parse that is only checked stays small."""
    __slots__ = ("make",)

    def __init__(self, slot: MemberDescriptorType,
                 make: Callable[[Any, SourceText], tuple[Any, ...]]):
        super().__init__(slot)
        self.make = make

    def read(self, obj: Any, raw: Any) -> Any:
        if type(raw) is SourceText:
            raw = self.make(obj, raw)
            self.slot.__set__(obj, raw)
        return raw


class Single(SlotView):
    """``BracketGroup.alternatives``: a lone item (of type ``kind``) is stored without a
    tuple."""
    __slots__ = ("kind",)

    def __init__(self, slot: MemberDescriptorType, kind: type):
        super().__init__(slot)
        self.kind = kind

    def read(self, obj: Any, raw: Any) -> Any:
        return (raw,) if type(raw) is self.kind else raw


class CompactSpan(SlotView):
    """``span`` stored packed in the slot, a :class:`Span` when read.  For a group or
    an alternative whose span follows from its parts, the builder stores None and the
    span is ``derive(node)`` when read."""
    __slots__ = ("derive",)

    def __init__(self, slot: MemberDescriptorType,
                 derive: Callable[[Any], Span | None] | None = None):
        super().__init__(slot)
        self.derive = derive

    def read(self, obj: Any, raw: Any) -> Any:
        if raw is None and self.derive is not None:
            return self.derive(obj)
        return unpack(raw)

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, pack(value) if type(value) is Span else value)


class DerivedId(SlotView):
    """``Alternative.id``: when the node's index slot holds a negative index (see
    :func:`negative`), the id slot holds its group's id and reads as
    ``<group id>__alt_<index>``."""
    __slots__ = ("index",)

    def __init__(self, slot: MemberDescriptorType, index: MemberDescriptorType):
        super().__init__(slot)
        self.index = index

    def read(self, obj: Any, raw: Any) -> Any:
        index = self.index.__get__(obj)
        return f"{raw}__alt_{-index}" if index < 0 else raw


#: shared negative ints (Python keeps only -5 to 256 once): one object per index, not
#: one per alternative of a twenty-way group
_NEGATIVE = tuple(-i for i in range(1024))


def negative(index: int) -> int:
    """``-index``, shared: what an alternative's index slot holds when its id slot holds
    its group's id.  (Marking that with a ``str`` subclass instead cost 48 bytes more
    per group: CPython stores the characters of a subclass's instance apart.)"""
    return _NEGATIVE[index] if index < len(_NEGATIVE) else -index


class Rest:
    """A field kept at position ``k`` of the node's ``_rest`` tuple (shared by nodes
    alike in them)."""
    __slots__ = ("k", "slot")

    def __init__(self, k: int, slot: MemberDescriptorType):
        self.k, self.slot = k, slot

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        return self.slot.__get__(obj, cls)[self.k]


_C = TypeVar("_C", bound=type)


def compact(cls: _C) -> _C:
    """Class decorator: the ``span`` field of ``cls`` (a slots dataclass) stored packed."""
    cls.span = CompactSpan(cls.__dict__["span"])  # type: ignore[attr-defined]  # the span field
    return cls
