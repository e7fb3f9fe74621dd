"""The certificate of completion: A4 landscape, rendered once, each person's name put in after.

A document people frame: the council's logo, a frame well inside the paper's edge (an office
printer cannot print to the edge, and a full-page tint costs ink), the name the largest text,
and one or two signature lines centred under it. No status stamp: a certificate records that
someone took the training, whatever the guidance's review date. For a pack in Welsh and English
it is bilingual: every phrase, the title and the date in Welsh, and under each the English.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.artefacts.base import BuildContext
from generator.content.model import Pack
from generator.errors import RenderError
from generator.i18n import _
from generator.pdf.render import RenderedPdf, render_pdf
from generator.people.personalise import SlotSize
from generator.people.two_languages import joined, packs_to_print, sides

NAME_SLOT = SlotSize("certificate", 230, 23)  # inside the frame, with room for a long name on two lines
PHRASES = (
    _("%(title)s: certificate of completion"),
    _("Certificate of completion for %(title)s, version %(version)s"),
    _("Certificate of completion"),
    _("This is to certify that"),
    _("has completed the training"),
    _("Version %(version)s of the guidance"),
    _("Training session on %(date)s"),
)


@dataclass(frozen=True)
class Signer:
    """One signature line and the words under it: who signs (first, in bold), then their role."""

    lines: tuple[str, ...]


def signers(context: BuildContext, packs: tuple[Pack, ...] = ()) -> tuple[Signer, ...]:
    """Who signs: the council's `signatories` (or `signatory`) from council.yaml, else the pack's owner
    (in each language of `packs`, Welsh first: the owner's role, then the organisation's names)."""
    council = context.pack.council
    if council is not None and council.who_signs:
        return tuple(Signer((person.name, person.role, council.name)) for person in council.who_signs)
    printed = packs_to_print(packs or (context.pack,))
    owners = tuple(dict.fromkeys(pack.owner for pack in printed))
    return (Signer((*owners, joined(*(pack.organisation for pack in printed)))),)


def signatory(context: BuildContext) -> str:
    """Who signs, as one line of text (the first signatory's name, role and council)."""
    return ", ".join(signers(context)[0].lines)


def render_certificate(
    context: BuildContext, session_date: dt.date | None, signed_by: tuple[Signer, ...], packs: tuple[Pack, ...] = ()
) -> RenderedPdf:
    """The certificate, without a name; bilingual when `packs` holds the pack in Welsh and in English."""
    html = context.render(
        "induct/certificate.html.j2",
        sides=sides(packs or (context.pack,), PHRASES, session_date, context.built),
        name_slot=NAME_SLOT.markup(),
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
