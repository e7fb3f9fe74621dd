"""packgen clean: delete what packgen wrote for a pack, and nothing else.

Only files a manifest lists, whose bytes are still those packgen wrote (the manifest's
sha256), are deleted; then the folders that are left empty. Anything else in the folder
(a file someone added or changed) stays, and is reported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.people_folder import PEOPLE_FOLDER
from generator.manifest import MANIFEST, read_manifest
from generator.output import locked


@dataclass
class Cleaned:
    deleted: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # files packgen did not write (or that were changed since)


def clean(pack_out_dir: Path, people_only: bool) -> Cleaned:
    """Delete packgen's files under build/<pack>/people/ (and, unless `people_only`, the pack's own)."""
    result = Cleaned()
    if not pack_out_dir.is_dir():
        return result
    with locked(pack_out_dir):
        _clean_folder(pack_out_dir / PEOPLE_FOLDER, result)
        if not people_only:
            _clean_folder(pack_out_dir, result, previews=True)
    result.left = sorted(set(result.left))
    return result


def _clean_folder(folder: Path, result: Cleaned, previews: bool = False) -> None:
    """Delete the files `folder`/manifest.json lists (and the manifest), then the folders left empty."""
    manifest = read_manifest(folder)
    if manifest is None:
        result.left += _remaining(folder)
        return
    root = folder.resolve()
    for entry in manifest.get("artefacts", []):
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str):
            continue
        target = folder / path
        if not _inside(target, root) or not target.is_file() or target.is_symlink():
            continue
        if hashlib.sha256(target.read_bytes()).hexdigest() == entry.get("sha256"):
            _delete(target, result)
        if previews:  # --keep-html writes the HTML behind each PDF beside it
            preview = target.with_suffix(".html")
            if target.suffix == ".pdf" and preview.is_file() and not preview.is_symlink():
                _delete(preview, result)
    _delete(folder / MANIFEST, result)
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
    result.left += _remaining(folder)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _delete(path: Path, result: Cleaned) -> None:
    path.unlink()
    result.deleted.append(path)


def _remaining(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())
