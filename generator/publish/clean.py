"""packgen clean: delete what packgen wrote for a pack, and nothing else.

Only files a manifest lists, whose bytes are still those packgen wrote (the manifest's
sha256), are deleted; then the folders that are left empty. Anything else in the folder
(a file someone added or changed, a link) stays, and is reported. Links are never followed:
a build/<pack> that is a link is refused, a people/ that is a link is left alone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError
from generator.publish.manifest import MANIFEST, Manifest, read_manifest
from generator.publish.output import locked
from generator.publish.ownership import every_entry, file_sha256, files_listed, induct_manifest
from generator.publish.people_folder import PEOPLE_FOLDER


@dataclass
class Cleaned:
    deleted: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # files packgen did not write (or that were changed since)
    unfinished: list[Path] = field(default_factory=list)  # staging folders of interrupted runs, removed


def clean(pack_out_dir: Path, people_only: bool) -> Cleaned:
    """Delete packgen's files under build/<pack>/people/ (and, unless `people_only`, the pack's own)."""
    result = Cleaned()
    if not os.path.lexists(pack_out_dir):
        return result
    if pack_out_dir.is_symlink() or not pack_out_dir.is_dir():
        raise OutputError(
            f"{pack_out_dir} is a link or a file, not a folder packgen made; packgen clean never "
            "deletes through a link, so nothing was deleted: remove the link yourself"
        )
    with locked(pack_out_dir) as unfinished:
        result.unfinished = unfinished
        people = pack_out_dir / PEOPLE_FOLDER
        _clean_folder(people, induct_manifest(people), result)
        if not people_only:
            _clean_folder(pack_out_dir, read_manifest(pack_out_dir), result)
    result.left = sorted(set(result.left))
    return result


def _clean_folder(folder: Path, manifest: Manifest | None, result: Cleaned) -> None:
    """Delete the files `manifest` lists in `folder` with their bytes unchanged (and the manifest
    itself), then the folders left empty; what remains is reported as left."""
    if folder.is_symlink():
        result.left.append(folder)
        return
    if not folder.is_dir():
        return
    for name, digest in files_listed(manifest).items():
        if digest and _plain_file_below(folder, name):  # not the manifest (READ_ALREADY), nor unhashed
            if file_sha256(folder / name) == digest:
                _delete(folder / name, result)
    if manifest is not None and _plain_file_below(folder, MANIFEST):
        _delete(folder / MANIFEST, result)
    for sub in reversed(every_entry(folder)):  # deepest first
        if stat.S_ISDIR(os.lstat(sub).st_mode) and not any(os.scandir(sub)):
            sub.rmdir()
    result.left += [p for p in every_entry(folder) if not stat.S_ISDIR(os.lstat(p).st_mode)]
    if not any(os.scandir(folder)):
        folder.rmdir()


def _plain_file_below(folder: Path, name: str) -> bool:
    """Whether folder/name is a regular file reached through real folders only, never a link."""
    path = folder
    parts = name.split("/")
    for part in parts[:-1]:
        path = path / part
        if not _is(path, stat.S_ISDIR):
            return False
    return _is(path / parts[-1], stat.S_ISREG)


def _is(path: Path, kind: Callable[[int], bool]) -> bool:
    try:
        return kind(os.lstat(path).st_mode)
    except OSError:
        return False


def _delete(path: Path, result: Cleaned) -> None:
    path.unlink()
    result.deleted.append(path)
