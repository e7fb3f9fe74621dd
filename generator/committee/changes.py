"""What changed in the guidance's own words, section by section, for the changes appendix.

Each section's text is a list of blocks (paragraphs, list items, tips, intros), compared in
order: a block kept is shown as it is, a block reworded (most of its words kept) is shown with
the words removed and added marked inside it, and any other block is shown as removed or added
whole. The same record feeds the PDF (templates/report/changes.html.j2, through
generator/committee/appendices.py) and the Word revisions (generator/committee/revisions.py),
so the two never disagree.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from generator.content.model import Pack

Mark = Literal["same", "added", "removed"]
REWORDED = 0.5  # a block keeping at least this share of its words is one block reworded


@dataclass(frozen=True)
class Piece:
    """A run of words in a block, kept, added or removed."""

    mark: Mark
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph or item: `mark` is "same" for a block kept or reworded (its pieces say which
    words changed), "added" or "removed" for a block new or gone as a whole."""

    mark: Mark
    pieces: tuple[Piece, ...]
    item: bool = False  # an item of a list (printed as one), not a paragraph

    @property
    def changed(self) -> bool:
        return self.mark != "same" or any(p.mark != "same" for p in self.pieces)


@dataclass(frozen=True)
class SectionChanges:
    """One section of either version. `mark`: "same" (its words unchanged: summarised by title),
    "changed", "added" or "removed". `old_title` is set when the section was renamed."""

    title: str
    mark: Literal["same", "changed", "added", "removed"]
    blocks: tuple[Block, ...] = ()
    old_title: str | None = None

    @property
    def runs(self) -> tuple[tuple[bool, tuple[Block, ...]], ...]:
        """The blocks in runs of paragraphs and runs of list items, each run as (is_list, blocks)."""
        found: list[tuple[bool, list[Block]]] = []
        for block in self.blocks:
            if found and found[-1][0] == block.item:
                found[-1][1].append(block)
            else:
                found.append((block.item, [block]))
        return tuple((item, tuple(blocks)) for item, blocks in found)


def section_changes(old: Pack, new: Pack) -> tuple[SectionChanges, ...]:
    """The new version's sections in its order, each removed section where it stood before."""
    after = {s.id for s in new.sections}
    before = {s.id: s for s in old.sections}
    found: list[SectionChanges] = []
    # a removed section goes after the section that preceded it in the old order
    removed_at: dict[str | None, list] = {}
    previous = None
    for section in old.sections:
        if section.id not in after:
            removed_at.setdefault(previous, []).append(section)
        else:
            previous = section.id
    for section in removed_at.get(None, []):
        found.append(_whole(section, "removed"))
    for section in new.sections:
        earlier = before.get(section.id)
        if earlier is None:
            found.append(_whole(section, "added"))
        else:
            blocks = compare_blocks(blocks_of(earlier), blocks_of(section))
            renamed = earlier.title if earlier.title != section.title else None
            changed = renamed or any(b.changed for b in blocks)
            found.append(SectionChanges(section.title, "changed" if changed else "same", blocks, renamed))
        for gone in removed_at.get(section.id, []):
            found.append(_whole(gone, "removed"))
    return tuple(found)


def _whole(section, mark: Mark) -> SectionChanges:
    blocks = tuple(Block(mark, (Piece(mark, text),), item) for text, item in blocks_of(section))
    return SectionChanges(section.title, mark, blocks)


LAYOUT_WORDS = ("paragraph", "list", "lettered", "subheading")  # a block's type, not its words


Text = tuple[str, bool]  # a block's words, and whether it is an item of a list


def blocks_of(section) -> list[Text]:
    """Every paragraph, item, tip and intro of a section, in reading order, as plain text: a
    string inside a list that is itself inside a mapping ({"list": [...]}, do/don't tips) is an
    item; a string directly in `body` or a field of its own is a paragraph."""
    found: list[Text] = []

    def walk(value, in_list: bool, depth: int):
        if isinstance(value, str):
            if value not in LAYOUT_WORDS:
                found.append((value, in_list and depth > 1))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, False, depth + 1)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, True, depth + 1)

    for field, value in section.model_dump(exclude={"id", "kind", "title"}).items():
        walk(value, False, 0 if field == "body" else 1)
    return found


def compare_blocks(before: list[Text], after: list[Text]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    old_words, new_words = [text for text, _ in before], [text for text, _ in after]
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [Block("same", (Piece("same", text),), item) for text, item in after[j1:j2]]
        else:
            blocks += _replaced(before[i1:i2], after[j1:j2])
    return tuple(blocks)


def _replaced(removed: list[Text], added: list[Text]) -> list[Block]:
    """Removed blocks before the added ones they stood in front of; a reworded one in its place."""
    blocks: list[Block] = []
    remaining = list(removed)
    for text, item in added:
        match = next((old for old in remaining if similarity(old[0], text) >= REWORDED), None)
        if match is None:
            blocks.append(Block("added", (Piece("added", text),), item))
            continue
        for old, old_item in remaining[: remaining.index(match)]:
            blocks.append(Block("removed", (Piece("removed", old),), old_item))
        remaining = remaining[remaining.index(match) + 1 :]
        blocks.append(Block("same", marked_words(match[0], text), item))
    blocks += [Block("removed", (Piece("removed", old),), old_item) for old, old_item in remaining]
    return blocks


def similarity(before: str, after: str) -> float:
    return difflib.SequenceMatcher(None, before.split(), after.split(), autojunk=False).ratio()


WORD = re.compile(r"\s*(?:[\w'’-]+|[^\w\s])")  # a word or a mark, with the space before it


def marked_words(before: str, after: str) -> tuple[Piece, ...]:
    """The new wording as pieces: words kept, removed (the old words) and added (the new)."""
    old_words, new_words = WORD.findall(before), WORD.findall(after)
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(new_words[j1:j2])))
    return tuple(_spaced(pieces))


def _spaced(pieces: list[Piece]) -> list[Piece]:
    """Each piece's leading space moved out of a mark into the piece before it: the underline or
    strike then covers words only, and the first piece starts with no space."""
    result: list[Piece] = []
    for piece in pieces:
        text = piece.text
        if piece.mark != "same" and text[:1].isspace():
            stripped = text.lstrip()
            result.append(Piece("same", text[: len(text) - len(stripped)]))
            text = stripped
        result.append(Piece(piece.mark, text))
    merged: list[Piece] = []
    for piece in result:
        if merged and merged[-1].mark == piece.mark:
            merged[-1] = Piece(piece.mark, merged[-1].text + piece.text)
        elif piece.text:
            merged.append(piece)
    if merged and merged[0].mark == "same":
        merged[0] = Piece("same", merged[0].text.lstrip())
    return merged
