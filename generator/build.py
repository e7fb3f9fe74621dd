"""The whole job, top to bottom: load, validate, render each artefact, write atomically."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from generator import appendix, booklet, cards, handout, print_booklet, quiz, quiz_gift, quiz_moodle
from generator.artefact import BuildContext, Output
from generator.clock import build_date, epoch_of
from generator.control import check_before_build
from generator.errors import RenderError
from generator.content.reader import content_hash, load_pack
from generator.people_folder import carried_people_files
from generator.manifest import MANIFEST, artefact_entry, dump, make_manifest, read_manifest
from generator.output import locked, publish
from generator.templating import TEMPLATES

# Every artefact module, by hand. Each has KINDS (what it makes), NEEDS (modules whose
# outputs it reads, e.g. the rendered booklet's page numbers) and
# render(context, earlier) -> list[Output].
ARTEFACTS = {
    "booklet": booklet,
    "appendix": appendix,
    "handout": handout,
    "quiz": quiz,
    "quiz_moodle": quiz_moodle,
    "quiz_gift": quiz_gift,
    "cards": cards,
    "print_booklet": print_booklet,
}
KINDS = tuple(kind for module in ARTEFACTS.values() for kind in module.KINDS)

# Limits on each renderer process, so a pathological input cannot hang or swamp the machine.
RENDER_SECONDS = 120
RENDER_MEMORY_BYTES = 4 * 1024**3


@dataclass(frozen=True)
class BuildRequest:
    pack_dir: Path
    out_root: Path = Path("build")
    only: tuple[str, ...] = ()
    keep_html: bool = False
    appendix_label: str = "Appendix A"
    as_of: dt.date | None = None
    quiz_variants: int = 1
    quiz_questions: int | None = None  # None: every question of the bank on every sheet
    seed: int = 1
    strict: bool = False
    allow_superseded: bool = False
    templates: Path | None = None  # a council's own templates folder, run in the sandbox


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    manifest: dict
    written: list[Output]
    warnings: list[str]

    @property
    def notes(self) -> list[str]:
        """What the renderers want the person at the keyboard to know (e.g. pages added for print)."""
        return list(dict.fromkeys(note for output in self.written for note in output.facts.get("notes", [])))


def build(request: BuildRequest) -> BuildResult:
    built = build_date(request.as_of)
    modules = modules_for(request.only)
    with _renderers(len(modules), epoch_of(built)) as pool:
        pack = load_pack(request.pack_dir)  # while the workers import WeasyPrint
        warnings = check_before_build(request.pack_dir, pack, built, request.strict, request.allow_superseded)
        warnings += list(pack.quiz.warnings) if pack.quiz else []
        context = BuildContext(pack, request.pack_dir.resolve(), built, appendix_label=request.appendix_label,
                               quiz_variants=request.quiz_variants, quiz_questions=request.quiz_questions,
                               seed=request.seed, templates=templates_for(request, pack).resolve())
        outputs = _render(pool, modules, context)
    outputs = [o for o in outputs if not request.only or o.kind in request.only]
    return _write(request, context, outputs, warnings)


def templates_for(request: BuildRequest, pack) -> Path:
    """--templates, else a templates/ folder beside the council.yaml, else packgen's own.
    A council's folder may hold only the files it changes: the rest come from packgen's own."""
    if request.templates:
        return request.templates
    beside_council = Path(pack.council.folder) / "templates" if pack.council else None
    return beside_council if beside_council and beside_council.is_dir() else TEMPLATES


def modules_for(only: tuple[str, ...]) -> list[str]:
    """The modules that make the requested kinds, and the modules those need, in registry order."""
    wanted = {name for name, module in ARTEFACTS.items() if not only or set(module.KINDS) & set(only)}
    wanted |= {need for name in wanted for need in ARTEFACTS[name].NEEDS}
    return [name for name in ARTEFACTS if name in wanted]


def _render(pool, modules: list[str], context: BuildContext) -> list[Output]:
    """Render modules with no needs at once; the rest as soon as what they need is done."""
    independent = [m for m in modules if not ARTEFACTS[m].NEEDS]
    dependent = [m for m in modules if ARTEFACTS[m].NEEDS]
    try:
        futures = {m: pool.submit(render_artefact, m, context, {}) for m in independent}
        done = {}
        for m in dependent:
            for need in ARTEFACTS[m].NEEDS:
                done[need] = futures[need].result()
            futures[m] = pool.submit(render_artefact, m, context, _earlier(m, done))
        done = {m: future.result() for m, future in futures.items()}
    except BrokenProcessPool:
        raise RenderError("a renderer stopped unexpectedly (it may have hit the memory limit of "
                          f"{RENDER_MEMORY_BYTES // 1024**3} GiB); nothing was written") from None
    return [output for m in modules for output in done[m]]


def _earlier(module: str, done: dict[str, list[Output]]) -> dict[str, Output]:
    return {o.kind: o for need in ARTEFACTS[module].NEEDS for o in done[need]}


def render_artefact(name: str, context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    """Run one artefact module in a worker, stopped if it takes longer than RENDER_SECONDS."""
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(RENDER_SECONDS)
    try:
        return ARTEFACTS[name].render(context, earlier)
    finally:
        signal.alarm(0)


def _too_slow(signum, frame):
    raise RenderError(f"rendering took longer than the limit of {RENDER_SECONDS} seconds; "
                      "the content is probably far too long. Nothing was written")


class _renderers:
    """Worker processes, forked before the content is loaded so their imports overlap with it."""

    def __init__(self, tasks: int, epoch: int):
        self.workers = max(1, min(tasks, os.cpu_count() or 1))
        self.epoch = epoch

    def __enter__(self):
        self.pool = ProcessPoolExecutor(self.workers, multiprocessing.get_context("fork"),
                                        initializer=_warm_worker, initargs=(self.epoch,))
        self.pool.submit(int)  # forks every worker now
        return self.pool

    def __exit__(self, *exc_info):
        self.pool.shutdown(wait=True, cancel_futures=True)


def _warm_worker(epoch: int) -> None:
    """Set up one renderer process: its limits and its clock, in its own environment only."""
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # font subsetting stamps this time; the caller's is untouched
    import weasyprint  # noqa: F401  (half a second, paid while the parent reads the content)


def _write(request: BuildRequest, context: BuildContext, outputs: list[Output], warnings: list[str]) -> BuildResult:
    out_dir = request.out_root / context.pack.slug
    digest = content_hash(request.pack_dir)
    files = {o.filename: o.data for o in outputs}
    if request.keep_html:
        files |= {_html_name(o.filename): _previewable(o.html, context) for o in outputs if o.html}
    with locked(out_dir):
        previous = read_manifest(out_dir)
        kept = _carry_over(previous, out_dir, digest, {o.kind for o in outputs})
        manifest = make_manifest(context, digest, kept + [artefact_entry(o) for o in outputs],
                                 _build_facts(context, previous, {o.kind for o in outputs}))
        manifest["artefacts"].sort(key=lambda entry: (KINDS.index(entry["kind"]), entry["path"]))
        kept_files = [entry["path"] for entry in kept]
        people, dropped = carried_people_files(out_dir, digest)  # packgen induct's named packs, if still current
        kept_files += people
        warnings = warnings + ([dropped] if dropped else [])
        if request.keep_html:
            kept_files += [p for p in map(_html_name, kept_files) if (out_dir / p).is_file()]
        publish(out_dir, files | {MANIFEST: dump(manifest)}, keep=kept_files)
    return BuildResult(out_dir, manifest, outputs, warnings)


def _build_facts(context: BuildContext, previous: dict | None, rebuilt: set[str]) -> dict:
    """Status for every build; the quiz seed when the quiz was built (or kept from the build that made it)."""
    facts = {"status": context.pack.status, "overdue": context.overdue}
    if rebuilt & set(quiz.KINDS + quiz_moodle.KINDS + quiz_gift.KINDS):  # generated questions follow the seed
        facts |= {"quiz_seed": context.seed, "quiz_variants": context.quiz_variants}
        facts |= {"quiz_questions": context.quiz_questions} if context.quiz_questions else {}
    elif previous and "quiz_seed" in previous:
        facts |= {key: previous[key] for key in ("quiz_seed", "quiz_variants", "quiz_questions") if key in previous}
    return facts


def _carry_over(previous: dict | None, out_dir: Path, digest: str, rebuilt: set[str]) -> list[dict]:
    """Earlier artefacts to keep: those of the same content. Others of older content are dropped,
    since a booklet of one version beside a handout of another would mislead."""
    if not previous or previous.get("content_sha256") != digest:
        return []
    return [a for a in previous.get("artefacts", [])
            if a.get("kind") in KINDS and a.get("kind") not in rebuilt and (out_dir / a.get("path", "")).is_file()]


def _html_name(pdf_name: str) -> str:
    return pdf_name.rsplit(".", 1)[0] + ".html"


def _previewable(html: str, context: BuildContext) -> bytes:
    """Kept HTML gets a <base> pointing at the templates, so it opens in a browser as rendered."""
    base = f'<base href="{context.templates.as_uri()}/">'
    return html.replace("<head>", f"<head>\n{base}", 1).encode("utf-8")
