"""The question bank in GIFT (quiz-gift.txt), Moodle's plain-text question format.

The same questions as the Moodle XML export, for systems (or people) that import GIFT.
GIFT has no place for a grader's model answer, so a written scenario's model answer goes in
its general feedback, after the explanation. Every GIFT special character in the content
(~ = # { } :) and the backslash are escaped, so a colon in "Appendix A: checklist" stays text.
"""

from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.quiz import questions_of
from generator.content.quiz_bank import MultipleChoice, Scenario, TrueFalse
from generator.quiz_moodle import category_name, export_header, moodle_fraction
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["quiz_gift"]
NEEDS = ()
FILENAME = "quiz-gift.txt"
SPECIAL = "\\~=#{}:"  # the backslash first, so the escapes themselves are not escaped again


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []
    blocks = [
        f"// {export_header(context)}\n// {context.pack.organisation}. Import into Moodle as GIFT format "
        "(see docs/quiz.md).\n\n$CATEGORY: $course$/top/" + category_name(context)
    ]
    blocks += [_question(question) for question in questions_of(context)]
    return [Output("quiz-gift", FILENAME, ("\n\n".join(blocks) + "\n").encode("utf-8"))]


def escape(text: str) -> str:
    """Text as GIFT reads it back unchanged: special characters escaped, on one line."""
    text = " ".join(text.split())
    for character in SPECIAL:
        text = text.replace(character, "\\" + character)
    return text


def _question(question) -> str:
    stem = [question.situation, question.prompt] if isinstance(question, Scenario) else [question.prompt]
    title = f"::{escape(question.id)}::"
    feedback = question.explanation
    if isinstance(question, Scenario) and question.written:
        feedback += f" Model answer: {question.answer}"
    general = f"####{escape(feedback)}"
    text = escape(" ".join(stem))
    if isinstance(question, TrueFalse):
        return f"{title}{text} {{{'TRUE' if question.answer else 'FALSE'}{general}}}"
    if isinstance(question, Scenario) and question.written:
        return f"{title}{text} {{{general}}}"
    lines = [f"{title}{text} {{"]
    if isinstance(question, MultipleChoice):
        right, wrong = len(question.answer), len(question.options) - len(question.answer)
        for option in question.options:
            weight = 100 / right if option in question.answer else -100 / wrong
            lines.append(f"\t~%{moodle_fraction(weight)}%{escape(option)}")
    else:
        lines += [f"\t{'=' if option == question.answer else '~'}{escape(option)}" for option in question.options]
    lines += [f"\t{general}", "}"]
    return "\n".join(lines)
