"""The certificate of completion: A4 landscape, rendered once, each person's name put in after.

A document people frame: the council's logo, a frame well inside the paper's edge (an office
printer cannot print to the edge, and a full-page tint costs ink), the name the largest text,
and one or two signature lines centred under it. No status stamp: a certificate records that
someone took the training, whatever the guidance's review date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.artefacts.base import BuildContext
from generator.errors import RenderError
from generator.pdf.render import RenderedPdf, render_pdf
from generator.people.personalise import SlotSize

NAME_SLOT = SlotSize("certificate", 230, 23)  # inside the frame, with room for a long name on two lines


@dataclass(frozen=True)
class Signer:
    """One signature line and the words under it: who signs (first, in bold), then their role."""

    lines: tuple[str, ...]


def signers(context: BuildContext) -> tuple[Signer, ...]:
    """Who signs: the council's `signatories` (or `signatory`) from council.yaml, else the pack's owner."""
    council = context.pack.council
    if council is not None and council.who_signs:
        return tuple(Signer((person.name, person.role, council.name)) for person in council.who_signs)
    return (Signer((context.pack.owner, context.pack.organisation)),)


def signatory(context: BuildContext) -> str:
    """Who signs, as one line of text (the first signatory's name, role and council)."""
    return ", ".join(signers(context)[0].lines)


def render_certificate(
    context: BuildContext, session_date: dt.date | None, signed_by: tuple[Signer, ...]
) -> RenderedPdf:
    html = context.render(
        "induct/certificate.html.j2",
        name_slot=NAME_SLOT.markup(),
        session_date=session_date,
        signers=signed_by,
        logo_svg=_inline_logo(context),
        logo_src=(context.pack_dir / context.pack.logo.file).resolve().as_uri() if context.pack.logo else None,
    )
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the certificate")
    if pdf.pages != 1:
        raise RenderError(f"the certificate came out at {pdf.pages} pages, not one; nothing was written")
    return pdf


def _inline_logo(context: BuildContext) -> Markup | None:
    """An SVG logo goes inline, as on the booklet's cover (through <img> it can vanish silently)."""
    logo = context.pack.logo
    if logo is None or not logo.file.lower().endswith(".svg"):
        return None
    from generator.assets.images import safe_svg

    return Markup(safe_svg(context.pack_dir / logo.file, alt=logo.alt))
