"""Pocket cards for a print shop: one face to a page, 85 x 55 mm with 3 mm bleed, PDF/X-4.

A module of its own, beside the office sheet (cards.py), so the two are rendered side by side
and a cards.yaml edit waits for the longer of them, not for both. Both measure the faces
first: either may be built alone (`--only cards-print`).

A print shop trims exactly, so its cards carry what an office sheet cannot: a band of the
council's accent colour along the top edge, printed into the bleed and trimmed off with it.
"""

from __future__ import annotations

import io

import pikepdf

from generator.artefacts.base import BuildContext, Output
from generator.html.branding import colours_of
from generator.artefacts.cards import measure, page_html
from generator.artefacts.registry import BY_NAME
from generator.pdf.render import render_pdf
from generator.pdf.pdfx import make_pdfx4, print_colours

KINDS, NEEDS = BY_NAME["cards_print"].kinds, BY_NAME["cards_print"].needs  # its registry entry
MM = 72 / 25.4
BAND_INSIDE_TRIM_MM = 2.5  # the card's text stands 5 mm inside the trim: the band stays clear of it


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.cards is None:
        return []  # the pack has no cards.yaml
    measure(context)
    html = page_html(context, "print")
    what = "the pocket cards print file"
    pdf = render_pdf(html, context.templates, context.readable_roots, what=what)
    colours = colours_of(context.pack)
    banded = with_brand_band(pdf.data, colours.accent)
    data = make_pdfx4(banded, context.built, what=what, cmyk_for=print_colours(colours))
    return [Output("cards-print", "cards-print.pdf", data, pdf.pages, html, notes=pdf.notes)]


def with_brand_band(data: bytes, accent: str) -> bytes:
    """Every face with a band of `accent` from the bleed's top edge to 2.5 mm inside the trim,
    drawn over the card's white ground, where no text stands (the text keeps 5 mm inside the trim)."""
    red, green, blue = (int(accent[i : i + 2], 16) / 255 for i in (1, 3, 5))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            bleed = [float(v) for v in page.obj.BleedBox]
            trim_top = float(page.obj.TrimBox[3])
            bottom = trim_top - BAND_INSIDE_TRIM_MM * MM
            band = (
                f"q /Artifact BMC {red:.6f} {green:.6f} {blue:.6f} rg "
                f"{bleed[0]:.3f} {bottom:.3f} {bleed[2] - bleed[0]:.3f} {bleed[3] - bottom:.3f} re f EMC Q\n"
            )
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)  # the card's own state ends before the band
            page.contents_add(pdf.make_stream(b"\nQ\n" + band.encode("ascii")), prepend=False)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
