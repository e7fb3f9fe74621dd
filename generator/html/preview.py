"""The HTML behind a PDF, kept for --keep-html, naming nothing on the machine it was built on.

WeasyPrint reads the page with a file: base, a raster logo by its file: address and a council's
font by a file: address inside a CSS string, where most characters are escaped (`file:\\2f \\2f
...`). The kept copy has no <base>, and every file: (or absolute) address, in an attribute or a
CSS url() in whatever escaped form, becomes a data: address of a file packgen may read, or
nothing. Relative links (`styles/common.css`) stay: they are packgen's (or the council's) templates.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

ADDRESS_ATTRIBUTE = re.compile(r'\b(src|href)="([^"]*)"')
STYLE = re.compile(r'(<style\b[^>]*>)(.*?)(</style>)|\b(style=")([^"]*)(")', re.DOTALL | re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^)\s]*)\s*\)""", re.DOTALL)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.DOTALL)


def without_local_paths(page: str, readable_roots: list[Path]) -> bytes:
    roots = [root.resolve() for root in readable_roots]

    def attribute(match: re.Match) -> str:
        address = html.unescape(match[2])
        return f'{match[1]}="{_data_url(address, roots)}"' if _is_local(address) else match[0]

    def css_url(match: re.Match) -> str:
        address = _css_unescaped(html.unescape(match[1].strip("\"'")))
        return f"url('{_data_url(address, roots)}')" if _is_local(address) else match[0]  # fits in a style=""

    def style(match: re.Match) -> str:
        opening, css, closing = (match[1], match[2], match[3]) if match[1] else (match[4], match[5], match[6])
        return opening + CSS_URL.sub(css_url, css) + closing

    return STYLE.sub(style, ADDRESS_ATTRIBUTE.sub(attribute, page)).encode("utf-8")


def _is_local(address: str) -> bool:
    """A file: address, or an absolute path (which a file: base makes one)."""
    return address.strip().lower().startswith(("file:", "/"))


def _css_unescaped(text: str) -> str:
    return CSS_ESCAPE.sub(lambda m: _code_point(int(m[1], 16)) if m[1] else m[2], text)


def _code_point(number: int) -> str:
    """As CSS reads an escape: nothing valid (zero, a surrogate, past Unicode) is U+FFFD."""
    return chr(number) if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else "\ufffd"


def _data_url(address: str, roots: list[Path]) -> str:
    """The file as a data: address, or nothing when it is not a file packgen may read."""
    resolved = Path(unquote(urlsplit(address.strip()).path)).resolve()
    if not resolved.is_file() or not any(resolved.is_relative_to(root) for root in roots):
        return ""
    mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(resolved.read_bytes()).decode('ascii')}"
