"""Issue 11 part 3: the API reference and its examples.

Every docstring example in the package runs here as a doctest (so the README's test
command runs them), every public name has one, the reference (docs/api/, mkdocs with
mkdocstrings) names every public name, and it builds in strict mode where mkdocs is
installed (the test and docs extras install it).
"""
from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import subprocess
import sys
import types

import pytest

import treatydraft
import treatydraft.operations
import treatydraft.testing

from fixtures import ROOT


def _modules() -> list[str]:
    names = ["treatydraft"]
    for info in pkgutil.walk_packages(treatydraft.__path__, "treatydraft."):
        if not info.name.endswith("__main__"):  # running it starts the command line
            names.append(info.name)
    return sorted(names)


def _documented(module) -> list[str]:
    """The names of ``module.__all__`` that carry a docstring of their own: not the
    submodules (their module docstring is the documentation) and not plain constants
    (``DROP = 0``: an int's ``__doc__`` is int's; they have attribute docstrings)."""
    return [n for n in module.__all__
            if not isinstance(getattr(module, n), (types.ModuleType, int, str, tuple, frozenset))]


def _own(module_name: str) -> list[str]:
    """The classes and functions ``module_name.__all__`` defines itself (not the names it
    gives from elsewhere, nor type aliases and Literals)."""
    module = importlib.import_module(module_name)
    return [n for n in module.__all__
            if isinstance(getattr(module, n), (type, types.FunctionType))
            and getattr(module, n).__module__ == module_name]


#: the reference pages of the tree and the errors, and the modules whose names they list
TREE = {"tree.md": ["treatydraft.document", "treatydraft.ast"], "errors.md": ["treatydraft.errors"]}

PUBLIC = [(m, n) for ms in TREE.values() for m in ms for n in _own(m)] + \
         [("treatydraft.source", "Span")] + \
         [("treatydraft", n) for n in treatydraft.__all__] + \
         [("treatydraft.testing", n) for n in treatydraft.testing.__all__] + \
         [("treatydraft.operations", n) for n in _documented(treatydraft.operations)]


@pytest.mark.parametrize("name", _modules())
def test_issue11_docstring_examples_run(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name files such as samples/convention-en.txt
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    for test in finder.find(module, name, globs={}):  # the module's own objects only
        runner.run(test, out=out.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(out)


def test_issue11_the_examples_are_found():
    finder = doctest.DocTestFinder(exclude_empty=True)
    examples = sum(len(t.examples) for name in _modules()
                   for t in finder.find(importlib.import_module(name), name, globs={}))
    assert examples >= 80  # 85 when written: a finder that found none would pass the above


@pytest.mark.parametrize("module,name", PUBLIC, ids=[f"{m}.{n}" for m, n in PUBLIC])
def test_issue11_every_public_name_has_a_docstring_with_an_example(module, name):
    obj = getattr(importlib.import_module(module), name)
    doc = obj.__doc__ or ""
    assert ">>>" in doc, f"{module}.{name} has no example in its docstring"
    first = doc.strip().splitlines()[0]
    assert not first.startswith(name + "("), f"{module}.{name}: only the generated signature"


def test_issue11_api_reference_names_every_public_name():
    page = (ROOT / "docs" / "api" / "treatydraft.md").read_text(encoding="utf-8")
    listed = {line.split()[1] for line in page.splitlines() if line.startswith("::: ")}
    assert listed == {f"treatydraft.{n}" for n in treatydraft.__all__}
    testing = (ROOT / "docs" / "api" / "testing.md").read_text(encoding="utf-8")
    assert "::: treatydraft.testing" in testing


def _listed(page: str) -> list[str]:
    """The identifiers of the ``::: identifier`` blocks of a reference page."""
    text = (ROOT / "docs" / "api" / page).read_text(encoding="utf-8")
    return [line.split()[1] for line in text.splitlines() if line.startswith("::: ")]


def _resolve(identifier: str):
    """The object a ``:::`` identifier names: the longest importable module, then attributes
    (``treatydraft.operations.resolve.resolve`` is the function; from the package, the name
    ``treatydraft.operations.resolve`` is the function too, but mkdocstrings takes the module)."""
    parts = identifier.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise AssertionError(f"{identifier} names nothing importable")


def test_issue11_operations_reference_lists_every_public_name():
    ops = treatydraft.operations
    listed = _listed("operations.md")
    assert listed[0] == "treatydraft.operations"  # the module docstring, then each name
    by_name: dict[str, str] = {}
    for identifier in listed[1:]:
        name = identifier.rsplit(".", 1)[1]
        assert name in ops.__all__, f"{identifier}: not in treatydraft.operations.__all__"
        assert name not in by_name, f"{name} listed twice"
        assert _resolve(identifier) is getattr(ops, name), \
            f"{identifier} is not the object treatydraft.operations.{name}"
        by_name[name] = identifier
    missing = [n for n in ops.__all__ if n not in by_name]
    assert not missing, f"docs/api/operations.md does not list {missing}"


@pytest.mark.parametrize("page", sorted(TREE))
def test_issue11_tree_and_errors_reference_list_every_name(page):
    # what is already on the treatydraft page (Document, the four main errors) is linked
    listed = set(_listed(page))
    for module in TREE[page]:
        for name in _own(module):
            if name in treatydraft.__all__:
                continue
            assert f"{module}.{name}" in listed, f"docs/api/{page} does not list {module}.{name}"
    for identifier in listed:
        _resolve(identifier)  # every listed name exists


def test_issue11_readme_links_the_api_reference_and_says_how_to_build_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    library = readme.split("## Library", 1)[1].split("\n## ", 1)[0]
    assert "docs/api/index.md" in library
    assert "mkdocs build --strict" in library and ".[docs]" in library


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None
                    or importlib.util.find_spec("mkdocstrings") is None,
                    reason="mkdocs is not installed (pip install -e '.[docs]')")
def test_issue11_api_reference_builds_strict(tmp_path):
    site = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                          "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    page = (site / "api" / "treatydraft" / "index.html").read_text(encoding="utf-8")
    for name in treatydraft.__all__:
        assert f'id="treatydraft.{name}"' in page, name
    assert "&gt;&gt;&gt;" in page  # the examples are shown
    page = (site / "api" / "operations" / "index.html").read_text(encoding="utf-8")
    for identifier in _listed("operations.md"):
        assert f'id="{identifier}"' in page, identifier
    assert page.count("&gt;&gt;&gt;") >= 100  # 126 when written: every name's example
    # the constants are documented by their attribute docstrings, shown under their heading
    for constant, words in {"DROP": "drop optional text", "KEEP": "keep optional text",
                            "FALLBACKS": "The fallbacks"}.items():
        after = page.split(f'id="treatydraft.operations.{constant}"', 1)[1][:2000]
        assert words in after, constant


def test_issue11_examples_render_as_code_in_the_reference():
    # a docstring whose only text after its first line is the example is dedented to the
    # margin by the documentation tools, and `>>>` at the margin renders as a quotation
    import ast as pyast
    import inspect
    quoted = []
    for path in sorted((ROOT / "treatydraft").rglob("*.py")):
        for node in pyast.walk(pyast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (pyast.ClassDef, pyast.FunctionDef)):
                doc = pyast.get_docstring(node, clean=False)
                if doc and any(line.startswith(">>>")
                               for line in inspect.cleandoc(doc).splitlines()):
                    quoted.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not quoted, quoted
