"""The Word document the report and the changes appendix start from: the council's own
`report.docx` in its templates folder when there is one (its styles, page set-up, headers and
footers kept and its body emptied, as pandoc uses a reference document), else packgen's house
style in the council's colours and font (generator/word/style.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.errors import RenderError
from generator.html.branding import handout_look
from generator.html.templating import TEMPLATES
from generator.word.package import drop_template_leftovers
from generator.word.style import apply_house_style

BASE_NAME = "report.docx"
MAX_BASE_BYTES = 20 * 1024 * 1024  # a styled template with a logo is well under 1 MB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # what the zip may expand to: no zip bomb
STYLES_USED = ("Title", "Heading 1", "Heading 2", "List Bullet")
HIGHLIGHT = "yellow"


def council_base(templates: Path) -> Path | None:
    """The council's report.docx, if its templates folder has one (packgen ships none)."""
    if templates.resolve() == TEMPLATES.resolve():
        return None
    path = templates / BASE_NAME
    return path if path.is_file() else None


def base_document(templates: Path, pack):
    path = council_base(templates)
    if path is None:
        document = Document()
        drop_template_leftovers(document)
        apply_house_style(document, handout_look(pack))
        return document
    document = _open(path)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page set-up stays
            body.remove(child)
    for name in STYLES_USED:
        _ensure_style(document, name)
    return document


def _open(path: Path):
    problem = None
    try:
        if path.stat().st_size > MAX_BASE_BYTES:
            problem = f"it is over {MAX_BASE_BYTES // (1024 * 1024)} MB"
        else:
            with zipfile.ZipFile(path) as package:
                if sum(entry.file_size for entry in package.infolist()) > MAX_UNPACKED_BYTES:
                    problem = "it unpacks to over 100 MB"
            if problem is None:
                return Document(str(path))
    except Exception as error:  # not a zip, not a Word document, a broken part
        problem = f"it cannot be read as a Word document ({type(error).__name__}: {error})"
    raise RenderError(
        f"{path}: the council's report template is not usable: {problem}; save it again from Word as a "
        "Word Document (.docx), or remove it to use packgen's own layout. Nothing was written"
    )


def _ensure_style(document, name: str) -> None:
    """A style the report uses that the council's template lacks, added plainly (Headings by
    Word's own names, so screen readers and the navigation pane know them)."""
    if any(style.name == name for style in document.styles):
        return
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"] if "Normal" in [s.name for s in document.styles] else None
    if name.startswith("Heading "):
        style.font.bold = True
        level = int(name.split()[1]) - 1
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))


def to_complete(paragraph, what: str) -> None:
    """A sentence for the report's author to write, highlighted as Word shows a marked passage:
    "[To complete: ...]" in words (not colour alone) on a yellow highlight."""
    run = paragraph.add_run(f"[To complete: {what}]")
    run.bold = True
    rPr = run._r.get_or_add_rPr()
    highlight = parse_xml(f"<w:highlight {nsdecls('w')}/>")
    highlight.set(qn("w:val"), HIGHLIGHT)
    rPr.append(highlight)
