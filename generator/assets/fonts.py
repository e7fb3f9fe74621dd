"""The characters the bundled fonts can print: anything else is refused when content loads.

The PDFs embed only the fonts in templates/fonts (Atkinson Hyperlegible, with DejaVu Sans as a
fallback for letters such as Welsh ŵ and ŷ). Refusing other characters up front means a
booklet never prints an empty box where a character should be, and never depends on what
fonts happen to be installed on the machine that builds it.

A council's own fonts (council.yaml `fonts:`) are read here too, before anything renders:
`read_font` finds a damaged file or one that is not a font at all.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.paths import TEMPLATES

FONT_FILES = (
    "AtkinsonHyperlegible-Regular.ttf",
    "AtkinsonHyperlegible-Bold.ttf",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
)
ALWAYS_ALLOWED = {"\n", "\t", "\r"}
# The tables a renderer reads to lay out text with a font, and those it cannot do without.
# Reading them (a few hundredths of a second; the glyphs themselves are left alone) finds a
# truncated or damaged file before a build, where it would stop a render.
TABLES_READ = ("head", "hhea", "maxp", "OS/2", "cmap", "name", "post", "hmtx", "loca", "glyf", "CFF ")
TABLES_NEEDED = {"head", "hhea", "maxp", "cmap", "name", "hmtx"}
OUTLINES = ({"glyf", "loca"}, {"CFF "}, {"CFF2"})
DAMAGED = (
    "is damaged or is not a font (it cannot be read as TrueType or OpenType); "
    "use the .ttf or .otf file the foundry supplies"
)


class FontUnreadable(Exception):
    """A font file that cannot be used: the message says why, for a person."""


@lru_cache(maxsize=1)
def printable() -> frozenset[int]:
    """Code points that every weight of the bundled fonts (with fallback) can draw."""
    from fontTools.ttLib import TTFont

    regular: set[int] = set()
    bold: set[int] = set()
    for name in FONT_FILES:
        cmap = set(TTFont(TEMPLATES / "fonts" / name, lazy=True).getBestCmap())
        (bold if "Bold" in name else regular).update(cmap)
    return frozenset(regular & bold)


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` the fonts cannot print, described for a person."""
    allowed = printable()
    bad = dict.fromkeys(c for c in text if ord(c) not in allowed and c not in ALWAYS_ALLOWED)
    return [f"{_shown(c)} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character').lower()})" for c in bad]


def _shown(character: str) -> str:
    return repr(character)[1:-1] if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") else character


def read_font(path: Path) -> Any:  # a fontTools TTFont (fontTools has no type information)
    """The font in `path` (a fontTools TTFont) with the tables a renderer needs read and sound;
    FontUnreadable if the file cannot be opened, is damaged or is not a font."""
    from fontTools.ttLib import TTFont

    try:
        with _fonttools_quiet():
            font = TTFont(path, lazy=True)
            for tag in TABLES_READ:
                if tag in font:
                    font[tag]
            font.getBestCmap()
    except OSError as error:
        raise FontUnreadable(f"cannot be opened ({error.strerror or error})") from None
    except Exception:  # fontTools reports damage as whatever its parser hit: struct.error, IndexError, ...
        raise FontUnreadable(DAMAGED) from None
    tables = set(font.keys())
    if not TABLES_NEEDED <= tables or not any(outlines <= tables for outlines in OUTLINES):
        raise FontUnreadable(DAMAGED)
    return font


@contextmanager
def _fonttools_quiet() -> Iterator[None]:
    """fontTools logs what it repairs as it reads (e.g. an odd date): nothing for an officer to act on."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        logger.setLevel(level)
