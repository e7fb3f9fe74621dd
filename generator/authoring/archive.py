"""`packgen archive`: a read-only copy of a pack's content as of its version, for officers without git.

The copy goes in archive/<pack>/<version>/ in the folder that holds the pack (packs/archive/...),
where `packgen status` does not take it for a live pack (status lists packs/*/pack.yaml only)
and `packgen diff PACK --from VERSION` finds it. It holds exactly the files the pack was read
from, as read (pack.yaml, sections, quiz, cards, logo, and the council.yaml with its
logo and fonts, made the pack's own): content only, never an induction's list of people.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

from generator.content.reader import load_pack
from generator.content.sources import MAX_READ_BYTES, read_limited
from generator.errors import ContentError, OutputError, Problem

ARCHIVE_FOLDER = "archive"
READ_ONLY_FILE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
READ_ONLY_FOLDER = READ_ONLY_FILE | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH


def archived_versions_folder(pack_dir: Path) -> Path:
    """Where a pack's archived versions are: beside the pack, in archive/<pack name>/."""
    real = Path(pack_dir).resolve()  # Path(".").name is ""
    return real.parent / ARCHIVE_FOLDER / real.name


def archived(pack_dir: Path, version: str) -> Path | None:
    """The archived copy of `version` of the pack, or None."""
    folder = archived_versions_folder(pack_dir) / version
    return folder if (folder / "pack.yaml").is_file() else None


def archive_pack(pack_dir: Path) -> tuple[Path, bool]:
    """Copy the pack's content, as of its version, into the archive, read-only. Return the folder
    and whether it was written now (False: that version was archived already, unchanged)."""
    pack = load_pack(pack_dir)  # a pack with problems is not archived: it is not a version anyone approved
    files = _content_files(Path(pack_dir), pack.source_digests)
    target = archived_versions_folder(pack_dir) / pack.version
    if target.exists():
        if _digests(target) == {name: _sha256(data) for name, data in files.items()}:
            return target, False
        raise ContentError(
            [
                Problem(
                    str(Path(pack_dir) / "pack.yaml"),
                    1,
                    f"version {pack.version} is already archived in {target} and the content has changed since; "
                    "give this version a new number (version: and a history entry) before archiving it",
                )
            ]
        )
    _write_read_only(target, files)
    return target, True


def _content_files(pack_dir: Path, digests: dict[str, str]) -> dict[str, bytes]:
    """Each file the pack was read from, named as the archive holds it, with the bytes that were read.
    The council's files (../council.yaml, ../logo.svg) become the archived pack's own."""
    files: dict[str, bytes] = {}
    for name, digest in digests.items():
        data = read_limited(pack_dir / name, name, MAX_READ_BYTES)
        if _sha256(data) != digest:
            raise OutputError(f"{name} changed while it was being archived; nothing was archived; run it again")
        as_archived = name.removeprefix("../")
        if as_archived.startswith("../") or (as_archived in files and files[as_archived] != data):
            raise OutputError(f"{name} cannot be kept in the archive beside the pack's own files; nothing was archived")
        files[as_archived] = data
    return files


def _write_read_only(target: Path, files: dict[str, bytes]) -> None:
    """Write into a staging folder, then rename it into place: an archive is whole or absent."""
    staging = target.with_name(f".{target.name}.incomplete")
    try:
        if staging.exists():
            _make_writable(staging)
            shutil.rmtree(staging)
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            path.chmod(READ_ONLY_FILE)
        for folder in sorted(
            {p for name in files for p in (staging / name).parents if p.is_relative_to(staging) and p != staging},
            reverse=True,
        ):
            folder.chmod(READ_ONLY_FOLDER)
        os.rename(staging, target)
        target.chmod(READ_ONLY_FOLDER)
    except OSError as error:
        raise OutputError(
            f"cannot write the archive in {target.parent}: {error.strerror}; nothing was archived"
        ) from None


def _make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): _sha256(path.read_bytes()) for path in folder.rglob("*") if path.is_file()
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
