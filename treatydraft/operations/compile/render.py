r"""Writing the compiled draft: the base text with a group wherever proposals differ.

:class:`Renderer` walks the base outline unit by unit, with, for each proposal still
*active* there (whose text this part of the draft stands for), the unit aligned
with it.  It writes text, never nodes: the result is parsed afterwards, and every
group it opened is found again by the offset of its opening bracket or label
(:attr:`Renderer.plans`), which tells which alternative each proposal and the base
choose.  Unchanged units are copied as written.

Notation (see docs/compile.md):

* changed words: ``[base][proposal]@RUS+CHN[other]@EU``, base first, unattributed;
* inserted words: ``[inserted]@EU`` (optional text);
* deleted words: widened with a neighbouring word, ``[promptly take][take]@EU``;
* a proposal choosing an alternative of a base group: its code joins that alternative;
* a new unit: ``[2bis. text]@EU`` on its own line(s);
* a deleted unit: ``Option 1:`` (the unit) / ``Option 2 @EU: No text`` / ``\end-options``;
  inside an option (blocks do not nest) or for a division: ``[the unit]@@EU``;
* an article rewritten beyond the threshold, or deleted: an option block around it,
  ``Option 1:`` the base article, ``Option 2 @EU:`` the article as proposed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...ast import OptionBlock
from ...document import walk
from .align import Pair, align_units, change_share
from .report import CompileReport, Entry, Warning
from .units import Token, Unit, normalise
from .words import GroupPlan, WordRenderer

__all__ = ["Renderer", "GroupPlan", "LABELS"]

#: option label word and "No text" per language (the parser knows them all)
LABELS = {"zh": ("备选案文{n}{who}：", "无案文"), "ar": ("الخيار {n}{who}:", "لا نص"),
          "ru": ("Вариант {n}{who}:", "Текст отсутствует"), "es": ("Opción {n}{who}:", "Sin texto"),
          "fr": ("Variante {n}{who}:", "Pas de texte")}
_DEFAULT_LABEL = ("Option {n}{who}:", "No text")


@dataclass
class Renderer(WordRenderer):
    codes: dict[str, tuple[str, ...]]
    """proposal key -> delegation codes (attribution order)."""
    threshold: float
    language: str | None = None
    nl: str = "\n"
    """The line break the base uses (``\\r\\n`` or ``\\n``) for the lines compilation adds."""
    order: dict[str, int] = field(default_factory=dict)
    """code -> position in the registry (attributions list codes in that order)."""
    out: list[str] = field(default_factory=list)
    pos: int = 0
    plans: dict[int, GroupPlan] = field(default_factory=dict)
    report: CompileReport = field(default_factory=CompileReport)
    _article: str = "(start)"
    _eat_lead: bool = False
    _nest: int = 0
    """> 0 inside an option block's option or a bracketed deletion: no option block there."""
    accept_ready: bool = True
    """False once a deletion needed the ``@@`` notation, which ``accept`` cannot choose."""

    # ------------------------------------------------------------ output

    def emit(self, text: str) -> None:
        if text:
            self.out.append(text)
            self.pos += len(text)

    def _at_line_start(self) -> None:
        if self.out and not self.out[-1].endswith("\n"):
            self.emit(self.nl)

    def _trim(self) -> str:
        """Remove the blanks and line breaks at the end of the output; return them."""
        removed = []
        while self.out:
            last = self.out[-1]
            core = last.rstrip()
            if core:
                if core != last:
                    removed.append(last[len(core):])
                    self.out[-1] = core
                    self.pos -= len(last) - len(core)
                break
            removed.append(last)
            self.out.pop()
            self.pos -= len(last)
        return "".join(reversed(removed))

    def _codes(self, keys: list[str]) -> list[str]:
        """The delegations of ``keys``, in registry order."""
        codes = list(dict.fromkeys(c for k in keys for c in self.codes[k]))
        return sorted(codes, key=lambda c: self.order.get(c, len(self.order)))

    def _who(self, keys: list[str]) -> str:
        return "+".join(self._codes(keys))

    def _label(self, n: int, keys: list[str] | None = None) -> str:
        fmt = LABELS.get(self.language or "", _DEFAULT_LABEL)[0]
        return fmt.format(n=n, who=f" @{self._who(keys)}" if keys else "")

    def _no_text(self) -> str:
        return LABELS.get(self.language or "", _DEFAULT_LABEL)[1]

    def warn(self, key: str, message: str, unit: str, line: int, column: int = 1) -> None:
        self.report.warnings.append(Warning(message, key, unit, line, column))

    def _entry(self, kind: str, unit: str, line: int, column: int, alts: list[list[str]]) -> Entry:
        e = Entry(kind, self._article, unit, line, column, [self._codes(keys) for keys in alts])
        self.report.entries.append(e)
        return e

    # ------------------------------------------------------------ units

    def unit(self, b: Unit, props: dict[str, Unit], active: list[str]) -> None:
        """Write base unit ``b``; ``props`` maps each active key to its aligned unit."""
        if b.kind == "article" or (b.heading is not None and self._article == "(start)"):
            self._article = b.label
        self._headings(b, props, active)
        if all(props[k].signature() == b.signature() for k in active):
            self.emit(b.subtree_raw())
            return
        if b.heading is not None:
            self.emit(b.heading.value)
        self.content(b, props, active)
        self.children(b, props, active)

    def _headings(self, b: Unit, props: dict[str, Unit], active: list[str]) -> None:
        if b.heading is None:
            return
        for k in active:
            h = props[k].heading
            if h is not None and normalise(h.value) != normalise(b.heading.value):
                self.warn(k, f"heading '{h.value}' kept as '{b.heading.value}' (renumbering "
                          "is not compiled)", b.label, b.line())

    @staticmethod
    def _has_options(b: Unit, props: dict[str, Unit], keys: list[str]) -> bool:
        def opts(u: Unit) -> bool:
            stack = [u]
            while stack:
                x = stack.pop()
                if any(isinstance(n, OptionBlock) for n in walk(x.nodes)):
                    return True
                stack.extend(x.children)
            return False
        return opts(b) or any(opts(props[k]) for k in keys)

    def children(self, b: Unit, props: dict[str, Unit], active: list[str]) -> None:
        n = len(b.children)
        matched: dict[str, list[Pair | None]] = {}
        added: list[list[tuple[str, Unit]]] = [[] for _ in range(n + 1)]
        for k in active:
            p = props[k]
            pairs = align_units(b.children, p.children) if b.children or p.children else []
            row: list[Pair | None] = [None] * n
            index = {id(c): i for i, c in enumerate(b.children)}
            at = 0
            for pair in pairs:
                if pair.base is None:
                    assert pair.prop is not None  # an added unit
                    added[at].append((k, pair.prop))
                    continue
                i = index[id(pair.base)]
                at = i + 1
                if pair.prop is not None:
                    row[i] = pair
                    if pair.method == "similar":
                        self.warn(k, f"matched with its '{pair.prop.label}' by similar text "
                                  "(uncertain)", pair.base.label, pair.base.line())
            matched[k] = row
        for i, child in enumerate(b.children):
            self._additions(added[i], active, b, child.line())
            keep = [k for k in active if matched[k][i] is not None]
            gone = [k for k in active if matched[k][i] is None]
            sub = {k: _prop(matched[k][i]) for k in keep}
            rewriters = [k for k in keep if child.kind == "article" and not self._nest
                         and sub[k].signature() != child.signature()
                         and change_share(child, sub[k]) > self.threshold]
            if child.kind == "article" and not self._nest and (rewriters or gone):
                self._article_options(child, sub, keep, rewriters, gone, first=i == 0)
            elif gone:
                self._deleted_unit(child, sub, keep, gone, active, first=i == 0)
            else:
                self.unit(child, sub, keep)
        self._additions(added[n], active, b, b.line())

    def _additions(self, items: list[tuple[str, Unit]], active: list[str], parent: Unit,
                   line: int) -> None:
        if not items:
            return
        after = self._trim()
        distinct: dict[str, tuple[list[str], Unit]] = {}
        for k, u in items:
            sig = (u.heading.value if u.heading else "") + "\x02" + u.signature()
            distinct.setdefault(sig, ([], u))[0].append(k)
        for keys, u in distinct.values():
            text = u.subtree_raw()
            body = text.rstrip()
            if self._has_options(u, {}, []) or any(t.hard and not t.is_group
                                                  for t in self._all_tokens(u)):
                for k in keys:
                    self.warn(k, f"new unit '{u.label}' holds notes, footnote lines or option "
                              "blocks: not compiled", parent.label, parent.line())
                continue
            if u.heading is not None and any(c.number == u.number and c.kind == u.kind
                                             for c in parent.children):
                for k in keys:
                    self.warn(k, f"new unit '{u.heading.value}' has the number of a unit of the "
                              "base (its id gets a suffix until the draft is renumbered)",
                              parent.label, line)
            if self.out:
                self.emit(self.nl)
            entry = self._entry("new-unit", parent.label, line, 1, [keys])
            if u.kind == "article":
                entry.article = u.label
            self.plans[self.pos] = GroupPlan({k: (1 if k in keys else 0) for k in active}, 0, entry)
            self.emit("[" + body + "]@" + self._who(keys))
        self.emit(after if "\n" in after else self.nl)

    @staticmethod
    def _all_tokens(u: Unit) -> list[Token]:
        out: list[Token] = []
        stack = [u]
        while stack:
            x = stack.pop()
            out.extend(x.tokens()[0])
            stack.extend(x.children)
        return out

    def _deleted_unit(self, child: Unit, sub: dict[str, Unit], keep: list[str], gone: list[str],
                      active: list[str], first: bool = False) -> None:
        if self._has_options(child, sub, keep) or any(
                t.hard and not t.is_group for t in self._all_tokens(child)):
            for k in gone:
                self.warn(k, "deletion not compiled: the unit holds option blocks, notes or "
                          "footnote lines", child.label, child.line())
            return self.unit(child, {**sub, **{k: child for k in gone}}, active)
        self._at_line_start()
        entry = self._entry("deleted-unit", child.label, child.line(), 1, [gone])
        if self._nest or child.level < 4:
            # inside an option (or a division): the unit in brackets, bracketed by the deleters
            self.accept_ready = False
            self.plans[self.pos] = GroupPlan({k: (0 if k in gone else 1) for k in active}, 1, entry)
            self.emit("[")
            self._nest += 1
            self.unit(child, sub, keep)
            self._nest -= 1
            tail = self._trim()
            self.emit("]@@" + self._who(gone))
            self.emit(tail if "\n" in tail else self.nl)
            return
        if first:
            # right under its parent's heading line, "No text" would remove the parent
            # (docs/operations.md); a blank line before the block keeps it to the unit
            self.emit(self.nl)
        self.plans[self.pos] = GroupPlan({k: (2 if k in gone else 1) for k in active}, 1, entry)
        self.emit(self._label(1) + self.nl)
        self._nest += 1
        self.unit(child, sub, keep)
        self._nest -= 1
        tail = self._trim()
        self.emit(self.nl + self._label(2, gone) + " " + self._no_text())
        # closed explicitly: a label on the next line (another deletion) would continue it
        self.emit(self.nl + "\\end-options")
        self.emit(tail if "\n" in tail else self.nl)

    def _article_options(self, b: Unit, props: dict[str, Unit], keep: list[str],
                         rewriters: list[str], gone: list[str], first: bool) -> None:
        """An article rewritten or deleted by some proposals: an option block around it,
        ``Option 1:`` the base article (with the other proposals' changes),
        ``Option 2 @EU:`` a rewrite as proposed, ... , ``Option n @X: No text``."""
        self._article = b.label
        if self._has_options(b, props, rewriters) or any(
                t.hard and not t.is_group for t in self._all_tokens(b)):
            for k in rewriters + gone:
                self.warn(k, "the article holds option blocks, notes or footnote lines: its "
                          + ("rewrite is compiled word by word" if k in rewriters
                             else "deletion is not compiled"), b.label, b.line())
            return self.unit(b, {**props, **{k: b for k in gone}}, keep + gone)
        self._at_line_start()
        if first:  # right under its parent's heading, "No text" would remove the parent
            self.emit(self.nl)
        plan_at = self.pos
        stay = [k for k in keep if k not in rewriters]
        self.emit(self._label(1) + self.nl)
        self._nest += 1
        self.unit(b, {k: props[k] for k in stay}, stay)
        self._nest -= 1
        tail = self._trim()
        choices = {k: 1 for k in stay}
        alts: list[list[str]] = []
        versions: dict[str, tuple[list[str], str]] = {}
        for k in rewriters:
            text = props[k].subtree_raw().strip("\r\n").rstrip()
            versions.setdefault(normalise(text), ([], text))[0].append(k)
        n = 1
        for keys, text in versions.values():
            n += 1
            alts.append(keys)
            choices.update({k: n for k in keys})
            self.emit(self.nl + self._label(n, keys) + self.nl + text)
        if gone:
            n += 1
            alts.append(gone)
            choices.update({k: n for k in gone})
            self.emit(self.nl + self._label(n, gone) + " " + self._no_text())
        # closed explicitly: what follows (a new unit in brackets) must not join the last option
        self.emit(self.nl + "\\end-options")
        self.emit(tail if "\n" in tail else self.nl)
        entry = self._entry("rewrite" if versions else "deleted-unit", b.label, b.line(), 1, alts)
        self.plans[plan_at] = GroupPlan(choices, 1, entry)


def _prop(pair: Pair | None) -> Unit:
    """The proposal's unit of a pair kept for it (matched: neither is None)."""
    assert pair is not None and pair.prop is not None
    return pair.prop
