"""The council's list of people for an induction: a CSV or XLSX file, read and checked once.

Columns (matched ignoring case, spaces and underscores; see docs/induction.md):
name (required), role, ward (or division), email. Every problem in the file is reported
at once as `people.csv:ROW: ...`, ROW being the row number a spreadsheet shows (the
header is row 1), and nothing is built.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from generator.errors import ContentError, Problem
from generator.assets.fonts import printable
from generator.content.table_file import not_a_table, read_rows
from generator.content.sources import shown

# The header names each column answers to, after lower-casing and dropping spaces, "_", "-" and "/".
COLUMNS = {
    "name": ("name", "fullname", "membername"),
    "role": ("role",),
    "ward": ("ward", "division", "wardordivision", "electoraldivision"),
    "email": ("email", "emailaddress"),
}
MAX_NAME = 120  # characters: the cover, certificate and sign-in sheet are laid out to hold this
MAX_FIELD = 80  # characters in a role or ward
MAX_PEOPLE = 1000
SLUG_LENGTH = 60
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NOT_LETTERS = {"Co", "Cn", "Cs"}  # private-use, unassigned and surrogate code points: nothing to print
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Person:
    row: int  # the spreadsheet row the person came from
    name: str
    role: str = ""
    ward: str = ""
    email: str = ""
    slug: str = ""  # unique within the list: the folder name under people/

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def sort_key(self) -> tuple[str, str]:
        """Alphabetical by surname, then by the whole name; accents and apostrophes ignored."""
        return _collation(self.surname), _collation(self.name)

    @property
    def prepared_for(self) -> str:
        """Prepared for NAME, ROLE, WARD: the words on the cover, leaving out what is blank."""
        return "Prepared for " + ", ".join(part for part in (self.name, self.role, self.ward) if part)


@dataclass(frozen=True)
class PeopleList:
    source: str  # the file as the user named it
    people: tuple[Person, ...]
    encoding: str  # "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252" or "XLSX"

    @property
    def notes(self) -> list[str]:
        if self.encoding != "Windows-1252":
            return []
        return [
            f'{self.source} was saved as Windows-1252 (Excel\'s older "CSV (Comma delimited)"), and was read as '
            'that. Letters such as ŵ and ŷ cannot be saved that way: save the list as "CSV UTF-8" next time.'
        ]

    def in_surname_order(self) -> list[Person]:
        return sorted(self.people, key=lambda person: person.sort_key)


def read_people(path: Path) -> PeopleList:
    """The people in `path`, or a ContentError listing every problem in it."""
    where = shown(path)
    rows, encoding = read_rows(path, where, max_rows=MAX_PEOPLE + 1)  # the header, then the people
    return PeopleList(where, _people(rows, where), encoding)


def _people(rows: list[tuple[int, list[str]]], where: str) -> tuple[Person, ...]:
    rows = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:
        raise not_a_table(where, "it is empty; the first row names the columns (name, role, ward, email)")
    header_row, header = rows[0]
    columns, problems = _columns(header, header_row, where)
    headed = {index for index, title in enumerate(header) if title.strip()}
    people: list[Person] = []
    if len(rows) > MAX_PEOPLE + 1:  # the reader stopped at the first row past the limit
        problems.append(Problem(where, rows[-1][0], f"has more than {MAX_PEOPLE} people; split the list into sessions"))
    if columns is not None:
        for number, cells in rows[1 : MAX_PEOPLE + 1]:
            person = _person(number, cells, columns, headed, where, problems)
            if person is not None:
                people.append(person)
        problems += _duplicates(people, where)
        if not people and not problems:
            problems.append(Problem(where, header_row, "lists no people: add one row per person under the header"))
    if problems:
        raise ContentError(problems)
    return tuple(_with_slugs(people))


def _columns(header: list[str], row: int, where: str) -> tuple[dict[str, int] | None, list[Problem]]:
    """Which column holds name, role, ward and email."""
    known = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    problems = []
    documented = "name, role, ward (or division) and email"
    for index, title in enumerate(header):
        key = re.sub(r"[\s_\-/]+", "", title).lower()
        if not key:
            continue
        field = known.get(key)
        if field is None:
            problems.append(
                Problem(
                    where,
                    row,
                    f'unknown column "{title.strip()}"; the columns packgen reads are '
                    f"{documented}: rename or delete this column",
                )
            )
        elif field in found:
            problems.append(
                Problem(
                    where,
                    row,
                    f'two columns give the {field} ("{header[found[field]].strip()}" and "{title.strip()}"); keep one',
                )
            )
        else:
            found[field] = index
    if "name" not in found:
        problems.append(Problem(where, row, f"no name column: the first row must name the columns, e.g. {documented}"))
        return None, problems
    return found, problems


def _person(
    number: int, cells: list[str], columns: dict[str, int], headed: set[int], where: str, problems: list[Problem]
) -> Person | None:
    values = {field: _clean(cells[index]) if index < len(cells) else "" for field, index in columns.items()}
    found = len(problems)
    name = values["name"]
    if not name:
        problems.append(Problem(where, number, "the name is empty; fill it in, or delete the row"))
    for field, value in values.items():
        limit = MAX_NAME if field == "name" else MAX_FIELD
        if len(value) > limit:
            problems.append(
                Problem(
                    where,
                    number,
                    f"the {field} is {len(value)} characters long; at most {limit} "
                    "fit on the cover, certificate and sign-in sheet: shorten it",
                )
            )
        trouble = character_trouble(cells[columns[field]] if columns[field] < len(cells) else "")
        if trouble:
            problems.append(Problem(where, number, f"the {field} {trouble}"))
        if "?" in value or "\ufffd" in value:
            problems.append(
                Problem(
                    where,
                    number,
                    f'the {field} "{value}" has a "?" where a letter was lost: Excel\'s '
                    "older CSV format (Windows-1252) cannot hold letters such as ŷ "
                    'and ŵ. Type the letter again and save the list as "CSV UTF-8"'
                    " or as an Excel workbook (.xlsx)",
                )
            )
    if values.get("email") and not EMAIL.fullmatch(values["email"]):
        problems.append(
            Problem(
                where, number, f'the email "{values["email"]}" is not an email address; correct it or leave it blank'
            )
        )
    extra = [cell for index, cell in enumerate(cells) if index not in headed and cell.strip()]
    if extra:
        problems.append(
            Problem(
                where,
                number,
                f'"{extra[0].strip()}" is in a column with no heading; give the '
                "column a heading or delete what is in it",
            )
        )
    if len(problems) > found:
        return None
    return Person(number, name, values.get("role", ""), values.get("ward", ""), values.get("email", ""))


def character_trouble(text: str) -> str | None:
    """What is wrong with the characters of `text` for a name on a cover, said for a person
    ("holds RIGHT-TO-LEFT OVERRIDE (U+202E), ..."), or None. Invisible format characters
    (bidi overrides, zero-width spaces, soft hyphens) are refused, not stripped: they can make
    a name read differently from what is printed, and nobody can see them to check."""
    breaks = [c for c in dict.fromkeys(text) if CONTROL.match(c) or c in "\u2028\u2029"]
    if breaks:
        codes = ", ".join(f"U+{ord(c):04X}" for c in breaks[:3])
        return f"holds a line break or a control character ({codes}); put it on one line"
    invisible = [c for c in dict.fromkeys(text) if unicodedata.category(c) == "Cf"]
    if invisible:
        return (
            f"holds {_described(invisible)}, invisible but able to change how the text reads "
            "(often pasted in with it); retype it without"
        )
    unprintable = [
        c
        for c in dict.fromkeys(text)
        if not c.isascii() and (unicodedata.category(c) in NOT_LETTERS or ord(c) not in printable())
    ]
    if unprintable:
        return (
            f"holds {_described(unprintable)}, which the pack's fonts cannot print; "
            "use letters they print (Latin including Welsh, Greek, Cyrillic)"
        )
    return None


def _described(characters: list[str]) -> str:
    """RIGHT-TO-LEFT OVERRIDE (U+202E) and SOFT HYPHEN (U+00AD): each character by its Unicode name."""
    names = [f"{unicodedata.name(c, 'an unnamed character')} (U+{ord(c):04X})" for c in characters[:3]]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _clean(value: str) -> str:
    """One line, spaces collapsed, letters in their composed form (so "â" is one character)."""
    return unicodedata.normalize("NFC", " ".join(value.split()))


def _duplicates(people: list[Person], where: str) -> list[Problem]:
    """The same person twice: the same name, role and ward, or the same email address."""
    problems = []
    seen: dict[tuple, Person] = {}
    for person in people:
        keys: list[tuple[str, ...]] = [
            ("person", _collation(person.name), _collation(person.role), _collation(person.ward))
        ]
        if person.email:
            keys.append(("email", person.email.lower()))
        for key in keys:
            first = seen.setdefault(key, person)
            if first is not person:
                what = "the same email address as" if key[0] == "email" else "the same person as"
                problems.append(
                    Problem(
                        where,
                        person.row,
                        f"{person.name} is {what} row {first.row} ({first.name}); delete one of the two rows",
                    )
                )
                break
    return problems


def _collation(text: str) -> str:
    """Text for comparing and sorting: no accents, apostrophes, hyphens or case (O'Brien sorts as obrien)."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isalnum() or c == " ").casefold().strip()


def _with_slugs(people: list[Person]) -> list[Person]:
    """Each person's folder name, from their name: jane-smith, and jane-smith-2 for a second Jane Smith."""
    taken: set[str] = set()
    result = []
    for person in people:
        base = _slug(person.name)
        slug, count = base, 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        taken.add(slug)
        result.append(Person(person.row, person.name, person.role, person.ward, person.email, slug))
    return result


def _slug(name: str) -> str:
    """A folder name from a person's name, every letter transliterated (python-slugify): dropping
    what ASCII lacks turned "Łukasz" into "ukasz"."""
    slug = slugify(name.replace("'", "").replace("’", ""), max_length=SLUG_LENGTH)
    return slug or "person"
