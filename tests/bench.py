"""Benchmark: cold builds against WeasyPrint alone rendering the booklet, side by side.

Run with `make bench`. Prints figures; asserts nothing (speed goals are not tests).
Each figure is the median of several cold runs, each in a fresh process, interleaved so the
machine's mood affects every figure alike.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKGEN = [sys.executable, "-m", "generator"]
RUNS = 5
TARGET = 1.2
INDUCT_PEOPLE = 60
INDUCT_TARGET = 2.5  # packgen induct for 60 people, against one ordinary build of the same pack

WEASYPRINT_ALONE = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant="pdf/ua-1")
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    from generator.build import ARTEFACTS

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        subprocess.run(PACKGEN + ["build", "--out", out / "html", "--only", "booklet", "--keep-html"],
                       cwd=ROOT, check=True, capture_output=True)
        booklet_html = next((out / "html").glob("*/booklet.html"))
        commands = {
            "weasyprint alone (booklet HTML)": [sys.executable, "-c", WEASYPRINT_ALONE, str(booklet_html),
                                                str(out / "alone.pdf")],
            "packgen build (whole pack)": PACKGEN + ["build", "--out", str(out / "all")],
        }
        for name, module in ARTEFACTS.items():
            only = [arg for kind in module.KINDS for arg in ("--only", kind)]
            commands[f"packgen build {' '.join(only)}"] = PACKGEN + ["build", "--out", str(out / name)] + only
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    width = max(map(len, medians))
    print(f"cold runs, median of {RUNS}, each in a fresh process:")
    for name, seconds in medians.items():
        print(f"  {name:<{width}}  {seconds:6.2f} s")
    ratio = medians["packgen build (whole pack)"] / medians["weasyprint alone (booklet HTML)"]
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"whole-pack build / WeasyPrint alone = {ratio:.2f} ({verdict} the {TARGET} target)")
    induct_ratio(medians["packgen build (whole pack)"])


def induct_ratio(ordinary: float) -> None:
    """packgen induct for a 60-person list, against the whole-pack build measured above."""
    with tempfile.TemporaryDirectory() as scratch:
        people = Path(scratch) / "people.csv"
        rows = [f"Member {number:02d} Surname{number:02d},Councillor,Ward {number % 19}" for number in range(INDUCT_PEOPLE)]
        people.write_text("name,role,ward\n" + "\n".join(rows) + "\n", encoding="utf-8")
        command = PACKGEN + ["induct", "--people", str(people), "--out", str(Path(scratch) / "out"), "--quiet",
                             "--session-date", "2026-05-12"]
        seconds = statistics.median(timed(command) for _ in range(RUNS))
    ratio = seconds / ordinary
    verdict = "within" if ratio <= INDUCT_TARGET else "OVER"
    print(f"packgen induct, {INDUCT_PEOPLE} people: {seconds:.2f} s; / whole-pack build = {ratio:.2f} "
          f"({verdict} the {INDUCT_TARGET} target)")


if __name__ == "__main__":
    main()
