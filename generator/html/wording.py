"""The words the booklet and the handout share, read from templates/parts/wording.j2.

The booklet imports that template's macros in Jinja; the handout, which is not HTML, calls
the same macros here and gets plain text back. One source, so the two never disagree.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound
from markupsafe import Markup

from generator.errors import RenderError
from generator.i18n import Words
from generator.html.templating import TEMPLATES, environment, fault_message, where_in_template

WORDING_TEMPLATE = "parts/wording.j2"


class Wording:
    def __init__(self, templates: Path = TEMPLATES, words: Words | None = None):
        self.templates = templates
        self.words = words or Words()  # the pack's language, and its council's phrases
        with self._faults_named():
            self._module: Any = environment(templates, self.words).get_template(WORDING_TEMPLATE).module

    @property
    def labels(self) -> dict[str, str]:
        return self._module.labels

    @property
    def control_fields(self) -> list[str]:
        return self._module.control_fields

    @property
    def history_fields(self) -> list[str]:
        return self._module.history_fields

    def say(self, macro: str, *args) -> str:
        """The macro's words as plain text: tags dropped, entities unescaped, spaces collapsed."""
        with self._faults_named():
            return Markup(getattr(self._module, macro)(*args)).striptags()

    @contextlib.contextmanager
    def _faults_named(self):
        """A fault in (a council's copy of) the wording template is a message, not a traceback."""
        try:
            yield
        except TemplateNotFound:
            raise RenderError(
                f"{WORDING_TEMPLATE} is missing from {self.templates}; copy it from packgen's own templates folder"
            ) from None
        except TemplateError as error:
            lineno = getattr(error, "lineno", None)  # a TemplateSyntaxError's; other template errors have none
            line = f", line {lineno}" if lineno else ""
            raise RenderError(f"template {WORDING_TEMPLATE}{line}: {error.message}") from None
        except AttributeError as error:  # a council's copy lacks a macro or value packgen calls
            raise RenderError(
                f"template {WORDING_TEMPLATE} in {self.templates} has no {error.name!r}, which the "
                "handout uses; copy it from packgen's own templates/parts/wording.j2"
            ) from None
        except Exception as error:
            where = where_in_template(error, WORDING_TEMPLATE, self.templates)
            raise RenderError(f"template {where}: {fault_message(error)}") from None
