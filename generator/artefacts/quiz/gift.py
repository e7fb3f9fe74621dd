"""The question bank in GIFT (quiz-gift.txt), Moodle's plain-text question format.

The same questions as the Moodle XML export, for systems (or people) that import GIFT.
GIFT has no place for a grader's model answer, so a written scenario's model answer goes in
its general feedback, after the explanation. Nor has it a place for a question's mark or
penalty: GIFT questions import at Moodle's default mark (the XML carries both; docs/quiz.md).

Text is shown by Moodle exactly as written: every question is marked `[plain]` (GIFT text is
HTML otherwise, and "Dear <councillor name>" would vanish as a tag), answers and feedback
take that format from their question, and an option that GIFT would read as a weight
("% of members") or a format ("[draft]") carries the marker too. Every GIFT special character
(~ = # { } :) and the backslash are escaped, so a colon in "Appendix A: checklist" stays text.
"""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.quiz.sheet import questions_of
from generator.content.quiz.bank import MultipleChoice, Scenario, TrueFalse
from generator.artefacts.quiz.moodle import category_name, export_header, moodle_fraction, option_fractions
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["quiz_gift"].kinds, BY_NAME["quiz_gift"].needs  # its registry entry
FILENAME = "quiz-gift.txt"
SPECIAL = "\\~=#{}:"  # the backslash first, so the escapes themselves are not escaped again
PLAIN = "[plain]"  # Moodle's and gift-pegjs's marker for text shown as written, not as HTML
MARKER_STARTS = "%["  # a text starting with these would be read as a weight or a format


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []
    blocks = [
        f"// {_comment(export_header(context))}\n// {_comment(context.pack.organisation)}. Import into Moodle "
        "as GIFT format (see: packgen help quiz). GIFT carries no marks: each question imports at Moodle's "
        "default mark; the Moodle XML file carries the key's points.\n\n$CATEGORY: $course$/top/"
        + category_name(context)
    ]
    blocks += [_question(question) for question in questions_of(context)]
    return [Output("quiz-gift", FILENAME, ("\n\n".join(blocks) + "\n").encode("utf-8"))]


def escape(text: str) -> str:
    """Text as GIFT reads it back unchanged: special characters escaped, on one line."""
    text = " ".join(text.split())
    for character in SPECIAL:
        text = text.replace(character, "\\" + character)
    return text


def shown_as_written(text: str) -> str:
    """An answer or feedback: escaped, and marked plain if it starts like a weight or a format."""
    escaped = escape(text)
    return PLAIN + escaped if escaped[:1] in MARKER_STARTS else escaped


def _comment(text: str) -> str:
    return " ".join(text.split())  # a comment ends at the line's end


def _question(question) -> str:
    stem = [question.situation, question.prompt] if isinstance(question, Scenario) else [question.prompt]
    title = f"::{escape(question.id)}::"
    feedback = question.explanation
    if isinstance(question, Scenario) and question.written:
        feedback += f" Model answer: {question.answer}"
    general = f"####{shown_as_written(feedback)}"
    text = PLAIN + escape(" ".join(stem))
    if isinstance(question, TrueFalse):
        return f"{title}{text} {{{'TRUE' if question.answer else 'FALSE'}{general}}}"
    if isinstance(question, Scenario) and question.written:
        return f"{title}{text} {{{general}}}"
    lines = [f"{title}{text} {{"]
    if isinstance(question, MultipleChoice):
        for option, fraction in option_fractions(question):
            lines.append(f"\t~%{moodle_fraction(fraction)}%{shown_as_written(option)}")
    else:
        lines += [
            f"\t{'=' if option == question.answer else '~'}{shown_as_written(option)}" for option in question.options
        ]
    lines += [f"\t{general}", "}"]
    return "\n".join(lines)
