"""Golden snapshots of the default pack's HTML (booklet, appendix, quiz sheet and key, cards): a diff in
review shows what a change did to the print.

After a deliberate change, refresh them with `make golden` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
REFRESH = os.environ.get("PACKGEN_REFRESH_GOLDEN") == "1"


def normalised(html: str) -> str:
    """Drop what differs between machines: the preview <base> and the build date."""
    html = re.sub(r'<base href="[^"]*">\n', "", html)
    return re.sub(r'(<meta name="dcterms\.(created|modified)" content=")[^"]*"', r'\1…"', html)


@pytest.mark.parametrize(
    "name",
    ["booklet.html", "appendix.html", "quiz-sheet-A.html", "quiz-key-A.html", "cards-sheet.html", "cards-print.html"],
)
def test_html_matches_the_golden_snapshot(default_build, name):
    actual = normalised((default_build / name).read_text(encoding="utf-8"))
    golden = GOLDEN / name
    if REFRESH:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no snapshot yet: run `make golden` to create {golden}"
    assert actual == golden.read_text(encoding="utf-8"), f"{name} changed: run `make golden` if that was intended"
