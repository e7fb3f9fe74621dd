"""One choice of templates and inputs, made here for every command that reads a pack: build,
check, induct and watch.

The templates folder is --templates when given, else a `templates/` folder beside the
council.yaml the pack uses, else packgen's own. A council's folder may hold only the files it
changes; the rest come from packgen's own, so a build reads both. Besides the templates, a
build reads the pack folder (its sections are listed as well as read) and, outside it, the
council.yaml and the logo and fonts that file names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.council_files import council_assets
from generator.content.council_reader import council_file, read_council
from generator.paths import TEMPLATES

TEMPLATES_BESIDE_COUNCIL = "templates"


def templates_in_use(pack_dir: Path, templates: Path | None = None) -> Path:
    """--templates, else a templates/ folder beside the pack's council.yaml, else packgen's own."""
    if templates is not None:
        return Path(templates)
    council = council_file(pack_dir)
    beside = council.parent / TEMPLATES_BESIDE_COUNCIL if council is not None else None
    return beside if beside is not None and beside.is_dir() else TEMPLATES


@dataclass(frozen=True)
class Reads:
    """What a command on the pack reads: folders read whole, and single files outside them (resolved)."""

    pack_dir: Path
    templates: Path  # the folder templates are looked for in first
    council_files: tuple[Path, ...] = ()  # council.yaml and the logo and fonts it names
    unread_council: Path | None = None  # the folder of a council.yaml that cannot be read yet

    @property
    def template_folders(self) -> tuple[Path, ...]:
        """The templates folder in use and, under a council's folder, packgen's own filling its gaps."""
        if self.templates == TEMPLATES.resolve():
            return (self.templates,)
        return (self.templates, TEMPLATES)

    @property
    def folders(self) -> tuple[Path, ...]:
        """Folders read whole: a new file in one can change the build."""
        return (self.pack_dir, *self.template_folders, *([self.unread_council] if self.unread_council else []))


def reads(pack_dir: Path, templates: Path | None = None) -> Reads:
    """The templates folder and the files a command on the pack at `pack_dir` reads. While its
    council.yaml cannot be read (a missing logo, a typo), the logo and fonts it names are not known,
    so its whole folder counts: copying the missing logo in is a change."""
    council_yaml = council_file(pack_dir)
    files: tuple[Path, ...] = ()
    unread = None
    if council_yaml is not None:
        council = read_council(pack_dir, [])
        files = (council_yaml.resolve(), *council_assets(council))
        unread = council_yaml.parent.resolve() if council is None else None
    return Reads(Path(pack_dir).resolve(), templates_in_use(pack_dir, templates).resolve(), files, unread)
