"""``check``, ``show`` and ``brackets``: looking at a draft."""
from __future__ import annotations

from typing import Any

import click

from ..ast import Alternative, Diagnostic, Document, Group, Placeholder
from ..counts import UnitStats, counts_line, tally
from .common import Abort, Problem, Reporter, plural, report_options, tolerant_option

__all__ = ["COMMANDS"]

EXIT_HELP = """
\b
Exit status: 0 no errors (warnings may be shown), 1 errors found in the draft (with
--tolerant the output is still written), 2 usage error or unreadable file."""


def summary(doc: Document) -> dict[str, int]:
    """The counts ``check`` reports, by the rules of :mod:`treatydraft.counts` (those of
    ``stats`` and ``brackets``)."""
    u = tally(doc.brackets())
    u.notes = sum(1 for _ in doc.notes())
    return {"articles": len(doc.articles()), "groups": u.groups,
            "alternative_groups": u.alternative_groups, "optional": u.optional,
            "option_blocks": u.option_blocks, "alternatives": u.alternatives,
            "placeholders": u.placeholders, "notes": u.notes,
            "delegations": len(doc.front.delegations)}


def _summary_line(s: dict[str, int]) -> str:
    # (the counts only: every key left is an int field of UnitStats)
    u = UnitStats("document", **{k: v for k, v in s.items()  # type: ignore[arg-type]
                                 if k not in ("articles", "delegations")})
    return ", ".join([plural(s["articles"], "article"), counts_line(u),
                      plural(s["delegations"], "delegation")])


def _as_dict(item: Problem) -> dict[str, Any]:
    if isinstance(item, Diagnostic):
        return item.to_dict()
    return {"code": item.code, "severity": "error",
            "message": item.message, "line": item.line, "column": item.column,
            "hint": item.hint}


@click.command(epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--json", "as_json", is_flag=True,
              help="On standard output, every file's summary and all its problems as JSON.")
@report_options
def check(files: tuple[str, ...], tolerant: bool, as_json: bool, verbose: bool,
          quiet: bool) -> None:
    """Parse FILES and report every problem with its position.

    Problems go to standard error (the first few, all with --verbose); one summary
    line per readable file goes to standard output (none with --quiet).
    """
    rep = Reporter(verbose, quiet)
    results: list[dict[str, Any]] = []
    for path in files:
        try:
            doc = rep.open(path, tolerant)
        except Abort as exc:
            rep.status = max(rep.status, exc.exit_code)
            results.append({"file": path, "summary": None,
                            "problems": [_as_dict(i) for i in rep.seen.get(path, ())]})
            continue
        s = summary(doc)
        results.append({"file": path, "summary": s,
                        "problems": [_as_dict(i) for i in doc.diagnostics]})
        if not quiet and not as_json:
            click.echo(f"{path}: {_summary_line(s)}")
    if as_json:
        import json
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
    rep.finish()


@click.command(epilog=EXIT_HELP)
@click.argument("file", type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--json", "as_json", is_flag=True, help="The whole tree as JSON.")
@report_options
def show(file: str, tolerant: bool, as_json: bool, verbose: bool, quiet: bool) -> None:
    """Show the structure of a draft: headings, groups and alternatives."""
    import json

    from ..writers.json import document_to_dict
    from ..writers.outline import outline
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    if as_json:
        click.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1))
    else:
        click.echo(outline(doc), nl=False)
    rep.finish()


@click.command(epilog=EXIT_HELP + " An unknown --delegation or --article is a usage "
               "error.")
@click.argument("file", type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--json", "as_json", is_flag=True, help="A JSON list.")
@click.option("--delegation", "delegation", help="Only groups where CODE proposed something.")
@click.option("--article", "article", help="Only groups in article N (as numbered: 5, 2bis).")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["alternatives", "optional", "options", "placeholder"]),
              help="Only groups of this kind (repeatable).")
@report_options
def brackets(file: str, tolerant: bool, as_json: bool, delegation: str | None,
             article: str | None, kinds: tuple[str, ...], verbose: bool, quiet: bool) -> None:
    """List every bracket group with its id, place, kind, depth and alternatives."""
    import json

    from ..writers.json import group_to_dict, plain
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    if delegation and delegation not in doc.delegations:
        known = ", ".join(doc.delegations) or "none"
        rep.usage(f"unknown delegation '{delegation}' (registered: {known})")
    art_prefix = None
    if article:
        from ..numbering import normalise_number
        art_prefix = f"art_{normalise_number(article)}"
        ids = [a.id for a in doc.articles()]
        if art_prefix not in ids:
            numbers = ", ".join(a.number for a in doc.articles()) or "none"
            rep.usage(f"no article {article} in {file} (articles: {numbers})")
    selected: list[Group] = []
    for g in doc.brackets(set(kinds) if kinds else None):
        if art_prefix and not (g.location == art_prefix or g.location.startswith(art_prefix + "__")):
            continue
        if delegation and not (delegation in getattr(g, "proposers", ()) or any(
                delegation in a.proposers for a in g.alternatives)):
            continue
        selected.append(g)
    if as_json:
        click.echo(json.dumps([group_to_dict(g) for g in selected], ensure_ascii=False, indent=1))
        rep.finish()
    for g in selected:
        click.echo(click.style(g.id, bold=True) + f"  {g.kind}  {g.location or '-'}  "
                   f"{g.span.line}:{g.span.column}  depth {g.depth}")
        if isinstance(g, Placeholder):
            click.echo(f"    {g.value}")
        for a in g.alternatives:
            who = f"  ({', '.join(a.proposers)})" if a.proposers else ""
            label = f"{a.index}." if isinstance(a, Alternative) else a.label  # a group's, an option's
            click.echo(f"    {label} {_one_line(plain(a.children))}{who}")
    click.echo(f"listed: {counts_line(tally(selected), notes=False)}")
    rep.finish()


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


COMMANDS = [check, show, brackets]
