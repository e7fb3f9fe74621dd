"""The items of a section a quiz question can point at, and their anchors in the booklet.

An item is one thing printed in the booklet: a paragraph or list entry of a prose section,
a numbered entry of a list section, a tip, a pro or a con, or a section's introduction.
Its key is what quiz.yaml writes after `item:`, and its anchor is the id the booklet's
section templates give its element, so the key can print the page the item is on.

Keys, by section kind (numbers count from 1, as a card's `item:` does):
- prose: 1, 2, ... every paragraph and list entry in order (subheadings are not counted)
- responsibilities: intro, 1, 2, ...     - legal-issues: intro, 1, 2, ..., outro
- checklist: intro, 1, 2, ... (the tips) - pros-and-cons: intro, pros 1, ..., cons 1, ...

A question on several sections (`section: [a, b]`) names another section's item with the
section's id first: `item: [3, b 2]` is item 3 of a and item 2 of b (see place_of).
"""

from __future__ import annotations


def items_of(section) -> dict[str, str]:
    """{key: the words printed for it}, in the order the booklet prints them."""
    items: dict[str, str] = {}
    if section.kind == "prose":
        entries = []
        for block in section.body:
            if block.type == "paragraph":
                entries.append(block.text)
            elif block.type in ("list", "lettered"):
                entries += block.items
        return {str(n): text for n, text in enumerate(entries, start=1)}
    if getattr(section, "intro", None):
        items["intro"] = section.intro
    if section.kind == "pros-and-cons":
        items |= {f"pros {n}": text for n, text in enumerate(section.pros, start=1)}
        items |= {f"cons {n}": text for n, text in enumerate(section.cons, start=1)}
    elif section.kind == "checklist":
        items |= {str(n): f"{tip.title} {tip.text}" for n, tip in enumerate(section.tips, start=1)}
    else:
        listed = section.issues if section.kind == "legal-issues" else section.items
        items |= {str(n): text for n, text in enumerate(listed, start=1)}
    if getattr(section, "outro", None):
        items["outro"] = section.outro
    return items


def item_key(raw: object) -> str:
    """What was written after `item:` as a key: 3 -> "3", "Pros 2" -> "pros 2"."""
    return " ".join(str(raw).lower().split())


def place_of(key: str, sections: tuple[str, ...]) -> tuple[str, str]:
    """The section and key of an `item:` of a question on several sections: "tips 2" is item 2
    of the listed section `tips`; a key that names no listed section is the first section's."""
    head, _, rest = key.partition(" ")
    return (head, rest) if rest and head in sections else (sections[0], key)


def anchor(section_id: str, key: str) -> str:
    """The element id the booklet gives an item: "legal-issues--3", "pros-and-cons--cons-2"."""
    return f"{section_id}--{key.replace(' ', '-')}"


def describe_keys(section) -> str:
    """The keys `section` has, shortly, for a message: "1 to 9, intro or outro"."""
    keys = list(items_of(section))
    numbers = [k for k in keys if k.isdigit()]
    named = [k for k in keys if not k.isdigit()]
    parts = [f"1 to {len(numbers)}"] if numbers else []
    for side in ("pros", "cons"):
        count = sum(k.startswith(side + " ") for k in named)
        if count:
            parts.append(f"{side} 1 to {side} {count}")
    parts += [k for k in named if k in ("intro", "outro")]
    return ", ".join(parts[:-1]) + " or " + parts[-1] if len(parts) > 1 else parts[0]
