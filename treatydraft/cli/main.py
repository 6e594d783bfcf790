"""The ``treatydraft`` command group; each command lives in a module of this package.

The group knows its commands by name and imports a command's module only when that
command runs (or when ``--help`` lists them all): ``treatydraft check`` loads the parser
and nothing of the writers, readers or operations it does not use.
"""
from __future__ import annotations

import atexit
import gc
from functools import cache
from importlib import import_module

import click

from .. import __version__
from .common import no_color

#: command name -> the module of this package that defines it (in its ``COMMANDS``);
#: tests/test_startup.py checks this against the modules
COMMAND_MODULES = {
    "check": "inspect", "show": "inspect", "brackets": "inspect",
    "resolve": "edit", "clean": "edit", "variants": "edit", "stats": "edit", "diff": "edit",
    "export": "export",
    "validate": "akn", "import": "akn",
    "compile": "compile",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported from their module when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = import_module(f".{COMMAND_MODULES[cmd_name]}", __package__)
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="treatydraft")
def main() -> None:
    """Parse, check, resolve and export bracketed treaty drafts.

    Every command reports problems on standard error and exits 0 (done), 1
    (problems found in the input) or 2 (usage error, unreadable or unwritable file).
    Colour is used on a terminal only, and never when NO_COLOR is set.
    """
    no_color()
    skip_final_collection()


@cache
def skip_final_collection() -> None:
    """Leave out the garbage collector's last pass when the process ends.

    A command runs once and the process ends.  At exit the interpreter makes one last
    collection, which walks every object still alive (the modules, the grammars, the
    parsed draft) only to free memory the system takes back anyway: about a sixth of
    ``treatydraft check`` on the seed (issue 11, part 5).  :func:`gc.freeze`, run by
    :mod:`atexit` after every other exit handler registered later, moves those objects
    out of the collector's reach first.  Output is flushed, files are closed and the
    other exit handlers run as before."""
    atexit.register(gc.freeze)
