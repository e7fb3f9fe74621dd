"""Quiz checks with no false refusals and no misses (issue 26 items 2 and 5).

A bare option that is also another question's answer gives nothing away (the "which principle"
quiz); a real leak is found even when reworded, and a written scenario's model answer is found
in another question's options. Certain leaks stop the pack; judgements are warnings that name
both questions and the words they share. Tested through `packgen check`, the reader's door.
"""

from __future__ import annotations

import pytest

from conftest import edit, line_of, pdf_page_texts, run_cli

# The Seven Principles of Public Life (the Nolan Principles), as the Committee on Standards in
# Public Life states them: each question quotes its principle's description, and each offers
# three other principles as wrong options, so every answer is a wrong option elsewhere.
NOLAN = [
    ("truthful", "Which principle asks holders of public office to be truthful?", "Honesty", ["Openness", "Objectivity", "Leadership"]),
    ("public-interest", "Which principle is about acting solely in terms of the public interest?", "Selflessness", ["Accountability", "Integrity", "Honesty"]),
    ("impartial", "Which principle asks for decisions taken impartially, fairly and on merit, using the best evidence?", "Objectivity", ["Openness", "Selflessness", "Integrity"]),
    ("scrutiny", "Which principle asks holders of public office to submit themselves to the scrutiny their decisions and actions need?", "Accountability", ["Leadership", "Honesty", "Objectivity"]),
    ("transparent", "Which principle asks for decisions taken in a transparent manner, with information withheld only for clear and lawful reasons?", "Openness", ["Integrity", "Selflessness", "Leadership"]),
    ("obligations", "Which principle asks holders of public office to avoid obligations to people who might try to influence them inappropriately?", "Integrity", ["Accountability", "Openness", "Honesty"]),
    ("own-behaviour", "Which principle asks holders of public office to show the principles in their own behaviour and challenge poor behaviour?", "Leadership", ["Objectivity", "Selflessness", "Accountability"]),
]  # fmt: skip


def principles_quiz() -> str:
    lines = ['title: "The Nolan Principles"', "questions:"]
    for qid, prompt, answer, wrong in NOLAN:
        lines += [f"  - id: {qid}", "    type: single", "    section: code-of-conduct", f"    prompt: {prompt}"]
        lines += ["    options:", f"      - {answer}", *(f"      - {w}" for w in wrong)]
        lines += [f"    answer: {answer}", f"    explanation: {answer} is the principle that says so."]
    return "\n".join(lines) + "\n"


def warnings_of(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Warning:")]


# ---- no false refusal ------------------------------------------------------------------------


def test_a_principles_quiz_whose_answers_are_each_others_options_passes_check(pack_copy):
    (pack_copy / "quiz.yaml").write_text(principles_quiz(), encoding="utf-8")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == []


@pytest.mark.slow  # a sheet and its key are rendered
def test_a_principles_quiz_builds_its_sheet_and_key(pack_copy, tmp_path):
    (pack_copy / "quiz.yaml").write_text(principles_quiz(), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "build", pack_copy, "--out", out, "--only", "quiz-sheet", "--only", "quiz-key", "--as-of", "2021-06-01"
    )
    assert result.exit_code == 0, result.output
    sheet = " ".join(pdf_page_texts(out / "social-media" / "quiz-sheet-A.pdf"))
    assert all(prompt in sheet for _, prompt, _, _ in NOLAN)


def test_an_answer_inside_a_longer_option_is_still_refused(pack_copy):
    """The parallel-options rule frees bare options only: "Honesty and openness" states more."""
    quiz = pack_copy / "quiz.yaml"
    quiz.write_text(
        principles_quiz().replace("      - Leadership\n", "      - Honesty and openness\n", 1), encoding="utf-8"
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "question 'truthful' gives away the answer of question 'transparent'" in result.output


# ---- no misses -----------------------------------------------------------------------------


def test_a_stem_that_rewords_another_answer_is_a_warning_naming_both_and_the_words(pack_copy):
    """Q7's stem "a potential breach of the Code" answered Q4 "Potential breaches of their Code of Conduct"."""
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "      Misuse of social media may give rise to consequences besides those under\n"
        "      the Code. What does the guidance say it may lead to?",
        "      As well as a potential breach of the Code, what does the guidance say\n"
        "      misuse of social media may lead to?",
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        f"Warning: {quiz}:{line_of(quiz, 'id: legal-consequences')}: question 'legal-consequences' may give away "
        f"the answer of question 'purpose-of-guidance' (line {line_of(quiz, 'id: purpose-of-guidance')}): "
        '"As well as a potential breach of the Code, what does the guidance say misuse of social media may lead '
        'to?" says "potential" and "breach"; reword one of them if a participant could answer from it'
    ]


def test_options_that_state_a_written_scenarios_model_answer_are_a_warning(pack_copy):
    """Q23's options "Don't have a row" and "Don't be abusive" were Q24's model answer."""
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "questions:\n",
        "questions:\n"
        "  - id: which-tip\n"
        "    type: single\n"
        "    section: lga-checklist\n"
        '    prompt: Which tip says "Robust debate is fine from time-to-time"?\n'
        "    options:\n"
        "      - Don't have a row\n"
        "      - Don't be abusive\n"
        "      - Pictures work\n"
        "      - Enjoy it\n"
        "    answer: Don't have a row\n"
        "    explanation: It is the first sentence of that tip.\n",
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        f"Warning: {quiz}:{line_of(quiz, 'id: which-tip')}: question 'which-tip' may give away the answer of "
        f"question 'heated-debate' (line {line_of(quiz, 'id: heated-debate')}): \"Don't have a row\" says "
        '"Don\'t" and "row"; reword one of them if a participant could answer from it'
    ]


def test_a_reworded_true_statement_answering_a_single_answer_question_is_a_warning(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "questions:\n",
        "questions:\n"
        "  - id: ask-the-officer\n"
        "    type: true-false\n"
        "    section: training-and-review\n"
        "    prompt: Questions about a councillor's use of social media go to the Council's Monitoring Officer.\n"
        "    answer: true\n"
        "    explanation: The guidance says so.\n"
        "  - id: own-responsibility\n"
        "    type: true-false\n"
        "    section: code-of-conduct\n"
        "    prompt: What a councillor posts online is their own personal responsibility.\n"
        "    answer: true\n"
        "    explanation: The guidance says so.\n",
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    said = {
        (line.split("question '")[1].split("'")[0], line.split("question '")[2].split("'")[0])
        for line in warnings_of(result)
    }
    assert said == {("ask-the-officer", "who-to-ask"), ("own-responsibility", "who-is-responsible")}
    assert '"Monitoring" and "Officer"' in result.output and 'says "personal"' in result.output


def test_the_same_statement_word_for_word_is_refused(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "questions:\n",
        "questions:\n"
        "  - id: ask-the-officer\n"
        "    type: true-false\n"
        "    section: training-and-review\n"
        "    prompt: If unsure, contact the Monitoring Officer.\n"
        "    answer: true\n"
        "    explanation: The guidance says so.\n",
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "question 'ask-the-officer' gives away the answer of question 'who-to-ask'" in result.output


# ---- shape tells ---------------------------------------------------------------------------


def shape_warning(result) -> str:
    (warning,) = warnings_of(result)
    return warning


def test_say_no_against_three_say_yes_is_a_warning_at_the_options_line(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(quiz, "      - Agree, if the family member", "      - Say yes, if the family member")
    edit(quiz, "      - Let them, but only for personal posts", "      - Say yes, but only for personal posts")
    result = run_cli("check", pack_copy)
    options = line_of(quiz, "- Say no; nobody else") - 1
    assert shape_warning(result) == (
        f"Warning: {quiz}:{options}: question 'sharing-access': the right answer is the only option not starting "
        '"Say yes", so it can be guessed without knowing the guidance; reword the options to a similar shape'
    )


def test_wrong_options_ending_alike_are_a_warning(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "      - Nothing further, if the post is deleted quickly",
        "      - If the post is deleted quickly, nothing further",
    )
    edit(
        quiz, "      - Nothing further, if the account is private", "      - If the account is private, nothing further"
    )
    edit(
        quiz,
        "      - A complaint to the platform, and nothing more",
        "      - A complaint to the platform, nothing further",
    )
    result = run_cli("check", pack_copy)
    options = line_of(quiz, "- Criminal or civil legal proceedings") - 1
    assert shape_warning(result) == (
        f"Warning: {quiz}:{options}: question 'legal-consequences': the right answer is the only option not "
        'ending "nothing further", so it can be guessed without knowing the guidance; reword the options to a '
        "similar shape"
    )


def test_a_right_answer_much_shorter_than_every_other_is_a_warning(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(quiz, "      - The councillor personally\n", "      - Themselves\n")
    edit(quiz, "    answer: The councillor personally", "    answer: Themselves")
    result = run_cli("check", pack_copy)
    options = line_of(quiz, "- Themselves") - 1
    assert shape_warning(result) == (
        f"Warning: {quiz}:{options}: question 'who-is-responsible': the right answer is less than half as long as "
        "every other option, so it can be guessed without knowing the guidance; reword the options to a similar shape"
    )
