"""The ``treatydraft`` command group; each command lives in a module of this package."""
from __future__ import annotations

import click

from .. import __version__
from . import akn, compile, edit, export, inspect
from .common import no_color


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="treatydraft")
def main():
    """Parse, check, resolve and export bracketed treaty drafts.

    Every command reports problems on standard error and exits 0 (done), 1
    (problems found in the input) or 2 (usage error, unreadable or unwritable file).
    Colour is used on a terminal only, and never when NO_COLOR is set.
    """
    no_color()


for _module in (inspect, edit, export, akn, compile):
    for _command in _module.COMMANDS:
        main.add_command(_command)
