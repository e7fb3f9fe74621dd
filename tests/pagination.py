"""Pagination rules a print designer checks, measured from a rendered PDF's own words.

Reads every text line with its position and type size (pdfplumber), tells the running footer
(the line holding "Page n of N" and the stamp beside it) and any running header from the
content, and reports each rule broken as one readable line:

- a heading in the last quarter of the text area with fewer than three lines of its content
  under it, while that content goes on over the page;
- a section's intro paragraph left at a page foot, its first block over the page;
- section headings that start a page standing at different heights (more than 1 pt apart);
- a page less than half full that is not the last page of a section;
- a page less than a third full before the next section's page (Contents and Notes aside);
- a lead-in ending in a colon as a page's last line, what it introduces over the page;
- less than 6 mm, or no rule or tint, between the last text line and the footer.

The back cover (a last page with no page number, when the others have one) is a cover, not a
content page, and is not read.

Used by tests/test_pagination.py on every pack the tests build; `python tests/pagination.py
FILE.pdf` prints the findings for a PDF (pages are positions, not the printed numbers).
"""

from __future__ import annotations

import functools
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from generator.i18n import catalogue

MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"Page \d+ of \d+|Tudalen \d+ o \d+")  # English or Welsh
FOOTER_GAP = 6 * MM
HEADING_RATIO = 1.08  # a line this much larger than the body text is a heading


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    size: float


@dataclass
class Page:
    number: int
    height: float
    content: list[Line]
    footer_top: float | None
    rules: list[float]  # heights of the edges of every wide rule, border or tinted band
    numbered: bool = True  # "Page n of N" stands on it, at its head or foot


# Pages of their own by design, as each language titles them (Nodiadau, Cynnwys).
OWN_PAGES = tuple(catalogue(language).gettext(title) for language in ("en", "cy") for title in ("Notes", "Contents"))


def read_pages(path) -> list[Page]:
    written = Path(path).stat()
    return list(_read_pages(str(path), written.st_mtime_ns, written.st_size))


@functools.lru_cache(maxsize=16)
def _read_pages(path: str, mtime_ns: int, size: int) -> tuple[Page, ...]:
    """Read once per file as written: several rules are checked on the same shared build."""
    pages = []
    with pdfplumber.open(path) as pdf:
        read = [(page, _text_lines(_upright(page))) for page in pdf.pages]
        stamps = _repeated_lines([(page.height, lines) for page, lines in read], foot=True)
        heads = _repeated_lines([(page.height, lines) for page, lines in read], foot=False)
        for number, (page, lines) in enumerate(read, start=1):
            footer_marks = [
                l.top
                for l in lines
                if l.top > page.height * 0.75 and (PAGE_NUMBER.search(l.text) or _furniture_key(l) in stamps)
            ]
            footer_top = min(footer_marks, default=None)
            header_marks = [l.bottom for l in lines if l.bottom < page.height * 0.12]
            content = [
                l
                for l in lines
                if not (footer_top is not None and l.top >= footer_top - 3)
                and not (header_marks and l.bottom <= max(header_marks) and _is_running_head(l, page))
                and _furniture_key(l) not in heads
            ]
            # the edges of every line and box at least half the page wide: a rule, a border, a tint
            rules = sorted(
                {y for r in page.lines + page.rects if r["width"] > page.width * 0.5 for y in (r["top"], r["bottom"])}
            )
            numbered = any(PAGE_NUMBER.search(l.text) for l in lines)
            pages.append(Page(number, page.height, content, footer_top, rules, numbered))
    return tuple(pages)


def _upright(page):
    """The page without rotated letters (a DRAFT or SUPERSEDED watermark is set on a slant)."""

    def slanted(o) -> bool:
        return o.get("object_type") == "char" and (abs(o.get("matrix", (1, 0))[1]) > 0.01 or not o.get("upright", True))

    return page.filter(lambda o: not slanted(o))


def _text_lines(page) -> list[Line]:
    lines = []
    for raw in page.extract_text_lines(return_chars=True):
        sizes = [c["size"] for c in raw["chars"] if c["text"].strip()]
        if sizes:
            lines.append(Line(raw["text"], raw["top"], raw["bottom"], statistics.median(sizes)))
    return lines


def _furniture_key(line: Line) -> tuple[int, str]:
    return round(line.top), re.sub(r"\d+", "#", line.text)


def _repeated_lines(pages: list[tuple[float, list[Line]]], foot: bool) -> set[tuple[int, str]]:
    """Lines at the foot (or head) of at least half the pages, at the same height with the same
    words: a stamp standing alone, as in large print, or a status label in the top margin."""
    counts: dict[tuple[int, str], int] = {}
    for height, lines in pages:
        band = [l for l in lines if (l.top > height * 0.88 if foot else l.bottom < height * 0.12)]
        for key in {_furniture_key(l) for l in band}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if len(pages) >= 3 and count >= len(pages) / 2}


def _is_running_head(line: Line, page) -> bool:
    """Small type in the top band, or the page number (large print puts it there, at 16 pt)."""
    return line.bottom < page.height * 0.12 and (line.size < 12 or bool(PAGE_NUMBER.fullmatch(line.text.strip())))


def findings(path, skip: set[int] = frozenset({1})) -> list[str]:
    """Every rule broken in the PDF at `path`; pages in `skip` (the cover) are not read as content."""
    pages = read_pages(path)
    back_cover = len(pages) > 2 and not pages[-1].numbered and pages[-2].numbered
    readable = [p for p in pages if p.number not in skip and p.content and not (back_cover and p is pages[-1])]
    if not readable:
        return [f"{path}: no text found"]
    body = statistics.mode(round(l.size, 1) for p in readable for l in p.content)
    heading_sizes = sorted({round(l.size, 1) for p in readable for l in p.content if l.size >= body * HEADING_RATIO})
    section_size = heading_sizes[-1] if heading_sizes else body

    def is_heading(line: Line) -> bool:
        return line.size >= body * HEADING_RATIO

    def is_section_heading(line: Line) -> bool:
        return line.size >= section_size - 0.5

    area_top = min(p.content[0].top for p in readable)
    area_bottom = max(p.content[-1].bottom for p in readable)
    found = []
    starts = []
    for index, page in enumerate(readable):
        following = readable[index + 1] if index + 1 < len(readable) else None
        next_starts_section = (
            following is None or is_section_heading(following.content[0]) or following.number != page.number + 1
        )
        lines = page.content
        where = f"{path.name if hasattr(path, 'name') else path} page {page.number}"
        if is_section_heading(lines[0]):
            starts.append((lines[0].top, page.number, lines[0].text))
        last_quarter = area_top + 0.75 * (area_bottom - area_top)
        for i, line in enumerate(lines):
            if not is_heading(line) or line.top < last_quarter:
                continue
            under = 0
            for after in lines[i + 1 :]:
                if is_heading(after) and after.size >= line.size - 0.5:
                    break
                under += 1
            next_is_sibling = (
                following is not None
                and is_heading(following.content[0])
                and following.content[0].size >= line.size - 0.5
            )
            content_goes_on = i + 1 + under == len(lines) and not next_starts_section and not next_is_sibling
            if under < 3 and content_goes_on:
                found.append(
                    f"{where}: heading '{line.text[:50]}' near the page foot has {under} "
                    "line(s) under it; its content goes on over the page"
                )
        fill = (lines[-1].bottom - area_top) / (area_bottom - area_top)
        if fill < 0.5 and not next_starts_section:
            found.append(f"{where}: {fill:.0%} full, and the section goes on over the page")
        own_pages = OWN_PAGES  # pages of their own by design
        apart = lines[0].text.strip() in own_pages or (following and following.content[0].text.strip() in own_pages)
        if fill < 1 / 3 and next_starts_section and following is not None and not apart:
            found.append(f"{where}: {fill:.0%} full before the next section's page")
        if lines[-1].text.rstrip().endswith(":") and not next_starts_section:
            found.append(f"{where}: the lead-in '{lines[-1].text[-40:]}' ends the page, parted from what it introduces")
        if page.footer_top is not None:
            gap = page.footer_top - lines[-1].bottom
            separated = any(lines[-1].bottom < y < page.footer_top for y in page.rules)
            if gap < FOOTER_GAP:
                found.append(f"{where}: the footer is {gap / MM:.1f} mm under the last line (at least 6 mm wanted)")
            if not separated:
                found.append(f"{where}: no rule or tint between the last line and the footer")
    tops = sorted(starts)
    if tops and tops[-1][0] - tops[0][0] > 1:
        detail = ", ".join(f"page {n} at {top / MM:.1f} mm ('{text[:25]}')" for top, n, text in tops)
        found.append(f"section headings that start a page stand at different heights: {detail}")
    return found


def intro_left_behind(path, intros: list[tuple[str, str]]) -> list[str]:
    """(section title, the intro's last words) for each section with an intro: the intro's last
    line must not be the last line of its page while the section goes on. The intro is looked
    for after its section's heading, on that page or the next."""
    pages = read_pages(path)
    lines = [(index, _flat(l.text)) for index, page in enumerate(pages) for l in page.content]
    found = []
    for title, last_words in intros:
        heading = next((n for n, (_, text) in enumerate(lines) if text and _flat(title).startswith(text)), None)
        if heading is None:
            found.append(f"{path.name}: the heading '{title}' was not found")
            continue
        joined, ends = "", []
        for n in range(heading + 1, len(lines)):
            joined += lines[n][1] + " "
            ends.append((len(joined), n))
        at = joined.find(_flat(last_words))
        end = next((n for length, n in ends if length > at + len(_flat(last_words))), None) if at >= 0 else None
        if end is None:
            found.append(f"{path.name}: the intro of '{title}' was not found")
            continue
        page_index = lines[end][0]
        if end + 1 < len(lines) and lines[end + 1][0] != page_index:
            found.append(
                f"{path.name} page {pages[page_index].number}: the intro of '{title}' ends the page; "
                "its first block starts over the page"
            )
    return found


def _flat(text: str) -> str:
    return re.sub(r"[‘’'“”\"\s]+", " ", text).strip().lower()


if __name__ == "__main__":
    problems = [f for arg in sys.argv[1:] for f in findings(arg)]
    print("\n".join(problems) or "no findings")
    sys.exit(1 if problems else 0)
