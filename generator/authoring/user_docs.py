"""The user guides, shipped inside packgen, for `packgen help TOPIC`.

Installed from a wheel they are package data (generator/docs); in a clone of the repository
they are its docs/ folder. Every message, starter file and --help that points at a guide names
the command (`packgen help content`), which works wherever packgen is installed.
"""

from __future__ import annotations


from generator.paths import PACKAGE

DOCS = next((p for p in (PACKAGE / "docs", PACKAGE.parent / "docs") if p.is_dir()), PACKAGE / "docs")

# Each topic an officer may ask for, the guide that answers it, and one line saying what it covers.
TOPICS = {
    "content": ("content-format.md", "writing a pack: pack.yaml, sections, every message and its fix"),
    "quiz": ("quiz.md", "quiz.yaml, quiz sheets, answer keys and the Moodle exports"),
    "cards": ("cards.md", "cards.yaml and the pocket cards"),
    "council": ("council.md", "council.yaml: the council's name, logo, colours and fonts"),
    "induction": ("induction.md", "packgen induct: named booklets, certificates and sign-in sheets"),
    "printing": ("printing.md", "printing the booklet: imposed sheets and print-shop files"),
    "committee": ("committee.md", "packgen report: the covering report and appendices for a committee"),
    "preview": ("preview.md", "packgen serve: see the pack in the browser while you write it"),
    "welsh": ("welsh.md", "Welsh and bilingual packs: twins, translate, keeping the Welsh in step"),
}


class UnknownTopic(LookupError):
    pass


def topic_list() -> str:
    width = max(map(len, TOPICS))
    lines = [f"  {name:<{width}}  {summary}" for name, (_, summary) in TOPICS.items()]
    return "Guides (run packgen help TOPIC):\n" + "\n".join(lines)


def guide(topic: str) -> str:
    """The text of the guide on `topic` (any case), or UnknownTopic."""
    name = topic.strip().lower()
    if name not in TOPICS:
        raise UnknownTopic(topic)
    return (DOCS / TOPICS[name][0]).read_text(encoding="utf-8")
