"""`packgen watch`: rebuild a pack every time one of its files is saved.

Polls the pack folder and the templates folder (a few dozen files; no extra dependency),
waits until saving has settled, then builds. Each build reuses the cache, so only what the
saved file reaches is rendered again. A build that fails (a content error, a template error)
writes nothing: the last good build stays in place and the watch goes on.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from generator import interrupts
from generator.pipeline.build import BuildRequest, build, needs_weasyprint
from generator.errors import PackgenError
from generator.html.templating import TEMPLATES

POLL_SECONDS = 0.4
SETTLE_SECONDS = 0.3  # an editor's save is often several writes: wait until they stop

Snapshot = dict[Path, tuple[int, int]]


def watch(request: BuildRequest, say: Callable[[str], None], keep_going: Callable[[], bool] = lambda: True) -> None:
    """Build now, then again after every change, until `keep_going()` is false."""
    folders = [request.pack_dir, request.templates or TEMPLATES]
    seen = snapshot(folders)
    if needs_weasyprint(request.only):
        with interrupts.held():  # imported here once, every rebuild's renderers are forked with it
            import weasyprint  # noqa: F401
    say(rebuild(request, "first build"))
    while keep_going():
        time.sleep(POLL_SECONDS)
        now = snapshot(folders)
        if now == seen:
            continue
        while True:  # debounce: until two looks in a row agree
            time.sleep(SETTLE_SECONDS)
            settled = snapshot(folders)
            if settled == now:
                break
            now = settled
        changed = describe_changes(seen, now, folders)
        seen = now
        say(rebuild(request, changed))


def rebuild(request: BuildRequest, changed: str) -> str:
    """One build; one line saying what changed, what was rendered and how long it took."""
    started = time.perf_counter()
    clock = time.strftime("%H:%M:%S")
    try:
        result = build(replace(request, force=False))
    except PackgenError as error:
        return f"{clock} {changed}: not built, the last good build is kept:\n{error.format_message()}"
    seconds = time.perf_counter() - started
    rendered = list(dict.fromkeys(result.rendered))
    reused = len({o.kind for o in result.written} - set(rendered))
    what = f"rendered {', '.join(rendered)}" if rendered else "nothing to render"
    notes = "".join(f"\n  Note: {note}" for note in result.notes)
    return f"{clock} {changed}: {what} ({reused} kinds unchanged) in {seconds:.1f} s{notes}"


def snapshot(folders: list[Path]) -> Snapshot:
    """Every file's modification time and size, editors' scratch files left out."""
    files: Snapshot = {}
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if any(part.startswith(".") for part in path.relative_to(folder).parts) or path.name.endswith("~"):
                continue
            try:
                if path.is_file():
                    info = path.stat()
                    files[path] = (info.st_mtime_ns, info.st_size)
            except OSError:
                pass
    return files


def describe_changes(before: Snapshot, after: Snapshot, folders: list[Path]) -> str:
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    names = [_shown(p, folders) for p in changed]
    if len(names) > 3:
        names = names[:3] + [f"{len(changed) - 3} more"]
    return "changed " + ", ".join(names)


def _shown(path: Path, folders: list[Path]) -> str:
    """A changed file as the officer knows it: pack-relative, or under templates/."""
    pack_dir, templates = folders
    if path.is_relative_to(pack_dir):
        return path.relative_to(pack_dir).as_posix()
    return "templates/" + path.relative_to(templates).as_posix()
