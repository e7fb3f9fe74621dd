"""`packgen archive`: keep each version of a pack, so officers without git can compare versions."""

from __future__ import annotations

import click

from generator.commands.arguments import resolve_pack
from generator.content.yamlio import shown


@click.command()
@click.argument("pack", required=False)
def archive(pack):
    """Keep a read-only copy of PACK's content as of its version, for comparing later versions.

    The copy goes in archive/PACK/VERSION/ beside the pack (content only: never a list of
    people), where packgen diff PACK --from VERSION reads it, with no git needed. Archive each
    version once it is approved; a version already archived is left as it is.

    \b
    Example:
      packgen archive code-of-conduct
    """
    from generator.authoring.archive import archive_pack

    folder = resolve_pack(pack)
    target, written = archive_pack(folder)
    shown_target = shown(target)
    if written:
        click.echo(f"archived version {target.name} of {folder.resolve().name} in {shown_target} (read-only)")
    else:
        click.echo(
            f"version {target.name} of {folder.resolve().name} is already archived, unchanged, in {shown_target}"
        )
