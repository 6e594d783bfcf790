"""``export``: a draft to Akoma Ntoso XML or Word."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import TreatyDraftError
from .common import EXIT_PROBLEMS, Abort, open_document, report_error, tolerant_option, \
    write_output

__all__ = ["COMMANDS"]

_SUFFIX = {"akn": ".xml", "docx": ".docx"}


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(["akn", "docx"]), required=True,
              help="akn: Akoma Ntoso 3.0 XML; docx: Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file (default: FILE with .xml/.docx; '-' for standard output).")
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
def export(file, fmt, output, validate, style, base, attribution, tolerant):
    """Export a draft to Akoma Ntoso (--to akn) or Word (--to docx).

    The output is written atomically: a failed export leaves nothing behind.
    """
    doc = open_document(file, tolerant)
    if output is None:
        if file == "-":
            if fmt == "docx":
                click.echo("error: give -o OUT.docx when reading standard input", err=True)
                raise Abort(2)
            output = "-"
        else:
            output = str(Path(file).with_suffix(_SUFFIX[fmt]))
    try:
        if fmt == "akn":
            from ..writers.akn import to_akn
            data = to_akn(doc)
            if validate:
                from ..schema import validate_akn
                violations = validate_akn(data)
                for v in violations:
                    click.echo(f"{output}:{v.line}:{v.column}: schema: {v.message}", err=True)
                if violations:
                    click.echo(f"{len(violations)} schema violations; nothing written", err=True)
                    raise Abort(EXIT_PROBLEMS)
                click.echo("valid against the Akoma Ntoso 3.0 schema", err=True)
        else:
            from ..writers.docx import to_docx
            result = to_docx(doc, style=style, base=base, attribution=attribution)
            data = result.data
            if style == "tracked":
                top = sum(len(groups) for _, groups in result.kept)
                why = "; ".join(reason + " at " + ", ".join(f"{ln}:{col}" for _, ln, col in gs)
                                for reason, gs in result.kept)
                if top and top != result.bracketed:
                    why = f"{top} outermost: {why}"
                click.echo(f"{result.tracked} groups tracked as revisions, "
                           f"{result.bracketed} kept as brackets" + (f" ({why})" if why else ""),
                           err=True)
                for note in result.notes:
                    click.echo("note: " + note, err=True)
    except TreatyDraftError as err:
        report_error(err)
        raise Abort(EXIT_PROBLEMS)
    write_output(data, output, input_path=file)
    if output != "-":
        click.echo(f"wrote {output}", err=True)


COMMANDS = [export]
