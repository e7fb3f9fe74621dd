"""An SVG logo cannot script or restyle the pages it is drawn in, nor make them load anything
(issue 23, item 2): what generator/assets/svg_policy.py does not allow is refused by `check` and `build`,
the web version shows the logo as an <img> of a checked file, and a Content-Security-Policy
forbids scripts and outside loads there. The browser tests use Debian's chromium and Playwright.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 10">'
SECOND_PACK = ROOT / "tests" / "packs" / "meeting-rooms"


def svg(body: str) -> str:
    return f"{SVG_OPEN}{body}</svg>"


# (what it tries, the SVG, words the refusal must hold). Those marked * passed `check` before.
HOSTILE = [
    (  # * the issue's own: clicking the logo ran JavaScript
        "animate-link",
        svg(
            '<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/><rect width="9" height="9"/></a>'
        ),
        "<animate>, which is not allowed",
    ),
    (  # *
        "set-link",
        svg('<a href="#x"><set attributeName="xlink:href" to="javascript:alert(1)"/><text>Logo</text></a>'),
        "<set>, which is not allowed",
    ),
    (
        "animate-transform",
        svg('<rect width="9" height="9"><animateTransform type="scale"/></rect>'),
        "<animateTransform>",
    ),  # *
    ("style-hides-page", svg("<style>main { display: none }</style>"), "<style>, which is not allowed"),  # *
    ("style-fetches", svg("<style>rect { fill: url(https://example.org/t.png) }</style>"), "<style>"),  # *
    ("style-imports", svg("<style>@import url(https://example.org/a.css);</style>"), "<style>"),  # *
    (
        "style-attribute-url",
        svg('<rect style="fill: url(https://example.org/t)" width="9" height="9"/>'),
        "outside itself",
    ),
    (
        "style-attribute-import",
        svg('<rect style="@import \'https://example.org/a.css\'" width="9" height="9"/>'),
        "@-rules",
    ),  # *
    (
        "style-attribute-escape",
        svg('<rect style="fill: u\\72l(https://example.org/t)" width="9" height="9"/>'),
        "escape",
    ),  # *
    (
        "style-attribute-image-set",
        svg('<rect style="fill: image-set(\'https://example.org/t\')" width="9" height="9"/>'),
        "image-set()",
    ),  # *
    ("style-attribute-unknown", svg('<rect style="cursor: pointer" width="9" height="9"/>'), "sets 'cursor'"),  # *
    ("upper-case-url", svg('<rect fill="URL(https://example.org/t)" width="9" height="9"/>'), "outside itself"),  # *
    (
        "second-url",
        svg('<rect fill="url(#a) url(https://example.org/t)" width="9" height="9"/>'),
        "outside itself",
    ),  # *
    ("use-outside", svg('<use href="https://example.org/logo.svg#a"/>'), "refers to 'https://example.org/logo.svg#a'"),
    ("xlink-data", svg('<use xlink:href="data:image/svg+xml,&lt;svg/&gt;"/>'), "refers to 'data:image/svg+xml"),
    (
        "link-javascript",
        svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'),
        "refers to 'javascript:",
    ),
    ("link-fragment", svg('<a href="#x"><rect width="9" height="9"/></a>'), "<a>, which is not allowed"),  # *
    ("event-handler", svg('<rect onclick="alert(1)" width="9" height="9"/>'), "script attribute (onclick)"),
    ("script", svg("<script>alert(1)</script>"), "<script>"),
    ("foreign-object", svg("<foreignObject><p>page</p></foreignObject>"), "<foreignObject>"),
    (
        "xhtml-iframe",
        svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://example.org"/>'),
        "<iframe> from outside SVG",
    ),  # *
    (
        "image-data",
        svg('<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>'),
        "refers to 'data:image/png",
    ),
    ("fe-image", svg('<filter id="f"><feImage href="#x"/></filter>'), "<feImage>, which is not allowed"),  # *
    ("xml-base", svg('<use xml:base="https://example.org/" href="#a"/>'), "'xml:base' on <use>"),  # *
    ("cursor-url", svg('<rect cursor="url(https://example.org/c.cur), auto" width="9" height="9"/>'), "outside itself"),
    (
        "unknown-attribute",
        svg('<rect width="9" height="9" requiredExtensions="x"/>'),
        "'requiredExtensions' on <rect>",
    ),  # *
    (
        "font-face",
        svg('<font-face font-family="X"><font-face-src/></font-face>'),
        "<font-face>, which is not allowed",
    ),  # *
]

BENIGN = svg(
    '<defs><linearGradient id="g" x1="0" x2="1" gradientUnits="objectBoundingBox">'
    '<stop offset="0" stop-color="#00505c"/><stop offset="1" style="stop-color:#1a1a1a;stop-opacity:1"/>'
    '</linearGradient><clipPath id="c"><rect width="40" height="10" rx="2"/></clipPath>'
    '<rect id="box" width="8" height="8"/></defs>'
    '<g clip-path="url(#c)" data-name="Layer 1"><rect width="40" height="10" fill="url(#g)"/>'
    '<use href="#box" x="1" y="1" fill="#ffffff"/><use xlink:href="#box" x="30" y="1" style="fill:url( \'#g\' )"/>'
    '<text x="11" y="7" font-size="5" fill="#ffffff">Anytown</text></g>'
)
INKSCAPE = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" viewBox="0 0 40 10" inkscape:version="1.3" '
    'sodipodi:docname="logo.svg"><sodipodi:namedview id="view" pagecolor="#ffffff"/><metadata><rdf:RDF/></metadata>'
    '<g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect width="40" height="10" '
    "style=\"fill:#00505c;stroke:none;-inkscape-font-specification:'Sans Bold'\"/></g></svg>"
)


def with_logo(pack: Path, markup: str) -> None:
    (pack / "logo.svg").write_text(markup, encoding="utf-8")
    with open(pack / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write("logo:\n  file: logo.svg\n  alt: Anytown Council\n")


def the_refusal(output: str, reason: str) -> str:
    """The one line that names the logo file, which must hold `reason`; never a traceback."""
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "logo.svg" in line]
    assert len(lines) == 1, output
    assert re.search(r"pack\.yaml:\d+: logo file 'logo\.svg' is an SVG", lines[0]), lines[0]
    assert reason in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("name, markup, reason", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_hostile_svg_logo_is_refused_by_check(pack_copy, name, markup, reason):
    with_logo(pack_copy, markup)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    the_refusal(result.output, reason)


@pytest.mark.parametrize("name, markup, reason", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_hostile_svg_logo_is_refused_by_build_and_nothing_is_written(pack_copy, tmp_path, name, markup, reason):
    with_logo(pack_copy, markup)
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "web")
    assert result.exit_code == 1, result.output
    the_refusal(result.output, reason)
    assert not (tmp_path / "out" / "social-media").exists()


def test_a_hostile_council_logo_is_refused_too(pack_copy):
    (pack_copy / "council.yaml").write_text(
        "name: Anytown Council\nlogo:\n  file: crest.svg\n  alt: Anytown Council\n", encoding="utf-8"
    )
    (pack_copy / "crest.svg").write_text(svg("<style>main { display: none }</style>"), encoding="utf-8")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    assert re.search(r"council\.yaml:\d+: logo file 'crest\.svg' is an SVG containing <style>", result.output)


@pytest.mark.slow  # builds the web page, the handout (cairosvg) and the booklet
def test_a_benign_svg_with_gradients_clips_and_use_builds_everywhere(pack_copy, tmp_path):
    pytest.importorskip("cairosvg")
    with_logo(pack_copy, BENIGN)
    out = tmp_path / "out"
    result = run_cli("build", pack_copy, "--out", out, *("--only", "web", "--only", "handout", "--only", "booklet"))
    assert result.exit_code == 0, result.output
    web = out / "social-media" / "web"
    served = (web / "logo.svg").read_text(encoding="utf-8")
    assert 'fill="url(#g)"' in served and 'href="#box"' in served and "data-name" not in served
    page = (web / "index.html").read_text(encoding="utf-8")
    assert '<img class="logo" src="logo.svg" alt="Anytown Council">' in page
    assert "<svg" not in page  # nothing of the logo's own markup is in the page


def test_what_drawing_programs_keep_for_themselves_is_dropped_not_refused(pack_copy, tmp_path):
    with_logo(pack_copy, INKSCAPE)
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "web")
    assert result.exit_code == 0, result.output
    served = (tmp_path / "out" / "social-media" / "web" / "logo.svg").read_text(encoding="utf-8")
    assert "inkscape" not in served and "sodipodi" not in served and "rdf" not in served.lower()
    assert 'fill="#00505c"' in served and 'stroke="none"' in served and "style=" not in served


def test_the_web_page_carries_a_policy_that_forbids_scripts_and_outside_loads(tmp_path):
    result = run_cli("build", SECOND_PACK, "--out", tmp_path / "out", "--only", "web")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "meeting-rooms" / "web" / "index.html").read_text(encoding="utf-8")
    policy = content_security_policy(page)
    assert policy["default-src"] == ["'none'"] and policy["script-src"] == ["'none'"]
    for directive in ("object-src", "base-uri", "form-action"):
        assert policy[directive] == ["'none'"], directive
    for directive in ("font-src", "img-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["style-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in policy["style-src"][1:])
    head = page.split("</head>")[0]
    assert head.index("Content-Security-Policy") < min(head.index("<style"), head.index("<link"))


def content_security_policy(page: str) -> dict[str, list[str]]:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert len(found) == 1, "the page needs exactly one Content-Security-Policy"
    directives = [part.split() for part in found[0].split(";") if part.strip()]
    return {name: values for name, *values in directives}


# In a real browser ------------------------------------------------------------------------------


@pytest.fixture
def browser(chromium):
    return chromium  # the session's one browser (conftest.py)


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Path:
    """The web folder of the second pack, whose logo is an SVG."""
    work = tmp_path_factory.mktemp("svg-web")
    result = run_cli(
        "build", shutil.copytree(SECOND_PACK, work / "meeting-rooms"), "--out", work / "out", "--only", "web"
    )
    assert result.exit_code == 0, result.output
    return work / "out" / "meeting-rooms" / "web"


def opened(browser, page_file: Path):
    """The page as a visitor's browser shows it, with every request and console message it made."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.requests, page.failed, page.messages = [], {}, []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("requestfailed", lambda request: page.failed.update({request.url: request.failure}))
    page.on("console", lambda message: page.messages.append(message.text))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


@pytest.mark.slow  # a real browser
def test_in_chromium_the_logo_shows_and_the_pages_own_css_and_fonts_load_under_the_policy(browser, web):
    page = opened(browser, web / "index.html")
    logo = page.evaluate(
        """() => { const img = document.querySelector('header img.logo'), box = img.getBoundingClientRect();
        return {complete: img.complete, natural: img.naturalWidth, width: box.width, height: box.height}; }"""
    )
    assert logo["complete"] and logo["natural"] > 0 and logo["width"] > 0 and logo["height"] > 0, logo
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"  # style.css
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()")  # inline
    assert not [m for m in page.messages if "Content Security Policy" in m], page.messages
    assert all(url.startswith(web.as_uri()) for url in page.requests), page.requests
    assert page.evaluate("document.querySelectorAll('svg, script').length") == 0
    page.close()


@pytest.mark.slow  # a real browser
def test_in_chromium_the_policy_stops_a_script_and_an_outside_load_slipped_into_the_page(browser, web):
    page_file = web / "slipped.html"  # beside the page, so its own files load as they do for it
    slipped = (
        '<script>document.title = "ran"</script>'
        '<img src="https://example.org/pixel.png" alt=""><img src="missing.png" alt="" onerror="document.title = \'ran\'">'
        '<svg><a href="#x"><animate attributeName="href" values="javascript:document.title=\'ran\'"/>'
        '<rect width="50" height="50" id="trap"/></a></svg>'
    )
    page = (web / "index.html").read_text(encoding="utf-8")
    page_file.write_text(page.replace("<main", slipped + "<main", 1), encoding="utf-8")
    page = opened(browser, page_file)
    page.click("#trap")
    page.wait_for_timeout(200)
    assert page.title() != "ran"
    assert page.failed.get("https://example.org/pixel.png") == "csp", page.failed  # blocked before it left
    blocked = " ".join(m for m in page.messages if "violates the following Content Security Policy" in m)
    for what in ("inline script", "inline event handler", "JavaScript URL"):
        assert what in blocked, page.messages
    page.close()
