"""The quiz as a trainer hands it out, on two packs of different shapes: keys that cite the page of
the answer, sheets that give nothing away, balanced letters, draws, and exports for Moodle."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, line_of, pdf_page_texts, printed, run_cli
from generator.content.reader import load_pack
from generator.artefacts.quiz.draw import draw_all
from generator.content.quiz.generate import generate
from generator.content.quiz.items import items_of
from generator.content.quiz.leaks import leaks
from generator.content.quiz.shape import odd_one_out
from generator.content.quiz.words import words
from generator.content.quiz.bank import MultipleChoice, Scenario, SingleChoice, TrueFalse
from generator.artefacts.quiz.variants import make_variant, ticks_one, variant_letters
from gift import parse_gift

GIFTS_PACK = ROOT / "tests" / "packs" / "gifts-and-hospitality"
GIFTS_ON = "2024-06-01"
PACKS = {"social-media": (DEFAULT_PACK, BUILT_ON), "gifts-and-hospitality": (GIFTS_PACK, GIFTS_ON)}
REFERENCE = re.compile(r"Booklet pp? ([\d–, ]+?) \(([^)]+)\) · \d+ points?")


def bank(pack, seed=1) -> list:
    return list(pack.quiz.questions) + generate(pack.quiz.generate, pack, seed)


@pytest.fixture(scope="module", params=list(PACKS))
def built(request, tmp_path_factory):
    """(pack, its build folder) with the booklet, two sheets and keys, and both exports."""
    folder, day = PACKS[request.param]
    out = tmp_path_factory.mktemp(request.param)
    result = run_cli(
        "build",
        folder,
        "--out",
        out,
        "--as-of",
        day,
        "--quiz-variants",
        "2",
        "--only",
        "booklet",
        "--only",
        "quiz-sheet",
        "--only",
        "quiz-key",
        "--only",
        "quiz-moodle",
        "--only",
        "quiz-gift",
    )
    assert result.exit_code == 0, result.output
    return load_pack(folder), out / folder.name


def test_the_second_pack_has_another_shape_and_six_questions():
    pack = load_pack(GIFTS_PACK)
    kinds = {section.kind for section in pack.sections}
    assert "pros-and-cons" not in kinds and "legal-issues" not in kinds
    assert len(bank(pack)) == 6
    assert {q.type for q in pack.quiz.questions} == {"single", "multiple", "true-false", "scenario"}


# ---- the key points at the answer itself ------------------------------------------------------


def cited(key_text: str, pack) -> dict[str, tuple[list[int], str]]:
    """{question id: (cited pages, section title)}, read from the key's explanations."""
    explained = key_text.split("Answers and explanations", 1)[1]
    found = {}
    for question in bank(pack):
        shown = question.situation if isinstance(question, Scenario) else question.prompt
        start = explained.index(printed(shown))
        match = REFERENCE.search(explained, start)
        found[question.id] = (_pages(match.group(1)), match.group(2))
    return found


def _pages(text: str) -> list[int]:
    if "–" in text:
        first, last = map(int, text.split("–"))
        return list(range(first, last + 1))
    return [int(page) for page in text.split(",")]


def holds(page_text: str, text: str) -> bool:
    """Whether `text`'s words appear, in order and together, in `page_text` (case and punctuation ignored)."""
    needle, haystack = " ".join(words(text)), " ".join(words(page_text))
    return needle in haystack


@pytest.mark.slow  # builds
def test_every_key_reference_is_the_page_that_prints_the_answer(built):
    pack, out = built
    pages = pdf_page_texts(out / "booklet.pdf")
    for letter in "AB":
        references = cited(" ".join(pdf_page_texts(out / f"quiz-key-{letter}.pdf")), pack)
        for question in bank(pack):
            numbers, title = references[question.id]
            section = pack.section(question.section)
            assert title == section.title, question.id
            if question.item:
                items = items_of(section)
                for key in question.item:
                    text = items[key]
                    head, tail = " ".join(text.split()[:6]), " ".join(text.split()[-6:])
                    on = [n for n in numbers if holds(pages[n - 1], head)]
                    assert on, f"{question.id}: item {key} does not start on pages {numbers}"
                    assert any(holds(pages[n - 1], tail) for n in numbers if n >= on[0]), (question.id, key)
                    if len(numbers) == 1:
                        assert holds(pages[numbers[0] - 1], text), (question.id, key)
            else:  # a question naming only its section cites the whole section, first page to last
                last_words = " ".join(list(items_of(section).values())[-1].split()[-6:])
                assert holds(pages[numbers[0] - 1], section.title), question.id
                assert holds(pages[numbers[-1] - 1], last_words), question.id


@pytest.mark.slow  # builds
def test_a_section_only_reference_prints_the_range_and_items_across_a_page_break_print_pp(built):
    pack, out = built
    key = " ".join(pdf_page_texts(out / "quiz-key-A.pdf"))
    if pack.slug == "gifts-and-hospitality":  # its first section runs over two pages
        assert cited(key, pack)["public-register"][0] == [3, 4]
        assert re.search(r"Booklet pp 3–4 \(When to register", key)


def test_every_question_of_the_default_bank_names_its_item():
    pack = load_pack(DEFAULT_PACK)
    assert all(q.item for q in bank(pack)), [q.id for q in bank(pack) if not q.item]


def test_an_item_that_is_not_in_its_section_is_a_located_error(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(quiz, "    section: legal-issues\n    item: intro", "    section: legal-issues\n    item: 12")
    edit(quiz, "    item: [pros 1, pros 2, pros 3]", "    item: [pros 1, 2]")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        f"{quiz}:{line_of(quiz, 'item: [pros 1, 2]')}: item 2 is not in section 'pros-and-cons'; "
        "write pros 2 or cons 2",
        f"{quiz}:{line_of(quiz, 'item: 12')}: item 12 is not in section 'legal-issues'; its items are 1 to 9 or intro",
    ]


# ---- no leaks, no odd one out --------------------------------------------------------------


@pytest.mark.slow  # every seed of a range: seconds
@pytest.mark.parametrize("folder", [DEFAULT_PACK, GIFTS_PACK])
def test_no_sheet_gives_an_answer_away_for_any_seed(folder):
    pack = load_pack(folder)
    for seed in range(1, 40):
        questions = bank(pack, seed)
        assert leaks(questions) == [], seed
        assert not [q.id for q in questions if odd_one_out(q)], seed


def test_an_option_that_states_another_answer_is_an_error_naming_both_questions(pack_copy, tmp_path):
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "      - A complaint to the platform, and nothing more",
        "      - A post may also lead to action by the Monitoring Officer",
    )
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()
    assert result.output.splitlines()[0] == (
        f"{quiz}:{line_of(quiz, 'id: legal-consequences')}: question 'legal-consequences' gives away the answer "
        f"of question 'who-to-ask' (line {line_of(quiz, 'id: who-to-ask')}): \"A post may also lead to action by "
        'the Monitoring Officer" contains its answer "The Monitoring Officer"; reword one of them, since both '
        "can be on the same sheet"
    )


def test_leaks_ignore_case_punctuation_and_quotes():
    def single(qid, options, answer, prompt="Which?"):
        return SingleChoice(
            type="single", id=qid, section="s", prompt=prompt, options=options, answer=answer, explanation="Why."
        )

    answered = single("a", ("Criminal or civil legal proceedings", "Nothing"), "Criminal or civil legal proceedings")
    by = single("b", ("…may also lead to ‘criminal’ or CIVIL legal-proceedings.", "Other"), "Other")
    assert [(leak.answered.id, leak.by.id) for leak in leaks([answered, by])] == [("a", "b")]
    true = TrueFalse(
        type="true-false", id="t", section="s", prompt="Posts can be saved.", answer=True, explanation="Why."
    )
    assert leaks([true, single("c", ("Posts can be saved", "No"), "No")])  # a true statement is an answer
    false = true.model_copy(update={"answer": False})
    assert not leaks([false, single("c", ("Posts can be saved", "No"), "No")])


def test_an_odd_one_out_answer_is_a_warning_with_its_line(pack_copy):
    quiz = pack_copy / "quiz.yaml"
    edit(
        quiz,
        "      - Every two years\n      - Every three years\n",
        "      - Only every two years\n      - Only every three years\n",
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    options = line_of(quiz, "- Only every two years") - 2
    assert result.output.splitlines()[0] == (
        f"Warning: {quiz}:{options}: question 'review': the right answer is the only option not starting "
        '"Only", so it can be guessed without knowing the guidance; reword the options to a similar shape'
    )
    edit(quiz, "      - Every year\n", "      - Every year, as the Standards Committee decides at its meeting\n")
    edit(quiz, "    answer: Every year", "    answer: Every year, as the Standards Committee decides at its meeting")
    result = run_cli("check", pack_copy)
    assert "the right answer is more than twice as long as every other option" in result.output


@pytest.mark.slow  # every seed of a range: seconds
def test_generated_options_are_redrawn_rather_than_give_an_answer_away(pack_copy):
    """A distractor that is another question's answer is never used, whatever the seed."""
    edit(
        pack_copy / "quiz.yaml",
        "      - Freedom of information\n",
        "      - Freedom of information\n      - Criminal or civil legal proceedings\n",
    )
    pack = load_pack(pack_copy)
    for seed in range(1, 40):
        made = generate(pack.quiz.generate, pack, seed)
        assert all("Criminal or civil legal proceedings" not in getattr(q, "options", ()) for q in made), seed


# ---- balanced letters ------------------------------------------------------------------------


@pytest.mark.slow  # 39 seeds, three versions each: 10 s
@pytest.mark.parametrize("folder", [DEFAULT_PACK, GIFTS_PACK])
def test_no_letter_is_right_over_40_percent_or_three_times_running(folder):
    pack = load_pack(folder)
    for seed in range(1, 40):
        for letter in variant_letters(3):
            variant = make_variant(bank(pack, seed), letter, seed, pack, lambda q: (1,))
            rights = [k.right[0].letter for k in variant.key if k.right and k.right[0].letter and not k.asked.tick_all]
            assert len(rights) == sum(ticks_one(q) for q in bank(pack, seed))
            assert max(Counter(rights).values()) <= max(1, int(0.4 * len(rights))), (seed, letter, rights)
            assert not any(rights[n] == rights[n + 1] == rights[n + 2] for n in range(len(rights) - 2)), rights
            assert variant == make_variant(bank(pack, seed), letter, seed, pack, lambda q: (1,))


@pytest.mark.slow  # builds
def test_versions_are_named_by_number_not_letter(built):
    pack, out = built
    sheet = " ".join(pdf_page_texts(out / "quiz-sheet-B.pdf"))
    assert "Paper 2 · Code" in sheet and "Variant" not in sheet
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '"variant": "B"' in manifest and '"variant_number": 2' in manifest


@pytest.mark.slow  # builds
def test_the_sheet_says_where_to_answer(built):
    pack, out = built
    sheet = " ".join(pdf_page_texts(out / "quiz-sheet-A.pdf"))
    if pack.quiz.answer_grid:
        assert "Answer in the answer grid on the last page: only the grid is marked." in sheet
        assert "Tick one box" not in sheet
    else:
        assert "Tick one box for each question" in sheet and "Answer grid" not in sheet


# ---- draws -----------------------------------------------------------------------------------


def test_draws_cover_every_section_and_differ_between_versions():
    pack = load_pack(DEFAULT_PACK)
    questions = bank(pack)
    sections = {q.section for q in questions}
    for count in (len(sections), 12):
        draws = draw_all(questions, count, 2, seed=5)
        assert draws == draw_all(questions, count, 2, seed=5)
        for drawn in draws:
            assert len(drawn) == count and {q.section for q in drawn} == sections
        assert set(map(id, draws[0])) != set(map(id, draws[1]))
    small = draw_all(questions, 4, 3, seed=5)
    assert all(len({q.section for q in drawn}) == 4 for drawn in small)
    assert draw_all(questions, None, 2, seed=5) == [questions, questions]


@pytest.mark.slow  # builds
def test_quiz_questions_builds_sheets_of_that_many(tmp_path):
    result = run_cli(
        "build",
        DEFAULT_PACK,
        "--out",
        tmp_path,
        "--as-of",
        BUILT_ON,
        "--only",
        "quiz-sheet",
        "--only",
        "quiz-key",
        "--quiz-variants",
        "2",
        "--quiz-questions",
        "10",
        "--seed",
        "3",
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "social-media"
    for letter in "AB":
        assert "There are 10 questions" in " ".join(pdf_page_texts(out / f"quiz-sheet-{letter}.pdf"))
    assert '"quiz_questions": 10' in (out / "manifest.json").read_text(encoding="utf-8")


# ---- exports ---------------------------------------------------------------------------------


def html_text(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


@pytest.mark.slow  # builds
def test_moodle_xml_has_moodles_structure_and_every_question(built):
    pack, out = built
    root = ET.parse(out / "quiz-moodle.xml").getroot()
    assert root.tag == "quiz"
    questions = root.findall("question")
    category = questions[0]
    assert category.get("type") == "category"
    name = category.find("category/text").text
    assert name.startswith("$course$/top/" + pack.title)
    assert f"version {pack.version}" in name and "review due" in name
    expected = bank(pack)
    assert len(questions) == len(expected) + 1
    for element, question in zip(questions[1:], expected):
        assert element.find("name/text").text == question.id
        assert element.find("questiontext").get("format") == "html"
        assert html_text(element.find("questiontext/text").text).endswith(question.prompt)
        assert html_text(element.find("generalfeedback/text").text) == question.explanation
        assert element.find("defaultgrade").text == str(question.score)
        answers = {html_text(a.find("text").text): float(a.get("fraction")) for a in element.findall("answer")}
        if isinstance(question, TrueFalse):
            assert element.get("type") == "truefalse"
            assert answers == {"true": 100.0 * question.answer, "false": 100.0 * (not question.answer)}
        elif isinstance(question, Scenario) and question.written:
            assert element.get("type") == "essay" and not answers
            assert question.answer in html_text(element.find("graderinfo/text").text)
        elif isinstance(question, MultipleChoice):
            assert element.get("type") == "multichoice" and element.find("single").text == "false"
            assert set(answers) == set(question.options)
            assert sum(f for f in answers.values() if f > 0) == pytest.approx(100, abs=0.01)
            assert all((answers[o] > 0) == (o in question.answer) for o in question.options)
        else:
            assert element.get("type") == "multichoice" and element.find("single").text == "true"
            assert answers == {o: 100.0 if o == question.answer else 0.0 for o in question.options}


@pytest.mark.slow  # builds
def test_gift_round_trips_every_question_option_and_answer(built):
    pack, out = built
    text = (out / "quiz-gift.txt").read_text(encoding="utf-8")
    assert text.startswith(f"// {pack.title}: quiz. Version {pack.version} · Review due ")
    category, parsed = parse_gift(text)
    assert (
        category
        == f"$course$/top/{pack.title} (version {pack.version}, review due " + category.split("review due ", 1)[1]
    )
    expected = bank(pack)
    assert [q["name"] for q in parsed] == [q.id for q in expected]
    for got, question in zip(parsed, expected):
        stem = f"{question.situation} {question.prompt}" if isinstance(question, Scenario) else question.prompt
        assert got["text"] == " ".join(stem.split())
        assert got["feedback"].startswith(" ".join(question.explanation.split()))
        if isinstance(question, TrueFalse):
            assert got["answer"] is question.answer
        elif isinstance(question, Scenario) and question.written:
            assert got["answers"] == [] and question.answer in got["feedback"]
        elif isinstance(question, MultipleChoice):
            weights = dict(got["answers"])
            assert set(weights) == set(question.options)
            assert all((weights[o] > 0) == (o in question.answer) for o in question.options)
        else:
            assert got["answers"] == [(o, 100.0 if o == question.answer else 0.0) for o in question.options]


@pytest.mark.slow  # builds
def test_every_gift_special_character_survives_the_round_trip(pack_copy, tmp_path):
    tricky = "Rule {1}: a~b = c#d \\ e"
    edit(
        pack_copy / "quiz.yaml",
        "    prompt: Who does the guidance apply to?",
        f'    prompt: "{tricky.replace(chr(92), chr(92) * 2)}"',
    )
    edit(
        pack_copy / "quiz.yaml",
        "      - Councillors and council officers alike",
        "      - 'Officers: {all} = ~everyone~ #1'",
    )
    out = tmp_path / "out" / "social-media"
    result = run_cli(
        "build", pack_copy, "--out", out.parent, "--as-of", BUILT_ON, "--only", "quiz-gift", "--only", "quiz-moodle"
    )
    assert result.exit_code == 0, result.output
    _, parsed = parse_gift((out / "quiz-gift.txt").read_text(encoding="utf-8"))
    question = next(q for q in parsed if q["name"] == "who-it-applies-to")
    assert question["text"] == tricky
    assert ("Officers: {all} = ~everyone~ #1", 0.0) in question["answers"]
    moodle = ET.parse(out / "quiz-moodle.xml").getroot()
    texts = [html_text(t.text or "") for t in moodle.iter("text")]
    assert tricky in " ".join(texts) and "Officers: {all} = ~everyone~ #1" in texts


@pytest.mark.slow  # builds
def test_exports_are_reproducible_and_follow_the_seed_through_generated_questions(tmp_path):
    for run, seed in (("first", "1"), ("again", "1"), ("other", "2")):
        result = run_cli(
            "build",
            DEFAULT_PACK,
            "--out",
            tmp_path / run,
            "--as-of",
            BUILT_ON,
            "--only",
            "quiz-gift",
            "--only",
            "quiz-moodle",
            "--seed",
            seed,
        )
        assert result.exit_code == 0, result.output
    for name in ("quiz-gift.txt", "quiz-moodle.xml"):
        first, again, other = (
            (tmp_path / run / "social-media" / name).read_bytes() for run in ("first", "again", "other")
        )
        assert first == again and first != other, name
