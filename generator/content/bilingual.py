"""Every twin of a pack's content files, read and laid over its source (see content/twins.py).

load_pack reads the source language first; then each twin is checked against the file it
translates (its shape, and whether the source has changed since it was translated).
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.languages import LANGUAGE_NAMES, language_name, twin_languages, twin_path
from generator.content.translation_record import drift
from generator.content.twins import Overlay
from generator.content.sources import Sources, shown
from generator.content.yamlio import YamlFile, read_into
from generator.errors import ContentError, Problem


def accept_command(folder: Path, twin: Path) -> str:
    """The command that records `twin` as current, as it works pasted where packgen was run."""
    return f"packgen translate {shown(folder)} --accept {Path(twin).relative_to(folder).as_posix()}"


def read_twins(
    folder: Path,
    languages: tuple[str, ...],
    files: dict[Path, YamlFile],
    problems: list[Problem],
    sources: Sources,
    extra_keys: dict[Path, tuple] | None = None,
) -> tuple[dict[str, dict[Path, YamlFile]], list[Problem]]:
    """For each language with twins, each source file's twin laid over it ({code: {source path: file}}),
    and a warning for each block translated from an earlier wording of its source."""
    folder = Path(folder)
    merged: dict[str, dict[Path, YamlFile]] = {}
    warnings: list[Problem] = []
    for code in twin_languages(languages):
        merged[code] = {}
        for path, source in files.items():
            twin = twin_path(path, code)
            if not os.path.lexists(twin):
                problems.append(
                    Problem(
                        source.path,
                        1,
                        f"its {language_name(code)} twin {shown(twin)} does not exist; create it with the "
                        f"{language_name(code)} of this file (packgen translate {shown(folder)} --export {code} "
                        "makes a file for the translators)",
                    )
                )
                continue
            twin_file = read_into(twin, problems, sources)
            if twin_file is None:
                continue
            if not isinstance(twin_file.data, dict):
                problems.append(Problem(twin_file.path, 1, f"should be a set of keys, as {source.path} is"))
                continue
            keys = (extra_keys or {}).get(path, ())
            merged[code][path] = Overlay(source, twin_file, problems, keys).merged()
            warnings += drift(source, twin_file, code, accept_command(folder, twin), problems)
    problems.extend(_stray_twins(files, languages))
    return merged, warnings


def _stray_twins(files: dict[Path, YamlFile], languages: tuple[str, ...]) -> list[Problem]:
    """A twin in a language the pack does not list would never be printed, without a word."""
    return [
        Problem(
            shown(twin_path(path, code)),
            1,
            f"is a {name} twin, but pack.yaml's languages: does not list {code}; "
            f"add {code} to languages: or remove this file",
        )
        for path in files
        for code, name in LANGUAGE_NAMES.items()
        if code not in languages and os.path.lexists(twin_path(path, code))
    ]


def drift_warnings(pack, strict: bool = False) -> list[str]:
    """Each twin block translated from an earlier wording, as warnings; with `strict`, refused."""
    if strict and pack.translation_drift:
        raise ContentError(
            [Problem(p.path, p.line, f"{p.message} (refused because of --strict)") for p in pack.translation_drift]
        )
    return [str(problem) for problem in pack.translation_drift]
