"""A pack's standing on a given day: the status words and review facts every page and card carries.

Pure functions of the model and the build clock, so renderers can use them without the reader.
"""

from __future__ import annotations

import datetime as dt

from generator.clock import uk_date
from generator.content.model import Pack

WATERMARKS = {"draft": "DRAFT", "superseded": "SUPERSEDED"}


def days_left(pack: Pack, today: dt.date) -> int:
    """Days until the review is due: negative once it is overdue."""
    return (pack.review_due - today).days


def is_overdue(pack: Pack, today: dt.date) -> bool:
    return days_left(pack, today) < 0


def stamp(pack: Pack, today: dt.date) -> str:
    """The words on every page and every card."""
    parts = [f"Version {pack.version}", f"Review due {uk_date(pack.review_due)}"]
    if is_overdue(pack, today):
        parts.append("Review overdue")
    if pack.status in WATERMARKS:
        parts.insert(0, WATERMARKS[pack.status])
    return " · ".join(parts)
