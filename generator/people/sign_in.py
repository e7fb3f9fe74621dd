"""The sign-in sheet for a training session (A4 PDF) and attendance.csv to record who came.

For a pack in Welsh and English the sheet is bilingual (every heading, label, date and the privacy
notice in Welsh, then English) and lists names as a Welsh reader expects."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator.artefacts.base import BuildContext
from generator.clock import local_date
from generator.pdf.render import RenderedPdf, render_pdf
from generator.errors import ContentError, Problem
from generator.content.people import PeopleList, Person, character_trouble
from generator.content.table_file import read_file_limited
from generator.content.sources import shown
from generator.content.model import Pack
from generator.html.typeset import typeset
from generator.people.two_languages import joined, packs_to_print, page_counters, sides, watermarks

from generator.i18n import _, collation_key, words_for

DEFAULT_PRIVACY_NOTICE = _(
    "%(organisation)s collects your name, role and ward or division on this sheet only to record who attended "
    "this training. Democratic Services keep the sheet for as long as the council's records retention "
    "schedule sets for training records, then destroy it securely. Ask Democratic Services if you have questions."
)
MAX_NOTICE = 1000  # characters
MAX_NOTICE_BYTES = 16 * 1024  # read no further: 1,000 characters, however spaced, take far less
TOO_LONG = "fit on a sign-in sheet: link to the full notice instead"
BLANK_ROWS = 5  # for people who come without being on the list
ATTENDANCE_COLUMNS = ("name", "role", "ward", "session", "date", "venue", "attended", "certificate_given", "notes")


@dataclass(frozen=True)
class Session:
    """The training session the sign-in sheet and attendance record are for."""

    title: str | None = None  # None: the pack's title
    date: dt.date | None = None
    venue: str = ""
    privacy_notice: str | None = None  # the council's own words; None for the default


def read_privacy_notice(path: Path) -> str:
    """The council's own privacy notice: plain text, UTF-8, a short paragraph or two."""
    where = shown(path)
    data = read_file_limited(path, where, MAX_NOTICE_BYTES, "a text file with the privacy notice")
    if len(data) > MAX_NOTICE_BYTES:
        raise ContentError([Problem(where, 1, f"is far longer than the {MAX_NOTICE} characters {TOO_LONG}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [Problem(where, 1, "is not UTF-8 text; save it as UTF-8 (Notepad: Save as, Encoding: UTF-8)")]
        ) from None
    trouble = character_trouble(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if trouble:
        raise ContentError([Problem(where, 1, f"the notice {trouble}")])
    text = " ".join(text.split())
    if not text:
        raise ContentError(
            [Problem(where, 1, "is empty; write the privacy notice in it, or leave out --privacy-notice")]
        )
    if len(text) > MAX_NOTICE:
        raise ContentError(
            [
                Problem(
                    where,
                    1,
                    f"is {len(text)} characters long; at most {MAX_NOTICE} {TOO_LONG}",
                )
            ]
        )
    return text


PHRASES = (
    _("Sign-in sheet: %(session)s"),
    _("Sign-in sheet for %(session)s"),
    _("Organisation"),
    _("Date"),
    _("Venue"),
    _("Training"),
    _("%(title)s, version %(version)s"),
    _("Your information."),
    _("No."),
    _("Name"),
    _("Role and ward or division"),
    _("Role"),
    _("Signature"),
)


def render_sign_in_sheet(
    context: BuildContext, people: PeopleList, session: Session, packs: tuple[Pack, ...] = ()
) -> RenderedPdf:
    """The sheet, in the pack's language; bilingual (Welsh first) when `packs` holds it in Welsh and English."""
    printed = packs_to_print(packs or (context.pack,))
    its = sides(printed, PHRASES, session.date, context.built, session.title)
    # plain text (typographic quotes, no markup) for the running head and the PDF's title
    headings = [
        words_for(pack).phrase(_("Sign-in sheet: %(session)s"), session=typeset(side.session).striptags())
        for pack, side in zip(printed, its, strict=True)
    ]
    wards = {person.ward for person in people.people if person.ward}
    html = context.render(
        "induct/sign-in-sheet.html.j2",
        sides=its,
        people=in_reading_order(people, printed[0].language),
        headings=headings,
        running_head=joined(*(f"{head}, {side.date}" if side.date else head for head, side in zip(headings, its))),
        stamps=joined(*(side.stamp for side in its)),
        counters=page_counters(printed),
        watermarks=watermarks(printed),
        venue=session.venue,
        notices=_notices(printed, session),
        role_label=_("Role and ward or division") if wards else _("Role"),
        blank_rows=BLANK_ROWS,
    )
    return render_pdf(html, context.templates, context.readable_roots, what="the sign-in sheet")


def _notices(packs: tuple[Pack, ...], session: Session) -> list[dict[str, str]]:
    """The privacy notice in each language; a council's own notice once, as it wrote it."""
    if session.privacy_notice:
        packs = packs[:1]
    notices = []
    for pack in packs:
        words = words_for(pack)
        text = session.privacy_notice or words.phrase(DEFAULT_PRIVACY_NOTICE, organisation=pack.organisation)
        notices.append({"lang": words.html_tag, "label": words.phrase(_("Your information.")), "text": text})
    return notices


def in_reading_order(people: PeopleList, language: str = "en") -> list[Person]:
    """Everyone by surname, then whole name, as a reader of `language` expects: in Welsh the
    alphabet's digraphs are letters of their own (Lyons before Lloyd, Tudor before Thomas)."""
    if language == "en":
        return people.in_surname_order()
    key = collation_key(language)
    return sorted(people.people, key=lambda person: (key(person.surname), key(person.name)))


def attendance_csv(people: PeopleList, session: Session, language: str = "en") -> bytes:
    """A CSV in surname order (the sheet's) with blank columns to fill in; UTF-8 with a byte-order
    mark so Excel shows Welsh letters correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ATTENDANCE_COLUMNS)
    day = local_date(session.date, language) if session.date else ""
    for person in in_reading_order(people, language):
        writer.writerow(
            [
                _safe(person.name),
                _safe(person.role),
                _safe(person.ward),
                _safe(session.title or ""),
                day,
                _safe(session.venue),
                "",
                "",
                "",
            ]
        )
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def _safe(text: str) -> str:
    """A cell Excel will not run as a formula (=, +, - or @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
