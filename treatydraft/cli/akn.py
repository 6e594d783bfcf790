"""Akoma Ntoso commands: ``validate`` (strict OASIS schema) and ``import`` (AKN -> draft text)."""
from __future__ import annotations

import click

from ..errors import TreatyDraftError
from ..io import InputError, read_bytes
from . import imports
from .common import (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Abort, output_option, report_error,
                     write_output)

__all__ = ["COMMANDS", "print_violations"]


def print_violations(path: str, violations) -> None:
    """One ``FILE:LINE:COL: message`` line per schema violation, on stderr."""
    for v in violations:
        click.echo(click.style(f"{path}:{v.line}:{v.column}: ", bold=True)
                   + click.style(v.message, fg="red"), err=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--quiet", "-q", is_flag=True, help="Only the violations, no summary line.")
def validate(files, quiet):
    """Validate Akoma Ntoso FILES against the official (strict) Akoma Ntoso 3.0 schema.

    Prints each violation with its line.  Exit status: 0 valid, 1 violations found,
    2 a file could not be read.
    """
    from ..schema import validate_akn
    status = EXIT_OK
    for path in files:
        try:
            data = read_bytes(path)
        except InputError as err:
            report_error(err)
            status = max(status, EXIT_USAGE)
            continue
        violations = validate_akn(data)
        print_violations(path, violations)
        if violations:
            status = max(status, EXIT_PROBLEMS)
            if not quiet:
                click.echo(f"{path}: {len(violations)} schema violations", err=True)
        elif not quiet:
            click.echo(f"{path}: valid Akoma Ntoso 3.0 (strict schema)")
    raise Abort(status)


@click.command(name="import")
@click.argument("file", type=click.Path(allow_dash=True))
@output_option
@imports.wrap  # issue 12: Word, PDF and PDF-copied text (see cli/imports.py)
def import_(file, output):
    """Read FILE and write the draft text: Akoma Ntoso (.xml, exported by treatydraft),
    Word (.docx), PDF (text layer), or with --from pdf-text text copied out of a PDF.
    """
    from ..readers.akn import read_akn
    try:
        doc = read_akn(read_bytes(file), source=file)
    except InputError as err:
        report_error(err)
        raise Abort(EXIT_USAGE)
    except TreatyDraftError as err:
        report_error(err)
        raise Abort(EXIT_PROBLEMS)
    write_output(doc.to_text().encode("utf-8"), output, input_path=file)


COMMANDS = [validate, import_]
