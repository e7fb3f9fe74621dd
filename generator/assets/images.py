"""Checks on images a council supplies (logos): refused before they reach a renderer."""

from __future__ import annotations

import contextlib
import re
import zlib
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where it is used, so that reading a pack does not load it
    from PIL.Image import Image as PillowImage

from generator.assets import svg_policy

MAX_IMAGE_BYTES = 5_000_000
MAX_IMAGE_PIXELS = 25_000_000  # 5000 x 5000
MAX_ASPECT = 20  # a logo at most 20 times as wide as high (or high as wide): a banner is about 10
MAX_SVG_DEPTH = 50  # levels of nested elements; real logos use a handful
MAX_SVG_ELEMENTS = 10_000
SVG = "{http://www.w3.org/2000/svg}"


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


def safe_svg(path: Path, alt: str | None = None, id_prefix: str = "") -> str:
    """The SVG's markup, if generator/assets/svg_policy.py allows all it holds (no script, no animation,
    no <style>, nothing outside itself), without what drawing programs keep for their own use.

    With `alt`, the SVG is labelled so WeasyPrint tags it as a Figure with that /Alt text. With
    `id_prefix`, its ids and its references to them are prefixed, so a second copy inlined in the
    same page (the back cover's logo) defines no anchor twice.
    """
    raw = path.read_bytes()
    if b"\0" in raw:
        raise ImageRefused("is an SVG saved as UTF-16; save it as UTF-8")
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:
        raise ImageRefused("is an SVG with a DOCTYPE or entities; save it without them")
    try:
        root = ET.fromstring(raw)  # bytes, so an encoding="ISO-8859-1" declaration is honoured
    except (ET.ParseError, ValueError, LookupError) as error:
        raise ImageRefused(f"is not a readable SVG ({error}); save it as plain SVG in UTF-8") from None
    if root.tag != f"{SVG}svg":
        raise ImageRefused("is not an SVG image")
    refusal = svg_policy.refusal(root)  # also drops what drawing programs keep for themselves
    if refusal:
        raise ImageRefused(refusal)
    _check_svg_shape(root)
    if id_prefix:
        _prefix_ids(root, id_prefix)
    if alt is not None:
        root.set("role", "img")
        root.set("aria-label", alt)
        title = ET.Element(f"{SVG}title")
        title.text = alt
        root.insert(0, title)
    ET.register_namespace("", svg_policy.SVG)
    ET.register_namespace("xlink", svg_policy.XLINK)
    return ET.tostring(root, encoding="unicode")


INNER_URL = re.compile(r"(url\(\s*#)", re.IGNORECASE)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Prefix every id, and every reference to one: the policy allows references only as
    href="#id" (xlink:href too) and url(#id), so these are all there are."""
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == "id":
                element.set(name, prefix + value)
            elif name.rsplit("}", 1)[-1] == "href" and value.startswith("#"):
                element.set(name, "#" + prefix + value[1:])
            elif "url(" in value.lower():
                element.set(name, INNER_URL.sub(lambda match: match.group(1) + prefix, value))


def _check_svg_shape(root: ET.Element) -> None:
    """Refuse what makes a renderer recurse, multiply or guess: deep nesting, <use> of <use>, no size."""
    depth = {root: 1}
    for count, parent in enumerate(root.iter(), start=1):
        if count > MAX_SVG_ELEMENTS:
            raise ImageRefused(f"is an SVG of more than {MAX_SVG_ELEMENTS:,} elements; simplify it or export a PNG")
        for child in parent:
            depth[child] = depth[parent] + 1
            if depth[child] > MAX_SVG_DEPTH:
                raise ImageRefused(
                    f"is an SVG nested more than {MAX_SVG_DEPTH} levels deep; simplify it or export a PNG"
                )
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    for use in root.iter(f"{SVG}use"):
        href = use.get("href") or use.get("{http://www.w3.org/1999/xlink}href") or ""
        target = by_id.get(href.removeprefix("#"))
        if target is not None and any(inner.tag == f"{SVG}use" for inner in target.iter()):
            raise ImageRefused(
                "is an SVG whose <use> elements repeat other <use> elements, which can multiply "
                "without end; flatten it or export a PNG"
            )
    _check_aspect(*_svg_size(root))


def _svg_size(root: ET.Element) -> tuple[float, float]:
    """The SVG's own width and height: from its viewBox, else from absolute width and height."""
    try:
        _, _, width, height = (float(n) for n in (root.get("viewBox") or "").replace(",", " ").split())
        return width, height
    except ValueError:
        pass
    sizes = [
        re.fullmatch(r"\s*([0-9.]+(?:e[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*", root.get(side) or "")
        for side in ("width", "height")
    ]
    given_width, given_height = sizes
    if given_width is None or given_height is None:
        raise ImageRefused(
            "is an SVG with no size of its own (no viewBox, and its width and height are missing "
            'or in %); give it a viewBox, e.g. viewBox="0 0 400 100"'
        )
    try:
        return float(given_width[1]), float(given_height[1])
    except ValueError:
        raise ImageRefused("is an SVG whose width or height is not a number") from None


def _check_bitmap(path: Path) -> None:
    try:
        with _opened(path) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ImageRefused(f"is {width} x {height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels")
            expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(path.suffix.lower())
            if image.format != expected:
                raise ImageRefused(f"is a {image.format} file named {path.suffix}; save it as {expected} or rename it")
            _check_aspect(width, height)
            image.verify()  # checksums; only decoding finds picture data that is cut short
        with _opened(path) as image:
            image.load()
        if expected == "PNG":
            _check_png_data(path.read_bytes(), width, height)
    except ImageRefused:
        raise
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise ImageRefused(f"cannot be read as an image ({type(error).__name__}: {error}); export it again") from None


PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _check_png_data(data: bytes, width: int, height: int) -> None:
    """Pillow fills a PNG whose picture data stops early with black, checksums and all correct:
    count the decompressed bytes against what the header says there must be."""
    position, compressed = 8, []
    bit_depth = colour = interlaced = 0
    while position + 8 <= len(data):
        length, kind = int.from_bytes(data[position : position + 4], "big"), data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            bit_depth, colour, interlaced = body[8], body[9], body[12]
        elif kind == b"IDAT":
            compressed.append(body)
        position += 12 + length
    bits = bit_depth * PNG_CHANNELS.get(colour, 4)
    passes = ADAM7 if interlaced else ((0, 0, 1, 1),)
    needed = 0
    for x0, y0, dx, dy in passes:
        columns, rows = max(0, -(-(width - x0) // dx)), max(0, -(-(height - y0) // dy))
        if columns and rows:
            needed += rows * (1 + -(-columns * bits // 8))
    decoder, found = zlib.decompressobj(), 0
    for piece in compressed:
        while piece and found <= needed:  # a megabyte at a time: a 5000 x 5000 logo is 100 MB decoded
            found += len(decoder.decompress(piece, 1 << 20))
            piece = decoder.unconsumed_tail
    if found < needed:
        raise ImageRefused(
            "is damaged: its picture data stops part of the way through (it would print as a "
            "black box); export it again"
        )


def _check_aspect(width: float, height: float) -> None:
    if width <= 0 or height <= 0:
        raise ImageRefused("has no width or height; export it again")
    if max(width / height, height / width) > MAX_ASPECT:
        raise ImageRefused(
            f"is {_size(width)} x {_size(height)}, more than {MAX_ASPECT} times as long one way as the other; "
            "crop it to the logo itself"
        )


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[PillowImage]:
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

    plugins: dict[str, type[PngImagePlugin.PngImageFile] | type[JpegImagePlugin.JpegImageFile]] = {
        ".png": PngImagePlugin.PngImageFile,
        ".jpg": JpegImagePlugin.JpegImageFile,
        ".jpeg": JpegImagePlugin.JpegImageFile,
    }
    plugin = plugins[path.suffix.lower()]
    try:
        with plugin(path) as header:
            return header.size
    except Exception:  # not the format its name says: too large to open either way
        raise ImageRefused(
            f"has more pixels than can be opened safely; the limit is {MAX_IMAGE_PIXELS:,} pixels"
        ) from None


def _size(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,g}"
