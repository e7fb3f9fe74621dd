"""Word's habits in pasted text: characters that print as nothing, and non-breaking spaces.

A content file is often written in Word and pasted into a text editor. Soft hyphens, zero-width
spaces and text-direction controls come with it: invisible on screen, they break quiz answers
and searches, or reorder what a reader sees, so each is refused with its line and column.
Non-breaking spaces are read as ordinary spaces (packgen decides where lines break), except
between a number and its unit ("10 mm", "28 %"), where a print designer would keep one.
"""

from __future__ import annotations

import re

from generator.errors import Problem

# Characters that print as nothing but change the text: Word's soft hyphens and zero-width
# spaces break searches and quiz answers; bidi controls reorder what a reader sees.
INVISIBLE_CHARACTERS = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u061c": "Arabic letter mark",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    **{chr(c): "text-direction control" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}
# Non-breaking spaces are read as ordinary spaces (packgen decides where lines break), except
# between a number and a unit, where a print designer would put one: "10 mm", "28 %".
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
NO_BREAK = re.compile(rf"(?P<number>\d?)[{NO_BREAK_SPACES}](?P<unit>(?:%|mm|cm|km|kg|m|g|am|pm)(?![^\W\d_]))?")


def invisible_characters(text: str, shown_as: str) -> list[Problem]:
    """Each invisible character with its line and column, and the words just before it to find it by."""
    problems = []
    for index, char in enumerate(text):
        if char in INVISIBLE_CHARACTERS:
            line_start = text.rfind("\n", 0, index) + 1
            before = text[max(line_start, index - 20) : index].lstrip()
            problems.append(
                Problem(
                    shown_as,
                    text.count("\n", 0, index) + 1,
                    f"column {index - line_start + 1} holds an invisible {INVISIBLE_CHARACTERS[char]} "
                    f"(U+{ord(char):04X}), often pasted from Word"
                    + (f', just after "{before}"' if before else "")
                    + "; delete it",
                )
            )
    return problems[:20]


def plain_spaces(text: str) -> str:
    """Non-breaking spaces as ordinary spaces, except between a number and its unit."""
    return NO_BREAK.sub(lambda m: m[0] if m["number"] and m["unit"] else f"{m['number']} {m['unit'] or ''}", text)
