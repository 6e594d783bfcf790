"""Editing commands: ``resolve``, ``clean``, ``variants``, ``stats`` and ``diff``.

Exit status, as for ``check``: 0 done, 1 a problem with the draft or the request
(unknown id, choice out of range, conflicting choices ...), 2 usage or I/O (bad
option, unreadable file, refusing to overwrite the input).  On any error nothing is
written; output files are written atomically.
"""
from __future__ import annotations

import json
import math

import click

from ..errors import OperationError, TreatyDraftError
from .. import operations as ops
from ..operations.accept import explain
from ..operations.resolve import index_groups, normalise_choices, check_choices
from .common import (EXIT_PROBLEMS, Abort, open_document, output_option,
                     report_error, tolerant_option, write_output)

__all__ = ["COMMANDS"]

in_place_option = click.option("--in-place", is_flag=True,
                               help="Overwrite the input file (atomically).")


def _fail(err: TreatyDraftError, source: str | None = None) -> None:
    if source and not err.file:
        err.file = source
    report_error(err)
    raise Abort(EXIT_PROBLEMS)


def _pairs(values, flag: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        gid, sep, k = v.partition("=")
        if not sep or not gid.strip() or not k.strip():
            raise click.BadParameter(f"'{v}' is not ID=K", param_hint=flag)
        out.append((gid.strip(), k.strip()))
    return out


def _warn(lines) -> None:
    for line in lines:
        click.echo(click.style("warning: ", fg="yellow") + line, err=True)


def _report_placeholders(doc) -> None:
    phs = ops.placeholders(doc)
    if phs:
        click.echo(f"{len(phs)} placeholders remain: " + ", ".join(
            f"{p.id} {p.value} ({p.span.line}:{p.span.column})" for p in phs), err=True)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--choose", "chosen", multiple=True, metavar="ID=K",
              help="Choose alternative (or option) K of group ID (repeatable).")
@click.option("--keep", "keep", multiple=True, metavar="ID", help="Keep optional text ID.")
@click.option("--drop", "drop", multiple=True, metavar="ID", help="Drop optional text ID.")
@click.option("--accept", "code", metavar="CODE",
              help="Choose what delegation CODE proposed, wherever it proposed something.")
@click.option("--otherwise", type=click.Choice(list(ops.FALLBACKS)), default="open",
              show_default=True, help="With --accept: what to do where CODE proposed nothing.")
@click.option("--verbose", "-v", is_flag=True, help="List every decision on standard error.")
@tolerant_option
@output_option
@in_place_option
def resolve(file, chosen, keep, drop, code, otherwise, verbose, tolerant, output, in_place):
    """Resolve brackets in FILE and write the new draft (standard output by default).

    \b
      treatydraft resolve draft.txt --choose art_5__para_2__brk_1=2 --drop art_1__brk_3
      treatydraft resolve draft.txt --accept EU --otherwise first -o eu.txt
    """
    pairs = _pairs(chosen, "--choose") + [(g, "keep") for g in keep] + \
        [(g, "drop") for g in drop]
    if not pairs and not code:
        raise click.UsageError("nothing to resolve: give --choose, --keep, --drop or --accept")
    doc = open_document(file, tolerant)
    try:
        index = index_groups(doc)
        explicit = normalise_choices(index, pairs)
        choices = dict(explicit)
        conflicts = []
        if code:
            plan = ops.plan_accept(doc, code, otherwise)
            conflicts = plan.conflicts
            for gid, k in plan.choices.items():
                if gid in explicit and explicit[gid] != k:
                    g = index[gid].group
                    raise OperationError(
                        f"conflicting choices for '{gid}': you chose "
                        f"{ops.describe_choice(g, explicit[gid])}, --accept {code} chooses "
                        f"{ops.describe_choice(g, k)}", hint="drop one of them")
            # explicit choices win inside what accept would discard: check them together
            for gid, k in plan.choices.items():
                choices.setdefault(gid, k)
            choices = _consistent(index, explicit, choices)
        check_choices(index, choices)
        result = ops.apply_decisions(doc, choices.get)
    except TreatyDraftError as err:
        _fail(err, file)
    _warn(f"conflict: {c} (left to --otherwise {otherwise})" for c in conflicts)
    if verbose:
        for gid, k in choices.items():
            click.echo(f"{gid} = {ops.describe_choice(index[gid].group, k)}", err=True)
    write_output(result.to_text(), output, input_path=file, in_place=in_place)


def _consistent(index, explicit: dict, choices: dict) -> dict:
    """Drop accept's decisions for groups that an explicit choice discards."""
    out = {}
    for gid, k in choices.items():
        if gid not in explicit and any(o in explicit and explicit[o] != a
                                       for o, a in index[gid].ancestors):
            continue
        out[gid] = k
    return out


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--policy", default="first", show_default=True, metavar="POLICY",
              help="first, keep, drop, or a delegation preference order with a fallback: "
                   "EU>USA>drop.")
@click.option("--plain", is_flag=True,
              help="The reader's text: no front matter, escapes unescaped, notes left out.")
@click.option("--verbose", "-v", is_flag=True, help="List every decision on standard error.")
@tolerant_option
@output_option
@in_place_option
def clean(file, policy, plain, verbose, tolerant, output, in_place):
    """Resolve every group of FILE by a policy and write the clean text.

    Placeholders stay in the text and are listed on standard error.
    """
    doc = open_document(file, tolerant)
    try:
        pol = ops.parse_policy(policy)
        if pol.otherwise == "open":
            raise OperationError("a clean text needs a fallback that resolves every group",
                                   hint="end the policy with first, keep or drop")
        plan = ops.plan(doc, pol)
        result = ops.apply_decisions(doc, plan.choices.get)
    except TreatyDraftError as err:
        _fail(err, file)
    _warn(f"conflict: {c} (resolved by the fallback '{pol.otherwise}')" for c in plan.conflicts)
    if verbose:
        for line in explain(doc, plan):
            click.echo(line, err=True)
    _report_placeholders(result)
    text = ops.clean_text(result) if plain else result.to_text()
    write_output(text, output, input_path=file, in_place=in_place)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--count", "count_only", is_flag=True, help="Only the number of variants.")
@click.option("--limit", type=click.IntRange(min=0), help="List the first N variants.")
@click.option("--start", type=click.IntRange(min=0), default=0, help="With --limit: from variant I.")
@click.option("--index", "index_", metavar="I", help="Write the draft of variant I.")
@click.option("--sample", type=click.IntRange(min=1), help="List N variants drawn at random.")
@click.option("--seed", type=int, help="With --sample: the random seed.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
def variants(file, count_only, limit, start, index_, sample, seed, as_json, tolerant, output):
    """Count, list or pick the complete variants of FILE (every group resolved).

    Without options: the count.  Variants are numbered from 0 (first alternative
    everywhere, optional text kept).
    """
    doc = open_document(file, tolerant)
    try:
        total = ops.count_variants(doc)
        if index_ is not None:
            try:
                i = int(index_)
            except ValueError:
                raise click.BadParameter(f"'{index_}' is not an integer", param_hint="--index")
            choices = ops.variant(doc, i)
            text = ops.variant_document(doc, i).to_text()
            if as_json:
                text = json.dumps({"index": ops.digits(i), "choices": choices, "text": text},
                                  ensure_ascii=False, indent=1) + "\n"
            write_output(text, output, input_path=file)
            return
        if limit is not None or sample is not None:
            if sample is not None:
                rows = ops.sample_variants(doc, sample, seed)
            else:
                rows = [(start + n, c) for n, c in enumerate(ops.variants(doc, start, limit))]
            if as_json:
                text = json.dumps({"count": ops.digits(total), "variants": [
                    {"index": ops.digits(i), "choices": c} for i, c in rows]},
                    ensure_ascii=False, indent=1) + "\n"
            else:
                text = "".join(f"{ops.digits(i)}: " + " ".join(f"{g}={_word(k)}" for g, k in c.items())
                               + "\n" for i, c in rows)
            write_output(text, output, input_path=file)
            return
    except TreatyDraftError as err:
        _fail(err, file)
    if as_json:
        digits = ops.digits(total)
        text = json.dumps({"count": digits, "digits": len(digits),
                           "log10": round(math.log10(total), 3)}) + "\n"
    else:
        text = ops.digits(total) + "\n"
    write_output(text, output, input_path=file)


def _word(k: int) -> str:
    return "drop" if k == 0 else str(k)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
def stats(file, as_json, tolerant, output):
    """Brackets remaining in FILE, by article and by delegation."""
    doc = open_document(file, tolerant)
    s = ops.statistics(doc)
    if as_json:
        text = json.dumps(s.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        text = ops.stats_table(s)
    write_output(text, output, input_path=file)


@click.command()
@click.argument("old", type=click.Path(allow_dash=True))
@click.argument("new", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
def diff(old, new, as_json, tolerant, output):
    """Compare two versions of a draft, article by article and group by group.

    Exit status 0 whether or not they differ (1 and 2 are errors, as elsewhere).
    """
    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be standard input")
    a = open_document(old, tolerant)
    b = open_document(new, tolerant)
    d = ops.diff(a, b)
    if as_json:
        text = json.dumps(d.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        text = ops.diff_report(d)
    write_output(text, output)


COMMANDS = [resolve, clean, variants, stats, diff]
