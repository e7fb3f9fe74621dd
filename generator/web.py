"""The accessible web version: web/index.html with its stylesheet, fonts and logo beside it.

One page (the packs are short enough to read and search as one), no JavaScript, and only
relative addresses, so the folder can be copied to any web server as it is. The quiz is left
out, since it would give the answers away; the pocket cards' words come last, as a summary.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.artefact import BuildContext, Output
from generator.templating import TEMPLATES

KINDS = ("web",)
NEEDS = ()

FOLDER = "web"
FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")


@dataclass(frozen=True)
class CardSummary:
    title: str
    lines: tuple[str, ...]


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    logo_file = _logo_file(context)
    logo_name = logo_file and "logo" + Path(logo_file).suffix.lower()
    html = context.render("web/index.html.j2", logo_svg=_inline_svg(context), logo_file=logo_name,
                          card_summaries=_card_summaries(context))
    files = {"index.html": html.encode("utf-8"), "style.css": _template_file(context, "web/style.css")}
    files |= {f"fonts/{name}": _template_file(context, f"fonts/{name}") for name in FONTS}
    if logo_file:
        files[logo_name] = (context.pack_dir / logo_file).read_bytes()
    return [Output("web", f"{FOLDER}/{name}", data) for name, data in files.items()]


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
    return [CardSummary(face.heading, tuple(line.text for line in face.lines))
            for card in cards.cards for face in (card.front, card.back) if face.lines]
