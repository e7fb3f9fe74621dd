"""`packgen check` without repeated work (issue 30 item 7): the quiz is generated once per check,
and what is worked out from frozen content once is reused, naming each caller's own questions."""

from __future__ import annotations

from conftest import edit, run_cli

from generator.content.quiz import generate as generate_module
from generator.content.quiz.bank import TrueFalse
from generator.content.quiz.leaks import hints, leaks, subject_of
from generator.content.reader import load_pack

STATED = "Councillors are responsible for what they post."
UNUSED_SEED = "90417"  # a seed no other test checks with, so nothing was generated for it before


def test_a_check_generates_each_set_of_questions_once(pack_copy, monkeypatch):
    draws = []
    best_draw = generate_module._best_draw

    def counted(spec, *args):
        draws.append((spec.section, spec.type))
        return best_draw(spec, *args)

    monkeypatch.setattr(generate_module, "_best_draw", counted)
    result = run_cli("check", pack_copy, "--seed", UNUSED_SEED)
    assert result.exit_code == 0, result.output
    specs = [(spec.section, spec.type) for spec in load_pack(pack_copy).quiz.generate]
    assert specs and draws == specs  # each `generate:` item drawn once, not once for the sheet and again for warnings


def test_a_second_check_says_exactly_what_the_first_said(pack_copy):
    """A hint found again from remembered work is reported as the first time, word for word."""
    edit(
        pack_copy / "quiz.yaml",
        "      Misuse of social media may give rise to consequences besides those under\n"
        "      the Code. What does the guidance say it may lead to?",
        "      As well as a potential breach of the Code, what does the guidance say\n"
        "      misuse of social media may lead to?",
    )
    first, second = run_cli("check", pack_copy), run_cli("check", pack_copy)
    assert first.exit_code == second.exit_code == 0, first.output
    assert "may give away the answer of question 'purpose-of-guidance'" in first.output
    assert second.output == first.output


def test_leaks_and_hints_found_again_name_the_callers_own_questions(pack_copy):
    """Two reads of one pack are equal but distinct: each gets findings about its own questions."""
    edit(
        pack_copy / "quiz.yaml",
        "      Misuse of social media may give rise to consequences besides those under\n"
        "      the Code. What does the guidance say it may lead to?",
        "      As well as a potential breach of the Code, what does the guidance say\n"
        "      misuse of social media may lead to?",
    )
    for _ in range(2):
        pack = load_pack(pack_copy)
        bank = list(pack.quiz.questions)
        found = hints(bank, subject=subject_of(pack))
        assert [(h.by.id, h.answered.id) for h in found] == [("legal-consequences", "purpose-of-guidance")]
        assert all(any(h.by is q for q in bank) and any(h.answered is q for q in bank) for h in found)
        true = TrueFalse(
            type="true-false", id="stated", section=bank[0].section, prompt=STATED, answer=True, explanation="So."
        )
        leaky = bank + [true, true.model_copy(update={"id": "copy"})]  # a true statement twice: each states the other
        assert {(leak.by.id, leak.answered.id) for leak in leaks(leaky)} == {("copy", true.id), (true.id, "copy")}
        assert all(any(leak.by is q for q in leaky) for leak in leaks(leaky))
