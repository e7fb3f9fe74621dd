"""The handout's house style, defined once as named Word styles.

Code picks styles by name (Title, Heading 1-3, Normal, List Bullet, List Lettered, Handout
Table), so an officer who edits the handout in Word keeps the look by using the style
gallery. Arial, not the booklet's Atkinson Hyperlegible: a DOCX uses the fonts of the
machine that opens it, and council machines have Arial.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor

from generator.html.branding import HandoutLook

LANGUAGE = "en-GB"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4 portrait
MARGIN = Cm(2.5)
TEXT_WIDTH = Emu(PAGE_WIDTH - 2 * MARGIN)
LETTERED_STYLE = "List Lettered"
TABLE_STYLE = "Handout Table"
TABLE_HEADING_STYLE = "Table Heading"  # paragraph styles for cells: LibreOffice ignores a table
TABLE_TEXT_STYLE = "Table Text"  # style's bold first row, so the header row's text carries its own


@dataclass(frozen=True)
class Look:
    size: float  # points
    bold: bool = False
    before: float = 0  # points of space above
    after: float = 8  # points of space below
    keep_with_next: bool = False
    heading: bool = False  # in the council's heading colour


PARAGRAPH_LOOKS = {
    "Normal": Look(12),
    "Title": Look(26, bold=True, after=12, heading=True),
    "Heading 1": Look(18, bold=True, before=24, after=8, keep_with_next=True, heading=True),
    "Heading 2": Look(15, bold=True, before=18, after=6, keep_with_next=True, heading=True),
    "Heading 3": Look(13, bold=True, before=12, after=6, keep_with_next=True, heading=True),
    "List Bullet": Look(12, after=6),
    LETTERED_STYLE: Look(12, after=6),
    TABLE_HEADING_STYLE: Look(12, bold=True, after=0),
    TABLE_TEXT_STYLE: Look(12, after=0),
    "Header": Look(11, after=0),  # a little smaller than the body, so a long stamp and
    "Footer": Look(11, after=0),  # "Page 10 of 12" still fit on one line
}
NEW_STYLES = (TABLE_HEADING_STYLE, TABLE_TEXT_STYLE)  # the rest come with python-docx's template


PACKGEN_LOOK = HandoutLook()


def apply_house_style(document, brand: HandoutLook = PACKGEN_LOOK, language: str = LANGUAGE) -> None:
    """Page, language (a Word tag: en-GB, cy-GB), fonts and every named style the handout uses,
    in the council's look."""
    _page_setup(document)
    _document_defaults(document, brand.font, language)
    _add_lettered_style(document)
    for name in NEW_STYLES:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]
    for name, look in PARAGRAPH_LOOKS.items():
        _restyle(document.styles[name], look, brand)
    for name in ("Header", "Footer"):
        _right_tab_only(document.styles[name])
    _add_table_style(document, brand)
    _add_link_style(document, brand)


LINK_STYLE = "Hyperlink"  # the name Word gives its own link style, so Word's link tools know it


def _add_link_style(document, brand: HandoutLook) -> None:
    """Links in the heading colour (contrast-checked with the council's colours), underlined as
    links are, so they are told apart from the text by more than colour."""
    style = document.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor.from_string(brand.headings)
    style.font.underline = True


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.2)


def _document_defaults(document, font: str, tag: str = LANGUAGE) -> None:
    """The font, 12pt and en-GB for any text without a style of its own (python-docx's says en-US)."""
    styles = document.styles.element
    run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults, font)
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)
    for name in ("w:sz", "w:szCs"):
        run_defaults.find(qn(name)).set(qn("w:val"), str(round(PARAGRAPH_LOOKS["Normal"].size * 2)))
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    theme_language.set(qn("w:val"), tag)


def _restyle(style, look: Look, brand: HandoutLook) -> None:
    rPr = style.element.get_or_add_rPr()
    _set_fonts(rPr, brand.font)
    for leftover in ("w:spacing", "w:kern", "w:szCs", "w:bCs"):  # the Title's letter-spacing; old sizes
        for element in rPr.findall(qn(leftover)):
            rPr.remove(element)
    style.font.size = Pt(look.size)
    style.font.bold = look.bold or None  # None: as the style it is based on
    style.font.cs_bold = look.bold or None
    style.font.color.rgb = RGBColor.from_string(brand.headings if look.heading else brand.text)
    layout = style.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.LEFT
    layout.space_before, layout.space_after = Pt(look.before), Pt(look.after)
    layout.line_spacing = 1.15
    layout.keep_with_next = look.keep_with_next or None
    pPr = style.element.get_or_add_pPr()
    for leftover in ("w:pBdr", "w:contextualSpacing"):  # the Title's rule; list items pressed together
        for element in pPr.findall(qn(leftover)):
            pPr.remove(element)


def _set_fonts(rPr, font: str) -> None:
    """Name the font outright: a theme font attribute would win over it."""
    for element in rPr.findall(qn("w:rFonts")):
        rPr.remove(element)
    fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)  # set, not formatted into the XML: the name is the council's text
    rPr.insert(0, fonts)


def _right_tab_only(style) -> None:
    """One right-aligned tab stop at the text's edge, so "Page n of N" sits on the right."""
    stops = style.paragraph_format.tab_stops
    stops.clear_all()
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


# ---- lists ----------------------------------------------------------------------------------


def _add_lettered_style(document) -> None:
    """A "List Lettered" paragraph style numbered (a), (b), (c)."""
    abstract_id = _add_lettered_numbering(document)
    num_id = _numbering(document).add_num(abstract_id).numId
    style = document.styles.add_style(LETTERED_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id


def restart_lettering(document) -> int:
    """A fresh numbering instance, so a new lettered list starts again at (a)."""
    numbering = _numbering(document)
    style = document.styles[LETTERED_STYLE]
    lettered = numbering.num_having_numId(style.element.pPr.numPr.numId.val)
    num = numbering.add_num(lettered.abstractNumId.val)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _numbering(document):
    return document.part.numbering_part.element


def _add_lettered_numbering(document) -> int:
    numbering = _numbering(document)
    existing = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(existing, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        f'<w:pStyle w:val="{LETTERED_STYLE.replace(" ", "")}"/>'
        '<w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))  # every abstractNum must come before the first num
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return abstract_id


# ---- tables ---------------------------------------------------------------------------------


def _add_table_style(document, brand: HandoutLook) -> None:
    """Thin rules in the council's accent, roomy cells, and a first row shaded with its tint."""
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="6" w:space="0" w:color="{brand.rules}"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        f'<w:{edge} w:w="{width}" w:type="dxa"/>'
        for edge, width in (("top", 80), ("left", 115), ("bottom", 80), ("right", 115))
    )
    style = parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="HandoutTable">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'  # for Word; see TABLE_HEADING_STYLE
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{brand.header_fill}"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )
    document.styles.element.append(style)
