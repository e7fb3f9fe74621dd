"""`packgen new`: a starter pack that passes `packgen check` and builds at once, as a draft.

The starter files (generator/starter/) hold one example section of every kind, each with
comments saying how to write it, a small quiz.yaml and cards.yaml, and a council.yaml. They
are Jinja templates only so the answers (title, council, owner, dates) can be filled in; every
answer is written as a quoted YAML string, so no answer can change the files' structure.

A pack in Welsh (`--languages cy,en`, or `cy` alone) takes its Welsh from the starter's twins
(generator/starter/*.cy.yaml): beside the English files as twins, recorded as current by
`packgen translate --accept`'s own function, or as the files themselves in a Welsh-only pack.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.authoring.translate import accept
from generator.content.council import COUNCIL_FILE
from generator.content.council_reader import council_file, read_council
from generator.content.languages import LANGUAGE_NAMES, source_language, twin_languages, twin_path
from generator.content.reader import PACK_FILE, SECTIONS_FOLDER, load_pack
from generator.errors import OutputError, UsageProblem
from generator.paths import PACKAGE

STARTER = PACKAGE / "starter"
# One example section of every kind, in the order the starter pack prints them.
EXAMPLE_SECTIONS = {
    "prose": "introduction.yaml",
    "pros-and-cons": "benefits-and-risks.yaml",
    "responsibilities": "responsibilities.yaml",
    "legal-issues": "legal-issues.yaml",
    "checklist": "checklist.yaml",
}
NAME_MAX = 255  # bytes in one file or folder name, on every file system Linux mounts
# Why a folder could not be made, as an officer would say it.
CANNOT_WRITE = {
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "the system does not allow new folders there",
    errno.ENOENT: "the system does not allow new folders there",  # e.g. under /proc
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is full",
    errno.ENAMETOOLONG: "the path is too long",
    errno.ENOTDIR: "part of the path is a file, not a folder",
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
    languages: tuple[str, ...] = ("en",)

    @property
    def review_due(self) -> dt.date:
        """A year on (28 February for a pack issued on 29 February)."""
        try:
            return self.issued.replace(year=self.issued.year + 1)
        except ValueError:
            return self.issued.replace(year=self.issued.year + 1, day=28)


def parse_languages(text: str) -> tuple[str, ...]:
    """`--languages cy,en` as a tuple of codes, in the order given; anything else refused in one line."""
    codes = tuple(code.strip() for code in text.split(","))
    known = ", ".join(f"{code} ({name})" for code, name in LANGUAGE_NAMES.items())
    for code in codes:
        if code not in LANGUAGE_NAMES:
            raise UsageProblem(
                f"--languages: {code!r} is not a language packgen prints; use {known}, e.g. --languages cy,en"
            )
    if len(set(codes)) != len(codes):
        raise UsageProblem(f"--languages: {text!r} lists a language twice; list each once, e.g. --languages cy,en")
    return codes


def default_audience(organisation: str, languages: tuple[str, ...]) -> str:
    """Who the pack is for, unless told, in the language of its untagged files."""
    if source_language(languages) == "cy":
        return f"Cynghorwyr a swyddogion {organisation}"
    return f"Councillors and officers of {organisation}"


def default_contact(owner: str, organisation: str, languages: tuple[str, ...]) -> str:
    """The contact line, unless told, in the language of its untagged files."""
    if source_language(languages) == "cy":
        return f"Os oes gennych gwestiwn am y canllawiau hyn, cysylltwch â'r {owner}, {organisation}."
    return f"If you have a question about this guidance, contact the {owner}, {organisation}."


def why_not_writable(folder: Path) -> str | None:
    """Why `folder` cannot take a new pack, as the command line gives it, or None if it can (it
    is missing or empty). Asked before any question, so nobody answers them in vain."""
    for name in folder.parts:
        if len(os.fsencode(name)) > NAME_MAX:
            return f"the folder name {_shortened(name)} is too long: at most {NAME_MAX} letters; choose a shorter one"
    try:
        for parent in reversed(folder.parents):
            if parent.exists() and not parent.is_dir():
                return f"{parent} is a file, not a folder; give a folder path for the new pack"
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return f"{folder} exists and is not a folder"
        if folder.is_dir() and any(folder.iterdir()):
            return f"{folder} is not empty; give the name of a new folder (packgen new never writes over files)"
    except OSError as error:
        return f"{_shortened(str(folder))} cannot be used: {_plainly(error)}"
    return None


def _shortened(text: str) -> str:
    return repr(text if len(text) <= 60 else f"{text[:40]}...{text[-12:]}")


def _plainly(error: OSError) -> str:
    return CANNOT_WRITE.get(error.errno or 0, (error.strerror or str(error)).lower())


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
    files written. If anything stops it (an answer the content rules refuse, such as a title in
    capitals; a folder that cannot be written, raised as an OutputError; Ctrl-C), every file and
    folder it made is removed again: nothing is left half-written."""
    written: list[Path] = []
    made: list[Path] = []  # folders this call created, parents first
    try:
        _make_folder(folder, made)
        for name, text in starter_files(folder, answers).items():
            path = folder / name
            _make_folder(path.parent, made)
            with open(path, "x", encoding="utf-8") as stream:  # "x": never over a file that appeared meanwhile
                written.append(path)
                stream.write(text)
        for code in twin_languages(answers.languages):  # the starter's Welsh is current: no drift warning
            for name in _content_names():
                accept(folder, twin_path(Path(name), code).as_posix())
        load_pack(folder)
    except BaseException as error:
        _remove(written, made)
        if isinstance(error, OSError):
            raise OutputError(
                f"cannot write the new pack in {_shortened(str(folder))}: {_plainly(error)}; nothing was written"
            ) from None
        raise
    return written


def _make_folder(folder: Path, made: list[Path]) -> None:
    """Make `folder` and any missing parents, recording each one made."""
    missing = list(takewhile(lambda path: not path.is_dir(), [folder, *folder.parents]))
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _remove(written: list[Path], made: list[Path]) -> None:
    """Undo a `create_pack` that stopped: its files, then its folders, innermost first."""
    for path in reversed(written):
        path.unlink(missing_ok=True)
    for path in reversed(made):
        try:
            path.rmdir()  # only if empty: a file someone else put there meanwhile is kept
        except OSError:
            pass


def quiz_title(title: str, language: str = "en") -> str:
    """The quiz sheet's title, with one colon: a pack title that has its own ("Croeso: ...") gets a dash."""
    words = "gwiriwch eich dealltwriaeth" if language == "cy" else "check your understanding"
    return f"{title} – {words}" if ":" in title else f"{title}: {words}"


def _content_names() -> list[str]:
    """The starter's content files, each of which has a twin in a pack of two languages."""
    return [PACK_FILE, "quiz.yaml", "cards.yaml"] + [f"{SECTIONS_FOLDER}/{n}" for n in EXAMPLE_SECTIONS.values()]


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
        "languages": list(answers.languages),
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
    source = source_language(answers.languages)
    names = _content_names() + ["words.txt"]
    if shared_council(folder) is None:
        names.append(COUNCIL_FILE)
    files = {}
    for name in names:  # the untagged files, in the pack's source language
        welsh_only = source != "en" and name in _content_names()
        template = twin_path(Path(name), source).as_posix() if welsh_only else name
        files[name] = environment.get_template(template).render(
            **values, twin=False, quiz_title=quiz_title(answers.title, source)
        )
    for code in twin_languages(answers.languages):
        for name in _content_names():
            twin = twin_path(Path(name), code).as_posix()
            files[twin] = environment.get_template(twin).render(
                **values, twin=True, twin_name=twin, source_name=name, quiz_title=quiz_title(answers.title, code)
            )
    return files
