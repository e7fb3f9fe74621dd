"""Every kind of section has every part it needs, and reaches every artefact.

Walks content.model.SECTION_MODELS (the one list of kinds): a kind added without its template
or its handout writer fails here by name, not as a KeyError inside a renderer process.
See "A new section kind" in docs/architecture.md.
"""

from __future__ import annotations

import re
import typing

import pytest
from docx import Document

from conftest import DEFAULT_PACK, pdf_page_texts
from generator.artefacts import handout
from generator.content import cards_model
from generator.content import model
from generator.content.quiz import generate as quiz_generate
from generator.content.reader import load_pack
from generator.html.templating import TEMPLATES

KINDS = list(model.SECTION_MODELS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_its_model_template_and_handout_writer(kind):
    section_model = model.SECTION_MODELS[kind]
    assert typing.get_args(section_model.model_fields["kind"].annotation) == (kind,), (
        f"{section_model.__name__} should have kind: Literal[{kind!r}]"
    )
    assert (TEMPLATES / "sections" / f"{kind}.html.j2").is_file(), f"templates/sections/{kind}.html.j2 is missing"
    assert kind in handout.SECTION_WRITERS, f"generator/artefacts/handout.py has no writer for {kind} sections"


def test_the_lists_of_kinds_agree():
    """Every kind has a handout writer and nothing else; cards and generated questions name only
    kinds that exist. (Messages list model.SECTION_KINDS, made from the same dict: see
    test_content_errors.py for the message itself.)"""
    assert set(handout.SECTION_WRITERS) == set(KINDS)
    assert set(cards_model.ONLY) <= set(KINDS)
    assert set(quiz_generate.TYPES_BY_KIND) <= set(KINDS)
    assert {kind for kind, _ in quiz_generate.MOST} <= set(KINDS)


def test_the_default_pack_has_a_section_of_every_kind():
    """So the shared build below walks every kind through every artefact."""
    assert {section.kind for section in load_pack(DEFAULT_PACK).sections} == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reaches_the_booklet_the_appendix_and_the_handout(default_build, kind):
    pack = load_pack(DEFAULT_PACK)
    titles = [section.title for section in pack.sections if section.kind == kind]
    booklet = " ".join(pdf_page_texts(default_build / "booklet.pdf"))
    appendix = " ".join(pdf_page_texts(default_build / "appendix.pdf"))
    headings = [
        p.text for p in Document(default_build / "handout.docx").paragraphs if re.match(r"Heading \d", p.style.name)
    ]
    for title in titles:
        assert title in booklet and title in appendix, title
        assert title in headings, title
