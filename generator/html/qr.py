"""QR codes to a pack's online address, drawn with segno as inline SVG with alternative text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"


def qr_svg(url: str) -> Markup:
    """A QR code for `url` as inline SVG, titled so the tagged PDF gives it alternative text."""
    import segno

    code = segno.make(url, micro=False, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, xmldecl=False, svgns=True, nl=False, omitsize=True, title=alt_text(url))
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(buffer.getvalue())
    root.set("role", "img")
    root.set("aria-label", alt_text(url))
    return Markup(ET.tostring(root, encoding="unicode"))


def qr_png(url: str, scale: int = 8) -> bytes:
    """The same code as a PNG, for Word, which cannot hold SVG."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, micro=False, error="m").save(buffer, kind="png", border=2, scale=scale)
    return buffer.getvalue()


def alt_text(url: str) -> str:
    return f"QR code: opens {url}"
