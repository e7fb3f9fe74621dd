"""A plain-English summary of what changed between two versions of a pack, for a committee report.

A pack in two languages is compared in its source language (the English its twins translate),
and every twin block out of step in the newer version gets a line under "Translations".
"""

from __future__ import annotations

import difflib
import io
import re
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from generator.clock import uk_date
from generator.content.languages import language_name, source_language
from generator.content.model import Pack
from generator.content.quiz.bank import Scenario
from generator.content.reader import load_pack
from generator.errors import PackgenError

PACK_FACTS = (
    ("version", "Version"),
    ("status", "Status"),
    ("issued", "Issue date"),
    ("review_due", "Review date"),
    ("owner", "Owner"),
    ("approved_by", "Approved by"),
    ("title", "Title"),
    ("organisation", "Organisation"),
    ("contact", "Contact line"),
    ("url", "Web address"),
)


def describe_changes(old: Pack, new: Pack) -> list[str]:
    """One sentence per change, in the order a reader of the guidance would meet them."""
    return [line for _, lines in change_groups(old, new) for line in lines] or ["No changes to the content."]


def load_version(folder: Path) -> Pack:
    """A version of the pack to compare: in its source language, the one its twins translate."""
    pack = load_pack(folder)
    source = source_language(pack.languages)
    return pack if pack.language == source else load_pack(folder, source)


def change_groups(old: Pack, new: Pack) -> list[tuple[str, list[str]]]:
    """The changes under the headings of a committee report; a heading with no changes is left out."""
    groups = [
        (
            "Pack details",
            [
                _fact_change(label, getattr(old, key), getattr(new, key))
                for key, label in PACK_FACTS
                if getattr(old, key) != getattr(new, key)
            ]
            + _languages_change(old, new),
        ),
        ("Version history", [_history_entry(entry) for entry in new.history if entry not in old.history]),
        ("Sections", _section_changes(old, new)),
        ("Quiz questions", _collection_changes("quiz question", _questions(old), _questions(new))),
        ("Pocket cards", _collection_changes("pocket card", _cards(old), _cards(new))),
        ("Translations", [str(problem) for problem in new.translation_drift]),  # twins behind their source
    ]
    return [(heading, lines) for heading, lines in groups if lines]


def markdown_report(old: Pack, new: Pack) -> str:
    """The changes as a Markdown report: a heading, the versions compared, then a list per heading."""
    parts = [
        f"# Changes to {_markdown(new.title)}",
        f"From version {_markdown(old.version)} (issued {uk_date(old.issued)}) "
        f"to version {_markdown(new.version)} (issued {uk_date(new.issued)}).",
    ]
    for heading, lines in change_groups(old, new) or [("Changes", ["No changes to the content."])]:
        parts.append(f"## {heading}\n\n" + "\n".join(f"- {_markdown(line)}" for line in lines))
    return "\n\n".join(parts) + "\n"


def _markdown(text: str) -> str:
    """Content words shown as written, not read as Markdown emphasis, code or HTML."""
    return re.sub(r"([\\`*_<>#])", r"\\\1", text)


def _history_entry(entry) -> str:
    minute = f", minute {entry.minute}" if entry.minute else ""
    return (
        f"Version {entry.version} added to the history ({uk_date(entry.date)}, approved by "
        f'{entry.approved_by}{minute}): "{entry.changes}"'
    )


def _fact_change(label: str, before, after) -> str:
    def show(value) -> str:
        return "(none)" if value is None else uk_date(value) if hasattr(value, "isoformat") else f'"{value}"'

    return f"{label} changed from {show(before)} to {show(after)}."


def _languages_change(old: Pack, new: Pack) -> list[str]:
    def names(pack: Pack) -> str:
        return " and ".join(language_name(code) for code in pack.languages)

    return [f"Languages changed from {names(old)} to {names(new)}."] if old.languages != new.languages else []


def _section_changes(old: Pack, new: Pack) -> list[str]:
    before = {s.id: s for s in old.sections}
    after = {s.id: s for s in new.sections}
    lines = [f'Section added: "{s.title}".' for s in new.sections if s.id not in before]
    lines += [f'Section removed: "{s.title}".' for s in old.sections if s.id not in after]
    for section in new.sections:
        previous = before.get(section.id)
        if previous is None or previous == section:
            continue
        if previous.title != section.title:
            lines.append(f'Section "{previous.title}" renamed to "{section.title}".')
        lines += _text_changes(section.title, _texts(previous), _texts(section))
    kept_order = [s.id for s in old.sections if s.id in after]
    if kept_order != [s.id for s in new.sections if s.id in before]:
        lines.append("The sections are in a different order.")
    return lines


def _texts(section) -> list[str]:
    """Every paragraph, item and tip of a section as plain sentences."""
    data = section.model_dump(exclude={"id", "kind", "title"})
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            if value not in ("paragraph", "list", "lettered", "subheading"):
                found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(data)
    return found


def _text_changes(title: str, before: list[str], after: list[str]) -> list[str]:
    added = [t for t in after if t not in before]
    removed = [t for t in before if t not in after]
    lines = []
    for old_text, new_text in _reworded(removed, added):
        removed.remove(old_text)
        added.remove(new_text)
        lines.append(f'In "{title}", changed: "{_marked_words(old_text, new_text)}"')
    lines += [f'In "{title}", added: "{_short(t)}"' for t in added]
    lines += [f'In "{title}", removed: "{_short(t)}"' for t in removed]
    if not lines:
        lines.append(f'In "{title}", the same points are in a different order.')
    return lines


def _reworded(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Pairs (old, new) of a paragraph or item reworded rather than replaced: most words kept."""
    pairs, unpaired = [], list(added)
    for old_text in removed:
        scored = [(_similarity(old_text, new_text), new_text) for new_text in unpaired]
        score, new_text = max(scored, default=(0.0, ""))
        if score >= 0.5:
            pairs.append((old_text, new_text))
            unpaired.remove(new_text)
    return pairs


def _similarity(before: str, after: str) -> float:
    return difflib.SequenceMatcher(None, before.split(), after.split(), autojunk=False).ratio()


def _marked_words(before: str, after: str) -> str:
    """The new wording with the words that changed marked: [removed: ...] and [added: ...]."""
    old_words, new_words = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    shown = ""
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(new_words[j1:j2])
            shown += (" " if shown.endswith("]") and text[0].isalnum() else "") + text
            continue
        marks = [
            f"[{label}: {''.join(words).strip()}]"
            for label, words in (("removed", old_words[i1:i2]), ("added", new_words[j1:j2]))
            if words
        ]
        shown += (" " if shown and not shown.endswith(" ") else "") + " ".join(marks)
    return shown.strip()


def _words(text: str) -> list[str]:
    """Words and punctuation marks, each with the space before it, so a changed full stop is not a changed word."""
    return re.findall(r"\s*(?:[\w'’-]+|[^\w\s])", text)


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _questions(pack: Pack) -> dict[str, tuple[str, dict]]:
    """Each question by id: how to name it, and everything about it (so a changed answer shows)."""
    questions = pack.quiz.questions if pack.quiz else ()
    return {q.id: (q.situation if isinstance(q, Scenario) else q.prompt, q.model_dump()) for q in questions}


def _cards(pack: Pack) -> dict[str, tuple[str, dict]]:
    """Each card by title, compared by its words (not the cards.yaml lines they sit on)."""
    cards = pack.cards.cards if pack.cards else ()
    return {
        c.title: (
            c.title,
            c.model_dump(exclude={"line": True, "front": {"line", "lines"}, "back": {"line", "lines"}})
            | {"words": [line.text for face in (c.front, c.back) for line in face.lines]},
        )
        for c in cards
    }


def _collection_changes(noun: str, before: dict, after: dict) -> list[str]:
    """Items keyed by id, each (how to name it, what to compare)."""
    noun = noun.capitalize()
    lines = [f'{noun} added: "{_short(after[k][0])}".' for k in after if k not in before]
    lines += [f'{noun} removed: "{_short(before[k][0])}".' for k in before if k not in after]
    lines += [f'{noun} changed: "{_short(after[k][0])}".' for k in after if k in before and before[k] != after[k]]
    return lines


@contextmanager
def pack_at_version(folder: Path, version: str):
    """The pack folder as it was, in git, at the newest commit whose pack.yaml had `version`."""
    folder = Path(folder).resolve()
    commit = _commit_with_version(folder, version)
    archive = _git(folder, "archive", "--format=tar", commit, ".")
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / folder.name
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter=_files_and_folders)
        yield target


def _files_and_folders(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """Links are left out of an old version (packgen reads no content through a link out of the
    pack), so one pointing outside cannot stop the comparison."""
    return tarfile.data_filter(member, path) if member.isfile() or member.isdir() else None


VERSION_LINE = re.compile(r"""^version:\s*(["']?)(?P<version>[^\s"'#]+)\1\s*(#.*)?$""", re.M)


def _commit_with_version(folder: Path, version: str) -> str:
    """The newest commit at which the pack was at `version`: its last state before the next version,
    quiz and cards included (not merely the last commit that changed pack.yaml)."""
    for commit in _git(folder, "log", "--format=%H", "--", ".").decode().split():
        try:
            text = _git(folder, "show", f"{commit}:./pack.yaml").decode("utf-8", "replace")
        except PackgenError:  # a commit from before the pack had its pack.yaml
            continue
        match = VERSION_LINE.search(text)
        if match and match["version"] == version:
            return commit
    raise PackgenError(
        f"version {version} was not archived (packgen archive) and no commit in git history has it in "
        f"{folder / 'pack.yaml'}; compare two folders instead: packgen diff OLD_FOLDER NEW_FOLDER"
    )


def _git(folder: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or str(error).encode()
        if isinstance(error, OSError) or b"not a git repository" in detail:  # no git, or the pack is not in one
            raise PackgenError(
                f"that version of {folder.name} was not archived and {folder} is not in a git repository, so "
                "there is no copy of it to compare with; from now on keep each approved version with "
                "packgen archive PACK (or compare two folders: packgen diff OLD NEW)"
            ) from None
        raise PackgenError(
            f"git could not read the history of {folder}: {detail.decode(errors='replace').strip()}"
        ) from None
