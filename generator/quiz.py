"""Quiz sheets for participants and answer keys for trainers, one pair per variant (A4)."""
from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.errors import RenderError
from generator.pdf import render_pdf
from generator.content.quiz_generate import generate
from generator.quiz_variants import Variant, make_variant, variant_letters

KINDS = ("quiz-sheet", "quiz-key")
NEEDS = ("booklet",)  # the key gives the booklet page of each answer, as the booklet was rendered


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    bank = context.pack.quiz
    if bank is None:
        return []  # the pack has no quiz.yaml
    questions = list(bank.questions) + generate(bank.generate, context.pack, context.seed)
    pages = _booklet_pages(context, earlier, questions)
    outputs = []
    for letter in variant_letters(context.quiz_variants):
        variant = make_variant(questions, letter, context.seed, context.pack, pages)
        outputs += [_pdf(context, variant, "quiz-sheet"), _pdf(context, variant, "quiz-key")]
    return outputs


def _booklet_pages(context: BuildContext, earlier: dict[str, Output], questions: list) -> dict[str, int]:
    anchor_pages = earlier["booklet"].facts["anchor_pages"]
    missing = sorted({q.section for q in questions} - set(anchor_pages))
    if missing:
        raise RenderError(f"the quiz key needs the booklet page of {', '.join(missing)}, "
                          "but the booklet has no such section; nothing was written")
    return {section.id: anchor_pages[section.id] for section in context.pack.sections if section.id in anchor_pages}


def _pdf(context: BuildContext, variant: Variant, kind: str) -> Output:
    html = _html(context, variant, kind)
    what = f"the {kind.replace('-', ' ')} for variant {variant.letter}"
    pdf = render_pdf(html, context.templates, context.readable_roots, what=what)
    facts = {"variant": variant.letter, "code": variant.code, "seed": context.seed,
             "questions": len(variant.sheet), "total_points": variant.total_points}
    return Output(kind, f"{kind}-{variant.letter}.pdf", pdf.data, pdf.pages, html, facts)


def _html(context: BuildContext, variant: Variant, kind: str) -> str:
    pack = context.pack
    common = dict(letter=variant.letter, code=variant.code,
                  quiz_title=pack.quiz.title or f"{pack.title}: quiz", questions=variant.sheet,
                  total_points=variant.total_points)
    if kind == "quiz-sheet":  # the sheet is given the questions only: nothing that holds an answer
        return context.render("quiz-sheet.html.j2", answer_grid=pack.quiz.answer_grid, **common)
    return context.render("quiz-key.html.j2", answers=variant.key, **common)
