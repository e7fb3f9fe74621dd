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


def uk_date(day: dt.date) -> str:
    """A date as a UK council writes it: 1 March 2022."""
    return f"{day.day} {day:%B %Y}"
