"""The council's model: its name, branding and the defaults its packs share (council.yaml).

Only types live here; generator/content/council_reader.py reads council.yaml into them and
checks the colours' contrast, the logo and the fonts.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, model_validator

from generator.content.base import Logo, Model, Text, fail
from generator.i18n import LANGUAGES, phrases

COUNCIL_FILE = "council.yaml"


def colour(value: object) -> str:
    if value is None:
        raise fail('is empty; write the colour in double quotes, e.g. "#00505c" (without quotes, # starts a note)')
    text = str(value).strip()
    short = re.fullmatch(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])", text)
    if short:
        text = "#" + "".join(c * 2 for c in short.groups())
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        raise fail(f'"{text}" is not a colour; write "#" and six hex digits in double quotes, e.g. "#00505c"')
    return text.lower()


Colour = Annotated[str, BeforeValidator(colour)]


def cmyk(value: object) -> tuple[float, float, float, float]:
    """C M Y K in percent, as a print shop gives them: "80 98 0 6" (commas and % signs allowed)."""
    how = 'write four percentages for C, M, Y and K, e.g. "80 98 0 6"'
    parts = value if isinstance(value, (list, tuple)) else str(value).replace(",", " ").replace("%", " ").split()
    try:
        numbers = tuple(float(part) for part in parts)
    except (TypeError, ValueError):
        raise fail(f'"{value}" is not a CMYK colour; {how}') from None
    if len(numbers) != 4 or not all(0 <= n <= 100 for n in numbers):
        raise fail(f'"{value}" is not a CMYK colour; {how}, each from 0 to 100')
    return numbers


Cmyk = Annotated[tuple[float, float, float, float], BeforeValidator(cmyk)]


class PrintColours(Model):
    """The print shop's CMYK for each brand colour (colours.print), used as given in the print files."""

    primary: Cmyk | None = None
    accent: Cmyk | None = None
    tint: Cmyk | None = None
    text: Cmyk | None = None


class Colours(Model):
    """packgen's own colours unless council.yaml gives others."""

    primary: Colour = "#00505c"  # headings
    accent: Colour = "#00505c"  # rules, borders, tick boxes, the cover's bar
    tint: Colour = "#e6f0f1"  # pale panels behind text
    text: Colour = "#1a1a1a"  # body text
    print: PrintColours = PrintColours()  # CMYK for the print shop; unset: converted through the output intent


class CouncilFonts(Model):
    name: Text  # the family name, for people; the PDFs use the files
    regular: Text
    bold: Text
    fallback: Text = "Arial"  # the font the Word handout names: a DOCX cannot carry the font


class Signatory(Model):
    """Who signs induction certificates."""

    name: Text
    role: Text


def _one_or_two(value: object) -> object:
    if isinstance(value, (list, tuple)) and not 1 <= len(value) <= 2:
        raise fail(f"lists {len(value)} people; a certificate has room for one or two signatories")
    return value


Signatories = Annotated[tuple[Signatory, ...], BeforeValidator(_one_or_two)]


def _known_phrase(value: object) -> object:
    """A fixed phrase as packgen writes it in English, so a council's own term can stand for it."""
    if isinstance(value, str) and value.strip() not in phrases():
        close = sorted(p for p in phrases() if p.casefold().startswith(value.strip().casefold()[:6]))[:3]
        hint = f" (did you mean {', '.join(repr(p) for p in close)}?)" if close else ""
        raise fail(
            f"{value!r} is not a phrase packgen prints{hint}; write the English phrase exactly as packgen "
            "prints it (packgen help council, under Your own wording, lists them)"
        )
    return value


def _known_language(value: object) -> object:
    if isinstance(value, str) and value not in LANGUAGES:
        raise fail(f"{value!r} is not a language packgen prints; write one of {', '.join(LANGUAGES)}")
    return value


PLACE = re.compile(r"%\(\w+\)s|%%|%")


def _same_places(wording: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A council's term keeps the phrase's places (%(date)s) as written, and writes a % sign as %%."""
    for language, terms in wording.items():
        for phrase, term in terms.items():
            want = sorted(p for p in PLACE.findall(phrase) if p != "%%")
            have = sorted(p for p in PLACE.findall(term) if p != "%%")
            if have != want:
                places = " and ".join(want) or "no places"
                raise fail(
                    f"{language}: {term!r} (for {phrase!r}) must keep {places} as written, and write a % sign as %%"
                )
    return wording


# wording: {cy: {"Who to contact": "Cysylltwch â ni"}}: the council's own term for a fixed phrase, per language
Wording = Annotated[
    dict[
        Annotated[str, BeforeValidator(_known_language)],
        dict[Annotated[str, BeforeValidator(_known_phrase)], Text],
    ],
    AfterValidator(_same_places),
]


class Council(Model):
    name: Text
    owner: Text | None = None
    contact: Text | None = None
    other_formats: Text | None = None
    logo: Logo | None = None
    colours: Colours = Colours()
    fonts: CouncilFonts | None = None
    signatory: Signatory | None = None  # one signatory: kept working beside `signatories`
    signatories: Signatories | None = None  # one or two, side by side on the certificate
    wording: Wording = {}  # the council's own terms over packgen's fixed phrases, per language
    # Where council.yaml is (set by the reader): its logo and fonts are relative to it. A plain
    # string: generator/content/council_files.py makes paths of it, outside what templates see.
    folder: str = ""

    @model_validator(mode="after")
    def _one_way_to_name_signatories(self) -> Council:
        if self.signatory is not None and self.signatories is not None:
            raise fail("gives both signatory: and signatories:; keep signatories: (one or two) and remove signatory:")
        return self

    @property
    def who_signs(self) -> tuple[Signatory, ...]:
        """Who signs induction certificates, from either key; none if council.yaml names nobody."""
        if self.signatories:
            return self.signatories
        return (self.signatory,) if self.signatory else ()
