"""The booklet's Notes pages and page balancing in fewer layouts, byte for byte the booklet made in
turn (balanced without Notes pages, then again from the start with the Notes pages that needs)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BUILT_ON, ROOT
from generator.artefacts import padding
from generator.artefacts.base import BuildContext
from generator.content.reader import load_pack

DEFAULT_PACK = ROOT / "content" / "social-media"


@pytest.fixture(scope="module")
def default_booklet():
    """The default pack's booklet as _in_turn makes it: it needs a balancing rule and 1 Notes page."""
    context = BuildContext(load_pack(DEFAULT_PACK), DEFAULT_PACK, dt.date.fromisoformat(BUILT_ON))
    html_for, lay_out = padding.booklet_layouts(context)
    in_turn = padding._in_turn(html_for, lay_out)
    assert (in_turn.notes_pages, in_turn.html.count("<style>#")) == (1, 1)
    return html_for, lay_out, in_turn


@pytest.mark.slow
@pytest.mark.parametrize("hint", [0, 1, 2])  # a cold build; the last build's count; a wrong count
def test_a_booklet_needing_a_rule_and_notes_pages_is_laid_out_twice_and_is_the_same(default_booklet, hint):
    html_for, lay_out, in_turn = default_booklet
    laid_out: list[str] = []

    def counted(html: str):
        laid_out.append(html)
        return lay_out(html)

    padded = padding.pad_to_four(html_for, counted, hint=hint)
    assert (padded.pdf.data, padded.html, padded.notes_pages, padded.unpadded_pages) == (
        in_turn.pdf.data,
        in_turn.html,
        in_turn.notes_pages,
        in_turn.unpadded_pages,
    )
    assert len(laid_out) == 2  # was 4 cold, 2 with the right count and 6 with a wrong one
