"""What every content model is built from: frozen, strict models and the length limits of text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

MAX_TEXT = 10_000  # characters in one paragraph or item
MAX_ITEMS = 500  # items in one list
MAX_TITLE = 150  # characters in the pack's title: the cover, running heads and one-sheet instructions hold this


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written (see validation.describe)."""
    return PydanticCustomError("packgen", message)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
Items = Annotated[tuple[Text, ...], Field(min_length=1, max_length=MAX_ITEMS)]


def _yes_or_no(value: object) -> bool:
    text = str(value).strip().lower()
    if text not in ("yes", "no", "true", "false"):
        raise fail(f'"{value}" should be yes or no')
    return text in ("yes", "true")


YesNo = Annotated[bool, BeforeValidator(_yes_or_no)]  # yes/no (or true/false), never a YAML guess


class Logo(Model):
    """A logo file (SVG, PNG or JPEG) and what it shows, for screen readers."""

    file: Text
    alt: Text
