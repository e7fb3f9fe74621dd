"""Questions drawn from a pack's own sections: the same questions for the same seed.

What each kind of section can give (the `type:` of a `generate:` item):
- legal-issues, single: "Which of these is listed under ...?" (one listed item, three wrong
  options from the item's `distractors:`), then "Which of these is not listed ...?" (three
  listed items, one distractor). At most two questions.
- legal-issues, multiple: "Which of these are listed under ...?" with two or three listed items
  and two or three distractors. At most one question.
- pros-and-cons, single: "Which of these is listed as a pro?", then "... as a con?": the wrong
  options are drawn from the other column, so nothing is invented. At most two questions.
- checklist, true-false: 'One of the tips in "..." is "...".' A tip's own title is true; a
  "Don't ..." tip turned round ("Have a row") is false. At most one question per tip.

Wrong options are never made up here: they are the guidance's own words from another list, or
the trainer's `distractors:`, which the loader checks are not in the guidance's list.
"""
from __future__ import annotations

import random
import re

from generator.content.quiz_bank import GENERATED_PREFIX, GenerateSpec, MultipleChoice, SingleChoice, TrueFalse

TYPES_BY_KIND = {"legal-issues": ("single", "multiple"), "pros-and-cons": ("single",), "checklist": ("true-false",)}
MOST = {("legal-issues", "single"): 2, ("legal-issues", "multiple"): 1, ("pros-and-cons", "single"): 2}
WRONG_OPTIONS = 3  # beside the one right option of a single-choice question
DONT = re.compile(r"^(don't|don’t|do not)\s+", re.IGNORECASE)


def resolved(spec: GenerateSpec, section) -> GenerateSpec:
    """The spec with its type filled in from the section's kind when quiz.yaml leaves it out."""
    return spec.model_copy(update={"type": spec.type or TYPES_BY_KIND[section.kind][0]})


def check_spec(spec: GenerateSpec, section) -> list[tuple[str | tuple, str]]:
    """(key or location, message) for everything wrong with `spec` for `section`; empty when it can be generated."""
    kinds = TYPES_BY_KIND.get(section.kind)
    if kinds is None:
        usable = ", ".join(f"{kind} ({' or '.join(types)})" for kind, types in TYPES_BY_KIND.items())
        return [("section", f"questions cannot be generated from a {section.kind} section such as "
                            f"'{section.id}'; sections that can: {usable}")]
    spec = resolved(spec, section)
    if spec.type not in kinds:
        return [("type", f"a {section.kind} section gives {' or '.join(kinds)} questions, not {spec.type}")]
    problems = _distractor_problems(spec, section)
    most = _most(spec, section)
    if spec.count > most:
        problems.append(("count", f"'{section.id}' can give at most {most} {spec.type} question(s); "
                                  f"write count: {most} or fewer"))
    return problems


def _most(spec: GenerateSpec, section) -> int:
    if section.kind == "checklist":
        return len(_statement_tips(section))
    return MOST[(section.kind, spec.type)]


def _distractor_problems(spec: GenerateSpec, section) -> list[tuple[str | tuple, str]]:
    if section.kind != "legal-issues":
        if spec.distractors:
            return [("distractors", "distractors are only used with legal-issues sections; remove them "
                                    "(the wrong options come from the section itself)")]
        return []
    listed = {_plain(item) for item in section.issues}
    clashes = [(("distractors", n), f'"{d}" is listed in \'{section.id}\', so it cannot be a wrong option; '
                                     "replace it with something clearly not in the list")
               for n, d in enumerate(spec.distractors) if _plain(d) in listed]
    if clashes:
        return clashes
    if len({_plain(d) for d in spec.distractors}) < WRONG_OPTIONS:
        return [("distractors", f"list at least {WRONG_OPTIONS} different distractors: things clearly not "
                                f"listed in '{section.id}', to be the wrong options")]
    if len(section.issues) < WRONG_OPTIONS:
        return [("section", f"'{section.id}' needs at least {WRONG_OPTIONS} items to generate questions from")]
    return []


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def generate(specs: tuple[GenerateSpec, ...], pack, seed: int) -> list:
    """Every generated question, in the order of `specs`; the same seed gives the same questions."""
    questions = []
    for spec in specs:
        section = pack.section(spec.section)
        rng = random.Random(f"{seed}-generate-{spec.section}-{spec.type}")
        make = {"legal-issues": _from_list, "pros-and-cons": _from_pros_and_cons, "checklist": _from_checklist}
        made = make[section.kind](spec, section, rng)
        questions += [q.model_copy(update={"id": f"{GENERATED_PREFIX}{spec.section}-{spec.type}-{n}"})
                      for n, q in enumerate(made, start=1)]
    return questions


def _from_list(spec: GenerateSpec, section, rng: random.Random) -> list:
    title, issues = section.title, list(dict.fromkeys(section.issues))
    spec = spec.model_copy(update={"distractors": tuple(dict.fromkeys(spec.distractors))})
    explanation = f'The guidance lists these under "{title}": {", ".join(issues)}.'
    common = {"section": section.id, "explanation": explanation, "id": "pending"}
    if spec.type == "multiple":
        right = rng.sample(issues, rng.choice((2, 3)))
        wrong = rng.sample(spec.distractors, 5 - len(right))
        return [MultipleChoice(type="multiple", prompt=f'Which of these are listed under "{title}" in the guidance?',
                               options=tuple(right + wrong), answer=tuple(right), **common)]
    answer, odd = rng.choice(issues), rng.choice(spec.distractors)
    listed = SingleChoice(type="single", prompt=f'Which of these is listed under "{title}" in the guidance?',
                          options=(answer, *rng.sample(spec.distractors, WRONG_OPTIONS)), answer=answer, **common)
    not_listed = SingleChoice(type="single", prompt=f'Which of these is not listed under "{title}" in the guidance?',
                              options=(odd, *rng.sample(issues, WRONG_OPTIONS)), answer=odd, **common)
    return [listed, not_listed][: spec.count]


def _from_pros_and_cons(spec: GenerateSpec, section, rng: random.Random) -> list:
    questions = []
    for side, right, wrong, other in (("pro", section.pros, section.cons, "cons"),
                                      ("con", section.cons, section.pros, "pros")):
        answer = rng.choice(right)
        questions.append(SingleChoice(
            type="single", id="pending", section=section.id,
            prompt=f'Which of these is listed as a {side} in "{section.title}"?',
            options=(answer, *rng.sample(wrong, min(WRONG_OPTIONS, len(wrong)))), answer=answer,
            explanation=f'"{answer}" is listed as a {side}; the other options are listed as {other}.'))
    return questions[: spec.count]


def _statement_tips(section) -> list:
    """Tips that read as a statement of advice (not "To post in meetings or not?")."""
    return [tip for tip in section.tips if not tip.title.rstrip().endswith("?")]


def _from_checklist(spec: GenerateSpec, section, rng: random.Random) -> list:
    tips = rng.sample(_statement_tips(section), spec.count)
    donts = [n for n, tip in enumerate(tips) if tip.is_dont]
    turned_round = set(rng.sample(donts, (len(donts) + 1) // 2))  # about half the statements are false
    questions = []
    for n, tip in enumerate(tips):
        false = n in turned_round
        statement = _turned_round(tip.title) if false else tip.title
        explanation = (f'The tip is the opposite: "{tip.title}".' if false
                       else f'"{tip.title}" is one of the tips in "{section.title}".')
        questions.append(TrueFalse(type="true-false", id="pending", section=section.id, answer=not false,
                                   prompt=f'One of the tips in "{section.title}" is "{statement}".',
                                   explanation=explanation))
    return questions


def _turned_round(title: str) -> str:
    """"Don't have a row" -> "Have a row"."""
    rest = DONT.sub("", title.strip(), count=1)
    return rest[:1].upper() + rest[1:]
