"""Akoma Ntoso commands: ``validate`` (strict OASIS schema) and ``import`` (AKN -> draft text)."""
from __future__ import annotations

import click

from ..ast import Diagnostic
from ..errors import TreatyDraftError
from ..io import InputError, read_bytes
from . import imports
from .common import Abort, Reporter, output_option, report_options, write_output

__all__ = ["COMMANDS"]


@click.command(epilog="""
\b
Exit status: 0 every file valid, 1 violations found (or not well-formed, or a
DOCTYPE/entity, refused), 2 a file could not be read.""")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@report_options
def validate(files: tuple[str, ...], verbose: bool, quiet: bool) -> None:
    """Validate Akoma Ntoso FILES against the official (strict) Akoma Ntoso 3.0 schema.

    Violations go to standard error with their line (the first few, all with
    --verbose); one line per valid file to standard output (none with --quiet).
    """
    from ..schema import validate_akn
    rep = Reporter(verbose, quiet)
    for path in files:
        try:
            data = read_bytes(path)
        except InputError as err:
            try:
                rep.fail(err)
            except Abort as exc:
                rep.status = max(rep.status, exc.exit_code)
            continue
        violations = validate_akn(data)
        text = data.decode("utf-8", "replace")
        rep.problems(path, [Diagnostic("schema", v.message, v.line, v.column)
                            for v in violations], lambda text=text: text)  # type: ignore[misc]
        if not violations and not quiet:
            click.echo(f"{path}: valid Akoma Ntoso 3.0 (strict schema)")
    rep.finish()


@click.command(name="import", epilog="""
\b
Exit status: 0 written; 1 the file is not an export of treatydraft, or its draft
text has errors (nothing written); 2 unreadable input, an .xml output name,
output equal to the input.""")
@click.argument("file", type=click.Path(allow_dash=True))
@output_option
@imports.wrap  # issue 12: Word, PDF and PDF-copied text (see cli/imports.py)
@report_options
def import_(file: str, output: str | None, verbose: bool, quiet: bool) -> None:
    """Read FILE and write the draft text: Akoma Ntoso (.xml, exported by treatydraft),
    Word (.docx), PDF (text layer), or with --from pdf-text text copied out of a PDF.
    """
    from ..readers.akn import read_akn
    if output and output.lower().endswith(".xml"):
        raise click.UsageError("import writes draft text: give -o NAME.txt")
    rep = Reporter(verbose, quiet)
    try:
        doc = read_akn(read_bytes(file), source=file)
    except TreatyDraftError as err:
        rep.fail(err)
    rep.problems(file, doc.diagnostics, doc.to_text)
    write_output(doc.to_text().encode("utf-8"), output, inputs=[file])
    rep.finish()


COMMANDS = [validate, import_]
