"""The Jinja environment every artefact renders through: sandboxed, autoescaped, strict."""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.clock import uk_date

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, every character that could end it escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-()" else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


def environment(folder: Path = TEMPLATES) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["uk_date"] = uk_date
    env.filters["css_string"] = css_string
    return env


def render(template_name: str, **context) -> str:
    return environment().get_template(template_name).render(**context)
