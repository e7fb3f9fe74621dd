"""Put a build's files in place atomically: the whole pack changes at once, or not at all.

The new pack is written into a staging folder beside the old one, then swapped in with a
single rename, so a build that fails (a full disk, a read-only folder, a kill) leaves the old
pack as it was. Each file is whole whenever it is read; a reader that opens several files while
the swap happens may get some from each build, so a script checks them against the manifest.

packgen replaces build/<pack>/ only when it holds nothing but what the previous manifest
lists, unchanged: a folder holding anything else is refused, never emptied.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.errors import OutputError
from generator.publish.manifest import Manifest
from generator.publish.ownership import every_entry, files_listed, induct_manifest, why_foreign
from generator.publish.people_folder import PEOPLE_FOLDER

FILE_MODE = 0o644
FOLDER_MODE = 0o755
PRIVATE_FILE_MODE = 0o600  # personal data (packgen induct): the owner only
PRIVATE_FOLDER_MODE = 0o700
# Staging folders are named PREFIX + TOKEN + "." + pack name: the prefix is exact and the token
# has a fixed length, so a name belongs to exactly one pack (no glob, no "pack" matching "pack.v2").
STAGING_PREFIXES = (".packgen-new.", ".packgen-old.")
TOKEN_LENGTH = 12
RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths atomically (Linux 3.15+)
AT_FDCWD = -100


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[list[Path]]:
    """Hold the pack's output folder so two builds never interleave; the second waits its turn.
    Yields the leftover staging folders of killed runs it removed (see _remove_leftovers)."""
    try:
        make_folders(out_dir.parent)
        descriptor = _open_lock(out_dir.parent / f".{out_dir.name}.lock")
    except OSError as error:
        raise _output_error(out_dir, error) from None
    with os.fdopen(descriptor, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield _remove_leftovers(out_dir)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(path: Path) -> int:
    """The lock file, made 0644 if missing; never through a link, and never a FIFO or device (a FIFO
    would hang every command, a link would make a file wherever it points)."""
    flags = os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # RDWR: NFS locks need write access
    try:
        descriptor = os.open(path, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.fchmod(descriptor, FILE_MODE)  # not the umask's choice
        return descriptor
    except FileExistsError:
        pass
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise _not_a_lock(path, "a link") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _not_a_lock(path, "not a plain file")
    return descriptor


def _not_a_lock(path: Path, what: str) -> OutputError:
    return OutputError(
        f"{path} is {what}, not the empty lock file packgen makes there; remove it "
        "(packgen makes a new one) and run the command again"
    )


def make_folders(folder: Path) -> None:
    """Make `folder` and any missing parents, each 0755 whatever the umask."""
    missing = [p for p in [folder, *folder.parents] if not os.path.lexists(p)]
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir()
            os.chmod(path, FOLDER_MODE)


def refuse_foreign(out_dir: Path, previous: Manifest | None) -> None:
    """Refuse (exit 4) to replace `out_dir` unless it is missing, empty, or holds exactly the files
    the previous manifest lists (with the bytes it lists), so packgen never deletes another's file.
    The only manifest below it packgen trusts is induct's in people/, and only one induct wrote."""
    if not os.path.lexists(out_dir):
        return
    if out_dir.is_symlink() or not out_dir.is_dir():
        raise OutputError(f"{out_dir} is not a folder packgen made; move it away or choose another --out")
    ours = files_listed(previous)
    people = files_listed(induct_manifest(out_dir / PEOPLE_FOLDER))
    ours |= {f"{PEOPLE_FOLDER}/{name}": digest for name, digest in people.items()}
    for path in every_entry(out_dir):
        name = path.relative_to(out_dir).as_posix()
        why = why_foreign(path, name, ours, previous)
        if why:
            raise OutputError(
                f"{out_dir} holds {name}, which {why}; packgen replaces this folder whole and "
                "will not delete a file it did not write: move it elsewhere, or choose another --out"
            )


def publish(out_dir: Path, files: dict[str, bytes], keep: Iterable[str] = (), private: bool = False) -> None:
    """Make `out_dir` hold exactly `files` plus the existing files named in `keep`.

    `private` files (personal data) are readable by their owner only: 0600 in 0700 folders."""
    try:
        staging = _staging_folder(out_dir, ".packgen-new.")
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
    if not path.parent.is_dir():  # an artefact's own folder, such as web/
        path.parent.mkdir(parents=True)
        os.chmod(path.parent, FOLDER_MODE)
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
    old = _staging_folder(out_dir, ".packgen-old.")
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


def _staging_folder(out_dir: Path, prefix: str) -> Path:
    while True:
        folder = out_dir.parent / f"{prefix}{secrets.token_hex(TOKEN_LENGTH // 2)}.{out_dir.name}"
        try:
            folder.mkdir(mode=0o700)
            return folder
        except FileExistsError:
            continue


def staging_pack(name: str) -> str | None:
    """The pack whose staging folder `name` would be, or None if packgen never makes such a name."""
    for prefix in STAGING_PREFIXES:
        token, dot, pack = name.removeprefix(prefix).partition(".")
        if (
            name.startswith(prefix)
            and dot
            and pack
            and len(token) == TOKEN_LENGTH
            and all(c in "0123456789abcdef" for c in token)
        ):
            return pack
    return None


def _remove_leftovers(out_dir: Path) -> list[Path]:
    """Staging folders left by a run that was killed while writing: a build's for this pack beside
    it, induct's for people/ inside it. Only called under this pack's lock, so no live run owns
    them; only names packgen makes, real folders (not links) of this user; other packs' stay."""
    places = [(out_dir.parent, out_dir.name)]
    if not os.path.lexists(out_dir / f".{PEOPLE_FOLDER}.lock"):  # else a pack called people is built in there
        places.append((out_dir, PEOPLE_FOLDER))
    removed = []
    for folder, target in places:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            if (
                staging_pack(entry.name) == target
                and entry.is_dir(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_uid == os.geteuid()
            ):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _output_error(out_dir: Path, error: OSError) -> OutputError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is full",
        errno.EFBIG: "a file is larger than this system allows (or the disk is full)",
        errno.EROFS: "the folder is on a read-only disk",
    }.get(error.errno or 0, error.strerror or str(error))
    return OutputError(f"cannot write to {out_dir}: {reason}; the previous pack, if any, is untouched")
