"""What several commands parse alike: which pack, a day, a label, where the output goes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

CONTENT_ROOT = Path("content")


def resolve_pack(name: str | None) -> Path:
    """A pack folder from a path, a name under content/, or the only pack in content/."""
    if name is None:
        packs = sorted(p.parent for p in CONTENT_ROOT.glob("*/pack.yaml"))
        if len(packs) == 1:
            return packs[0]
        if not packs:
            raise click.UsageError(
                "no pack found in content/; name the pack folder, e.g. packgen build content/social-media"
            )
        raise click.UsageError("content/ holds several packs; name one: " + ", ".join(p.name for p in packs))
    candidates = [Path(name)] + ([CONTENT_ROOT / name] if "/" not in name else [])
    for candidate in candidates:
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise click.UsageError(f"{name} is not a pack: there is no pack.yaml in " + " or ".join(map(str, candidates)))


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
    from generator.fonts import unprintable

    if len(value) > MAX_LABEL:
        raise click.BadParameter(f"is {len(value):,} characters; a label may have at most {MAX_LABEL}")
    bad = [c for c in value if c in FORBIDDEN_CHARACTERS] or unprintable(value)
    if bad or not value.strip():
        raise click.BadParameter(
            f"{value!r} cannot be printed: "
            + (f"the pack's fonts cannot print {', '.join(map(str, bad[:5]))}" if bad else "it is empty")
        )
    return value.strip()


def refuse_out_inside_pack(out_root: Path, pack_dir: Path) -> None:
    out_dir, source = (out_root / pack_dir.resolve().name).resolve(), pack_dir.resolve()  # Path(".").name is ""
    if out_dir.is_relative_to(source) or source.is_relative_to(out_dir):
        raise click.UsageError(
            f"--out {out_root} would put the build in or over the pack itself; choose a folder outside the pack folder"
        )


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
