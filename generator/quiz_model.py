"""The quiz question bank (quiz.yaml): STUB, to be written with the quiz issue."""
from __future__ import annotations

from pathlib import Path

from generator.errors import Problem
from generator.model import Model

QUIZ_FILE = "quiz.yaml"


class QuizBank(Model):
    questions: tuple = ()


def load_quiz(folder: Path, pack, problems: list[Problem]) -> QuizBank | None:
    """Read and validate folder/quiz.yaml against the already-validated `pack`; None if absent or wrong."""
    return None
