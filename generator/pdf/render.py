"""Render HTML to a tagged PDF with WeasyPrint, reading only what the pack allows.

Shared by every PDF artefact. A WeasyPrint warning (a missing image, an unreadable
stylesheet, a bad CSS rule) fails the render: a booklet that silently lost its logo is
worse than no booklet. The few messages known to leave the PDF correct (HARMLESS) are
passed on as notes instead: a LaidOut and a RenderedPdf carry the notes of their own layout and
writing, each artefact puts them in its Output.notes, and the build's result shows each once.
No logger or list outside a render holds them.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

from generator.errors import PackgenError, RenderError
from generator.pdf.overflow import refuse_overflow
from generator.html.templating import TEMPLATES
from generator.pdf.continued import remember_elements
from generator.pdf.ua import WATERMARKS, make_accessible

# Any text that could be a DRAFT or SUPERSEDED watermark (CSS may upper-case it): without one,
# the PDF/UA pass need not read every page's text to look for it.
WATERMARK_WORDS = re.compile("|".join(WATERMARKS), re.IGNORECASE)


# WeasyPrint warnings that leave the PDF correct, each with the note shown (once per build) instead
# of failing the build. Keep this list short and explicit: anything not on it fails the build.
HARMLESS = {
    # Without libharfbuzz-subset (>= 4.1) WeasyPrint subsets fonts with fontTools: slower, and the
    # bytes differ from a HarfBuzz-Subset build (each subsetter is reproducible on its own).
    re.compile(r"Using fontTools instead of HarfBuzz-Subset for font "): (
        "fonts are subset with fontTools, which is slower; install libharfbuzz-subset0 (HarfBuzz-Subset "
        "4.1 or newer) for faster builds. The PDFs are correct, but their bytes differ from those built on "
        "a machine with HarfBuzz-Subset"
    ),
}


def sort_messages(messages: list[str]) -> tuple[list[str], list[str]]:
    """(problems that fail the build, notes of harmless messages), each listed once."""
    problems: list[str] = []
    notes: list[str] = []
    for message in dict.fromkeys(messages):
        note = next((note for pattern, note in HARMLESS.items() if pattern.match(message)), None)
        (problems if note is None else notes).append(note or message)
    return problems, list(dict.fromkeys(notes))


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    anchor_pages: dict[str, int] = field(default_factory=dict)  # element id -> 1-based page it starts on
    anchor_last_pages: dict[str, int] = field(default_factory=dict)  # element id -> page it ends on
    notes: tuple[str, ...] = ()  # harmless WeasyPrint notices heard laying it out and writing it (HARMLESS)

    def written(self) -> RenderedPdf:
        """Itself: a render function may give a written PDF where a LaidOut would do."""
        return self


def confined_fetcher(allowed_roots: list[Path], overrides: Path | None = None):
    """A URL fetcher that serves files below `allowed_roots` and refuses everything else.

    With `overrides` (a council's templates folder, which may hold only the files it changes),
    a file missing from it is served from packgen's own templates folder instead, under the
    same URL, so stylesheets and fonts fall back just as templates do."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    roots = [Path(r).resolve() for r in allowed_roots]
    overrides = overrides.resolve() if overrides else None

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise FatalURLFetchingError(f"refused to fetch {url!r}: only files inside the pack are read")
            path = Path(unquote(parts.path)).resolve()
            if overrides and path.is_relative_to(overrides) and not path.is_file():
                path = _packgens_own(path.relative_to(overrides)) or path
            elif not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise FatalURLFetchingError(f"refused to read {path}: it is not a file inside the pack or templates")
            if not path.is_file():
                raise FatalURLFetchingError(f"refused to read {path}: it is not a file inside the pack or templates")
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"})

    return ConfinedFetcher()


def _packgens_own(relative: Path) -> Path | None:
    """packgen's own copy of a template file, if it has one (and it is really inside its folder)."""
    path = (TEMPLATES / relative).resolve()
    return path if path.is_relative_to(TEMPLATES) and path.is_file() else None


class _WarningsCollector(logging.Handler):
    def __init__(self, level: int = logging.WARNING):
        super().__init__(level=level)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _overrides(base_dir: Path, allowed_roots: list[Path]) -> Path | None:
    """The base folder, when it is a council's templates folder laid over packgen's own."""
    base = base_dir.resolve()
    allowed = {Path(r).resolve() for r in allowed_roots}
    return base if base != TEMPLATES and base in allowed else None


def render_pdf(html: str, base_dir: Path, allowed_roots: list[Path], what: str) -> RenderedPdf:
    """Lay out `html` and write it as a PDF/UA-1 document. `what` names it in errors."""
    return lay_out(html, base_dir, allowed_roots, what).written()


class LaidOut:
    """A document laid out into pages, its PDF written only when asked for: a layout made only
    to count its pages (the booklet before its Notes pages) costs no PDF writing."""

    def __init__(self, document, what: str, watermarked: bool, notes: tuple[str, ...] = ()):
        self.document, self.what, self.pages = document, what, len(document.pages)
        self.watermarked = watermarked
        self.notes = notes  # heard while laying it out

    def written(self) -> RenderedPdf:
        with _weasyprint_messages(self.what) as heard:
            data = make_accessible(self.document.write_pdf(pdf_variant="pdf/ua-1"), self.watermarked)
        anchors: dict[str, int] = {}
        last: dict[str, int] = {}
        for number, page in enumerate(self.document.pages, start=1):
            for anchor in page.anchors:  # an element split over pages is an anchor on each of them
                anchors.setdefault(anchor, number)
                last[anchor] = number
        return RenderedPdf(data, self.pages, anchors, last, tuple(dict.fromkeys((*self.notes, *heard))))


def lay_out(html: str, base_dir: Path, allowed_roots: list[Path], what: str) -> LaidOut:
    """The layout of an artefact to be written: refused if anything on a page stands outside its
    text area (generator/pdf/overflow.py). Measuring layouts (cards_fit, personalise) check fit their
    own way, naming the content line or the person, so they call weasyprint_layout directly."""
    document, notes = _layout(html, base_dir, allowed_roots, what, pdf_variant="pdf/ua-1")
    refuse_overflow(document, what)
    return LaidOut(document, what, WATERMARK_WORDS.search(html) is not None, notes)


def weasyprint_layout(html: str, base_dir: Path, allowed_roots: list[Path], what: str, **options):
    """A measuring layout (cards_fit, personalise), through the one door (_layout). Its notes are
    not kept: the known harmless notices come from writing a PDF (font subsetting), and the
    artefact's own render, which follows, hears any again and carries them."""
    return _layout(html, base_dir, allowed_roots, what, **options)[0]


def _layout(html: str, base_dir: Path, allowed_roots: list[Path], what: str, **options) -> tuple[Any, tuple[str, ...]]:
    """The one door to WeasyPrint's layout, for every PDF packgen makes: `html` laid out reading
    only files below `allowed_roots`, never attaching one, and leaving nothing in the temp folder,
    with the notes of any harmless notice heard. A fault or a warning is a RenderError naming
    `what` (see _weasyprint_messages)."""
    import weasyprint

    remember_elements()  # so the PDF/UA pass can join structures cut by a page break

    fetcher = confined_fetcher(allowed_roots, overrides=_overrides(base_dir, allowed_roots))
    with _weasyprint_messages(what) as notes:
        document = weasyprint.HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
        _refuse_attachments(document.etree_element, what)
        with _scratch_temp_folder():
            laid_out = document.render(**options)
    return laid_out, tuple(notes)


def plain_pdf(document, what: str) -> bytes:
    """A measuring layout from weasyprint_layout written as WeasyPrint writes it, with no PDF/UA pass
    (personalise.py cuts its pages into stamps for others), its faults handled as every layout's.
    Its notes are not kept: packgen induct shows none (the named booklets' own renders carry theirs)."""
    with _weasyprint_messages(what):
        return document.write_pdf()


def _refuse_attachments(root, what: str) -> None:
    """WeasyPrint embeds the file behind any <a rel="attachment"> or <link rel="attachment"> in the
    PDF, through the same fetcher as images: refused, as the README promises no attachments."""
    for element in root.iter():
        if "attachment" in str(element.get("rel", "")).lower().split():
            tag = str(element.tag).rpartition("}")[2]
            raise RenderError(
                f'{what}: a template asks to attach a file to the PDF (<{tag} rel="attachment">), which '
                'packgen never does; remove rel="attachment" from the template. Nothing was written'
            )


@contextlib.contextmanager
def _scratch_temp_folder():
    """WeasyPrint copies every @font-face font into a new folder in the temp folder and removes it
    only when its font configuration is garbage-collected, which a renderer process never waits
    for (1.6-4.6 MB a render). The layout's temp folder is one of packgen's, removed at once:
    the fonts are open by then, and the PDF written later is byte for byte the same."""
    with tempfile.TemporaryDirectory(prefix="packgen-layout-") as folder:
        previous, tempfile.tempdir = tempfile.tempdir, folder
        try:
            yield
        finally:
            tempfile.tempdir = previous


@contextlib.contextmanager
def _weasyprint_messages(what: str) -> Iterator[list[str]]:
    """Run WeasyPrint: a fault or a warning that means wrong output is a RenderError naming `what`;
    the note of each known harmless notice (see sort_messages) is put, once the block has run, in
    the list the block was given."""
    from weasyprint.urls import FatalURLFetchingError

    heard: list[str] = []
    collector = _WarningsCollector()
    logger = logging.getLogger("weasyprint")  # WeasyPrint's own logger: listened to only while it runs
    logger.addHandler(collector)
    try:
        yield heard
    except FatalURLFetchingError as error:
        raise RenderError(f"{what}: {error}") from None
    except PackgenError:
        raise
    except (Exception, RecursionError) as error:  # a layout engine fault must not become a traceback
        raise RenderError(
            f"{what} could not be laid out ({type(error).__name__}: {error}); nothing was written"
        ) from None
    finally:
        logger.removeHandler(collector)
    problems, notes = sort_messages(collector.messages)
    if problems:
        raise RenderError(f"{what}: WeasyPrint reported a problem, so nothing was written: {'; '.join(problems)}")
    heard.extend(notes)
