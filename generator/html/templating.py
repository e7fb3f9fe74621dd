"""The Jinja environment every artefact renders through: sandboxed, autoescaped, strict."""

from __future__ import annotations

import os
import re
from pathlib import Path

from jinja2 import ChoiceLoader, PrefixLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.exceptions import SecurityError
from markupsafe import Markup, escape

from generator.clock import local_date, short_date
from generator.errors import RenderError
from generator.i18n import Words, _, words_for
from generator.html.sandbox import ConfinedLoader, PlainDataSandbox
from generator.html.typeset import ADDRESS, address_link, is_callout, typeset

from generator.paths import TEMPLATES  # where the built-in templates are (a leaf: the content layer uses it too)


def plain_text(value: object) -> str:
    """The characters a reader should see: markup (a block, or text joined to one with `~`,
    which Jinja escapes) unescaped, anything else as it is. Each output escapes these its own
    way once (HTML by autoescape, CSS by `css_string`), so no escape is ever printed."""
    return Markup(value).unescape() if isinstance(value, Markup) else str(value)


def css_string(text: object) -> Markup:
    """`text` as a quoted CSS string, every character that could end it escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-()" else f"\\{ord(c):x} " for c in plain_text(text))
    return Markup(f'"{escaped}"')


def loader(folder: Path = TEMPLATES) -> ChoiceLoader:
    """Templates from `folder` (a council's override folder, which may hold only the files it
    changes), then packgen's own. `packgen/NAME` is always packgen's own NAME, so a council's
    template can extend the one it replaces: {% extends "packgen/document.html.j2" %}."""
    own = ConfinedLoader(TEMPLATES)
    return ChoiceLoader([ConfinedLoader(folder), PrefixLoader({"packgen": own}), own])


def links(text: str) -> Markup:
    """`text` escaped, with each web and email address made a link whose words are readable:
    "www.example.gov.uk/page" rather than "https://www.example.gov.uk/page/" (typeset.address_target)."""
    parts, last = [], 0
    for match in ADDRESS.finditer(str(text)):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup(address_link(match.group())))  # one link, breaking as in print
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


class _Gettext:
    """What Jinja's i18n extension installs: one language's words, a council's phrases escaped."""

    def __init__(self, words: Words):
        self.gettext, self.ngettext = words.template_gettext, words.template_ngettext


def page_counter(words: Words, phrase: str = _("Page %(page)s of %(pages)s")) -> Markup:
    """CSS `content` for "Page 3 of 20" in the words' language: "Tudalen " counter(page) " o " ..."""
    text = words.gettext(phrase)
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", text):
        if piece in ("%(page)s", "%(pages)s"):
            parts.append(f"counter({piece[2:-2]})")
        elif piece:
            parts.append(css_string(piece.replace("%%", "%")))
    return Markup(" ".join(parts))


def environment(folder: Path = TEMPLATES, words: Words | None = None) -> PlainDataSandbox:
    """The sandboxed environment, its fixed words (`_()`, dates, `lang`) in the words' language."""
    words = words or Words()
    env = PlainDataSandbox(
        extensions=["jinja2.ext.i18n"],
        loader=loader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(_Gettext(words), newstyle=True)  # type: ignore[attr-defined]  # jinja2.ext.i18n
    env.globals["lang"] = words.html_tag  # <html lang>: WeasyPrint makes it the PDF's /Lang
    env.globals["page_counter"] = Markup(page_counter(words))
    env.filters["uk_date"] = lambda day: local_date(day, words.language)  # 1 March 2022, 1 Mawrth 2022
    env.filters["short_date"] = lambda day: short_date(day, words.language)  # 1 Mar 2022, where space is short
    env.filters["css_string"] = css_string
    env.filters["typeset"] = typeset
    env.tests["callout"] = is_callout
    env.filters["links"] = links
    return env


def render(template_name: str, folder: Path = TEMPLATES, **context) -> str:
    """Render a template; a template fault (including a sandbox refusal) names the template and line."""
    try:
        words = words_for(context.get("pack"))
        return environment(folder, words).get_template(template_name).render(**context)
    except SecurityError as error:
        refused = str(error.message).rstrip(".").replace(" is unsafe", " is not allowed")
        raise RenderError(
            f"template {where_in_template(error, template_name, folder)}: {refused}: templates may only read "
            "the content they are given (text, numbers, dates and lists of them); nothing was written"
        ) from None
    except TemplateError as error:
        raise RenderError(f"template {where_in_template(error, template_name, folder)}: {error.message}") from None
    except Exception as error:  # {{ 1/0 }}, a macro calling itself, a format of the wrong type, a huge string
        raise RenderError(
            f"template {where_in_template(error, template_name, folder)}: {fault_message(error)}"
        ) from None


def fault_message(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "a macro calls itself without end; check the template's macros"
    if isinstance(error, MemoryError):
        return "the template makes more text than this machine can hold; check its loops and repeats"
    return f"{type(error).__name__}: {error}"


def where_in_template(error: Exception, template_name: str, folder: Path) -> str:
    """`name, line N` from the error itself, or from the innermost template frame of its traceback."""
    name, line = getattr(error, "name", None) or template_name, getattr(error, "lineno", None)
    if line is None:
        frame = error.__traceback__
        while frame is not None:
            filename = frame.tb_frame.f_code.co_filename
            if filename.startswith(str(folder)):
                name, line = os.path.relpath(filename, folder), frame.tb_lineno
            frame = frame.tb_next
    return f"{name}, line {line}" if line else name
