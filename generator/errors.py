"""Errors that are messages for the person at the keyboard, with documented exit codes.

Every class subclasses click.ClickException, so the CLI shows `Error: ...` and exits with
the class's code instead of printing a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

import click

EXIT_OK = 0
EXIT_CONTENT = 1  # the content is wrong (or overdue with --strict, or superseded): nothing was written
EXIT_USAGE = 2  # the command line is wrong (click's own code)
EXIT_RENDER = 3  # an artefact could not be rendered: nothing was written
EXIT_OUTPUT = 4  # the output folder could not be written: the previous pack is untouched
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
EXIT_TERMINATED = 143  # SIGTERM (kill, a service manager, a job's time limit), as shells report it
KEPT = (
    "the output folder holds the previous build, whole "
    "(or, if the stop came as the files were swapped in, the new one, whole)"
)
INTERRUPTED = f"stopped (Ctrl-C); {KEPT}"


def plural(count: int, noun: str) -> str:
    """ "1 problem", "3 problems": counts in messages read as English."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located to a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class PackgenError(click.ClickException):
    exit_code = EXIT_RENDER


class ContentError(PackgenError):
    """Every problem found in a pack, reported together so one run shows them all."""

    exit_code = EXIT_CONTENT

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file: IO[Any] | None = None) -> None:
        count = len(self.problems)
        click.echo(f"{self.message}\n{plural(count, 'problem')} in the content; nothing was written.", err=True)


class UsageProblem(PackgenError):
    """Something about how packgen was run (an option, the environment), not the content."""

    exit_code = EXIT_USAGE


class RenderError(PackgenError):
    exit_code = EXIT_RENDER


class OutputError(PackgenError):
    exit_code = EXIT_OUTPUT


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process where Ctrl-C's KeyboardInterrupt would be (see interrupts.py)."""


class Interrupted(PackgenError):
    """Ctrl-C, or SIGTERM (`stop` is then a Terminated): one line, the shell's code for it."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, stop: BaseException | None = None, stopped: str = "stopped", kept: str = KEPT):
        by_sigterm = isinstance(stop, Terminated)
        # click types exit_code as a class constant; click reads it from the instance, which is
        # what chooses between the shell's codes for SIGTERM and Ctrl-C here.
        self.exit_code = EXIT_TERMINATED if by_sigterm else EXIT_INTERRUPTED  # type: ignore[misc]
        super().__init__(f"{stopped} ({'SIGTERM' if by_sigterm else 'Ctrl-C'}); {kept}")
