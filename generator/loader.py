"""Load a pack folder into the content model, or report every problem at once."""
from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

from pydantic import ValidationError

from generator import model
from generator.errors import ContentError, Problem
from generator.images import ImageRefused, check_image
from generator.yamlio import YamlFile, YamlProblems, read_yaml

PACK_FILE = "pack.yaml"
SECTIONS_FOLDER = "sections"
SECTION_FILE = re.compile(r"[a-z0-9][a-z0-9-]*\.yaml")
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg"}
DOCS = "docs/content-format.md"


def shown(path: Path) -> str:
    """A path as the user should see it: relative to where they are, if it is below there."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def load_pack(folder: Path) -> model.Pack:
    """Read and validate `folder`/pack.yaml and its sections; raise ContentError listing every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    pack_file = _read(folder / PACK_FILE, problems)
    if pack_file is None:
        raise ContentError(problems)
    if not isinstance(pack_file.data, dict):
        raise ContentError([Problem(pack_file.path, 1, "should be a set of keys such as title: and version:")])
    data = dict(pack_file.data)
    for reserved in ("slug", "id"):
        if reserved in data:
            problems.append(Problem(pack_file.path, pack_file.line_of((reserved,)),
                                    f"'{reserved}' is taken from the folder name; remove it"))
    data["slug"] = folder.name
    section_files = _read_sections(folder, pack_file, data, problems)
    _check_logo(folder, pack_file, data, problems)
    try:
        pack = model.Pack.model_validate(data)
    except ValidationError as error:
        problems += [_locate(e, pack_file, section_files) for e in error.errors()]
        pack = None
    if problems:
        raise ContentError(problems)
    return pack


def content_hash(folder: Path) -> str:
    """A hash of every file in the pack, so a manifest says exactly what content it was built from."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path, problems: list[Problem]) -> YamlFile | None:
    try:
        return read_yaml(path, shown(path))
    except YamlProblems as error:
        problems.extend(error.problems)
        return None


def _read_sections(folder: Path, pack_file: YamlFile, data: dict, problems: list[Problem]) -> dict[int, YamlFile]:
    """Replace the list of section file names in `data` with the sections' own data."""
    names = data.get("sections")
    if not isinstance(names, list):
        return {}  # the model reports a missing or mistyped list
    files: dict[int, YamlFile] = {}
    sections = []
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        line = pack_file.line_of(("sections", index))
        if not isinstance(name, str) or not SECTION_FILE.fullmatch(name):
            problems.append(Problem(pack_file.path, line, f"section {name!r} should be a file name in "
                                    f"{SECTIONS_FOLDER}/ such as general-responsibilities.yaml (lower case, digits, hyphens)"))
            continue
        if name in seen:
            problems.append(Problem(pack_file.path, line, f"{name} is listed twice (first on line {seen[name]}); list it once"))
            continue
        seen[name] = line
        path = folder / SECTIONS_FOLDER / name
        if not path.is_file():
            problems.append(Problem(pack_file.path, line, f"{SECTIONS_FOLDER}/{name} does not exist; "
                                    "create it or correct the name"))
            continue
        section_file = _read(path, problems)
        if section_file is None:
            continue
        if not isinstance(section_file.data, dict):
            problems.append(Problem(section_file.path, 1, "should be a set of keys starting with kind: and title:"))
            continue
        if "id" in section_file.data:
            problems.append(Problem(section_file.path, section_file.line_of(("id",)),
                                    "'id' is taken from the file name; remove it"))
        files[len(sections)] = section_file
        sections.append({**section_file.data, "id": name.removesuffix(".yaml")})
    data["sections"] = sections
    return files


def _check_logo(folder: Path, pack_file: YamlFile, data: dict, problems: list[Problem]) -> None:
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
    elif not path.is_file():
        problems.append(Problem(pack_file.path, line, f"logo file {name!r} does not exist in {shown(folder)}"))
    else:
        try:
            check_image(path)
        except ImageRefused as refusal:
            problems.append(Problem(pack_file.path, line, f"logo file {name!r} {refusal}"))


def _locate(error: dict, pack_file: YamlFile, section_files: dict[int, YamlFile]) -> Problem:
    """Turn a validation error into `path:line: message`, pointing at the YAML that caused it."""
    loc = tuple(error["loc"])
    source, where = pack_file, loc
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int) and loc[1] in section_files:
        source = section_files[loc[1]]
        where = tuple(part for part in loc[2:] if part not in model.SECTION_KINDS and part not in model.BLOCK_TYPES)
    return Problem(source.path, source.line_of(where), _describe(error, where))


def _describe(error: dict, where: tuple) -> str:
    kind, context = error["type"], error.get("ctx", {})
    name = _name(where)
    value = error.get("input")
    if kind == "packgen":
        message = error["msg"]
        return message if message.startswith(name) else f"{name}: {message}"
    if kind == "missing":
        return f"'{where[-1]}' is missing; add a line '{where[-1]}: ...' (see {DOCS})"
    if kind == "extra_forbidden":
        key = str(where[-1])
        close = difflib.get_close_matches(key, model.KNOWN_KEYS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"remove it or check the spelling (see {DOCS})"
        return f"unknown key '{key}'; {hint}"
    if kind == "union_tag_invalid":
        return f"kind '{value.get('kind') if isinstance(value, dict) else value}' is not known; use one of: {', '.join(model.SECTION_KINDS)}"
    if kind == "union_tag_not_found":
        return f"'kind' is missing; add a line such as 'kind: prose' (one of: {', '.join(model.SECTION_KINDS)})"
    if kind == "string_type":
        return f"{name} should be text, not {_shape(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"{name} should be a list, one item per line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{name} should be a set of keys, not {_shape(value)}"
    if kind == "string_too_short":
        return f"{name} is empty; write the text or remove the line"
    if kind == "string_too_long":
        return f"{name} is {len(value):,} characters long; the limit is {context.get('max_length'):,}"
    if kind == "too_short":
        return f"{name} needs at least {context.get('min_length')} item(s)"
    if kind == "too_long":
        return f"{name} has {context.get('actual_length'):,} items; the limit is {context.get('max_length'):,}"
    if kind == "string_pattern_mismatch" and where[-1:] == ("version",):
        return f'version "{value}" should be one word such as "1.2", with no spaces'
    return f"{name}: {error['msg']}"


def _name(where: tuple) -> str:
    if not where:
        return "this file"
    if isinstance(where[-1], int):
        parent = _name(where[:-1])
        return f"item {where[-1] + 1} of {parent}"
    return str(where[-1])


def _shape(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "empty"
    return f'"{value}"'
