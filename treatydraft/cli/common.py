"""What every command shares: reading inputs, reporting problems, writing outputs, exit codes.

Exit status, the same for every command:

* 0: done, and the input has no errors (warnings may have been shown);
* 1: problems found in the input (the draft, the XML, the schema): with ``--tolerant``
  the output is still written, and the problems are listed on standard error;
* 2: the command line asks for something impossible (unknown option value, group id
  or delegation code, options that do not go together, writing over the input), or a
  file cannot be read or written.  Nothing is written.

Problems go to standard error through :meth:`Reporter.problems`, the one place that
lists them: the first :data:`SHOWN` with their source line and a caret, then a count
line such as ``draft.txt: 2 problems (1 error, 1 warning)``; ``--verbose`` lists all,
``--quiet`` leaves warnings out.  Colour only on a terminal, never when ``NO_COLOR``
is set.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, NoReturn, TypeVar

import click

from ..ast import Diagnostic, Document
from ..errors import ExportError, FormatError, OperationError, ParseError, TreatyDraftError
from ..io import InputError, atomic_write, draft_format, draft_writer, load, same_file
from ..source import caret_context

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "SHOWN", "Abort", "Reporter", "plural",
           "tolerant_option", "output_option", "verbose_option", "quiet_option",
           "report_options", "report_error", "write_output", "write_draft", "no_color",
           "given"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

#: problems listed with their source line before "and N more" (all with --verbose)
SHOWN = 20


class Abort(click.exceptions.Exit):
    """Leave the command with an exit code after the message has been shown."""


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 problem``, ``2 problems``, ``0 problems``; ``words`` for irregular plurals."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def no_color() -> None:
    """Honour ``NO_COLOR`` (https://no-color.org): no colour when it is set and not empty."""
    if os.environ.get("NO_COLOR"):
        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.color = False


def given(name: str) -> bool:
    """Whether option ``name`` of the current command was given on the command line."""
    ctx = click.get_current_context()
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def _output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("an empty file name; use '-' for standard output")
    return value


tolerant_option = click.option(
    "--tolerant", is_flag=True,
    help="Read messy real-world text: report every problem (exit status 1) and carry on "
         "instead of stopping at the first.")

output_option = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True),
    callback=_output_path,
    help="Write here (atomically) instead of standard output ('-'); never the input "
         "file unless --in-place.")

verbose_option = click.option(
    "--verbose", "-v", is_flag=True,
    help=f"List every problem (otherwise the first {SHOWN}) and what was done.")

quiet_option = click.option("--quiet", "-q", is_flag=True,
                            help="Leave warnings and summaries out; errors are still shown.")


_F = TypeVar("_F", bound=Callable[..., Any])


def report_options(f: _F) -> _F:
    """``--verbose`` and ``--quiet``."""
    return verbose_option(quiet_option(f))


# ---------------------------------------------------------------- rendering

def _head(location: str, severity: str, message: str) -> str:
    colour = "red" if severity == "error" else "yellow"
    return (click.style(f"{location}: ", bold=True)
            + click.style(f"{severity}: ", fg=colour, bold=True) + message)


def _hint(hint: str | None) -> list[str]:
    return [click.style(f"hint: {hint}", fg="cyan")] if hint else []


def report_error(err: TreatyDraftError) -> None:
    """One error on standard error: ``FILE:LINE:COL: message``, caret context, hint."""
    lines = str(err).split("\n")
    loc, sep, msg = lines[0].partition(": ")
    lines[0] = click.style(loc + sep, bold=True) + click.style(msg, fg="red")
    click.echo("\n".join(click.style(ln, fg="cyan") if ln.startswith("hint:") else ln
                         for ln in lines), err=True)


#: What :meth:`Reporter.problems` lists: diagnostics, or errors raised.
Problem = Diagnostic | TreatyDraftError


def _render(item: Problem, path: str, text: Callable[[], str]) -> str:
    """A problem (a :class:`Diagnostic` or an error) with its source line and caret."""
    if isinstance(item, Diagnostic):
        where = ":".join([path] + [str(n) for n in (item.line, item.column) if n][:2])
        ctx = caret_context(text(), item.line, item.column) if item.line else ""
        out = [_head(where, item.severity, item.message)] + ([ctx] if ctx else [])
        return "\n".join(out + _hint(item.hint))
    out = [_head(item.location(), "error", item.message)]
    if item.context:
        out.append(item.context)
    if item.expected:
        out.append("expected: " + ", ".join(item.expected))
    return "\n".join(out + _hint(item.hint))


def _severity(item: Problem) -> str:
    return item.severity if isinstance(item, Diagnostic) else "error"  # errors are errors


class Reporter:
    """What one run reports on standard error, and the exit status it ends with."""

    def __init__(self, verbose: bool = False, quiet: bool = False):
        self.verbose, self.quiet = verbose, quiet
        self.status = EXIT_OK
        #: every problem reported, by file (for ``--json``)
        self.seen: dict[str, list[Problem]] = {}

    def problems(self, path: str, items: Sequence[Problem],
                 text: Callable[[], str] | None = None) -> None:
        """List ``items`` (diagnostics or errors) of ``path`` and count them.

        ``text`` is a callable returning the source text, needed for the caret lines
        of diagnostics (errors carry their own).  Errors raise the status to 1.
        """
        self.seen[path] = list(items)
        if self.quiet:
            items = [i for i in items if _severity(i) == "error"]
        if not items:
            return
        errors = sum(1 for i in items if _severity(i) == "error")
        warnings = len(items) - errors
        cache: list[str] = []

        def source() -> str:
            if not cache:
                cache.append(text() if text is not None else "")
            return cache[0]

        shown = items if self.verbose else items[:SHOWN]
        for item in shown:
            click.echo(_render(item, path, source), err=True)
        if len(items) > len(shown):
            click.echo(f"... and {len(items) - len(shown)} more (--verbose lists them all)",
                       err=True)
        parts = [plural(errors, "error")] if errors else []
        if warnings:
            parts.append(plural(warnings, "warning"))
        click.echo(click.style(f"{path}: {plural(len(items), 'problem')} "
                               f"({', '.join(parts)})", bold=True), err=True)
        if errors:
            self.status = max(self.status, EXIT_PROBLEMS)

    def fail(self, err: TreatyDraftError, status: int | None = None) -> NoReturn:
        """Report one error and leave: 2 for a request that cannot be carried out
        (operation or export errors, unreadable files), 1 for a problem in the input."""
        if status is None:
            status = EXIT_USAGE if isinstance(err, (OperationError, ExportError, InputError)) \
                else EXIT_PROBLEMS
        report_error(err)
        raise Abort(max(self.status, status))

    def usage(self, message: str) -> NoReturn:
        """A command-line mistake found after reading the input: say so, exit 2."""
        click.echo(click.style("error: ", fg="red", bold=True) + message, err=True)
        raise Abort(EXIT_USAGE)

    def open(self, path: str, tolerant: bool = False) -> Document:
        """Load ``path`` and report its problems; leave with 2 (cannot read) or 1
        (strict mode and the draft has errors)."""
        try:
            doc = load(path, mode="tolerant" if tolerant else "strict")
        except InputError as err:
            self.fail(err, EXIT_USAGE)
        except ParseError as err:
            text = err.source_text or ""
            self.problems(path, err.diagnostics or [err], lambda: text)
            raise Abort(max(self.status, EXIT_PROBLEMS)) from None
        except (FormatError, TreatyDraftError) as err:
            self.fail(err, EXIT_PROBLEMS)
        self.problems(path, doc.diagnostics, doc.to_text)
        return doc

    def note(self, message: str) -> None:
        """An informative line on standard error (left out with --quiet)."""
        if not self.quiet:
            click.echo(message, err=True)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(click.style("warning: ", fg="yellow") + message, err=True)

    def finish(self) -> NoReturn:
        """Leave with the status gathered so far."""
        raise Abort(self.status)


# ---------------------------------------------------------------- output

def _refuse_inputs(output: str, inputs: Sequence[str]) -> None:
    for path in inputs:
        if path and path != "-" and same_file(output, path):
            click.echo(click.style("error: ", fg="red", bold=True)
                       + f"{output} is the input file {path}; nothing written "
                         "(use --in-place to overwrite the input where the command has it)",
                       err=True)
            raise Abort(EXIT_USAGE)


def write_output(data: bytes | str | Callable[[BinaryIO], object], output: str | None, *,
                 inputs: Sequence[str] = (), in_place: bool = False) -> str | None:
    """Write ``data`` to ``output`` atomically, or to stdout when ``output`` is None or ``-``.

    ``data`` may be a function writing to a binary file object (a streaming writer): it
    writes to the temporary file that becomes ``output``, or, for standard output, to
    an unnamed temporary file copied out once it has succeeded, so that a failure
    writes nothing in either case.

    Refuses (exit 2) to write over any of ``inputs`` unless ``in_place`` is set, in
    which case the output is the first input.  Returns the path written, or None.
    """
    if in_place:
        if not inputs or inputs[0] == "-":
            click.echo("error: --in-place needs a file, not standard input", err=True)
            raise Abort(EXIT_USAGE)
        if output is not None:
            click.echo("error: give either --in-place or -o, not both", err=True)
            raise Abort(EXIT_USAGE)
        output = inputs[0]
    elif output and output != "-":
        _refuse_inputs(output, inputs)
    if not output or output == "-":
        if callable(data):
            import shutil
            import tempfile  # only a streaming writer to standard output spools
            with tempfile.TemporaryFile() as spool:
                data(spool)
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return None
        if isinstance(data, str):
            data = data.encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    try:
        atomic_write(output, data)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}; nothing written",
                   err=True)
        raise Abort(EXIT_USAGE) from None
    return output


def write_draft(doc: Document, output: str | None, *, input_path: str,
                in_place: bool = False) -> str | None:
    """Write a draft in the format the destination asks for: ``.xml`` is Akoma Ntoso,
    ``.txt`` draft text, anything else (standard output, --in-place, another
    suffix) the format of the input."""
    target = input_path if in_place else output
    fmt = draft_format(target, input_path)
    # Akoma Ntoso is streamed into the output's temporary file, not held as bytes
    return write_output(draft_writer(doc, fmt), output, inputs=[input_path], in_place=in_place)
