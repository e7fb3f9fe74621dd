"""Where the files council.yaml names (its logo and fonts) are on this machine.

Kept out of the Council model on purpose: templates are handed the model, and a template must
never hold anything that can reach the file system (a `pathlib.Path` can read, write and delete).
"""

from __future__ import annotations

from pathlib import Path

from generator.content.council import Council


def council_path(council: Council, name: str) -> Path:
    """A file council.yaml names, relative to the folder council.yaml is in."""
    return Path(council.folder) / name


def council_assets(council: Council | None) -> list[Path]:
    """The council's files renderers may read (its logo and fonts), resolved; none without a council."""
    if council is None:
        return []
    names = [council.logo.file] if council.logo else []
    names += [council.fonts.regular, council.fonts.bold] if council.fonts else []
    return [council_path(council, name).resolve() for name in names]
