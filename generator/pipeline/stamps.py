"""Each content file's stat, taken before the reader reads it: so a build reads and hashes each
content file once (the reader, generator/content/sources.py) and the other two questions it asks
of them are answered without reading a byte.

- Before the load, whether a render is likely (so the renderers may start importing WeasyPrint at
  once): a content file the last build read was changed since that build's manifest was written.
  A guess only: the cache decides what is rendered.
- Before publishing, whether every file still holds the bytes that were read: a file whose stat
  (device, inode, size, modification and change times) is the one taken before the load, and
  whose last change came well before that, has not been written since; only a file that fails
  this is read and hashed again. The change time (ctime) moves on every write, rename or `touch`,
  and no program can set it back, so a file saved with its old modification time is caught too.
  "Well before" (MARGIN_NS) is git's "racily clean" rule: a file changed in the same tick of the
  file system's clock as the stat was taken (a second on some file systems) could change again
  without its times moving, so it is hashed again instead of trusted.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Pack
from generator.content.sources import changed_files, shown
from generator.errors import ContentError, Problem
from generator.publish.manifest import MANIFEST, Manifest

READABLE = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg"}  # what the reader may read in a pack folder
MARGIN_NS = 2_000_000_000  # a file changed less than this before its stat was taken is hashed again
Stat = tuple[int, int, int, int, int]  # device, inode, size, mtime_ns, ctime_ns


@dataclass(frozen=True)
class Stamps:
    """The stat of every file the reader may read, by the name Pack.source_digests gives it
    (relative to the pack folder: "sections/purpose.yaml", "../council.yaml"), taken at `taken_ns`."""

    folder: Path  # the pack folder, resolved
    taken_ns: int
    files: dict[str, Stat]

    def still(self, name: str) -> bool:
        """Whether the file is provably unchanged since its stat was taken: no bytes are read."""
        before = self.files.get(name)
        if before is None or max(before[3], before[4]) >= self.taken_ns - MARGIN_NS:
            return False
        return _stat(self.folder / name) == before


def stamps(pack_dir: Path, previous: Manifest | None = None) -> Stamps:
    """Before the content is read: the stat of every file in the pack folder the reader might read,
    of a council.yaml beside it, and of the council files (logo, fonts) the last build read."""
    folder = Path(pack_dir).resolve()
    taken = time.time_ns()
    paths = [folder.parent / "council.yaml"] + [
        path
        for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in READABLE and not any(p.startswith(".") for p in path.relative_to(folder).parts)
    ]
    paths += [folder.parent / name for name in _council_names(previous)]
    files = {}
    for path in paths:
        found = _stat(path)
        if found is not None:
            files[os.path.relpath(path.resolve(), folder).replace(os.sep, "/")] = found
    return Stamps(folder, taken, files)


def changed_since(before: Stamps, previous: Manifest | dict | None, out_dir: Path) -> bool:
    """Whether a content file the previous build read (its manifest lists them) was changed since
    that manifest was written, or is gone: then a render is likely. Reads no content file."""
    previous = Manifest.of(previous) if isinstance(previous, dict) else previous
    if previous is None or previous.content is None:
        return True
    try:
        written = os.stat(Path(out_dir) / MANIFEST).st_mtime_ns
    except OSError:
        return True
    for name in previous.content:
        council = name.startswith("council/")
        found = before.files.get("../" + name.removeprefix("council/") if council else name)
        if found is None:
            if council:
                continue  # named by where the council's folder was: not stamped, so not known to differ
            return True
        if max(found[3], found[4]) >= written:
            return True
    return False


def unchanged_since_read(pack_dir: Path, pack: Pack, before: Stamps) -> None:
    """Raise ContentError if a file the pack was read from has changed since: a renderer that reads
    it again (the logo) would otherwise mix two versions under one content hash. A file whose stat
    is still the one taken before the load is not read; any other is hashed again."""
    doubtful = {name: digest for name, digest in pack.source_digests.items() if not before.still(name)}
    changed = changed_files(Path(pack_dir), doubtful)
    if changed:
        raise ContentError(
            [
                Problem(
                    shown(Path(pack_dir) / name),
                    1,
                    "changed while the build was running, so nothing was written; build again",
                )
                for name in changed
            ]
        )


def _council_names(previous: Manifest | None) -> list[str]:
    """The council files beside the pack the last build read, as names inside that folder."""
    names = previous.content or {} if previous is not None else {}
    council = [name.removeprefix("council/") for name in names if name.startswith("council/")]
    return [name for name in council if name and not name.startswith("/") and ".." not in name.split("/")]


def _stat(path: Path) -> Stat | None:
    """A plain file's stat, or None (missing, unreadable, a folder, a pipe or a device)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
