"""`packgen translate`: a pack's twins kept in step with the language they are translated from."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.arguments import resolve_pack
from generator.errors import UsageProblem


@click.command()
@click.argument("pack", required=False)
@click.option(
    "--accept",
    "accept_file",
    metavar="FILE",
    help="Record the twin FILE (e.g. sections/purpose.cy.yaml) "
    "as translated from its source as it is now, once its text has been checked.",
)
@click.option(
    "--export",
    "export_code",
    metavar="CODE",
    help="Write an XLIFF 1.2 file for the translators of every "
    "block whose CODE twin (e.g. cy) is missing or out of step.",
)
@click.option(
    "--import",
    "import_file",
    metavar="FILE.xlf",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Write the translations in FILE.xlf into the twins, recording the wording each was translated from.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="With --export: the file to write (default: <pack>-<CODE>.xlf here).",
)
def translate(pack, accept_file, export_code, import_file, out):
    """Keep PACK's translations (its twins, such as sections/purpose.cy.yaml) in step.

    Give one of --accept, --export or --import. check and build warn of every block whose
    source has changed since it was translated (the workflow: packgen help welsh).

    \b
    Examples:
      packgen translate social-media --export cy
      packgen translate social-media --import social-media-cy.xlf
      packgen translate social-media --accept sections/purpose.cy.yaml
    """
    from generator.authoring import translate as work

    if sum(option is not None for option in (accept_file, export_code, import_file)) != 1:
        raise UsageProblem("give one of --accept FILE, --export CODE or --import FILE.xlf")
    folder = resolve_pack(pack)
    if accept_file is not None:
        click.echo(work.accept(folder, accept_file))
    elif export_code is not None:
        out = out or Path(f"{folder.resolve().name}-{export_code}.xlf")
        count = work.export(folder, export_code, out)
        if count:
            click.echo(
                f"wrote {out}: {count} piece(s) of text to translate; send it to the translators, then run\n"
                f"  packgen translate {folder} --import {out}"
            )
        else:
            click.echo(f"nothing to translate: every twin of {folder} in {export_code} is in step; nothing was written")
    else:
        for line in work.import_xliff(folder, import_file):
            click.echo(line)
        click.echo(f"Next: packgen check {folder}")
