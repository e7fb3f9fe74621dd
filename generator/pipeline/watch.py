"""`packgen watch`: rebuild a pack every time one of the files its build reads is saved.

Polls what the build reads, as generator/pipeline/choice.py decides for every command: the pack
folder, council.yaml with the logo and fonts it names, and the templates folder in use (with
packgen's own under a council's). A few dozen files; no extra dependency. It waits until saving
has settled, then builds. Each build reuses the cache, so only what the saved file reaches is
rendered again. A build that fails (a content error, a template error) writes nothing: the last
good build stays in place and the watch goes on.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from generator import interrupts
from generator.errors import PackgenError
from generator.pipeline import choice
from generator.pipeline.build import BuildRequest, build, needs_weasyprint

POLL_SECONDS = 0.4
SETTLE_SECONDS = 0.3  # an editor's save is often several writes: wait until they stop

Snapshot = dict[Path, tuple[int, int]]


def watch(request: BuildRequest, say: Callable[[str], None], keep_going: Callable[[], bool] = lambda: True) -> None:
    """Build now, then again after every change, until `keep_going()` is false."""
    if needs_weasyprint(request.only):
        with interrupts.held():  # imported here once, every rebuild's renderers are forked with it
            import weasyprint  # noqa: F401
    for changed in saves(request, keep_going):
        say(rebuild(request, changed))


def saves(
    request: BuildRequest, keep_going: Callable[[], bool] = lambda: True, poll_seconds: float | None = None
) -> Iterator[str]:
    """The words "first build", then what changed each time saving has settled in a file the build
    reads, looked for every `poll_seconds` (None: POLL_SECONDS), until `keep_going()` is false.
    Builds run between two of them; a save meanwhile is the next. The one loop of `packgen watch`
    and `packgen serve`."""
    reads = choice.reads(request.pack_dir, request.templates)
    seen = snapshot(reads)
    yield "first build"
    while keep_going():
        time.sleep(POLL_SECONDS if poll_seconds is None else poll_seconds)
        now = snapshot(reads)
        if now == seen and choice.templates_in_use(request.pack_dir, request.templates).resolve() == reads.templates:
            continue
        while True:  # debounce: until two looks in a row agree
            time.sleep(SETTLE_SECONDS)
            settled = snapshot(reads)
            if settled == now:
                break
            now = settled
        # chosen again: council.yaml may name another logo, a templates/ folder may have appeared
        reads = choice.reads(request.pack_dir, request.templates)
        now = snapshot(reads)  # before the build: a save while it runs is the next change
        changed, seen = describe_changes(seen, now, reads), now
        yield changed


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


def snapshot(reads: choice.Reads | Sequence[Path]) -> Snapshot:
    """The modification time and size of every file the build reads, editors' scratch files left out."""
    reads = _as_reads(reads)
    files: Snapshot = {}
    for folder in reads.folders:
        for path in Path(folder).rglob("*"):
            if not any(part.startswith(".") for part in path.relative_to(folder).parts):
                _look(path, files)
    for path in reads.council_files:
        _look(path, files)
    return files


def _look(path: Path, files: Snapshot) -> None:
    if path.name.endswith("~"):
        return
    try:
        if path.is_file():
            info = path.stat()
            files[path] = (info.st_mtime_ns, info.st_size)
    except OSError:
        pass


def describe_changes(before: Snapshot, after: Snapshot, reads: choice.Reads | Sequence[Path]) -> str:
    reads = _as_reads(reads)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    names = list(dict.fromkeys(_shown(p, reads) for p in changed))
    if len(names) > 3:
        names = names[:3] + [f"{len(names) - 3} more"]
    return "changed " + ", ".join(names) if names else "changed the templates folder in use"


def _shown(path: Path, reads: choice.Reads) -> str:
    """A changed file as the officer knows it: pack-relative, under templates/, or under council/
    (as manifest.json names the council's files)."""
    if path.is_relative_to(reads.pack_dir):
        return path.relative_to(reads.pack_dir).as_posix()
    for folder in reads.template_folders:
        if path.is_relative_to(folder):
            return "templates/" + path.relative_to(folder).as_posix()
    council = reads.council_files[0].parent if reads.council_files else None
    if council is not None and path.is_relative_to(council):
        return "council/" + path.relative_to(council).as_posix()
    return path.as_posix()


def _as_reads(reads: choice.Reads | Sequence[Path]) -> choice.Reads:
    """What to watch; given as [pack folder, templates folder] (serve/loop.py's older way), those two."""
    if isinstance(reads, choice.Reads):
        return reads
    pack_dir, templates = reads
    return choice.Reads(Path(pack_dir).resolve(), Path(templates).resolve())
