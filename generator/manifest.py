"""manifest.json: what was built, from which content, for whom to check."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from generator import __version__
from generator.artefact import BookletPages, BuildContext, Output, QuizVersion

MANIFEST = "manifest.json"


# What a quiz version records that belongs in the manifest too (the seed and totals are the
# key's business; the booklet's anchor pages are for later renderers only).
MANIFEST_QUIZ_FIELDS = ("variant", "variant_number", "code")


def artefact_entry(output: Output) -> dict:
    return {
        "kind": output.kind,
        "path": output.filename,
        "sha256": hashlib.sha256(output.data).hexdigest(),
        "pages": output.pages,
        **(
            {key: getattr(output.handoff, key) for key in MANIFEST_QUIZ_FIELDS}
            if isinstance(output.handoff, QuizVersion)
            else {}
        ),
        **({"notes_pages": output.handoff.notes_pages} if isinstance(output.handoff, BookletPages) else {}),
    }


def booklet_notes_pages(manifest: dict | None) -> int:
    """How many Notes pages the booklet of the build `manifest` describes had (0 if unknown)."""
    entries = manifest.get("artefacts", []) if isinstance(manifest, dict) else []
    notes = next((e.get("notes_pages") for e in entries if e.get("kind") == "booklet"), 0)
    return notes if isinstance(notes, int) and not isinstance(notes, bool) else 0


def make_manifest(context: BuildContext, content_sha256: str, artefacts: list[dict], extra: dict | None = None) -> dict:
    pack = context.pack
    return {
        "pack": pack.slug,
        "title": pack.title,
        "organisation": pack.organisation,
        "version": pack.version,
        "issued": pack.issued.isoformat(),
        "review_due": pack.review_due.isoformat(),
        "built": context.built.isoformat(),
        "content_sha256": content_sha256,
        "generator": f"packgen {__version__}",
        **(extra or {}),
        "artefacts": artefacts,
    }


def read_manifest(out_dir: Path) -> dict | None:
    """The manifest in `out_dir`, or None if there is none or it is not one packgen could have written."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    artefacts = manifest.get("artefacts") if isinstance(manifest, dict) else None
    if not isinstance(artefacts, list) or not all(
        isinstance(a, dict) and isinstance(a.get("kind"), str) and _inside(a.get("path")) for a in artefacts
    ):
        return None
    return manifest


def _inside(path) -> bool:
    """A file name a build could have written: relative, and never climbing out with '..'."""
    return (
        isinstance(path, str)
        and bool(path)
        and not PurePosixPath(path).is_absolute()
        and ".." not in PurePosixPath(path).parts
        and "\\" not in path
    )


def dump(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
