"""Load a pack folder into the content model, or report every problem at once."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.content import model
from generator.errors import ContentError, Problem
from generator.content.bilingual import read_twins
from generator.content.cards_model import load_cards
from generator.content.council_files import council_assets, council_path
from generator.content.council_reader import council_file, read_council
from generator.assets.images import MAX_IMAGE_BYTES, ImageRefused, check_image
from generator.content.languages import is_twin_name, read_languages, source_language
from generator.content.quiz.reader import load_quiz
from generator.content.validation import describe
from generator.content.sources import Sources, YamlProblems, content_sha256, shown
from generator.content.yamlio import YamlFile, read_into, read_yaml

# pack.yaml keys a council.yaml gives a default for: (pack key, council key).
COUNCIL_DEFAULTS = (
    ("organisation", "name"),
    ("owner", "owner"),
    ("contact", "contact"),
    ("other_formats", "other_formats"),
)
PACK_FILE = "pack.yaml"
COUNCIL_FILE_BYTES = 50_000_000  # a council font file can be large
SECTIONS_FOLDER = "sections"
SECTION_FILE = re.compile(r"[a-z0-9][a-z0-9-]*\.yaml")
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg"}


def load_pack(folder: Path, language: str | None = None) -> model.Pack:
    """Read and validate `folder`/pack.yaml and its sections in `language` (None: the pack's first
    language); raise ContentError listing every problem. Every twin is checked, whichever is read."""
    folder = Path(folder)
    problems: list[Problem] = []
    sources = Sources(folder)
    pack, files = source_files(folder, problems, sources)
    extra = {folder / PACK_FILE: tuple(key for key, _ in COUNCIL_DEFAULTS)}
    merged, drift = read_twins(folder, pack.languages, files, problems, sources, extra)
    language = language or pack.languages[0]
    if language not in pack.languages:
        problems.append(
            Problem(shown(folder / PACK_FILE), key_line(folder, "languages"), f"the pack is not written in {language}")
        )
    if problems:
        raise ContentError(problems)
    if language != pack.language:
        twins = merged[language]
        pack = _load(
            folder, lambda path, problems, sources=None: twins[Path(path)], problems, Sources(folder), language
        )
    pack._source_digests = sources.digests()
    pack._translation_drift = tuple(drift)
    return pack


def source_files(
    folder: Path, problems: list[Problem] | None = None, sources: Sources | None = None
) -> tuple[model.Pack, dict[Path, YamlFile]]:
    """The pack in its source language, twins unread, and each content file it was read from."""
    problems = [] if problems is None else problems
    sources = sources or Sources(folder)
    files: dict[Path, YamlFile] = {}

    def read(path: Path, problems: list[Problem], sources: Sources | None = sources) -> YamlFile | None:
        found = read_into(path, problems, sources)
        if found is not None:
            files[Path(path)] = found
        return found

    return _load(Path(folder), read, problems, sources, None), files


def _load(folder: Path, read, problems: list[Problem], sources: Sources, language: str | None) -> model.Pack:
    """The pack as `read` gives its files (the source files, or twins laid over them)."""
    pack_file = read(folder / PACK_FILE, problems, sources)
    if pack_file is None:
        raise ContentError(problems)
    if not isinstance(pack_file.data, dict):
        raise ContentError([Problem(pack_file.path, 1, "should be a set of keys such as title: and version:")])
    data = dict(pack_file.data)
    for reserved in ("slug", "id", "language"):
        if reserved in data:
            problems.append(
                Problem(
                    pack_file.path,
                    pack_file.line_of((reserved,)),
                    f"'{reserved}' is taken from the folder name; remove it"
                    if reserved != "language"
                    else "'language' is not a key of pack.yaml; list the pack's languages as languages: [cy, en]",
                )
            )
    if "council" in data:
        problems.append(
            Problem(
                pack_file.path,
                pack_file.line_of(("council",)),
                "'council' is read from council.yaml beside the pack; remove it",
            )
        )
        del data["council"]
    data["slug"] = folder.resolve().name  # Path(".").name is ""
    data["languages"] = read_languages(pack_file, problems)
    data["language"] = language or source_language(data["languages"])
    council = read_council(folder, problems)
    council_failed = council is None and council_file(folder) is not None
    if council is not None:
        _record_council(folder, council, sources, problems)
        data |= {
            key: getattr(council, source)
            for key, source in COUNCIL_DEFAULTS
            if key not in data and getattr(council, source) is not None
        }
    section_files = _read_sections(folder, pack_file, data, problems, sources, read)
    _check_logo(folder, pack_file, data, problems, sources)
    try:
        pack = model.Pack.model_validate(data)
    except ValidationError as error:
        errors = [e for e in error.errors() if not (council_failed and _given_by_council(e))]
        problems += [_locate(e, pack_file, section_files) for e in errors]
        raise ContentError(problems) from None
    if problems:  # a section that failed to load would make every quiz or card pointing at it look wrong too
        raise ContentError(problems)
    extras: dict[str, object] = {
        "quiz": load_quiz(folder, pack, problems, sources, read),
        "cards": load_cards(folder, pack, problems, sources, read),
        "council": council,
    }
    if problems:
        raise ContentError(problems)
    if pack.logo is None and council is not None and council.logo is not None:
        # The council's logo, named from the pack folder as a pack's own logo is.
        relative = os.path.relpath(council_path(council, council.logo.file), folder.resolve())
        extras["logo"] = model.Logo(file=relative, alt=council.logo.alt)
    return pack.model_copy(update=extras)


def key_line(folder: Path, key: str) -> int:
    """The line of a top-level key in a pack.yaml that has already loaded cleanly."""
    return read_yaml(Path(folder) / PACK_FILE, "").line_of((key,))


def content_hash(pack: model.Pack) -> str:
    """The hash the manifest records: of the bytes the pack was loaded from, taken once."""
    return content_sha256(pack.source_digests)


def _record_council(folder: Path, council, sources: Sources, problems: list[Problem]) -> None:
    """council.yaml and the files it names (logo, fonts) count in the content hash too, wherever they are."""
    for path in [council_file(folder), *council_assets(council)]:
        if path is None:
            continue  # council.yaml gone since it was read: the next build reads it again
        try:
            sources.record(path, COUNCIL_FILE_BYTES)
        except YamlProblems as error:
            problems.extend(error.problems)


def _given_by_council(error: ErrorDetails) -> bool:
    """A key missing from pack.yaml that council.yaml gives: when council.yaml has a problem of its
    own, that problem is the one to fix, and "'contact' is missing" would be a false second one."""
    return error["type"] == "missing" and len(error["loc"]) == 1 and error["loc"][0] in dict(COUNCIL_DEFAULTS)


def _locate(error: ErrorDetails, pack_file: YamlFile, section_files: dict[int, YamlFile]) -> Problem:
    """Turn a validation error into `path:line: message`, pointing at the YAML that caused it."""
    loc = tuple(error["loc"])
    source, where = pack_file, loc
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int) and loc[1] in section_files:
        source = section_files[loc[1]]
        where = tuple(part for part in loc[2:] if part not in model.SECTION_KINDS and part not in model.BLOCK_TYPES)
    message = describe(error, where)
    council_key = dict(COUNCIL_DEFAULTS).get(str(loc[0])) if len(loc) == 1 else None
    if error["type"] == "missing" and council_key:
        message += f", or give '{council_key}' in a council.yaml beside the pack (see packgen help council)"
    return Problem(source.path, source.line_of(where), message)


def _read_sections(
    folder: Path, pack_file: YamlFile, data: dict, problems: list[Problem], sources: Sources, read=read_into
) -> dict[int, YamlFile]:
    """Replace the list of section file names in `data` with the sections' own data."""
    names = data.get("sections")
    if not isinstance(names, list):
        return {}  # the model reports a missing or mistyped list
    files: dict[int, YamlFile] = {}
    sections: list[dict] = []
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        line = pack_file.line_of(("sections", index))
        if not isinstance(name, str) or not SECTION_FILE.fullmatch(name):
            problems.append(
                Problem(
                    pack_file.path,
                    line,
                    f"section {name!r} should be a file name in "
                    f"{SECTIONS_FOLDER}/ such as general-responsibilities.yaml (lower case, digits, hyphens)",
                )
            )
            continue
        if name in seen:
            problems.append(
                Problem(pack_file.path, line, f"{name} is listed twice (first on line {seen[name]}); list it once")
            )
            continue
        seen[name] = line
        path = folder / SECTIONS_FOLDER / name
        if not os.path.lexists(path):
            problems.append(
                Problem(pack_file.path, line, f"{SECTIONS_FOLDER}/{name} does not exist; create it or correct the name")
            )
            continue
        section_file = read(path, problems, sources)
        if section_file is None:
            continue
        if not isinstance(section_file.data, dict):
            problems.append(Problem(section_file.path, 1, "should be a set of keys starting with kind: and title:"))
            continue
        if "id" in section_file.data:
            problems.append(
                Problem(section_file.path, section_file.line_of(("id",)), "'id' is taken from the file name; remove it")
            )
        files[len(sections)] = section_file
        sections.append({**section_file.data, "id": name.removesuffix(".yaml")})
    data["sections"] = sections
    problems.extend(_unlisted_sections(folder, pack_file, seen))
    return files


def _unlisted_sections(folder: Path, pack_file: YamlFile, listed: dict[str, int]) -> list[Problem]:
    """A section file pack.yaml does not list would be left out of the booklet without a word.
    A name starting with _ keeps a file out on purpose (a section still being written)."""
    line = pack_file.line_of(("sections",))
    return [
        Problem(
            pack_file.path,
            line,
            f"{SECTIONS_FOLDER}/{path.name} is not listed under sections:, so it would be left out of the booklet; "
            f"add the line '  - {path.name}' under sections: (or rename it _{path.name} to keep it out for now)",
        )
        for path in sorted((folder / SECTIONS_FOLDER).glob("*.yaml"))
        if path.name not in listed and not path.name.startswith("_") and not is_twin_name(path.name)
    ]


def _check_logo(folder: Path, pack_file: YamlFile, data: dict, problems: list[Problem], sources: Sources) -> None:
    logo = data.get("logo")
    if not isinstance(logo, dict) or not isinstance(logo.get("file"), str):
        return
    line = pack_file.line_of(("logo", "file"))
    name = logo["file"]
    path = (folder / name).resolve()
    if "://" in name or not path.is_relative_to(folder.resolve()):
        problems.append(Problem(pack_file.path, line, f"logo file {name!r} must be a file inside the pack folder"))
    elif path.suffix.lower() not in LOGO_TYPES:
        problems.append(Problem(pack_file.path, line, f"logo file {name!r} should be an SVG, PNG or JPEG"))
    elif not os.path.lexists(path):
        problems.append(Problem(pack_file.path, line, f"logo file {name!r} does not exist in {shown(folder)}"))
    else:
        try:
            check_image(path)
            sources.read(path, name, MAX_IMAGE_BYTES)
        except ImageRefused as refusal:
            problems.append(Problem(pack_file.path, line, f"logo file {name!r} {refusal}"))
        except YamlProblems as error:
            problems += [Problem(pack_file.path, line, f"logo file {name!r} {p.message}") for p in error.problems]
