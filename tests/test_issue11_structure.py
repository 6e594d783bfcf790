"""Issue 11 part 3, structure: the public Visitor/Transformer, the diff's typed tokens,
the reports module, and the composed Akoma Ntoso writer."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given

import treatydraft
from treatydraft.ast import Text, walk
from treatydraft.errors import OperationError
from treatydraft.operations import diff, resolve
from treatydraft.operations.diff.tokens import GroupToken, stream
from treatydraft.visit import NODE_TYPES, Transformer, Visitor

from fixtures import parse_file, samples
from test_operations_properties import SETTINGS, drafts


class _Count(Visitor):
    """A visitor with a method for every node type that descends into groups."""

    def __init__(self):
        super().__init__()
        self.seen: list = []
        for cls in NODE_TYPES:
            setattr(self, "visit_" + cls.__name__, self._leaf)
        self.visit_BracketGroup = self.visit_OptionBlock = self._group
        # a footnote's text is read as text is: it has children too
        self.visit_Alternative = self.visit_Option = self.visit_Footnote = self._part

    def _leaf(self, node):
        self.seen.append(node)

    def _group(self, node):
        self.seen.append(node)
        self.visit_all(node.alternatives)

    def _part(self, node):
        self.seen.append(node)
        self.visit_all(node.children)


class _Upper(Transformer):
    def visit_Text(self, node):
        return replace(node, value=node.value.upper())


class _DropNotes(Transformer):
    def visit_DraftingNote(self, node):
        return None


def _check_visitor_and_transformers(doc) -> None:
    before = doc.to_text()
    counted = _Count()
    counted.visit_all(doc.body)
    # the visitor reaches exactly what walk yields, in the same order
    assert [id(n) for n in counted.seen] == [id(n) for n in walk(doc.body)]
    # the identity transform shares the whole tree
    assert Transformer().transform(doc) is doc
    new = _Upper().transform(doc)
    assert [n.value for n in walk(new.body) if isinstance(n, Text)] == \
        [n.value.upper() for n in walk(doc.body) if isinstance(n, Text)]
    assert new.to_text().upper() == before.upper()
    assert [g.id for g in new.groups()] == [g.id for g in doc.groups()]
    assert doc.to_text() == before  # never mutates


@pytest.mark.parametrize("path", samples())
def test_issue11_visitor_and_transformer_on_the_samples(path):
    _check_visitor_and_transformers(parse_file(path))


@SETTINGS
@given(drafts())
def test_issue11_visitor_and_transformer_on_generated_drafts(text):
    _check_visitor_and_transformers(treatydraft.parse(text))


def test_issue11_transformer_drops_and_splices():
    doc = treatydraft.parse("Article 1\nParties [shall [Note: check]][may] act. [Note: two]\n")
    new = _DropNotes().transform(doc)
    assert new.to_text() == "Article 1\nParties [shall ][may] act. \n"
    assert list(new.notes()) == [] and len(list(doc.notes())) == 2

    class Split(Transformer):  # one Text becomes two
        def visit_Text(self, node):
            if node.value != " act. ":
                return node
            return [replace(node, value=" act"), replace(node, value=". ")]

    split = Split().transform(doc)
    assert split.to_text() == doc.to_text()
    assert len(split.body) == len(doc.body) + 1


def test_issue11_unknown_nodes_raise():
    class Nothing(Visitor):
        pass

    doc = treatydraft.parse("Article 1\nText.\n")
    with pytest.raises(OperationError, match="cannot visit a Heading node"):
        Nothing().visit(doc.body[0])
    with pytest.raises(OperationError, match="cannot visit a object node"):
        Transformer().transform((object(),))

    class Bad(Transformer):
        def visit_Alternative(self, node):
            return node.children[0]

    with pytest.raises(OperationError, match="must become a Alternative"):
        Bad().transform(treatydraft.parse("[a][b]\n"))
    assert all(hasattr(Transformer, "visit_" + cls.__name__) for cls in NODE_TYPES)


def test_issue11_diff_tokens_are_typed_not_control_characters():
    """Groups are GroupTokens; a control character in the text is an ordinary token and
    cannot be mistaken for a group or a blank."""
    text = "Article 1\nParties [shall\x01][may\x00] act\x01 \x00 now.\n"
    doc = treatydraft.parse(text, mode="tolerant")
    tokens, groups = stream(doc.body)
    assert [type(t) for t, g in zip(tokens, groups) if g is not None] == [GroupToken]
    assert "\x01" in tokens and "\x00" in tokens
    assert all(isinstance(t, (str, GroupToken)) for t in tokens)
    for k in (1, 2):
        d = diff(doc, resolve(doc, {"art_1__brk_1": k}))
        assert [(c.kind, c.detail.get("choice")) for c in d.changes] == [("resolved", k)]


def test_issue11_reports_module_and_old_names():
    from treatydraft import operations, reports
    from treatydraft.operations import stats as stats_module
    from treatydraft.operations.diff import diff_report as old_diff_report
    assert operations.diff_report is reports.diff_report is old_diff_report
    assert operations.stats_table is reports.stats_table is stats_module.stats_table
    doc = treatydraft.parse("Article 1\nParties [shall][may] act.\n")
    assert reports.diff_report(diff(doc, doc)) == "no differences\n"
    assert reports.stats_table(operations.statistics(doc)).startswith("unit ")


def test_issue11_akn_writer_is_composed():
    """Each collaborator holds its own state; none inherits from another."""
    from treatydraft.writers.akn import AknWriter
    from treatydraft.writers.akn_groups import GroupEncoder
    from treatydraft.writers.akn_meta import Organizations
    from treatydraft.writers.akn_tree import TreeBuilder
    w = AknWriter(treatydraft.parse("Article 1\n[1. A.][1. B.]\n"))
    assert AknWriter.__mro__ == (AknWriter, object)
    assert isinstance(w.tree, TreeBuilder) and isinstance(w.orgs, Organizations)
    assert isinstance(w.groups, GroupEncoder)
    assert w.groups.tree is w.tree and w.groups.orgs is w.orgs and w.groups.body is w
    for cls in (TreeBuilder, GroupEncoder, Organizations):
        assert cls.__mro__ == (cls, object)
    root = w.build()
    assert w.tree.eids and not w.tree.inline and w.groups.marks == []
    assert root.tag.endswith("akomaNtoso")
