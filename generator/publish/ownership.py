"""What in an output folder is packgen's: the files a manifest lists, with the bytes it lists.

A manifest proves only what packgen itself would have written: build/<pack>/manifest.json for
the pack, and below it only people/manifest.json as packgen induct writes it. A copy of a
manifest anywhere else (an officer's archive-v1.0/) proves nothing, so nothing there is deleted.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from generator.artefacts.registry import KINDS as BUILD_KINDS
from generator.publish.manifest import MANIFEST, Manifest, read_manifest

READ_ALREADY = ""  # a manifest's own entry: it was read, and checked, to list the rest


def induct_manifest(folder: Path) -> Manifest | None:
    """people/manifest.json if it is one packgen induct wrote: a real folder, the session and
    people facts only induct records, no kind `packgen build` makes, and a hash for every file
    (checked against the bytes before anything is deleted). Anything else proves nothing."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    manifest = read_manifest(folder)
    if manifest is None or not manifest.by_induct:
        return None
    if any(entry.kind in BUILD_KINDS or entry.sha256 is None for entry in manifest.artefacts):
        return None
    return manifest


def files_listed(manifest: Manifest | None) -> dict[str, str | None]:
    """name -> sha256 of every file a manifest accounts for: the manifest itself as READ_ALREADY;
    None for a file listed with no hash, so packgen cannot tell whether it was changed."""
    if manifest is None:
        return {}
    listed: dict[str, str | None] = {MANIFEST: READ_ALREADY}
    for entry in manifest.artefacts:
        listed[entry.path] = entry.sha256
        if entry.html is not None:  # a --keep-html preview
            listed[entry.html] = entry.html_sha256
    return listed


def every_entry(folder: Path) -> list[Path]:
    """Every file, link and folder below `folder`, in a stable order, without following links."""
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        found.append(Path(entry.path))
        if entry.is_dir(follow_symlinks=False):
            found += every_entry(Path(entry.path))
    return found


def why_foreign(path: Path, name: str, ours: dict[str, str | None], previous: Manifest | None) -> str | None:
    if name not in ours:
        if path.is_dir() and not path.is_symlink() and any(listed.startswith(name + "/") for listed in ours):
            return None  # a folder the manifest's files are in
        if name == MANIFEST and previous is None:
            return "cannot be read as packgen's manifest"
        return "the manifest of the previous build does not list"
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        return "is not a plain file packgen wrote"
    expected = ours[name]
    if expected is None:
        return "the manifest lists without a hash, so packgen cannot tell whether it was changed"
    if expected != READ_ALREADY and file_sha256(path) != expected:
        return "has changed since packgen wrote it"
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
