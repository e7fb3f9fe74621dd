"""The question bank as Moodle XML (quiz-moodle.xml), to run the same quiz in a learning system.

One category named after the pack, its version and review date; then every question in bank
order: tick-one-box as multichoice single, tick-all-that-apply as multichoice with fractional
credit (wrong ticks take credit away), true-false as truefalse, written scenarios as essay with
the model answer as information for graders. The explanation is each question's general feedback.
Moodle shuffles the options itself, so the letters of the printed versions do not apply.

The marking is the key's (one scheme, docs/quiz.md): each question's points as its default
mark; a tick-all-that-apply question gives each right option an equal share of the points and
takes an equal share away for each wrong one, never below nothing; and one try counts, as on
paper: a second try at a choice question earns nothing (penalty 1).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace

from generator.artefacts.base import BuildContext, Output
from generator.clock import uk_date
from generator.artefacts.quiz.sheet import QUIZ_TITLE, questions_of
from generator.content.quiz.bank import MultipleChoice, Scenario, TrueFalse
from generator.artefacts.registry import BY_NAME
from generator.errors import RenderError
from generator.i18n import _, words_for

KINDS, NEEDS = BY_NAME["quiz_moodle"].kinds, BY_NAME["quiz_moodle"].needs  # its registry entry
FILENAME = "quiz-moodle.xml"
ONE_TRY = "1"  # the share of the mark lost by each wrong try: a second try earns nothing, as on paper
MODEL_ANSWER = _("Model answer: %(answer)s")
ANGLES = str.maketrans("<>", "‹›")  # Moodle strips tags from category names: "a < b (version 2)" lost all after <


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.quiz is None:
        return []
    languages = in_each_language(context)
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {_comment(' / '.join(export_header(each) for each in languages))} "))
    quiz.append(_category(languages))
    for versions in zip(*(_questions(each, languages) for each in languages)):
        quiz.append(_question([(words_for(each.pack), question) for each, question in zip(languages, versions)]))
    ET.indent(quiz)
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(quiz, encoding="utf-8", short_empty_elements=False)
        + b"\n"
    )
    return [Output("quiz-moodle", FILENAME, data)]


def in_each_language(context: BuildContext) -> list[BuildContext]:
    """The build's context in each language of the pack, in its order: one bank carries them all
    (a twin has the same questions, with the same ids, in the same order)."""
    if len(context.packs) < 2:
        return [context]
    return [replace(context, pack=pack, packs=()) for pack in context.packs]


def _questions(context: BuildContext, languages: list[BuildContext]) -> list:
    """The bank in one language, refused if it does not match the first language's question for
    question (check reports a twin's differences; a bank that differs could only mix questions)."""
    questions, first = questions_of(context), [q.id for q in questions_of(languages[0])]
    if [q.id for q in questions] != first:
        raise RenderError(
            f"the quiz in {context.pack.language} does not have the questions of the quiz in "
            f"{languages[0].pack.language}, in the same order; run packgen check {context.pack_dir.name}"
        )
    return questions


def export_header(context: BuildContext) -> str:
    """The line every export starts with: which guidance, and the words on every printed page
    (version, review date, and DRAFT, SUPERSEDED or Review overdue when they apply)."""
    return f"{words_for(context.pack).phrase(QUIZ_TITLE, title=context.pack.title)}. {context.stamp}"


def _comment(text: str) -> str:
    """Text that may stand in an XML comment, which "--" would end."""
    return text.replace("--", "\u2013")


def category_name(context: BuildContext, titles: list[str] | None = None) -> str:
    """The question bank category: the pack, its version and review date, and DRAFT or SUPERSEDED.
    A slash would start a sub-category in Moodle, so it is doubled; Moodle reads the name as
    HTML and strips tags, so angle brackets become ‹ › and the version and date always stay.
    A bilingual bank names the pack by its title in each language, Welsh first: a category name
    cannot hold multilang spans, whose closing tags a slash would split."""
    pack = context.pack
    title = " · ".join(titles or [pack.title]).translate(ANGLES)
    name = f"{title} (version {pack.version}, review due {uk_date(pack.review_due)})"
    if context.watermark:
        name = f"{context.watermark} {name}"
    return name.replace("/", "//")


def _category(languages: list[BuildContext]) -> ET.Element:
    element = ET.Element("question", type="category")
    titles = list(dict.fromkeys(each.pack.title for each in languages))
    _text(element, "category", f"$course$/top/{category_name(languages[0], titles)}", html_format=False)
    info = [(each.pack.language, f"{export_header(each)}. {each.pack.organisation}.") for each in languages]
    _text(element, "info", _paragraph(info))
    return element


Versions = list  # [(the words of a language, the question in it)], the pack's languages in order


def _question(versions: Versions) -> ET.Element:
    question = versions[0][1]  # the shape: the same in every language
    if isinstance(question, TrueFalse):
        kind = "truefalse"
    elif isinstance(question, Scenario) and question.written:
        kind = "essay"
    else:
        kind = "multichoice"
    element = ET.Element("question", type=kind)
    _text(element, "name", question.id, html_format=False)
    _text(element, "questiontext", _stem_html(versions))
    _text(element, "generalfeedback", _paragraph([(words.language, q.explanation) for words, q in versions]))
    ET.SubElement(element, "defaultgrade").text = str(question.score)
    ET.SubElement(element, "penalty").text = "0" if kind == "essay" else ONE_TRY
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    {"truefalse": _true_false, "essay": _essay, "multichoice": _multichoice}[kind](element, versions)
    return element


def _true_false(element: ET.Element, versions: Versions) -> None:
    question = versions[0][1]
    for value in (True, False):
        answer = ET.SubElement(
            element, "answer", fraction="100" if question.answer == value else "0", format="moodle_auto_format"
        )
        ET.SubElement(answer, "text").text = "true" if value else "false"
        _text(answer, "feedback", "")


def _essay(element: ET.Element, versions: Versions) -> None:
    question = versions[0][1]
    ET.SubElement(element, "responseformat").text = "editor"
    ET.SubElement(element, "responserequired").text = "1"
    ET.SubElement(element, "responsefieldlines").text = str(5 * -(-question.lines // 5))  # Moodle offers 5, 10, 15
    ET.SubElement(element, "attachments").text = "0"
    ET.SubElement(element, "attachmentsrequired").text = "0"
    model = [(words.language, words.phrase(MODEL_ANSWER, answer=q.answer)) for words, q in versions]
    _text(element, "graderinfo", _paragraph(model))
    _text(element, "responsetemplate", "")


def _multichoice(element: ET.Element, versions: Versions) -> None:
    question = versions[0][1]
    multiple = isinstance(question, MultipleChoice)
    ET.SubElement(element, "single").text = "false" if multiple else "true"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    options = zip(*(option_fractions(q) for _, q in versions))
    for each in options:
        answer = ET.SubElement(element, "answer", fraction=moodle_fraction(each[0][1]), format="html")
        ET.SubElement(answer, "text").text = _paragraph(
            [(words.language, text) for (words, _), (text, _) in zip(versions, each)]
        )
        _text(answer, "feedback", "")
    if multiple:
        for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(element, name, "")


def option_fractions(question) -> list[tuple[str, float]]:
    """Each option and its share of the marks, in percent: the key's marking scheme. A right
    option shares 100 with the other right ones; a wrong one of a tick-all-that-apply question
    takes away an equal share of 100, so ticking every box earns nothing."""
    multiple = isinstance(question, MultipleChoice)
    right = set(question.answer) if multiple else {question.answer}
    wrong_count = len(question.options) - len(right)
    return [
        (option, 100 / len(right) if option in right else (-100 / wrong_count if multiple else 0))
        for option in question.options
    ]


def moodle_fraction(value: float) -> str:
    """A grade fraction as Moodle writes it: 100, 50, 33.33333, -25 (Moodle's own list has these)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _stem_html(versions: Versions) -> str:
    question = versions[0][1]
    parts = ["situation", "prompt"] if isinstance(question, Scenario) else ["prompt"]
    return "".join(_paragraph([(words.language, getattr(q, part)) for words, q in versions]) for part in parts)


def _paragraph(texts: Sequence[tuple[str, str]]) -> str:
    """One paragraph of HTML; in a bank of several languages, each language's words in Moodle's
    multilang form, which its multilang filter shows in the reader's language (the first else)."""
    if len(texts) == 1:
        return f"<p>{html.escape(texts[0][1], quote=False)}</p>"
    spans = "".join(
        f'<span lang="{code}" class="multilang">{html.escape(text, quote=False)}</span>' for code, text in texts
    )
    return f"<p>{spans}</p>"


def _text(parent: ET.Element, tag: str, text: str, html_format: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, format="html") if html_format else ET.SubElement(parent, tag)
    ET.SubElement(element, "text").text = text
    return element
