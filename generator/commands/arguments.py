"""What several commands parse alike: which pack, a day, a label, where the output goes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Sequence

import click

CONTENT_ROOT = Path("content")
# The folders packs are looked for in, from where the command is run: the officer's layout of
# the README (packs/, with council.yaml in it) and the repository's content/.
PACK_ROOTS = (Path("packs"), CONTENT_ROOT)


def pack_root() -> Path:
    """The folder that holds the packs here: packs/ or content/, whichever exists (packs/ if both)."""
    return next((root for root in PACK_ROOTS if root.is_dir()), PACK_ROOTS[0])


def resolve_pack(name: str | None) -> Path:
    """A pack folder from a path, a name under content/ or packs/, the folder the command is run in
    (by its name), or the only pack there is. Every command packgen prints names a pack this way."""
    if name is None:
        return _only_pack()
    candidates = [Path(name)]
    if "/" not in name:
        candidates += [root / name for root in PACK_ROOTS]
        if Path.cwd().name == name:  # standing in the pack folder itself, as its own files suggest
            candidates.append(Path("."))
    for candidate in candidates:
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise click.UsageError(f"{name} is not a pack: there is no pack.yaml in " + " or ".join(map(str, candidates)))


def _only_pack() -> Path:
    if Path("pack.yaml").is_file():
        return Path(".")
    packs = sorted({p.parent for root in PACK_ROOTS for p in root.glob("*/pack.yaml")})
    if len(packs) == 1:
        return packs[0]
    if not packs:
        raise click.UsageError(
            "no pack found in packs/ or content/; name the pack folder, e.g. packgen build packs/induction"
        )
    raise click.UsageError("there are several packs; name one: " + ", ".join(p.name for p in packs))


def parse_day(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)  # fromisoformat also takes 20220301 and 2022-W09-2
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2022-03-01") from None


MAX_LABEL = 60  # characters: "Appendix A to item 7 of the agenda" fits the running head with room to spare


def parse_label(ctx, param, value: str) -> str:
    """A label printed on every page: only characters the bundled fonts print, and short enough to fit."""
    from generator.content.yamlio import FORBIDDEN_CHARACTERS
    from generator.assets.fonts import unprintable

    if len(value) > MAX_LABEL:
        raise click.BadParameter(f"is {len(value):,} characters; a label may have at most {MAX_LABEL}")
    bad = [c for c in value if c in FORBIDDEN_CHARACTERS] or unprintable(value)
    if bad or not value.strip():
        raise click.BadParameter(
            f"{value!r} cannot be printed: "
            + (f"the pack's fonts cannot print {', '.join(map(str, bad[:5]))}" if bad else "it is empty")
        )
    return value.strip()


def refuse_out_inside_pack(
    out_root: Path, pack_dir: Path, templates: Path | None = None, read: Sequence[Path] = ()
) -> None:
    """Refuse (exit 2) an output that would go in or over what is kept with the content: any pack
    folder (one holding a pack.yaml), the content root (content/, or a folder holding a
    council.yaml), packgen's templates, --templates, or any folder the command `read`s
    (generator/pipeline/choice.py's Reads.folders: a watch would see its own output and build
    forever). Every command that writes or deletes under --out calls this first; personal data
    written there would end up in git."""
    from generator.paths import TEMPLATES

    out_dir = (out_root / pack_dir.resolve().name).resolve()  # Path(".").name is ""
    protected = [pack_dir, *PACK_ROOTS, TEMPLATES, *([templates] if templates else []), *read]
    protected += [p for p in (pack_dir, pack_dir.resolve().parent) if _is_file(p / "council.yaml")]
    clash = next((f.resolve() for f in protected if _overlap(out_dir, f.resolve())), None)
    clash = clash or next((a for a in [out_dir, *out_dir.parents] if _holds_sources(a)), None)
    if clash:
        raise click.UsageError(
            f"--out {out_root} would put the output in or over {clash}, which holds a pack, its content "
            "or templates (kept, often in git); choose a folder outside them, e.g. --out build"
        )


def _overlap(a: Path, b: Path) -> bool:
    return a.is_relative_to(b) or b.is_relative_to(a)


def _holds_sources(folder: Path) -> bool:
    return any(_is_file(folder / name) for name in ("pack.yaml", "council.yaml"))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder packgen may not look into holds no pack of this user's
        return False


def out_option(help: str):
    return click.option(
        "--out",
        "out_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("build"),
        show_default=True,
        help=help,
    )


def as_of_option(what: str = "the build clock; default: SOURCE_DATE_EPOCH or today"):
    return click.option(
        "--as-of", callback=parse_day, metavar="YYYY-MM-DD", help=f"Build as if today were this date ({what})."
    )


def templates_option(help: str):
    return click.option(
        "--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help=help
    )
