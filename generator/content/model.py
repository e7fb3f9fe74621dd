"""The content model: what a pack says, validated once, immutable, free of I/O.

Every renderer reads these objects and nothing else. Field names are the keys of the
content files (see docs/content-format.md); the `pack.yaml` keys are a contract.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from urllib.parse import urlsplit
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, Field, PrivateAttr, ValidationInfo, field_validator

from generator.clock import uk_date

from generator.content.base import MAX_ITEMS, Items, Logo, Model, Text, Title
from generator.content.base import fail as _fail
from generator.content.card_set import CardSet
from generator.content.council import Council
from generator.content.quiz_bank import QuizBank

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
    _refuse_curly_quotes(text)
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


def _refuse_curly_quotes(text: str) -> None:
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


# ---- prose blocks -------------------------------------------------------------------------


class Paragraph(Model):
    type: Literal["paragraph"] = "paragraph"
    text: Text


class BulletList(Model):
    type: Literal["list"] = "list"
    items: Items


class LetteredList(Model):
    type: Literal["lettered"] = "lettered"
    items: Items


class Subheading(Model):
    type: Literal["subheading"] = "subheading"
    text: Text


Block = Annotated[
    Union[Paragraph, BulletList, LetteredList, Subheading],
    Field(discriminator="type"),
    BeforeValidator(lambda raw: _block_from_yaml(raw)),
]
BLOCK_KEYS = {"list": "items", "lettered": "items", "subheading": "text"}


def _block_from_yaml(raw):
    """A block is typed in YAML as a plain paragraph or a one-key mapping (list, lettered, subheading)."""
    if isinstance(raw, BaseModel):
        return raw
    if isinstance(raw, str) or raw is None:
        return {"type": "paragraph", "text": raw}
    if isinstance(raw, dict) and len(raw) == 1:
        ((key, value),) = raw.items()
        if key in BLOCK_KEYS:
            return {"type": key, BLOCK_KEYS[key]: value}
    raise _fail("a block is a paragraph of text, or one of list:, lettered: or subheading:")


# ---- sections -----------------------------------------------------------------------------


class SectionBase(Model):
    id: str  # the file's name without .yaml, used by quiz questions and cards to point here
    title: Text

    @field_validator("title")
    @classmethod
    def _sentence_case(cls, title: str) -> str:
        words = title.split()
        shouting = len(words) > 1 and all(w.isupper() for w in words if w.isalpha())
        if shouting:
            raise _fail(f'"{title}" is in capitals; write headings in sentence case, e.g. "{title.capitalize()}"')
        return title


class ProseSection(SectionBase):
    kind: Literal["prose"]
    body: Annotated[tuple[Block, ...], Field(min_length=1, max_length=MAX_ITEMS)]


class ProsConsSection(SectionBase):
    kind: Literal["pros-and-cons"]
    intro: Text | None = None
    pros: Items
    cons: Items


class ResponsibilitiesSection(SectionBase):
    kind: Literal["responsibilities"]
    intro: Text | None = None
    items: Items


class LegalIssuesSection(SectionBase):
    kind: Literal["legal-issues"]
    intro: Text | None = None
    issues: Items
    outro: Text | None = None


class Source(Model):
    name: Text
    url: WebAddress


# "Don't have a row", "Do not have a row", "DON'T have a row": a plain "don't" followed by what not
# to do. "Do not, in any circumstances, have a row" or "Do nothing you would not say" is not one:
# turning it round would not give its opposite.
DONT = re.compile(r"^\s*(?:don't|don’t|don‘t|dont|do\s+not)\s+(?=[^\W\d_])(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)


def turned_round(title: str) -> str | None:
    """A "don't" tip turned into its opposite ("Don't have a row" -> "Have a row"), or None
    when the tip is not a plain "don't". The one test of what counts as a "don't" tip."""
    match = DONT.match(title)
    if match is None:
        return None
    rest = match["rest"].strip()
    return rest[:1].upper() + rest[1:]


class Tip(Model):
    title: Text
    text: Text

    @property
    def is_dont(self) -> bool:
        return turned_round(self.title) is not None

    @property
    def kind(self) -> str:
        """ "dont", "question" (a title that asks, e.g. "To post in meetings or not?": neither a
        do nor a don't) or "do"."""
        if self.is_dont:
            return "dont"
        return "question" if self.title.endswith("?") else "do"


class ChecklistSection(SectionBase):
    kind: Literal["checklist"]
    intro: Text | None = None
    source: Source | None = None
    tips: Annotated[tuple[Tip, ...], Field(min_length=1, max_length=MAX_ITEMS)]


# Every kind of section by its `kind:` name, in the order messages list them: the union below
# and SECTION_KINDS are made from it. A new kind also needs a template, a handout writer and
# perhaps card and quiz support: docs/architecture.md lists them, tests/test_sections.py checks.
SECTION_MODELS = {
    "prose": ProseSection,
    "pros-and-cons": ProsConsSection,
    "responsibilities": ResponsibilitiesSection,
    "legal-issues": LegalIssuesSection,
    "checklist": ChecklistSection,
}
Section = Annotated[Union[tuple(SECTION_MODELS.values())], Field(discriminator="kind")]
SECTION_KINDS = tuple(SECTION_MODELS)


# ---- the pack -----------------------------------------------------------------------------


class HistoryEntry(Model):
    version: Annotated[str, Field(min_length=1, max_length=20)]
    date: IsoDate
    changes: Text
    approved_by: Text
    minute: Text | None = None


class Pack(Model):
    """One pack: its `pack.yaml` keys plus its sections, in reading order."""

    slug: str  # the pack's folder name
    title: Title
    organisation: Text
    audience: Text | None = None
    history: tuple[HistoryEntry, ...] = ()  # before version, so version can be checked against it
    version: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^\S+$")]
    issued: IsoDate
    review_due: IsoDate
    owner: Text
    approved_by: Text
    status: Literal["draft", "approved", "superseded"] = "draft"  # never approved unless it says so
    contact: Text
    other_formats: Text = "This document is available in other formats, such as large print, on request."
    url: WebAddress | None = None
    logo: Logo | None = None
    sections: tuple[Section, ...]
    # Loaded from quiz.yaml and cards.yaml beside pack.yaml, after the sections they point at.
    quiz: QuizBank | None = None
    cards: CardSet | None = None
    council: Council | None = None  # from council.yaml beside the pack (or in it), if there is one
    # Set by the reader: every file the pack was read from, with the sha256 of the bytes read.
    _source_digests: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def source_digests(self) -> dict[str, str]:
        return dict(self._source_digests)

    @field_validator("review_due")
    @classmethod
    def _review_after_issue(cls, review_due: dt.date, info: ValidationInfo) -> dt.date:
        issued = info.data.get("issued")
        if issued and review_due <= issued:
            raise _fail(
                f"review_due ({review_due.isoformat()}) is not after issued ({issued.isoformat()}); "
                "the review date must come later"
            )
        return review_due

    @field_validator("sections")
    @classmethod
    def _some_guidance(cls, sections: tuple) -> tuple:
        if not sections:
            raise _fail(
                "sections is empty: list at least one section file, e.g. - purpose.yaml "
                "(a booklet with no guidance would be printed otherwise)"
            )
        return sections

    @field_validator("version")
    @classmethod
    def _newest_history_entry(cls, version: str, info: ValidationInfo) -> str:
        _refuse_curly_quotes(version)
        history = info.data.get("history")
        if history and history[-1].version != version:
            raise _fail(
                f'version is "{version}" but the newest history entry is "{history[-1].version}"; '
                f'add a history entry for "{version}" at the end of history'
            )
        return version

    def section(self, section_id: str):
        return next(s for s in self.sections if s.id == section_id)

    @property
    def version_history(self) -> tuple[HistoryEntry, ...]:
        """The history to print: the pack's own, or one line for the current version."""
        if self.history:
            return self.history
        return (
            HistoryEntry(
                version=self.version, date=self.issued, changes="Current version.", approved_by=self.approved_by
            ),
        )


BLOCK_TYPES = ("paragraph", "list", "lettered", "subheading")
