"""Quiz sheets for participants, one per version (A4); each version's answer key is quiz_key.py.

The two are modules of their own so they are rendered side by side: a sheet needs nothing
but the content, a key waits for the booklet whose pages it cites. Both draw the same
versions from the same seed (`versions`), so a key always matches its sheet.
"""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output, QuizVersion
from generator.errors import RenderError
from generator.pdf.render import render_pdf
from generator.content.quiz.generate import generate
from generator.content.quiz.leaks import leaks
from generator.artefacts.quiz.draw import draw_all
from generator.artefacts.quiz.variants import Variant, make_variant, variant_letters
from generator.artefacts.registry import BY_NAME
from generator.i18n import _, words_for

QUIZ_TITLE = _("%(title)s: quiz")  # a quiz.yaml without a title of its own
KINDS, NEEDS = BY_NAME["quiz"].kinds, BY_NAME["quiz"].needs  # its registry entry


def questions_of(context: BuildContext) -> list:
    """The whole bank: the questions written in quiz.yaml, then those generated for this seed."""
    bank = context.pack.quiz
    if bank is None:
        return []  # no quiz.yaml
    return list(bank.questions) + generate(bank.generate, context.pack, context.seed)


def sheets_of(context: BuildContext) -> list[tuple[str, list]]:
    """(letter, questions) for each version: the whole bank, or each its own draw of --quiz-questions."""
    letters = variant_letters(context.quiz_variants)
    draws = draw_all(questions_of(context), context.quiz_questions, len(letters), context.seed)
    return list(zip(letters, draws))


def versions(context: BuildContext, pages=lambda question: ()) -> list[Variant]:
    """Every version of the quiz, checked for leaks. `pages(question)` gives the booklet pages of
    its answer, for the key; a sheet shows none."""
    variants = []
    for letter, questions in sheets_of(context):
        _refuse_leaks(questions)
        variants.append(make_variant(questions, letter, context.seed, context.pack, pages))
    return variants


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []  # the pack has no quiz.yaml
    return [quiz_pdf(context, variant, "quiz-sheet") for variant in versions(context)]


def _refuse_leaks(questions: list) -> None:
    """The last check before a sheet is written (quiz.yaml is checked as it is read)."""
    found = leaks(questions)
    if found:
        leak = found[0]
        raise RenderError(
            f"question '{leak.by.id}' gives away the answer of question '{leak.answered.id}' "
            f'("{leak.answer}"); nothing was written'
        )


def quiz_pdf(context: BuildContext, variant: Variant, kind: str) -> Output:
    """A version's sheet or key (`kind`) as a PDF."""
    html = _html(context, variant, kind)
    what = f"the {kind.replace('-', ' ')} for {variant.name.lower()}"
    pdf = render_pdf(html, context.templates, context.readable_roots, what=what)
    version = QuizVersion(
        variant.letter, variant.number, variant.code, context.seed, len(variant.sheet), variant.total_points
    )
    return Output(kind, f"{kind}-{variant.letter}.pdf", pdf.data, pdf.pages, html, version, pdf.notes)


def _html(context: BuildContext, variant: Variant, kind: str) -> str:
    pack = context.pack
    assert pack.quiz is not None  # a quiz is drawn only from a pack with quiz.yaml
    common = dict(
        version_name=variant.name,
        code=variant.code,
        quiz_title=pack.quiz.title or words_for(pack).phrase(QUIZ_TITLE, title=pack.title),
        questions=variant.sheet,
        total_points=variant.total_points,
        answer_grid=pack.quiz.answer_grid,
    )
    if kind == "quiz-sheet":  # the sheet is given the questions only: nothing that holds an answer
        return context.render("quiz-sheet.html.j2", **common)
    return context.render("quiz-key.html.j2", answers=variant.key, **common)
