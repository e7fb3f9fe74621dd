"""Reading a pack's files from disk: each a plain file inside the pack folder, read once with
its size limit applied while reading, and hashed, so the manifest's content hash is of exactly
the bytes the build used. A file that cannot be read is a Problem with its name, never a
traceback. generator/content/yamlio.py reads the YAML in those bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from generator.errors import Problem

MAX_FILE_BYTES = 1_000_000
MAX_READ_BYTES = 50_000_000  # the most any file a pack is read from may hold (a council font)


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


def shown(path: Path) -> str:
    """A path as the user should see it: relative to where they are, if it is below there."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


class Sources:
    """The bytes of every file a pack is read from, each read once: the manifest's content hash is
    of exactly these, so an edit saved while a build runs cannot slip in under the old version."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()
        self.files: dict[str, bytes] = {}

    def read(self, path: Path, shown_as: str, limit: int = MAX_FILE_BYTES) -> bytes:
        """`path`'s bytes, refused unless it is a plain file inside the pack folder."""
        real = Path(path).resolve()
        if not real.is_relative_to(self.folder):
            raise YamlProblems(
                [
                    Problem(
                        shown_as, 1, "is a link to a file outside the pack folder; copy the file itself into the pack"
                    )
                ]
            )
        data = read_limited(path, shown_as, limit)
        self.files[real.relative_to(self.folder).as_posix()] = data
        return data

    def record(self, path: Path, limit: int = MAX_FILE_BYTES) -> None:
        """Record a file read from outside the pack folder as well (a council.yaml beside it)."""
        real = Path(path).resolve()
        name = os.path.relpath(real, self.folder).replace(os.sep, "/")
        self.files[name] = read_limited(real, name, limit)

    def digests(self) -> dict[str, str]:
        """Each file read, relative to the pack folder, with the sha256 of the bytes read."""
        return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(self.files.items())}


def content_sha256(digests: dict[str, str]) -> str:
    """One hash for a pack's content: the names and hashes of the files it was read from."""
    return hashlib.sha256(
        "".join(f"{name}\0{digest}\n" for name, digest in sorted(digests.items())).encode("utf-8", "surrogateescape")
    ).hexdigest()


def changed_files(folder: Path, digests: dict[str, str]) -> list[str]:
    """The files that no longer hold the bytes that were read (or can no longer be read)."""
    changed = []
    for name, digest in sorted(digests.items()):
        try:
            now = hashlib.sha256(read_limited(Path(folder) / name, name, MAX_READ_BYTES)).hexdigest()
        except YamlProblems:
            now = None
        if now != digest:
            changed.append(name)
    return changed


def read_limited(path: Path, shown_as: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A plain file's bytes, with the size limit applied while reading: a pipe, a device or a
    folder is refused before it is read (a FIFO would hang, /dev/zero would grow without end)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise YamlProblems([Problem(shown_as, 1, "file not found; create it or remove it from the list")]) from None
    except OSError as error:
        raise YamlProblems([Problem(shown_as, 1, f"cannot be read: {error.strerror}")]) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise YamlProblems(
            [
                Problem(
                    shown_as, 1, "is not a plain file (a pipe, a device or a folder); replace it with an ordinary file"
                )
            ]
        )
    with os.fdopen(handle, "rb") as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise YamlProblems([Problem(shown_as, 1, f"cannot be read: {error.strerror}")]) from None
    if len(data) > limit:
        raise YamlProblems([Problem(shown_as, 1, f"is more than {limit:,} bytes, the limit for one content file")])
    return data
