"""The one build clock: every date a build stamps comes from here."""

from __future__ import annotations

import datetime as dt
import os

from generator.errors import UsageProblem


LAST_SECOND = 253402300799  # 31 December 9999, the last day Python's dates hold


def build_date(as_of: dt.date | None = None) -> dt.date:
    """The day the build happens: `as_of` if given, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if as_of is not None:
        return as_of
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _epoch_day(epoch)
    return dt.datetime.now(dt.timezone.utc).date()


def _epoch_day(epoch: str) -> dt.date:
    advice = (
        f"SOURCE_DATE_EPOCH is {epoch!r}; it must be a whole number of seconds since 1 January 1970, "
        "e.g. 1614556800 for 1 March 2021 (or unset it to build with today's date)"
    )
    if not epoch.isascii() or not epoch.isdigit() or int(epoch) > LAST_SECOND:
        raise UsageProblem(advice)
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()


def epoch_of(day: dt.date) -> int:
    """Midnight UTC of `day`, for tools that stamp times (font subsetting, zip entries)."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


# The months as Welsh writes them (CLDR's `cy`, the same as Babel's): 12 Mai 2026.
WELSH_MONTHS = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip
WELSH_SHORT_MONTHS = ("Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag")
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def local_date(day: dt.date, language: str = "en") -> str:
    """A date as a council in Wales or England writes it, in the pack's language: 12 May 2026,
    12 Mai 2026. The one function every printed date goes through."""
    months = WELSH_MONTHS if language == "cy" else ENGLISH_MONTHS
    return f"{day.day} {months[day.month - 1]} {day.year}"


def short_date(day: dt.date, language: str = "en") -> str:
    """A date where space is short: 1 Mar 2022, 1 Maw 2022."""
    if language == "cy":
        return f"{day.day} {WELSH_SHORT_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {day:%b %Y}"


def uk_date(day: dt.date) -> str:
    """A date as a UK council writes it in English: 1 March 2022."""
    return local_date(day, "en")
