"""The ``treatydraft`` command group; each command lives in a module of this package."""
from __future__ import annotations

import click

from .. import __version__
from . import akn, compile, edit, export, inspect


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="treatydraft")
def main():
    """Parse, check, resolve and export bracketed treaty drafts."""


for _module in (inspect, edit, export, akn, compile):
    for _command in _module.COMMANDS:
        main.add_command(_command)
