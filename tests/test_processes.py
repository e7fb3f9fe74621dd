"""Processes die with packgen, and signals end it with one line (issue 23, items 12 and 17).

A script that runs packgen with its output piped waits for the pipe to close: a renderer that
outlives packgen keeps it open for good. Each test runs the real `packgen` in a process of its
own, since the signal and the process tree are the point.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, snapshot

PACKGEN = str(ROOT / ".venv" / "bin" / "packgen")


def start(*arguments, **options) -> subprocess.Popen:
    """The real packgen with stdout and stderr piped, as a script waiting on its output runs it."""
    return subprocess.Popen(
        [PACKGEN, *map(str, arguments)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Ctrl-C as a terminal delivers it: a shell running the tests in the background has
        # SIGINT ignored, and a child would inherit that and never stop.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **options,
    )


def children(pid: int) -> set[int]:
    """Every process whose parent is `pid`, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        fields = text[text.rindex(")") + 2 :].split()  # the name in brackets may hold spaces
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def wait_for_renderers(process: subprocess.Popen, wait: float = 30) -> set[int]:
    """packgen's forked renderers, once there is one (not a passing helper such as ldconfig,
    which WeasyPrint's import runs)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = {pid for pid in children(process.pid) if command_line(pid) == command_line(process.pid)}
        if found:
            return found
        assert process.poll() is None, process.communicate()[1].decode()
        time.sleep(0.02)
    raise AssertionError("packgen started no renderer")


def command_line(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie has stopped: only its parent has not yet collected it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def read_to_end(process: subprocess.Popen, wait: float) -> tuple[bytes, bytes]:
    """Everything packgen and its children write, up to the pipes' EOF; a pipe held open fails."""
    selector = selectors.DefaultSelector()
    output = {process.stdout: b"", process.stderr: b""}
    for stream in output:
        selector.register(stream, selectors.EVENT_READ)
    deadline = time.monotonic() + wait
    while selector.get_map():
        left = deadline - time.monotonic()
        assert left > 0, "packgen's output pipe is still open: something it started outlives it"
        for key, _ in selector.select(timeout=left):
            chunk = os.read(key.fileobj.fileno(), 65536)
            if chunk:
                output[key.fileobj] += chunk
            else:
                selector.unregister(key.fileobj)
    return output[process.stdout], output[process.stderr]


def gone_within(pids: set[int], wait: float) -> set[int]:
    """The processes of `pids` still running after `wait` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.05)
    return {pid for pid in pids if alive(pid)}


def waiting_for_the_answer(pid: int, wait: float = 10) -> None:
    """Until `pid` sleeps in its read of the terminal."""
    deadline = time.monotonic() + wait
    while Path(f"/proc/{pid}/wchan").read_text() != "wait_woken":
        assert time.monotonic() < deadline, "packgen new did not wait for an answer"
        time.sleep(0.01)


def build(out: Path) -> subprocess.Popen:
    return start("build", DEFAULT_PACK, "--out", out, "--force", "--as-of", BUILT_ON)


# 23.12 Renderers die with packgen ------------------------------------------------------------


@pytest.mark.slow  # a build, stopped while its renderers work
def test_sigkill_to_a_build_takes_its_renderers_with_it(tmp_path):
    process = build(tmp_path / "out")
    renderers = wait_for_renderers(process)
    process.kill()
    try:
        assert gone_within(renderers, wait=5) == set()
        read_to_end(process, wait=5)
    finally:
        for pid in renderers:  # a failure must not leave them behind for the next test
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert process.wait(timeout=5) == -signal.SIGKILL


@pytest.mark.slow  # a build, stopped while its renderers work
def test_sigterm_to_a_build_ends_it_promptly_with_one_line_and_keeps_the_previous_pack(default_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(default_build, out / "social-media")
    before = snapshot(out)
    process = build(out)
    renderers = wait_for_renderers(process)
    process.terminate()
    try:
        stdout, stderr = read_to_end(process, wait=10)
        assert gone_within(renderers, wait=2) == set()
    finally:
        for pid in renderers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert process.wait(timeout=5) == 143, stderr.decode()
    assert stderr.decode().splitlines() == [
        "Error: stopped (SIGTERM); the output folder holds the previous build, whole "
        "(or, if the stop came as the files were swapped in, the new one, whole)"
    ]
    assert snapshot(out) == before  # no staging folder left, the previous pack untouched


@pytest.mark.slow  # a watch's first build, stopped while its renderers work
def test_sigkill_to_a_watch_takes_its_renderers_with_it(tmp_path, pack_copy):
    process = start("watch", pack_copy, "--out", tmp_path / "out", "--as-of", BUILT_ON)
    renderers = wait_for_renderers(process)
    process.kill()
    try:
        assert gone_within(renderers, wait=5) == set()
        read_to_end(process, wait=5)
    finally:
        for pid in renderers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow  # an induction: renderers of its own
def test_sigkill_to_induct_takes_its_renderers_with_it(default_build, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name\n" + "".join(f"Person {n}\n" for n in range(40)), encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(default_build, out / "social-media")
    process = start("induct", DEFAULT_PACK, "--people", people, "--out", out, "--as-of", BUILT_ON)
    renderers = wait_for_renderers(process)
    process.kill()
    try:
        assert gone_within(renderers, wait=5) == set()
        read_to_end(process, wait=5)
    finally:
        for pid in renderers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


# 23.17 Ctrl-C (and SIGTERM) on watch ------------------------------------------------------------


def next_line(watcher: subprocess.Popen) -> bytes:
    """The watch's next line, skipping a build's notes (e.g. "  Note: ... Notes pages ...")."""
    line = watcher.stdout.readline()
    while line.startswith(b"  Note:"):
        line = watcher.stdout.readline()
    return line


@pytest.mark.slow  # a watch's first build
@pytest.mark.parametrize("stop, code, name", [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_stopping_a_watch_is_one_line_and_the_signals_exit_code(tmp_path, pack_copy, stop, code, name):
    process = start("watch", pack_copy, "--out", tmp_path / "out", "--as-of", BUILT_ON)
    assert b"watching" in next_line(process)
    assert b"first build" in next_line(process)
    edit(pack_copy / "pack.yaml", "review_due: 2022-03-01", "review_due: 2022-02-30")  # a failed rebuild
    assert b"not built" in next_line(process)
    process.send_signal(stop)
    stdout, stderr = read_to_end(process, wait=10)
    assert process.wait(timeout=5) == code, stderr.decode()
    assert stderr.decode().splitlines() == [
        f"Error: stopped watching ({name}); the output folder holds the last good build, whole"
    ]


def test_ctrl_c_at_a_question_of_new_is_one_line_and_exit_130_and_nothing_is_written(tmp_path):
    import pty

    leader, follower = pty.openpty()  # a terminal, so `new` asks its questions
    process = start("new", tmp_path / "induction", stdin=follower)
    os.close(follower)
    asked = b""
    while not asked.endswith(b"sentence case: "):
        chunk = process.stdout.read1(4096)
        assert chunk, process.communicate()[1].decode()
        asked += chunk
    waiting_for_the_answer(process.pid)  # as a person's Ctrl-C comes; a signal landing between Python's
    process.send_signal(signal.SIGINT)  # last check and its read() of the terminal waits for the Enter key
    stdout, stderr = read_to_end(process, wait=10)
    os.close(leader)
    assert process.wait(timeout=5) == 130, stderr.decode()
    assert stderr.decode().splitlines() == ["Error: stopped (Ctrl-C); nothing was written"]
    assert os.listdir(tmp_path) == []


def test_a_renderer_whose_parent_is_already_gone_ends_itself():
    """prctl only covers a parent that dies after it: one that died between the fork and prctl is
    seen by the parent id check (the orphan's parent is then init or a subreaper)."""
    from generator.pipeline.workers import die_with

    child = os.fork()
    if child == 0:
        die_with(os.getppid() + 1_000_000)  # not our parent: as if it had died and we were adopted
        os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1
