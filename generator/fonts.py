"""The characters the bundled fonts can print: anything else is refused when content loads.

The PDFs embed only the fonts in templates/fonts (Atkinson Hyperlegible, with DejaVu Sans as a
fallback for letters such as Welsh ŵ and ŷ). Refusing other characters up front means a
booklet never prints an empty box where a character should be, and never depends on what
fonts happen to be installed on the machine that builds it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from generator.paths import TEMPLATES

FONT_FILES = (
    "AtkinsonHyperlegible-Regular.ttf",
    "AtkinsonHyperlegible-Bold.ttf",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
)
ALWAYS_ALLOWED = {"\n", "\t", "\r"}


@lru_cache(maxsize=1)
def printable() -> frozenset[int]:
    """Code points that every weight of the bundled fonts (with fallback) can draw."""
    from fontTools.ttLib import TTFont

    regular = set()
    bold = set()
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
