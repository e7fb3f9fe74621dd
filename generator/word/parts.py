"""The parts of a Word document python-docx has no call for, written as Word writes them:
links, fields, a repeating header row, a table's caption, and typographic quotes."""

from __future__ import annotations


from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.word.style import LINK_STYLE
from generator.html.typeset import address_target, typographic


def typographic_quotes(document) -> None:
    """Quotes and apostrophes as the booklet prints them (don't -> don’t), paragraph by paragraph,
    each run knowing the character before it; a link's words stay exactly as written."""
    for paragraph in document.element.body.iter(qn("w:p")):
        before = ""
        for text in paragraph.iter(qn("w:t")):
            if not text.text:
                continue
            if not any(parent.tag == qn("w:hyperlink") for parent in text.iterancestors()):
                text.text = typographic(text.text, before)
            before = text.text[-1]


def add_link(paragraph, address: str) -> None:
    """python-docx has no call for a link: a w:hyperlink to an external relationship, as Word writes
    it, its words the address as every output prints it (typeset.address_target)."""
    href, shown = address_target(address)
    relationship = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    run = paragraph.add_run(shown, style=LINK_STYLE)._r
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{relationship}" w:history="1"/>')
    run.addprevious(link)
    link.append(run)


def page_count(paragraph, lead: str, phrase: str) -> None:
    """`lead`, then "Page 3 of 20" in the phrase's language ("Tudalen %(page)s o %(pages)s"),
    its numbers Word's PAGE and NUMPAGES fields."""
    before, rest = phrase.split("%(page)s", 1)
    between, after = rest.split("%(pages)s", 1)
    paragraph.text = f"{lead}{before}"
    add_field(paragraph, "PAGE")
    paragraph.add_run(between)
    add_field(paragraph, "NUMPAGES")
    if after:
        paragraph.add_run(after)


def add_field(paragraph, instruction: str) -> None:
    """A field Word keeps up to date (PAGE, NUMPAGES), showing 1 until it is first laid out."""
    for part in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
        None,
        f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>',
    ):
        run = paragraph.add_run("1" if part is None else None)
        if part is not None:
            run._r.append(parse_xml(part))


def fill(cell, text: str, style: str) -> None:
    """Write into a new cell's own empty paragraph, so no empty paragraph is left behind."""
    paragraph = cell.paragraphs[0]
    paragraph.text = text
    paragraph.style = style


def mark_header_row(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    trPr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def set_caption(table, caption: str) -> None:
    """The table's title for screen readers (Word's Table Properties > Alt Text)."""
    tblPr = table._tbl.tblPr
    look = tblPr.find(qn("w:tblLook"))
    look.set(qn("w:firstColumn"), "0")
    element = parse_xml(f"<w:tblCaption {nsdecls('w')}/>")
    element.set(qn("w:val"), caption)
    look.addnext(element)
