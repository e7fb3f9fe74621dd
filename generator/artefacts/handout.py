"""The editable Word handout (A4 DOCX), from the same content as the booklet.

Every heading is a real Word heading, every list a Word list, every table has a header row
that repeats, and the footer's version, review date and page numbers are fields that stay
right after an officer edits the document. Styles live in generator/word/style.py; words
shared with the booklet come from templates/parts/wording.j2.
"""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm, Emu, Pt, RGBColor

from generator.artefacts.base import BuildContext, Output
from generator.html.branding import handout_look
from generator.word.parts import (
    add_link,
    fill,
    mark_header_row,
    page_count,
    set_caption,
    typographic_quotes,
)
from generator.word.package import describe, drop_template_leftovers, reproducible_bytes
from generator.word.style import (
    LETTERED_STYLE,
    TABLE_HEADING_STYLE,
    TABLE_STYLE,
    TABLE_TEXT_STYLE,
    TEXT_WIDTH,
    apply_house_style,
    restart_lettering,
)
from generator.errors import RenderError
from generator.html.qr import alt_text as qr_alt_text
from generator.html.typeset import ADDRESS
from generator.html.qr import qr_png
from generator.html.wording import Wording
from generator.i18n import _, words_for
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["handout"].kinds, BY_NAME["handout"].needs  # its registry entry
FILENAME = "handout.docx"
LOGO_HEIGHT = Cm(2.0)
LOGO_PIXELS_HIGH = 480  # an SVG logo is drawn at about 600 dpi for 2 cm
# Relative column widths in the document-control tables; a field not named here gets DEFAULT_SHARE.
COLUMN_SHARES = {"version": 2.7, "issued": 3.3, "review_due": 3.3, "date": 3.3, "changes": 6.4}
DEFAULT_SHARE = 3.6


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return [Output("handout", FILENAME, handout_bytes(context))]


def handout_bytes(context: BuildContext) -> bytes:
    pack = context.pack
    words = Wording(context.templates, words_for(pack))
    document = Document()
    drop_template_leftovers(document)
    apply_house_style(document, handout_look(pack), words.words.word_tag)
    handout = Handout(document, words)
    handout.stamps(words.say("running_head", pack), context.stamp, context.watermark)
    handout.title_block(pack, _logo_png(context))
    handout.status(pack, context.overdue)
    for section in pack.sections:
        document.add_heading(section.title, level=1)
        SECTION_WRITERS[section.kind](handout, section)
    handout.document_control(pack)
    handout.contact(pack)
    typographic_quotes(document)
    describe(
        document,
        title=pack.title,
        subject=words.words.phrase(_("Training handout")),
        description=f"{pack.title}. {words.say('issue_facts', pack)}",
        author=pack.organisation,
        version=pack.version,
        built=context.built,
        language=words.words.word_tag,
    )
    return reproducible_bytes(document, context.built)


WATERMARK_SIZE = Pt(20)
QR_WIDTH = Cm(2.5)
WATERMARK_COLOUR = RGBColor(0xB0, 0x00, 0x20)


class Handout:
    """Writes the parts of the handout into a styled document, by style name only."""

    def __init__(self, document, words: Wording):
        self.document = document
        self.words = words

    # ---- page furniture -------------------------------------------------------------------

    def stamps(self, running_head: str, stamp: str, watermark: str | None) -> None:
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        if watermark:  # DRAFT or SUPERSEDED, first and large, on every page
            mark = header.add_run(f"{watermark}  ")
            mark.bold = True
            mark.font.size = WATERMARK_SIZE
            mark.font.color.rgb = WATERMARK_COLOUR
        header.add_run(running_head)
        footer = section.footer.paragraphs[0]
        page_count(footer, f"{stamp}\t", self.words.words.gettext(_("Page %(page)s of %(pages)s")))

    def title_block(self, pack, logo_png: bytes | None) -> None:
        if logo_png is not None:
            picture = self.document.add_picture(io.BytesIO(logo_png), height=LOGO_HEIGHT)
            if picture.width > TEXT_WIDTH:  # a wide banner is narrowed to the text column, not past it
                picture.width, picture.height = TEXT_WIDTH, Emu(picture.height * TEXT_WIDTH // picture.width)
            picture._inline.docPr.set("name", "Logo")
            picture._inline.docPr.set("descr", pack.logo.alt)  # python-docx has no API for alt text
        self.document.add_paragraph(pack.organisation)
        self.document.add_heading(pack.title, level=0)
        if pack.audience:
            self.document.add_paragraph(self.words.say("audience", pack))
        self.document.add_paragraph(self.words.say("issue_facts", pack))

    def status(self, pack, overdue: bool) -> None:
        """A draft, superseded or overdue handout says so under its title: Word's screen readers
        do not read the header and footer, where the stamp and watermark say it on every page."""
        if pack.status == "approved" and not overdue:
            return
        line = self.document.add_paragraph()
        line.add_run(f"{self.words.labels['status']}: {self.words.say('status', pack, overdue)}.").bold = True

    # ---- blocks ---------------------------------------------------------------------------

    def paragraph(self, text: str | None) -> None:
        """A paragraph whose web addresses are links a screen reader can list and follow."""
        if not text:
            return
        paragraph, start = self.document.add_paragraph(), 0
        for address in ADDRESS.finditer(text):
            paragraph.add_run(text[start : address.start()])
            add_link(paragraph, address.group())
            start = address.end()
        paragraph.add_run(text[start:])

    def bullets(self, items, container=None) -> None:
        container = container or self.document
        for item in items:
            container.add_paragraph(item, style="List Bullet")

    def lettered(self, items) -> None:
        num_id = restart_lettering(self.document)
        for item in items:
            paragraph = self.document.add_paragraph(item, style=LETTERED_STYLE)
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id

    def table(self, header: list[str], rows: list[list[str]], shares: list[float], caption: str):
        """A table across the text width, columns in proportion to `shares`, whose first row is a
        header row that repeats on every page the table runs onto."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(header), style=TABLE_STYLE)
        table.autofit = False
        for column, share in zip(table.columns, shares):
            column.width = Emu(int(TEXT_WIDTH * share / sum(shares)))
            for cell in column.cells:
                cell.width = column.width
        for cell, text in zip(table.rows[0].cells, header):
            fill(cell, text, TABLE_HEADING_STYLE)
        for row, texts in zip(table.rows[1:], rows):
            for cell, text in zip(row.cells, texts):
                fill(cell, text, TABLE_TEXT_STYLE)
        mark_header_row(table.rows[0])
        set_caption(table, caption)
        return table

    # ---- closing parts --------------------------------------------------------------------

    def document_control(self, pack) -> None:
        words = self.words
        self.document.add_heading(words.labels["document_control"], level=1)
        fields = words.control_fields
        self.table(
            [words.labels[f] for f in fields],
            [[words.say("control_value", pack, f) for f in fields]],
            _shares(fields),
            words.labels["document_control"],
        )
        self.document.add_heading(words.labels["version_history"], level=2)
        fields = words.history_fields
        self.table(
            [words.labels[f] for f in fields],
            [[words.say("history_value", entry, f) for f in fields] for entry in pack.version_history],
            _shares(fields),
            words.labels["version_history"],
        )

    def contact(self, pack) -> None:
        """As the booklet's, less its closing stamp line: the handout's header and footer say it on every page."""
        self.document.add_heading(self.words.labels["who_to_contact"], level=1)
        for text in (pack.contact, self.words.say("other_formats", pack), self.words.say("uncontrolled_copy", pack)):
            self.paragraph(text)
        if pack.url:
            picture = self.document.add_picture(io.BytesIO(qr_png(pack.url)), width=QR_WIDTH)
            picture._inline.docPr.set("name", "QR code")
            picture._inline.docPr.set("descr", qr_alt_text(pack.url))


# ---- one writer per kind of section --------------------------------------------------------


def _prose(handout: Handout, section) -> None:
    for block in section.body:
        if block.type == "paragraph":
            handout.paragraph(block.text)
        elif block.type == "subheading":
            handout.document.add_heading(block.text, level=2)
        elif block.type == "list":
            handout.bullets(block.items)
        elif block.type == "lettered":
            handout.lettered(block.items)


def _pros_and_cons(handout: Handout, section) -> None:
    """Two columns under a Pros | Cons header; each cell a bulleted list, as the points don't pair up."""
    handout.paragraph(section.intro)
    labels = handout.words.labels
    table = handout.table([labels["pros"], labels["cons"]], [["", ""]], [1, 1], section.title)
    for cell, items in zip(table.rows[1].cells, (section.pros, section.cons)):
        first, *rest = items
        fill(cell, first, "List Bullet")
        handout.bullets(rest, container=cell)


def _responsibilities(handout: Handout, section) -> None:
    handout.paragraph(section.intro)
    handout.bullets(section.items)


def _legal_issues(handout: Handout, section) -> None:
    handout.paragraph(section.intro)
    handout.bullets(section.issues)
    handout.paragraph(section.outro)


def _checklist(handout: Handout, section) -> None:
    """Each tip one list item: its title in bold, a line break, then its text."""
    handout.paragraph(section.intro)
    if section.source:
        handout.paragraph(handout.words.say("source", section.source))
    for tip in section.tips:
        item = handout.document.add_paragraph(style="List Bullet")
        title = item.add_run(tip.title)
        title.bold = True
        title.add_break()
        item.add_run(tip.text)


SECTION_WRITERS = {
    "prose": _prose,
    "pros-and-cons": _pros_and_cons,
    "responsibilities": _responsibilities,
    "legal-issues": _legal_issues,
    "checklist": _checklist,
}


# ---- Word details python-docx has no API for -----------------------------------------------


def _shares(fields: list[str]) -> list[float]:
    return [COLUMN_SHARES.get(field, DEFAULT_SHARE) for field in fields]


def _logo_png(context: BuildContext) -> bytes | None:
    """The logo as PNG or JPEG bytes Word can hold; an SVG is drawn as a PNG first."""
    logo = context.pack.logo
    if logo is None:
        return None
    path = context.pack_dir / logo.file
    if path.suffix.lower() != ".svg":
        return path.read_bytes()
    try:
        import cairosvg  # only packs with an SVG logo need it
    except ImportError:
        raise RenderError(
            f"the handout needs the cairosvg package to draw the SVG logo {logo.file}: "
            "install it (pip install cairosvg), or give the logo as a PNG"
        ) from None
    from generator.assets.images import safe_svg  # checked at load time; the checked markup is what is drawn

    try:
        return cairosvg.svg2png(bytestring=safe_svg(path).encode("utf-8"), output_height=LOGO_PIXELS_HIGH)
    except (Exception, RecursionError) as error:  # cairosvg raises many kinds for a drawing it cannot make
        raise RenderError(
            f"the handout could not draw the SVG logo {logo.file} ({type(error).__name__}: {error}); "
            "export the logo as a PNG and use that instead. Nothing was written"
        ) from None
