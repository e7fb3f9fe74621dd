"""The certificate of completion: A4 landscape, rendered once, each person's name put in after."""

from __future__ import annotations

import datetime as dt

from generator.artefact import BuildContext
from generator.errors import RenderError
from generator.pdf import RenderedPdf, render_pdf
from generator.personalise import SlotSize

NAME_SLOT = SlotSize("certificate", 257, 20)  # A4 landscape (297 mm) less its side margins


def signatory(context: BuildContext) -> str:
    """Who signs: the council's `signatory` from council.yaml if it names one, else the pack's owner."""
    council = context.pack.council
    if council is not None and council.signatory is not None:
        return f"{council.signatory.name}, {council.signatory.role}, {council.name}"
    return f"{context.pack.owner}, {context.pack.organisation}"


def render_certificate(context: BuildContext, session_date: dt.date | None, signed_by: str) -> RenderedPdf:
    html = context.render(
        "induct/certificate.html.j2", name_slot=NAME_SLOT.markup(), session_date=session_date, signatory=signed_by
    )
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the certificate")
    if pdf.pages != 1:
        raise RenderError(f"the certificate came out at {pdf.pages} pages, not one; nothing was written")
    return pdf
