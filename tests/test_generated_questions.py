"""Generated questions that always build, and statements nobody has to be patronised by
(issue 26 items 2, 3 and 4).

`packgen check` generates for the seeds asked for exactly as `build` does, so it never passes a
quiz that build refuses; a draw that would give an answer away is never used, and when none can
be had both commands say so, with the line of the `generate:` item.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_PACK, edit, line_of, run_cli
from generator.content.quiz.bank import GenerateSpec, MultipleChoice, SingleChoice, TrueFalse
from generator.content.quiz.generate import GenerationError, check_spec, generate
from generator.content.quiz.leaks import hints, leaks
from generator.content.quiz.tips import statement_tips
from generator.content.quiz.words import words
from generator.content.reader import load_pack
from generator.artefacts.quiz.variants import make_variant

PROS_AND_CONS_TWICE = "  - section: pros-and-cons\n    type: single\n    count: 2\n"
DISTRACTORS = ("Freedom of information", "Breach of contract", "Negligence", "Trespass", "Employment law")
# The tips of the LGA checklist that two written scenarios answer from (case-work, posting-in-meetings,
# heated-debate): a generated question printing them would hand the scenarios their answers.
GIVEAWAYS = ("Don't discuss case work detail", "To post in meetings or not?", "Don't have a row", "Don't be abusive")


@functools.cache
def default_pack():
    return load_pack(DEFAULT_PACK)


def every_spec() -> list[GenerateSpec]:
    """Every type each section of the default pack can give, at every count it allows."""
    pack, found = default_pack(), []
    for section, kind_types in (("legal-issues", ("single", "multiple")), ("pros-and-cons", ("single",))):
        for kind in kind_types:
            found += [GenerateSpec(section=section, type=kind, count=n, distractors=DISTRACTORS) for n in (1, 2)]
    for kind in ("single", "true-false"):
        found += [GenerateSpec(section="lga-checklist", type=kind, count=n) for n in range(1, 16)]
    usable = []
    for spec in found:
        clean = spec if spec.section == "legal-issues" else spec.model_copy(update={"distractors": ()})
        if not check_spec(clean, pack.section(spec.section)):
            usable.append(clean)
    return usable


SPECS = every_spec()


def test_every_generated_type_of_every_kind_of_section_is_covered():
    assert {(s.section, s.type) for s in SPECS} == {
        ("legal-issues", "single"),
        ("legal-issues", "multiple"),
        ("pros-and-cons", "single"),
        ("lga-checklist", "single"),
        ("lga-checklist", "true-false"),
    }
    assert max(s.count for s in SPECS if s.type == "true-false") >= 8


@pytest.mark.slow  # a few seconds of generation
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(1, 50), spec=st.sampled_from(SPECS))
def test_generated_questions_build_for_every_seed_type_and_count(seed, spec):
    """What build asks of a bank: no answer given away, every answer one of its options, the
    count asked for, versions that can be laid out; a clean refusal is the only other outcome."""
    pack = default_pack()
    try:
        made = generate((spec,), pack, seed)
    except GenerationError as refused:
        pytest.fail(f"{spec} with seed {seed} could not be generated: {refused.message}")
    bank = list(pack.quiz.questions) + made
    assert len(made) == spec.count
    assert leaks(bank) == []
    for question in made:
        if isinstance(question, SingleChoice):
            assert question.answer in question.options and len(set(question.options)) == len(question.options)
        if isinstance(question, MultipleChoice):
            assert set(question.answer) < set(question.options)
    make_variant(bank, "A", seed, pack, lambda question: ())


@pytest.mark.slow  # a few seconds of generation
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(1, 50), count=st.integers(1, 10))
def test_no_tip_statement_is_a_dont_turned_round(seed, count):
    """Every statement names a real tip and quotes a real sentence of the checklist: never
    'One of the tips ... is "Be abusive"'."""
    pack = default_pack()
    checklist = pack.section("lga-checklist")
    made = generate((GenerateSpec(section="lga-checklist", type="true-false", count=count),), pack, seed)
    for statement in made:
        assert isinstance(statement, TrueFalse)
        title, quote = re.fullmatch(
            r'In "LGA checklist for councillors", the tip "(.+)" says: "(.+)"', statement.prompt
        ).groups()
        tip = next(tip for tip in checklist.tips if tip.title == title)
        said_by = next(t for t in checklist.tips if quote in t.text.replace('"', "'"))
        assert statement.answer == (said_by is tip)


@pytest.mark.slow  # fifty seeds
def test_generated_tip_questions_never_hand_a_written_scenario_its_answer():
    """Under other seeds the tip questions printed "Don't discuss case work detail" (case-work)
    or "To post in meetings or not?" (posting-in-meetings)."""
    pack = default_pack()
    for seed in range(1, 51):
        made = generate(pack.quiz.generate, pack, seed)
        printed = " | ".join(text for q in made for text in (q.prompt, *(getattr(q, "options", None) or ())))
        assert not [tip for tip in GIVEAWAYS if words(tip) and tip in printed], seed
        assert hints(list(pack.quiz.questions) + made, among=made) == [], seed


# ---- check generates as build does -----------------------------------------------------------


@pytest.mark.slow  # generates for two seeds, a few seconds on a busy machine
def test_check_generates_for_the_seeds_asked_for(pack_copy):
    """pros-and-cons single count 2 was refused by build for 5 of 6 seeds while check passed it."""
    edit(pack_copy / "quiz.yaml", "generate:\n", "generate:\n" + PROS_AND_CONS_TWICE)
    result = run_cli("check", pack_copy, "--seed", "2", "--seed", "3", "--quiz-variants", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("no problems found")


WHICH_SECTION = (
    "questions:\n"
    "  - id: which-section\n"
    "    type: single\n"
    "    section: legal-issues\n"
    "    prompt: Which part of the guidance lists defamation and harassment?\n"
    "    options:\n"
    "      - Potential legal issues\n"
    "      - Training and review\n"
    "      - General responsibilities\n"
    "      - Acting in capacity\n"
    "    answer: Potential legal issues\n"
    "    explanation: They are listed under Potential legal issues.\n"
)


def _no_draw_message(quiz, seed) -> str:
    return (
        f"{quiz}:{line_of(quiz, '- section: legal-issues')}: with --seed {seed}, 1 single question from "
        "'legal-issues' cannot be drawn without giving away the answer of question 'which-section'; reword that "
        "question, or lower count"
    )


def test_check_refuses_what_no_draw_can_generate_with_the_generate_line(pack_copy):
    """Every generated legal-issues question says 'listed under "Potential legal issues"'."""
    quiz = pack_copy / "quiz.yaml"
    edit(quiz, "questions:\n", WHICH_SECTION)
    result = run_cli("check", pack_copy, "--seed", "3")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == _no_draw_message(quiz, 3)


def test_build_refuses_it_the_same_way(pack_copy, tmp_path):
    quiz = pack_copy / "quiz.yaml"
    edit(quiz, "questions:\n", WHICH_SECTION)
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "quiz-sheet", "--seed", "3")
    assert result.exit_code == 1, result.output
    assert _no_draw_message(quiz, 3) in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # renders the sheets for several seeds
def test_pros_and_cons_twice_builds_for_every_seed_check_passes(pack_copy, tmp_path):
    edit(pack_copy / "quiz.yaml", "generate:\n", "generate:\n" + PROS_AND_CONS_TWICE)
    for seed in range(1, 7):
        assert run_cli("check", pack_copy, "--seed", seed).exit_code == 0
        out = tmp_path / f"out-{seed}"
        result = run_cli(
            "build", pack_copy, "--out", out, "--only", "quiz-sheet", "--seed", seed, "--as-of", "2021-06-01"
        )
        assert result.exit_code == 0, (seed, result.output)


def test_a_checklist_of_three_tips_still_gives_true_false_statements(tmp_path):
    """A false statement needs one other tip, not the three wrong options of "Which tip says ...?":
    examples/fenmarsh's three-tip checklist was refused ("at most 0 true-false questions"), and so
    was "Check that the screen ...", whose "that" leans on nothing before it."""
    pack = DEFAULT_PACK.parent.parent / "examples" / "fenmarsh" / "meeting-rooms"
    result = run_cli("check", pack)
    assert result.exit_code == 0, result.output
    made = generate((GenerateSpec(section="on-the-day", type="true-false", count=2),), load_pack(pack), 1)
    assert len(made) == 2 and all(isinstance(q, TrueFalse) for q in made)
    quotable = [tip.title for tip in statement_tips(load_pack(pack).section("on-the-day"))]
    assert quotable == ["Arrive a few minutes early", "Leave the room as you found it"]
