"""Questions drawn from a pack's own sections: the same questions for the same seed.

What each kind of section can give (the `type:` of a `generate:` item):
- legal-issues, single: "Which of these is listed under ...?" (one listed item, three wrong
  options from the item's `distractors:`), then "Which of these is not listed ...?" (three
  listed items, one distractor). At most two questions.
- legal-issues, multiple: "Which of these are listed under ...?" with two or three listed items
  and two or three distractors. At most one question.
- pros-and-cons, single: "Which of these is listed as a pro?", then "... as a con?": the wrong
  options are drawn from the other column, so nothing is invented. At most two questions.
- checklist, single: 'Which tip in "..." says: "<a sentence of the tip>"?', with the titles
  of three other tips as the wrong options. At most one question per tip.
- checklist, true-false: 'One of the tips in "..." is "...".' A tip's own title is true; a
  "Don't ..." tip turned round ("Have a row") is false. At most one question per tip.

Wrong options are never made up here: they are the guidance's own words from another list, or
the trainer's `distractors:`, which the loader checks are not in the guidance's list. Options
that would give away another question's answer on the same sheet, or leave the right answer the
odd one out by its shape, are drawn again (see quiz_leaks).
"""

from __future__ import annotations

import random
import re

from generator.content.model import turned_round
from generator.content.quiz_bank import GENERATED_PREFIX, GenerateSpec, MultipleChoice, SingleChoice, TrueFalse
from generator.content.quiz_leaks import leaks, odd_one_out, words

TYPES_BY_KIND = {
    "legal-issues": ("single", "multiple"),
    "pros-and-cons": ("single",),
    "checklist": ("true-false", "single"),
}
MOST = {("legal-issues", "single"): 2, ("legal-issues", "multiple"): 1, ("pros-and-cons", "single"): 2}
WRONG_OPTIONS = 3  # beside the one right option of a single-choice question
COMMON_WORDS = {
    "a",
    "an",
    "the",
    "to",
    "of",
    "in",
    "it",
    "you",
    "your",
    "or",
    "and",
    "for",
    "with",
    "on",
    "be",
    "dont",
    "do",
    "not",
    "about",
    "how",
}
QUOTE_WORDS = 8  # a quoted sentence long enough to stand on its own
LEANS_ON_BEFORE = {"they", "it", "this", "that", "these", "those"}
ECHO_WORDS = 5
DRAWS = 50  # tries at options that give nothing away, before keeping the last


def resolved(spec: GenerateSpec, section) -> GenerateSpec:
    """The spec with its type filled in from the section's kind when quiz.yaml leaves it out."""
    return spec.model_copy(update={"type": spec.type or TYPES_BY_KIND[section.kind][0]})


def check_spec(spec: GenerateSpec, section) -> list[tuple[str | tuple, str]]:
    """(key or location, message) for everything wrong with `spec` for `section`; empty when it can be generated."""
    kinds = TYPES_BY_KIND.get(section.kind)
    if kinds is None:
        usable = ", ".join(f"{kind} ({' or '.join(types)})" for kind, types in TYPES_BY_KIND.items())
        return [
            (
                "section",
                f"questions cannot be generated from a {section.kind} section such as "
                f"'{section.id}'; sections that can: {usable}",
            )
        ]
    spec = resolved(spec, section)
    if spec.type not in kinds:
        return [("type", f"a {section.kind} section gives {' or '.join(kinds)} questions, not {spec.type}")]
    problems = _distractor_problems(spec, section)
    most = _most(spec, section)
    if spec.count > most:
        problems.append(
            ("count", f"'{section.id}' can give at most {most} {spec.type} question(s); write count: {most} or fewer")
        )
    return problems


def _most(spec: GenerateSpec, section) -> int:
    if section.kind == "checklist":
        return len(_quotable_tips(section) if spec.type == "single" else _statement_tips(section))
    return MOST[(section.kind, spec.type)]


def _distractor_problems(spec: GenerateSpec, section) -> list[tuple[str | tuple, str]]:
    if section.kind != "legal-issues":
        if spec.distractors:
            return [
                (
                    "distractors",
                    "distractors are only used with legal-issues sections; remove them "
                    "(the wrong options come from the section itself)",
                )
            ]
        return []
    listed = {_plain(item) for item in section.issues}
    clashes = [
        (
            ("distractors", n),
            f"\"{d}\" is listed in '{section.id}', so it cannot be a wrong option; "
            "replace it with something clearly not in the list",
        )
        for n, d in enumerate(spec.distractors)
        if _plain(d) in listed
    ]
    if clashes:
        return clashes
    if len({_plain(d) for d in spec.distractors}) < WRONG_OPTIONS:
        return [
            (
                "distractors",
                f"list at least {WRONG_OPTIONS} different distractors: things clearly not "
                f"listed in '{section.id}', to be the wrong options",
            )
        ]
    if len(section.issues) < WRONG_OPTIONS:
        return [("section", f"'{section.id}' needs at least {WRONG_OPTIONS} items to generate questions from")]
    return []


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def generate(specs: tuple[GenerateSpec, ...], pack, seed: int) -> list:
    """Every generated question, in the order of `specs`; the same seed gives the same questions.

    None gives away the answer of another question, written or generated, nor is given away.
    """
    authored = list(pack.quiz.questions) if pack.quiz else []
    questions = []
    for spec in specs:
        section = pack.section(spec.section)
        rng = random.Random(f"{seed}-generate-{spec.section}-{spec.type}")
        for _ in range(DRAWS):
            made = _make(spec, section, rng)
            if _gives_nothing_away(made, authored + questions):
                break
        questions += [
            q.model_copy(update={"id": f"{GENERATED_PREFIX}{spec.section}-{spec.type}-{n}"})
            for n, q in enumerate(made, start=1)
        ]
    return questions


def _make(spec: GenerateSpec, section, rng: random.Random) -> list:
    if section.kind == "checklist" and spec.type == "single":
        return _which_tip(spec, section, rng)
    make = {"legal-issues": _from_list, "pros-and-cons": _from_pros_and_cons, "checklist": _from_checklist}
    return make[section.kind](spec, section, rng)


def _gives_nothing_away(made: list, others: list) -> bool:
    def is_new(question) -> bool:
        return any(question is q for q in made)

    new_leaks = [leak for leak in leaks(made + others) if is_new(leak.answered) or is_new(leak.by)]
    return not new_leaks and not any(odd_one_out(q) for q in made)


def _from_list(spec: GenerateSpec, section, rng: random.Random) -> list:
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


def _from_pros_and_cons(spec: GenerateSpec, section, rng: random.Random) -> list:
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


def _statement_tips(section) -> list:
    """Tips that read as a statement of advice (not "To post in meetings or not?")."""
    return [tip for tip in section.tips if not tip.title.rstrip().endswith("?")]


def _from_checklist(spec: GenerateSpec, section, rng: random.Random) -> list:
    tips = rng.sample(_statement_tips(section), spec.count)
    donts = [n for n, tip in enumerate(tips) if tip.is_dont]
    turned = set(rng.sample(donts, (len(donts) + 1) // 2))  # about half the statements are false
    questions = []
    for n, tip in enumerate(tips):
        false = n in turned
        statement = turned_round(tip.title) if false else tip.title
        explanation = (
            f'The tip is the opposite: "{tip.title}".'
            if false
            else f'"{tip.title}" is one of the tips in "{section.title}".'
        )
        questions.append(
            TrueFalse(
                type="true-false",
                id="pending",
                section=section.id,
                answer=not false,
                item=(str(section.tips.index(tip) + 1),),
                prompt=f'One of the tips in "{section.title}" is "{statement}".',
                explanation=explanation,
            )
        )
    return questions


def _which_tip(spec: GenerateSpec, section, rng: random.Random) -> list:
    """'Which tip says: "..."?', the wrong options being other tips' titles from the same checklist."""
    tips = rng.sample(_quotable_tips(section), spec.count)
    questions = []
    for tip in tips:
        others = rng.sample([t.title for t in section.tips if t is not tip], WRONG_OPTIONS)
        quote = rng.choice(_quotable_sentences(tip, section))
        questions.append(
            SingleChoice(
                type="single",
                id="pending",
                section=section.id,
                item=(str(section.tips.index(tip) + 1),),
                prompt=f'Which tip in "{section.title}" says: "{quote}"?',
                options=(tip.title, *others),
                answer=tip.title,
                explanation=f'The tip "{tip.title}" says: "{tip.text}"',
            )
        )
    return questions


def _quotable_sentences(tip, section) -> list[str]:
    """Sentences of a tip that point at it alone: long enough to stand on their own, not leaning
    on the sentence before ("they", "this"), not repeating the tip's title, and not echoing
    another tip (two tips both say "which channel works best for them")."""
    title = set(words(tip.title)) - COMMON_WORDS
    others = [words(t.text) for t in section.tips if t is not tip]

    def echoes(sentence: tuple[str, ...]) -> bool:
        runs = {sentence[i : i + ECHO_WORDS] for i in range(len(sentence) - ECHO_WORDS + 1)}
        return any(text[i : i + ECHO_WORDS] in runs for text in others for i in range(len(text)))

    quotable = []
    for sentence in re.split(r"(?<=[.!?])\s+", tip.text):
        said = words(sentence)
        if len(said) >= QUOTE_WORDS and not set(said) & (LEANS_ON_BEFORE | title) and not echoes(said):
            quotable.append(sentence.strip())
    return quotable


def _quotable_tips(section) -> list:
    return (
        [tip for tip in section.tips if _quotable_sentences(tip, section)] if len(section.tips) > WRONG_OPTIONS else []
    )
