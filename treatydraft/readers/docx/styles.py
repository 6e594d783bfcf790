"""Paragraph styles: names, ``basedOn`` inheritance and list numbering linked to a style."""
from __future__ import annotations

from lxml import etree

from .package import W

__all__ = ["Styles"]


class Styles:
    """What the reader needs from ``word/styles.xml``."""

    def __init__(self, root: etree._Element | None = None):
        self.names: dict[str, str] = {}
        self.based: dict[str, str] = {}
        self.numpr: dict[str, tuple[str | None, int | None]] = {}
        self._cache: dict[str, tuple[str, int] | None] = {}
        if root is None:
            return
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            name = st.find(W + "name")
            self.names[sid] = (name.get(W + "val") if name is not None else sid) or sid
            based = st.find(W + "basedOn")
            if based is not None and (based_on := based.get(W + "val")):
                self.based[sid] = based_on
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                nid = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                try:
                    # a missing w:val raises TypeError, caught below
                    level = int(ilvl.get(W + "val")) if ilvl is not None else None  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    level = None
                self.numpr[sid] = (nid.get(W + "val") if nid is not None else None, level)

    def name(self, sid: str | None) -> str:
        return self.names.get(sid or "", sid or "").casefold()

    def is_title(self, sid: str | None) -> bool:
        return bool(sid) and (sid == "Title" or self.name(sid) == "title")

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        """``(numId, ilvl)`` a paragraph of style ``sid`` gets from its style chain."""
        if not sid:
            return None
        if sid in self._cache:
            return self._cache[sid]
        nid: str | None = None
        level: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen:
            seen.add(cur)
            n, lv = self.numpr.get(cur, (None, None))
            nid = nid if nid is not None else n
            level = level if level is not None else lv
            cur = self.based.get(cur)
        out = (nid, level or 0) if nid is not None else None
        self._cache[sid] = out
        return out
