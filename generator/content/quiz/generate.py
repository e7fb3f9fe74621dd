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
  of three other tips as the wrong options. At most one question per tip with such a sentence.
- checklist, true-false: 'In "...", the tip "<title>" says: "<a sentence>"'. About half the
  sentences come from another tip, so the statement is false. A tip is never turned round into
  its opposite: "Be abusive" is no statement anyone needs to deny. As many as the single type.

Wrong options are never made up here: they are the guidance's own words from another list, or
the trainer's `distractors:`, which the loader checks are not in the guidance's list. Each
question set is drawn again until it gives nothing away (see quiz_leaks): a draw with a leak is
never used, and among the rest the first with no hint, odd one out or option that is another
question's answer is kept, else the one with fewest. No usable draw at all is a content problem,
found by `packgen check` and `packgen build` alike, since both generate for the same seed here.
"""

from __future__ import annotations

import functools
import random

from generator.content.quiz.bank import GENERATED_PREFIX, GenerateSpec
from generator.content.quiz.lists import from_list, from_pros_and_cons
from generator.content.quiz.leaks import (
    hints,
    leaks,
    options_of,
    quoted_words,
    right_answers,
    subject_of,
    subject_of_sections,
)
from generator.content.quiz.shape import odd_one_out
from generator.content.quiz.words import words
from generator.content.quiz.pick import Picker
from generator.content.quiz.tips import WRONG_OPTIONS, quotable_tips, statement_tips, tip_statements, which_tip
from generator.errors import ContentError, Problem, plural

TYPES_BY_KIND = {
    "legal-issues": ("single", "multiple"),
    "pros-and-cons": ("single",),
    "checklist": ("true-false", "single"),
}
MOST = {("legal-issues", "single"): 2, ("legal-issues", "multiple"): 1, ("pros-and-cons", "single"): 2}
DRAWS = 50  # tries at a draw that gives nothing away, before keeping the best
PATIENCE = 15  # sound draws in a row no better than the best so far, before keeping it
WARNED_WEIGHT = 100
NO_BETTER_DRAW = "no draw with this seed avoids it: try another --seed, or a lower count"


class GenerationError(ContentError):
    """No draw for a `generate:` item gives nothing away. Raised where the quiz is made, which
    may be a renderer's process: it crosses back whole (ContentError's own pickling would not)."""

    def __reduce__(self):
        return (GenerationError, (self.problems,))


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
        return len(statement_tips(section) if spec.type == "true-false" else quotable_tips(section))
    assert spec.type is not None  # resolved() has filled it in
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
    clashes: list[tuple[str | tuple, str]] = [
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
    quiz = pack.quiz
    made_from = (specs, seed, quiz.questions if quiz else (), quiz.generate_at if quiz else (), pack.sections)
    try:
        hash(made_from)
    except TypeError:  # some text not frozen: generate afresh
        return list(_generate(*made_from))
    return list(_remembered(*made_from))


def _generate(specs: tuple[GenerateSpec, ...], seed: int, authored: tuple, places: tuple, sections: tuple) -> tuple:
    """generate() from exactly what it reads: the quiz's written questions and the sections."""
    subject = subject_of_sections(sections)
    questions: list = []
    for n, spec in enumerate(specs):
        section = next(s for s in sections if s.id == spec.section)
        made, leak = _best_draw(
            spec,
            section,
            list(authored) + questions,
            random.Random(f"{seed}-generate-{spec.section}-{spec.type}"),
            subject,
        )
        if made is None:
            path, line = places[n] if n < len(places) else ("quiz.yaml", 1)
            raise GenerationError([Problem(path, line, _no_draw(spec, seed, leak, list(authored) + questions))])
        questions += [
            q.model_copy(update={"id": f"{GENERATED_PREFIX}{spec.section}-{spec.type}-{n}"})
            for n, q in enumerate(made, start=1)
        ]
    return tuple(questions)


# The same content and seed draw the same questions, so each is drawn once per process: a check
# generates for its versions and again for its warnings, a build for its sheet, key and exports,
# and the test suite checks the same pack many times. The texts are frozen models, compared by value.
_remembered = functools.lru_cache(maxsize=16)(_generate)


def generated_warnings(pack, questions: list, seed: int) -> list[str]:
    """What the generator could not avoid in `questions` (a bank with this seed's generated ones):
    a hint at another question's answer, or an odd one out, at the line of its `generate:` item."""
    made = [q for q in questions if q.id.startswith(GENERATED_PREFIX)]
    warnings = [
        f"{_place_of(pack, hint.by if any(hint.by is q for q in made) else hint.answered)}: with --seed {seed}, question "
        f"'{hint.by.id}' may give away the answer of question '{hint.answered.id}': "
        f'"{hint.where}" says {quoted_words(hint.shared)}; {NO_BETTER_DRAW}'
        for hint in hints(questions, among=made, subject=subject_of(pack))
    ]
    for question in made:
        why = odd_one_out(question)
        if why:
            warnings.append(
                f"{_place_of(pack, question)}: with --seed {seed}, question '{question.id}': {why}; {NO_BETTER_DRAW}"
            )
    return warnings


def _place_of(pack, question) -> str:
    """ "quiz.yaml:LINE" of the `generate:` item that made `question`."""
    for spec, (path, line) in zip(pack.quiz.generate, pack.quiz.generate_at):
        if question.id.startswith(f"{GENERATED_PREFIX}{spec.section}-{spec.type}-"):
            return f"{path}:{line}"
    return "quiz.yaml"


def _best_draw(spec: GenerateSpec, section, others: list, rng: random.Random, subject: frozenset[str]):
    """(the first draw with no fault, else the one with fewest; the last leak found). The draw is
    None if every one leaked an answer. Drawing stops after PATIENCE draws no better than the best."""
    best, fewest, leak, since_best = None, None, None, 0
    pick = Picker(rng, others, section.id, subject)
    for _ in range(DRAWS):
        made = _make(spec, section, pick)
        found = leaks(made + others, among=made)
        if found:
            leak = found[0]
            continue
        faults = _weaker_faults(made, others, subject)
        since_best += 1
        if fewest is None or faults < fewest:
            best, fewest, since_best = made, faults, 0
        if fewest == 0 or since_best >= PATIENCE:
            break
    return best, leak


def _weaker_faults(made: list, others: list, subject: frozenset[str]) -> int:
    """How bad `made` is short of a leak: a hint or an odd one out (a warning) weighs more than any
    number of options that are another question's answer (harmless, but better avoided)."""
    shared = sum(1 for a, b in ((made, others), (others, made)) for q in a for o in options_of(q) if _answers(o, b))
    warned = len(hints(made + others, among=made, subject=subject)) + sum(1 for q in made if odd_one_out(q))
    return WARNED_WEIGHT * warned + shared


def _answers(option: str, questions: list) -> bool:
    said = words(option)
    return any(words(answer) == said for q in questions for answer in right_answers(q))


def _no_draw(spec: GenerateSpec, seed: int, leak, others: list) -> str:
    asked = plural(spec.count, f"{spec.type} question")
    other = next((q for q in (leak.answered, leak.by) if any(q is o for o in others)), None)
    if other is None:
        return (
            f"with --seed {seed}, {asked} from '{spec.section}' cannot be drawn without one giving away "
            "another's answer; lower count"
        )
    clash = (
        f"giving away the answer of question '{other.id}'"
        if other is leak.answered
        else f"question '{other.id}' giving away theirs"
    )
    return (
        f"with --seed {seed}, {asked} from '{spec.section}' cannot be drawn without {clash}; "
        "reword that question, or lower count"
    )


def _make(spec: GenerateSpec, section, rng: Picker) -> list:
    if section.kind == "checklist":
        return (which_tip if spec.type == "single" else tip_statements)(spec.count, section, rng)
    return {"legal-issues": from_list, "pros-and-cons": from_pros_and_cons}[section.kind](spec, section, rng)
