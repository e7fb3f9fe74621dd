"""The web version, read as a browser and an auditor would: its files, its structure, and axe-core
with the WCAG 2.2 AA rules in headless Chromium, at desktop width, at 320 CSS px and at 400% zoom.

The browser tests need Debian's `chromium` (apt-packages.txt), Playwright for Python (the test
extras) and axe-core from npm (`make test-all` runs `npm ci`); a missing one fails the test with
one line saying what to install, as every outside program the tests use does.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BUILT_ON, DEFAULT_PACK, ROOT, run_cli

SECOND_PACK = ROOT / "tests" / "packs" / "meeting-rooms"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session", params=["social-media-approved", "meeting-rooms-draft", "social-media-overdue"])
def web(request, tmp_path_factory) -> Path:
    """The web folder of each pack: the default pack approved and overdue, the second as a draft."""
    name, state = request.param.rsplit("-", 1)
    work = tmp_path_factory.mktemp(f"web-{request.param}")
    pack = Path(shutil.copytree(DEFAULT_PACK if name == "social-media" else SECOND_PACK, work / name))
    as_of = "2022-03-02" if state == "overdue" else BUILT_ON
    result = run_cli("build", pack, "--out", work / "out", "--only", "web", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    return work / "out" / name / "web"


# The files, without a browser ------------------------------------------------------------------


class Outline(HTMLParser):
    """Headings, landmarks, links and tables of a page, as a screen reader's lists would show them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading[1:]).split())))
            self._heading = None


def outline(web: Path) -> Outline:
    parser = Outline()
    parser.feed((web / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_folder_holds_the_page_its_css_and_fonts_and_refers_to_nothing_outside(web):
    names = sorted(str(p.relative_to(web)) for p in web.rglob("*") if p.is_file())
    assert {"index.html", "style.css", "fonts/AtkinsonHyperlegible-Regular.ttf", "fonts/OFL.txt"} <= set(names)
    page = outline(web)
    referred = [a.get("href") or a.get("src") for tag, a in page.tags if tag in ("link", "img", "script", "a")]
    css = (web / "style.css").read_text()
    referred += re.findall(r"url\(([^)]+)\)", css)
    for address in filter(None, referred):
        assert (
            not address.startswith(("file:", "/"))
            and "://" not in address.split("#")[0]
            or address.startswith(("https://", "mailto:"))
        ), address
        local = address.split("#")[0].strip("\"'")
        if local and "://" not in local and not local.startswith("mailto:"):
            assert (web / local).is_file(), f"{address} is not in the web folder"
    assert not [tag for tag, _ in page.tags if tag == "script"], "the page must not need JavaScript"


def test_landmarks_skip_link_one_h1_and_headings_in_order(web):
    page = outline(web)
    tags = [tag for tag, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en-GB"})
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link["href"] == "#main" and first_link.get("class") == "skip-link"
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip([1] + levels, levels)), page.headings


def test_document_control_facts_are_on_the_page_and_the_quiz_is_not(web):
    text = " ".join(re.sub(r"<[^>]+>", " ", (web / "index.html").read_text()).split())
    manifest = json.loads((web.parent / "manifest.json").read_text())
    assert f"Version {manifest['version']}" in text
    for label in ("Issued", "Review due", "Status", "Owner", "Approved by", "Version history"):
        assert label in text
    if manifest["overdue"]:
        assert "review overdue" in text
    if manifest["status"] == "draft":
        assert "Draft, not yet approved" in text
    assert "Answer key" not in text and "quiz" not in text.lower()


def test_every_table_has_a_caption_and_scoped_header_cells(web):
    html = (web / "index.html").read_text()
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert tables
    for table in tables:
        assert "<caption>" in table
        assert all("scope=" in th for th in re.findall(r"<th(?:\s[^>]*)?>", table))


def test_the_pros_and_cons_are_a_table(web):
    html = (web / "index.html").read_text()
    if "kind-pros-and-cons" in html:
        assert re.search(r'kind-pros-and-cons.*?<table class="pros-cons">.*?<th scope="col">Pros</th>', html, re.S)


# In a real browser ------------------------------------------------------------------------------


def open_page(chromium, web: Path, width: int, height: int = 800, zoom: float = 1):
    # The page's Content-Security-Policy forbids inline scripts, and axe is injected as one: the
    # test's own tool is let through here; the policy itself is tested in test_svg_security.py.
    page = chromium.new_page(viewport={"width": width, "height": height}, device_scale_factor=zoom, bypass_csp=True)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((web / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert all(url.startswith((web.as_uri(), "data:")) for url in requests), requests
    return page


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("the browser tests need axe-core (npm ci)", pytrace=False)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})""", WCAG_22_AA)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.slow  # a real browser, or a build of its own
def test_axe_finds_no_wcag_22_aa_violations(chromium, web):
    for width in (1280, 320):
        page = open_page(chromium, web, width)
        assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
        assert axe_violations(page) == [], f"at {width} px"
        page.close()


@pytest.mark.slow  # a real browser, or a build of its own
def test_text_reflows_at_320_px_and_at_400_percent_zoom(chromium, web):
    # 400% zoom of a 1280 px wide window lays the page out in 320 CSS px, as the criterion says.
    for width, zoom in ((320, 1), (1280 // 4, 4)):
        page = open_page(chromium, web, width, height=256, zoom=zoom)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{scroll_width} CSS px wide in a {width} px window"
        wider = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > limit + 1).map(e => e.outerHTML.slice(0, 80))""",
            width,
        )
        assert wider == []
        page.close()


@pytest.mark.slow  # a real browser, or a build of its own
def test_focus_is_visible_and_the_skip_link_goes_to_main(chromium, web):
    page = open_page(chromium, web, 1280)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {cls: e.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                left: e.getBoundingClientRect().left}; }""")
    assert focused["cls"] == "skip-link" and focused["left"] >= 0
    assert focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert style[0] == "A" and style[1] != "none" and style[2] >= 2
    page.close()


@pytest.mark.slow  # a real browser, or a build of its own
def test_keep_html_leaks_no_local_path(tmp_path):
    result = run_cli(
        "build",
        DEFAULT_PACK,
        "--out",
        tmp_path / "out",
        "--only",
        "appendix",
        "--only",
        "web",
        "--keep-html",
        "--as-of",
        BUILT_ON,
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "social-media"
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "file:" not in text and str(ROOT) not in text and str(tmp_path) not in text, path
