"""packgen induct: a named induction pack for every person on the council's list.

The whole job, top to bottom: read the list of people and the pack (every problem reported,
nothing written), lay out the booklet, the certificate and everybody's names once, stamp
each person's copies, then write build/<pack>/people/ in one step, readable only by its owner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from generator.artefacts.base import BuildContext
from generator.people.certificate import NAME_SLOT, render_certificate, signers
from generator.pipeline.choice import templates_in_use
from generator.pipeline.workers import renderers  # the build's worker processes, with their limits
from generator.clock import build_date, epoch_of
from generator.content.control import check_before_build
from generator.errors import ContentError, Problem, RenderError
from generator.pdf.imposition import impose_booklets
from generator.content.reader import content_hash, load_pack
from generator.publish.manifest import MANIFEST, dump, make_manifest
from generator.publish.output import locked, publish
from generator.artefacts.padding import render_padded_booklet
from generator.pdf.render import RenderedPdf, render_pdf
from generator.content.people import PeopleList, Person, read_people
from generator.publish.people_folder import PEOPLE_FOLDER, refuse_strangers
from generator.artefacts.print_booklet import instructions, with_slips
from generator.people.personalise import FooterPlace, SlotSize, TooLong, personalise, render_stamps, stamp_forms
from generator.people.sign_in import Session, attendance_csv, render_sign_in_sheet
from generator.people.two_languages import joined, packs_to_print

COVER_SLOT = SlotSize("cover", 120, 30)  # the A5 booklet's text width, below the cover's facts
FOOTER_SLOT = SlotSize("footer", 120, 8)  # two lines of the footer's 9.5pt type
BOOKLET_FOOTER = FooterPlace(left_mm=14, bottom_mm=4.5)  # under the version stamp, clear of the printer's edge
SLOTS = [COVER_SLOT, FOOTER_SLOT, NAME_SLOT]
CHUNK = 10  # people personalised per task
KINDS = ("person-booklet", "certificate", "sign-in-sheet", "attendance", "people-booklets-imposed")

Progress = Callable[[int, int], None]  # (people done, people in all)


@dataclass(frozen=True)
class InductRequest:
    pack_dir: Path
    people_file: Path
    session: Session = Session()
    out_root: Path = Path("build")
    as_of: dt.date | None = None
    strict: bool = False
    allow_superseded: bool = False
    templates: Path | None = None


@dataclass(frozen=True)
class InductResult:
    folder: Path  # build/<pack>/people
    people: PeopleList
    manifest: dict
    warnings: list[str] = field(default_factory=list)


def induct(request: InductRequest, progress: Progress = lambda done, total: None) -> InductResult:
    people = read_people(request.people_file)
    built = build_date(request.as_of)
    with renderers(2, epoch_of(built)) as pool:  # forked now: they import WeasyPrint while the pack loads
        pack = load_pack(request.pack_dir)
        # Every language the pack is in: a bilingual pack's certificate and sign-in sheet carry both
        packs = tuple(load_pack(request.pack_dir, code) if code != pack.language else pack for code in pack.languages)
        folder = request.out_root / pack.slug / PEOPLE_FOLDER  # the same folder as packgen build's
        refuse_strangers(folder)  # before the work; again when writing
        digest = content_hash(pack)
        warnings = check_before_build(request.pack_dir, pack, built, request.strict, request.allow_superseded)
        context = BuildContext(
            pack,
            request.pack_dir.resolve(),
            built,
            cover_slot=COVER_SLOT.markup(),
            templates=templates_in_use(request.pack_dir, request.templates).resolve(),  # as build chooses
        )
        titles = joined(*(each.title for each in packs_to_print(packs)))
        session = replace(request.session, title=request.session.title or titles)  # for the attendance record
        progress(0, len(people.people))  # the bar shows while the booklet and names are laid out
        try:  # every render in the workers, whose clock font subsetting reads
            booklet_job = pool.submit(_booklet_with_slot, context)
            names_job = pool.submit(_names, context, people)
            certificate_job = pool.submit(render_certificate, context, session.date, signers(context, packs), packs)
            sign_in_job = pool.submit(render_sign_in_sheet, context, people, request.session, packs)
            stamps = _stamps_or_problems(*names_job.result(), people)
            booklet, certificate, sign_in = booklet_job.result(), certificate_job.result(), sign_in_job.result()
            instructions_job = pool.submit(instructions, context, booklet.pages, len(people.people))
            slips_job = pool.submit(_slips, context, people, booklet.pages)
            files, entries = _personal_files(pool, people, booklet.data, certificate.data, stamps, progress)
            job_front, slips = instructions_job.result(), slips_job.result()
        except BrokenProcessPool:
            raise RenderError(
                "a renderer stopped unexpectedly (it may have hit its memory limit); nothing was written"
            ) from None
    files["sign-in-sheet.pdf"] = sign_in.data
    entries.append(_entry("sign-in-sheet", "sign-in-sheet.pdf", sign_in.data, sign_in.pages))
    files["attendance.csv"] = attendance_csv(people, session, pack.language)  # in the sheet's order
    entries.append(_entry("attendance", "attendance.csv", files["attendance.csv"]))
    job = _print_job(
        pack.title,
        [files[f"{person.slug}/booklet.pdf"] for person in people.in_surname_order()],
        booklet.pages,
        job_front,
        slips,
    )
    files["people-booklets-imposed.pdf"] = job
    sides = job_front.pages + len(people.people) * (2 + booklet.pages // 2)
    entries.append(_entry("people-booklets-imposed", "people-booklets-imposed.pdf", job, sides))
    manifest = make_manifest(context, digest, entries, _session_facts(session, people))
    with locked(folder.parent):
        refuse_strangers(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        publish(folder, files | {MANIFEST: dump(manifest)}, private=True)
    return InductResult(folder, people, manifest, warnings + people.notes)


def _print_job(title: str, booklets: list[bytes], booklet_pages: int, front: RenderedPdf, slips: RenderedPdf) -> bytes:
    """Every named booklet imposed, in the sign-in sheet's order: the printing instructions first,
    then a slip sheet naming each person before their booklet's sheets."""
    imposed = impose_booklets(
        booklets, front.data, title=f"{title}: every named booklet, for printing on A4, double-sided"
    )
    return with_slips(imposed, slips.data, booklet_pages // 2, front_pages=front.pages)


def _slips(context: BuildContext, people: PeopleList, booklet_pages: int) -> RenderedPdf:
    """A name slip (front and blank back) for each person, in the print job's order."""
    html = context.render("induct/slips.html.j2", people=people.in_surname_order(), sheets=booklet_pages // 4)
    return render_pdf(html, context.templates, context.readable_roots, what="the name slips for the print job")


def _names(context: BuildContext, people: PeopleList) -> tuple[bytes | None, list[tuple[int, str]]]:
    """Everybody's words for every slot, laid out once; or which of them do not fit (person, slot)."""
    html = context.render("induct/stamps.html.j2", people=people.people, slots=SLOTS)
    try:
        return render_stamps(html, context.templates, context.readable_roots, len(people.people), SLOTS), []
    except TooLong as error:
        return None, error.overflows


def _stamps_or_problems(stamps: bytes | None, overflows: list[tuple[int, str]], people: PeopleList) -> bytes:
    where = {"cover": "the booklet's cover", "footer": "the booklet's footer", "certificate": "the certificate"}
    problems = []
    for index, slot_name in overflows:
        person = people.people[index]
        problems.append(
            Problem(
                people.source,
                person.row,
                f"{person.name}: the name, role and ward are too long "
                f"together to fit on {where[slot_name]}; shorten them",
            )
        )
    if problems or stamps is None:
        raise ContentError(problems)
    return stamps


def _booklet_with_slot(context: BuildContext) -> RenderedPdf:
    """The booklet, padded for folding, with the room for a name on its cover: laid out once."""
    booklet = render_padded_booklet(context).pdf
    if booklet.anchor_pages.get(f"slot-{COVER_SLOT.name}") != 1:
        raise RenderError(
            "the booklet's cover has no room left for each person's name (the title or audience "
            "is very long); shorten them in pack.yaml. Nothing was written"
        )
    return booklet


def _personal_files(
    pool, people: PeopleList, booklet: bytes, certificate: bytes, stamps: bytes, progress: Progress
) -> tuple[dict[str, bytes], list[dict]]:
    """Every person's booklet and certificate, ten people to a task so both processes share the work."""
    everyone = people.people
    jobs = [
        pool.submit(_personalise_people, everyone[start : start + CHUNK], start, booklet, certificate, stamps)
        for start in range(0, len(everyone), CHUNK)
    ]
    done = 0
    for job in as_completed(jobs):
        done += len(job.result())
        progress(done, len(everyone))
    files, entries = {}, []
    for job in jobs:  # in the list's order, whichever finished first
        for slug, personal in job.result():
            for kind, path, data in personal:
                files[path] = data
                entries.append(_entry(kind, path, data, person=slug))
    return files, entries


def _personalise_people(
    people: tuple[Person, ...], first: int, booklet: bytes, certificate: bytes, stamps: bytes
) -> list[tuple[str, list[tuple[str, str, bytes]]]]:
    """(slug, [(kind, path, bytes)]) for each person; `first` is the first one's place in the list."""
    made = []
    stamps_pdf, forms = stamp_forms(stamps)
    with stamps_pdf:
        for index, person in enumerate(people, start=first):
            cover, footer, name = forms[index * len(SLOTS) : (index + 1) * len(SLOTS)]
            made.append(
                (
                    person.slug,
                    [
                        (
                            "person-booklet",
                            f"{person.slug}/booklet.pdf",
                            personalise(booklet, {COVER_SLOT.name: cover}, footer, BOOKLET_FOOTER),
                        ),
                        (
                            "certificate",
                            f"{person.slug}/certificate.pdf",
                            personalise(certificate, {NAME_SLOT.name: name}),
                        ),
                    ],
                )
            )
    return made


def _entry(kind: str, path: str, data: bytes, pages: int | None = None, person: str | None = None) -> dict:
    """One file in people/manifest.json; a person's files are named by their slug, never their email."""
    entry: dict[str, str | int] = {"kind": kind, "path": path, "sha256": hashlib.sha256(data).hexdigest()}
    if pages is not None:
        entry["pages"] = pages
    if person is not None:
        entry["person"] = person
    return entry


def _session_facts(session: Session, people: PeopleList) -> dict:
    return {
        "session": {
            "title": session.title,
            "date": session.date.isoformat() if session.date else None,
            "venue": session.venue or None,
        },
        "people": [person.slug for person in people.people],
    }
