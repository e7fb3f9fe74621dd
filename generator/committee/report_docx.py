"""report.docx: the covering report asking a committee to approve this version of the guidance,
in the layout most English and Welsh councils use, editable in Word. What packgen cannot know
(why the guidance was revised, the implications) is a highlighted "[To complete: ...]"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.authoring.diff import change_groups
from generator.clock import uk_date
from generator.committee.word_base import to_complete
from generator.content.model import Pack
from generator.word.package import describe, reproducible_bytes
from generator.word.parts import add_field, typographic_quotes

HEADINGS = (
    "Purpose of the report",
    "Recommendations",
    "Background",
    "Summary of changes",
    "Implications",
    "Appendices",
    "Contact officer",
)
IMPLICATIONS = ("Legal", "Financial", "Equalities", "Data protection")


@dataclass(frozen=True)
class Appendix:
    label: str  # "Appendix A", as printed on every page of it
    description: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Meeting:
    name: str  # the committee (or Cabinet) and, if given, its meeting: "Standards Committee"
    day: dt.date | None


def guidance_name(pack: Pack) -> str:
    """ "the Social media guidance for councillors", or "the Code of Conduct guidance"."""
    return f"the {pack.title}" if "guidance" in pack.title.lower() else f"the {pack.title} guidance"


def recommendation(pack: Pack, label: str) -> str:
    return f"That the Committee approves version {pack.version} of {guidance_name(pack)} at {label}."


def report_bytes(
    document, new: Pack, old: Pack | None, meeting: Meeting, appendices: tuple[Appendix, ...], built: dt.date
) -> bytes:
    title = f"{new.title}: version {new.version} for approval"
    document.add_paragraph(new.organisation)
    document.add_heading(title, level=0)
    _facts(document, new, meeting)
    document.add_heading(HEADINGS[0], level=1)
    replaces = f", which replaces version {old.version}" if old else ""
    document.add_paragraph(
        f"To ask the {meeting.name} to approve version {new.version} of {guidance_name(new)}{replaces}."
    )
    document.add_heading(HEADINGS[1], level=1)
    document.add_paragraph(recommendation(new, appendices[0].label), style="List Bullet")
    if len(appendices) > 1 and old is not None:  # the changes appendix is made only against an earlier version
        document.add_paragraph(
            f"That the Committee notes the changes since version {old.version}, shown at {appendices[1].label}.",
            style="List Bullet",
        )
    document.add_heading(HEADINGS[2], level=1)
    _background(document, new, old)
    document.add_heading(HEADINGS[3], level=1)
    _summary(document, new, old)
    document.add_heading(HEADINGS[4], level=1)
    for name in IMPLICATIONS:
        document.add_heading(name, level=2)
        to_complete(
            document.add_paragraph(),
            f"the {name.lower()} implications of approving this guidance, or say that there are none",
        )
    document.add_heading(HEADINGS[5], level=1)
    for appendix in appendices:
        line = document.add_paragraph(style="List Bullet")
        line.add_run(f"{appendix.label}: ").bold = True
        line.add_run(f"{appendix.description} ({', '.join(appendix.files)})")
    document.add_heading(HEADINGS[6], level=1)
    document.add_paragraph(f"{new.owner}, {new.organisation}.")
    to_complete(document.add_paragraph(), "the contact officer's name, telephone number and email address")
    _footer(document)
    typographic_quotes(document)
    describe(
        document,
        title=title,
        subject="Committee report",
        description=f"A report to the {meeting.name} on {new.title}, version {new.version}",
        author=new.organisation,
        version=new.version,
        built=built,
    )
    return reproducible_bytes(document, built)


def _facts(document, pack: Pack, meeting: Meeting) -> None:
    for label, value in (
        ("Report to", meeting.name),
        ("Date of meeting", uk_date(meeting.day) if meeting.day else None),
        ("Report author", pack.owner),
        ("Wards affected", "All"),
    ):
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        if value is None:
            to_complete(line, "the date of the meeting")
        else:
            line.add_run(value)


def _background(document, new: Pack, old: Pack | None) -> None:
    if old is not None:
        document.add_paragraph(
            f"Version {old.version} of {guidance_name(new)} was issued on {uk_date(old.issued)}, "
            f"approved by the {old.approved_by}."
        )
    document.add_paragraph(
        f"The guidance is owned by the {new.owner}. Version {new.version} is dated {uk_date(new.issued)} "
        f"and is due for review by {uk_date(new.review_due)}."
    )
    to_complete(document.add_paragraph(), "why the guidance was revised, and who was consulted")


def _summary(document, new: Pack, old: Pack | None) -> None:
    """The changes exactly as `packgen diff --from` lists them, under its headings."""
    if old is None:
        document.add_paragraph(
            f"No earlier version was compared (packgen report --from VERSION compares one), so this report "
            f"presents version {new.version} as a whole."
        )
        return
    document.add_paragraph(
        f"From version {old.version} (issued {uk_date(old.issued)}) to version {new.version} "
        f"(issued {uk_date(new.issued)}):"
    )
    groups = change_groups(old, new) or [("Changes", ["No changes to the content."])]
    for heading, lines in groups:
        document.add_heading(heading, level=2)
        for line in lines:
            document.add_paragraph(line, style="List Bullet")
    if not any(entry.version == new.version for entry in new.history):
        to_complete(
            document.add_paragraph(),
            f"add version {new.version} to the history in pack.yaml (what changed, the date, who approves it)",
        )


def _footer(document) -> None:
    """Page numbers in the footer, unless the council's template has a footer of its own."""
    footer = document.sections[-1].footer
    if any(p.text.strip() for p in footer.paragraphs):
        return
    paragraph = footer.paragraphs[0]
    paragraph.text = "Page "
    add_field(paragraph, "PAGE")
