"""Property: whatever text an officer types into any field, every artefact builds or the build
is refused with `path:line:` lines. Never a traceback, never a half-written pack."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_PACK, edit, run_cli

pytestmark = pytest.mark.slow  # every test here runs builds of its own

# (file, the exact text of a value in the default pack, how to write a new value there)
FIELDS = [
    ("pack.yaml", "title: Social media guidance for councillors", "title: {}"),
    ("pack.yaml", "organisation: Milton Keynes Council", "organisation: {}"),
    ("pack.yaml", "owner: Monitoring Officer", "owner: {}"),
    ("pack.yaml", "\napproved_by: Standards Committee\n", "\napproved_by: {}\n"),
    ("pack.yaml", "audience: Councillors and co-opted members of Milton Keynes Council", "audience: {}"),
    ("sections/legal-issues.yaml", "  - Copyright\n", "  - {}\n"),
    ("sections/legal-issues.yaml", "title: Potential legal issues", "title: {}"),
    ("sections/code-of-conduct.yaml", "title: The Code of Conduct", "title: {}"),
    ("sections/general-responsibilities.yaml", "kind: responsibilities\n", "kind: responsibilities\nintro: {}\n"),
    ("sections/lga-checklist.yaml", "  - title: Enjoy it", "  - title: {}"),
]
PROBLEM_LINE = re.compile(r"^\S+\.yaml:\d+: .+")

text = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        "",
        " ",
        "NO",
        "1.10",
        "~",
        "null",
        "- x",
        "a: b",
        "#",
        "{{ 7*7 }}",
        "<script>x</script>",
        "\u200f\u202e",
        "x" * 2000,
        "😀" * 50,
        "\\",
        "'",
        '"',
        "\t",
        "\x0b",
        "\ud800",
    ]
)


# The same draws on every run (derandomize), so CI cannot fail on a draw nobody has seen; the
# examples are the draws that once failed: a title too long for the one-sheet printing
# instructions, and a list item too long for the card that shows it.
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(field=st.sampled_from(FIELDS), value=text)
@example(field=FIELDS[0], value="x" * 2000)
@example(field=FIELDS[5], value="x" * 2000)
def test_any_text_in_any_field_builds_or_is_refused_with_path_and_line(field, value):
    file, old, new = field
    with tempfile.TemporaryDirectory() as scratch:
        pack = Path(shutil.copytree(DEFAULT_PACK, Path(scratch) / "social-media"))
        edit(pack / file, old, new.format(json.dumps(value)))  # a JSON string is a YAML double-quoted one
        out = Path(scratch) / "out"
        result = run_cli("build", pack, "--out", out, "--as-of", "2021-06-01")
        assert result.exit_code in (0, 1), (value, result.output, result.exception)
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            lines = result.output.strip().splitlines()
            assert lines[-1].endswith("in the content; nothing was written.")
            assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), lines
            assert not out.exists()
        else:
            manifest = json.loads((out / "social-media" / "manifest.json").read_text())
            assert {entry["kind"] for entry in manifest["artefacts"]} >= {"booklet", "appendix"}
