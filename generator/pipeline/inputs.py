"""What each artefact reads, hashed into one key.

Every artefact module's output depends on some content files, some template files (fonts
included), some build options, packgen's own version and, for a module that reads an earlier
artefact, that artefact's bytes (the print files are made from the booklet's) or only the part
it reads (the quiz key, the booklet pages its answers are on). Hashing exactly those gives the
module's key. The cache reuses a module's previous output only when
the key is the same, and `--only` keeps a previous artefact only on the same condition;
manifest.json records each artefact's key and what went into it.

What each module reads is declared once, in its entry in generator/artefacts/registry.py
(tests/test_registry.py renders each one and checks). The rules are safe by default: a content
file no entry names, and a template file packgen does not ship (a council's own addition), is
read by every module, so a new file can cost a rebuild but never leave a stale artefact.
The cards and the quiz read only the sections their files cite (generator/pipeline/reach.py).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.artefacts.base import BookletPages, Output
from generator.artefacts.registry import BY_NAME, OPTIONAL_CONTENT, Artefact
from generator.content.model import Pack
from generator.paths import PACKAGE, TEMPLATES
from generator.pipeline.reach import Answers, Reach, reach, section_of

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
    facts: dict[str, str] = field(default_factory=dict)  # what it reads of the whole guidance, hashed (reach.py)
    answers: Answers | None = field(default=None, compare=False)  # the booklet pages it reads, if only those

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
            **({"facts": self.facts} if self.facts else {}),
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()

    def after(self, earlier: Mapping[str, bytes | Output]) -> Inputs:
        """These inputs, plus what the module reads of the earlier artefacts, by file name: their
        bytes, or for a module that reads only pages (the quiz key), the booklet's pages it reads
        ("booklet.pdf#pages")."""
        needs = {}
        for name, made in sorted(earlier.items()):
            if isinstance(made, Output) and self.answers is not None and isinstance(made.handoff, BookletPages):
                needs[f"{name}#pages"] = self.answers.digest(made.handoff)
            else:
                needs[name] = hashlib.sha256(made.data if isinstance(made, Output) else made).hexdigest()
        return replace(self, needs=needs)

    def as_manifest(self) -> dict:
        """What manifest.json says about one artefact's inputs (file hashes are listed once, at the top)."""
        return {
            "sha256": self.key,
            "content": sorted(self.content),
            "templates_sha256": _digest(self.templates),
            "options": self.options,
            **({"after": self.needs} if self.needs else {}),
            **({"facts": self.facts} if self.facts else {}),
        }


@dataclass(frozen=True)
class Sources:
    """The hashes of every file a build may read, taken once, and the build options."""

    content: dict[str, str]
    templates: dict[str, str]
    options: dict[str, object]
    location: str
    own: frozenset[str] = frozenset()  # packgen's own template files, templates-relative
    council: frozenset[str] = frozenset()  # the files of a council's templates folder in use, if one is
    reach: Reach | None = None  # what the cards and the quiz cite; None: not known, every section is read

    def for_module(self, module: str) -> Inputs:
        """The inputs of one module, as its registry entry declares them."""
        entry = BY_NAME[module]
        cited = self._cited(entry)
        pages = entry.reads_pages and cited is not None and self.reach is not None
        return Inputs(
            module,
            {path: sha for path, sha in self.content.items() if reads_content(entry, path, cited)},
            {path: sha for path, sha in self.templates.items() if reads_template(entry, path, self.own)},
            {name: self.options[name] for name in entry.options},
            location=self.location,
            facts={
                name: sha for name, sha in (self.reach.facts if self.reach else {}).items() if name in entry.content
            },
            answers=self.reach.answers if pages and self.reach else None,
        )

    def _cited(self, entry: Artefact) -> frozenset[str] | None:
        """The sections the module reads, if only some: those its content file cites, while none of
        the templates it reads is a council's (a council's template may print any section)."""
        if entry.sections_cited_by is None or self.reach is None:
            return None
        if any(reads_template(entry, path, self.own) for path in self.council):
            return None
        return self.reach.cited.get(entry.sections_cited_by)


def reads_content(entry: Artefact, path: str, cited: frozenset[str] | None = None) -> bool:
    """Every artefact reads every content file but the optional ones (quiz.yaml, cards.yaml) it does
    not name, and, given the sections it reads (`cited`), the other sections' files."""
    section = section_of(path)
    if cited is not None and section is not None:
        return section in cited
    return path not in OPTIONAL_CONTENT or path in entry.content


def reads_template(entry: Artefact, path: str, own: frozenset[str] | set[str]) -> bool:
    """A template file the entry's globs name, or one packgen does not ship (`own`): a council's
    own addition, which its templates may include from any artefact's template."""
    path = path.removeprefix("packgen/")
    return path not in own or _matches(path, entry.templates)


def _matches(path: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, glob) for glob in globs)


def sources(
    content: dict[str, str],
    templates_dir: Path,
    options: dict[str, object],
    pack_dir: Path,
    packs: Iterable[Pack] = (),
) -> Sources:
    """The templates as the loader sees them: a council's folder holds only what it changes and
    packgen's own fill the gaps; packgen's are also reachable as packgen/<name> (templating.loader).
    `packs`, the pack in each of its languages as loaded: what the cards and the quiz cite."""
    own = folder_digests(TEMPLATES)
    council = folder_digests(templates_dir) if Path(templates_dir).resolve() != TEMPLATES.resolve() else {}
    templates = {**own, **council} | {f"packgen/{path}": sha for path, sha in own.items()}
    packs = tuple(packs)
    cited = reach(packs) if packs else None
    location = str(Path(pack_dir).resolve())
    return Sources(dict(content), templates, dict(options), location, frozenset(own), frozenset(council), cited)


def _shown_name(path: Path, pack_dir: Path, council_folder: Path) -> str:
    if path.is_relative_to(pack_dir):
        return path.relative_to(pack_dir).as_posix()
    if path.is_relative_to(council_folder):
        return "council/" + path.relative_to(council_folder).as_posix()
    return "council/" + path.as_posix()


def content_digests(pack_dir: Path, pack) -> dict[str, str]:
    """The hash of every file the content was read from, by the name the manifest gives it: taken
    by the reader of the very bytes it read (Pack.source_digests), so nothing is read again here."""
    pack_dir = Path(pack_dir).resolve()
    council = getattr(pack, "council", None)
    folder = Path(council.folder).resolve() if council is not None else pack_dir
    return {
        _shown_name((pack_dir / name).resolve(), pack_dir, folder): digest
        for name, digest in pack.source_digests.items()
    }


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


def _scratch(path: Path) -> bool:
    """Editors' swap and backup files, which no renderer reads."""
    return path.name.startswith(".") or path.name.endswith(("~", ".swp", ".tmp"))


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()
