"""A PDF page as a PNG picture, for the preview page: drawn with PDFium, kept per file and page.

pypdfium2 carries its own PDFium, so an installed packgen draws pages without poppler (an
officer's machine has no pdftoppm), and it draws an A5 page in a few hundredths of a second.
PDFium is not thread-safe: one page is drawn at a time.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

SCALE = 1.5  # 1 is 72 dpi: an A5 page becomes 630 px wide, sharp on the page at 420 CSS px
KEPT = 400  # pictures kept in memory, newest first: two builds of every paged artefact

_lock = threading.Lock()
_pictures: OrderedDict[tuple[str, int], bytes] = OrderedDict()


def page_png(sha256: str, pdf: bytes, page: int) -> bytes | None:
    """Page `page` (from 1) of `pdf` as a PNG, or None if it has no such page."""
    key = (sha256, page)
    with _lock:
        if key in _pictures:
            _pictures.move_to_end(key)
            return _pictures[key]
        picture = _draw(pdf, page)
        if picture is not None:
            _pictures[key] = picture
            while len(_pictures) > KEPT:
                _pictures.popitem(last=False)
        return picture


def _draw(pdf: bytes, page: int) -> bytes | None:
    import pypdfium2  # type: ignore[import-untyped]  # only serve draws pages: build and the rest never load it

    document = pypdfium2.PdfDocument(pdf)
    try:
        if not 1 <= page <= len(document):
            return None
        bitmap = document[page - 1].render(scale=SCALE)
        stream = io.BytesIO()
        bitmap.to_pil().save(stream, "PNG", compress_level=1)  # fast: these cross the loopback, not a network
        return stream.getvalue()
    finally:
        document.close()
