"""The languages of a pack (`languages:` in pack.yaml) and the names of its twins.

A pack's content files are written in its source language: English, unless the pack is
Welsh only (`languages: [cy]`). Each other language has a twin beside every content file,
named with the language's code before `.yaml`: `sections/purpose.cy.yaml`. See
docs/content-format.md ("Languages") and docs/welsh.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.yamlio import YamlFile
from generator.errors import Problem

# The languages packgen prints, by BCP 47 code, with their names as messages use them.
LANGUAGE_NAMES = {"cy": "Welsh", "en": "English"}
DEFAULT_LANGUAGES = ("en",)
LANGUAGES_KEY = "languages"
# A twin's name: the file it translates, with a language code before .yaml.
TWIN_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.yaml$")


def source_language(languages: tuple[str, ...]) -> str:
    """The language of the untagged files: English, unless the pack is Welsh only."""
    return languages[0] if languages == ("cy",) else "en"


def twin_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages that have twins, in the pack's order."""
    return tuple(code for code in languages if code != source_language(languages))


def twin_path(path: Path, code: str) -> Path:
    """`sections/purpose.yaml` -> `sections/purpose.cy.yaml`."""
    return Path(path).with_name(f"{Path(path).name.removesuffix('.yaml')}.{code}.yaml")


def is_twin_name(name: str) -> bool:
    """Whether a file name is a twin of a language packgen knows (`purpose.cy.yaml`)."""
    match = TWIN_NAME.match(name)
    return match is not None and match["code"] in LANGUAGE_NAMES


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def read_languages(pack_file: YamlFile, problems: list[Problem]) -> tuple[str, ...]:
    """pack.yaml's `languages:` as a tuple of codes (default: English), each refusal located to its line."""
    raw = pack_file.data.get(LANGUAGES_KEY) if isinstance(pack_file.data, dict) else None
    if raw is None:
        return DEFAULT_LANGUAGES
    line = pack_file.line_of((LANGUAGES_KEY,))
    if not isinstance(raw, list) or not raw:
        problems.append(
            Problem(
                pack_file.path,
                line,
                "languages should be a list of language codes in the order they are printed, e.g. languages: [cy, en]",
            )
        )
        return DEFAULT_LANGUAGES
    codes: list[str] = []
    known = ", ".join(f"{code} ({name})" for code, name in LANGUAGE_NAMES.items())
    for index, code in enumerate(raw):
        where = pack_file.line_of((LANGUAGES_KEY, index))
        if not isinstance(code, str) or code not in LANGUAGE_NAMES:
            base = str(code).split("-")[0].lower() if isinstance(code, str) else ""
            hint = f"write {base}" if base in LANGUAGE_NAMES else f"use one of: {known}"
            problems.append(Problem(pack_file.path, where, f"language {code!r} is not one packgen can print; {hint}"))
        elif code in codes:
            first = pack_file.line_of((LANGUAGES_KEY, raw.index(code)))
            problems.append(
                Problem(pack_file.path, where, f"language {code} is listed twice (first on line {first}); list it once")
            )
        else:
            codes.append(code)
    return tuple(codes) if len(codes) == len(raw) else DEFAULT_LANGUAGES
