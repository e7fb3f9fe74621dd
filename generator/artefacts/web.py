"""The accessible web version: web/index.html with its stylesheet, fonts and logo beside it.

One page (the packs are short enough to read and search as one), no JavaScript, and only
relative addresses, so the folder can be copied to any web server as it is. The quiz is left
out, since it would give the answers away; the pocket cards' words come last, as a summary.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.artefacts.base import BuildContext, Output
from generator.errors import RenderError
from generator.content.council_files import council_path
from generator.html.templating import TEMPLATES, css_string
from generator.html.typeset import web_breaks
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["web"].kinds, BY_NAME["web"].needs  # its registry entry

FOLDER = "web"
FILE_FONT_FACE = re.compile(r"@font-face \{[^}]*file:[^}]*\}\n?")
INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)
FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")


# Each language's own name for itself: the link to a page in another language is written in that
# language, as the Welsh Language Standards and WCAG (3.1.2, language of parts) expect.
ENDONYMS = {"cy": "Cymraeg", "en": "English"}


@dataclass(frozen=True)
class Alternate:
    """The web page in another language of the pack: build/<pack>/<code>/web/index.html."""

    code: str  # BCP 47, as hreflang and lang take it
    name: str  # the language's name in itself: Cymraeg, English
    href: str  # relative, from this page's folder


@dataclass(frozen=True)
class CardSummary:
    title: str
    lines: tuple[str, ...]


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    logo_files = _logo(context)
    logo_name = next(iter(logo_files), None)
    font_css, font_files = _council_fonts(context)
    html = context.render(
        "web/index.html.j2",
        logo_svg=None,  # the logo is an <img> now; a council's own copy of the template may still ask
        logo_file=logo_name,
        card_summaries=_card_summaries(context),
        council_font_css=font_css,
        alternates=alternates(context.pack.languages, context.pack.language),
    )
    html = FILE_FONT_FACE.sub("", html)  # the branding's own @font-face rules name files on this machine
    html = with_content_security_policy(web_breaks(html))
    files = {"index.html": html.encode("utf-8"), "style.css": _template_file(context, "web/style.css")}
    files |= {f"fonts/{name}": _template_file(context, f"fonts/{name}") for name in FONTS} | font_files
    files |= logo_files
    return [Output("web", f"{FOLDER}/{name}", data) for name, data in files.items()]


def alternates(languages: tuple[str, ...], language: str) -> list[Alternate]:
    """The page in each other language of the pack, beside this one in its own language folder
    (cy/web/index.html links ../../en/web/index.html); none for a pack in one language."""
    if len(languages) < 2:
        return []
    return [
        Alternate(code, ENDONYMS.get(code, code), f"../../{code}/{FOLDER}/index.html")
        for code in languages
        if code != language
    ]


def _council_fonts(context: BuildContext) -> tuple[Markup, dict[str, bytes]]:
    """A council's own font (council.yaml), copied beside the page and named by a relative address."""
    council = context.pack.council
    fonts = council.fonts if council else None
    if not council or not fonts:
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


def _logo(context: BuildContext) -> dict[str, bytes]:
    """The logo as a file beside the page, shown by <img>: a browser runs no script and loads
    nothing from an SVG it shows as an image. An SVG is written as checked, editors' data dropped."""
    logo = context.pack.logo
    if logo is None:
        return {}
    path = context.pack_dir / logo.file
    suffix = path.suffix.lower()
    if suffix != ".svg":
        return {f"logo{suffix}": path.read_bytes()}
    from generator.assets.images import safe_svg  # checked at load time; read again here to write it out

    return {"logo.svg": safe_svg(path).encode("utf-8")}


def with_content_security_policy(html: str) -> str:
    """The page with a Content-Security-Policy that allows no script, no plug-in, no form and nothing
    from outside the web folder; its own inline <style> blocks are allowed by their hashes."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode('utf-8')).digest()).decode()}'"
        for css in INLINE_STYLE.findall(html)
    )
    policy = (
        f"default-src 'none'; style-src 'self' {hashes}; font-src 'self'; img-src 'self'; "
        "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html, found = HEAD_START.subn(lambda match: match.group(0) + meta, html, count=1)
    if not found:
        raise RenderError(
            "the web page template web/index.html.j2 has no <head>, so it cannot carry its security policy; add one"
        )
    return html


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
