"""Quiz sheets and answer keys, read back from the real PDFs of a real build."""

from __future__ import annotations

import html
import re

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, line_of, pdf_page_texts, printed, run_cli, snapshot
from generator.content.reader import load_pack
from generator.content.quiz.generate import generate
from generator.content.quiz.bank import Scenario
from generator.artefacts.quiz.variants import make_variant

MM = 72 / 25.4
QUIZ = "quiz.yaml"
REFERENCE = re.compile(r"Booklet pp? [\d–, ]+ \(([^)]+)\) · \d+ points?")


@pytest.fixture(scope="module")
def pack():
    return load_pack(DEFAULT_PACK)


def every_question(pack, seed=1):
    return list(pack.quiz.questions) + generate(pack.quiz.generate, pack, seed)


def text_of(path) -> str:
    return " ".join(pdf_page_texts(path))


def metadata_of(path) -> str:
    """Everything a PDF says about itself: the info dictionary and the XMP packet."""
    with pikepdf.open(path) as pdf:
        info = " ".join(str(value) for value in pdf.docinfo.values())
        xmp = str(pdf.open_metadata())
    return info + " " + xmp


def plain(text: str) -> str:
    return printed(text)


def build_variants(out, seed=7, pack=DEFAULT_PACK):
    result = run_cli(
        "build",
        pack,
        "--out",
        out,
        "--as-of",
        BUILT_ON,
        "--only",
        "quiz-sheet",
        "--only",
        "quiz-key",
        "--quiz-variants",
        "2",
        "--seed",
        str(seed),
    )
    assert result.exit_code == 0, result.output
    return out / "social-media"


@pytest.fixture(scope="module")
def seven(tmp_path_factory):
    """Variants A and B from seed 7."""
    return build_variants(tmp_path_factory.mktemp("seed7"))


# ---- the question bank -----------------------------------------------------------------


def test_bank_has_at_least_15_authored_questions_covering_every_section(pack):
    authored = pack.quiz.questions
    assert len(authored) >= 15
    assert {q.section for q in authored} == {s.id for s in pack.sections}
    assert {q.type for q in authored} == {"single", "multiple", "true-false", "scenario"}


@pytest.mark.slow  # every seed of a range: seconds
def test_generated_questions_are_drawn_from_the_guidance_and_fixed_by_the_seed(pack):
    legal = pack.section("legal-issues")
    tips = {tip.title: tip for tip in pack.section("lga-checklist").tips}
    for seed in range(1, 30):
        made = generate(pack.quiz.generate, pack, seed)
        assert made == generate(pack.quiz.generate, pack, seed)
        for question in made:
            if question.section == "legal-issues":
                assert question.answer in legal.issues
                assert sum(option in legal.issues for option in question.options) == 1
            else:  # "Which tip says ...?": the quote is the right tip's words, every option a tip
                quote = re.search(r'says: "(.+)"\?$', question.prompt).group(1)
                said = {title: tip.text.replace('"', "'") for title, tip in tips.items()}  # quoted: inner quotes single
                assert quote in said[question.answer]
                assert all(option in tips for option in question.options)
                assert not any(quote in said[o] for o in question.options if o != question.answer)
    assert generate(pack.quiz.generate, pack, 1) != generate(pack.quiz.generate, pack, 2)


# ---- the participant's sheet ---------------------------------------------------------------


def test_sheet_holds_every_question_with_its_options(default_build, pack):
    sheet = text_of(default_build / "quiz-sheet-A.pdf")
    questions = every_question(pack)
    for question in questions:
        assert plain(question.prompt) in sheet, question.id
        if isinstance(question, Scenario):
            assert plain(question.situation) in sheet, question.id
        for option in getattr(question, "options", None) or ():
            assert plain(option) in sheet, (question.id, option)
    assert f"There are {len(questions)} questions" in sheet
    assert all(f"{n}. " in sheet for n in range(1, len(questions) + 1))
    assert "Name" in sheet and "Date" in sheet and "Answer grid" in sheet


def test_sheet_carries_no_answer_or_explanation_in_text_html_or_metadata(default_build, pack):
    path = default_build / "quiz-sheet-A.pdf"
    places = {
        "text": plain(text_of(path)),
        "html": plain(html.unescape((default_build / "quiz-sheet-A.html").read_text(encoding="utf-8"))),
        "metadata": plain(metadata_of(path)),
        "raw bytes": path.read_bytes().decode("latin-1"),
    }
    secrets = [q.explanation for q in every_question(pack)]
    secrets += [q.answer for q in pack.quiz.questions if isinstance(q, Scenario) and q.written]
    for where, text in places.items():
        for secret in secrets:
            assert plain(secret) not in text, f"{secret!r} is in the sheet's {where}"
        for word in ("Answer:", "Model answer", "Why:", "correct"):
            assert word not in text, f"{word!r} is in the sheet's {where}"
    assert "<!--" not in places["html"]


@pytest.mark.slow  # a build of its own
def test_changing_explanations_and_true_false_answers_changes_no_sheet(default_build, pack_copy, tmp_path):
    """The sheet is made from the questions: new explanations or true/false answers leave it byte-identical.
    (A tick-one-box answer may move its options, since answer letters are balanced across the sheet.)"""
    quiz = pack_copy / QUIZ
    text = quiz.read_text(encoding="utf-8")
    flipped = {"true": "false", "false": "true"}
    text = re.sub(r"^(\s+answer: )(true|false)$", lambda m: m[1] + flipped[m[2]], text, flags=re.M)
    text = re.sub(r"(explanation: >-\n)((?:      .+\n)+)", r"\1      Changed.\n", text)
    text = re.sub(r"(explanation: )(?!>-)(.+)", r"\1Changed.", text)
    quiz.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "build", pack_copy, "--out", out, "--as-of", BUILT_ON, "--only", "quiz-sheet", "--only", "quiz-key"
    )
    assert result.exit_code == 0, result.output
    built = out / "social-media"
    assert (built / "quiz-sheet-A.pdf").read_bytes() == (default_build / "quiz-sheet-A.pdf").read_bytes()
    assert (built / "quiz-key-A.pdf").read_bytes() != (default_build / "quiz-key-A.pdf").read_bytes()
    assert "Changed." in text_of(built / "quiz-key-A.pdf")


@pytest.mark.parametrize("name", ["quiz-sheet-A.pdf", "quiz-key-A.pdf"])
def test_every_page_is_a4_with_stamp_variant_code_and_page_number(default_build, name):
    reader = PdfReader(default_build / name)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)
    pages = pdf_page_texts(default_build / name)
    code = re.search(r"Paper 1 Code ([2-9A-Z]{5})", pages[0]).group(1)
    for number, text in enumerate(pages, start=1):
        assert "Version 1.0" in text and "Review due 1 March 2022" in text, f"page {number}"
        assert f"Paper 1 · Code {code}" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text, f"page {number}"


@pytest.mark.parametrize(
    "name, title",
    [
        ("quiz-sheet-A.pdf", "Quiz sheet, paper 1: Social media guidance for councillors"),
        ("quiz-key-A.pdf", "Answer key, paper 1: Social media guidance for councillors"),
    ],
)
def test_tagged_pdf_in_uk_english_with_a_title(default_build, name, title):
    with pikepdf.open(default_build / name) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == title
        assert pdf.Root.ViewerPreferences.DisplayDocTitle


def test_writing_space_uses_no_dotted_lines(default_build):
    """Dotted borders are drawn dot by dot: a sheet with them is many times larger."""
    html = (default_build / "quiz-sheet-A.html").read_text(encoding="utf-8")
    css = (ROOT / "templates" / "styles" / "quiz.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "dotted" not in html and "dotted" not in rules
    assert (default_build / "quiz-sheet-A.pdf").stat().st_size < 150_000


# ---- the trainer's key -----------------------------------------------------------------------

# Page references are tested against the booklet's text in test_quiz_bank.py, on two packs.


def test_key_gives_answers_explanations_and_a_marking_scheme(default_build, pack):
    key = text_of(default_build / "quiz-key-A.pdf")
    questions = every_question(pack)
    for question in questions:
        unbroken = lambda text: re.sub(r"-\s?", "", text)  # noqa: E731  ("co- opted" at a line end)
        assert unbroken(plain(question.explanation)) in unbroken(key), question.id
    total = sum(q.score for q in questions)
    assert f"Total: {total} points for {len(questions)} questions." in key
    assert "Marking scheme" in key and "Tick all that apply" in key and "Written scenario" in key


def sheet_block(sheet: str, number: int) -> str:
    """The text of question `number` on the sheet: from its number to the next question's."""
    return re.search(rf"(?<![\d(]){number}\. (.+?)(?= {number + 1}\. | Answer grid)", sheet).group(1)


def test_key_letters_match_the_sheet_for_every_choice_question(default_build, pack):
    """Each right answer in the key carries the letter that option has on the sheet."""
    sheet = text_of(default_build / "quiz-sheet-A.pdf")
    explained = text_of(default_build / "quiz-key-A.pdf").split("Answers and explanations", 1)[1]
    blocks = [b for b in REFERENCE.split(explained) if "Answer:" in b]
    assert len(blocks) == len(every_question(pack)) - sum(
        1 for q in every_question(pack) if isinstance(q, Scenario) and q.written
    )
    lettered = 0
    for block in blocks:
        number = int(re.search(r"(\d+)\. ", block).group(1))
        answers = block.split("Answer: ", 1)[1].split(" Why: ", 1)[0]
        for letter, option in re.findall(r"([A-H])\. (.+?)(?=; [A-H]\. |$)", answers):
            assert f"{letter} {option}" in sheet_block(sheet, number), (number, letter, option)
            lettered += 1
        if answers in ("True", "False"):
            assert "True False" in sheet_block(sheet, number)
    assert lettered >= 15


# ---- variants and seeds ----------------------------------------------------------------------


def question_order(sheet_text: str, pack) -> list[str]:
    """The ids of the questions in the order the sheet prints them."""
    found = {}
    for question in every_question(pack, seed=7):
        shown = question.situation if isinstance(question, Scenario) else question.prompt
        found[question.id] = sheet_text.index(plain(shown))
    return sorted(found, key=found.get)


@pytest.mark.slow  # builds of its own
def test_variants_hold_the_same_questions_in_a_different_order(seven, pack):
    a, b = text_of(seven / "quiz-sheet-A.pdf"), text_of(seven / "quiz-sheet-B.pdf")
    order_a, order_b = question_order(a, pack), question_order(b, pack)
    assert sorted(order_a) == sorted(order_b)
    assert order_a != order_b
    options = [o for q in every_question(pack, seed=7) for o in getattr(q, "options", None) or ()]
    letter = lambda text, option: re.search(rf"([A-H]) {re.escape(option)}", text).group(1)  # noqa: E731
    assert any(letter(a, option) != letter(b, option) for option in options)
    assert "Paper 2" not in a and "Paper 1 " not in b


@pytest.mark.slow  # builds of its own
def test_each_key_carries_the_code_of_its_own_sheet(seven):
    codes = {}
    for name in ("quiz-sheet-A", "quiz-key-A", "quiz-sheet-B", "quiz-key-B"):
        codes[name] = set(re.findall(r"Paper [12] · Code ([2-9A-Z]{5})", text_of(seven / f"{name}.pdf")))
        assert len(codes[name]) == 1, name
    assert codes["quiz-sheet-A"] == codes["quiz-key-A"] != codes["quiz-sheet-B"] == codes["quiz-key-B"]


@pytest.mark.slow  # builds of its own
def test_same_seed_rebuilds_identical_files(seven, tmp_path):
    again = build_variants(tmp_path / "again")
    for name in ("quiz-sheet-A.pdf", "quiz-sheet-B.pdf", "quiz-key-A.pdf", "quiz-key-B.pdf"):
        assert (again / name).read_bytes() == (seven / name).read_bytes(), name


def test_another_seed_gives_another_order_and_code(pack):
    pages = lambda question: (1,)  # noqa: E731
    made = {seed: make_variant(every_question(pack, seed), "A", seed, pack, pages) for seed in (7, 8)}
    assert [q.prompt for q in made[7].sheet] != [q.prompt for q in made[8].sheet]
    assert made[7].code != made[8].code
    assert make_variant(every_question(pack, 7), "A", 7, pack, pages) == made[7]


# ---- bad question banks ---------------------------------------------------------------------


def test_bad_question_bank_gives_every_problem_with_its_line_and_writes_nothing(pack_copy, tmp_path):
    quiz = pack_copy / QUIZ
    edit(quiz, "    answer: The councillor personally", "    answer: The councilor personally")
    edit(
        quiz,
        "    section: code-of-conduct\n    item: 1\n    prompt: >-",
        "    section: code-of-behaviour\n    item: 1\n    prompt: >-",
    )
    edit(quiz, "  - id: who-to-ask", "  - id: deleted-posts")
    edit(
        quiz,
        "      - All councillors, but not co-opted members\n"
        "      - Only councillors who post in their role as a councillor\n"
        "      - Councillors and council officers alike\n",
        "",
    )
    edit(quiz, "      - Negligence", "      - Defamation")
    out = tmp_path / "out"
    result = run_cli("build", pack_copy, "--out", out)
    assert result.exit_code == 1, result.output
    assert snapshot(out) == {}
    shown = str(quiz)
    lines = result.output.splitlines()
    assert lines[-1] == "5 problems in the content; nothing was written."
    first_id, second_id = (
        n
        for n, text in enumerate(quiz.read_text(encoding="utf-8").splitlines(), start=1)
        if text == "  - id: deleted-posts"
    )
    assert sorted(lines[:-1]) == sorted(
        [
            f'{shown}:{line_of(quiz, "answer: The councilor personally")}: answer "The councilor personally" '
            'is not one of the options; did you mean "The councillor personally"?',
            f"{shown}:{line_of(quiz, 'section: code-of-behaviour')}: section 'code-of-behaviour' is not a section "
            "of this pack (a file name in sections/ without .yaml); did you mean 'code-of-conduct'?",
            f"{shown}:{second_id}: id 'deleted-posts' is used twice (first on line {first_id}); "
            "give each question its own id",
            f"{shown}:{line_of(quiz, '- All councillors and co-opted councillors of the Council') - 1}: a question "
            "needs at least two options; add another, or make it a true-false question",
            f"{shown}:{line_of(quiz, '- Defamation')}: \"Defamation\" is listed in 'legal-issues', so it "
            "cannot be a wrong option; replace it with something clearly not in the list",
        ]
    )


@pytest.mark.parametrize(
    "old, new, fragment, message",
    [
        (
            "    answer: false\n    explanation: >-\n      The Council actively",
            "    answer: maybe\n    explanation: >-\n      The Council actively",
            "answer: maybe",
            'answer: "maybe" should be true or false',
        ),
        (
            "  - id: who-is-responsible\n    type: single",
            "  - id: who-is-responsible\n    type: pick-one",
            "type: pick-one",
            "type 'pick-one' is not known; use one of: single, multiple, true-false, scenario",
        ),
        (
            "  - id: who-is-responsible\n",
            "  - id: Who Is Responsible\n",
            "id: Who Is Responsible",
            'id: "Who Is Responsible" should be a few lower-case words joined by hyphens, e.g. "delete-a-post"',
        ),
        (
            "    type: single\n    count: 2",
            "    type: single\n    count: 40",
            "count: 40",
            'count: "40" should be a whole number from 1 to 30, e.g. 2',
        ),
        (
            "    type: single\n    count: 2",
            "    type: single\n    count: 20",
            "count: 20",
            "'lga-checklist' can give at most 10 single question(s); write count: 10 or fewer",
        ),
        (
            "  - section: lga-checklist\n",
            "  - section: purpose\n",
            "section: purpose",
            "questions cannot be generated from a prose section such as 'purpose'",
        ),
        (
            "    prompt: Who is responsible",
            "    promt: Who is responsible",
            "promt: Who",
            "unknown key 'promt'; did you mean 'prompt'?",
        ),
    ],
)
def test_one_bad_entry_gives_one_located_problem(pack_copy, tmp_path, old, new, fragment, message):
    quiz = pack_copy / QUIZ
    edit(quiz, old, new)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    problems = result.output.splitlines()[:-1]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{quiz}:{line_of(quiz, fragment)}: {message}"), problems[0]


def test_a_broken_section_file_is_reported_once_not_again_by_the_quiz(pack_copy):
    edit(pack_copy / "sections" / "legal-issues.yaml", "  - Copyright\n", "  - Copyright\n\t- Bias\n")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "legal-issues.yaml" in result.output and "quiz.yaml" not in result.output


@pytest.mark.slow  # a build of its own
def test_answer_grid_can_be_left_out(pack_copy, tmp_path):
    edit(pack_copy / QUIZ, "answer_grid: yes", "answer_grid: no")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "quiz-sheet")
    assert result.exit_code == 0, result.output
    assert "Answer grid" not in text_of(tmp_path / "out" / "social-media" / "quiz-sheet-A.pdf")


@pytest.mark.slow  # a build of its own
def test_a_pack_without_a_quiz_builds_no_quiz(pack_copy, tmp_path):
    (pack_copy / QUIZ).unlink()
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "quiz-sheet", "--only", "quiz-key")
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "out" / "social-media").glob("quiz-*"))


def test_the_default_bank_is_valid():
    result = run_cli("check", DEFAULT_PACK)
    assert result.exit_code == 0, result.output
