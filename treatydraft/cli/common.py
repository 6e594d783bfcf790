"""What every command shares: opening inputs, reporting errors, writing outputs, exit codes."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..ast import Document
from ..errors import TreatyDraftError
from ..io import InputError, atomic_write, load

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "tolerant_option", "open_document",
           "report_error", "write_output", "output_option", "Abort"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Abort(click.exceptions.Exit):
    """Leave the command with an exit code after the message has been shown."""


tolerant_option = click.option(
    "--tolerant", is_flag=True,
    help="Read messy real-world text: report problems instead of stopping at the first.")

output_option = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (atomically) instead of standard output.")


def _styled_lines(text: str) -> str:
    lines = text.split("\n")
    if lines:
        head = lines[0]
        loc, sep, msg = head.partition(": ")
        lines[0] = click.style(loc + sep, bold=True) + click.style(msg, fg="red")
    return "\n".join(click.style(ln, fg="cyan") if ln.startswith("hint:") else ln
                     for ln in lines)


def report_error(err: TreatyDraftError) -> None:
    """Print an error on stderr (coloured when stderr is a terminal)."""
    click.echo(_styled_lines(str(err)), err=True)


def open_document(path: str, tolerant: bool = False) -> Document:
    """Load ``path`` or leave with exit 2 (cannot read) / 1 (not a valid draft)."""
    try:
        return load(path, mode="tolerant" if tolerant else "strict")
    except InputError as err:
        report_error(err)
        raise Abort(EXIT_USAGE)
    except TreatyDraftError as err:
        for e in getattr(err, "all_errors", [err]):
            report_error(e)
        raise Abort(EXIT_PROBLEMS)


def write_output(data: bytes | str, output: str | None, *, input_path: str | None = None,
                 in_place: bool = False) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout when ``output`` is None or ``-``.

    Refuses to overwrite the input file unless ``in_place`` is set.
    """
    if in_place:
        if not input_path or input_path == "-":
            click.echo("error: --in-place needs a file, not standard input", err=True)
            raise Abort(EXIT_USAGE)
        output = input_path
    elif output and input_path and input_path != "-" and output != "-" and \
            Path(output).resolve() == Path(input_path).resolve():
        click.echo(f"error: {output} is the input file; use --in-place to overwrite it",
                   err=True)
        raise Abort(EXIT_USAGE)
    if not output or output == "-":
        if isinstance(data, str):
            click.echo(data, nl=False)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    try:
        atomic_write(output, data)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise Abort(EXIT_USAGE)
