"""Bilingual pocket cards (a pack in Welsh and English): Welsh on the front of every card, English on
its back, as the Welsh Language Standards expect of a printed bilingual document: Welsh met first.

Each face of each card becomes a card of its own: the Welsh face on the front and the same face in
English behind it (a card's front face, then its back face). The sheet is cards.py's: the same
geometry, crop marks and duplex alignment (backs mirrored for a long-edge flip), so page 1 holds
Welsh faces only and page 2 their English. The print-shop file is cards_print.py's: one face to a
page, Welsh then English, with bleed, the accent band, PDF/X-4. Every face is measured in its own
language first (cards.measure), so a Welsh line longer than the English stops the build as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.cards import GEOMETRY, measure, office_print_settings, sheet_pages
from generator.artefacts.cards_print import with_brand_band
from generator.clock import short_date
from generator.content.card_set import Card
from generator.html.branding import colours_of
from generator.html.qr import qr_svg
from generator.i18n import _, words_for
from generator.pdf.pdfx import make_pdfx4, print_colours
from generator.pdf.render import render_pdf

TEMPLATE = "cards.bilingual.html.j2"
SHEET, PRINT = "cards-sheet-bilingual", "cards-print-bilingual"  # kinds, and their files' names
KINDS, NEEDS = (SHEET, PRINT), ()  # its registry entry: made once from every language of the pack
PRINTING = (
    _("Print double-sided, flip on long edge, at 100%% scale (actual size). Cut along the crop marks."),
    _("The backs of the cards: this page prints on the back of the page before it."),
)


@dataclass(frozen=True)
class FaceWords:
    """One language's fixed words on a card face."""

    lang: str
    stamp: str  # v1.0 · review 12 May 2027 (· overdue), as cards.html.j2 prints it
    scan: str  # the QR code's caption
    organisation: str
    watermark: str | None
    printing: tuple[str, str]  # the sheet's instructions: on the fronts' page, on the backs' page


def face_words(context: BuildContext) -> FaceWords:
    pack, words = context.pack, words_for(context.pack)
    stamp = [
        words.phrase("v%(version)s", version=pack.version),
        words.phrase("review %(date)s", date=short_date(pack.review_due, words.language)),
    ]
    if context.overdue:
        stamp.append(words.phrase("overdue"))
    return FaceWords(
        lang=words.html_tag,
        stamp=" · ".join(stamp),
        scan=words.phrase("Scan for the full guidance"),
        organisation=pack.organisation,
        watermark=context.watermark,
        printing=(words.phrase(PRINTING[0]), words.phrase(PRINTING[1])),
    )


def bilingual_cards(welsh: tuple[Card, ...], english: tuple[Card, ...]) -> tuple[Card, ...]:
    """A card for each face: the Welsh face in front, the English twin of that face behind it.
    Twins hold the same cards in the same order (the reader checks it)."""
    return tuple(
        Card(title=cy.title, line=cy.line, front=getattr(cy, side), back=getattr(en, side))
        for cy, en in zip(welsh, english, strict=True)
        for side in ("front", "back")
    )


def bilingual_html(welsh: BuildContext, english: BuildContext, layout: str) -> str:
    """The bilingual cards as HTML: "sheet" (A4 for the office) or "print" (one face a page)."""
    cards = bilingual_cards(_cards(welsh), _cards(english))
    geometry = GEOMETRY
    what = (
        _("Pocket cards (office sheet): %(title)s")
        if layout == "sheet"
        else _("Pocket cards (print-shop file): %(title)s")
    )
    title = " / ".join(words_for(c.pack).phrase(what, title=c.pack.title) for c in (welsh, english))
    page_size = f"{geometry.page_width}mm {geometry.page_height}mm" if layout == "sheet" else None
    return welsh.render(
        TEMPLATE,
        layout=layout,
        title=title,
        page_size=page_size or f"{geometry.card_width}mm {geometry.card_height}mm",
        geometry=geometry,
        cards=cards,
        sheets=sheet_pages(cards, geometry) if layout == "sheet" else (),
        languages=(face_words(welsh), face_words(english)),
        qr_svg=qr_svg(welsh.pack.url) if welsh.pack.url else "",
    )


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    """The sheet and the print file, made once from the pack in Welsh and in English (the build's
    `context.packs`, registry each_language=False); nothing for a pack not in both languages."""
    contexts = in_welsh_and_english(context)
    if contexts is None:
        return []
    return render_sheet(*contexts) + render_print(*contexts)


def in_welsh_and_english(context: BuildContext) -> tuple[BuildContext, BuildContext] | None:
    """The build's context in Welsh and in English, Welsh first whatever the pack's order, or None."""
    packs = {pack.language: pack for pack in context.packs}
    if "cy" not in packs or "en" not in packs:
        return None
    welsh, english = (replace(context, pack=packs[code], packs=()) for code in ("cy", "en"))
    return welsh, english


def render_sheet(welsh: BuildContext, english: BuildContext) -> list[Output]:
    """cards-sheet-bilingual.pdf: Welsh faces on the front pages, their English on the backs."""
    if welsh.pack.cards is None or english.pack.cards is None:
        return []
    measure(welsh)
    measure(english)
    html = bilingual_html(welsh, english, "sheet")
    pdf = render_pdf(html, welsh.templates, welsh.readable_roots, what="the bilingual pocket cards sheet")
    return [Output(SHEET, f"{SHEET}.pdf", office_print_settings(pdf.data), pdf.pages, html, notes=pdf.notes)]


def render_print(welsh: BuildContext, english: BuildContext) -> list[Output]:
    """cards-print-bilingual.pdf for a print shop: each card's Welsh face, then its English."""
    if welsh.pack.cards is None or english.pack.cards is None:
        return []
    measure(welsh)
    measure(english)
    html = bilingual_html(welsh, english, "print")
    what = "the bilingual pocket cards print file"
    pdf = render_pdf(html, welsh.templates, welsh.readable_roots, what=what)
    colours = colours_of(welsh.pack)
    banded = with_brand_band(pdf.data, colours.accent)
    data = make_pdfx4(banded, welsh.built, what=what, cmyk_for=print_colours(colours))
    return [Output(PRINT, f"{PRINT}.pdf", data, pdf.pages, html, notes=pdf.notes)]


def _cards(context: BuildContext) -> tuple[Card, ...]:
    return context.pack.cards.cards if context.pack.cards else ()
