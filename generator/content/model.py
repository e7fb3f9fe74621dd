"""The content model: what a pack says, validated once, immutable, free of I/O.

Every renderer reads these objects and nothing else. Field names are the keys of the
content files (see docs/content-format.md); the `pack.yaml` keys are a contract.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, Field, PrivateAttr, ValidationInfo, field_validator

from generator.content.base import MAX_ITEMS, Items, Logo, Model, Text, Title
from generator.content.base import fail as _fail
from generator.content.card_set import CardSet
from generator.content.council import Council
from generator.content.quiz.bank import QuizBank
from generator.i18n import _, catalogue
from generator.content.values import IsoDate, WebAddress, refuse_curly_quotes

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
        _refuse_keyword_without_colon(raw)
        return {"type": "paragraph", "text": raw}
    if isinstance(raw, dict) and len(raw) == 1:
        ((key, value),) = raw.items()
        if key in BLOCK_KEYS:
            return {"type": key, BLOCK_KEYS[key]: value}
    raise _fail("a block is a paragraph of text, or one of list:, lettered: or subheading:")


# "- subheading Prejudicial interests" would print as a paragraph and shift the paragraph numbers
# quiz items count. "list" only in lower case: "List the gifts you receive" is a real paragraph.
KEYWORD_WITHOUT_COLON = re.compile(r"^(?:(?i:subheading|lettered)|list)\s+(?P<rest>\S.*)$", re.DOTALL)


def _refuse_keyword_without_colon(text: str | None) -> None:
    text = text or ""
    match = KEYWORD_WITHOUT_COLON.match(text)
    if match:
        keyword = text.split()[0].lower()
        raise _fail(
            f'"{text[:60]}" starts with {keyword} but has no colon, so it would print as a paragraph; '
            f"write the line as - {keyword}: {match['rest'][:60]}"
        )


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
DONT = re.compile(
    r"^\s*(?:don't|don’t|don‘t|dont|do\s+not|peidiwch(?:\s+(?:â|ag|a))?)\s+(?=[^\W\d_])(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)  # "Peidiwch â ...", Welsh for "Don't ...", in a Welsh twin


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
if TYPE_CHECKING:  # mypy cannot read a union made at run time; tests/test_types.py holds the two equal
    Section = Union[ProseSection, ProsConsSection, ResponsibilitiesSection, LegalIssuesSection, ChecklistSection]
else:
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
    status: Annotated[
        Literal["draft", "approved", "superseded"],
        BeforeValidator(lambda raw: raw.strip().lower() if isinstance(raw, str) else raw),
    ] = "draft"  # never approved unless it says so; "Approved" as typed is read as approved
    contact: Text
    other_formats: Text = "This document is available in other formats, such as large print, on request."
    url: WebAddress | None = None
    logo: Logo | None = None
    sections: tuple[Section, ...]
    # Loaded from quiz.yaml and cards.yaml beside pack.yaml, after the sections they point at.
    quiz: QuizBank | None = None
    cards: CardSet | None = None
    council: Council | None = None  # from council.yaml beside the pack (or in it), if there is one
    # The pack's languages (BCP 47 codes, in the order printed) and the one this Pack is in.
    languages: tuple[Literal["cy", "en"], ...] = ("en",)
    language: Literal["cy", "en"] = "en"
    # Set by the reader: every file the pack was read from, with the sha256 of the bytes read.
    _source_digests: dict[str, str] = PrivateAttr(default_factory=dict)
    # Set by the reader: each block of a twin translated from an earlier wording of its source.
    _translation_drift: tuple = PrivateAttr(default=())

    @property
    def source_digests(self) -> dict[str, str]:
        return dict(self._source_digests)

    @property
    def translation_drift(self) -> tuple:
        """Problems (path, line, message): twins to update, warned of by check and build, refused by --strict."""
        return tuple(self._translation_drift)

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
        refuse_curly_quotes(version)
        history = info.data.get("history")
        if history and history[-1].version != version:
            raise _fail(
                f'version is "{version}" but the newest history entry is "{history[-1].version}"; '
                f'add a history entry for "{version}" at the end of history'
            )
        return version

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def version_history(self) -> tuple[HistoryEntry, ...]:
        """The history to print: the pack's own, or one line for the current version (which a draft
        must not print as approved by anyone)."""
        if self.history:
            return self.history
        words = catalogue(self.language).gettext
        approved_by = words(_("Not yet approved")) if self.status == "draft" else self.approved_by
        return (
            HistoryEntry(
                version=self.version, date=self.issued, changes=words(_("Current version.")), approved_by=approved_by
            ),
        )


BLOCK_TYPES = ("paragraph", "list", "lettered", "subheading")
