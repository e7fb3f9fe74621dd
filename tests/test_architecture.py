"""The shape of the code: imports flow one way (CLI -> build -> artefacts -> content), with no circle.

Function-level imports count too: a module that must import its loader to be complete is a
circle in disguise. See docs/architecture.md.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Modules anything may import, the content layer included: they import nothing above themselves.
LEAVES = {
    "generator.errors",
    "generator.clock",
    "generator.images",
    "generator.svg_policy",
    "generator.fonts",
    "generator.paths",
}


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


def test_the_content_layer_imports_nothing_above_it():
    """generator/content/ reads and models the content; renderers, templates and the build stand on it."""
    graph = import_graph()
    for module, imported in graph.items():
        if module.startswith("generator.content"):
            above = {m for m in imported if not m.startswith("generator.content") and m not in LEAVES}
            assert not above, f"{module} imports {sorted(above)}"


def test_the_leaves_import_only_leaves():
    graph = import_graph()
    for leaf in LEAVES:
        assert graph[leaf] <= LEAVES, f"{leaf} imports {sorted(graph[leaf] - LEAVES)}"


def test_renderers_do_not_stand_on_the_reader():
    """Artefacts render the loaded Pack they are given; reading files is the build's job, before them."""
    from generator.build import ARTEFACTS

    graph = import_graph()
    readers = {
        "generator.content.reader",
        "generator.content.quiz_model",
        "generator.content.cards_model",
        "generator.content.yamlio",
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
