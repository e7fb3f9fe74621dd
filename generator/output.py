"""Put a build's files in place atomically: the whole pack changes at once, or not at all.

The new pack is written into a staging folder beside the old one, then swapped in with a
single rename. Readers of build/<pack>/ see the old pack or the new one, never a mixture,
and a build that fails (a full disk, a read-only folder, a kill) leaves the old pack as it was.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import OutputError

FILE_MODE = 0o644
FOLDER_MODE = 0o755
PRIVATE_FILE_MODE = 0o600  # personal data (packgen induct): the owner only
PRIVATE_FOLDER_MODE = 0o700
RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths atomically (Linux 3.15+)
AT_FDCWD = -100


@contextlib.contextmanager
def locked(out_dir: Path):
    """Hold the pack's output folder so two builds never interleave; the second waits its turn."""
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        handle = open(out_dir.parent / f".{out_dir.name}.lock", "a")
    except OSError as error:
        raise _output_error(out_dir, error) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _remove_leftovers(out_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(out_dir: Path, files: dict[str, bytes], keep: list[str] = (), private: bool = False) -> None:
    """Make `out_dir` hold exactly `files` plus the existing files named in `keep`.

    `private` files (personal data) are readable by their owner only: 0600 in 0700 folders."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".new", dir=out_dir.parent))
    except OSError as error:
        raise _output_error(out_dir, error) from None
    try:
        for name in keep:
            _link_or_copy(out_dir / name, staging / name)
        for name, data in files.items():
            _write(staging / name, data, PRIVATE_FILE_MODE if private else FILE_MODE)
        for folder in [p for p in staging.rglob("*") if p.is_dir()] if private else []:
            os.chmod(folder, PRIVATE_FOLDER_MODE)
        os.chmod(staging, PRIVATE_FOLDER_MODE if private else FOLDER_MODE)
        _swap_in(staging, out_dir)
    except OSError as error:
        raise _output_error(out_dir, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap, this is the old pack


def _write(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, mode)


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copymode(source.parent, target.parent)  # a private folder (personal data) stays private
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=out_dir.parent))
    os.rename(out_dir, old / "pack")  # the fallback leaves a moment with no folder; never a mixture
    os.rename(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step with renameat2, where the kernel and libc offer it."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code))


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders from a build that was killed while writing."""
    for leftover in out_dir.parent.glob(f".{out_dir.name}.*"):
        if leftover.suffix in (".new", ".old") and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _output_error(out_dir: Path, error: OSError) -> OutputError:
    reason = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is full",
              errno.EFBIG: "a file is larger than this system allows (or the disk is full)",
              errno.EROFS: "the folder is on a read-only disk"}.get(error.errno, error.strerror or str(error))
    return OutputError(f"cannot write to {out_dir}: {reason}; the previous pack, if any, is untouched")
