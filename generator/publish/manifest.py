"""manifest.json: what was built, from which content, for whom to check."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.artefacts.base import BookletPages, BuildContext, Output, QuizVersion

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # 60 people's packs list about 200 files: far below
MAX_PATH_CHARACTERS = 1024


# What a quiz version records that belongs in the manifest too (the seed and totals are the
# key's business; the booklet's anchor pages are for later renderers only).
MANIFEST_QUIZ_FIELDS = ("variant", "variant_number", "code")


def artefact_entry(output: Output, language: str = "en") -> dict:
    """One artefact's entry; `language` is the BCP 47 code of the language it is in ("cy"), or
    "mul" for one file in every language of a pack written in several (Moodle's bilingual bank)."""
    return {
        "kind": output.kind,
        "path": output.filename,
        "language": language,
        "sha256": hashlib.sha256(output.data).hexdigest(),
        "pages": output.pages,
        **(
            {key: getattr(output.handoff, key) for key in MANIFEST_QUIZ_FIELDS}
            if isinstance(output.handoff, QuizVersion)
            else {}
        ),
        **({"notes_pages": output.handoff.notes_pages} if isinstance(output.handoff, BookletPages) else {}),
    }


def booklet_notes_pages(manifest: Manifest | None) -> int:
    """How many Notes pages the booklet of the build `manifest` describes had (0 if unknown)."""
    return manifest.booklet_notes_pages if manifest is not None else 0


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


@dataclass(frozen=True)
class Listed:
    """One file a manifest lists, as packgen reads it back."""

    kind: str
    path: str  # a name a build could have written (is_packgen_name)
    sha256: str | None  # None: listed without a hash packgen could have written
    html: str | None = None  # the --keep-html preview beside it, if one is listed
    html_sha256: str | None = None
    notes_pages: int = 0  # the booklet's Notes pages


@dataclass(frozen=True)
class Manifest:
    """A manifest.json read back: the facts later commands use, each checked once, here."""

    artefacts: tuple[Listed, ...]
    content_sha256: str | None = None
    content: dict[str, str] | None = None  # each content file's hash (inputs.content), if listed
    by_induct: bool = False  # it holds the session and people facts only packgen induct records
    facts: dict = field(default_factory=dict, compare=False)  # the rest, as written (title, version...)

    @classmethod
    def of(cls, data: object) -> Manifest | None:
        """The manifest `data` (parsed JSON) describes, or None if packgen could not have written it."""
        if not isinstance(data, dict):
            return None
        artefacts = data.get("artefacts")
        if not isinstance(artefacts, list) or not all(
            isinstance(a, dict) and isinstance(a.get("kind"), str) and is_packgen_name(a.get("path")) for a in artefacts
        ):
            return None
        inputs = data.get("inputs")
        content = inputs.get("content") if isinstance(inputs, dict) else None
        return cls(
            tuple(_listed(entry) for entry in artefacts),
            _text(data.get("content_sha256")),
            dict(content) if isinstance(content, dict) else None,
            isinstance(data.get("session"), dict) and isinstance(data.get("people"), list),
            {key: value for key, value in data.items() if key != "artefacts"},
        )

    @property
    def kinds(self) -> set[str]:
        return {entry.kind for entry in self.artefacts}

    @property
    def booklet_notes_pages(self) -> int:
        return next((entry.notes_pages for entry in self.artefacts if entry.kind == "booklet"), 0)


def _listed(entry: dict) -> Listed:
    notes = entry.get("notes_pages")
    html = entry.get("html")
    return Listed(
        entry["kind"],
        entry["path"],
        entry["sha256"] if is_sha256(entry.get("sha256")) else None,
        html if is_packgen_name(html) else None,
        entry["html_sha256"] if is_sha256(entry.get("html_sha256")) else None,
        notes if isinstance(notes, int) and not isinstance(notes, bool) else 0,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def read_manifest(out_dir: Path) -> Manifest | None:
    """The manifest in `out_dir`, or None if there is none or it is not one packgen could have written.
    A link, a FIFO or a device is never read (it could hang or point anywhere): None."""
    data = _read_plain_file(out_dir / MANIFEST, MAX_MANIFEST_BYTES)
    try:
        return Manifest.of(json.loads(data.decode("utf-8"))) if data is not None else None
    except ValueError:
        return None


def _read_plain_file(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link) of at most `limit` bytes, else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def is_packgen_name(path) -> bool:
    """A file name a build could have written: plain, relative, in normal form, never climbing out
    with '..', with no control characters and no component longer than the file system takes."""
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_CHARACTERS:
        return False
    parts = path.split("/")
    return all(
        part not in ("", ".", "..") and len(part.encode("utf-8", "replace")) <= 255 for part in parts
    ) and not any(ord(c) < 32 or ord(c) == 127 or c == "\\" or 0xD800 <= ord(c) <= 0xDFFF for c in path)


def dump(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
