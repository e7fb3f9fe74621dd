"""Questions drawn from a section's own lists (see generate.py for what each gives): a
legal-issues section's issues against the trainer's distractors, a pros-and-cons section's pros
against its cons. Nothing is invented: every option is the guidance's words or a distractor.
"""

from __future__ import annotations

from generator.content.quiz.bank import GenerateSpec, MultipleChoice, SingleChoice
from generator.content.quiz.pick import Picker
from generator.content.quiz.tips import WRONG_OPTIONS


def from_list(spec: GenerateSpec, section, rng: Picker) -> list:
    title, issues = section.title, list(dict.fromkeys(section.issues))
    spec = spec.model_copy(update={"distractors": tuple(dict.fromkeys(spec.distractors))})
    explanation = f'The guidance lists these under "{title}": {", ".join(issues)}.'
    common = {"section": section.id, "explanation": explanation, "id": "pending"}
    whole_list = tuple(str(n) for n in range(1, len(section.issues) + 1))
    if spec.type == "multiple":
        right = rng.sample(issues, rng.choice((2, 3)))
        wrong = rng.sample(spec.distractors, 5 - len(right))
        return [
            MultipleChoice(
                type="multiple",
                prompt=f'Which of these are listed under "{title}" in the guidance?',
                options=tuple(right + wrong),
                answer=tuple(right),
                item=whole_list,
                **common,
            )
        ]
    answer, odd = rng.choice(issues), rng.choice(spec.distractors)
    listed = SingleChoice(
        type="single",
        prompt=f'Which of these is listed under "{title}" in the guidance?',
        options=(answer, *rng.sample(spec.distractors, WRONG_OPTIONS)),
        answer=answer,
        item=(str(section.issues.index(answer) + 1),),
        **common,
    )
    not_listed = SingleChoice(
        type="single",
        prompt=f'Which of these is not listed under "{title}" in the guidance?',
        options=(odd, *rng.sample(issues, WRONG_OPTIONS)),
        answer=odd,
        item=whole_list,
        **common,
    )
    return [listed, not_listed][: spec.count]


def from_pros_and_cons(spec: GenerateSpec, section, rng: Picker) -> list:
    questions = []
    for side, right, wrong, other in (
        ("pro", section.pros, section.cons, "cons"),
        ("con", section.cons, section.pros, "pros"),
    ):
        answer = rng.choice(right)
        questions.append(
            SingleChoice(
                type="single",
                id="pending",
                section=section.id,
                item=(f"{side}s {right.index(answer) + 1}",),
                prompt=f'Which of these is listed as a {side} in "{section.title}"?',
                options=(answer, *rng.sample(wrong, min(WRONG_OPTIONS, len(wrong)))),
                answer=answer,
                explanation=f'"{answer}" is listed as a {side}; the other options are listed as {other}.',
            )
        )
    return questions[: spec.count]
