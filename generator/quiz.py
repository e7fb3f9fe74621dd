"""Quiz sheets for participants and answer keys for trainers, one pair per version (A4)."""

from __future__ import annotations

from generator.artefact import BookletPages, BuildContext, Output, QuizVersion
from generator.errors import RenderError
from generator.pdf import render_pdf
from generator.content.quiz_generate import generate
from generator.content.quiz_items import anchor
from generator.content.quiz_leaks import leaks
from generator.quiz_draw import draw_all
from generator.quiz_variants import Variant, make_variant, variant_letters
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["quiz"]
NEEDS = ("booklet",)  # the key gives the booklet pages of each answer, as the booklet was rendered


def questions_of(context: BuildContext) -> list:
    """The whole bank: the questions written in quiz.yaml, then those generated for this seed."""
    bank = context.pack.quiz
    return list(bank.questions) + generate(bank.generate, context.pack, context.seed)


def sheets_of(context: BuildContext) -> list[tuple[str, list]]:
    """(letter, questions) for each version: the whole bank, or each its own draw of --quiz-questions."""
    letters = variant_letters(context.quiz_variants)
    draws = draw_all(questions_of(context), context.quiz_questions, len(letters), context.seed)
    return list(zip(letters, draws))


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []  # the pack has no quiz.yaml
    pages = AnswerPages(earlier["booklet"].handoff)
    outputs = []
    for letter, questions in sheets_of(context):
        _refuse_leaks(questions)
        variant = make_variant(questions, letter, context.seed, context.pack, pages.of)
        outputs += [_pdf(context, variant, "quiz-sheet"), _pdf(context, variant, "quiz-key")]
    return outputs


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


def _refuse_leaks(questions: list) -> None:
    """The last check before a sheet is written (quiz.yaml is checked as it is read)."""
    found = leaks(questions)
    if found:
        leak = found[0]
        raise RenderError(
            f"question '{leak.by.id}' gives away the answer of question '{leak.answered.id}' "
            f'("{leak.answer}"); nothing was written'
        )


def _pdf(context: BuildContext, variant: Variant, kind: str) -> Output:
    html = _html(context, variant, kind)
    what = f"the {kind.replace('-', ' ')} for {variant.name.lower()}"
    pdf = render_pdf(html, context.templates, context.readable_roots, what=what)
    version = QuizVersion(
        variant.letter, variant.number, variant.code, context.seed, len(variant.sheet), variant.total_points
    )
    return Output(kind, f"{kind}-{variant.letter}.pdf", pdf.data, pdf.pages, html, version)


def _html(context: BuildContext, variant: Variant, kind: str) -> str:
    pack = context.pack
    common = dict(
        version_name=variant.name,
        code=variant.code,
        quiz_title=pack.quiz.title or f"{pack.title}: quiz",
        questions=variant.sheet,
        total_points=variant.total_points,
        answer_grid=pack.quiz.answer_grid,
    )
    if kind == "quiz-sheet":  # the sheet is given the questions only: nothing that holds an answer
        return context.render("quiz-sheet.html.j2", **common)
    return context.render("quiz-key.html.j2", answers=variant.key, **common)
