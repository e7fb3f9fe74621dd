"""The earlier version a report compares with, found as `packgen diff` finds it: an old copy's
folder given by path, else the copy `packgen archive` kept, else the pack as it was in git."""

from __future__ import annotations

from pathlib import Path

from generator.authoring.archive import archived
from generator.authoring.diff import pack_at_version
from generator.content.model import Pack
from generator.content.reader import load_pack


def read_earlier(pack_dir: Path, earlier: str) -> Pack:
    """The pack at `earlier`: a folder holding a pack.yaml (written with a slash: old/social-media),
    a version kept by `packgen archive`, or failing both, the version read from git history."""
    folder = Path(earlier)
    if "/" in earlier and (folder / "pack.yaml").is_file():
        return load_pack(folder)
    kept = archived(pack_dir, earlier)
    if kept is not None:
        return load_pack(kept)
    with pack_at_version(pack_dir, earlier) as old_folder:
        return load_pack(old_folder)
