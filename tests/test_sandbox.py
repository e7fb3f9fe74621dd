"""A council's templates get plain data only: no route to the file system, to Python's internals
or out of the templates folder (issue 23, item 1).

Each escape is a council `templates/` folder beside council.yaml (docs/council.md) whose
branding part tries one way out; the build must stop with exit 3, name the template, leave the
target file as it was and write nothing. Then every object any template is handed, over full
builds and an induction, is walked through the attributes the sandbox allows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BUILT_ON, ROOT, run_cli, snapshot

EXAMPLE = ROOT / "examples" / "fenmarsh"
BRANDING = "parts/branding.html.j2"
SECRET = "packgen-sandbox-secret"


@pytest.fixture
def council(tmp_path) -> Path:
    """A copy of the Fenmarsh example (council.yaml, logo, fonts, one pack) to add templates to."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))


@pytest.fixture
def target(tmp_path) -> Path:
    """A file outside every folder packgen reads, which no template may read, change or delete."""
    path = tmp_path / "elsewhere" / "target.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def with_branding(council: Path, extra: str) -> Path:
    """The council's copy of the branding part: packgen's own, plus `extra`."""
    part = council / "templates" / BRANDING
    part.parent.mkdir(parents=True, exist_ok=True)
    own = (ROOT / "templates" / BRANDING).read_text(encoding="utf-8")
    part.write_text(own + extra + "\n", encoding="utf-8")
    return part


def refused_build(council: Path, out: Path, template: str = BRANDING):
    """Build the Fenmarsh booklet; it must fail as a template fault naming `template`, writing nothing."""
    result = run_cli("build", council / "meeting-rooms", "--out", out, "--as-of", BUILT_ON, "--only", "booklet")
    assert result.exit_code == 3, result.output
    assert result.output.startswith("Error: template ") and template in result.output
    assert "Traceback" not in result.output and SECRET not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert [p for p in snapshot(out) if not p.startswith(".")] == []
    return result


ESCAPES = {
    "read through council.file": '{{ pack.council.file("TARGET").read_text() }}',
    "write through council.file": '{{ pack.council.file("TARGET").write_text("changed") }}',
    "delete through council.file": '{{ pack.council.file("TARGET").unlink() }}',
    "read a council asset": "{% for a in pack.council.assets %}{{ a.read_bytes() | length }}{% endfor %}",
    "delete a council asset": "{% for a in pack.council.assets %}{{ a.unlink() }}{% endfor %}",
    "pydantic's parse_file": '{{ pack.parse_file("TARGET") }}',
    "pydantic's model_ methods": '{{ pack.model_validate_json("{}") }}',
    "pydantic's model_fields": "{{ pack.council.model_fields }}",
    "the class of a string": '{{ "".__class__.__mro__[1].__subclasses__() }}',
    "a record's class": "{{ pack.__class__ }}",
    "cycler's globals": "{{ cycler.__init__.__globals__ }}",
    "lipsum's globals": "{{ lipsum.__globals__ }}",
    "a string method's globals": '{{ "x".format.__globals__ }}',
    "a list changed in place": "{{ pack.sections | list | attr('append') }}",
}


@pytest.mark.slow
@pytest.mark.parametrize("escape", ESCAPES.values(), ids=list(ESCAPES))
def test_an_escape_from_the_sandbox_fails_the_build_and_touches_nothing(council, target, tmp_path, escape):
    with_branding(council, escape.replace("TARGET", str(target)))
    assets = snapshot(council)
    refused_build(council, tmp_path / "out")
    assert target.read_text(encoding="utf-8") == SECRET
    assert snapshot(council) == assets  # the logo and fonts are still there, unchanged


@pytest.mark.slow
def test_a_template_linked_to_a_file_outside_is_refused(council, target, tmp_path):
    with_branding(council, '{% include "parts/leak.j2" %}')
    (council / "templates" / "parts" / "leak.j2").symlink_to(target)
    result = refused_build(council, tmp_path / "out", template="parts/leak.j2")
    assert "link to a file outside the templates folder" in result.output


@pytest.mark.slow
def test_a_template_that_is_itself_a_link_out_is_refused(council, target, tmp_path):
    part = council / "templates" / BRANDING
    part.parent.mkdir(parents=True)
    part.symlink_to(target)
    refused_build(council, tmp_path / "out")


@pytest.mark.slow
def test_a_linked_folder_of_templates_is_refused(council, target, tmp_path):
    (target.parent / "branding.html.j2").write_text(SECRET, encoding="utf-8")
    (council / "templates").mkdir()
    (council / "templates" / "parts").symlink_to(target.parent, target_is_directory=True)
    refused_build(council, tmp_path / "out")


@pytest.mark.slow
def test_a_link_to_etc_hostname_is_refused(council, tmp_path):
    hostname = Path("/etc/hostname")
    if not hostname.is_file():
        pytest.skip("this machine has no /etc/hostname")
    with_branding(council, '{% include "parts/leak.j2" %}')
    (council / "templates" / "parts" / "leak.j2").symlink_to(hostname)
    refused_build(council, tmp_path / "out", template="parts/leak.j2")
