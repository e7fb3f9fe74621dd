"""Every artefact `packgen build` makes, described once: the one table.

One entry per artefact module says what it makes (kinds), which other modules' outputs it reads
(needs), which content and template files and which build options it reads, what it is made from
and what goes with it. The build's order and its modules (pipeline/build.py), each module's cache
key (pipeline/inputs.py), the CLI's `--only` choices and `--help`, the manifest's kinds and each
artefact module's KINDS and NEEDS all come from here. It imports nothing, so `packgen --help`
does not pay for loading the renderers.

Adding an artefact kind: one Artefact entry below, plus the module its `module` names, with
`render(context, earlier) -> list[Output]`. tests/test_registry.py renders every entry and fails
if it loads a template its `templates` globs do not cover.
"""

from __future__ import annotations

from dataclasses import dataclass

# Content files only some artefacts read; every other content file (pack.yaml, the sections,
# the logo, council.yaml and its logo and fonts) is read by every artefact.
OPTIONAL_CONTENT = ("quiz.yaml", "cards.yaml")

# The build options an artefact's output may show; every artefact prints the build date.
OPTIONS = ("built", "appendix_label", "seed", "quiz_variants", "quiz_questions")
QUIZ_OPTIONS = ("built", "seed", "quiz_variants", "quiz_questions")

# Page furniture every HTML artefact prints: the branding variables, the watermark, the wording.
_FURNITURE = ("parts/branding.html.j2", "parts/watermark.html.j2", "parts/wording.j2", "styles/common.css", "fonts/*")
# The document template and what it includes: the booklet, the appendix and large print.
_DOCUMENT = (*_FURNITURE, "document.html.j2", "parts/*", "sections/*")


@dataclass(frozen=True)
class Artefact:
    """One artefact module, as the build, the cache and the CLI see it."""

    name: str  # the module's name in the build (manifest inputs, progress lines, errors)
    module: str  # its Python module path, imported only by the build
    kinds: tuple[str, ...]  # what it makes, in the manifest's order
    templates: tuple[str, ...]  # globs under templates/ of every template file it reads (fonts too)
    content: tuple[str, ...] = ()  # the OPTIONAL_CONTENT files it reads (besides what every artefact reads)
    needs: tuple[str, ...] = ()  # entries whose outputs it reads (the key cites the booklet's pages)
    options: tuple[str, ...] = ("built",)  # the build options its output shows
    made_from: str | None = None  # the optional content file without which it makes nothing
    goes_with: tuple[str, ...] = ()  # entries rendered again with it under --only, so they match
    weasyprint: bool = True  # whether it lays out HTML with WeasyPrint (the handout does not)
    # How it names its files: "<kind>.<files>" (quiz sheets and keys add a version letter:
    # quiz-sheet-A.pdf), or with files="folder" a folder of the kind's name (web/index.html).
    files: str = "pdf"
    # A pack in several languages has each language's artefacts in build/<pack>/<code>/; an entry
    # with each_language=False is made once, at build/<pack>/, from every language (Moodle's one
    # bilingual bank, the flip booklet, the bilingual cards), its `earlier` keyed "<kind>:<code>"
    # ("booklet:cy") and its context's `packs` the pack in each language. One language: as any other
    # (the bilingual-only modules make nothing for a pack not in both Welsh and English).
    each_language: bool = True
    bilingual_only: bool = False  # makes something only for a pack in both Welsh and English
    # Which sections it reads: None, every one; "cards.yaml" or "quiz.yaml", only the sections that
    # file cites (a card's from:; a question's section:, a generate: entry's), so an edit to another
    # section leaves it as it was (pipeline/reach.py). Only while the templates it uses are packgen's.
    sections_cited_by: str | None = None
    # Whether it reads of the booklet (in needs) only the pages its answers are on (the BookletPages
    # hand-off), not the booklet's bytes: an edit that moves no cited answer leaves it as it was.
    reads_pages: bool = False


ARTEFACTS: tuple[Artefact, ...] = (
    Artefact(
        "booklet",
        "generator.artefacts.booklet",
        ("booklet",),
        templates=(*_DOCUMENT, "styles/booklet.css", "styles/print-notes.css"),
    ),
    Artefact(
        "appendix",
        "generator.artefacts.appendix",
        ("appendix",),
        templates=(*_DOCUMENT, "styles/appendix.css"),
        options=("built", "appendix_label"),
    ),
    Artefact(
        "handout",
        "generator.artefacts.handout",
        ("handout",),
        templates=("parts/wording.j2",),  # styled in code, never by CSS or HTML templates
        weasyprint=False,
        files="docx",
    ),
    Artefact(
        "quiz",
        "generator.artefacts.quiz.sheet",
        ("quiz-sheet",),
        templates=(*_FURNITURE, "quiz-*", "styles/quiz.css"),
        content=("quiz.yaml",),
        options=QUIZ_OPTIONS,
        made_from="quiz.yaml",
        goes_with=("quiz_key",),  # a sheet and its key share a code
        sections_cited_by="quiz.yaml",
    ),
    Artefact(
        "quiz_key",
        "generator.artefacts.quiz.key",
        ("quiz-key",),
        templates=(*_FURNITURE, "quiz-*", "styles/quiz.css"),
        content=("quiz.yaml",),
        needs=("booklet",),  # the key gives the booklet pages of each answer, as the booklet was rendered
        options=QUIZ_OPTIONS,
        made_from="quiz.yaml",
        goes_with=("quiz",),
        sections_cited_by="quiz.yaml",
        reads_pages=True,
    ),
    Artefact(
        "quiz_moodle",
        "generator.artefacts.quiz.moodle",
        ("quiz-moodle",),
        templates=(),
        content=("quiz.yaml",),
        options=QUIZ_OPTIONS,
        made_from="quiz.yaml",
        weasyprint=False,
        files="xml",
        each_language=False,  # one bank whose texts carry every language (Moodle's multilang spans)
        sections_cited_by="quiz.yaml",
    ),
    Artefact(
        "quiz_gift",
        "generator.artefacts.quiz.gift",
        ("quiz-gift",),
        templates=(),
        content=("quiz.yaml",),
        options=QUIZ_OPTIONS,
        made_from="quiz.yaml",
        weasyprint=False,
        files="txt",
        sections_cited_by="quiz.yaml",
    ),
    Artefact(
        "cards",
        "generator.artefacts.cards",
        ("cards-sheet",),
        templates=(*_FURNITURE, "cards.*"),
        content=("cards.yaml",),
        made_from="cards.yaml",
        goes_with=("cards_print",),  # the card sheet and the print file carry the same words
        sections_cited_by="cards.yaml",
    ),
    Artefact(
        "cards_print",
        "generator.artefacts.cards_print",
        ("cards-print",),
        templates=(*_FURNITURE, "cards.*", "icc/*.icc"),  # the print-shop file's output intent
        content=("cards.yaml",),
        made_from="cards.yaml",
        goes_with=("cards",),
        sections_cited_by="cards.yaml",
    ),
    Artefact(
        "print_booklet",
        "generator.artefacts.print_booklet",
        ("booklet-imposed", "booklet-print"),
        templates=(*_FURNITURE, "print-instructions*", "styles/print-instructions.css", "icc/*.icc"),
        needs=("booklet",),
    ),
    Artefact(
        "bilingual_booklet",
        "generator.artefacts.bilingual_booklet",
        ("booklet-bilingual",),
        templates=(*_FURNITURE, "print-instructions*", "styles/print-instructions.css"),
        needs=("booklet",),  # the booklet in Welsh and in English, as built: `earlier` "booklet:cy", "booklet:en"
        each_language=False,  # the flip booklet: Welsh from the front cover, English from the back
        bilingual_only=True,
    ),
    Artefact(
        "cards_bilingual",
        "generator.artefacts.cards_bilingual",
        ("cards-sheet-bilingual", "cards-print-bilingual"),
        templates=(*_FURNITURE, "cards.*", "icc/*.icc"),  # each face is measured as cards.html.j2 lays it out
        content=("cards.yaml",),
        made_from="cards.yaml",
        each_language=False,  # Welsh on each card's front, English on its back (from `context.packs`)
        bilingual_only=True,
        sections_cited_by="cards.yaml",
    ),
    Artefact(
        "large_print",
        "generator.artefacts.large_print",
        ("booklet-large",),
        templates=(*_DOCUMENT, "styles/large.css"),
    ),
    Artefact(
        "web",
        "generator.artefacts.web",
        ("web",),
        templates=(*_FURNITURE, "sections/*", "web/*"),
        content=("cards.yaml",),  # the web page ends with the cards' words
        weasyprint=False,
        files="folder",  # web/index.html, with its stylesheet, fonts and logo beside it
    ),
)

# packgen's own template files no build artefact reads: packgen induct's, the committee report's,
# and notes for people. A template file packgen does not ship (a council's own addition, which its
# own templates may include) counts for every artefact, so it can cost a rebuild but never leave
# a stale artefact in the cache.
READ_BY_NO_ARTEFACT = (
    "induct/*",
    "report/*",
    "styles/certificate.css",
    "styles/sign-in-sheet.css",
    "styles/induct-stamps.css",
    "icc/README.md",
)

BY_NAME: dict[str, Artefact] = {artefact.name: artefact for artefact in ARTEFACTS}
BY_MODULE: dict[str, tuple[str, ...]] = {artefact.name: artefact.kinds for artefact in ARTEFACTS}
KINDS: tuple[str, ...] = tuple(kind for artefact in ARTEFACTS for kind in artefact.kinds)
MODULE_OF_KIND: dict[str, str] = {kind: artefact.name for artefact in ARTEFACTS for kind in artefact.kinds}

# The optional content file each optional kind is made from, to say why --only made nothing.
MADE_FROM: dict[str, str] = {kind: a.made_from for a in ARTEFACTS if a.made_from for kind in a.kinds}
BILINGUAL_ONLY: frozenset[str] = frozenset(kind for a in ARTEFACTS if a.bilingual_only for kind in a.kinds)
QUIZ_KINDS: tuple[str, ...] = tuple(kind for kind, made_from in MADE_FROM.items() if made_from == "quiz.yaml")

# Modules whose artefacts are used together: `--only` one of them renders the other again too
# when it is already in the output folder (unless its inputs are unchanged), so they always match.
TOGETHER: tuple[tuple[str, str], ...] = tuple(
    (a.name, other) for a in ARTEFACTS for other in a.goes_with if a.name < other
)
