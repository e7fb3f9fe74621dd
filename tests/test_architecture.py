"""The shape of the code: imports flow one way (CLI -> build -> artefacts -> content), with no circle.

Function-level imports count too: a module that must import its loader to be complete is a
circle in disguise. See docs/architecture.md.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from conftest import ROOT

PACKAGE = ROOT / "generator"
# The rooms of generator/, lowest first. A module may import from its own room and from any
# room below it, never from one above: docs/architecture.md draws the same ladder.
LAYERS = (
    ("errors", "clock", "paths", "interrupts", "i18n"),  # leaves: anything may use them
    ("assets",),  # the bundled fonts, logos and the SVG allow-list
    ("content",),  # reading and modelling a pack's files
    ("authoring",),  # tools for a pack's files: new, diff, archive, spelling, help topics
    ("html",),  # templates, sandbox, typesetting, branding
    ("pdf", "word"),  # WeasyPrint's door and the PDF passes; the Word helpers
    ("artefacts",),  # the registry and one module per artefact
    ("publish",),  # the output folder: manifest, ownership, atomic writes, clean
    ("pipeline",),  # the build, its workers, cache and watch
    ("people", "committee", "serve"),  # induction packs; the clerk's report; the live preview
    ("commands", "cli", "__main__"),  # the command line
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
LEAVES = {f"generator.{room}" for room in LAYERS[0]}


def module_name(path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def import_graph() -> dict[str, set[str]]:
    """Every generator module and the generator modules it imports, wherever in the file."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name in paths}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("generator"):
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    found.add(submodule if submodule in paths else node.module)
        graph[name] = found - {name, "generator"}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle as the modules on it (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_back_through_others():
    assert circles(import_graph()) == []


def test_the_leaves_import_only_leaves():
    graph = import_graph()
    for leaf in LEAVES:
        assert graph[leaf] <= LEAVES, f"{leaf} imports {sorted(graph[leaf] - LEAVES)}"


def test_renderers_do_not_stand_on_the_reader():
    """Artefacts render the loaded Pack they are given; reading files is the build's job, before them."""
    from generator.pipeline.build import ARTEFACTS

    graph = import_graph()
    readers = {
        "generator.content.reader",
        "generator.content.quiz.reader",
        "generator.content.cards_model",
        "generator.content.yamlio",
        "generator.content.sources",
    }
    for artefact in ARTEFACTS.values():
        reached, pending = set(), [artefact.__name__]
        while pending:
            module = pending.pop()
            if module not in reached:
                reached.add(module)
                pending += graph[module]
        assert not reached & readers, f"{artefact.__name__} reaches {sorted(reached & readers)}"


def test_the_model_validates_on_its_own():
    """The Pack model is complete without the reader having been imported first."""
    code = (
        "from generator.content.model import Pack\n"
        "import sys\n"
        "pack = Pack.model_validate({'slug': 'p', 'title': 'A pack', 'organisation': 'A council',\n"
        "    'version': '1', 'issued': '2021-03-01', 'review_due': '2022-03-01', 'owner': 'An officer',\n"
        "    'approved_by': 'A committee', 'contact': 'By email.',\n"
        "    'sections': [{'id': 's', 'kind': 'prose', 'title': 'A section', 'body': ['Text.']}]})\n"
        "assert 'generator.content.reader' not in sys.modules\n"
        "print(pack.sections[0].title)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "A section"


def room(module: str) -> str:
    return module.split(".")[1]


def test_every_room_is_on_the_ladder():
    rooms = {room(module) for module in import_graph() if module != "generator"}
    assert rooms <= set(RANK), f"rooms not in LAYERS: {sorted(rooms - set(RANK))}"


def test_no_room_imports_a_room_above_it():
    upward = [
        f"{module} imports {imported}"
        for module, imports in import_graph().items()
        if module != "generator"
        for imported in imports
        if RANK[room(imported)] > RANK[room(module)]
    ]
    assert upward == []


# Modules allowed over 300 lines while issue 30 lands: none are left.
TO_SPLIT: set[str] = set()


def test_no_module_is_over_300_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in TO_SPLIT
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert long == []


ARCHITECTURE = ROOT / "docs" / "architecture.md"
# A module or folder as docs/architecture.md writes it: `pipeline/build.py`, `generator/pdf/`,
# `content/quiz/reader.py::read_quiz`.
NAMED_PATH = re.compile(r"`(?:generator/)?((?:[a-z_]+/)+[a-z_]*(?:\.py)?)(?:::\w+)?`")


def named_in_architecture() -> set[str]:
    rooms = {room for rooms in LAYERS for room in rooms}
    text = ARCHITECTURE.read_text(encoding="utf-8")
    return {path for path in NAMED_PATH.findall(text) if path.split("/")[0] in rooms}


def test_every_module_the_architecture_names_exists():
    missing = sorted(
        path
        for path in named_in_architecture()
        if not (PACKAGE / path).exists() and not (PACKAGE / f"{path}.py").is_file()
    )
    assert missing == [], f"docs/architecture.md names what is not in generator/: {missing}"


def test_the_architecture_names_every_package():
    packages = {
        path.parent.relative_to(PACKAGE).as_posix() + "/"
        for path in PACKAGE.rglob("__init__.py")
        if path.parent != PACKAGE
    }
    unnamed = sorted(packages - named_in_architecture())
    assert unnamed == [], f"docs/architecture.md does not name {unnamed}"
