"""A tagged PDF's structure tree as the PDF/UA pass (generator/pdf/ua.py) reads and edits it.

An element is a dictionary with /S (its tag); its /K holds its kids: elements, MCIDs (marked
content on the element's page) and marked-content or object references. This module walks the
tree in reading order, finds the (page, MCID) marks under an element and their text, and
rebuilds the ParentTree (the map back from marked content and annotations to elements) once
the edits are done.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

import pikepdf

from generator.pdf.marks import PageTexts

Mark = tuple[int, int]  # (page number, MCID)


def kids_of(node: pikepdf.Object) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def is_element(node: object) -> TypeGuard[pikepdf.Dictionary]:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node


def mcid_of(kid: object) -> int | None:
    if isinstance(kid, int):
        return int(kid)
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        return int(kid.MCID)
    return None


def with_page(element: pikepdf.Object, kid: object) -> object:
    """An MCID moved to another element keeps its page, as a marked-content reference."""
    if isinstance(kid, int) and "/Pg" in element:
        return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=element.Pg, MCID=int(kid))
    return kid


class StructTree:
    """The structure tree under `root`, with its pages numbered and their marked content's text."""

    def __init__(self, root: pikepdf.Object, pages: dict, texts: PageTexts):
        self.root = root
        self.pages = pages
        self.texts = texts

    def elements(
        self, node: pikepdf.Object | None = None, parent: pikepdf.Object | None = None
    ) -> Iterator[tuple[pikepdf.Object, pikepdf.Object | None]]:
        """(element, parent) pairs, depth first in reading order."""
        for kid in kids_of(self.root if node is None else node):
            if is_element(kid):
                yield kid, (None if node is None else node)
                yield from self.elements(kid, kid)

    def page_of(self, element: pikepdf.Object, kid: object = None) -> int | None:
        page = kid.get("/Pg") if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid else element.get("/Pg")
        return None if page is None else self.pages.get(page.objgen)

    def own_marks(self, element: pikepdf.Object) -> list[Mark]:
        """(page, MCID) of the marked content directly in `element`."""
        marks = []
        for kid in kids_of(element):
            mcid = mcid_of(kid)
            page = self.page_of(element, kid)
            if mcid is not None and page is not None:
                marks.append((page, mcid))
        return marks

    def all_marks(self, element: pikepdf.Object) -> list[Mark]:
        """(page, MCID) of the marked content in `element` and every element under it."""
        marks = self.own_marks(element)
        for kid in kids_of(element):
            if is_element(kid):
                marks += self.all_marks(kid)
        return marks

    def text(self, element: pikepdf.Object) -> str:
        words = [self.texts.get(mark, "") for mark in self.own_marks(element)]
        words += [self.text(kid) for kid in kids_of(element) if is_element(kid)]
        return "".join(words)

    @staticmethod
    def set_kids(element: pikepdf.Object, kids: list) -> None:
        element.K = pikepdf.Array(kids)

    def detach(self, element: pikepdf.Object, parent: pikepdf.Object | None) -> None:
        holder = parent if parent is not None else self.root
        self.set_kids(holder, [k for k in kids_of(holder) if not (is_element(k) and k.objgen == element.objgen)])

    def rebuild_parent_tree(self, pdf: pikepdf.Pdf) -> tuple[set[Mark], dict]:
        """A new ParentTree from the tree as it now stands. Returns the (page, MCID) pairs the
        tree reaches and, for each annotation, the outermost Link that owns it."""
        by_page: dict[int, dict[int, pikepdf.Object]] = {}
        owners: dict = {}
        for element, _ in self.elements():
            for kid in kids_of(element):
                mcid = mcid_of(kid)
                page = self.page_of(element, kid)
                if mcid is not None and page is not None:
                    by_page.setdefault(page, {})[mcid] = element
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    owners[kid.Obj.objgen] = (kid.Obj, element)
            for kid in kids_of(element):
                if is_element(kid):
                    kid.P = element
        for kid in kids_of(self.root):
            if is_element(kid):
                kid.P = self.root
        nums = pikepdf.Array()
        next_key = 0
        for number, pdf_page in enumerate(pdf.pages):
            marks = by_page.get(number, {})
            if "/StructParents" not in pdf_page:
                pdf_page.StructParents = next_key
            key = int(pdf_page.StructParents)
            next_key = max(next_key, key + 1)
            row = [marks.get(mcid) for mcid in range(max(marks) + 1)] if marks else []
            nums.append(key)
            nums.append(pikepdf.Array(row))
        for annotation, element in owners.values():
            annotation.StructParent = next_key
            nums.append(next_key)
            nums.append(element)
            next_key += 1
        for pdf_page in pdf.pages:  # annotations no element owns any longer are not in the tree
            for annotation in pdf_page.get("/Annots", []):
                if annotation.objgen not in owners and "/StructParent" in annotation:
                    del annotation["/StructParent"]
        self.root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = next_key
        reached = {(page, mcid) for page, marks in by_page.items() for mcid in marks}
        return reached, owners
