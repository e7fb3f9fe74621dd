"""A document printed in one language or in two (Welsh first): the certificate and the sign-in sheet.

Under the Welsh Language Standards a council's certificate and sign-in sheet are bilingual when
its pack is: every fixed phrase, date and title in Welsh, then (below or after it) in English.
A template is rendered once, in the first language's words; each language's own words reach it
as a `Side` (plain strings, as the sandbox wants), so the template decides only where they go.
The phrases are marked for translation here, where they are listed, so Babel still extracts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.clock import local_date
from generator.content import status
from generator.content.model import Pack
from generator.html.templating import page_counter
from generator.i18n import words_for

BILINGUAL = ("cy", "en")  # printed in this order when a pack has both


@dataclass(frozen=True)
class Side:
    """One language's words on the document."""

    code: str  # cy, en
    lang: str  # its HTML tag (cy, en-GB): <span lang> marks each passage, the PDF's Lang follows
    title: str  # the pack's title in this language
    organisation: str
    owner: str
    version: str
    date: str  # the session's date in this language's words, or ""
    session: str  # the training session's title: the one given, else the pack's title in this language
    stamp: str  # version, review date and status, as on every page
    words: dict[str, str]  # each phrase of the document (keyed by its English) in this language


def packs_to_print(packs: tuple[Pack, ...]) -> tuple[Pack, ...]:
    """Welsh then English when both are given; else the first pack alone."""
    by_code: dict[str, Pack] = {pack.language: pack for pack in packs}
    if all(code in by_code for code in BILINGUAL):
        return tuple(by_code[code] for code in BILINGUAL)
    return packs[:1]


def sides(
    packs: tuple[Pack, ...], phrases: tuple[str, ...], day: dt.date | None, built: dt.date, session: str | None = None
) -> tuple[Side, ...]:
    """Each language's words for a document using `phrases`, in the order printed (a council's
    own terms escaped: the template marks each phrase safe)."""
    made = []
    for pack in packs_to_print(packs):
        words = words_for(pack)
        made.append(
            Side(
                code=words.language,
                lang=words.html_tag,
                title=pack.title,
                organisation=pack.organisation,
                owner=pack.owner,
                version=pack.version,
                date=local_date(day, words.language) if day else "",
                session=session or pack.title,
                stamp=status.stamp(pack, built),
                words={phrase: words.template_gettext(phrase) for phrase in phrases},
            )
        )
    return tuple(made)


def page_counters(packs: tuple[Pack, ...]) -> Markup:
    """CSS content for "Tudalen 1 o 2 / Page 1 of 2" (or one language's alone)."""
    return Markup(' " / " ').join(page_counter(words_for(pack)) for pack in packs_to_print(packs))


def watermarks(packs: tuple[Pack, ...]) -> str | None:
    """DRAFFT across every page (the first language's word: the two side by side ran off the
    page, and each page's stamp says DRAFFT / DRAFT in words), or None for approved guidance."""
    return status.watermark(packs_to_print(packs)[0])


def joined(*texts: str) -> str:
    """Each language's text once, Welsh first: "Cyngor Sir Prawf / Test County Council"."""
    return " / ".join(dict.fromkeys(text for text in texts if text))
