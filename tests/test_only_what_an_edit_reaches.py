"""Only what an edit reaches (issue 31 item 3): the cards and the quiz read only the sections their
files cite, the quiz key only the booklet pages its answers are on, and what the cache gives back
is byte for byte what a cold build makes."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import BUILT_ON, edit
from generator.artefacts.base import BookletPages, Output
from generator.artefacts.registry import BY_NAME, OPTIONS
from generator.content.reader import load_pack
from generator.paths import TEMPLATES
from generator.pipeline import inputs

EXTRA = """kind: prose
title: About this pack
body:
  - This pack was put together for the zebra sessions run in the autumn.
"""
EDITED = ("zebra", "otter")  # one word for another as long: no line or page moves
CARDS = {"cards", "cards_print"}
QUIZ = {"quiz", "quiz_key", "quiz_moodle", "quiz_gift"}


@pytest.fixture
def extra_pack(pack_copy) -> Path:
    """The default pack with a last section that no card and no question cites."""
    (pack_copy / "sections" / "about-this-pack.yaml").write_text(EXTRA, encoding="utf-8")
    edit(pack_copy / "pack.yaml", "  - lga-checklist.yaml\n", "  - lga-checklist.yaml\n  - about-this-pack.yaml\n")
    return pack_copy


def _sources(pack_dir: Path, templates: Path = TEMPLATES) -> inputs.Sources:
    pack = load_pack(pack_dir)
    options = {name: 1 for name in OPTIONS}
    return inputs.sources(inputs.content_digests(pack_dir, pack), templates, options, pack_dir, [pack])


def _keys(sources: inputs.Sources) -> dict[str, str]:
    return {name: sources.for_module(name).key for name in BY_NAME}


def test_the_cards_and_the_quiz_read_only_the_sections_their_files_cite(extra_pack):
    sources = _sources(extra_pack)
    read = {name: set(sources.for_module(name).content) for name in BY_NAME}
    extra, purpose, legal = "sections/about-this-pack.yaml", "sections/purpose.yaml", "sections/legal-issues.yaml"
    for name in ("booklet", "appendix", "handout", "print_booklet", "large_print", "web"):
        assert {extra, purpose, legal} <= read[name], name
    for name in CARDS:  # cards.yaml takes lines from: the legal issues and the LGA checklist
        assert {legal, "sections/lga-checklist.yaml", "pack.yaml", "cards.yaml"} <= read[name]
        assert extra not in read[name] and purpose not in read[name]
    for name in QUIZ:  # its questions cite every section but the new one
        assert {legal, purpose, "pack.yaml", "quiz.yaml"} <= read[name] and extra not in read[name]


def test_an_edit_to_a_section_no_card_or_question_cites_changes_the_keys_of_the_rest_only(extra_pack):
    before = _keys(_sources(extra_pack))
    edit(extra_pack / "sections" / "about-this-pack.yaml", *EDITED)
    after = _keys(_sources(extra_pack))
    changed = {name for name in BY_NAME if before[name] != after[name]}
    # the booklet and its print files (the flip booklet among them, for a pack in two languages)
    assert changed == {"booklet", "appendix", "handout", "print_booklet", "bilingual_booklet", "large_print", "web"}
    edit(extra_pack / "sections" / "legal-issues.yaml", "Defamation", "Defamation law")
    again = _keys(_sources(extra_pack))
    assert {name for name in BY_NAME if again[name] != after[name]} == set(BY_NAME)  # cited by both


def test_a_council_template_in_use_makes_the_cards_read_every_section(extra_pack, tmp_path):
    """A council's own template may print any section: then the cache cannot know which it reads."""
    council = tmp_path / "templates"
    (council / "parts").mkdir(parents=True)
    shutil.copy(TEMPLATES / "parts" / "branding.html.j2", council / "parts" / "branding.html.j2")
    sources = _sources(extra_pack, council)
    assert "sections/about-this-pack.yaml" in sources.for_module("cards").content
    assert "sections/about-this-pack.yaml" not in _sources(extra_pack).for_module("cards").content


def _booklet(data: bytes, **moved: int) -> Output:
    """A booklet as the key receives it: its bytes and its page map."""
    first = {"purpose": 2, "purpose--3": 2, "legal-issues": 5, "legal-issues--2": 6, "about-this-pack": 9} | moved
    return Output("booklet", "booklet.pdf", data, 10, handoff=BookletPages(first, dict(first)))


def test_the_key_reads_the_pages_of_its_answers_not_the_booklets_bytes(extra_pack):
    """The print files are made from the booklet's bytes; the key prints only the pages of what its
    questions cite (a named item, or a section its generate: entries draw from)."""
    sources = _sources(extra_pack)

    def key(module: str, booklet: Output) -> str:
        return sources.for_module(module).after({"booklet.pdf": booklet}).key

    same = key("quiz_key", _booklet(b"one"))
    assert key("quiz_key", _booklet(b"two")) == same  # other bytes, the same pages
    assert key("quiz_key", _booklet(b"two", **{"about-this-pack": 10})) == same  # an uncited section moved
    assert key("quiz_key", _booklet(b"two", **{"purpose--3": 3})) != same  # a cited item moved
    assert key("quiz_key", _booklet(b"two", **{"legal-issues--2": 7})) != same  # in a section drawn from
    assert key("print_booklet", _booklet(b"one")) != key("print_booklet", _booklet(b"two"))
    recorded = sources.for_module("quiz_key").after({"booklet.pdf": _booklet(b"one")}).as_manifest()
    assert set(recorded["after"]) == {"booklet.pdf#pages"}


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow  # three whole builds
def test_a_section_edit_renders_only_what_reads_it_and_the_cache_gives_a_cold_builds_bytes(extra_pack, tmp_path):
    from generator.pipeline.build import BuildRequest, build

    as_of = dt.date.fromisoformat(BUILT_ON)
    build(BuildRequest(extra_pack, out_root=tmp_path / "warm", as_of=as_of))
    edit(extra_pack / "sections" / "about-this-pack.yaml", *EDITED)
    warm = build(BuildRequest(extra_pack, out_root=tmp_path / "warm", as_of=as_of))
    assert set(warm.rendered) == {
        "booklet",
        "appendix",
        "booklet-large",
        "handout",
        "web",
        "booklet-imposed",
        "booklet-print",
    }
    cold = build(BuildRequest(extra_pack, out_root=tmp_path / "cold", as_of=as_of, force=True))
    assert {"cards-sheet", "quiz-key", "quiz-gift"} <= set(cold.rendered)
    assert _files(warm.out_dir) == _files(cold.out_dir)
