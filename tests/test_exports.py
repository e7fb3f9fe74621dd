"""The exports as Moodle and other GIFT readers take them (issue 26 item 6).

GIFT is read by gift-pegjs (npm, pinned by package-lock.json; `npm ci` installs it), the parser
most learning tools besides Moodle use; what Moodle itself does with the text follows its own
reader (question/format/gift/format.php): text with no format marker is HTML, so "<word>"
vanishes, and `[plain]` shows text as written. The XML is read with ElementTree.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, pdf_page_texts, run_cli

AWKWARD = ROOT / "tests" / "packs" / "awkward-text"
GIFT_PEGJS = ROOT / "node_modules" / "gift-pegjs"
NODE_READER = "const {parse} = require(process.argv[1]); const fs = require('fs');" \
    "process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], 'utf8'))));"  # fmt: skip


def gift_pegjs(path: Path) -> list[dict]:
    """The GIFT file as gift-pegjs reads it; a file it refuses fails the test with its message."""
    if not GIFT_PEGJS.exists():
        pytest.fail("gift-pegjs is not installed: run npm ci (package.json lists it)", pytrace=False)
    run = subprocess.run(
        ["node", "-e", NODE_READER, str(GIFT_PEGJS), str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, f"gift-pegjs refused {path.name}: {run.stderr.strip()[-400:]}"
    return json.loads(run.stdout)


def moodle_category_name(name: str) -> str:
    """A category name as Moodle keeps it: clean_param(PARAM_TEXT) strips tags, and PHP's
    strip_tags drops everything after a '<' that opens no tag it can close."""
    return re.sub(r"<[^>]*(>|$)", "", name)


def build(pack: Path, out: Path, *only: str) -> Path:
    args = [a for kind in only for a in ("--only", kind)]
    result = run_cli("build", pack, "--out", out, "--as-of", BUILT_ON, *args)
    assert result.exit_code == 0, result.output
    return out / pack.name


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    return build(AWKWARD, tmp_path_factory.mktemp("exports"), "quiz-gift", "quiz-moodle", "quiz-key")


def test_gift_pegjs_reads_the_default_packs_gift_file(tmp_path):
    out = build(DEFAULT_PACK, tmp_path, "quiz-gift")
    questions = [q for q in gift_pegjs(out / "quiz-gift.txt") if q["type"] != "Category"]
    assert len(questions) >= 20
    assert all(q["stem"]["format"] == "plain" for q in questions)  # shown as written in Moodle


def test_gift_text_that_looks_like_a_tag_or_a_weight_is_shown_as_written(awkward):
    questions = {q["title"]: q for q in gift_pegjs(awkward / "quiz-gift.txt") if q["type"] != "Category"}
    greeting = questions["greeting"]
    choices = {c["text"]["text"]: c for c in greeting["choices"]}
    assert set(choices) == {"Dear <councillor name>", "% Hello & welcome", 'To whom it may concern — "Sir"'}
    assert all(c["text"]["format"] == "plain" for c in greeting["choices"])
    assert choices["Dear <councillor name>"]["isCorrect"] and choices["% Hello & welcome"]["weight"] is None
    assert greeting["stem"]["format"] == "plain" and greeting["globalFeedback"]["format"] == "plain"
    assert "<councillor name>" in greeting["globalFeedback"]["text"]
    written = questions["write-to-member"]
    assert written["type"] == "Essay" and 'to "Cllr O\'Brien & family" about <tags>' in written["stem"]["text"]


def test_an_option_starting_with_a_percent_sign_keeps_its_weight(tmp_path):
    pack = tmp_path / "awkward-text"
    shutil.copytree(AWKWARD, pack)
    edit(
        pack / "quiz.yaml",
        "      - Plain words, not <jargon>\n      - Use",
        '      - "% of words: plain, not <jargon>"\n      - Use',
    )
    edit(
        pack / "quiz.yaml",
        "      - Plain words, not <jargon>\n    points",
        '      - "% of words: plain, not <jargon>"\n    points',
    )
    out = build(pack, tmp_path / "out", "quiz-gift")
    manners = next(q for q in gift_pegjs(out / "quiz-gift.txt") if q.get("title") == "manners")
    weights = {c["text"]["text"]: c["weight"] for c in manners["choices"]}
    assert weights["% of words: plain, not <jargon>"] == 50 and weights['Say "please" & "thank you"'] == 50
    assert weights['Use "CTR & NNDR"'] == -50


def test_points_and_penalty_are_the_keys_in_moodle_xml(awkward):
    root = ET.parse(awkward / "quiz-moodle.xml").getroot()
    questions = root.findall("question")[1:]
    grades = {q.find("name/text").text: int(q.find("defaultgrade").text) for q in questions}
    assert grades == {"greeting": 1, "manners": 2, "percent": 1, "write-to-member": 2}
    key = " ".join(pdf_page_texts(awkward / "quiz-key-A.pdf"))
    assert f"Total: {sum(grades.values())} points for 4 questions" in key
    penalties = {q.find("name/text").text: q.find("penalty").text for q in questions}
    assert penalties == {"greeting": "1", "manners": "1", "percent": "1", "write-to-member": "0"}


def test_the_gift_file_says_it_carries_no_marks(awkward):
    header = (awkward / "quiz-gift.txt").read_text(encoding="utf-8").split("\n\n")[0]
    assert "GIFT carries no marks" in header and "Moodle XML file carries the key's points" in header


def test_tick_all_that_apply_is_marked_alike_on_the_key_and_in_moodle(awkward):
    root = ET.parse(awkward / "quiz-moodle.xml").getroot()
    manners = next(q for q in root.findall("question") if q.find("name/text") is not None
                   and q.find("name/text").text == "manners")  # fmt: skip
    points = int(manners.find("defaultgrade").text)
    fractions = sorted({Fraction(a.get("fraction")) for a in manners.findall("answer")})
    loss, gain = (points * f / 100 for f in fractions)
    assert (gain, loss) == (1, -1)  # two right of four, 2 points: +1 each right, -1 each wrong
    key = " ".join(pdf_page_texts(awkward / "quiz-key-A.pdf"))
    assert "Marks: +1 for each right answer marked, −1 for each wrong one; never below 0" in key
    assert "earns an equal share of the question's points" in key and "never scores below 0" in key
    assert "and no other; otherwise none" not in key  # the old all-or-nothing rule is gone


@pytest.mark.parametrize("title", ["Under <2 years' service, a guide", "Members' <tags> & Gŵyr’s rules"])
def test_category_names_keep_version_and_review_date_whatever_the_title(tmp_path, title):
    pack = tmp_path / "awkward-text"
    shutil.copytree(AWKWARD, pack)
    edit(pack / "pack.yaml", 'title: Members\' "Q&A" guide to <tags> & Gŵyr’s rules — in brief', f"title: {title}")
    out = build(pack, tmp_path / "out", "quiz-gift", "quiz-moodle")
    xml_name = ET.parse(out / "quiz-moodle.xml").getroot().find("question/category/text").text
    gift_name = next(q for q in gift_pegjs(out / "quiz-gift.txt") if q["type"] == "Category")["title"]
    for name in (xml_name, gift_name):
        kept = moodle_category_name(name)
        assert kept.endswith("(version 0.4, review due 1 May 2022)"), name
        assert kept.startswith("$course$/top/") and len(kept) > len(
            "$course$/top/ (version 0.4, review due 1 May 2022)"
        )
