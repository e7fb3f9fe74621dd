"""Ctrl-C (SIGINT) arrives as KeyboardInterrupt in the main process, and only where it is safe.

A terminal sends Ctrl-C to the whole process group, so it reaches packgen's renderer processes
too, and it can land anywhere. Two places cannot take it: a compiled library while Python loads
it (pikepdf aborts the process instead of raising) and a renderer forked but not yet set to
ignore it (it runs the parent's exception handlers in the child). Around those, the signal is
held back, and it arrives as soon as they are done.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager


@contextmanager
def held():
    """Hold Ctrl-C back while the body runs; a Ctrl-C pressed meanwhile arrives just after it.
    Processes forked inside start with it held too (see `ignored_here`)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignored_here() -> None:
    """In a renderer process: ignore Ctrl-C (the main process handles it, once), then stop holding it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
