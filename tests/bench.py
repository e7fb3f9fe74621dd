"""Benchmark: the ratios issues 18 and 31 set, measured side by side in one run.

Run with `make bench` on an idle machine. Prints figures; asserts nothing (speed goals are not
tests). Every figure is the median of several runs, each in a fresh process, interleaved so the
machine's mood affects every figure alike. Peak memory is the largest resident size of any
process of a build (the renderers included), from wait4's resource usage.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_pack import make_scale_pack

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PACK = ROOT / "content" / "social-media"
PACKGEN = [sys.executable, "-m", "generator"]
AS_OF = ["--as-of", "2021-06-01"]
RUNS = int(os.environ.get("BENCH_RUNS", 5))
SCALE_RUNS = int(os.environ.get("BENCH_SCALE_RUNS", 2))
GIB = 1024**3
INDUCT_PEOPLE = 60
INDUCT_TARGET = 2.5  # packgen induct for 60 people, against one ordinary build of the same pack

WEASYPRINT_ALONE = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant=sys.argv[3] if len(sys.argv) > 3 else "pdf/ua-1")
"""


def run(command: list[str]) -> tuple[float, int]:
    """Seconds taken, and the peak resident bytes of the command and every process it waited for."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a build's many warnings must not block it
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(map(str, command))}\n{errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss * 1024


def timed(command: list[str]) -> float:
    return run(command)[0]


def build(pack: Path, out: Path, *options: str) -> list[str]:
    return PACKGEN + ["build", str(pack), "--out", str(out), *AS_OF, *options]


def pages_of(out: Path, pack: str, kind: str) -> int:
    manifest = json.loads((out / pack / "manifest.json").read_text())
    return next(e["pages"] for e in manifest["artefacts"] if e["kind"] == kind)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        pack = Path(shutil.copytree(DEFAULT_PACK, scratch / "social-media"))
        scale = make_scale_pack(scratch / "scale")
        subprocess.run(
            build(pack, scratch / "html", "--only", "booklet", "--keep-html"), cwd=ROOT, check=True, capture_output=True
        )
        booklet_html = scratch / "html" / "social-media" / "booklet.html"
        warm = scratch / "warm"
        subprocess.run(build(pack, warm), cwd=ROOT, check=True, capture_output=True)
        cards = pack / "cards.yaml"
        original_cards = cards.read_text(encoding="utf-8")

        def edit_cards(number: int) -> None:
            cards.write_text(original_cards.replace("who you are.", f"who you are ({number})."), encoding="utf-8")

        steps = {
            "weasyprint alone (booklet HTML)": lambda n: [
                sys.executable,
                "-c",
                WEASYPRINT_ALONE,
                str(booklet_html),
                str(scratch / f"alone-{n}.pdf"),
            ],
            "cold whole pack": lambda n: build(pack, scratch / f"cold-{n}"),
            "no-op rebuild": lambda n: build(pack, warm),
            "rebuild after editing cards.yaml": lambda n: (edit_cards(n), build(pack, warm))[1],
            "--only handout (cold)": lambda n: build(pack, scratch / f"handout-{n}", "--only", "handout"),
            "16-page booklet, --only booklet (cold)": lambda n: build(
                pack, scratch / f"booklet-{n}", "--only", "booklet"
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in steps}
        memory: dict[str, int] = {name: 0 for name in steps}
        for number in range(RUNS):
            for name, command in steps.items():
                seconds, peak = run(command(number))
                times[name].append(seconds)
                memory[name] = max(memory[name], peak)
        scale_steps = {
            "200-page pack, --only booklet (cold)": lambda n: build(
                scale, scratch / f"scale-booklet-{n}", "--only", "booklet"
            ),
            "200-page pack, whole pack (cold)": lambda n: build(scale, scratch / f"scale-all-{n}"),
        }
        for name in scale_steps:
            times[name], memory[name] = [], 0
        for number in range(SCALE_RUNS):
            for name, command in scale_steps.items():
                try:
                    seconds, peak = run(command(number))
                except SystemExit as failure:  # e.g. the render time limit on a busy machine: say so, go on
                    print(failure, file=sys.stderr)
                    continue
                times[name].append(seconds)
                memory[name] = max(memory[name], peak)
        small_pages = pages_of(scratch / "booklet-0", "social-media", "booklet")
        large_pages = (
            pages_of(scratch / "scale-booklet-0", "scale-pack", "booklet")
            if times["200-page pack, --only booklet (cold)"]
            else 0
        )
        every_html = scratch / "every-html"  # the HTML behind every PDF of the pack, for bare WeasyPrint
        subprocess.run(build(pack, every_html, "--keep-html"), cwd=ROOT, check=True, capture_output=True)
        bare = bare_weasyprint(every_html / "social-media", scratch / "bare")
        saved = save_to_page(scratch)
        reached = section_edit_reach(scratch)
    report(times, memory, small_pages, large_pages)
    issue_31(statistics.median(times["weasyprint alone (booklet HTML)"]), times, bare, saved)
    print(f"  a section edit no card or quiz cites renders: {', '.join(reached)}")
    print(
        f"    (target: {', '.join(REACHED_BY_A_SECTION)} only: {'met' if set(reached) <= set(REACHED_BY_A_SECTION) else 'NOT met'})"
    )
    induct_ratio(statistics.median(times["cold whole pack"]))


def report(times: dict[str, list[float]], memory: dict[str, int], small_pages: int, large_pages: int) -> None:
    median = {name: statistics.median(values) if values else float("nan") for name, values in times.items()}
    width = max(map(len, median))
    print(f"median of {RUNS} runs ({SCALE_RUNS} for the 200-page pack), each in a fresh process:")
    for name, seconds in median.items():
        print(f"  {name:<{width}}  {seconds:6.2f} s   peak {memory[name] / 2**20:6.0f} MiB")
    cold = median["cold whole pack"]
    small = median["16-page booklet, --only booklet (cold)"] / small_pages
    large = median["200-page pack, --only booklet (cold)"] / (large_pages or float("nan"))
    ratios = [
        ("whole pack cold / WeasyPrint alone on the booklet", cold / median["weasyprint alone (booklet HTML)"], 2.0),
        ("no-op rebuild / cold whole pack", median["no-op rebuild"] / cold, 0.15),
        ("rebuild after editing cards.yaml / cold whole pack", median["rebuild after editing cards.yaml"] / cold, 0.5),
        ("--only handout / cold whole pack", median["--only handout (cold)"] / cold, 0.3),
        (f"time per page, {large_pages}-page booklet / {small_pages}-page booklet", large / small, 1.3),
    ]
    print("ratios (target in brackets):")
    for name, ratio, target in ratios:
        verdict = "not measured" if ratio != ratio else f"{'within' if ratio <= target else 'OVER'} {target}"
        print(f"  {name:<{width + 14}}  {ratio:5.2f}  ({verdict})")
    peak = max(memory.values())
    print(f"  peak memory of any build process: {peak / 2**20:.0f} MiB ({'within' if peak < GIB else 'OVER'} 1 GiB)")


def bare_weasyprint(folder: Path, scratch: Path) -> dict[str, float]:
    """Each kept HTML of a whole build rendered by bare WeasyPrint, one process each (median seconds)."""
    scratch.mkdir()
    seconds = {}
    for html in sorted(folder.glob("*.html")):
        variant = "pdf/x-4" if html.stem.endswith("-print") else "pdf/ua-1"
        command = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(scratch / f"{html.stem}.pdf"), variant]
        seconds[html.name] = statistics.median(timed(command) for _ in range(max(1, RUNS // 2)))
    return seconds


def save_to_page(scratch: Path) -> list[float]:
    """Seconds from saving a section file to the new booklet's first page picture being served by
    `packgen serve` (what the page shows next), over RUNS saves, the serve process warm."""
    import urllib.request

    pack = Path(shutil.copytree(DEFAULT_PACK, scratch / "served" / "social-media"))
    command = PACKGEN + ["serve", str(pack), "--out", str(scratch / "served-out"), "--port", "0", *AS_OF]
    serve = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = serve.stdout.readline().split()[1]

        def status() -> dict:
            with urllib.request.urlopen(url + "status.json") as answer:
                return json.loads(answer.read())

        def booklet(shown: dict) -> str | None:
            return next((f["sha256"] for f in shown["files"] if f["kind"] == "booklet"), None)

        while (shown := status())["building"] or not shown["files"]:
            time.sleep(0.1)
        section = sorted((pack / "sections").glob("*.yaml"))[0]
        original = section.read_text(encoding="utf-8")
        seconds = []
        for number in range(RUNS):
            before = booklet(shown)
            section.write_text(original.replace("\ntitle: ", f"\ntitle: Edit {number} ", 1), encoding="utf-8")
            saved = time.perf_counter()
            while (sha := booklet(status())) == before:
                time.sleep(0.02)
            urllib.request.urlopen(f"{url}pages/{sha}/1.png").read()
            seconds.append(time.perf_counter() - saved)
            while (shown := status())["building"]:  # the rest of the pack, before the next save
                time.sleep(0.1)
        return seconds
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def issue_31(alone: float, times: dict[str, list[float]], bare: dict[str, float], saved: list[float]) -> None:
    """Issue 31's targets, each figure beside what it is measured against."""
    cores = os.cpu_count() or 1
    shared = sum(bare.values()) / min(cores, len(bare) or 1)
    booklet = statistics.median(times["16-page booklet, --only booklet (cold)"])
    whole = statistics.median(times["cold whole pack"])
    page = statistics.median(saved) if saved else float("nan")
    print(
        f"issue 31 (WeasyPrint alone on the booklet's HTML: {alone:.2f} s; bare WeasyPrint on the pack's "
        f"{len(bare)} PDFs' HTML: {sum(bare.values()):.2f} s of work, {shared:.2f} s over {cores} cores):"
    )
    for name, seconds, against, target in [
        ("save -> updated booklet page in serve / WeasyPrint alone", page, alone, 1.5),
        ("--only booklet cold / WeasyPrint alone on the same HTML", booklet, alone, 1.3),
        ("whole pack cold / bare WeasyPrint renders over the cores", whole, shared, 1.1),
    ]:
        ratio = seconds / against
        print(
            f"  {name:<58} {seconds:5.2f} s / {against:5.2f} s = {ratio:4.2f}  "
            f"({'within' if ratio <= target else 'OVER'} {target})"
        )


# What a section edit must render again when no card or quiz question cites the section (issue 31).
REACHED_BY_A_SECTION = ["appendix", "booklet", "booklet-imposed", "booklet-large", "booklet-print", "handout", "web"]


def section_edit_reach(scratch: Path) -> list[str]:
    """The kinds a rebuild renders after an edit to a section nothing cites, read from the build's
    own lines ("booklet.pdf (booklet, 20 pages): rendered, ..."), in a copy of the default pack with
    one more section."""
    pack = Path(shutil.copytree(DEFAULT_PACK, scratch / "reach" / "social-media"))
    note = pack / "sections" / "bench-note.yaml"
    note.write_text("title: A note\nkind: prose\nbody:\n  - Cited by no card and no question.\n", encoding="utf-8")
    listed = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        listed.replace("sections:\n", "sections:\n  - bench-note.yaml\n", 1), encoding="utf-8"
    )
    out = scratch / "reach" / "out"
    subprocess.run(build(pack, out), cwd=ROOT, check=True, capture_output=True)
    note.write_text(note.read_text(encoding="utf-8").replace("Cited by", "Quoted by"), encoding="utf-8")
    lines = subprocess.run(build(pack, out), cwd=ROOT, check=True, capture_output=True, text=True).stdout
    found = re.findall(r"^\S+ \(([a-z-]+)[,)].*: rendered", lines, re.MULTILINE)
    return sorted(set(found))


def induct_ratio(ordinary: float) -> None:
    """packgen induct for a 60-person list, against the whole-pack build measured above."""
    with tempfile.TemporaryDirectory() as scratch:
        people = Path(scratch) / "people.csv"
        rows = [
            f"Member {number:02d} Surname{number:02d},Councillor,Ward {number % 19}" for number in range(INDUCT_PEOPLE)
        ]
        people.write_text("name,role,ward\n" + "\n".join(rows) + "\n", encoding="utf-8")
        command = PACKGEN + [
            "induct",
            "--people",
            str(people),
            "--out",
            str(Path(scratch) / "out"),
            "--quiet",
            "--session-date",
            "2026-05-12",
        ]
        seconds = statistics.median(timed(command) for _ in range(RUNS))
    ratio = seconds / ordinary
    verdict = "within" if ratio <= INDUCT_TARGET else "OVER"
    print(
        f"packgen induct, {INDUCT_PEOPLE} people: {seconds:.2f} s; / whole-pack build = {ratio:.2f} "
        f"({verdict} the {INDUCT_TARGET} target)"
    )


if __name__ == "__main__":
    main()
