"""The HTML behind a PDF, kept for --keep-html as one self-contained file.

Its stylesheets are inlined and every file they or the page refer to (fonts, a raster logo)
becomes a data: address, so the page opens in a browser as rendered and says nothing about the
machine it was built on: no file: address, no local path, no <base>.
"""
from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
FILE_SRC = re.compile(r'src="(file:[^"]+)"')


def self_contained(html: str, templates: Path, readable_roots: list[Path]) -> bytes:
    roots = [root.resolve() for root in readable_roots]

    def inline_stylesheet(match: re.Match) -> str:
        path = _readable(templates / match[1], roots)
        if path is None:
            return ""
        css = CSS_URL.sub(lambda m: _as_data_url(path.parent / m[2], roots, m[0]), path.read_text(encoding="utf-8"))
        return f"<style>\n{css}\n</style>"

    html = STYLESHEET.sub(inline_stylesheet, html)
    html = FILE_SRC.sub(lambda m: f'src="{_as_data_url(Path(unquote(urlsplit(m[1]).path)), roots, "")}"', html)
    return html.encode("utf-8")


def _readable(path: Path, roots: list[Path]) -> Path | None:
    resolved = path.resolve()
    if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
        return resolved
    return None


def _as_data_url(path: Path, roots: list[Path], fallback: str) -> str:
    """`url(data:...)` inside CSS (or a bare data: address for src=), or `fallback` when the
    file is not one packgen may read."""
    if "://" in str(path) or str(path).startswith("data:"):
        return fallback
    found = _readable(path, roots)
    if found is None:
        return fallback
    mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    data = f"data:{mime};base64,{base64.b64encode(found.read_bytes()).decode('ascii')}"
    return f'url("{data}")' if fallback.startswith("url(") else data
