"""The one build clock: every date a build stamps comes from here."""
from __future__ import annotations

import datetime as dt
import os


def build_date(as_of: dt.date | None = None) -> dt.date:
    """The day the build happens: `as_of` if given, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if as_of is not None:
        return as_of
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def epoch_of(day: dt.date) -> int:
    """Midnight UTC of `day`, for tools that stamp times (font subsetting, zip entries)."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def uk_date(day: dt.date) -> str:
    """A date as a UK council writes it: 1 March 2022."""
    return f"{day.day} {day:%B %Y}"
