"""Answer keys for trainers, one per quiz version (A4): each answer with the booklet pages that
hold it, as the booklet was rendered in this build. The sheets are quiz.py."""

from __future__ import annotations

from generator.artefact import BookletPages, BuildContext, Output
from generator.content.quiz_items import anchor
from generator.errors import RenderError
from generator.kinds import BY_MODULE
from generator.quiz import quiz_pdf, versions

KINDS = BY_MODULE["quiz_key"]
NEEDS = ("booklet",)  # the key gives the booklet pages of each answer, as the booklet was rendered


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []  # the pack has no quiz.yaml
    pages = AnswerPages(earlier["booklet"].handoff)
    return [quiz_pdf(context, variant, "quiz-key") for variant in versions(context, pages.of)]


class AnswerPages:
    """The booklet pages, as rendered, that hold each question's answer."""

    def __init__(self, booklet: BookletPages):
        self.first = booklet.first
        self.last = booklet.last

    def of(self, question) -> tuple[int, ...]:
        """The pages of the question's items; the section's every page when it names none (or
        a council's own templates do not mark them)."""
        anchors = [anchor(question.section, key) for key in question.item or ()]
        if not anchors or any(a not in self.first for a in anchors):
            anchors = [question.section]
        if question.section not in self.first:
            raise RenderError(
                f"the quiz key needs the booklet pages of '{question.section}', but the booklet "
                "has no such section; nothing was written"
            )
        return tuple(sorted({page for a in anchors for page in range(self.first[a], self.last[a] + 1)}))
