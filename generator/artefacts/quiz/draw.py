"""`--quiz-questions N`: each version of the quiz draws its own N questions from the bank.

Every section is tested at least once when N allows (N at least the number of sections the
bank covers), and each version prefers the questions earlier versions left out, so Version 1
as a pre-course quiz and Version 2 as a post-course quiz share as few questions as the bank
allows. The draw depends only on the seed and the bank: the same seed gives the same sheets.
"""

from __future__ import annotations

import random


def draw_all(questions: list, count: int | None, versions: int, seed: int) -> list[list]:
    """The questions of each version, in bank order; all of them for every version when count is None."""
    if count is None or count >= len(questions):
        return [list(questions) for _ in range(versions)]
    used: dict[int, int] = {}  # position in the bank -> how many versions have drawn it so far
    draws = []
    for version in range(versions):
        rng = random.Random(f"{seed}-draw-{version}")
        chosen = _draw(questions, count, used, rng)
        for index in chosen:
            used[index] = used.get(index, 0) + 1
        draws.append([questions[index] for index in sorted(chosen)])
    return draws


def _draw(questions: list, count: int, used: dict[int, int], rng: random.Random) -> set[int]:
    by_section: dict[str, list[int]] = {}
    for index, question in enumerate(questions):
        by_section.setdefault(question.section, []).append(index)
    sections = list(by_section)
    rng.shuffle(sections)
    sections.sort(key=lambda s: min(used.get(i, 0) for i in by_section[s]))  # least tested first
    chosen = {_least_used(by_section[section], used, rng) for section in sections[:count]}
    rest = [i for i in range(len(questions)) if i not in chosen]
    while len(chosen) < count:
        pick = _least_used(rest, used, rng)
        chosen.add(pick)
        rest.remove(pick)
    return chosen


def _least_used(indexes: list[int], used: dict[int, int], rng: random.Random) -> int:
    fewest = min(used.get(i, 0) for i in indexes)
    return rng.choice([i for i in indexes if used.get(i, 0) == fewest])
