"""The renderer processes: forked early, each with a time and memory limit and its own clock.

WeasyPrint takes half a second to import and can be led into very long layouts by very long
content, so renders run in worker processes: forked before the content is loaded (their
import overlaps with it), each limited to RENDER_SECONDS per artefact and RENDER_MEMORY_BYTES.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from generator import interrupts
from generator.errors import RenderError

# Limits on each renderer process, so a pathological input cannot hang or swamp the machine.
RENDER_SECONDS = 120
RENDER_MEMORY_BYTES = 4 * 1024**3
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@contextmanager
def time_limit():
    """In a worker: stop the body with a RenderError once it has run for RENDER_SECONDS."""
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(RENDER_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)


def _too_slow(signum, frame):
    raise RenderError(
        f"rendering took longer than the limit of {RENDER_SECONDS} seconds; "
        "the content is probably far too long. Nothing was written"
    )


class renderers:
    """Worker processes, forked now so their import of WeasyPrint overlaps with loading the content."""

    def __init__(self, tasks: int, epoch: int):
        self.workers = max(1, min(tasks, os.cpu_count() or 1))
        self.epoch = epoch

    def __enter__(self) -> ProcessPoolExecutor:
        self.pool = _forked_pool(self.workers, self.epoch, warm=True)
        return self.pool

    def __exit__(self, exc_type, *exc_info):
        _stop(self.pool, exc_type)


class when_needed:
    """A build's workers, started only when something is to be rendered (a build served wholly
    from the cache starts none). When a render is likely (`warm`: no cache yet), they start at
    once, so their import of WeasyPrint overlaps with loading the content; calling this gives the pool."""

    def __init__(self, tasks: int, epoch: int, warm: bool):
        self.workers = max(1, min(tasks, os.cpu_count() or 1))
        self.epoch = epoch
        self.warm = warm
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        if self.warm:
            self()
        return self

    def __call__(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = _forked_pool(self.workers, self.epoch, self.warm)
        return self.pool

    def __exit__(self, exc_type, *exc_info):
        if self.pool is not None:
            _stop(self.pool, exc_type)


def _stop(pool: ProcessPoolExecutor, exc_type) -> None:
    if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):  # Ctrl-C or SIGTERM: stop at once
        # rather than finish renders nobody will use
        for child in multiprocessing.active_children():
            child.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _forked_pool(workers: int, epoch: int, warm: bool) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(
        workers, multiprocessing.get_context("fork"), initializer=_warm_worker, initargs=(os.getpid(), epoch, warm)
    )
    # Forked by this (the main) thread: the kernel's parent-death signal follows the forking
    # thread, so a thread that ended would take the workers with it.
    with interrupts.held():  # until each worker ignores Ctrl-C: the parent's handlers must not run in a child
        pool.submit(int)  # forks every worker now
    return pool


def _warm_worker(parent: int, epoch: int, warm: bool = True) -> None:
    """Set up one renderer process: its lifetime, limits and clock, in its own environment only."""
    die_with(parent)
    interrupts.ignored_here()  # Ctrl-C is the parent's to handle, once
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # font subsetting stamps this time; the caller's is untouched
    if warm:
        import weasyprint  # noqa: F401  (half a second, paid while the parent reads the content)
    # The modules' own objects live as long as the process: kept out of the garbage collector's
    # sweeps, which otherwise walk them again and again during a layout (5% of a render here).
    gc.freeze()


def die_with(parent: int) -> None:
    """In a child: be killed as soon as `parent` ends, however it ends (SIGKILL included), so no
    renderer outlives packgen holding its caller's pipes open. Linux only; elsewhere a no-op."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: not Linux
        pass
    if os.getppid() != parent:  # the parent died between the fork and prctl: nobody would kill us
        os._exit(1)
