"""The whole job, top to bottom: load, validate, render each artefact, write atomically."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.artefacts import registry
from generator.artefacts.base import BuildContext, Output
from generator.clock import build_date, epoch_of
from generator.content.control import check_before_build
from generator.content.reader import content_hash, load_pack
from generator.errors import PackgenError, RenderError
from generator.pipeline import choice, inputs, stamps, workers
from generator.pipeline.cache import Cache
from generator.pipeline.inputs import Inputs
from generator.pipeline.plan import Plan, modules_for, needs_weasyprint, plan_build
from generator.pipeline.write import write
from generator.publish.manifest import booklet_notes_pages, read_manifest

KINDS = registry.KINDS
__all__ = ["ARTEFACTS", "KINDS", "BuildRequest", "BuildResult", "build", "modules_for", "needs_weasyprint"]

# Every artefact module, imported from the path its registry entry gives, in registry order.
# Each has render(context, earlier) -> list[Output]; what it makes and reads is in its entry.
ARTEFACTS = {entry.name: importlib.import_module(entry.module) for entry in registry.ARTEFACTS}


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
    force: bool = False  # render everything, reusing nothing from the cache


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    manifest: dict
    written: list[Output]
    warnings: list[str]
    rendered: tuple[str, ...] = ()  # kinds rendered in this build (the rest came from the cache)
    cache_notes: tuple[str, ...] = ()  # the cache's and the build's own notes, gathered in this build

    @property
    def notes(self) -> list[str]:
        """What the renderers want the person at the keyboard to know (e.g. pages added for print)."""
        notes = [note for output in self.written for note in output.notes]
        return list(dict.fromkeys(notes + list(self.cache_notes)))


# Told of each module as soon as it is ready: its name, the outputs this build writes, and the
# seconds into the build when it was rendered (None: it came from the cache).
Progress = Callable[[str, list[Output], float | None], None]


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    built = build_date(request.as_of)
    slug = request.pack_dir.resolve().name
    out_dir, cache = request.out_root / slug, Cache.for_pack(request.out_root, slug)
    previous = read_manifest(out_dir)
    # each content file's stat, no byte read: whether to warm the renderers, what need not be read again
    before = stamps.stamps(request.pack_dir, previous)
    warm = needs_weasyprint(request.only) and (
        request.force or not cache.folder.is_dir() or stamps.changed_since(before, previous, out_dir)
    )
    # one renderer per module asked for, up to one per core: `--only appendix` forks (and imports
    # WeasyPrint into) one process, not one for every core
    with workers.when_needed(len(modules_for(request.only)), epoch_of(built), warm) as pool:
        pack = load_pack(request.pack_dir)  # while the workers import WeasyPrint
        warnings = check_before_build(request.pack_dir, pack, built, request.strict, request.allow_superseded)
        warnings += list(pack.quiz.warnings) if pack.quiz else []
        context = BuildContext(
            pack,
            request.pack_dir.resolve(),
            built,
            appendix_label=request.appendix_label,
            quiz_variants=request.quiz_variants,
            quiz_questions=request.quiz_questions,
            seed=request.seed,
            templates=templates_for(request, pack).resolve(),
            booklet_notes_hint=0 if request.force else booklet_notes_pages(previous),
        )
        content = inputs.content_digests(request.pack_dir, pack)  # of the bytes read, hashed as they were read
        sources = inputs.sources(content, context.templates, _options(context), context.pack_dir, [pack])
        plan = plan_build(request.only, previous.kinds if previous else set())
        resolved = _resolve(pool, plan, context, sources, cache, reuse=not request.force, progress=progress)
    outputs = [o for name in plan.modules if name in resolved for o in resolved[name].outputs if o.kind in plan.kinds]
    resolved_by_kind = {o.kind: done for done in resolved.values() for o in done.outputs}
    module_inputs = {name: done.inputs for name, done in resolved.items()}
    manifest, people_dropped = _write(request, context, outputs, module_inputs, before)
    warnings = warnings + ([people_dropped] if people_dropped else [])
    # stored only once the build is in place (_write found every content file still holding the bytes
    # it was rendered from), so a failed build leaves nothing behind, cache included
    for done in resolved.values():
        if done.seconds is not None:
            cache.put(done.inputs, done.outputs)
    cache.prune({done.inputs.key for done in resolved.values()})
    rendered = tuple(dict.fromkeys(o.kind for o in outputs if resolved_by_kind[o.kind].seconds is not None))
    notes = (*cache.notes, *_removed(plan, outputs, request.only))
    return BuildResult(out_dir, manifest, outputs, warnings, rendered, notes)


def _removed(plan: Plan, outputs: list[Output], only: tuple[str, ...]) -> list[str]:
    """The note for kinds an --only build dropped from the folder (made from other inputs)."""
    dropped = sorted(plan.previous_kinds - {o.kind for o in outputs} - set(only)) if only else []
    if not dropped:
        return []
    return [
        f"removed {', '.join(dropped)}: made from other content, templates or options "
        "than this build; build them again with --only, or build the whole pack"
    ]


def templates_for(request: BuildRequest, pack) -> Path:
    """--templates, else a templates/ folder beside the council.yaml, else packgen's own: chosen in
    generator/pipeline/choice.py, as for check, induct and watch."""
    return choice.templates_in_use(request.pack_dir, request.templates)


@dataclass(frozen=True)
class Resolved:
    inputs: Inputs
    outputs: list[Output]
    seconds: float | None  # when it was ready, in seconds from the start of rendering; None: from the cache


def _resolve(
    pool,
    plan: Plan,
    context: BuildContext,
    sources: inputs.Sources,
    cache: Cache,
    reuse: bool,
    progress: Progress | None,
) -> dict[str, Resolved]:
    """Each module's outputs from the cache if its inputs are unchanged, else rendered in a worker.
    A module starts as soon as what it reads is done; each is reported as soon as it is ready."""
    resolved: dict[str, Resolved] = {}
    running: dict[object, tuple[str, Inputs, float]] = {}  # future -> module, inputs, start time
    waiting = list(plan.modules)

    def report(name: str) -> None:
        if progress:
            progress(name, [o for o in resolved[name].outputs if o.kind in plan.kinds], resolved[name].seconds)

    def start(name: str) -> None:
        needs = registry.BY_NAME[name].needs
        if any(need not in resolved for need in needs):
            return  # what it reads was not made in this build, so neither is it
        earlier = {o.kind: o for need in needs for o in resolved[need].outputs}
        module_inputs = sources.for_module(name).after({o.filename: o for o in earlier.values()})  # bytes, or pages
        cached = cache.get(module_inputs) if reuse else None
        if cached is not None:
            resolved[name] = Resolved(module_inputs, cached, None)
            report(name)
        elif name in plan.render:
            future = pool().submit(render_artefact, name, context, earlier)
            future.add_done_callback(lambda f: finished_at.setdefault(f, time.perf_counter()))
            running[future] = (name, module_inputs, began)

    finished_at: dict[object, float] = {}
    began = time.perf_counter()
    try:
        while waiting or running:
            busy = {name for name, _, _ in running.values()} | set(waiting)
            for name in [n for n in waiting if not set(registry.BY_NAME[n].needs) & busy - {n}]:
                waiting.remove(name)
                start(name)
            if running:
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in done:
                    name, module_inputs, started = running.pop(future)
                    seconds = finished_at.get(future, time.perf_counter()) - started
                    resolved[name] = Resolved(module_inputs, future.result(), seconds)
                    report(name)
    except BrokenProcessPool:
        raise RenderError(
            "a renderer stopped unexpectedly (it may have hit the memory limit of "
            f"{workers.RENDER_MEMORY_BYTES // 1024**3} GiB); nothing was written"
        ) from None
    return resolved


def _options(context: BuildContext) -> dict[str, object]:
    return {
        "built": context.built.isoformat(),
        "appendix_label": context.appendix_label,
        "seed": context.seed,
        "quiz_variants": context.quiz_variants,
        "quiz_questions": context.quiz_questions,
    }


def render_artefact(name: str, context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    """Run one artefact module in a worker, stopped if it takes longer than workers.RENDER_SECONDS."""
    try:
        with workers.time_limit():
            return ARTEFACTS[name].render(context, earlier)  # each Output carries its own notes
    except PackgenError:
        raise
    except Exception as error:  # a renderer's own fault is exit 3 with a sentence, never a traceback
        raise RenderError(
            f"the {name.replace('_', ' ')} could not be made ({type(error).__name__}: {error}); nothing was written"
        ) from None


def _write(
    request: BuildRequest,
    context: BuildContext,
    outputs: list[Output],
    module_inputs: dict[str, Inputs],
    before: stamps.Stamps,
) -> tuple[dict, str | None]:
    """Publish the outputs and their manifest, refused if a content file changed since it was read."""
    stamps.unchanged_since_read(request.pack_dir, context.pack, before)
    out_dir = request.out_root / context.pack.slug
    return write(out_dir, context, content_hash(context.pack), outputs, module_inputs, request.keep_html)
