"""Spelling: words not in the dictionary of the pack's language, as warnings with file:line.

Checked with Hunspell and a real dictionary (Debian's hunspell and hunspell-en-gb; see
apt-packages.txt), run as a program so no Python binding is needed. A machine without them
gets one note that spelling was not checked, never a failure. Names and terms the dictionary
does not know go in the pack's word list, words.txt beside pack.yaml (one a line, # for notes);
the words of the council's name and owner are accepted without it.

Each file is checked in its language's dictionary: the untagged files in the pack's source
language, each twin (`sections/purpose.cy.yaml`) in its own, so no Welsh word is ever checked
against the English dictionary. Welsh is checked with a Hunspell Welsh dictionary (cy_GB, such
as the one LibreOffice uses) when one is installed; Debian has none. Debian's aspell-cy is not
used: measured on tests/packs/bilingual it marks today's standard spellings ("cymryd",
"cynghorydd", "Gymraeg") as mistakes, so without cy_GB the Welsh files get one note instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.content.languages import source_language, twin_languages, twin_path
from generator.content.sources import YamlProblems, shown
from generator.content.yamlio import YamlFile, read_yaml

WORD_LIST = "words.txt"
TIMEOUT_SECONDS = 60
# Keys whose values are not prose: names of files and sections, dates, codes, yes/no.
NOT_PROSE = {
    "kind", "version", "issued", "review_due", "date", "url", "file", "status", "section", "id", "type",
    "item", "from", "only", "columns", "qr", "count", "answer_grid", "sections", "minute", "generate",
    "languages", "translated_from",
}  # fmt: skip
# Welsh joins a pronoun or the article to a word with an apostrophe ("Mae'r", "sy'n", "i'w"):
# the dictionary is asked about the word without it.
WELSH_CLITIC = re.compile(r"(?<=\w)['’](?:r|n|i|w|m|th|ch|u)(?!\w)")
CONTENT_FILES = ("pack.yaml", "quiz.yaml", "cards.yaml")


@dataclass(frozen=True)
class Dictionary:
    name: str  # as messages say it: "the British English dictionary"
    command: tuple[str, ...]  # an ispell-compatible pipe: one ^line in, one result block out
    missing: str  # the note when it is not installed


LANGUAGES = {
    "en": Dictionary(
        "British English",
        ("hunspell", "-d", "en_GB", "-a"),
        "spelling was not checked: the British English dictionary is not installed "
        "(apt-get install hunspell hunspell-en-gb)",
    ),
    "cy": Dictionary(
        "Welsh",
        ("hunspell", "-d", "cy_GB", "-i", "utf-8", "-a"),
        "Welsh spelling not checked: no Hunspell Welsh dictionary (cy_GB) is installed",
    ),
}


@dataclass(frozen=True)
class Text:
    path: Path
    line: int  # where the value starts
    text: str


@dataclass(frozen=True)
class SpellingReport:
    warnings: list[str]
    note: str | None = None  # why spelling was not checked, if it was not


def check_spelling(
    folder: Path, section_ids: list[str], accepted: Sequence[str | None] = (), languages: tuple[str, ...] = ("en",)
) -> SpellingReport:
    """Every word of the pack's prose not in its language's dictionary, once each, at its first line
    (`languages`: pack.yaml's; each twin is checked in its own language)."""
    folder = Path(folder)
    texts = list(_pack_texts(folder, section_ids, languages))
    known = _word_list(folder) | {w for name in accepted for w in re.findall(r"[^\W\d_]+", name or "")}
    warnings, notes = [], []
    for code, dictionary in LANGUAGES.items():
        chosen = [t for language, t in texts if language == code]
        try:
            unknown = _unknown_words(dictionary, [_asked(t.text, code) for t in chosen])
        except DictionaryMissing as missing:
            notes.append(str(missing))
            continue
        warnings += _warnings(dictionary, chosen, unknown, known)
    return SpellingReport(warnings, "; ".join(notes) or None)


def _asked(text: str, code: str) -> str:
    """The text as the dictionary is asked about it: Welsh without its joined pronouns and articles."""
    return WELSH_CLITIC.sub("", text.replace("’", "'")) if code == "cy" else text


class DictionaryMissing(Exception):
    pass


def _unknown_words(dictionary: Dictionary, texts: list[str]) -> list[dict[str, list[str]]]:
    """For each text, the words the dictionary does not know, with its suggestions."""
    if not texts:
        return []
    missing = DictionaryMissing(dictionary.missing)
    if shutil.which(dictionary.command[0]) is None:
        raise missing
    lines = "".join("^" + " ".join(text.split()) + "\n" for text in texts)  # ^: never read as a command
    try:
        run = subprocess.run(
            dictionary.command, input=lines, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        raise missing from None
    if run.returncode != 0 or not run.stdout.startswith("@"):
        raise missing
    return _parse(run.stdout, len(texts))


def _parse(output: str, count: int) -> list[dict[str, list[str]]]:
    """ispell pipe output: a version line, then per input line one result line a word, and a blank."""
    blocks = output.split("\n", 1)[1].split("\n\n")
    results = []
    for block in blocks[:count]:
        found: dict[str, list[str]] = {}
        for line in block.splitlines():
            if line[:1] in ("&", "?"):
                head, _, suggestions = line.partition(": ")
                found[head.split()[1]] = [s.strip() for s in suggestions.split(",") if s.strip()]
            elif line[:1] == "#":
                found[line.split()[1]] = []
        results.append(found)
    return results + [{}] * (count - len(results))


def _warnings(dictionary, texts: list[Text], unknown: list[dict], known: set[str]) -> list[str]:
    warnings, reported = [], set()
    for text, words in zip(texts, unknown):
        for word, suggestions in words.items():
            if word in reported or _accepted(word, known) or any(c.isdigit() for c in word):
                continue
            reported.add(word)
            hint = f" (did you mean '{suggestions[0]}'?)" if suggestions else ""
            warnings.append(
                f"{shown(text.path)}:{_line_of_word(text, word)}: '{word}' is not in the {dictionary.name} "
                f"dictionary{hint}; correct it, or add it to {WORD_LIST} beside pack.yaml"
            )
    return warnings


def _accepted(word: str, known: set[str]) -> bool:
    return word in known or word.lower() in known or word.replace("’", "'") in known


def _line_of_word(text: Text, word: str) -> int:
    """The line the word is on: a long text runs over several lines of its file."""
    try:
        lines = text.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return text.line
    for number in range(text.line, len(lines) + 1):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lines[number - 1]):
            return number
    return text.line


def _word_list(folder: Path) -> set[str]:
    try:
        lines = (folder / WORD_LIST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


def _pack_texts(folder: Path, section_ids: list[str], languages: tuple[str, ...]):
    """(language, text) for each piece of prose in the content files and their twins."""
    names = [*CONTENT_FILES, *(f"sections/{sid}.yaml" for sid in section_ids)]
    files = [(source_language(languages), Path(name)) for name in names]
    files += [(code, twin_path(Path(name), code)) for code in twin_languages(languages) for name in names]
    for language, name in files:
        path = folder / name
        if not path.is_file():
            continue
        try:
            source = read_yaml(path, name.as_posix())
        except YamlProblems:
            continue  # the loader has passed it: a file changed meanwhile is for the next check
        yield from ((language, text) for text in _texts(source, path, source.data, ()))


def _texts(source: YamlFile, path: Path, value, location: tuple):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PROSE:
                yield from _texts(source, path, item, location + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(source, path, item, location + (index,))
    elif isinstance(value, str) and not re.fullmatch(r"\S*(://|@)\S*|[\w-]*\d[\w-]*", value):
        yield Text(path, source.line_of(location), value)
