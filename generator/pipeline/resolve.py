"""Each artefact of a build, in each language of the pack: from the cache, or from a renderer.

A pack in one language has one job per artefact module, written where it always was
(build/<pack>/booklet.pdf). A pack in several languages has one job per module and language,
written into the language's folder (build/<pack>/cy/booklet.pdf), each rendered from the pack
loaded in that language; a module whose registry entry says each_language=False (Moodle's one
bilingual bank) is one job made from every language, written at build/<pack>/. Jobs start as
soon as what they read is done, so the Welsh and English booklets render side by side.
"""

from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Callable

from generator.artefacts import registry
from generator.artefacts.base import BuildContext, Output
from generator.errors import RenderError
from generator.pipeline import inputs, workers
from generator.pipeline.cache import Cache
from generator.pipeline.inputs import Inputs
from generator.pipeline.plan import Plan

MANY = "mul"  # BCP 47's tag for several languages: the manifest's `language` of a bilingual artefact

# Told of each module as soon as it is ready: its name, the outputs this build writes, and the
# seconds into the build when it was rendered (None: it came from the cache).
Progress = Callable[[str, list[Output], float | None], None]
Renderer = Callable[[str, BuildContext, dict[str, Output]], list[Output]]


@dataclass(frozen=True)
class Job:
    """One module made in one language: `language` None is the pack's own folder (a pack in one
    language, or a module made once from every language)."""

    module: str
    language: str | None = None

    @property
    def folder(self) -> str:
        return f"{self.language}/" if self.language else ""


@dataclass(frozen=True)
class Resolved:
    inputs: Inputs
    outputs: list[Output]  # as the module named them (the cache stores them so): booklet.pdf
    seconds: float | None  # when it was ready, in seconds from the start of rendering; None: from the cache


@dataclass(frozen=True)
class Work:
    """What the jobs of one build are made from: the context in each language, and the sources."""

    contexts: dict[str, BuildContext]  # language code -> the context with the pack in that language
    sources: inputs.Sources

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.contexts)

    @property
    def several(self) -> bool:
        return len(self.contexts) > 1

    def jobs(self, modules: list[str]) -> list[Job]:
        """Every module in every language, module by module (the booklets first, as one language's)."""
        if not self.several:
            return [Job(name) for name in modules]
        each = [name for name in modules if registry.BY_NAME[name].each_language]
        return [Job(name, code) for name in each for code in self.languages] + [
            Job(name) for name in modules if name not in each
        ]

    def needs(self, job: Job) -> list[Job]:
        needs = registry.BY_NAME[job.module].needs
        if self.several and job.language is None:
            return [Job(need, code) for need in needs for code in self.languages]
        return [Job(need, job.language) for need in needs]

    def context(self, job: Job) -> BuildContext:
        first = self.contexts[self.languages[0]]
        if job.language is not None:
            return self.contexts[job.language]
        return replace(first, packs=tuple(c.pack for c in self.contexts.values())) if self.several else first

    def inputs(self, job: Job) -> Inputs:
        found = self.sources.for_module(job.module)
        if job.language is None:
            return found
        return replace(found, options={**found.options, "language": job.language})

    def language(self, job: Job) -> str:
        """The manifest's `language` of what the job makes."""
        return job.language or (MANY if self.several else self.languages[0])

    def earlier(self, job: Job, made: dict[Job, list[Output]]) -> dict[str, Output]:
        """What the module reads, by kind ("booklet"), or by kind and language ("booklet:cy") for
        a module made once from every language."""
        keyed = self.several and job.language is None
        return {(f"{o.kind}:{need.language}" if keyed else o.kind): o for need, outs in made.items() for o in outs}


def placed(job: Job, output: Output) -> Output:
    """The output as the build writes it: in its language's folder."""
    return replace(output, filename=job.folder + output.filename) if job.folder else output


def resolve(
    pool,
    plan: Plan,
    work: Work,
    cache: Cache,
    reuse: bool,
    progress: Progress | None,
    render: Renderer,
) -> dict[Job, Resolved]:
    """Each job's outputs from the cache if its inputs are unchanged, else rendered in a worker.
    A job starts as soon as what it reads is done; each is reported as soon as it is ready."""
    resolved: dict[Job, Resolved] = {}
    running: dict[Future, tuple[Job, Inputs, float]] = {}  # future -> job, inputs, start time
    waiting = work.jobs(plan.modules)

    def report(job: Job) -> None:
        if progress:
            done = resolved[job]
            progress(job.module, [placed(job, o) for o in done.outputs if o.kind in plan.kinds], done.seconds)

    def start(job: Job) -> None:
        needs = work.needs(job)
        if any(need not in resolved for need in needs):
            return  # what it reads was not made in this build, so neither is it
        made = {need: resolved[need].outputs for need in needs}
        read = {need.folder + o.filename: o for need, outs in made.items() for o in outs}  # bytes, or pages
        job_inputs = work.inputs(job).after(read)
        cached = cache.get(job_inputs) if reuse else None
        if cached is not None:
            resolved[job] = Resolved(job_inputs, cached, None)
            report(job)
        elif job.module in plan.render:
            future = pool().submit(render, job.module, work.context(job), work.earlier(job, made))
            future.add_done_callback(lambda f: finished_at.setdefault(f, time.perf_counter()))
            running[future] = (job, job_inputs, began)

    finished_at: dict[Future, float] = {}
    began = time.perf_counter()
    try:
        while waiting or running:
            busy = {job for job, _, _ in running.values()} | set(waiting)
            for job in [j for j in waiting if not set(work.needs(j)) & busy - {j}]:
                waiting.remove(job)
                start(job)
            if running:
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in done:
                    job, job_inputs, started = running.pop(future)
                    seconds = finished_at.get(future, time.perf_counter()) - started
                    resolved[job] = Resolved(job_inputs, future.result(), seconds)
                    report(job)
    except BrokenProcessPool:
        raise RenderError(
            "a renderer stopped unexpectedly (it may have hit the memory limit of "
            f"{workers.RENDER_MEMORY_BYTES // 1024**3} GiB); nothing was written"
        ) from None
    return resolved
