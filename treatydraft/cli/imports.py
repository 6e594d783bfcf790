"""``treatydraft import`` for Word, PDF and PDF-copied text (issue 12); Akoma Ntoso stays in akn.py.

The draft text goes to ``-o`` (atomically) or stdout; what the reader skipped,
guessed or removed goes to stderr.  Exit status: 0 written, 1 the text is not a valid
draft (strict mode; ``--tolerant`` writes it anyway with the problems as warnings),
2 the file cannot be read (not Word, damaged, encrypted, too large ...) or a bad option.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import click

from ..errors import TreatyDraftError
from ..io import InputError, read_text
from .common import EXIT_PROBLEMS, EXIT_USAGE, Abort, Reporter, write_output

__all__ = ["import_options", "import_foreign"]

FORMATS = ("auto", "akn", "docx", "pdf", "pdf-text")
#: the values of ``--changes`` and ``--marks`` (click.Choice gives no others)
Changes = Literal["brackets", "accept", "reject"]
Marks = Literal["none", "underline-strike"]

_F = TypeVar("_F", bound=Callable[..., Any])


def import_options(fn: _F) -> _F:
    """The options of ``import`` for Word and PDF inputs."""
    opts = [
        click.option("--from", "source_format", type=click.Choice(FORMATS), default="auto",
                     show_default=True,
                     help="Input format; 'auto' recognises Word, PDF and Akoma Ntoso by "
                          "content. 'pdf-text': text copied out of a PDF, to reflow."),
        click.option("--delegations", type=click.Path(exists=True, dir_okay=False),
                     help="Delegation registry (a draft, front matter, or 'CODE: Name' lines)."),
        click.option("--author-map", type=click.Path(exists=True, dir_okay=False),
                     help="'\"Word author\": CODE' lines mapping change authors to delegations."),
        click.option("--changes", type=click.Choice(["brackets", "accept", "reject"]),
                     default="brackets", show_default=True,
                     help="Tracked changes as bracketed proposals, or accepted / rejected."),
        click.option("--marks", type=click.Choice(["none", "underline-strike"]), default="none",
                     show_default=True,
                     help="Read underlined text as proposed insertions, struck text as deletions."),
        click.option("--tolerant", is_flag=True,
                     help="Write the text even if it is not a valid draft; map unknown authors "
                          "to codes of their own."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _check(rep: Reporter, text: str, source: str, tolerant: bool) -> None:
    """Parse the imported text: its problems are reported like any command's."""
    from ..parser import parse
    name = source + " (as text)"
    try:
        doc = parse(text, mode="tolerant" if tolerant else "strict", source=name)
    except TreatyDraftError as err:
        rep.problems(name, err.diagnostics or [err], lambda: text)
        click.echo(f"{source}: the imported text is not a valid draft; -o writes nothing "
                   "(use --tolerant to write it anyway)", err=True)
        raise Abort(EXIT_PROBLEMS) from None
    rep.problems(name, doc.diagnostics, lambda: text)


def _with_registry(text: str, delegations: str | None) -> str:
    """PDF text (which has no front matter) with the registry of ``--delegations FILE``."""
    if not delegations:
        return text
    from ..readers.docx import front_matter, load_registry
    return front_matter({}, load_registry(read_text(delegations), delegations)) + text


def import_foreign(rep: Reporter, file: str, output: str | None, *, source_format: str,
                   delegations: str | None, author_map: str | None, changes: Changes,
                   marks: Marks, tolerant: bool) -> bool:
    """Import a Word/PDF/PDF-text FILE; False when it is Akoma Ntoso (akn.py does it)."""
    from ..readers.foreign import read_limited, sniff
    try:
        if source_format == "pdf-text":
            from ..readers.pdftext import check_readable, reflow
            copied = read_text(file)
            check_readable(copied, "the text", file)
            result = reflow(copied)
            for line in result.report():
                rep.note(f"{file}: {line}")
            text = _with_registry(result.text, delegations)
            _check(rep, text, file, tolerant)
            write_output(text, output, inputs=[file])
            return True
        if source_format == "akn":
            return False
        data = read_limited(file)
        kind = {"docx": "docx", "pdf": "pdf"}.get(source_format) or sniff(data[:8])
        if kind is None:
            if file != "-":
                return False
            # standard input cannot be read twice: Akoma Ntoso from stdin is read here
            from ..readers.akn import read_akn
            doc = read_akn(data, source=file)
            rep.problems(file, doc.diagnostics, doc.to_text)
            write_output(doc.to_text().encode("utf-8"), output, inputs=[file])
            return True
        if kind == "pdf":
            from ..readers.pdf import pdf_to_text
            result = pdf_to_text(data, source=file)
            for line in result.report():
                rep.note(f"{file}: {line}")
            text = _with_registry(result.text, delegations)
            _check(rep, text, file, tolerant)
            write_output(text, output, inputs=[file])
            return True
        from ..readers.docx import docx_to_text, load_author_map, load_registry
        registry = load_registry(read_text(delegations), delegations) if delegations else ()
        amap = load_author_map(read_text(author_map), author_map) if author_map else None
        got = docx_to_text(data, source=file, mode="tolerant" if tolerant else "strict",
                           delegations=registry, author_map=amap, changes=changes, marks=marks)
    except InputError as err:
        rep.fail(err, EXIT_USAGE)
    except TreatyDraftError as err:
        rep.fail(err, EXIT_PROBLEMS)
    for line in got.warnings:
        rep.warn(f"{file}: {line}")
    c = got.counts
    rep.note(f"{file}: {c['changes']} tracked changes as brackets, {c['attributions']} "
             f"attributions, {c['footnotes']} footnotes, {c['notes']} chair's notes, "
             f"{c['numbers']} automatic numbers")
    _check(rep, got.text, file, tolerant)
    write_output(got.text, output, inputs=[file])
    return True


def wrap(fn: Callable[[str, str | None, bool, bool], None]) -> Callable[..., None]:
    """Decorate the ``import`` command: Word/PDF inputs are handled here first."""
    @import_options
    @functools.wraps(fn)
    def command(file: str, output: str | None, source_format: str, delegations: str | None,
                author_map: str | None, changes: Changes, marks: Marks, tolerant: bool,
                verbose: bool = False, quiet: bool = False) -> None:
        if output and output.lower().endswith(".xml"):
            raise click.UsageError("import writes draft text: give -o NAME.txt")
        rep = Reporter(verbose, quiet)
        if import_foreign(rep, file, output, source_format=source_format,
                          delegations=delegations, author_map=author_map, changes=changes,
                          marks=marks, tolerant=tolerant):
            rep.finish()
        return fn(file, output, verbose, quiet)
    return command
