"""Random sequences of commands on random drafts (issue 8), as a hypothesis state machine.

Each step runs one command (resolve, accept, clean, export, import) on the latest
draft, writing a new file; the next steps work on that output.  After every step:
no earlier file changed (inputs are never written), no temporary is left, each
output is complete (it reads back) and agrees with the library, and an export
imports back to the text it was made from.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, invariant, precondition, rule,
                                 initialize)

import treatydraft
from treatydraft.cli import main
from treatydraft.operations import apply_decisions, clean, plan_accept
from treatydraft.operations.resolve import index_groups

from test_operations_properties import CODES, drafts


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class CommandSequence(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="td-sm-"))
        self.files: dict[Path, bytes] = {}  # every file written so far, as written
        self.current: Path | None = None
        self.exports: list[tuple[Path, str]] = []  # (xml, the text it was made from)
        self.n = 0

    def teardown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------ helpers

    def _new(self, suffix=".txt") -> Path:
        self.n += 1
        return self.dir / f"step{self.n}{suffix}"

    def _text(self) -> str:
        return self.current.read_bytes().decode("utf-8")

    def _doc(self):
        return treatydraft.load(self.current)

    def _accept_output(self, out: Path, expected_text: str) -> None:
        data = out.read_bytes()
        assert data.decode("utf-8") == expected_text
        self.files[out] = data
        self.current = out

    # ------------------------------------------------------------ rules

    @initialize(text=drafts())
    def start(self, text):
        path = self.dir / "draft.txt"
        path.write_bytes(text.encode("utf-8"))
        self.files[path] = path.read_bytes()
        self.current = path

    @rule(data=st.data())
    def resolve(self, data):
        doc = self._doc()
        index = index_groups(doc)
        choosable = [gid for gid, e in index.items() if e.group.kind != "placeholder"
                     and not e.ancestors]
        if not choosable:
            return
        gid = data.draw(st.sampled_from(choosable), label="group")
        group = index[gid].group
        if group.kind == "optional":
            k = data.draw(st.sampled_from(["keep", "drop"]), label="choice")
            flag = ["--keep" if k == "keep" else "--drop", gid]
            choice = 1 if k == "keep" else 0
        else:
            choice = data.draw(st.integers(1, len(group.alternatives)), label="choice")
            flag = ["--choose", f"{gid}={choice}"]
        out = self._new()
        r = _cli("resolve", self.current, *flag, "-o", out)
        assert r.exit_code == 0, r.stderr
        self._accept_output(out, apply_decisions(doc, {gid: choice}.get).to_text())

    @rule(code=st.sampled_from(CODES), otherwise=st.sampled_from(["open", "first", "drop"]))
    def accept(self, code, otherwise):
        doc = self._doc()
        out = self._new()
        r = _cli("resolve", self.current, "--accept", code, "--otherwise", otherwise, "-o", out)
        assert r.exit_code == 0, r.stderr
        expected = apply_decisions(doc, plan_accept(doc, code, otherwise).choices.get)
        self._accept_output(out, expected.to_text())

    @rule(policy=st.sampled_from(["first", "keep", "drop", "AAA>first", "BBB>CCC>drop"]))
    def clean_all(self, policy):
        doc = self._doc()
        out = self._new()
        r = _cli("clean", self.current, "--policy", policy, "-o", out)
        assert r.exit_code == 0, r.stderr
        self._accept_output(out, clean(doc, policy).to_text())
        assert not list(treatydraft.load(out).groups()) or \
            all(g.kind == "placeholder" for g in treatydraft.load(out).brackets())

    @rule()
    def export(self):
        out = self._new(".xml")
        r = _cli("export", self.current, "--to", "akn", "-o", out)
        assert r.exit_code == 0, r.stderr
        self.files[out] = out.read_bytes()
        self.exports.append((out, self._text()))

    @precondition(lambda self: self.exports)
    @rule(data=st.data())
    def import_(self, data):
        xml, text = data.draw(st.sampled_from(self.exports), label="export")
        out = self._new()
        r = _cli("import", xml, "-o", out)
        assert r.exit_code == 0, r.stderr
        self._accept_output(out, text)  # the round trip holds, byte for byte

    @rule()
    def refuse_to_overwrite(self):
        before = self.current.read_bytes()
        r = _cli("clean", self.current, "-o", self.current)
        assert r.exit_code == 2 and self.current.read_bytes() == before

    # ------------------------------------------------------------ invariants

    @invariant()
    def nothing_written_twice_and_nothing_left_behind(self):
        present = {p for p in self.dir.iterdir()}
        assert present == set(self.files), present ^ set(self.files)
        for path, data in self.files.items():
            assert path.read_bytes() == data, f"{path.name} changed"

    @invariant()
    def exports_read_back(self):
        if self.exports:
            xml, text = self.exports[-1]
            assert treatydraft.load(xml).to_text() == text


CommandSequence.TestCase.settings = settings(
    max_examples=12, stateful_step_count=6, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
test_command_sequences = CommandSequence.TestCase
