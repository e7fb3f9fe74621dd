"""A twin laid over the file it translates: the same shape, its own text.

A twin (`sections/purpose.cy.yaml`) has the blocks, items, tips, questions and cards of its
source (`sections/purpose.yaml`) in the same order with the same ids; its text is translated.
Non-text values (ids, kinds, dates, versions, `section`, `item`, an `answer` among options)
come from the source: a twin may leave them out, and if it repeats them they must be equal.
Every difference of shape is a problem naming both files and lines.
"""

from __future__ import annotations

from typing import Any

from generator.content.yamlio import YamlFile
from generator.errors import Problem

RECORD_KEY = "translated_from"  # written by packgen translate: the source wording of each block
# Keys whose value is not text to translate. A list under one of these is not text either.
NOT_TEXT = {
    "id",
    "kind",
    "type",
    "version",
    "issued",
    "review_due",
    "status",
    "url",
    "date",
    "file",
    "languages",
    "sections",
    "section",
    "also_in",
    "item",
    "points",
    "answer_grid",
    "count",
    "lines",  # a scenario's writing lines; a card's `lines:` is a list, and its items are text
    "qr",
    "columns",
    "from",
    "only",
}
NOT_TEXT_LISTS = {"languages", "sections", "section", "also_in", "item", "answer"}
BLOCK_KEYS = ("list", "lettered", "subheading")
MISSING = object()


def is_text(path: tuple, parent: dict | None = None) -> bool:
    """Whether the scalar at `path` is text to translate (`parent`: the mapping holding it, if any)."""
    if path and isinstance(path[-1], int):
        keys = [part for part in path if isinstance(part, str)]
        return not keys or keys[-1] not in NOT_TEXT_LISTS
    key = path[-1] if path else None
    if key == "answer" and parent is not None:  # among options it is a position; true-false is not text
        return "options" not in parent and parent.get("type") != "true-false"
    return key not in NOT_TEXT


def texts(data: Any, path: tuple = (), parent: dict | None = None):
    """Every (path, text) to translate in `data`, in reading order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key != RECORD_KEY and not (isinstance(value, str) and not is_text(path + (key,), data)):
                yield from texts(value, path + (key,), data)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, path + (index,), None)
    elif isinstance(data, str) and is_text(path, parent):
        yield path, data


def name_of(path: tuple) -> str:
    """A location as messages say it: "item 2 of body", "title"."""
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        return f"item {path[-1] + 1} of {name_of(path[:-1])}"
    return str(path[-1])


def _shape(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in BLOCK_KEYS:
        return f"a {next(iter(value))}:"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return "text" if value is not None else "empty"


class Overlay:
    """Lay `twin` over `source`, collecting every difference of shape in `problems`."""

    def __init__(self, source: YamlFile, twin: YamlFile, problems: list[Problem], extra_keys: tuple = ()):
        self.source, self.twin, self.problems, self.extra_keys = source, twin, problems, extra_keys

    def merged(self) -> YamlFile:
        """The twin's text in the source's shape, located in the twin (values it leaves out at their
        nearest enclosing line there)."""
        twin_data = self.twin.data
        if isinstance(twin_data, dict):
            twin_data = {key: value for key, value in twin_data.items() if key != RECORD_KEY}
        data = self._walk(self.source.data, twin_data, (), None, None)
        if isinstance(data, dict) and isinstance(twin_data, dict):  # e.g. a council's name, translated
            data |= {key: twin_data[key] for key in self.extra_keys if key in twin_data and key not in data}
        return YamlFile(self.twin.path, data, dict(self.twin.lines))

    def _problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.twin.path, self.twin.line_of(path), message))

    def _at(self, path: tuple) -> str:
        return f"{self.source.path}:{self.source.line_of(path)}"

    def _walk(self, s: Any, t: Any, path: tuple, s_parent: dict | None, t_parent: dict | None) -> Any:
        if isinstance(s, dict):
            return self._mapping(s, t, path)
        if isinstance(s, list):
            return self._list(s, t, path)
        if s is None or not is_text(path, s_parent):
            if t is not MISSING and t != s:
                self._problem(
                    path,
                    f'{name_of(path)} is "{t}" but {self._at(path)} has "{s}"; it is not text to translate, '
                    "so write it the same (or leave it out)",
                )
            return s
        if t is MISSING or t is None:
            self._problem(path, f"{name_of(path)} is missing; {self._at(path)} has it: write its translation here")
            return s
        if not isinstance(t, str):
            self._problem(path, f"{name_of(path)} is {_shape(t)} but {self._at(path)} has text there; {SAME_SHAPE}")
            return s
        return t

    def _mapping(self, s: dict, t: Any, path: tuple) -> dict:
        if t is MISSING:
            if any(True for _ in texts(s, path)):
                self._problem(path, f"{name_of(path)} is missing; {self._at(path)} has it: write its translation here")
            return s
        if not isinstance(t, dict) or (_shape(s) != _shape(t) and _shape(s).endswith(":")):
            self._problem(path, f"{name_of(path)} is {_shape(t)} but {self._at(path)} has {_shape(s)}; {SAME_SHAPE}")
            return s
        for key in t:
            if key not in s and not (not path and key in self.extra_keys):
                self._problem(
                    path + (key,), f"'{key}' is not in {self._at(path)}; {SAME_SHAPE}: remove it here or add it there"
                )
        merged = {}
        for key, value in s.items():
            twin_value = t.get(key, MISSING)
            if key == "answer" and "options" in s:
                merged[key] = self._answer(s, t, path)
            else:
                merged[key] = self._walk(value, twin_value, path + (key,), s, t)
        return merged

    def _list(self, s: list, t: Any, path: tuple) -> list:
        if t is MISSING:
            if any(True for _ in texts(s, path)):
                self._problem(path, f"{name_of(path)} is missing; {self._at(path)} has it: write its translation here")
            return s
        if not isinstance(t, list):
            self._problem(path, f"{name_of(path)} is {_shape(t)} but {self._at(path)} has {_shape(s)}; {SAME_SHAPE}")
            return s
        if len(t) != len(s):
            self._problem(
                path,
                f"{name_of(path)} has {len(t)} entries but {self._at(path)} has {len(s)}; {SAME_SHAPE}",
            )
            return s
        return [self._walk(a, b, path + (i,), None, None) for i, (a, b) in enumerate(zip(s, t))]

    def _answer(self, s: dict, t: dict, path: tuple) -> Any:
        """An answer among options is the option at the same place in the twin's options."""
        options, answer = s.get("options"), s.get("answer")
        twin_options = t.get("options")
        if not isinstance(options, list) or not isinstance(twin_options, list) or len(options) != len(twin_options):
            return answer  # the options' own difference is reported
        answers = answer if isinstance(answer, list) else [answer]
        if any(a not in options for a in answers):
            return answer  # the source's own problem, reported by the reader
        expected = [twin_options[options.index(a)] for a in answers]
        given = t.get("answer", MISSING)
        if given is not MISSING and (given if isinstance(given, list) else [given]) != expected:
            places = ", ".join(str(options.index(a) + 1) for a in answers)
            self._problem(
                path + ("answer",),
                f"answer should be option {places} of the options here, as at {self._at(path + ('answer',))}: "
                f'write "{expected[0]}" (or leave answer out: it is taken from the options)',
            )
        return expected if isinstance(answer, list) else expected[0]


SAME_SHAPE = "a twin has the same blocks, items and keys as the file it translates, in the same order"
