"""``compile``: delegations' proposals into the next bracketed draft (docs/compile.md)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import TreatyDraftError
from ..io import InputError, read_text
from .common import (
    EXIT_USAGE,
    Abort,
    Reporter,
    output_option,
    report_error,
    report_options,
    tolerant_option,
    write_output,
)

if TYPE_CHECKING:
    from ..ast import Document

__all__ = ["COMMANDS"]

_REGISTRY_LINE = re.compile(r"^\s*([A-Z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")


def read_delegations(path: str) -> dict[str, str]:
    """``CODE: Name`` lines (a bare list, a ``delegations:`` block, or a draft's front matter)."""
    try:
        text = read_text(path)
    except InputError as err:
        report_error(err)
        raise Abort(EXIT_USAGE) from None
    out: dict[str, str] = {}
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # a draft: its registry
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
        lines = lines[1:end]
        start = next((i for i, ln in enumerate(lines) if ln.strip() == "delegations:"), len(lines))
        lines = [ln for ln in lines[start + 1:] if ln[:1] in (" ", "\t")]
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#") or line.strip() == "delegations:":
            continue
        m = _REGISTRY_LINE.match(line)
        if not m:
            click.echo(f"{path}:{n}: error: not a 'CODE: Name' line: {line.strip()}", err=True)
            raise Abort(EXIT_USAGE)
        name = re.sub(r"(\s+@[A-Z][A-Za-z0-9_-]*)+$", "", m.group(2))
        out[m.group(1)] = name or m.group(1)
    return out


@click.command("compile", epilog="""
\b
Exit status: 0 compiled; 1 a draft has errors (strict mode), or a proposal cannot be
compiled (an unknown code ...); 2 a bad option, an unreadable file, or -o naming an
input.""")
@click.argument("base", type=click.Path(allow_dash=True))
@click.option("--proposal", "proposals", multiple=True, required=True, metavar="CODE=FILE",
              help="A delegation's edited copy of BASE (text, .docx or .xml); CODE may be "
                   "co-sponsors joined with '+' (EU+USA). Repeatable.")
@click.option("--delegations", "delegations_file", type=click.Path(dir_okay=False),
              help="Codes and names ('CODE: Name' lines) to add to the base's registry.")
@click.option("--option-threshold", type=click.FloatRange(0, 1), default=None,
              show_default="0.5, the library's default",
              help="An article where more than this share of the words changed becomes an "
                   "option block.")
@click.option("--json", "as_json", is_flag=True,
              help="Write the report as JSON on standard output (the draft goes to -o).")
@tolerant_option
@output_option
@report_options
def compile_command(base: str, proposals: tuple[str, ...], delegations_file: str | None,
                    option_threshold: float | None, as_json: bool, tolerant: bool,
                    output: str | None, verbose: bool, quiet: bool) -> None:
    """Compile delegations' proposals into the next bracketed draft.

    \b
      treatydraft compile base.txt --proposal RUS=rus.txt --proposal EU+USA=eu.docx -o next.txt
      treatydraft compile base.txt --proposal CHN=chn.txt -o next.txt --json > report.json

    Wherever a proposal differs from BASE, the draft gets a group: the base wording
    and each proposed wording, attributed; insertions are optional text, new units
    bracketed units, deleted units and rewritten articles option blocks. The report
    (groups per article and per delegation, conflicts, warnings) goes to standard
    error, or with --json to standard output.
    """
    if as_json and (not output or output == "-"):
        click.echo("error: --json writes the report on standard output: give the draft "
                   "a file with -o", err=True)
        raise Abort(EXIT_USAGE)
    pairs: dict[str, str] = {}
    for item in proposals:
        key, sep, path = item.partition("=")
        if not sep or not key.strip() or not path.strip():
            raise click.BadParameter(f"'{item}' is not CODE=FILE", param_hint="--proposal")
        if key.strip() in pairs:
            raise click.BadParameter(f"'{key}' is given twice", param_hint="--proposal")
        pairs[key.strip()] = path.strip()
    from ..operations.compile import DEFAULT_THRESHOLD, report_table
    from ..operations.compile import compile as compile_draft
    if option_threshold is None:
        option_threshold = DEFAULT_THRESHOLD
    rep = Reporter(verbose, quiet)
    extra = read_delegations(delegations_file) if delegations_file else None
    base_doc = rep.open(base, tolerant)
    docs: dict[str, Document | Path] = {}
    for key, path in pairs.items():
        # a Word file goes in as its path, so that its tracked-change authors are checked
        docs[key] = Path(path) if path.lower().endswith(".docx") else rep.open(path, tolerant)
    try:
        result = compile_draft(base_doc, docs, delegations=extra,
                               option_threshold=option_threshold)
    except TreatyDraftError as err:
        rep.fail(err, 1)
    write_output(result.text, output, inputs=[base, *pairs.values()])
    if as_json:
        click.echo(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=1))
    elif not quiet:
        click.echo(report_table(result.report), err=True, nl=False)
    rep.finish()


COMMANDS = [compile_command]
