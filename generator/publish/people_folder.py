"""build/<pack>/people/: where packgen induct writes personal data, and what other commands may do with it."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import OutputError
from generator.publish.manifest import MANIFEST, read_manifest
from generator.publish.ownership import every_entry, files_listed, induct_manifest, why_foreign

PEOPLE_FOLDER = "people"  # everything in build/<pack>/people/ holds personal data


def refuse_strangers(folder: Path) -> None:
    """people/ is replaced whole: refuse if it holds a file packgen induct did not write, or one
    changed since it did (attendance.csv is there to be filled in: its hash says whether it was)."""
    if not os.path.lexists(folder):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise OutputError(
            f"{folder} is not a folder packgen induct wrote; move it elsewhere and run packgen induct again. "
            "Nothing was written"
        )
    manifest = induct_manifest(folder)
    ours = files_listed(manifest)
    foreign = [
        path.relative_to(folder).as_posix()
        for path in every_entry(folder)
        if why_foreign(path, path.relative_to(folder).as_posix(), ours, manifest)
    ]
    changed = [name for name in foreign if name in ours]
    if changed:
        them = "it" if len(changed) == 1 else "them"
        kept = " (attendance.csv holds what you filled in)" if "attendance.csv" in changed else ""
        raise OutputError(
            f"{_listed(changed)} in {folder} changed since packgen induct wrote {them}; packgen replaces "
            f"that folder whole, so move {them} elsewhere{kept}, then run packgen induct again. Nothing was written"
        )
    if foreign:
        raise OutputError(
            f"{folder} holds files packgen did not write ({_listed(foreign)}); packgen "
            "replaces that folder whole, so move them elsewhere and run packgen induct again. "
            "Nothing was written"
        )


def _listed(names: list[str]) -> str:
    return ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")


def carried_people_files(pack_out_dir: Path, content_sha256: str) -> tuple[list[str], str | None]:
    """What `packgen build` keeps of people/ when it replaces the pack's folder: every file
    packgen induct listed there if made from the same content; else nothing, and why."""
    manifest = read_manifest(pack_out_dir / PEOPLE_FOLDER)
    if not manifest:
        return [], None
    if manifest.content_sha256 != content_sha256:
        return [], (
            f"the named induction packs in {pack_out_dir / PEOPLE_FOLDER} were made from other content "
            "(an earlier version), so they were removed; run packgen induct again"
        )
    listed = [f"{PEOPLE_FOLDER}/{entry.path}" for entry in manifest.artefacts]
    return [path for path in listed + [f"{PEOPLE_FOLDER}/{MANIFEST}"] if (pack_out_dir / path).is_file()], None
