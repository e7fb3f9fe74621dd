"""The shared PDF renderer reads only the pack and templates, and treats a warning as a failure."""

from __future__ import annotations


import pytest

from generator.errors import RenderError
from generator.pdf.render import render_pdf
from generator.html.templating import TEMPLATES

PAGE = '<html lang="en-GB"><head><title>t</title></head><body><h1>Test</h1>{}</body></html>'


def render(body: str, tmp_path):
    return render_pdf(PAGE.format(body), tmp_path, [tmp_path, TEMPLATES], what="the test page")


def test_a_plain_page_renders(tmp_path):
    pdf = render("<p>Hello</p>", tmp_path)
    assert pdf.pages == 1 and pdf.data.startswith(b"%PDF")


def test_a_file_outside_the_allowed_folders_is_refused(tmp_path):
    with pytest.raises(RenderError, match="refused to read /etc/passwd"):
        render('<img src="file:///etc/passwd" alt="x">', tmp_path)


def test_a_relative_path_climbing_out_is_refused(tmp_path):
    (tmp_path / "pack").mkdir()
    with pytest.raises(RenderError, match="refused to read"):
        render_pdf(
            PAGE.format('<link rel="stylesheet" href="../../../etc/passwd">'),
            tmp_path / "pack",
            [tmp_path / "pack"],
            what="the test page",
        )


def test_no_network_request_is_made(tmp_path, loopback):
    with pytest.raises(RenderError, match="only files inside the pack are read"):
        render(f'<img src="http://127.0.0.1:{loopback.port}/logo.png" alt="x">', tmp_path)
    loopback.close()
    assert loopback.connections == []


def test_a_weasyprint_warning_fails_the_render(tmp_path):
    with pytest.raises(RenderError, match="WeasyPrint reported a problem"):
        render('<p style="colour: red">unknown property</p>', tmp_path)
