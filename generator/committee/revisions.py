"""The changes appendix in Word: the new version's words with each change a real Word revision
(w:ins, w:del with author and date), which Word and LibreOffice list as tracked changes the
report's author can accept or reject."""

from __future__ import annotations

import datetime as dt

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.committee.changes import Block, SectionChanges
from generator.html.typeset import typographic


class Revisions:
    """Writes marked blocks into `document` as revisions by `author` on `day`."""

    def __init__(self, document, author: str, day: dt.date):
        self.document = document
        self.author = author
        self.date = f"{day.isoformat()}T00:00:00Z"
        self.next_id = 1

    def _mark(self, tag: str):
        element = parse_xml(f"<w:{tag} {nsdecls('w')}/>")
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)  # set, not formatted: the name is the council's text
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element

    def block(self, block: Block) -> None:
        paragraph = self.document.add_paragraph()
        before = ""
        for piece in block.pieces:
            text = typographic(piece.text, before)
            before = text[-1:] or before
            run = paragraph.add_run()
            if piece.mark == "removed":
                deleted = parse_xml(f'<w:delText {nsdecls("w")} xml:space="preserve"/>')
                deleted.text = text
                run._r.append(deleted)
            else:
                run.text = text
            if piece.mark != "same":
                wrapper = self._mark("ins" if piece.mark == "added" else "del")
                run._r.addprevious(wrapper)
                wrapper.append(run._r)
        if block.mark != "same":  # the paragraph mark too: accepting a removal leaves no empty line
            rPr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            rPr.append(self._mark("ins" if block.mark == "added" else "del"))
            paragraph._p.get_or_add_pPr().append(rPr)

    def section(self, section: SectionChanges) -> None:
        if section.mark == "same":
            line = self.document.add_paragraph()
            line.add_run(typographic(section.title)).bold = True
            line.add_run(": no changes.")
            return
        suffix = {"added": " (new section)", "removed": " (section removed)"}.get(section.mark, "")
        self.document.add_heading(typographic(section.title) + suffix, level=1)
        if section.old_title:
            self.document.add_paragraph(f"Renamed from “{typographic(section.old_title)}”.")
        for block in section.blocks:  # no "Added:" label: it would stay behind once accepted
            self.block(block)


def changes_docx_bytes(
    document, pack, old_version: str, label: str, sections: tuple[SectionChanges, ...], built: dt.date
) -> bytes:
    """The changes appendix as an editable Word document whose changes are tracked revisions."""
    from generator.word.package import describe, reproducible_bytes

    title = f"{label}: changes to {pack.title} from version {old_version} to version {pack.version}"
    header = document.sections[-1].header
    line = header.paragraphs[0] if not header.paragraphs[0].text.strip() else header.add_paragraph()
    line.text = label
    document.add_heading(typographic(title), level=0)
    document.add_paragraph(
        f"This appendix gives the words of version {pack.version}, section by section, with every change "
        f"since version {old_version} as a tracked change in Word (Review, Track Changes): added words are "
        "shown as insertions and removed words as deletions, which can be accepted or rejected. Sections "
        "with no changes are named, not repeated."
    )
    writer = Revisions(document, pack.owner, built)
    for section in sections:
        writer.section(section)
    describe(
        document,
        title=title,
        subject="Committee report appendix: tracked changes",
        description=f"Changes to {pack.title} from version {old_version} to version {pack.version}",
        author=pack.organisation,
        version=pack.version,
        built=built,
    )
    return reproducible_bytes(document, built)
