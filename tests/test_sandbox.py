"""A council's templates get plain data only: no route to the file system, to Python's internals
or out of the templates folder (issue 23, item 1).

Each escape is a council `templates/` folder beside council.yaml (docs/council.md) whose
branding part tries one way out; the build must stop with exit 3, name the template, leave the
target file as it was and write nothing. Then every object any template is handed, over full
builds and an induction, is walked through the attributes the sandbox allows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import types
from pathlib import Path

import pytest
from markupsafe import Markup
from pydantic import BaseModel

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, run_cli, snapshot

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


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=list(ESCAPES))
def test_an_escape_from_the_sandbox_fails_the_build_and_touches_nothing(council, target, tmp_path, escape):
    with_branding(council, escape.replace("TARGET", str(target)))
    assets = snapshot(council)
    result = refused_build(council, tmp_path / "out")
    assert "is not allowed: templates may only read" in result.output or "has no attribute" in result.output
    assert target.read_text(encoding="utf-8") == SECRET
    assert snapshot(council) == assets  # the logo and fonts are still there, unchanged


def test_a_template_linked_to_a_file_outside_is_refused(council, target, tmp_path):
    with_branding(council, '{% include "parts/leak.j2" %}')
    (council / "templates" / "parts" / "leak.j2").symlink_to(target)
    result = refused_build(council, tmp_path / "out", template="parts/leak.j2")
    assert "link to a file outside the templates folder" in result.output


def test_a_template_that_is_itself_a_link_out_is_refused(council, target, tmp_path):
    part = council / "templates" / BRANDING
    part.parent.mkdir(parents=True)
    part.symlink_to(target)
    refused_build(council, tmp_path / "out")


def test_a_linked_folder_of_templates_is_refused(council, target, tmp_path):
    (target.parent / "branding.html.j2").write_text(SECRET, encoding="utf-8")
    (council / "templates").mkdir()
    (council / "templates" / "parts").symlink_to(target.parent, target_is_directory=True)
    refused_build(council, tmp_path / "out")


def test_a_link_to_etc_hostname_is_refused(council, tmp_path):
    hostname = Path("/etc/hostname")
    if not hostname.is_file():
        pytest.skip("this machine has no /etc/hostname")
    with_branding(council, '{% include "parts/leak.j2" %}')
    (council / "templates" / "parts" / "leak.j2").symlink_to(hostname)
    refused_build(council, tmp_path / "out", template="parts/leak.j2")


# What a template may be handed, decided here and not by the sandbox policy under test.
PLAIN_VALUES = (str, int, float, type(None), dt.date, dt.time, dt.timedelta)  # Markup is a str
CONTAINERS = (tuple, list, dict, frozenset)
FILE_SYSTEM_METHODS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rename", "mkdir"}
RENDERED_BY_BUILD_AND_INDUCT = {
    "document.html.j2",
    "quiz-sheet.html.j2",
    "quiz-key.html.j2",
    "cards.html.j2",
    "print-instructions.html.j2",
    "web/index.html.j2",
    "induct/stamps.html.j2",
    "induct/certificate.html.j2",
    "induct/sign-in-sheet.html.j2",
    "induct/slips.html.j2",
}


def frozen_record(obj) -> bool:
    if isinstance(obj, type):
        return False
    if isinstance(obj, BaseModel):
        return bool(type(obj).model_config.get("frozen"))
    return dataclasses.is_dataclass(obj) and type(obj).__dataclass_params__.frozen


def allowed_names(env, obj) -> list[tuple[str, object]]:
    """Every attribute of `obj` the sandbox lets a template read, with its value."""
    found = []
    for name in dir(obj):
        try:
            value = getattr(obj, name)
        except Exception:  # a property that fails is no way out
            continue
        if env.is_safe_attribute(obj, name, value):
            found.append((name, value))
    return found


def not_plain(context: dict) -> list[str]:
    """Where in `context` a template can reach anything but plain data, walking items, fields and
    properties, and every attribute and method the sandbox allows."""
    from generator.html.templating import environment

    env, problems, seen, kept = environment(), [], set(), []
    pending = list(context.items())
    while pending:
        where, obj = pending.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        kept.append(obj)  # so that no id is reused while walking
        if any(hasattr(obj, method) for method in FILE_SYSTEM_METHODS):
            problems.append(f"{where}: a {type(obj).__name__}, which can reach the file system")
        elif isinstance(obj, PLAIN_VALUES):
            problems += [
                f"{where}.{name}" for name, value in allowed_names(env, obj) if not plain_member(obj, name, value)
            ]
        elif isinstance(obj, dict):
            pending += [(f"{where}[{key!r}]", value) for key, value in obj.items()]
            pending += [(f"{where} key", key) for key in obj]
        elif isinstance(obj, CONTAINERS):
            pending += [(f"{where}[{index}]", item) for index, item in enumerate(obj)]
            pending += [(f"{where}.{name}", value) for name, value in allowed_names(env, obj) if not callable(value)]
        elif frozen_record(obj):
            pending += [(f"{where}.{name}", value) for name, value in allowed_names(env, obj)]
        else:
            problems.append(f"{where}: a {type(obj).__module__}.{type(obj).__qualname__}")
    return problems


def plain_member(owner, name: str, value) -> bool:
    """An attribute of a plain value: a plain value, or a method of the value or of its own type
    (str.upper, date.isoformat, date.today, str.maketrans), or the sandbox's checked str.format."""
    if isinstance(value, PLAIN_VALUES) and not isinstance(value, type):
        return True
    if value is getattr(type(owner), name, None) and isinstance(value, types.BuiltinFunctionType):
        return True  # a static method of the built-in type
    method = getattr(value, "__wrapped__", value)
    return isinstance(method, (types.MethodType, types.BuiltinMethodType)) and method.__self__ in (owner, type(owner))


def test_the_walk_finds_what_the_old_model_handed_templates(tmp_path):
    """The walk itself: a Path, a mutable object or a pydantic method left in the context is found."""

    class Loose:
        name = "x"

    assert not_plain({"plain": ("text", 1, dt.date(2021, 6, 1), Markup("<b>x</b>"), {"k": [1.5]})}) == []
    assert not_plain({"file": tmp_path}) == ["file: a PosixPath, which can reach the file system"]
    assert not_plain({"nested": {"k": [Loose()]}})[0].startswith("nested['k'][0]: a ")


@pytest.mark.slow
def test_every_template_is_handed_plain_data_only(monkeypatch, tmp_path):
    """Capture the variables of every render in full builds of the default pack and of a council pack
    with a logo and fonts, and in an induction, and walk everything a template can reach from them."""
    import generator.html.templating

    log = tmp_path / "contexts.jsonl"
    real_render = generator.html.templating.render

    def walking_render(template_name, folder=generator.html.templating.TEMPLATES, **context):
        with open(log, "a", encoding="utf-8") as stream:  # renders run in worker processes
            stream.write(json.dumps({"template": template_name, "problems": not_plain(context)}) + "\n")
        return real_render(template_name, folder, **context)

    monkeypatch.setattr(generator.html.templating, "render", walking_render)
    council = Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward\nAnn Jones,Councillor,North\nBob Lee,Councillor,South\n", encoding="utf-8")
    out = tmp_path / "out"
    for command in (
        ("build", DEFAULT_PACK, "--out", out, "--as-of", BUILT_ON),
        ("build", council / "meeting-rooms", "--out", out, "--as-of", BUILT_ON),
        ("induct", council / "meeting-rooms", "--people", people, "--out", out, "--as-of", BUILT_ON),
    ):
        result = run_cli(*command, "--session-date", BUILT_ON) if command[0] == "induct" else run_cli(*command)
        assert result.exit_code == 0, result.output
    renders = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {render["template"] for render in renders} == RENDERED_BY_BUILD_AND_INDUCT
    assert [f"{r['template']}: {p}" for r in renders for p in r["problems"]] == []
