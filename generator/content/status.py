"""A pack's standing on a given day: the status words and review facts every page and card carries.

Pure functions of the model and the build clock, so renderers can use them without the reader.
"""

from __future__ import annotations

import datetime as dt

from generator.clock import local_date
from generator.content.model import Pack
from generator.i18n import LANGUAGES, Words, _, words_for

WATERMARKS = {"draft": _("DRAFT"), "superseded": _("SUPERSEDED")}  # in English: translated by watermark()
# The watermark's words in every language packgen prints: the PDF/UA pass marks them as page furniture.
WATERMARK_WORDS = frozenset(Words(language).phrase(word) for language in LANGUAGES for word in WATERMARKS.values())


def days_left(pack: Pack, today: dt.date) -> int:
    """Days until the review is due: negative once it is overdue."""
    return (pack.review_due - today).days


def is_overdue(pack: Pack, today: dt.date) -> bool:
    return days_left(pack, today) < 0


def stamp(pack: Pack, today: dt.date) -> str:
    """The words on every page and every card, in the pack's language."""
    words = words_for(pack)
    parts = [
        words.phrase("Version %(version)s", version=pack.version),
        words.phrase("Review due %(date)s", date=local_date(pack.review_due, words.language)),
    ]
    if is_overdue(pack, today):
        parts.append(words.phrase("Review overdue"))
    if pack.status in WATERMARKS:
        parts.insert(0, words.phrase(WATERMARKS[pack.status]))
    return " · ".join(parts)


def watermark(pack: Pack) -> str | None:
    """DRAFT or SUPERSEDED (DRAFFT, DISODLWYD) in the pack's language; None for approved guidance."""
    return words_for(pack).phrase(WATERMARKS[pack.status]) if pack.status in WATERMARKS else None
