"""The whole job, top to bottom: load, validate, render each artefact, write atomically."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.artefacts import registry
from generator.artefacts.base import BuildContext, Output
from generator.clock import build_date, epoch_of
from generator.content.control import check_before_build
from generator.content.model import Pack
from generator.content.sources import shown
from generator.content.reader import content_hash, load_pack
from generator.errors import ContentError, PackgenError, Problem, RenderError
from generator.pipeline import choice, inputs, stamps, workers
from generator.pipeline.cache import Cache
from generator.pipeline.plan import Plan, modules_for, needs_weasyprint, plan_build
from generator.pipeline.resolve import Progress, Work, placed, resolve
from generator.pipeline.write import Placed, write
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
        packs = _every_language(request.pack_dir, pack)
        warnings = check_before_build(request.pack_dir, pack, built, request.strict, request.allow_superseded)
        warnings += list(dict.fromkeys(w for each in packs.values() if each.quiz for w in each.quiz.warnings))
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
        sources = inputs.sources(content, context.templates, _options(context), context.pack_dir, packs.values())
        work = Work({code: replace(context, pack=each) for code, each in packs.items()}, sources)
        plan = plan_build(request.only, previous.kinds if previous else set())
        resolved = resolve(pool, plan, work, cache, not request.force, progress, render_artefact)
    jobs = [job for job in work.jobs(plan.modules) if job in resolved]
    written = [
        Placed(placed(job, o), resolved[job].inputs, work.language(job))
        for job in jobs
        for o in resolved[job].outputs
        if o.kind in plan.kinds
    ]
    outputs = [each.output for each in written]
    rendered_kinds = {o.kind for done in resolved.values() if done.seconds is not None for o in done.outputs}
    manifest, people_dropped = _write(request, context, packs, written, before)
    warnings = warnings + ([people_dropped] if people_dropped else [])
    # stored only once the build is in place (_write found every content file still holding the bytes
    # it was rendered from), so a failed build leaves nothing behind, cache included
    for done in resolved.values():
        if done.seconds is not None:
            cache.put(done.inputs, done.outputs)
    cache.prune({done.inputs.key for done in resolved.values()})
    rendered = tuple(dict.fromkeys(o.kind for o in outputs if o.kind in rendered_kinds))
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


def _every_language(pack_dir: Path, pack: Pack) -> dict[str, Pack]:
    """The pack in each of its languages, in its order: each read with load_pack(folder, code)."""
    packs: dict[str, Pack] = {
        code: pack if code == pack.language else load_pack(pack_dir, code) for code in pack.languages
    }
    changed = sorted(
        name
        for each in packs.values()
        for name in set(each.source_digests) | set(pack.source_digests)
        if each.source_digests.get(name) != pack.source_digests.get(name)
    )
    if changed:  # read again for another language, a file held other bytes: nothing would match
        raise ContentError(
            [
                Problem(
                    shown(pack_dir / name),
                    1,
                    "changed while the build was running, so nothing was written; build again",
                )
                for name in changed
            ]
        )
    return packs


def _write(
    request: BuildRequest, context: BuildContext, packs: dict[str, Pack], written: list[Placed], before: stamps.Stamps
) -> tuple[dict, str | None]:
    """Publish the outputs and their manifest, refused if a content file changed since it was read."""
    stamps.unchanged_since_read(request.pack_dir, context.pack, before)
    out_dir = request.out_root / context.pack.slug
    return write(out_dir, context, content_hash(context.pack), written, request.keep_html, tuple(packs))
