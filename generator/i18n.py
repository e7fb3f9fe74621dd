"""Fixed words by language: packgen's message catalogues, and a council's own phrases over them.

Every fixed phrase packgen prints ("Who to contact", "Page 3 of 20", DRAFT) is written in English
in the templates and the code, marked for translation (`_()` in Python and Jinja), extracted with
Babel (`pybabel extract -F babel.cfg`) and translated in generator/locale/<code>/LC_MESSAGES/
packgen.po; the compiled .mo beside it is what a build reads. English is the source: an English
pack prints the marked words exactly as written. A council may put its translation unit's own
terms over any phrase, per language, in council.yaml (`wording: {cy: {"Who to contact": ...}}`).

A leaf: it reads only its own files, so content, templates and renderers can all use it.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "packgen"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "cy")  # what packgen has fixed words for
# The tag each language goes by in HTML (and so the PDF's /Lang) and in Word (w:lang).
HTML_TAGS = {"en": "en-GB", "cy": "cy"}
WORD_TAGS = {"en": "en-GB", "cy": "cy-GB"}


def _(message: str) -> str:
    """Marks a phrase for extraction where it is defined; it is translated where it is printed."""
    return message


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """packgen's own translations into `language`; English (the source) translates nothing."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as compiled:
        return gettext.GNUTranslations(compiled)


@functools.cache
def phrases() -> frozenset[str]:
    """Every phrase packgen prints, as written in English (the msgids of the Welsh catalogue)."""
    from babel.messages.pofile import read_po

    with (LOCALE / "cy" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        return frozenset(message.id for message in read_po(source) if message.id and isinstance(message.id, str))


@dataclass(frozen=True)
class Words:
    """The fixed words of one language, with the council's own phrases (if any) over packgen's."""

    language: str = SOURCE_LANGUAGE
    overrides: Mapping[str, str] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        if message in self.overrides:
            return self.overrides[message]
        return catalogue(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in self.overrides:
            return self.overrides[singular]
        return catalogue(self.language).ngettext(singular, plural, n)

    def phrase(self, message: str, **values) -> str:
        """The phrase in this language, its %(name)s places filled (and %% a % sign, as in the
        templates): plain text, for Python's outputs."""
        return self.gettext(message) % values

    def template_gettext(self, message: str) -> str:
        """For Jinja, which takes a translation as markup: a council's phrase is text, so escaped."""
        return str(escape(self.overrides[message])) if message in self.overrides else self.gettext(message)

    def template_ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in self.overrides:
            return str(escape(self.overrides[singular]))
        return catalogue(self.language).ngettext(singular, plural, n)

    @property
    def html_tag(self) -> str:
        return HTML_TAGS.get(self.language, self.language)

    @property
    def word_tag(self) -> str:
        return WORD_TAGS.get(self.language, self.language)


def words_for(pack: object) -> Words:
    """The fixed words for a pack: its language (English until it says otherwise) and its
    council's phrases for that language from council.yaml's `wording`."""
    language = getattr(pack, "language", SOURCE_LANGUAGE) or SOURCE_LANGUAGE
    council = getattr(pack, "council", None)
    overrides = (getattr(council, "wording", None) or {}).get(language, {})
    return Words(language, dict(overrides))


# The Welsh alphabet (a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y), with the
# letters Welsh borrows (k q v x z) where ICU's `cy` collation puts them: "Lyons" before "Lloyd".
WELSH_ORDER = "a b c ch d dd e f ff g ng h i j k l ll m n o p ph q r rh s t th u v w x y z".split()
_WELSH_RANK = {letter: rank for rank, letter in enumerate(WELSH_ORDER)}
_DIGRAPHS = frozenset(letter for letter in WELSH_ORDER if len(letter) == 2)


def _plain(text: str) -> str:
    """Letters, digits and spaces only, casefolded: O'Brien sorts as obrien, Ŵyn as wyn."""
    import unicodedata

    letters = unicodedata.normalize("NFKD", text)
    return "".join(c for c in letters if c.isalnum() or c == " ").casefold().strip()


def welsh_key(text: str) -> tuple:
    """A sort key in the Welsh alphabet's order, each digraph one letter. Accents are ignored first,
    then break ties (ICU's secondary strength), so Wyn and Ŵyn sit together."""
    plain, letters, index = _plain(text), [], 0
    while index < len(plain):
        pair = plain[index : index + 2]
        letter = pair if pair in _DIGRAPHS else plain[index]
        letters.append((0, _WELSH_RANK[letter]) if letter in _WELSH_RANK else (1 if letter.isalpha() else -1, letter))
        index += len(letter)
    return tuple(letters), _letters(text), text


def _letters(text: str) -> str:
    """Letters (accents kept), digits and spaces only, casefolded: what ICU compares."""
    return "".join(c for c in text if c.isalnum() or c == " ").casefold().strip()


def collation_key(language: str):
    """How names are sorted for a reader of `language`: the Welsh alphabet's order (ch, dd, ff, ng,
    ll, ph, rh and th each one letter) for Welsh, the same on every machine, so a sheet's order
    does not depend on whether a collation library is installed (tests/test_welsh.py holds it to
    ICU's Welsh collation); English by its letters, accents and apostrophes ignored."""
    if language == "cy":
        return welsh_key
    return _plain
