"""What each artefact reads, hashed into one key.

Every artefact module's output depends on some content files, some template files (fonts
included), some build options, packgen's own version and, for a module that reads an earlier
artefact (the quiz key reads the booklet's page numbers), that artefact's bytes. Hashing
exactly those gives the module's key. The cache reuses a module's previous output only when
the key is the same, and `--only` keeps a previous artefact only on the same condition;
manifest.json records each artefact's key and what went into it.

The rules below are deliberately safe by default: a content or template file no rule names
is read by every module, so a new file can cost a rebuild but never leave a stale artefact.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.content.council_files import council_assets
from generator.paths import PACKAGE, TEMPLATES

PDF_MODULES = frozenset(
    {"booklet", "appendix", "quiz", "quiz_key", "cards", "cards_print", "print_booklet", "large_print"}
)
HTML_MODULES = PDF_MODULES | {"web"}  # the web page reads the section templates and fonts too
QUIZ_MODULES = frozenset({"quiz", "quiz_key", "quiz_moodle", "quiz_gift"})
EVERY_MODULE = None  # a file no rule names is read by every module, including ones added later

# Content files read by only some modules, first match wins; every other file is read by all.
CONTENT_READERS = (
    ("quiz.yaml", QUIZ_MODULES),
    ("cards.yaml", {"cards", "cards_print", "web"}),  # the web page ends with the cards' words
)

# Template files read by only some modules, first match wins; every other file is read by all.
TEMPLATE_READERS = (
    ("quiz-*", {"quiz", "quiz_key"}),
    ("styles/quiz.css", {"quiz", "quiz_key"}),
    ("cards.*", {"cards", "cards_print"}),
    ("print-instructions*", {"print_booklet"}),
    ("styles/print-instructions.css", {"print_booklet"}),
    ("parts/appendix-title.html.j2", {"appendix"}),
    ("styles/appendix.css", {"appendix"}),
    ("icc/*", {"cards_print", "print_booklet"}),  # the print-shop files' output intent
    ("styles/large.css", {"large_print"}),
    ("web/*", {"web"}),
    ("*.css", PDF_MODULES),  # the Word handout is styled in code, never by CSS or HTML templates
    ("*.html.j2", HTML_MODULES),
    ("fonts/*", HTML_MODULES),
)

READABLE = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg"}

# Build options each module's output shows. Every module prints the build date (the stamp).
OPTIONS = {
    "booklet": ("built",),
    "appendix": ("built", "appendix_label"),
    "handout": ("built",),
    "quiz": ("built", "seed", "quiz_variants", "quiz_questions"),
    "quiz_key": ("built", "seed", "quiz_variants", "quiz_questions"),
    "quiz_moodle": ("built", "seed", "quiz_variants", "quiz_questions"),
    "quiz_gift": ("built", "seed", "quiz_variants", "quiz_questions"),
    "cards": ("built",),
    "cards_print": ("built",),
    "print_booklet": ("built",),
    "large_print": ("built",),
    "web": ("built",),
}

# Libraries whose version changes the bytes of what they write.
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "python-docx", "pikepdf", "jinja2", "segno", "cairosvg", "pillow")


@dataclass(frozen=True)
class Inputs:
    """One module's inputs: the content and template files it reads, its options, what it runs after."""

    module: str
    content: dict[str, str]  # pack-relative path -> sha256 of the bytes
    templates: dict[str, str]  # templates-relative path -> sha256
    options: dict[str, object]
    needs: dict[str, str] = field(default_factory=dict)  # earlier artefact file -> sha256 of its bytes
    location: str = ""  # where the pack is: the HTML kept for a preview names its logo by path

    @property
    def key(self) -> str:
        facts = {
            "module": self.module,
            "content": self.content,
            "templates": self.templates,
            "options": self.options,
            "needs": self.needs,
            "location": self.location,
            "software": software(),
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()

    def after(self, earlier: dict[str, bytes]) -> Inputs:
        """These inputs, plus the bytes of the earlier artefacts the module reads."""
        needs = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(earlier.items())}
        return Inputs(self.module, self.content, self.templates, self.options, needs, self.location)

    def as_manifest(self) -> dict:
        """What manifest.json says about one artefact's inputs (file hashes are listed once, at the top)."""
        return {
            "sha256": self.key,
            "content": sorted(self.content),
            "templates_sha256": _digest(self.templates),
            "options": self.options,
            **({"after": self.needs} if self.needs else {}),
        }


@dataclass(frozen=True)
class Sources:
    """The hashes of every file a build may read, taken once, and the build options."""

    content: dict[str, str]
    templates: dict[str, str]
    options: dict[str, object]
    location: str

    def for_module(self, module: str) -> Inputs:
        return Inputs(
            module,
            _read_by(module, self.content, CONTENT_READERS),
            _read_by(module, self.templates, TEMPLATE_READERS),
            {name: self.options[name] for name in OPTIONS.get(module, sorted(self.options))},
            location=self.location,
        )


def sources(content: dict[str, str], templates_dir: Path, options: dict[str, object], pack_dir: Path) -> Sources:
    """The templates as the loader sees them: a council's folder holds only what it changes and
    packgen's own fill the gaps; packgen's are also reachable as packgen/<name> (templating.loader)."""
    own = folder_digests(TEMPLATES)
    templates = {**own, **folder_digests(templates_dir)} | {f"packgen/{path}": sha for path, sha in own.items()}
    return Sources(dict(content), templates, dict(options), str(Path(pack_dir).resolve()))


def content_files(pack_dir: Path, pack) -> dict[str, Path]:
    """The files the content reader read for `pack`, by the name the manifest gives them:
    pack.yaml, its sections, quiz, cards and logo, and the council's council.yaml, logo and fonts
    (named council/... when they are outside the pack folder)."""
    pack_dir = Path(pack_dir).resolve()
    files = [pack_dir / "pack.yaml"] + [pack_dir / "sections" / f"{s.id}.yaml" for s in pack.sections]
    files += [
        pack_dir / name for name, part in (("quiz.yaml", pack.quiz), ("cards.yaml", pack.cards)) if part is not None
    ]
    if pack.logo is not None:
        files.append(pack_dir / pack.logo.file)
    council = getattr(pack, "council", None)
    folder = Path(council.folder).resolve() if council is not None else pack_dir
    if council is not None:
        files += [folder / "council.yaml", *council_assets(council)]
    return {_shown_name(Path(f).resolve(), pack_dir, folder): Path(f) for f in files}


def _shown_name(path: Path, pack_dir: Path, council_folder: Path) -> str:
    if path.is_relative_to(pack_dir):
        return path.relative_to(pack_dir).as_posix()
    if path.is_relative_to(council_folder):
        return "council/" + path.relative_to(council_folder).as_posix()
    return "council/" + path.as_posix()


def readable_digests(pack_dir: Path) -> dict[str, str]:
    """Before the content is read: the hash of every file the reader might read (YAML and images).
    An unreadable file is left out: the reader reports it."""
    pack_dir = Path(pack_dir)
    digests = {}
    beside = pack_dir.resolve().parent / "council.yaml"
    if beside.is_file():
        digests["council/council.yaml"] = _sha256_file(beside)
    for path in sorted(pack_dir.rglob("*")):
        relative = path.relative_to(pack_dir)
        if path.suffix.lower() not in READABLE or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            if path.is_file():
                digests[relative.as_posix()] = _sha256_file(path)
        except OSError:
            pass
    return digests


def loaded_digests(pack_dir: Path, pack, before: dict[str, str]) -> tuple[dict[str, str], bool]:
    """The hashes of the files the content was read from, and whether each is still what it was
    before the reading started (for files hashed then): if so, those are the bytes that were read."""
    content, whole = {}, True
    for shown, path in content_files(pack_dir, pack).items():
        try:
            content[shown] = _sha256_file(path)
        except OSError:
            content[shown], whole = "unreadable", False
        if shown in before or not shown.startswith("council/"):
            whole = whole and before.get(shown) == content[shown]
    return content, whole


def changed_since(before: dict[str, str], previous: dict | None) -> bool:
    """Whether a content file differs from the one the previous build (its manifest) read: then a
    render is likely, and the renderers may as well start importing WeasyPrint at once. A guess
    only (templates and options count too, and are known later): the cache decides what is rendered."""
    facts = previous.get("inputs") if isinstance(previous, dict) else None
    content = facts.get("content") if isinstance(facts, dict) else None
    if not isinstance(content, dict):
        return True
    return any(
        before.get(name) != digest
        for name, digest in content.items()
        if name in before or not name.startswith("council/")
    )


def manifest_facts(content: dict[str, str]) -> dict:
    """The top of manifest.json's `inputs`: each content file's hash once, and the software."""
    return {"content": dict(sorted(content.items())), "software": software()}


def folder_digests(folder: Path) -> dict[str, str]:
    """Every regular file under `folder` (a templates folder, fonts included) with its hash."""
    folder = Path(folder)
    return {
        p.relative_to(folder).as_posix(): _sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not _scratch(p)
    }


@lru_cache(maxsize=1)
def software() -> dict[str, str]:
    """packgen's version and the versions of the libraries that write the bytes."""
    versions = {"packgen": __version__, "packgen_code": _code_digest()}
    for library in LIBRARIES:
        try:
            versions[library] = metadata.version(library)
        except metadata.PackageNotFoundError:
            pass
    return versions


def _code_digest() -> str:
    """A hash of packgen's own source: an installed copy edited in place is another packgen."""
    package = PACKAGE
    return _digest({p.relative_to(package).as_posix(): _sha256_file(p) for p in sorted(package.rglob("*.py"))})


def _read_by(module: str, digests: dict[str, str], rules) -> dict[str, str]:
    readers = {path: _readers(path, rules) for path in digests}
    return {
        path: digest for path, digest in digests.items() if readers[path] is EVERY_MODULE or module in readers[path]
    }


def _readers(path: str, rules) -> frozenset[str] | None:
    path = path.removeprefix("packgen/")
    for pattern, modules in rules:
        if fnmatch.fnmatchcase(path, pattern):
            return frozenset(modules)
    return EVERY_MODULE


def _scratch(path: Path) -> bool:
    """Editors' swap and backup files, which no renderer reads."""
    return path.name.startswith(".") or path.name.endswith(("~", ".swp", ".tmp"))


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()
