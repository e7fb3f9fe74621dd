"""Every artefact kind `packgen build` makes, by the module that makes it: the one list.

The CLI's `--only` choices, the build's order and each artefact module's KINDS all come from
here. It imports nothing, so `packgen --help` does not pay for loading the renderers.
"""

from __future__ import annotations

BY_MODULE: dict[str, tuple[str, ...]] = {
    "booklet": ("booklet",),
    "appendix": ("appendix",),
    "handout": ("handout",),
    "quiz": ("quiz-sheet",),
    "quiz_key": ("quiz-key",),
    "quiz_moodle": ("quiz-moodle",),
    "quiz_gift": ("quiz-gift",),
    "cards": ("cards-sheet",),
    "cards_print": ("cards-print",),
    "print_booklet": ("booklet-imposed", "booklet-print"),
    "large_print": ("booklet-large",),
    "web": ("web",),
}
KINDS: tuple[str, ...] = tuple(kind for kinds in BY_MODULE.values() for kind in kinds)

# The optional content file each optional kind is made from, to say why --only made nothing.
QUIZ_KINDS = BY_MODULE["quiz"] + BY_MODULE["quiz_key"] + BY_MODULE["quiz_moodle"] + BY_MODULE["quiz_gift"]
MADE_FROM = {kind: "quiz.yaml" for kind in QUIZ_KINDS}
MADE_FROM |= {kind: "cards.yaml" for kind in BY_MODULE["cards"] + BY_MODULE["cards_print"]}

# Modules whose artefacts are used together: `--only` one of them renders the other again too
# when it is already in the output folder (unless its inputs are unchanged), so they always
# match: a quiz sheet and its key share a code; the card sheet and print file, their words.
TOGETHER = (("quiz", "quiz_key"), ("cards", "cards_print"))
