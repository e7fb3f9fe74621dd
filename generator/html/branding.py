"""A council's branding as every artefact uses it.

HTML artefacts get one stylesheet (templates/parts/branding.html.j2 puts it after
styles/common.css): the council's colours and font as the CSS variables the templates use
(--ink, --primary, --accent, --tint, --font-body), so a template never names a colour or a
font itself. The Word handout gets a `HandoutLook` its styles are built from.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.content.council import Colours
from generator.content.council_files import council_path
from generator.content.model import Pack
from generator.html.templating import css_string

FALLBACK_STACK = '"Packgen Fallback", sans-serif'  # DejaVu Sans, bundled, for letters a font lacks
WORD_FONT = "Arial"  # the Word handout's font without a council font: council machines have it


def colours_of(pack: Pack) -> Colours:
    return pack.council.colours if pack.council else Colours()


def stylesheet(pack: Pack) -> Markup:
    """CSS setting the council's colours and font as variables (packgen's own without a council.yaml)."""
    colours = colours_of(pack)
    rules = []
    variables = {
        "--ink": colours.text,
        "--primary": colours.primary,
        "--accent": colours.accent,
        "--tint": colours.tint,
    }
    council = pack.council
    fonts = council.fonts if council else None
    if council and fonts:
        for weight, name in (("400", fonts.regular), ("700", fonts.bold)):
            uri = council_path(council, name).resolve().as_uri()
            rules.append(
                f"@font-face {{ font-family: {css_string(fonts.name)}; font-weight: {weight}; "
                f"src: url({css_string(uri)}); }}"
            )
        variables["--font-body"] = f"{css_string(fonts.name)}, {FALLBACK_STACK}"
    rules.append(":root { " + " ".join(f"{name}: {value};" for name, value in variables.items()) + " }")
    return Markup("\n".join(rules))


@dataclass(frozen=True)
class HandoutLook:
    """What the Word handout's named styles are built from: colours as RRGGBB, and one font."""

    font: str = WORD_FONT
    text: str = "0B0C0C"  # near-black: full contrast without the glare of pure black
    headings: str = Colours().primary.lstrip("#").upper()  # the PDFs' and web page's heading colour
    rules: str = "505A5F"  # table borders: dark grey, 7:1 on white
    header_fill: str = "E8EAEB"  # a table's header row: light grey behind near-black bold text


def handout_look(pack: Pack) -> HandoutLook:
    if pack.council is None:
        return HandoutLook()
    colours = pack.council.colours
    fonts = pack.council.fonts
    return HandoutLook(
        font=fonts.fallback if fonts else WORD_FONT,
        text=_word(colours.text),
        headings=_word(colours.primary),
        rules=_word(colours.accent),
        header_fill=_word(colours.tint),
    )


def _word(colour: str) -> str:
    return colour.lstrip("#").upper()
