"""Structures continued over a page break stay one structure element, and the tree's IDs are listed.

WeasyPrint 70 tags each page on its own: a table, list, list item or paragraph cut by a page
break becomes one element per page (with every ancestor repeated), so a screen reader meets
two tables, a second bullet, an irregular table. Which fragments belong together is known only
while WeasyPrint builds the tags, so `remember_elements` wraps its tag builder to write on each
structure element which HTML element it came from; `join_continued` then folds each fragment
into the one before it and removes the note. A table header repeated on the next page is page
furniture: its marks become artifacts and its data cells point at the first page's header cells.
"""

from __future__ import annotations

import pikepdf

ORIGIN_KEY = "PackgenOrigin"  # which HTML element a structure element came from; removed before saving
ORIGIN = "/" + ORIGIN_KEY
TERM_KEY = "PackgenTerm"  # a <dt> or <dd>: the list item WeasyPrint made of it
TERM = "/" + TERM_KEY
REPEATED_PARTS = ("/THead", "/TFoot")
ASKABLE_TAGS = ("Lbl", "LBody")  # data-pdf-tag values a template may use
COPY_KEY = "PackgenCopy"  # data-pdf-artifact: the element is printed again, and is an artifact


def remember_elements() -> None:
    """Wrap WeasyPrint's tag builder (once) so each structure element notes its HTML element."""
    import pydyf
    from weasyprint.pdf import tags

    if not hasattr(tags, "_build_box_tree") or getattr(tags._build_box_tree, "packgen", False):
        return  # another WeasyPrint than 70 builds its tags elsewhere: fragments stay as it makes them
    build = tags._build_box_tree

    def build_noting_origin(box, *args, **kwargs):
        origin = getattr(getattr(box, "_box", box), "element", None)  # an absolute box's placeholder
        for element in build(box, *args, **kwargs):
            if origin is not None and ORIGIN_KEY not in element:  # the innermost box's element wins
                # unique while the document is laid out; a pseudo-element (a::after) is its own
                pseudo = str(getattr(box, "element_tag", "")).partition("::")[2]
                element[ORIGIN_KEY] = pydyf.String(f"{id(origin)}{pseudo}")
                if box.element_tag in ("dt", "dd"):
                    element[TERM_KEY] = "/" + box.element_tag
                _tag_as_asked(element, origin, pydyf)
            yield element

    build_noting_origin.packgen = True  # type: ignore[attr-defined]  # marks WeasyPrint's function as wrapped
    tags._build_box_tree = build_noting_origin


def _tag_as_asked(element, origin, pydyf) -> None:
    """A template may name the tag of a list item's parts: data-pdf-tag="Lbl" on a quiz
    option's letter, "LBody" on its text. A label reads with a space after it ("A Councillors",
    not "ACouncillors"), since the printed gap is layout, not a character. And it may say what
    an icon shows before an element's words: data-pdf-said-first="Do: " on a tip's title."""
    if not hasattr(origin, "get"):
        return
    if origin.get("data-pdf-artifact"):  # a copy printed to fill a sheet: read once, not five times
        element[COPY_KEY] = "true"
    text = " ".join("".join(origin.itertext()).split())
    if origin.get("data-pdf-said-first"):  # a tip's "Do: ", which the page shows as an icon
        element["ActualText"] = pydyf.String(origin.get("data-pdf-said-first") + text)
    asked = origin.get("data-pdf-tag")
    if asked in ASKABLE_TAGS:
        element["S"] = "/" + asked
        if asked == "Lbl":
            element["ActualText"] = pydyf.String(text + " ")


def join_continued(pdf, root, pages: dict) -> dict[tuple[int, int], pikepdf.Dictionary]:
    """Fold each element continued from the page before into that element; return the marks of
    repeated table headers, to be made artifacts."""
    artifacts: dict = {}
    header_ids: dict = {}
    _drop_copies(root, pages, artifacts)
    _join_kids(root, pages, artifacts, header_ids)
    _forget_origins(pdf, root)
    _point_cells_at_kept_headers(root, header_ids)
    return artifacts


def _drop_copies(node, pages, artifacts) -> None:
    """Elements a template marked data-pdf-artifact leave the tree; their content is an artifact."""
    kids = []
    for kid in _kids(node):
        if _is_element(kid) and "/" + COPY_KEY in kid:
            for mark in _marks(kid, pages):
                artifacts[mark] = pikepdf.Dictionary(Type=pikepdf.Name.Layout)
            continue
        if _is_element(kid):
            _drop_copies(kid, pages, artifacts)
        kids.append(kid)
    if "/K" in node:
        node.K = pikepdf.Array(kids)


def _kids(node) -> list:
    kids = node.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(node) -> bool:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node


def _origin(node):
    origin = node.get(ORIGIN) if _is_element(node) else None
    return None if origin is None else str(origin)


def _join_kids(node, pages, artifacts, header_ids) -> None:
    kids: list = []
    for kid in _unwrapped(node):
        before = _continued(kids, kid)
        if before is not None and kid.get("/S") in REPEATED_PARTS:
            _drop_repeat(before, kid, pages, artifacts, header_ids)
        elif before is not None:
            before.K = pikepdf.Array(_kids(before) + [_with_page(kid, k) for k in _kids(kid)])
        else:
            kids.append(kid)
    if "/K" in node:
        node.K = pikepdf.Array(kids)
    for kid in kids:
        if _is_element(kid):
            _join_kids(kid, pages, artifacts, header_ids)


def _unwrapped(node) -> list:
    """`node`'s kids, any drawn from the same HTML element as `node` itself (the columns of a
    multi-column list) replaced by their own kids."""
    origin = _origin(node)
    kids = []
    for kid in _kids(node):
        if origin is not None and _origin(kid) == origin:
            kids += [_with_page(kid, k) for k in _unwrapped(kid)]
        else:
            kids.append(kid)
    return kids


def _continued(kids: list, kid):
    """The element among `kids` that `kid` continues (the same HTML element, drawn earlier: a row
    cut by a page break holds its first cell's continuation after its last cell), or None."""
    origin = _origin(kid)
    return None if origin is None else next((k for k in reversed(kids) if _origin(k) == origin), None)


def _with_page(element, kid):
    """An MCID moved to another element keeps its page, as a marked-content reference (each
    element's /P is set again when the PDF/UA pass rebuilds the parent tree)."""
    if isinstance(kid, int) and "/Pg" in element:
        return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=element.Pg, MCID=int(kid))
    return kid


def _drop_repeat(kept, repeat, pages, artifacts, header_ids) -> None:
    """A header (or footer) drawn again on the next page: its marks are pagination artifacts, and
    its header cells' IDs stand for the kept header's cells in the same places."""
    for mark in _marks(repeat, pages):
        artifacts[mark] = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
    for old, new in zip(_header_cells(repeat), _header_cells(kept)):
        if "/ID" in old and "/ID" in new:
            header_ids[bytes(old.ID)] = new.ID


def _marks(element, pages) -> list[tuple[int, int]]:
    found = []
    for kid in _kids(element):
        if isinstance(kid, int) and "/Pg" in element:
            found.append((pages[element.Pg.objgen], int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.append((pages[kid.get("/Pg", element.get("/Pg")).objgen], int(kid.MCID)))
        elif _is_element(kid):
            found += _marks(kid, pages)
    return found


def _header_cells(element) -> list:
    cells = []
    for kid in _kids(element):
        if _is_element(kid):
            cells += [kid] if kid.get("/S") == "/TH" else _header_cells(kid)
    return cells


def _forget_origins(pdf, node) -> None:
    for kid in _kids(node):
        if _is_element(kid):
            if kid.get("/S") == "/L":
                _pair_terms(pdf, kid)
            for key in (ORIGIN, TERM):
                if key in kid:
                    del kid[key]
            _forget_origins(pdf, kid)


def _pair_terms(pdf, listing) -> None:
    """A <dl>'s term and its descriptions are one list item, the term its label (Lbl) and the
    descriptions its body (LBody), rather than a flat list of labels and values."""
    kids: list = []
    for kid in _kids(listing):
        term = kids[-1] if kids and _is_element(kids[-1]) and kids[-1].get(TERM) == "/dt" else None
        if _is_element(kid) and kid.get(TERM) == "/dd" and term is not None:
            term.K = pikepdf.Array(_kids(term) + [_as_part(pdf, kid, pikepdf.Name.LBody)])
            continue
        if _is_element(kid) and kid.get(TERM) == "/dt":
            kid.K = pikepdf.Array([_as_part(pdf, kid, pikepdf.Name.Lbl)])
        kids.append(kid)
    listing.K = pikepdf.Array(kids)


def _as_part(pdf, item, tag):
    """The content of list item `item` as one element tagged `tag` (Lbl or LBody): its own
    LBody renamed if it has just that, else a new element holding its content."""
    content = _kids(item)
    if len(content) == 1 and _is_element(content[0]) and content[0].get("/S") in ("/LBody", "/Lbl"):
        content[0].S = tag
        return content[0]
    part = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=tag, P=item, K=pikepdf.Array(content))
    if "/Pg" in item:
        part.Pg = item.Pg
    return pdf.make_indirect(part)


def _point_cells_at_kept_headers(node, header_ids: dict) -> None:
    for kid in _kids(node):
        if not _is_element(kid):
            continue
        attributes = kid.get("/A")
        if header_ids and isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = pikepdf.Array([header_ids.get(bytes(h), h) for h in attributes.Headers])
        _point_cells_at_kept_headers(kid, header_ids)


def list_ids(pdf, root) -> None:
    """An IDTree naming every element that has an /ID, as PDF/UA asks when IDs are used."""
    named = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for kid in _kids(node):
            if _is_element(kid):
                if "/ID" in kid:
                    named[bytes(kid.ID)] = kid
                stack.append(kid)
    if "/IDTree" in root:
        del root["/IDTree"]
    if named:
        names = pikepdf.Array()
        for key in sorted(named):
            names.append(pikepdf.String(key))
            names.append(named[key])
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
