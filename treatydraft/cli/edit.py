"""Editing commands: ``resolve``, ``clean``, ``variants``, ``stats`` and ``diff``.

Exit status, as everywhere (see :mod:`.common`): 0 done; 1 the draft has errors
(with ``--tolerant`` the output is still written); 2 the request cannot be carried
out (unknown id or code, choice out of range, conflicting choices, a malformed
policy, options that do not go together, an unreadable file, writing over the
input).  On exit 2 nothing is written; output files are written atomically.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

import click

from .. import operations as ops
from ..errors import OperationError, TreatyDraftError
from ..operations import choices as choices_mod
from ..operations import decisions as decisions_mod
from ..operations.accept import explain
from ..operations.ids import carry_ids
from ..operations.resolve import check_choices, index_groups, normalise_choices
from ..operations.variants import from_digits
from ..reports import diff_report, stats_table
from .common import (
    Reporter,
    given,
    output_option,
    plural,
    report_options,
    tolerant_option,
    write_draft,
    write_output,
)

if TYPE_CHECKING:
    from ..ast import Document
    from ..operations.accept import Conflict
    from ..operations.diff import DocumentDiff
    from ..operations.stats import Stats

__all__ = ["COMMANDS"]

in_place_option = click.option("--in-place", is_flag=True,
                               help="Overwrite the input file (atomically), in its own format.")

EXIT_HELP = """
\b
Exit status: 0 done; 1 the draft has errors (with --tolerant the output is still
written and the problems listed); 2 usage error: unknown id or code, impossible or
conflicting request, options that do not go together, unreadable file, output equal
to an input.  On exit 2 nothing is written.
"""

DRAFT_OUT = """
\b
A draft is written in the format its destination asks for: -o NAME.xml Akoma Ntoso,
-o NAME.txt draft text; standard output, --in-place and other names keep the
format of the input."""


def _pairs(values: Iterable[str], flag: str) -> list[tuple[str, str]]:
    try:
        return choices_mod.parse_specs(values)
    except OperationError as err:
        raise click.BadParameter(err.message, param_hint=flag) from None


def _fail(rep: Reporter, err: TreatyDraftError, source: str | None = None) -> NoReturn:
    if source and not err.file:
        err.file = source
    rep.fail(err)


def _report_placeholders(rep: Reporter, doc: Document) -> None:
    phs = ops.placeholders(doc)
    if phs:
        verb = "remains" if len(phs) == 1 else "remain"
        rep.note(f"{plural(len(phs), 'placeholder')} {verb}: " + ", ".join(
            f"{p.id} {p.value} ({p.span.line}:{p.span.column})" for p in phs))


@click.command(epilog=EXIT_HELP + DRAFT_OUT)
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--choose", "chosen", multiple=True, metavar="ID=K",
              help="Choose alternative (or option) K of group ID (repeatable).")
@click.option("--keep", "keep", multiple=True, metavar="ID",
              help="Keep optional text ID (optional text only; for alternatives use --choose).")
@click.option("--drop", "drop", multiple=True, metavar="ID",
              help="Drop optional text ID (optional text only).")
@click.option("--accept", "code", metavar="CODE",
              help="Choose what delegation CODE proposed, wherever it proposed something.")
@click.option("--otherwise", type=click.Choice(list(ops.FALLBACKS)), default="open",
              show_default=True, help="With --accept: what to do where CODE proposed nothing.")
@click.option("--decisions", "decisions_file", metavar="FILE.json",
              type=click.Path(dir_okay=False),
              help="Apply a decisions file (from --save-decisions, maybe on another revision): "
                   "each decision lands on the same group or the command fails (exit 2).")
@click.option("--save-decisions", "save_file", metavar="FILE.json",
              type=click.Path(dir_okay=False),
              help="Write every choice made, with the text of the group's alternatives.")
@click.option("--previous", metavar="OLD",
              type=click.Path(dir_okay=False, allow_dash=False),
              help="Carry group ids from the previous revision OLD (see docs/ids.md), so "
                   "--choose and --save-decisions use OLD's ids.")
@tolerant_option
@output_option
@in_place_option
@report_options
def resolve(file: str, chosen: tuple[str, ...], keep: tuple[str, ...], drop: tuple[str, ...],
            code: str | None, otherwise: str, decisions_file: str | None, save_file: str | None,
            previous: str | None, tolerant: bool, output: str | None, in_place: bool,
            verbose: bool, quiet: bool) -> None:
    """Resolve brackets in FILE and write the new draft (standard output by default).

    --verbose also lists every decision on standard error.

    \b
      treatydraft resolve draft.txt --choose art_5__para_2__brk_1=2 --drop art_1__brk_3
      treatydraft resolve draft.txt --accept EU --otherwise first -o eu.txt
      treatydraft resolve rev1.txt --choose art_1__brk_2=1 --save-decisions d.json -o r.txt
      treatydraft resolve rev2.txt --decisions d.json -o rev2-resolved.txt
    """
    pairs = _pairs(chosen, "--choose") + [(g, "keep") for g in keep] + \
        [(g, "drop") for g in drop]
    if not pairs and not code and not decisions_file:
        raise click.UsageError("nothing to resolve: give --choose, --keep, --drop, --accept "
                               "or --decisions")
    if given("otherwise") and not code:
        raise click.UsageError("--otherwise goes with --accept")
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    if previous:
        doc = carry_ids(doc, rep.open(previous, tolerant))
    try:
        index = index_groups(doc)
        explicit = normalise_choices(index, pairs)
        if decisions_file:
            loaded = decisions_mod.loads(_read_text(rep, decisions_file), decisions_file)
            from_file, notes = decisions_mod.match(doc, loaded)
            for note in notes:
                rep.note(note)
            explicit = choices_mod.merge_plan(index, explicit, from_file,
                                              who=f"the decisions file {decisions_file}")
        choices = dict(explicit)
        conflicts: list[Conflict] = []
        if code:
            plan = ops.plan_accept(doc, code, otherwise)
            conflicts = plan.conflicts
            choices = choices_mod.merge_plan(index, explicit, plan.choices, who=f"--accept {code}")
        check_choices(index, choices)
        result = ops.apply_decisions(doc, choices.get)
        saved = decisions_mod.dumps(decisions_mod.record(doc, choices), file) if save_file else None
    except TreatyDraftError as err:
        _fail(rep, err, file)
    for c in conflicts:
        rep.warn(f"conflict: {c} (left to --otherwise {otherwise})")
    if verbose:
        for gid, k in choices.items():
            click.echo(f"{gid} = {ops.describe_choice(index[gid].group, k)}", err=True)
    if saved is not None:
        write_output(saved, save_file, inputs=[file] + ([previous] if previous else []))
    write_draft(result, output, input_path=file, in_place=in_place)
    rep.finish()


def _read_text(rep: Reporter, path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as exc:
        rep.usage(f"cannot read decisions file {path}: {exc}")


@click.command(epilog=EXIT_HELP + " A policy with an empty step (EU>, >drop, EU>>drop) or "
               "without a final fallback is a usage error." + DRAFT_OUT)
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--policy", default="first", show_default=True, metavar="POLICY",
              help="first, keep, drop, or a delegation preference order with a fallback: "
                   "EU>USA>drop.")
@click.option("--plain", is_flag=True,
              help="The reader's text: no front matter, escapes unescaped, notes left out "
                   "(plain text, never Akoma Ntoso).")
@tolerant_option
@output_option
@in_place_option
@report_options
def clean(file: str, policy: str, plain: bool, tolerant: bool, output: str | None,
          in_place: bool, verbose: bool, quiet: bool) -> None:
    """Resolve every group of FILE by a policy and write the clean text.

    Placeholders stay in the text and are listed on standard error; --verbose also
    lists every decision.
    """
    rep = Reporter(verbose, quiet)
    try:
        pol = ops.parse_policy(policy)
        if pol.otherwise == "open":
            raise OperationError("a clean text needs a fallback that resolves every group",
                                 hint="end the policy with first, keep or drop")
    except TreatyDraftError as err:
        raise click.BadParameter(err.message + (f" ({err.hint})" if err.hint else ""),
                                 param_hint="--policy") from None
    if plain and (in_place or (output and output.lower().endswith(".xml"))):
        raise click.UsageError("--plain writes plain text: give -o NAME.txt (not --in-place "
                               "or an .xml name)")
    doc = rep.open(file, tolerant)
    try:
        plan = ops.plan(doc, pol)
        result = ops.apply_decisions(doc, plan.choices.get)
    except TreatyDraftError as err:
        _fail(rep, err, file)
    for c in plan.conflicts:
        rep.warn(f"conflict: {c} (resolved by the fallback '{pol.otherwise}')")
    if verbose:
        for line in explain(doc, plan):
            click.echo(line, err=True)
    _report_placeholders(rep, result)
    if plain:
        write_output(ops.clean_text(result), output, inputs=[file])
    else:
        write_draft(result, output, input_path=file, in_place=in_place)
    rep.finish()


@click.command(epilog=EXIT_HELP + """
\b
--count, --limit [--start], --sample [--seed] and --index choose what to print:
give at most one of them (--start only with --limit, --seed only with --sample).
An --index out of range is a usage error.""" + DRAFT_OUT)
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--count", "count_only", is_flag=True, help="Only the number of variants (the default).")
@click.option("--limit", type=click.IntRange(min=0), help="List the first N variants.")
@click.option("--start", type=click.IntRange(min=0), default=0, help="With --limit: from variant I.")
@click.option("--index", "index_", metavar="I", help="Write the draft of variant I.")
@click.option("--sample", type=click.IntRange(min=1), help="List N variants drawn at random.")
@click.option("--seed", type=int, help="With --sample: the random seed.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
@report_options
def variants(file: str, count_only: bool, limit: int | None, start: int, index_: str | None,
             sample: int | None, seed: int | None, as_json: bool, tolerant: bool,
             output: str | None, verbose: bool, quiet: bool) -> None:
    """Count, list or pick the complete variants of FILE (every group resolved).

    Without options: the count.  Variants are numbered from 0 (first alternative
    everywhere, optional text kept).
    """
    modes = [flag for flag, on in (("--count", count_only), ("--limit", limit is not None),
                                   ("--sample", sample is not None),
                                   ("--index", index_ is not None)) if on]
    if len(modes) > 1:
        raise click.UsageError(f"{' and '.join(modes)} do not go together: give one of them")
    if given("start") and limit is None:
        raise click.UsageError("--start goes with --limit")
    if seed is not None and sample is None:
        raise click.UsageError("--seed goes with --sample")
    i = None
    if index_ is not None:
        try:
            i = from_digits(index_.strip())
        except ValueError:
            raise click.BadParameter(f"'{index_}' is not a variant number (0, 1, 2 ...)",
                                     param_hint="--index") from None
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    try:
        total = ops.count_variants(doc)
        if i is not None:
            choices = ops.variant(doc, i)
            result = ops.variant_document(doc, i)
            if as_json:
                text = json.dumps({"index": ops.digits(i), "choices": choices,
                                   "text": result.to_text()},
                                  ensure_ascii=False, indent=1) + "\n"
                write_output(text, output, inputs=[file])
            else:
                write_draft(result, output, input_path=file)
            rep.finish()
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
                text = "".join(f"{ops.digits(i)}: " + " ".join(f"{g}={_word(k)}"
                                                               for g, k in c.items())
                               + "\n" for i, c in rows)
            write_output(text, output, inputs=[file])
            rep.finish()
    except TreatyDraftError as err:
        _fail(rep, err, file)
    if as_json:
        digits = ops.digits(total)
        text = json.dumps({"count": digits, "digits": len(digits),
                           "log10": round(math.log10(total), 3)}) + "\n"
    else:
        text = ops.digits(total) + "\n"
    write_output(text, output, inputs=[file])
    rep.finish()


def _word(k: int) -> str:
    return "drop" if k == 0 else str(k)


@click.command(epilog=EXIT_HELP)
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
@report_options
def stats(file: str, as_json: bool, tolerant: bool, output: str | None, verbose: bool,
          quiet: bool) -> None:
    """Brackets remaining in FILE, by article and by delegation."""
    rep = Reporter(verbose, quiet)
    doc = rep.open(file, tolerant)
    s = ops.statistics(doc)
    text = _json(s) if as_json else stats_table(s)
    write_output(text, output, inputs=[file])
    rep.finish()


@click.command(epilog=EXIT_HELP + " Whether or not OLD and NEW differ, the status is 0.")
@click.argument("old", type=click.Path(allow_dash=True))
@click.argument("new", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@tolerant_option
@output_option
@report_options
def diff(old: str, new: str, as_json: bool, tolerant: bool, output: str | None, verbose: bool,
         quiet: bool) -> None:
    """Compare two versions of a draft, article by article and group by group."""
    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be standard input")
    rep = Reporter(verbose, quiet)
    a = rep.open(old, tolerant)
    b = rep.open(new, tolerant)
    d = ops.diff(a, b)
    text = _json(d) if as_json else diff_report(d)
    write_output(text, output, inputs=[old, new])
    rep.finish()


COMMANDS = [resolve, clean, variants, stats, diff]


def _json(value: Stats | DocumentDiff) -> str:
    return json.dumps(value.to_dict(), ensure_ascii=False, indent=1) + "\n"
