"""What the type check (mypy, in `make lint`) is told must match what runs."""

from __future__ import annotations

import ast

from conftest import ROOT

from generator.content.model import SECTION_MODELS


def _static_section_union() -> set[str]:
    """The class names in model.py's `if TYPE_CHECKING: Section = Union[...]`."""
    tree = ast.parse((ROOT / "generator" / "content" / "model.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.Assign) and [t.id for t in statement.targets] == ["Section"]:
                    union = statement.value
                    assert isinstance(union, ast.Subscript)
                    members = union.slice.elts if isinstance(union.slice, ast.Tuple) else [union.slice]
                    return {member.id for member in members}
    return set()


def test_mypy_sees_every_section_kind():
    """mypy reads the Section union as written; the run-time union is made from SECTION_MODELS. A new
    kind added to one and not the other would type-check sections as something they are not."""
    assert _static_section_union() == {model.__name__ for model in SECTION_MODELS.values()}
