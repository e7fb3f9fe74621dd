"""Answer keys for trainers, one per quiz version (A4): each answer with the booklet pages that
hold it, as the booklet was rendered in this build. The sheets are quiz.py."""

from __future__ import annotations

from generator.artefacts.base import BookletPages, BuildContext, Output
from generator.content.quiz.items import anchor
from generator.errors import RenderError
from generator.artefacts.registry import BY_NAME
from generator.artefacts.quiz.sheet import quiz_pdf, versions

KINDS, NEEDS = BY_NAME["quiz_key"].kinds, BY_NAME["quiz_key"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []  # the pack has no quiz.yaml
    handoff = earlier["booklet"].handoff
    if not isinstance(handoff, BookletPages):
        raise RenderError("the quiz key needs the booklet's page numbers, which the booklet did not hand on")
    pages = AnswerPages(handoff)
    return [quiz_pdf(context, variant, "quiz-key") for variant in versions(context, pages.of)]


class AnswerPages:
    """The booklet pages, as rendered, that hold each question's answer."""

    def __init__(self, booklet: BookletPages):
        self.first = booklet.first
        self.last = booklet.last

    def of(self, question) -> tuple[int, ...]:
        """The pages of each place the answer is printed: a named item's pages, or its section's
        every page when it names none (or a council's own templates do not mark the item)."""
        pages: set[int] = set()
        for section, key in question.places:
            if section not in self.first:
                raise RenderError(
                    f"the quiz key needs the booklet pages of '{section}', but the booklet "
                    "has no such section; nothing was written"
                )
            marked = anchor(section, key) if key else section
            if marked not in self.first:
                marked = section
            pages.update(range(self.first[marked], self.last[marked] + 1))
        return tuple(sorted(pages))
