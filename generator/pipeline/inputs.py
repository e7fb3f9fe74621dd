"""What each artefact reads, hashed into one key.

Every artefact module's output depends on some content files, some template files (fonts
included), some build options, packgen's own version and, for a module that reads an earlier
artefact (the quiz key reads the booklet's page numbers), that artefact's bytes. Hashing
exactly those gives the module's key. The cache reuses a module's previous output only when
the key is the same, and `--only` keeps a previous artefact only on the same condition;
manifest.json records each artefact's key and what went into it.

What each module reads is declared once, in its entry in generator/artefacts/registry.py
(tests/test_registry.py renders each one and checks). The rules are safe by default: a content
file no entry names, and a template file packgen does not ship (a council's own addition), is
read by every module, so a new file can cost a rebuild but never leave a stale artefact.
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
from generator.artefacts.registry import BY_NAME, OPTIONAL_CONTENT, Artefact
from generator.paths import PACKAGE, TEMPLATES
from generator.publish.manifest import Manifest

READABLE = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg"}

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
    own: frozenset[str] = frozenset()  # packgen's own template files, templates-relative

    def for_module(self, module: str) -> Inputs:
        """The inputs of one module, as its registry entry declares them."""
        entry = BY_NAME[module]
        return Inputs(
            module,
            {path: sha for path, sha in self.content.items() if reads_content(entry, path)},
            {path: sha for path, sha in self.templates.items() if reads_template(entry, path, self.own)},
            {name: self.options[name] for name in entry.options},
            location=self.location,
        )


def reads_content(entry: Artefact, path: str) -> bool:
    """Every artefact reads every content file but the optional ones (quiz.yaml, cards.yaml) it does not name."""
    return path not in OPTIONAL_CONTENT or path in entry.content


def reads_template(entry: Artefact, path: str, own: frozenset[str] | set[str]) -> bool:
    """A template file the entry's globs name, or one packgen does not ship (`own`): a council's
    own addition, which its templates may include from any artefact's template."""
    path = path.removeprefix("packgen/")
    return path not in own or _matches(path, entry.templates)


def _matches(path: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, glob) for glob in globs)


def sources(content: dict[str, str], templates_dir: Path, options: dict[str, object], pack_dir: Path) -> Sources:
    """The templates as the loader sees them: a council's folder holds only what it changes and
    packgen's own fill the gaps; packgen's are also reachable as packgen/<name> (templating.loader)."""
    own = folder_digests(TEMPLATES)
    templates = {**own, **folder_digests(templates_dir)} | {f"packgen/{path}": sha for path, sha in own.items()}
    return Sources(dict(content), templates, dict(options), str(Path(pack_dir).resolve()), frozenset(own))


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


def changed_since(before: dict[str, str], previous: Manifest | dict | None) -> bool:
    """Whether a content file differs from the one the previous build (its manifest) read: then a
    render is likely, and the renderers may as well start importing WeasyPrint at once. A guess
    only (templates and options count too, and are known later): the cache decides what is rendered."""
    previous = Manifest.of(previous) if isinstance(previous, dict) else previous
    content = previous.content if previous is not None else None
    if content is None:
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


def _scratch(path: Path) -> bool:
    """Editors' swap and backup files, which no renderer reads."""
    return path.name.startswith(".") or path.name.endswith(("~", ".swp", ".tmp"))


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()
