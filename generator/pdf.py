"""Render HTML to a tagged PDF with WeasyPrint, reading only what the pack allows.

Shared by every PDF artefact. A WeasyPrint warning (a missing image, an unreadable
stylesheet, a bad CSS rule) fails the render: a booklet that silently lost its logo is
worse than no booklet.
"""
from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import PackgenError, RenderError


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    anchor_pages: dict[str, int] = field(default_factory=dict)  # element id -> 1-based page


def confined_fetcher(allowed_roots: list[Path]):
    """A URL fetcher that serves files below `allowed_roots` and refuses everything else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    roots = [Path(r).resolve() for r in allowed_roots]

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise FatalURLFetchingError(f"refused to fetch {url!r}: only files inside the pack are read")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise FatalURLFetchingError(f"refused to read {path}: it is not a file inside the pack or templates")
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime or "application/octet-stream"})

    return ConfinedFetcher()


class _WarningsCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(html: str, base_dir: Path, allowed_roots: list[Path], what: str) -> RenderedPdf:
    """Lay out `html` and write it as a PDF/UA-1 document. `what` names it in errors."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    collector = _WarningsCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/",
            url_fetcher=confined_fetcher(allowed_roots),
        ).render(pdf_variant="pdf/ua-1")
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        raise RenderError(f"{what}: {error}") from None
    except PackgenError:
        raise
    except (Exception, RecursionError) as error:  # a layout engine fault must not become a traceback
        raise RenderError(f"{what} could not be laid out ({type(error).__name__}: {error}); nothing was written") from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        details = "; ".join(dict.fromkeys(collector.messages))
        raise RenderError(f"{what}: WeasyPrint reported a problem, so nothing was written: {details}")
    anchors = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    return RenderedPdf(data, len(document.pages), anchors)
