"""What every artefact renderer receives and returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.content import status
from generator.content.council_files import council_assets
from generator.content.model import Pack
from generator.html.templating import TEMPLATES


@dataclass(frozen=True)
class BuildContext:
    """Everything a renderer may use besides the content: where the pack lives, the build clock, options."""

    pack: Pack
    pack_dir: Path
    built: dt.date
    appendix_label: str = "Appendix A"
    quiz_variants: int = 1
    quiz_questions: int | None = None  # questions drawn for each quiz version; None: all of them
    seed: int = 1
    templates: Path = TEMPLATES
    cover_slot: str | None = None  # markup reserving room on the cover for a person's name (packgen induct)
    # How many Notes pages the last build's booklet had: tried first, it saves a layout when still
    # right, and changes nothing otherwise (padding.pad_to_four), so it is no input of any artefact.
    booklet_notes_hint: int = 0
    # The pack in each of its languages, in its order, for an artefact made once from them all
    # (registry each_language=False) when the pack has more than one; () otherwise.
    packs: tuple[Pack, ...] = ()

    @property
    def readable_roots(self) -> list[Path]:
        """The only folders (and council files) WeasyPrint may read from."""
        return [self.pack_dir, self.templates, *council_assets(self.pack.council)]

    @property
    def stamp(self) -> str:
        """The words that go on every page and every card, status words included."""
        return status.stamp(self.pack, self.built)

    @property
    def watermark(self) -> str | None:
        """DRAFT or SUPERSEDED across every page, or None for approved guidance."""
        return status.watermark(self.pack)

    @property
    def overdue(self) -> bool:
        return status.is_overdue(self.pack, self.built)

    def render(self, template_name: str, **variables) -> str:
        """Render a template from this build's templates folder, with the page furniture every
        artefact prints (the pack, the build date, the stamp, the watermark, overdue) and the
        council's branding stylesheet already given."""
        from generator.html.branding import stylesheet
        from generator.html.templating import render

        return render(
            template_name,
            self.templates,
            pack=self.pack,
            built=self.built,
            stamp=self.stamp,
            watermark=self.watermark,
            overdue=self.overdue,
            cover_slot=self.cover_slot,
            branding_css=stylesheet(self.pack),
            **variables,
        )


@dataclass(frozen=True)
class Output:
    """One file an artefact produces, held in memory until the build writes them all."""

    kind: str
    filename: str
    data: bytes
    pages: int | None = None
    html: str | None = None  # the HTML behind a PDF, for --keep-html
    handoff: BookletPages | QuizVersion | None = None  # what later artefacts or the manifest read
    notes: tuple[str, ...] = ()  # what the person at the keyboard should know (e.g. pages added for print)


@dataclass(frozen=True)
class BookletPages:
    """The booklet as rendered, for what is made from it: the first and last page of every
    anchor (section and item ids), and how many Notes pages pad it to a multiple of four."""

    first: dict[str, int]
    last: dict[str, int]
    notes_pages: int = 0


@dataclass(frozen=True)
class QuizVersion:
    """One quiz version, as printed on its sheet and key and listed in the manifest."""

    variant: str  # the letter in file names: quiz-sheet-A.pdf
    variant_number: int  # "Version 1" on the page
    code: str
    seed: int
    questions: int
    total_points: int


HANDOFFS = {cls.__name__: cls for cls in (BookletPages, QuizVersion)}


def handoff_to_json(handoff: BookletPages | QuizVersion | None) -> dict | None:
    """A hand-off as plain JSON (the cache stores it), tagged with its type."""
    return None if handoff is None else {"type": type(handoff).__name__, **asdict(handoff)}
