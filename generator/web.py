"""The accessible web version: web/index.html with its stylesheet, fonts and logo beside it.

One page (the packs are short enough to read and search as one), no JavaScript, and only
relative addresses, so the folder can be copied to any web server as it is. The quiz is left
out, since it would give the answers away; the pocket cards' words come last, as a summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.artefact import BuildContext, Output
from generator.content.council_files import council_path
from generator.templating import TEMPLATES, css_string
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["web"]
NEEDS = ()

FOLDER = "web"
FILE_FONT_FACE = re.compile(r"@font-face \{[^}]*file:[^}]*\}\n?")
FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")


@dataclass(frozen=True)
class CardSummary:
    title: str
    lines: tuple[str, ...]


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    logo_file = _logo_file(context)
    logo_name = logo_file and "logo" + Path(logo_file).suffix.lower()
    font_css, font_files = _council_fonts(context)
    html = context.render(
        "web/index.html.j2",
        logo_svg=_inline_svg(context),
        logo_file=logo_name,
        card_summaries=_card_summaries(context),
        council_font_css=font_css,
    )
    html = FILE_FONT_FACE.sub("", html)  # the branding's own @font-face rules name files on this machine
    files = {"index.html": html.encode("utf-8"), "style.css": _template_file(context, "web/style.css")}
    files |= {f"fonts/{name}": _template_file(context, f"fonts/{name}") for name in FONTS} | font_files
    if logo_file:
        files[logo_name] = (context.pack_dir / logo_file).read_bytes()
    return [Output("web", f"{FOLDER}/{name}", data) for name, data in files.items()]


def _council_fonts(context: BuildContext) -> tuple[Markup, dict[str, bytes]]:
    """A council's own font (council.yaml), copied beside the page and named by a relative address."""
    council = context.pack.council
    fonts = council.fonts if council else None
    if not fonts:
        return Markup(""), {}
    rules, files = [], {}
    for weight, name in (("400", fonts.regular), ("700", fonts.bold)):
        target = f"fonts/council-{weight}{Path(name).suffix.lower()}"
        files[target] = council_path(council, name).read_bytes()
        rules.append(
            f"@font-face {{ font-family: {css_string(fonts.name)}; font-weight: {weight}; "
            f"src: url({css_string(target)}); }}"
        )
    return Markup("\n".join(rules)), files


def _template_file(context: BuildContext, name: str) -> bytes:
    """A council's own copy of a template file where its templates folder has one, else packgen's."""
    own = context.templates / name
    return (own if own.is_file() else TEMPLATES / name).read_bytes()


def _inline_svg(context: BuildContext) -> Markup | None:
    logo = context.pack.logo
    if logo is None or not logo.file.lower().endswith(".svg"):
        return None
    from generator.images import safe_svg  # checked at load time; read again here to inline

    return Markup(safe_svg(context.pack_dir / logo.file, alt=logo.alt))


def _logo_file(context: BuildContext) -> str | None:
    """A PNG or JPEG logo is copied beside the page (an SVG goes inline)."""
    logo = context.pack.logo
    if logo is None or logo.file.lower().endswith(".svg"):
        return None
    return logo.file


def _card_summaries(context: BuildContext) -> list[CardSummary]:
    cards = context.pack.cards
    if cards is None:
        return []
    return [
        CardSummary(face.heading, tuple(line.text for line in face.lines))
        for card in cards.cards
        for face in (card.front, card.back)
        if face.lines
    ]
