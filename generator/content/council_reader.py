"""Reading council.yaml: a council's name, branding and defaults, shared by the packs beside it.

The file sits in the folder that holds the packs (every pack there uses it); a pack folder
may hold its own, which it uses instead. pack.yaml's own organisation, owner, contact,
other_formats and logo win over the council's (generator/content/reader.py). Colours are
checked for contrast here, when the content is read, so a pale colour is a content error with
its line, never a build.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.content import contrast
from generator.content.council import COUNCIL_FILE, Colours, Council
from generator.content.council_files import council_path
from generator.content.validation import validation_problems
from generator.content.yamlio import YamlFile, read_into
from generator.errors import Problem
from generator.assets.images import ImageRefused, check_image

FONT_TYPES = {".ttf", ".otf"}
# OS/2 fsType bits that forbid what a PDF does with a font: embed it (restricted licence),
# subset it, or use its outlines at all (bitmap embedding only).
FORBIDDEN_EMBEDDING = {
    0x0002: "its licence forbids embedding it (restricted licence)",
    0x0100: "its licence forbids subsetting it, which PDFs need",
    0x0200: "its licence allows only bitmap embedding",
}


# Which colour is drawn on which background, and how much contrast that use needs.
# (colour, background, minimum, what needs it)
CONTRAST_RULES = (
    ("text", "white", contrast.TEXT, "body text needs"),
    ("text", "tint", contrast.TEXT, "text on the tint (cover details, table headings) needs"),
    ("primary", "white", contrast.TEXT, "headings, some of them small (sub-headings, card headings), need"),
    ("primary", "tint", contrast.TEXT, "headings on the tint (tip titles and table headings, 13 pt) need"),
    ("accent", "white", contrast.LARGE_OR_GRAPHIC, "rules, borders and tick boxes need"),
    ("accent", "tint", contrast.LARGE_OR_GRAPHIC, "rules and borders on the tint need"),
)


def council_file(pack_folder: Path) -> Path | None:
    """The council.yaml a pack uses: its own, else the one beside it. A pack given as "." or ".."
    has a parent too: Path(".").parent is "." itself, so the folder is resolved first."""
    folder = Path(pack_folder)
    parent = folder.parent if folder.name not in ("", ".", "..") else folder.resolve().parent
    for candidate in (folder / COUNCIL_FILE, parent / COUNCIL_FILE):
        if candidate.is_file():
            return candidate
    return None


def read_council(pack_folder: Path, problems: list[Problem]) -> Council | None:
    """The council a pack belongs to, or None if there is no council.yaml (or it has problems,
    which are added to `problems`)."""
    path = council_file(pack_folder)
    if path is None:
        return None
    source = read_into(path, problems)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        problems.append(Problem(source.path, 1, "should be a set of keys such as name: and colours:"))
        return None
    if "folder" in source.data:
        problems.append(
            Problem(source.path, source.line_of(("folder",)), "'folder' is not a council.yaml key; remove it")
        )
        return None
    try:
        council = Council.model_validate({**source.data, "folder": str(path.parent.resolve())})
    except ValidationError as error:
        problems.extend(validation_problems(error, source))
        return None
    found = _file_problems(council, source) + contrast_problems(council.colours, source)
    problems.extend(found)
    return None if found else council


def contrast_problems(colours: Colours, source: YamlFile) -> list[Problem]:
    """One problem per colour that fails a rule, naming the ratio and the nearest shade that passes.

    A colour that fails on the tint but passes on white is the tint's fault (too dark), so the
    problem is reported on the tint's line with a lighter tint to use."""

    def ground(name: str, palette: Colours) -> str:
        return contrast.WHITE if name == "white" else palette.tint

    def failing(palette: Colours, key: str) -> list[tuple]:
        """The rules `key` takes part in (as the colour, or as the tint behind one) that fail."""
        return [
            (fg, bg, need)
            for fg, bg, need, _ in CONTRAST_RULES
            if (fg == key or (key == "tint" and bg == "tint"))
            and contrast.ratio(getattr(palette, fg), ground(bg, palette)) < need
        ]

    problems = []
    blamed = set()
    for fg, bg, need, use in CONTRAST_RULES:
        found = contrast.ratio(getattr(colours, fg), ground(bg, colours))
        if found >= need:
            continue
        fg_passes_on_white = all(
            contrast.ratio(getattr(colours, f), contrast.WHITE) >= n
            for f, b, n, _ in CONTRAST_RULES
            if f == fg and b == "white"
        )
        key = "tint" if bg == "tint" and fg_passes_on_white else fg
        if key in blamed:
            continue
        blamed.add(key)
        value = getattr(colours, key)

        def passes(shade: str, key: str = key) -> bool:
            return not failing(colours.model_copy(update={key: shade}), key)

        suggestion = contrast.nearest_passing(value, passes)
        on = "white paper" if bg == "white" else f'the tint "{colours.tint}"'
        subject = f'colours.{fg} "{getattr(colours, fg)}"'
        message = (
            f"{subject} has a contrast of {contrast.shown_ratio(found)} on {on}; {use} at least "
            f"{need:g}:1 (WCAG 2.2 AA)"
        )
        if suggestion:
            message += f'; the nearest {key} that passes is "{suggestion}"'
        problems.append(Problem(source.path, source.line_of(("colours", key)), message))
    return problems


def _file_problems(council: Council, source: YamlFile) -> list[Problem]:
    problems = []
    folder = Path(council.folder)
    if council.logo:
        refusal = _outside_or_missing(
            folder, council.logo.file, {".svg", ".png", ".jpg", ".jpeg"}, "an SVG, PNG or JPEG"
        )
        if refusal is None:
            try:
                check_image(council_path(council, council.logo.file))
            except ImageRefused as error:
                refusal = str(error)
        if refusal:
            problems.append(
                Problem(source.path, source.line_of(("logo", "file")), f"logo file {council.logo.file!r} {refusal}")
            )
    if council.fonts:
        for weight in ("regular", "bold"):
            name = getattr(council.fonts, weight)
            refusal = _outside_or_missing(folder, name, FONT_TYPES, "a TrueType (.ttf) or OpenType (.otf) file")
            refusal = refusal or _embedding_refusal(council_path(council, name))
            if refusal:
                problems.append(
                    Problem(source.path, source.line_of(("fonts", weight)), f"font file {name!r} {refusal}")
                )
    return problems


def _outside_or_missing(folder: Path, name: str, suffixes: set[str], kind: str) -> str | None:
    path = (folder / name).resolve()
    if "://" in name or not path.is_relative_to(folder.resolve()):
        return "must be a file in the folder of council.yaml (or a folder inside it)"
    if path.suffix.lower() not in suffixes:
        return f"should be {kind}"
    if not path.is_file():
        return f"does not exist beside council.yaml ({path})"
    return None


def _embedding_refusal(path: Path) -> str | None:
    """Why the council's font cannot go into a PDF: the file is damaged, or its licence forbids it."""
    from generator.assets.fonts import FontUnreadable, read_font

    try:
        font = read_font(path)
    except FontUnreadable as error:
        return str(error)
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    for bit, reason in FORBIDDEN_EMBEDDING.items():
        if fs_type & bit:
            return f"cannot be used: {reason}; choose a font whose licence allows embedding, such as one under the SIL Open Font License"
    return None
