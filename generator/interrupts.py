"""Ctrl-C (SIGINT) and SIGTERM arrive as KeyboardInterrupt in the main process, only where it is safe.

A terminal sends Ctrl-C to the whole process group, so it reaches packgen's renderer processes
too, and it can land anywhere. SIGTERM (`kill`, a service manager, a CI job's timeout) is
raised as `Terminated`, a KeyboardInterrupt, so it takes the same way out: staging folders
removed, the lock released, the renderers stopped. Two places cannot take either signal: a
compiled library while Python loads it (pikepdf aborts the process instead of raising) and a
renderer forked but not yet set up (it would run the parent's exception handlers in the
child). Around those, the signals are held back, and they arrive as soon as they are done.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from generator.errors import Terminated

STOPS = {signal.SIGINT, signal.SIGTERM}


def stop_cleanly_on_sigterm() -> None:
    """In packgen's main process, at start: SIGTERM unwinds like Ctrl-C instead of ending the
    process on the spot with its staging folders and lock left behind."""
    signal.signal(signal.SIGTERM, _raise_terminated)


def _raise_terminated(signum: int, frame: FrameType | None) -> NoReturn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one stop is under way: a second must not cut its cleanup short
    raise Terminated()


@contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the body runs; one sent meanwhile arrives just after it.
    Processes forked inside start with them held too (see `ignored_here`)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignored_here() -> None:
    """In a renderer process: ignore Ctrl-C (the main process handles it, once), let SIGTERM end
    it at once (as the main process stops it), then stop holding them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
