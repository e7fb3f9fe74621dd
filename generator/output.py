"""Write a build's files into place atomically: all or nothing, never a half-written pack."""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from pathlib import Path

from generator.errors import OutputError

FILE_MODE = 0o644


@contextlib.contextmanager
def locked(out_dir: Path):
    """Hold the pack's output folder so two builds never interleave their files."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock_path = out_dir.parent / f".{out_dir.name}.lock"
        handle = open(lock_path, "a")
    except OSError as error:
        raise OutputError(f"cannot write to {out_dir}: {error.strerror}; the previous pack, if any, is untouched") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a second build waits here for the first to finish writing
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_all(out_dir: Path, files: dict[str, bytes], remove: list[str] = ()) -> None:
    """Write every file to a temporary name first, then rename them all into place.

    If any write fails (a full disk, a read-only folder) the temporaries are removed and
    the files already in `out_dir` are exactly as they were.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            final = out_dir / name
            final.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
            staged.append((Path(temporary), final))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, FILE_MODE)
    except OSError as error:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        reason = "the disk is full" if error.errno == errno.ENOSPC else error.strerror
        raise OutputError(f"cannot write to {out_dir}: {reason}; the previous pack is untouched") from None
    for temporary, final in staged:
        os.replace(temporary, final)
    for name in remove:
        with contextlib.suppress(FileNotFoundError):
            (out_dir / name).unlink()
