"""The handout's file as a package: what it says about itself, and the same bytes every build.

python-docx starts from its own template, which says it was written by "python-docx" on a Mac
in 2013 (en-US), and stamps the current time on every zip entry. Both are put right here.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.word.style import LANGUAGE

# Parts of python-docx's template that describe the template, not this document: a preview
# picture of an empty page, Word 2010 copies of the styles (still en-US), bibliography
# sources, and application statistics ("Microsoft Macintosh Word", 0 words).
LEFTOVER_PACKAGE_PARTS = {RT.THUMBNAIL, RT.EXTENDED_PROPERTIES}
LEFTOVER_DOCUMENT_PARTS = {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")

CORE_PROPERTY_LIMIT = 255


def drop_template_leftovers(document) -> None:
    for owner, unwanted in ((document.part.package, LEFTOVER_PACKAGE_PARTS), (document.part, LEFTOVER_DOCUMENT_PARTS)):
        for rId in [rId for rId, rel in owner.rels.items() if rel.reltype in unwanted]:
            del owner.rels[rId]


def describe(
    document,
    *,
    title: str,
    subject: str,
    description: str,
    author: str,
    version: str,
    built: dt.date,
    language: str = LANGUAGE,
) -> None:
    """Core properties: what File > Info shows, and what a screen reader announces as the title."""
    properties = document.core_properties
    properties.title = _property(title)
    properties.subject = _property(subject)
    properties.comments = _property(description)  # dc:description
    properties.author = properties.last_modified_by = _property(author)
    properties.language = language
    properties.version = version
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(built.year, built.month, built.day, tzinfo=dt.timezone.utc)


def _property(text: str) -> str:
    """python-docx refuses a core property longer than 255 characters; the full text is in the body."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "\u2026"


def reproducible_bytes(document, built: dt.date) -> bytes:
    """The saved document, rezipped with every entry dated `built` and in a fixed order."""
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as original:
        entries = {name: original.read(name) for name in original.namelist()}
    order = [n for n in FIRST_ENTRIES if n in entries] + sorted(n for n in entries if n not in FIRST_ENTRIES)
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as rezipped:
        for name in order:
            rezipped.writestr(_entry(name, built), entries[name])
    return result.getvalue()


def _entry(name: str, built: dt.date) -> zipfile.ZipInfo:
    day = min(max(built, dt.date(1980, 1, 1)), dt.date(2107, 12, 31))  # all a zip entry can hold
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # the same bytes whatever system builds it
    info.external_attr = 0
    return info
