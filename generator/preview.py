"""The HTML behind a PDF, kept for --keep-html, naming nothing on the machine it was built on.

WeasyPrint reads the page with a file: base and a raster logo by its file: address; the kept copy
has no <base>, and the logo (or any other file: image) becomes a data: address. Its stylesheet
links stay relative (`styles/common.css`): they are packgen's (or the council's) templates.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

FILE_SRC = re.compile(r'src="(file:[^"]+)"')


def without_local_paths(html: str, readable_roots: list[Path]) -> bytes:
    roots = [root.resolve() for root in readable_roots]
    html = FILE_SRC.sub(lambda m: f'src="{_data_url(Path(unquote(urlsplit(m[1]).path)), roots)}"', html)
    return html.encode("utf-8")


def _data_url(path: Path, roots: list[Path]) -> str:
    """The file as a data: address, or nothing when it is not a file packgen may read."""
    resolved = path.resolve()
    if not resolved.is_file() or not any(resolved.is_relative_to(root) for root in roots):
        return ""
    mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(resolved.read_bytes()).decode('ascii')}"
