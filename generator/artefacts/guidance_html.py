"""The guidance as one HTML document, laid out as the A5 booklet or the A4 agenda appendix."""

from __future__ import annotations

from markupsafe import Markup

from generator.artefacts.base import BuildContext, Output
from generator.html.qr import qr_svg
from generator.pdf.rebalance import balanced
from generator.pdf.render import lay_out


def balanced_document(context: BuildContext, layout: str, kind: str, what: str) -> Output:
    """The guidance laid out as `layout` (appendix, large), a page left under a third full before
    the back matter balanced (pdf/rebalance.py), as the one Output of `kind` (`kind`.pdf)."""
    html, laid = balanced(
        guidance_html(context, layout=layout),
        lambda page_html: lay_out(page_html, context.templates, context.readable_roots, what),
    )
    pdf = laid.written()
    return Output(kind, f"{kind}.pdf", pdf.data, pdf.pages, html, notes=pdf.notes)


def guidance_html(context: BuildContext, layout: str, notes_pages: int = 0) -> str:
    """`notes_pages` ruled Notes pages go before the back cover (to pad a booklet to a multiple
    of four pages)."""
    pack = context.pack
    return context.render(
        "document.html.j2",
        layout=layout,
        appendix_label=context.appendix_label,
        notes_pages=notes_pages,
        logo_svg=_inline_svg(context),
        back_logo_svg=_inline_svg(context, id_prefix="back-"),
        qr=qr_svg(pack.url) if pack.url else None,
        logo_src=(context.pack_dir / pack.logo.file).resolve().as_uri() if pack.logo else None,
    )


def _inline_svg(context: BuildContext, id_prefix: str = "") -> Markup | None:
    """An SVG logo goes inline: through <img> WeasyPrint 70 has been seen to drop it silently."""
    logo = context.pack.logo
    if logo is None or not logo.file.lower().endswith(".svg"):
        return None
    from generator.assets.images import safe_svg  # checked at load time; read again here to inline

    return Markup(safe_svg(context.pack_dir / logo.file, alt=logo.alt, id_prefix=id_prefix))
