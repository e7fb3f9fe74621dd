"""What a template may touch: plain data, Jinja's own helpers, and files inside its own folder.

Jinja's stock sandbox refuses `_` attributes but allows every other method, so any object with
`read_text`, `write_text` or `unlink` in the context would hand a council's template the file
system. This policy is an allow-list instead: a template reads plain values (strings, numbers,
dates, Markup), containers of them, and the declared fields and properties of frozen records
(packgen's frozen pydantic models and frozen dataclasses); it calls only the methods of plain
values, Jinja's own helpers and macros. Anything else is a SecurityError naming the template.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateError
from jinja2.loaders import split_template_path
from jinja2.environment import TemplateModule
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable
from jinja2.utils import Cycler, Joiner, Namespace
from pydantic import BaseModel

VALUES = (str, int, float, type(None), dt.date, dt.time, dt.timedelta)  # bool is an int; Markup a str
CONTAINERS = (tuple, list, dict, set, frozenset)
JINJA_HELPERS = (Macro, LoopContext, BlockReference, TemplateReference, TemplateModule, Cycler, Joiner, Namespace)
JINJA_CALLABLES = (Macro, LoopContext, BlockReference, Joiner)  # caller(), loop(children), super(), joiner()


def is_frozen_record(obj: object) -> bool:
    """A frozen pydantic model or a frozen dataclass instance (not the class itself)."""
    if isinstance(obj, type):
        return False
    if isinstance(obj, BaseModel):
        return bool(type(obj).model_config.get("frozen"))
    params = getattr(obj, "__dataclass_params__", None)
    return dataclasses.is_dataclass(obj) and params is not None and bool(params.frozen)


def record_attributes(record: object) -> frozenset[str]:
    """The names a template may read on a frozen record: its fields and its own properties."""
    cls: type = type(record)
    return _record_attributes(cls)


@functools.cache
def _record_attributes(cls: type) -> frozenset[str]:
    fields: set[str] = set()
    if issubclass(cls, BaseModel):
        fields = set(cls.model_fields)
    elif dataclasses.is_dataclass(cls):
        fields = {field.name for field in dataclasses.fields(cls)}
    own_properties = {
        name
        for klass in cls.__mro__
        if klass not in (BaseModel, object)
        for name, member in vars(klass).items()
        if isinstance(member, property) and not hasattr(BaseModel, name)
    }
    return frozenset(fields | own_properties)


class PlainDataSandbox(SandboxedEnvironment):
    """Jinja's sandbox, allowing only the types and calls listed above."""

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, type):
            return False
        if is_frozen_record(obj):
            return attr in record_attributes(obj)
        if isinstance(obj, VALUES + CONTAINERS):
            return not modifies_known_mutable(obj, attr)
        return isinstance(obj, JINJA_HELPERS)

    def is_safe_callable(self, obj: object) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if any(obj is helper for helper in self.globals.values()):  # range, dict, lipsum, cycler, joiner, namespace
            return True
        if isinstance(obj, JINJA_CALLABLES):
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType)):
            owner = obj.__self__
            return not isinstance(owner, type) and isinstance(owner, VALUES + CONTAINERS + JINJA_HELPERS)
        return _is_sandboxed_format(obj)


def _is_sandboxed_format(obj: object) -> bool:
    """The wrapper Jinja's sandbox puts round a string's format/format_map (it checks each field)."""
    wrapped = getattr(obj, "__wrapped__", None)
    return (
        isinstance(obj, types.FunctionType)
        and isinstance(wrapped, types.BuiltinMethodType)
        and wrapped.__name__ in ("format", "format_map")
        and isinstance(wrapped.__self__, str)
    )


class NotInFolder(TemplateError):
    """A template that is a link (or inside a linked folder) leading out of its templates folder,
    or not a regular file."""


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses, before reading it, a template whose real path is outside
    its folder (FileSystemLoader follows links) or that is not a regular file (a FIFO would hang)."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.folder = Path(folder).resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0], *split_template_path(template))
        if path.exists() or path.is_symlink():
            real = path.resolve()
            if not real.is_relative_to(self.folder):
                raise NotInFolder(
                    f"{template} is a link to a file outside the templates folder {self.folder}, which "
                    "templates may not use; put the file itself in the folder"
                )
            if not real.is_file() and not real.is_dir():  # a folder is simply not a template
                raise NotInFolder(f"{template} is not a regular file; put the template file itself in the folder")
        return super().get_source(environment, template)
