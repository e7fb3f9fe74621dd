"""build/<pack>/people/: where packgen induct writes personal data, and what other commands may do with it."""

from __future__ import annotations

from pathlib import Path

from generator.errors import OutputError
from generator.manifest import MANIFEST, read_manifest

PEOPLE_FOLDER = "people"  # everything in build/<pack>/people/ holds personal data


def refuse_strangers(folder: Path) -> None:
    """people/ is replaced whole: refuse if it holds a file packgen induct did not write."""
    if not folder.exists():
        return
    manifest = read_manifest(folder) or {}
    listed = {MANIFEST} | {entry.get("path") for entry in manifest.get("artefacts", []) if isinstance(entry, dict)}
    strangers = sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and str(p.relative_to(folder)) not in listed
    )
    if strangers or not folder.is_dir() or folder.is_symlink():
        shown_names = ", ".join(strangers[:5]) + (" ..." if len(strangers) > 5 else "")
        raise OutputError(
            f"{folder} holds files packgen did not write ({shown_names or folder.name}); packgen "
            "replaces that folder whole, so move them elsewhere and run packgen induct again. "
            "Nothing was written"
        )


def carried_people_files(pack_out_dir: Path, content_sha256: str) -> tuple[list[str], str | None]:
    """What `packgen build` keeps of people/ when it replaces the pack's folder: every file
    packgen induct listed there if made from the same content; else nothing, and why."""
    manifest = read_manifest(pack_out_dir / PEOPLE_FOLDER)
    if not manifest:
        return [], None
    if manifest.get("content_sha256") != content_sha256:
        return [], (
            f"the named induction packs in {pack_out_dir / PEOPLE_FOLDER} were made from other content "
            "(an earlier version), so they were removed; run packgen induct again"
        )
    listed = [
        f"{PEOPLE_FOLDER}/{entry['path']}"
        for entry in manifest.get("artefacts", [])
        if isinstance(entry, dict) and isinstance(entry.get("path"), str)
    ]
    return [path for path in listed + [f"{PEOPLE_FOLDER}/{MANIFEST}"] if (pack_out_dir / path).is_file()], None
