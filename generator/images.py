"""Checks on images a council supplies (logos): refused before they reach a renderer."""
from __future__ import annotations

import contextlib
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_IMAGE_BYTES = 5_000_000
MAX_IMAGE_PIXELS = 25_000_000  # 5000 x 5000
SVG = "{http://www.w3.org/2000/svg}"
FORBIDDEN_SVG_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed"}


class ImageRefused(ValueError):
    pass


def check_image(path: Path) -> None:
    """Raise ImageRefused with a reason a person can act on, or return if the image is safe to use."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ImageRefused(f"is {size:,} bytes; the limit for an image is {MAX_IMAGE_BYTES:,}")
    if path.suffix.lower() == ".svg":
        safe_svg(path)
    else:
        _check_bitmap(path)


def safe_svg(path: Path, alt: str | None = None) -> str:
    """The SVG's markup, if it holds no script and refers to nothing outside itself.

    With `alt`, the SVG is labelled so WeasyPrint tags it as a Figure with that /Alt text.
    """
    text = path.read_text(encoding="utf-8", errors="strict")
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise ImageRefused("is an SVG with a DOCTYPE or entities; save it without them")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ImageRefused(f"is not a readable SVG ({error})") from None
    if root.tag != f"{SVG}svg":
        raise ImageRefused("is not an SVG image")
    for element in root.iter():
        name = element.tag.split("}")[-1]
        if name in FORBIDDEN_SVG_ELEMENTS:
            raise ImageRefused(f"is an SVG containing <{name}>, which is not allowed")
        for attribute, value in element.attrib.items():
            local = attribute.split("}")[-1]
            if local.lower().startswith("on"):
                raise ImageRefused(f"is an SVG with a script attribute ({local}), which is not allowed")
            if local == "href" and not value.startswith("#"):
                raise ImageRefused(f"is an SVG that refers to {value!r} outside itself")
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                raise ImageRefused("is an SVG that refers to a file or address outside itself")
    if alt is not None:
        root.set("role", "img")
        root.set("aria-label", alt)
        title = ET.Element(f"{SVG}title")
        title.text = alt
        root.insert(0, title)
    ET.register_namespace("", SVG[1:-1])
    return ET.tostring(root, encoding="unicode")


def _check_bitmap(path: Path) -> None:
    try:
        with _opened(path) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ImageRefused(f"is {width} x {height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels")
            expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(path.suffix.lower())
            if image.format != expected:
                raise ImageRefused(f"is a {image.format} file named {path.suffix}; save it as {expected} or rename it")
            image.verify()
    except ImageRefused:
        raise
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise ImageRefused(f"cannot be read as an image ({type(error).__name__}); export it again") from None


@contextlib.contextmanager
def _opened(path: Path):
    """The image opened lazily (header only), with Pillow's decompression-bomb guard left on.

    Our limit is far below Pillow's, so its warning is noise here; an image so large that Pillow
    refuses it outright is measured from its header alone, to say how large it is.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        width, height = _header_size(path)
        raise ImageRefused(f"is {width} x {height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels") from None
    with image:
        yield image


def _header_size(path: Path) -> tuple[int, int]:
    """Width and height read by the format's own Pillow plugin, which leaves the size check to Image.open."""
    from PIL import JpegImagePlugin, PngImagePlugin

    plugin = {".png": PngImagePlugin.PngImageFile, ".jpg": JpegImagePlugin.JpegImageFile,
              ".jpeg": JpegImagePlugin.JpegImageFile}[path.suffix.lower()]
    try:
        with plugin(path) as header:
            return header.size
    except Exception:  # not the format its name says: too large to open either way
        raise ImageRefused(f"has more pixels than can be opened safely; the limit is {MAX_IMAGE_PIXELS:,} pixels") from None
