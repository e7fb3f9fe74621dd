"""The packgen command line: one group of commands, each in generator/commands/, which parse
options and call the library, nothing else."""

from __future__ import annotations

import sys

import click

from generator.commands.archive import archive
from generator.commands.build import build, watch
from generator.commands.help import help_command
from generator.commands.induct import clean, induct
from generator.commands.check import check
from generator.commands.packs import diff, new, status
from generator.commands.report import report
from generator.commands.serve import serve
from generator.commands.translate import translate


class Packgen(click.Group):
    def invoke(self, ctx):
        """Ctrl-C (or SIGTERM) ends any command with one line and exit 130 (143), not click's "Aborted!" and exit 1."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            from generator.errors import Interrupted

            raise Interrupted(stop) from None


@click.group(cls=Packgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="packgen")
def main():
    """Turn a council's guidance into printed training packs.

    Content lives in packs/<pack>/ or content/<pack>/ (see: packgen help content); output goes to build/<pack>/.
    """
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show ŵ gets ?, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


# The order --help lists them in.
COMMANDS = (build, watch, serve, induct, clean, check, new, status, diff, translate, report, archive, help_command)
for command in COMMANDS:
    main.add_command(command)
