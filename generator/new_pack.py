"""`packgen new`: a starter pack that passes `packgen check` and builds at once, as a draft.

The starter files (generator/starter/) hold one example section of every kind, each with
comments saying how to write it, a small quiz.yaml and cards.yaml, and a council.yaml. They
are Jinja templates only so the answers (title, council, owner, dates) can be filled in; every
answer is written as a quoted YAML string, so no answer can change the files' structure.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.content.council import COUNCIL_FILE
from generator.content.council_reader import council_file, read_council
from generator.errors import ContentError
from generator.content.reader import PACK_FILE, SECTIONS_FOLDER, load_pack

STARTER = Path(__file__).resolve().parent / "starter"
# One example section of every kind, in the order the starter pack prints them.
EXAMPLE_SECTIONS = {
    "prose": "introduction.yaml",
    "pros-and-cons": "benefits-and-risks.yaml",
    "responsibilities": "responsibilities.yaml",
    "legal-issues": "legal-issues.yaml",
    "checklist": "checklist.yaml",
}


@dataclass(frozen=True)
class Answers:
    """What `packgen new` asks for."""

    title: str
    organisation: str
    owner: str
    audience: str
    approved_by: str
    contact: str
    issued: dt.date

    @property
    def review_due(self) -> dt.date:
        """A year on (28 February for a pack issued on 29 February)."""
        try:
            return self.issued.replace(year=self.issued.year + 1)
        except ValueError:
            return self.issued.replace(year=self.issued.year + 1, day=28)


def why_not_writable(folder: Path) -> str | None:
    """Why `folder` cannot take a new pack, or None if it can (it is missing or empty)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return f"{folder} exists and is not a folder"
    if folder.is_dir() and any(folder.iterdir()):
        return f"{folder} is not empty; give the name of a new folder (packgen new never writes over files)"
    return None


def shared_council(folder: Path) -> Path | None:
    """A council.yaml beside the new pack, which it will use instead of writing its own."""
    found = council_file(folder)
    return found if found is not None and found.parent != folder else None


def _own_keys(folder: Path, answers: Answers) -> dict[str, str]:
    """The answers pack.yaml must hold itself: with a shared council.yaml, those it does not give."""
    if shared_council(folder) is None:
        return {}  # the new council.yaml holds them all
    council = read_council(folder, [])
    given = {"organisation": council.name, "owner": council.owner, "contact": council.contact} if council else {}
    wanted = {"organisation": answers.organisation, "owner": answers.owner, "contact": answers.contact}
    return {key: value for key, value in wanted.items() if given.get(key) != value}


def create_pack(folder: Path, answers: Answers) -> list[Path]:
    """Write the starter pack into `folder` (missing or empty), check it loads, and return the
    files written. If it does not load (an answer the content rules refuse, such as a title in
    capitals), the files written are removed again and the problems raised."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name, text in starter_files(folder, answers).items():
            path = folder / name
            path.parent.mkdir(exist_ok=True)
            with open(path, "x", encoding="utf-8") as stream:  # "x": never over a file that appeared meanwhile
                stream.write(text)
            written.append(path)
        load_pack(folder)
    except (ContentError, OSError):
        for path in reversed(written):
            path.unlink(missing_ok=True)
        if (folder / SECTIONS_FOLDER).is_dir() and not any((folder / SECTIONS_FOLDER).iterdir()):
            (folder / SECTIONS_FOLDER).rmdir()
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return written


def starter_files(folder: Path, answers: Answers) -> dict[str, str]:
    """Each starter file's path in the pack and its text, with the answers filled in."""
    environment = Environment(
        loader=FileSystemLoader(str(STARTER)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a quoted YAML string
    values = {
        "title": answers.title,
        "organisation": answers.organisation,
        "owner": answers.owner,
        "audience": answers.audience,
        "approved_by": answers.approved_by,
        "contact": answers.contact,
        "issued": answers.issued.isoformat(),
        "review_due": answers.review_due.isoformat(),
        "folder": folder.name,
        "sections": list(EXAMPLE_SECTIONS.values()),
        "own_keys": _own_keys(folder, answers),
    }
    names = [PACK_FILE, "quiz.yaml", "cards.yaml"] + [f"{SECTIONS_FOLDER}/{n}" for n in EXAMPLE_SECTIONS.values()]
    if shared_council(folder) is None:
        names.append(COUNCIL_FILE)
    return {name: environment.get_template(name).render(**values) for name in names}
