"""`packgen serve`: preview a pack in the browser while writing it."""

from __future__ import annotations

import click

from generator.commands.arguments import templates_option
from generator.commands.build import _options_of_every_build, _request
from generator.errors import Interrupted
from generator.interrupts import held

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@_options_of_every_build
@templates_option("Use this templates folder (a council's own copy of templates/); it is watched too.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to serve on; 0 takes any free one (the address is printed).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on. Anything but this computer's own (127.0.0.1) shows the pack to the network.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def serve(pack, out_root, port, host, open_browser, **options):
    """Build PACK, show it on a page in the browser, and build it again on every save.

    The page shows the pack's title, version, status and review date, the booklet's pages,
    every other PDF's pages on a click, the web version and a link to every file. After a
    save the booklet comes first and the page says which artefacts are still on their way;
    a content error shows every problem as path:line while the last good pages stay.
    The page updates itself. Ctrl-C stops.

    \b
    Example:
      packgen serve social-media --open
    """
    with held():
        from generator.serve.loop import serve as run_serve  # and generator.pipeline.build, with pikepdf

    request = _request(pack, out_root, **options)
    if host not in LOOPBACK:
        click.echo(f"Warning: serving on {host}: anyone who can reach this computer can see the pack", err=True)
    try:
        run_serve(request, host, port, say=click.echo, open_browser=open_browser)
    except KeyboardInterrupt as stop:  # the only way serve ends: 130 as for watch, so a script can tell
        raise Interrupted(stop, "stopped serving", "the output folder holds the last good build, whole") from None
