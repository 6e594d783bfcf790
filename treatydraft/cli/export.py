"""``export``: a draft to Akoma Ntoso XML or Word."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

import click

from ..errors import ExportError, TreatyDraftError
from .common import (
    EXIT_PROBLEMS,
    Reporter,
    given,
    plural,
    report_options,
    tolerant_option,
    write_output,
)

if TYPE_CHECKING:
    from ..ast import Document
    from ..schema import Violation
    from ..writers.docx import Attribution, DocxResult, Style

__all__ = ["COMMANDS"]

_SUFFIX = {"akn": ".xml", "docx": ".docx"}

#: options that only apply to one format or style: (option, applies when, what it needs)
_ONLY: tuple[tuple[str, Callable[[str, str], bool], str], ...] = (
         ("validate", lambda fmt, style: fmt == "akn", "--to akn"),
         ("style", lambda fmt, style: fmt == "docx", "--to docx"),
         ("attribution", lambda fmt, style: fmt == "docx" and style == "brackets",
          "--to docx --style brackets"),
         ("base", lambda fmt, style: fmt == "docx" and style == "tracked",
          "--to docx --style tracked"))


@click.command(epilog="""
\b
Without -o: Akoma Ntoso goes to standard output; Word goes to NAME.docx in the
current folder (NAME as the input file), and the path is shown.  An option that
does not apply to the format or style asked for (--base without --style tracked,
--validate with --to docx ...) is a usage error.
\b
Exit status: 0 written; 1 the draft has errors (with --tolerant the file is still
written) or the export fails the schema (nothing written); 2 usage error, unknown
--base code or id, unreadable input, unwritable output, output equal to the input.""")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(["akn", "docx"]), required=True,
              help="akn: Akoma Ntoso 3.0 XML; docx: Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file ('-' for standard output).")
@click.option("--validate", is_flag=True,
              help="akn: check the output against the official Akoma Ntoso 3.0 schema.")
@click.option("--style", type=click.Choice(["brackets", "tracked"]), default="brackets",
              show_default=True, help="docx: visible brackets, or tracked changes per delegation.")
@click.option("--base", default="first", show_default=True,
              help="docx tracked: 'first', a delegation code, or choices 'ID=K,ID=K'.")
@click.option("--attribution", type=click.Choice(["footnotes", "comments"]),
              default="footnotes", show_default=True,
              help="docx brackets: who proposed what, as footnotes or as comments.")
@tolerant_option
@report_options
def export(file: str, fmt: Literal["akn", "docx"], output: str | None, validate: bool,
           style: Literal["brackets", "tracked"], base: str,
           attribution: Literal["footnotes", "comments"], tolerant: bool, verbose: bool,
           quiet: bool) -> None:
    """Export a draft to Akoma Ntoso (--to akn) or Word (--to docx).

    The output is written atomically: a failed export leaves nothing behind.
    """
    for name, applies, needs in _ONLY:
        if given(name) and not applies(fmt, style):
            raise click.UsageError(f"--{name} applies to {needs} only")
    if output is not None and not output.strip():
        raise click.BadParameter("an empty file name; use '-' for standard output",
                                 param_hint="-o")
    if output is None:
        if fmt == "akn":
            output = "-"
        elif file == "-":
            raise click.UsageError("give -o OUT.docx when reading standard input")
        else:
            output = Path(file).with_suffix(_SUFFIX[fmt]).name
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    data: Callable[[BinaryIO], None]
    results: list[DocxResult] = []
    try:
        if fmt == "akn":
            data = _akn(rep, doc, output, validate)
        else:
            data = _docx(doc, style, base, attribution, results)
    except TreatyDraftError as err:
        rep.fail(err)
    try:
        written = write_output(data, output, inputs=[file])
    except _TooBig as err:
        rep.fail(err, EXIT_PROBLEMS)
    except _Invalid as err:
        from ..ast import Diagnostic
        rep.problems(output if output != "-" else "<export>",
                     [Diagnostic("schema", v.message, v.line, v.column)
                      for v in err.violations], err.text)
        click.echo("the export is not valid Akoma Ntoso 3.0; nothing written", err=True)
        rep.finish()
    except TreatyDraftError as err:
        rep.fail(err)
    if results and style == "tracked":
        result = results[0]
        top = sum(len(groups) for _, groups in result.kept)
        why = "; ".join(reason + " at " + ", ".join(f"{ln}:{col}" for _, ln, col in gs)
                        for reason, gs in result.kept)
        if top and top != result.bracketed:
            why = f"{top} outermost: {why}"
        rep.note(f"{plural(result.tracked, 'group')} tracked as revisions, "
                 f"{result.bracketed} kept as brackets" + (f" ({why})" if why else ""))
        for note in result.notes:
            rep.note("note: " + note)
    if written:
        rep.note(f"wrote {written}")
    rep.finish()


def _docx(doc: Document, style: Style, base: str, attribution: Attribution,
          results: list[DocxResult]) -> Callable[[BinaryIO], None]:
    """A function that streams the Word export into the output's temporary file (the
    document is never held whole: see docs/performance.md); its result is appended to
    ``results``.  An unknown --base is reported before anything is written."""
    from ..writers.docx import write_docx
    from ..writers.docx.tracked import base_decider
    if style == "tracked":
        base_decider(doc, base)  # the usage error, before an output is opened

    def stream(fh: BinaryIO) -> None:
        results.append(write_docx(doc, fh, style=style, base=base, attribution=attribution))
    return stream


class _TooBig(ExportError):
    """The export is larger than import and validate read (they would refuse it)."""

    def __init__(self, size: int, limit: int, source: str | None):
        super().__init__(f"the Akoma Ntoso export would be {size // 2**20} MB, over the "
                         f"{limit // 2**20} MB that import and validate read; nothing "
                         "written", file=source, hint="split the draft")


class _Capped:
    """A binary file that passes on the first ``limit`` bytes written and only counts
    the rest (so that the message can give the size)."""

    def __init__(self, fh: BinaryIO, limit: int):
        self.fh, self.limit, self.size = fh, limit, 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size <= self.limit:
            self.fh.write(data)
        return len(data)


def _akn(rep: Reporter, doc: Document, output: str,
         validate: bool) -> Callable[[BinaryIO], None]:
    """A function that streams the document into the output's temporary file (the XML
    is never held whole: see docs/performance.md).  With --validate the XML is first
    streamed into a temporary file of its own and read back against the schema, element
    by element; only a valid export is copied to the output, and an invalid one is
    reported (exit 1) with nothing written."""
    from ..schema import MAX_XML_BYTES
    from ..writers.akn import write_akn

    def export(fh: BinaryIO) -> None:
        capped = _Capped(fh, MAX_XML_BYTES)
        write_akn(doc, capped)
        if capped.size > MAX_XML_BYTES:  # import would refuse it: so does export
            raise _TooBig(capped.size, MAX_XML_BYTES, doc.source)

    if not validate:
        return export

    def validated(fh: BinaryIO) -> None:
        from ..schema import validate_akn_file
        with tempfile.TemporaryFile() as xml:
            export(xml)
            xml.seek(0)
            violations = validate_akn_file(xml)
            if violations:
                raise _Invalid(violations, xml)
            xml.seek(0)
            shutil.copyfileobj(xml, fh)
        rep.note("valid against the Akoma Ntoso 3.0 schema")
    return validated


class _Invalid(Exception):
    """The export fails the schema (its violations, and the lines they point at)."""

    def __init__(self, violations: list[Violation], xml: BinaryIO):
        super().__init__("the export is not valid Akoma Ntoso 3.0")
        self.violations = violations
        wanted = {v.line for v in violations if v.line}
        xml.seek(0)
        self.lines = {n: line.decode("utf-8", "replace").rstrip("\r\n")
                      for n, line in enumerate(xml, 1) if n in wanted}

    def text(self) -> str:
        """The export's text as far as the messages show it: the lines they point at, in
        place (the others empty)."""
        last = max(self.lines, default=0)
        return "\n".join(self.lines.get(n, "") for n in range(1, last + 1))


COMMANDS = [export]
