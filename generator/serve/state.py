"""What the preview page shows, as the builds go: the last good files, the problems, what is on its way.

The build thread writes it (as each artefact module is ready, and when a build ends or fails);
the web server's threads read it. Every file is held in memory exactly as the build made it,
so the server hands out only the build's own bytes and never opens a path it was given.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

from generator.artefacts.registry import BY_MODULE, KINDS
from generator.errors import ContentError, PackgenError

WELSH = "cy"  # shown first of a kind in a bilingual pack, as the Welsh Language Standards expect


@dataclass(frozen=True)
class Shown:
    """One file of the preview: where it came from and its bytes."""

    kind: str
    filename: str
    data: bytes
    pages: int | None
    sha256: str

    @property
    def paged(self) -> bool:
        return self.filename.endswith(".pdf") and bool(self.pages)


class Preview:
    """The state of `packgen serve`, shared between the build loop and the web server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.revision = 0  # goes up on every change, so the page knows when to draw again
        self.files: dict[str, Shown] = {}  # filename -> the last good file of that name
        self.facts: dict[str, object] = {}
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.waiting: list[str] = []  # artefact modules still on their way in this build
        self.building = False
        self.said = ""  # the last line of the build loop, as `packgen watch` prints it
        self.ready_at: dict[str, float] = {}  # module -> when its files arrived (time.monotonic)
        # Files reported by this build so far, by path: a module reports once per language of the
        # pack (cy/booklet.pdf, then en/booklet.pdf), and the Welsh must stay when the English comes.
        self.reported: set[str] = set()

    def started(self, changed: str) -> None:
        with self._lock:
            self.building = True
            self.waiting = list(BY_MODULE)
            self.reported = set()
            self.said = f"building ({changed})"
            self.revision += 1

    def ready(self, module: str, outputs: list, seconds: float | None) -> None:
        """A module's files, as the build's progress callback hands them over (before the build ends),
        once for each language of the pack: the module's files from earlier builds go, while those
        this build has already reported (the other language's, by their paths) stay."""
        with self._lock:
            kinds = set(BY_MODULE.get(module, ()))
            self.files = {
                name: shown for name, shown in self.files.items() if shown.kind not in kinds or name in self.reported
            }
            for output in outputs:
                digest = hashlib.sha256(output.data).hexdigest()
                self.files[output.filename] = Shown(output.kind, output.filename, output.data, output.pages, digest)
                self.reported.add(output.filename)
            if module in self.waiting:
                self.waiting.remove(module)
            self.ready_at[module] = time.monotonic()
            self.revision += 1

    def finished(self, result, said: str) -> None:
        """The build is in place: its manifest's facts, and only the files it wrote."""
        manifest = result.manifest
        with self._lock:
            written = {o.filename for o in result.written}
            self.files = {name: shown for name, shown in self.files.items() if name in written}
            self.facts = {
                key: manifest.get(key) for key in ("title", "organisation", "version", "status", "review_due", "built")
            }
            self.facts["overdue"] = bool(manifest.get("overdue"))
            self.problems = []
            self.notes = [f"Warning: {w}" for w in result.warnings] + [f"Note: {n}" for n in result.notes]
            self._ended(said)

    def failed(self, error: PackgenError, said: str) -> None:
        """Not built: every problem at once; the last good files stay."""
        with self._lock:
            if isinstance(error, ContentError):
                self.problems = [str(problem) for problem in error.problems]
            else:
                self.problems = [error.format_message()]
            self._ended(said)

    def _ended(self, said: str) -> None:
        self.building = False
        self.waiting = []
        self.said = said
        self.revision += 1

    def file(self, filename: str) -> Shown | None:
        with self._lock:
            return self.files.get(filename)

    def by_sha(self, sha256: str) -> Shown | None:
        with self._lock:
            return next((shown for shown in self.files.values() if shown.sha256 == sha256), None)

    def status(self) -> dict:
        """Everything the page draws, as plain JSON."""
        with self._lock:
            order = {kind: number for number, kind in enumerate(KINDS)}
            shown = sorted(self.files.values(), key=lambda s: (order.get(s.kind, len(order)), *_language_first(s)))
            return {
                "revision": self.revision,
                "building": self.building,
                "said": self.said,
                "facts": dict(self.facts),
                "problems": list(self.problems),
                "notes": list(self.notes),
                "waiting": [module.replace("_", " ") for module in self.waiting],
                "files": [
                    {"kind": s.kind, "filename": s.filename, "pages": s.pages, "sha256": s.sha256, "paged": s.paged}
                    for s in shown
                ],
            }


def _language_first(shown: Shown) -> tuple[int, str]:
    """Of one kind, the Welsh file first (cy/booklet.pdf before en/booklet.pdf), then by path."""
    return (0 if shown.filename.startswith(f"{WELSH}/") else 1, shown.filename)
