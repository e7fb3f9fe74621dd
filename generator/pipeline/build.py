"""The whole job, top to bottom: load, validate, render each artefact, write atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from generator.artefacts import appendix, booklet, cards, cards_print, handout, large_print, print_booklet, web
from generator.artefacts.quiz import gift as quiz_gift
from generator.artefacts.quiz import key as quiz_key
from generator.artefacts.quiz import moodle as quiz_moodle
from generator.artefacts.quiz import sheet as quiz
from generator.pipeline import choice, inputs
from generator.pipeline import workers
from generator.artefacts.base import BuildContext, Output
from generator.pipeline.cache import Cache
from generator.clock import build_date, epoch_of
from generator.content.control import check_before_build
from generator.errors import PackgenError, RenderError
from generator.content.reader import content_hash, load_pack, unchanged_since_loaded
from generator.publish.people_folder import carried_people_files
from generator.publish.manifest import MANIFEST, artefact_entry, booklet_notes_pages, dump, make_manifest, read_manifest
from generator.pipeline.inputs import Inputs
from generator.pdf.render import heard_notices
from generator.publish.output import locked, publish, refuse_foreign
from generator.html.preview import without_local_paths
from generator.artefacts.registry import KINDS, QUIZ_KINDS, TOGETHER

# Every artefact module, by hand, in the order of generator.artefacts.registry.BY_MODULE (the one list of
# kinds). Each has KINDS (what it makes), NEEDS (modules whose outputs it reads, e.g. the
# rendered booklet's page numbers) and render(context, earlier) -> list[Output].
ARTEFACTS = {
    "booklet": booklet,
    "appendix": appendix,
    "handout": handout,
    "quiz": quiz,
    "quiz_key": quiz_key,
    "quiz_moodle": quiz_moodle,
    "quiz_gift": quiz_gift,
    "cards": cards,
    "cards_print": cards_print,
    "print_booklet": print_booklet,
    "large_print": large_print,
    "web": web,
}


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
    cache_notes: tuple[str, ...] = ()

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
    before = inputs.readable_digests(request.pack_dir)
    warm = needs_weasyprint(request.only) and (
        request.force or not cache.folder.is_dir() or inputs.changed_since(before, previous)
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
        content, loaded_whole = inputs.loaded_digests(request.pack_dir, pack, before)
        sources = inputs.sources(content, context.templates, _options(context), context.pack_dir)
        plan = plan_build(request.only, previous)
        resolved = _resolve(
            pool, plan, context, sources, cache, reuse=loaded_whole and not request.force, progress=progress
        )
    outputs = [o for name in plan.modules if name in resolved for o in resolved[name].outputs if o.kind in plan.kinds]
    resolved_by_kind = {o.kind: done for done in resolved.values() for o in done.outputs}
    manifest, people_dropped = _write(request, context, outputs, {name: done.inputs for name, done in resolved.items()})
    warnings = warnings + ([people_dropped] if people_dropped else [])
    # stored only once the build is in place, so a failed build leaves nothing behind, cache included
    if loaded_whole and inputs.loaded_digests(request.pack_dir, pack, content)[1]:
        for done in resolved.values():
            if done.seconds is not None:
                cache.put(done.inputs, done.outputs)
        cache.prune({done.inputs.key for done in resolved.values()})
    else:
        cache.notes.append(
            "a content file changed during the build, so nothing was stored in the cache; build again to see the change"
        )
    dropped = sorted(plan.previous_kinds - {o.kind for o in outputs} - set(request.only)) if request.only else []
    if dropped:
        cache.notes.append(
            f"removed {', '.join(dropped)}: made from other content, templates or options "
            "than this build; build them again with --only, or build the whole pack"
        )
    rendered = tuple(dict.fromkeys(o.kind for o in outputs if resolved_by_kind[o.kind].seconds is not None))
    return BuildResult(out_dir, manifest, outputs, warnings, rendered, tuple(cache.notes))


def templates_for(request: BuildRequest, pack) -> Path:
    """--templates, else a templates/ folder beside the council.yaml, else packgen's own: chosen in
    generator/pipeline/choice.py, as for check, induct and watch."""
    return choice.templates_in_use(request.pack_dir, request.templates)


def modules_for(only: tuple[str, ...]) -> list[str]:
    """The modules that make the requested kinds, and the modules those need, in registry order."""
    wanted = {name for name, module in ARTEFACTS.items() if not only or set(module.KINDS) & set(only)}
    wanted |= {need for name in wanted for need in ARTEFACTS[name].NEEDS}
    return [name for name in ARTEFACTS if name in wanted]


@dataclass(frozen=True)
class Plan:
    """Which modules this build resolves, and which of them may be rendered (the rest only reused)."""

    modules: list[str]  # registry order, needs before the modules that read them
    render: set[str]
    kinds: set[str]  # the kinds this build writes
    previous_kinds: set[str]


def plan_build(only: tuple[str, ...], previous: dict | None) -> Plan:
    """Everything for a whole build. For --only: what was asked for, rendered if need be; what it
    reads; the earlier artefacts that read what was asked for (the key cites the booklet's pages)
    or go with it (kinds.TOGETHER), rendered again if need be; and every other earlier artefact
    only if its inputs are all the same."""
    earlier_entries = previous.get("artefacts") if isinstance(previous, dict) else None
    previous_kinds = {a.get("kind") for a in earlier_entries or [] if isinstance(a, dict) and a.get("kind") in KINDS}
    if not only:
        return Plan(list(ARTEFACTS), set(ARTEFACTS), set(KINDS), previous_kinds)
    asked = set(modules_for(only))
    earlier = {name for name, module in ARTEFACTS.items() if set(module.KINDS) & previous_kinds}
    render = asked | {name for name in earlier if _reads_any(name, asked)}
    render |= {other for pair in TOGETHER for one, other in (pair, pair[::-1]) if one in render and other in earlier}
    modules = [name for name in ARTEFACTS if name in render | earlier]
    return Plan(modules, render, set(only) | previous_kinds, previous_kinds)


def _reads_any(name: str, modules: set[str]) -> bool:
    return any(need in modules or _reads_any(need, modules) for need in ARTEFACTS[name].NEEDS)


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
        needs = ARTEFACTS[name].NEEDS
        if any(need not in resolved for need in needs):
            return  # what it reads was not made in this build, so neither is it
        earlier = {o.kind: o for need in needs for o in resolved[need].outputs}
        module_inputs = sources.for_module(name).after({o.filename: o.data for o in earlier.values()})
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
            for name in [n for n in waiting if not set(ARTEFACTS[n].NEEDS) & busy - {n}]:
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


def needs_weasyprint(only: tuple[str, ...]) -> bool:
    return not only or any(kind not in handout.KINDS for kind in only)


def render_artefact(name: str, context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    """Run one artefact module in a worker, stopped if it takes longer than workers.RENDER_SECONDS."""
    try:
        with workers.time_limit(), heard_notices() as notes:
            outputs = ARTEFACTS[name].render(context, earlier)
    except PackgenError:
        raise
    except Exception as error:  # a renderer's own fault is exit 3 with a sentence, never a traceback
        raise RenderError(
            f"the {name.replace('_', ' ')} could not be made ({type(error).__name__}: {error}); nothing was written"
        ) from None
    # Harmless renderer notes ride with the outputs; BuildResult.notes shows each once per build.
    return [replace(o, notes=(*o.notes, *notes)) if notes else o for o in outputs]


def _write(
    request: BuildRequest, context: BuildContext, outputs: list[Output], module_inputs: dict[str, Inputs]
) -> tuple[dict, str | None]:
    """Publish the outputs and their manifest; return it, and why induct's named packs went, if they did."""
    out_dir = request.out_root / context.pack.slug
    unchanged_since_loaded(request.pack_dir, context.pack)
    digest = content_hash(context.pack)
    files = {o.filename: o.data for o in outputs}
    if request.keep_html:
        files |= {_html_name(o.filename): _previewable(o.html, context) for o in outputs if o.html}
    inputs_of = {kind: module_inputs[name] for name in module_inputs for kind in ARTEFACTS[name].KINDS}
    entries = [artefact_entry(o) | {"inputs": inputs_of[o.kind].as_manifest()} for o in outputs]
    content = {path: sha for name in module_inputs for path, sha in module_inputs[name].content.items()}
    with locked(out_dir):
        refuse_foreign(out_dir, read_manifest(out_dir))
        facts = _build_facts(context, {o.kind for o in outputs}) | {"inputs": inputs.manifest_facts(content)}
        manifest = make_manifest(context, digest, entries, facts)
        manifest["artefacts"].sort(key=lambda entry: (KINDS.index(entry["kind"]), entry["path"]))
        people, dropped = carried_people_files(out_dir, digest)  # packgen induct's named packs, if still current
        _list_previews(manifest, files)
        publish(out_dir, files | {MANIFEST: dump(manifest)}, keep=people)
    return manifest, dropped


def _build_facts(context: BuildContext, rebuilt: set[str]) -> dict:
    """Status for every build; the quiz seed when the quiz is in the build."""
    facts = {"status": context.pack.status, "overdue": context.overdue}
    if rebuilt & set(QUIZ_KINDS):  # generated questions follow the seed
        facts |= {"quiz_seed": context.seed, "quiz_variants": context.quiz_variants}
        facts |= {"quiz_questions": context.quiz_questions} if context.quiz_questions else {}
    return facts


def _list_previews(manifest: dict, written: dict[str, bytes]) -> None:
    """Name each artefact's --keep-html preview and its hash in the manifest, so the next build
    and `packgen clean` replace or delete it only while it holds the bytes packgen wrote."""
    for entry in manifest["artefacts"]:
        entry.pop("html", None)
        entry.pop("html_sha256", None)
        preview = _html_name(entry["path"])
        if preview in written:
            entry["html"] = preview
            entry["html_sha256"] = hashlib.sha256(written[preview]).hexdigest()


def _html_name(pdf_name: str) -> str:
    return pdf_name.rsplit(".", 1)[0] + ".html"


def _previewable(html: str, context: BuildContext) -> bytes:
    """Kept HTML names no local path: no file: <base>, a raster logo inlined as a data: address."""
    return without_local_paths(html, context.readable_roots)
