"""``check``, ``show`` and ``brackets``: looking at a draft."""
from __future__ import annotations

import json

import click

from ..ast import BracketGroup, Document, Placeholder
from ..source import caret_context
from ..writers.json import document_to_dict, group_to_dict, plain
from ..writers.outline import outline
from .common import EXIT_OK, EXIT_PROBLEMS, Abort, open_document, tolerant_option

__all__ = ["COMMANDS"]


def summary(doc: Document) -> dict:
    groups = alternatives = placeholders = options = 0
    for g in doc.brackets():
        if isinstance(g, Placeholder):
            placeholders += 1
        elif isinstance(g, BracketGroup):
            groups += 1
            alternatives += len(g.alternatives)
        else:
            options += 1
    return {"articles": len(doc.articles()), "bracket_groups": groups,
            "alternatives": alternatives, "option_blocks": options,
            "placeholders": placeholders, "delegations": len(doc.front.delegations)}


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--quiet", "-q", is_flag=True, help="Only the problems, no summary line.")
def check(files, tolerant, quiet):
    """Parse FILES and report every problem with its position.

    Exit status: 0 clean, 1 problems found, 2 a file could not be read.
    """
    status = EXIT_OK
    for path in files:
        try:
            doc = open_document(path, tolerant)
        except Abort as exc:
            status = max(status, exc.exit_code)
            continue
        text = doc.to_text() if doc.diagnostics else ""
        for d in doc.diagnostics:
            colour = "red" if d.severity == "error" else "yellow"
            click.echo(click.style(f"{path}:{d.line}:{d.column}: ", bold=True)
                       + click.style(f"{d.severity}: {d.message}", fg=colour))
            click.echo(caret_context(text, d.line, d.column))
            if d.hint:
                click.echo(click.style(f"hint: {d.hint}", fg="cyan"))
            if d.severity == "error":
                status = max(status, EXIT_PROBLEMS)
        if not quiet:
            s = summary(doc)
            click.echo(f"{path}: {s['articles']} articles, {s['bracket_groups']} bracket groups, "
                       f"{s['alternatives']} alternatives, {s['option_blocks']} option blocks, "
                       f"{s['placeholders']} placeholders, {s['delegations']} delegations"
                       + (f", {len(doc.diagnostics)} problems" if doc.diagnostics else ""))
    raise Abort(status)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--json", "as_json", is_flag=True, help="The whole tree as JSON.")
def show(file, tolerant, as_json):
    """Show the structure of a draft: headings, groups and alternatives."""
    doc = open_document(file, tolerant)
    if as_json:
        click.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1))
    else:
        click.echo(outline(doc), nl=False)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@tolerant_option
@click.option("--json", "as_json", is_flag=True, help="A JSON list.")
@click.option("--delegation", "delegation", help="Only groups where CODE proposed something.")
@click.option("--article", "article", help="Only groups in article N (as numbered: 5, 2bis).")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["alternatives", "optional", "options", "placeholder"]),
              help="Only groups of this kind (repeatable).")
def brackets(file, tolerant, as_json, delegation, article, kinds):
    """List every bracket group with its id, place, kind, depth and alternatives."""
    doc = open_document(file, tolerant)
    if delegation and delegation not in doc.delegations:
        known = ", ".join(doc.delegations) or "none"
        click.echo(f"error: unknown delegation '{delegation}' (registered: {known})", err=True)
        raise Abort(2)
    art_prefix = None
    if article:
        from ..numbering import normalise_number
        art_prefix = f"art_{normalise_number(article)}"
    selected = []
    for g in doc.brackets(set(kinds) if kinds else None):
        if art_prefix and not (g.location == art_prefix or g.location.startswith(art_prefix + "__")):
            continue
        if delegation and not (delegation in getattr(g, "proposers", ()) or any(
                delegation in a.proposers for a in g.alternatives)):
            continue
        selected.append(g)
    if as_json:
        click.echo(json.dumps([group_to_dict(g) for g in selected], ensure_ascii=False, indent=1))
        return
    for g in selected:
        click.echo(click.style(g.id, bold=True) + f"  {g.kind}  {g.location or '-'}  "
                   f"{g.span.line}:{g.span.column}  depth {g.depth}")
        if isinstance(g, Placeholder):
            click.echo(f"    {g.value}")
        for a in g.alternatives:
            who = f"  ({', '.join(a.proposers)})" if a.proposers else ""
            label = f"{a.index}." if isinstance(g, BracketGroup) else a.label
            click.echo(f"    {label} {_one_line(plain(a.children))}{who}")
    click.echo(f"{len(selected)} groups")


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


COMMANDS = [check, show, brackets]
