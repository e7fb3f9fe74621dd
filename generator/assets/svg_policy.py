"""What an SVG logo may hold: an allow-list of elements, attributes, style properties and CSS functions.

A logo is drawn inside pages people open (the PDFs, the Word handout, the web version), so it
may hold shapes, text and paint, and refer only to its own parts (`#id`, `url(#id)`): no script,
no animation (which can rewrite a link while the logo is shown), no `<style>` (which, inlined,
restyles the whole page), no pictures or fonts of its own, nothing outside the file.
Anything not listed here is refused with the reason; what drawing programs add for their own use
(Inkscape's and Illustrator's namespaces, `<metadata>`, `data-*`) is dropped, since it draws nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}
DROPPED_ELEMENTS = {"metadata"}

FILTER_PRIMITIVES = {
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
}  # fmt: skip
ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop",
    "pattern", "clipPath", "mask", "marker", "filter",
} | FILTER_PRIMITIVES  # fmt: skip

# Presentation attributes, which may also be written as properties in a style="..." attribute.
PROPERTIES = {
    "alignment-baseline", "baseline-shift", "clip-path", "clip-rule", "color", "color-interpolation",
    "color-interpolation-filters", "color-rendering", "direction", "display", "dominant-baseline",
    "enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity",
    "font", "font-family", "font-feature-settings", "font-kerning", "font-size", "font-size-adjust",
    "font-stretch", "font-style", "font-variant", "font-variant-caps", "font-variant-ligatures",
    "font-variant-numeric", "font-variant-east-asian", "font-variation-settings", "font-weight",
    "image-rendering", "inline-size", "isolation", "letter-spacing", "lighting-color", "line-height",
    "marker", "marker-end", "marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode",
    "opacity", "overflow", "paint-order", "shape-inside", "shape-margin", "shape-padding",
    "shape-rendering", "solid-color", "solid-opacity", "stop-color", "stop-opacity", "stroke",
    "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-opacity", "stroke-width", "text-align", "text-anchor", "text-decoration",
    "text-decoration-line", "text-decoration-color", "text-decoration-style", "text-indent",
    "text-orientation", "text-rendering", "text-transform", "transform", "transform-box",
    "transform-origin", "unicode-bidi", "vector-effect", "visibility", "white-space", "word-spacing",
    "writing-mode",
}  # fmt: skip
ATTRIBUTES = PROPERTIES | {
    "id", "class", "style", "lang", "role", "focusable", "version", "baseProfile", "x", "y", "x1",
    "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points",
    "pathLength", "viewBox", "preserveAspectRatio", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "startOffset", "method", "spacing", "side", "href", "gradientUnits",
    "gradientTransform", "spreadMethod", "offset", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerUnits",
    "markerWidth", "markerHeight", "refX", "refY", "orient", "filterUnits", "primitiveUnits",
    "filterRes", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
    "type", "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius",
    "baseFrequency", "numOctaves", "seed", "stitchTiles", "edgeMode", "kernelMatrix", "order",
    "divisor", "bias", "targetX", "targetY", "preserveAlpha", "kernelUnitLength", "surfaceScale",
    "diffuseConstant", "specularConstant", "specularExponent", "azimuth", "elevation", "z",
    "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "scale", "xChannelSelector",
    "yChannelSelector",
}  # fmt: skip
# CSS functions a value may call: colours, transforms, sums; url() only to a part of the logo itself.
FUNCTIONS = {
    "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "icc-color",
    "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley", "rotate", "skewx",
    "skewy", "calc", "min", "max", "clamp", "var",
}  # fmt: skip

ELEMENT_REASONS = {
    "script": "a script can run when the logo is shown",
    "style": "it would restyle the whole page the logo is placed in; export the SVG with presentation "
    "attributes instead (Illustrator: Styling 'Presentation Attributes'; Inkscape: 'Optimized SVG')",
    "a": "a logo needs no link; remove it",
    "image": "it embeds a picture; export the whole logo as a PNG instead",
    "feImage": "it embeds a picture; export the whole logo as a PNG instead",
    "foreignObject": "it can carry a whole web page",
}
ANIMATION = {"animate", "animateMotion", "animateTransform", "animateColor", "set", "discard"}
DANGEROUS = ANIMATION | {"script", "style", "foreignObject"}  # said first, whatever else is wrong
IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)
OWN_PART = re.compile(r"#[A-Za-z_][\w.:-]*")
CALL = re.compile(r"([A-Za-z-]+)\s*\(\s*(['\"]?)([^)'\"]*)\2\s*\)?")


def refusal(root: ET.Element) -> str | None:
    """Why this SVG may not be used as a logo, or None once what editors add for themselves is dropped."""
    for parent in list(root.iter()):
        for child in list(parent):
            if _is_editor_data(child.tag):
                parent.remove(child)
    for element in root.iter():
        _drop_editor_attributes(element)
    checks = (
        lambda element: _element_refusal(element.tag, DANGEROUS),
        _dangerous_attribute,
        lambda element: _element_refusal(element.tag, set()),
        _unlisted_attribute,
    )
    for check in checks:  # the whole logo for each, so the gravest reason is the one given
        for element in root.iter():
            reason = check(element)
            if reason:
                return reason
    return None


def _is_editor_data(tag: object) -> bool:
    if not isinstance(tag, str):
        return True  # a comment or processing instruction
    namespace, local = _split(tag)
    return namespace in EDITOR_NAMESPACES or (namespace == SVG and local in DROPPED_ELEMENTS)


def _drop_editor_attributes(element: ET.Element) -> None:
    for name in list(element.attrib):
        namespace, local = _split(name)
        if namespace in EDITOR_NAMESPACES or (not namespace and local.startswith("data-")):
            del element.attrib[name]


def _element_refusal(tag: str, only: set[str]) -> str | None:
    """Why the element is refused; with `only`, just those elements (the dangerous ones, said first)."""
    namespace, local = _split(tag)
    if only and (namespace != SVG or local not in only):
        return None
    if namespace != SVG:
        return f"is an SVG containing <{local}> from outside SVG ({namespace or 'no namespace'}), which is not allowed"
    if local in ANIMATION:
        return f"is an SVG containing <{local}>, which is not allowed: animation can change the logo's links"
    if local in ELEMENTS:
        return None
    reason = ELEMENT_REASONS.get(
        local, "a logo may hold only shapes, paths, text, groups, gradients, masks and filters"
    )
    return f"is an SVG containing <{local}>, which is not allowed: {reason}"


def _dangerous_attribute(element: ET.Element) -> str | None:
    """Script, outside references and CSS tricks, in any attribute.

    A style="..." that passes is written out as presentation attributes, which every renderer reads
    as SVG: WeasyPrint reads an inline SVG's style attribute as HTML CSS, warning on every SVG property.
    """
    for name, value in list(element.attrib.items()):
        local = _split(name)[1]
        if local.lower().startswith("on"):
            return f"is an SVG with a script attribute ({local}), which is not allowed"
        if local == "href":
            if not OWN_PART.fullmatch(value):
                return (
                    f"is an SVG that refers to {value!r} outside itself; a logo may refer only to its own parts (#id)"
                )
        elif local == "style":
            reason, properties = _style_refusal(value)
            if reason:
                return reason
            del element.attrib[name]
            element.attrib.update(properties)  # a style overrides attributes, as here
        else:
            reason = _value_refusal(local, value)
            if reason:
                return reason
    return None


def _unlisted_attribute(element: ET.Element) -> str | None:
    for name in element.attrib:
        namespace, local = _split(name)
        allowed = (
            (namespace == XLINK and local == "href")
            or (namespace == XML and local in ("space", "lang"))
            or (not namespace and (local in ATTRIBUTES or local.startswith("aria-")))
        )
        if not allowed:
            prefix = {XML: "xml:", XLINK: "xlink:", "": ""}.get(namespace, f"{{{namespace}}}")
            shown = prefix + local
            return (
                f"is an SVG with the attribute {shown!r} on <{_split(element.tag)[1]}>, which is not allowed in a logo"
            )
    return None


def _style_refusal(style: str) -> tuple[str | None, dict[str, str]]:
    """Why a style="..." attribute is refused, or None and its properties without editors' own."""
    if re.search(r"[@{}<\\]|/\*", style):
        return "is an SVG whose style attribute holds @-rules, braces, escapes or comments, which are not allowed", {}
    kept = {}
    for declaration in filter(str.strip, style.split(";")):
        name, colon, value = (part.strip() for part in declaration.partition(":"))
        name, value = name.lower(), IMPORTANT.sub("", value)
        if name.startswith(("-inkscape-", "-sodipodi-")):
            continue
        if not colon or name not in PROPERTIES:
            return f"is an SVG whose style sets {name!r}, which is not allowed in a logo", {}
        reason = _value_refusal(name, value)
        if reason:
            return reason, {}
        kept[name] = value
    return None, kept


def _value_refusal(name: str, value: str) -> str | None:
    if "\\" in value:
        return f"is an SVG whose {name!r} holds a backslash escape, which can hide an address; remove it"
    for function, _, argument in CALL.findall(value):
        if function.lower() not in FUNCTIONS:
            return f"is an SVG whose {name!r} calls {function}(), which is not allowed in a logo"
        if function.lower() == "url" and not OWN_PART.fullmatch(argument.strip()):
            return "is an SVG that refers to a file or address outside itself; a logo may use only url(#id)"
    if re.search(r"(?i)\b(javascript|data|vbscript)\s*:", value):
        return f"is an SVG whose {name!r} holds an address, which is not allowed"
    return None


def _split(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name
