"""A generated pack of about 200 A5 pages, for the benchmark: many sections, long lists, a
100-question quiz bank (the documented limit). Made from the default pack's own sections, each
repeated under a new file name with its lists lengthened, so every section kind is in it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

DEFAULT_PACK = Path(__file__).resolve().parent.parent / "content" / "social-media"
QUESTIONS = 100


def make_scale_pack(destination: Path, copies: int = 17) -> Path:
    """Write the pack into `destination`/scale-pack and return its folder."""
    pack = Path(shutil.copytree(DEFAULT_PACK, Path(destination) / "scale-pack"))
    pack_yaml = (pack / "pack.yaml").read_text(encoding="utf-8")
    originals = re.findall(r"^  - ([a-z0-9-]+)\.yaml$", pack_yaml, re.M)
    listed = []
    for copy in range(1, copies + 1):
        for name in originals:
            if copy == 1:
                listed.append(name)
                continue
            text = (pack / "sections" / f"{name}.yaml").read_text(encoding="utf-8")
            text = re.sub(r"^title: (.*)$", rf"title: \1 (part {copy})", text, count=1, flags=re.M)
            (pack / "sections" / f"{name}-{copy}.yaml").write_text(_longer_lists(text), encoding="utf-8")
            listed.append(f"{name}-{copy}")
    block = "".join(f"  - {name}.yaml\n" for name in listed)
    pack_yaml = re.sub(r"(?ms)^sections:\n(  - [a-z0-9-]+\.yaml\n)+", "sections:\n" + block, pack_yaml)
    (pack / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    _hundred_questions(pack / "quiz.yaml")
    return pack


def _longer_lists(text: str) -> str:
    """Every plain list item said twice over, so lists run long."""
    return re.sub(r"^(\s+- )([A-Z][^\n:]*[.?!])$", r"\1\2\n\1\2 (Repeated.)", text, flags=re.M)


def _hundred_questions(quiz: Path) -> None:
    """The bank's own questions, then true/false questions of distinct wording up to the limit
    (copies of a question would give away each other's answers, which the reader refuses)."""
    text = quiz.read_text(encoding="utf-8")
    head, _, body = text.partition("\nquestions:\n")
    body = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))
    questions = re.split(r"\n(?=  - id: )", body.strip("\n"))
    for number in range(len(questions), QUESTIONS):
        questions.append(
            f"  - id: scale-{number}\n    type: true-false\n    section: purpose\n"
            f"    prompt: Statement number {number} of the scale test is printed in the booklet.\n"
            f"    answer: {'true' if number % 2 else 'false'}\n"
            f"    explanation: Generated for the benchmark, number {number}.\n"
        )
    quiz.write_text(head + "\nquestions:\n" + "\n".join(questions) + "\n", encoding="utf-8")
