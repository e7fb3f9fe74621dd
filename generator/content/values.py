"""The values a content file writes as text and the model reads as more: dates (YYYY-MM-DD,
with a helpful word for anything else) and web addresses."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Field

from generator.clock import uk_date
from generator.content.base import fail as _fail

MONTHS = {
    name.lower(): number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


def parse_iso_date(value: object) -> dt.date:
    """A date written as YYYY-MM-DD, or an error that says how to write it."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    refuse_curly_quotes(text)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _fail(f'"{text}" is not a date: {_why_not_a_date(year, month, day)}') from None
    guess = _guess_date(text)
    if guess:
        raise _fail(f'"{text}" is not written as YYYY-MM-DD; write it as {guess.isoformat()}')
    raise _fail(f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2022-03-01 for {uk_date(dt.date(2022, 3, 1))}')


def _why_not_a_date(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}; write it as YYYY-MM-DD"
    if not 1 <= year <= 9999:
        return "there is no year 0; write it as YYYY-MM-DD"
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    after = f" or {(last + dt.timedelta(days=1)).isoformat()}" if last < dt.date.max else ""
    return f"{last:%B %Y} has {last.day} days; write a real date, e.g. {last.isoformat()}{after}"


CURLY_QUOTES = "“”‘’„‚«»"


def refuse_curly_quotes(text: str) -> None:
    """`version: “1.0”` keeps the curly quotes as part of the value: say how to write it."""
    if len(text) > 2 and text[0] in CURLY_QUOTES and text[-1] in CURLY_QUOTES:
        raise _fail(
            f"{text} is written in curly quotes, which become part of the value; write it with straight "
            f'quotes, "{text[1:-1]}", or none'
        )


def _guess_date(text: str) -> dt.date | None:
    """Read the ways people write dates (1 March 2022, 01/03/2022) to suggest the ISO form."""
    words = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
    slashes = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    try:
        if words and words.group(2).lower()[:3] in {m[:3] for m in MONTHS}:
            month = next(n for m, n in MONTHS.items() if m.startswith(words.group(2).lower()[:3]))
            return dt.date(int(words.group(3)), month, int(words.group(1)))
        if slashes:  # UK order: day/month/year
            return dt.date(int(slashes.group(3)), int(slashes.group(2)), int(slashes.group(1)))
    except ValueError:
        return None
    return None


IsoDate = Annotated[dt.date, BeforeValidator(parse_iso_date)]


def web_address(value: object) -> str:
    """A public web address: printed and put in QR codes, never fetched, but it must not point
    a reader (or a scanning phone) at a file or a machine on the council's own network."""
    text = str(value).strip()
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise _fail(f'"{text}" is not a web address; write it in full, e.g. https://www.example.gov.uk/guidance')
    if (
        host == "localhost"
        or host.endswith((".local", ".localhost", ".internal"))
        or "." not in host
        or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host)
    ):
        raise _fail(f'"{text}" points at a private or local machine; use the public web address')
    if parts.username or parts.password:
        raise _fail(f'"{text}" contains a user name or password; remove them')
    return text


WebAddress = Annotated[str, BeforeValidator(web_address), Field(max_length=500)]
