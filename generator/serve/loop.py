"""`packgen serve`: build, show the build on a local page, build again on every save.

The saves are found by `packgen watch`'s own loop (generator/pipeline/watch.py's `saves`: what
generator/pipeline/choice.py says the build reads, its settling time, its one line per build),
looked for more often. The difference: each
artefact is handed to the page as soon as the build's progress callback has it, so the
booklet, first in the build's order, is on the page while the rest are still being made.
"""

from __future__ import annotations

import time
import webbrowser
from dataclasses import replace
from typing import Callable

from generator import interrupts
from generator.errors import PackgenError, UsageProblem
from generator.pipeline import watch
from generator.pipeline.build import BuildRequest, build, needs_weasyprint
from generator.serve.server import PreviewServer
from generator.serve.state import Preview

# How often the files are looked at. A look at the default pack and its templates is 65 stat()
# calls (2 to 8 ms, measured on a busy machine), so serve looks four times as often as watch:
# someone is at the page, waiting for the change. watch's settling time still follows each find.
POLL_SECONDS = 0.1


def serve(
    request: BuildRequest,
    host: str,
    port: int,
    say: Callable[[str], None],
    open_browser: bool = False,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Serve the preview on host:port (0: any free port) until `keep_going()` is false or Ctrl-C."""
    preview = Preview()
    try:
        server = PreviewServer((host, port), preview)
    except OSError as error:  # the port is taken, or the address is not this computer's
        raise UsageProblem(f"cannot serve on {host}:{port} ({error.strerror}); choose another --port, or 0") from None
    server.start()
    try:
        say(f"serving {server.url} (the pack {request.pack_dir}); Ctrl-C stops")
        if open_browser:
            webbrowser.open(server.url)
        if needs_weasyprint(request.only):
            with interrupts.held():  # imported once: every rebuild's renderers are forked with it
                import weasyprint  # noqa: F401
        for changed in watch.saves(request, keep_going, POLL_SECONDS):
            say(rebuild(request, preview, changed))
    finally:
        server.stop()


def rebuild(request: BuildRequest, preview: Preview, changed: str) -> str:
    """One build, each artefact shown as it is ready; the line `packgen watch` would print."""
    started = time.perf_counter()
    clock = time.strftime("%H:%M:%S")
    preview.started(changed)
    try:
        result = build(replace(request, force=False), progress=preview.ready)
    except PackgenError as error:
        said = f"{clock} {changed}: not built, the last good build is kept"
        preview.failed(error, said)
        return f"{said}:\n{error.format_message()}"
    rendered = list(dict.fromkeys(result.rendered))
    reused = len({o.kind for o in result.written} - set(rendered))
    what = f"rendered {', '.join(rendered)}" if rendered else "nothing to render"
    said = f"{clock} {changed}: {what} ({reused} kinds unchanged) in {time.perf_counter() - started:.1f} s"
    preview.finished(result, said)
    return said
