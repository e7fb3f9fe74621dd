"""Make WeasyPrint's tagged PDF hold up as PDF/UA-1, after rendering, with pikepdf.

WeasyPrint 70 tags the body well but leaves gaps a screen reader falls into (upstream issue
1836 and friends). This pass closes them, the same way for every tagged artefact:

- page headers, footers and stamps (CSS margin boxes) are marked content that no structure
  element reaches; they become pagination Artifacts. Their facts (version, review date,
  status) are stated once in the tagged body: the cover and the document-control page.
- a DRAFT or SUPERSEDED watermark (an element whose whole text is one of those words)
  becomes a watermark Artifact instead of being read first on every page;
- leader dots (a run of marked content holding nothing but dots) become layout Artifacts;
  a link nested in a link (the contents page's "title .... page") is merged into the
  outer one, and every link annotation's /Contents says the link's words, not a slug;
- TH cells get /Scope: Column in a header row, Row beside data cells;
- a Div that WeasyPrint puts directly inside a list (a <dl> with <div> groups) is unwrapped,
  so list items sit in their list;
- a table, list, list item, paragraph or link cut by a page or line break is one element again
  (generator/pdf/continued.py), and an IDTree lists the elements' IDs.

The structure tree's ParentTree is rebuilt from the tree as it ends up (generator/pdf/struct.py
walks and rebuilds the tree), and the file is saved with a deterministic /ID, so the same input
gives the same bytes.
"""

from __future__ import annotations

import io
import re

import pikepdf

from generator.content import status
from generator.pdf.continued import join_continued, list_ids
from generator.pdf.lines import space_line_ends
from generator.pdf.marks import PageTexts, mark_unreached_as_artifacts
from generator.pdf.struct import StructTree, is_element, kids_of, mcid_of, with_page

WATERMARKS = status.WATERMARK_WORDS  # the words themselves, in every language: DRAFT, SUPERSEDED, DRAFFT
LEADER = re.compile(r"[.·…\s]*[.·…][.·…\s]*")
LEADER_RUN = 3  # fewer dots than this in one element are punctuation, not a leader


def make_accessible(data: bytes, watermarked: bool = True) -> bytes:
    """The PDF in `data` with its tagging repaired as above. `watermarked=False` (the document
    cannot hold a watermark word) skips looking for a watermark, and with it reading the text of
    every page: only pages with links are read then."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        texts = PageTexts(pdf)
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        tree = _Tree(pdf.Root.StructTreeRoot, pages, texts)
        tree.unwrap_list_divs()
        artifacts = join_continued(pdf, tree.root, pages)
        artifacts |= tree.drop_watermarks() if watermarked else {}
        artifacts |= tree.drop_leaders()
        tree.merge_nested_links()
        tree.scope_header_cells()
        tree.prune_empty()
        space_line_ends(tree.root, pages, texts)
        reached, annotation_owners = tree.rebuild_parent_tree(pdf)
        for page in pdf.pages:
            mark_unreached_as_artifacts(pdf, page, pages[page.objgen], reached, artifacts)
            if "/Annots" in page:
                page.Tabs = pikepdf.Name.S  # tab through annotations in structure order
        tree.label_links(annotation_owners)
        list_ids(pdf, tree.root)
        out = io.BytesIO()
        pdf.save(
            out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve
        )
        return out.getvalue()


class _Tree(StructTree):
    """The structure tree, with the small edits this module makes to it."""

    def __init__(self, root, pages: dict, texts: PageTexts):
        super().__init__(root, pages, texts)
        self.link_words: dict = {}  # objgen of an outermost Link -> its words

    # Edits ------------------------------------------------------------------------------------

    def drop_watermarks(self) -> dict[tuple[int, int], pikepdf.Dictionary]:
        """Take DRAFT / SUPERSEDED watermarks out of the tree; return their marks as artifacts."""
        artifacts = {}
        for element, parent in list(self.elements()):
            if re.sub(r"\s+", "", self.text(element)) in WATERMARKS:
                self.detach(element, parent)
                for mark in self.all_marks(element):
                    artifacts[mark] = pikepdf.Dictionary(Type=pikepdf.Name.Pagination, Subtype=pikepdf.Name.Watermark)
        return artifacts

    def drop_leaders(self) -> dict[tuple[int, int], pikepdf.Dictionary]:
        """Take runs of leader dots out of the tree; return their marks as layout artifacts."""
        artifacts = {}
        for element, _ in list(self.elements()):
            if element.get("/S") != "/Link":
                continue  # leaders are drawn only in links (the contents page's "title .... page")
            kids = kids_of(element)
            dots = [self._is_dots(element, kid) for kid in kids]
            if sum(dots) < LEADER_RUN:
                continue
            self.set_kids(element, [kid for kid, is_dot in zip(kids, dots) if not is_dot])
            for kid in (kid for kid, is_dot in zip(kids, dots) if is_dot):
                page, mcid = self.page_of(element, kid), mcid_of(kid)
                if page is not None and mcid is not None:
                    artifacts[page, mcid] = pikepdf.Dictionary(Type=pikepdf.Name.Layout)
        return artifacts

    def _is_dots(self, element, kid) -> bool:
        mcid = mcid_of(kid)
        return mcid is not None and LEADER.fullmatch(self.texts.get((self.page_of(element, kid), mcid), "")) is not None

    def merge_nested_links(self) -> None:
        """A Link inside a Link (the contents page's "title .... page") gives its content and
        annotations to the outer one; a link broken over two lines becomes one Link again. Each
        keeps the words of the link (the section title) for its annotations' /Contents."""
        for element, _ in list(self.elements()):
            self._join_link_fragments(element)
        for element, _ in list(self.elements()):
            if element.get("/S") != "/Link":
                continue
            self.link_words[element.objgen] = _words(self.texts.get(mark, "") for mark in self.own_marks(element))
            self.set_kids(element, self._flatten_links(element))

    def _join_link_fragments(self, element) -> None:
        kids: list = []
        for kid in kids_of(element):
            before = kids[-1] if kids else None
            if (
                is_element(kid)
                and kid.get("/S") == "/Link"
                and is_element(before)
                and before.get("/S") == "/Link"
                and _target(kid) is not None
                and _target(kid) == _target(before)
            ):
                self.set_kids(before, kids_of(before) + [with_page(kid, k) for k in kids_of(kid)])
            else:
                kids.append(kid)
        self.set_kids(element, kids)

    def _flatten_links(self, link) -> list:
        kids = []
        for kid in kids_of(link):
            if is_element(kid) and kid.get("/S") == "/Link":
                inner = self._flatten_links(kid)
                kids += [with_page(kid, k) for k in inner]
            else:
                kids.append(kid)
        return kids

    def unwrap_list_divs(self) -> None:
        """List items sit directly in their list: a Div around them is unwrapped, and a Span of
        white space between them (a list laid out as a grid) leaves the tree, an artifact."""
        for element, _ in list(self.elements()):
            if element.get("/S") != "/L":
                continue
            kids = []
            for kid in kids_of(element):
                if is_element(kid) and kid.get("/S") == "/Span" and not self.text(kid).strip():
                    continue
                if is_element(kid) and kid.get("/S") in ("/Div", "/NonStruct"):
                    for grandchild in kids_of(kid):
                        if is_element(grandchild):
                            grandchild.P = element
                        kids.append(grandchild)
                else:
                    kids.append(kid)
            self.set_kids(element, kids)

    def scope_header_cells(self) -> None:
        """Column for a header cell in a row of header cells (or in THead), Row beside data cells."""
        for row, section in list(self.elements()):
            if row.get("/S") != "/TR":
                continue
            cells = [kid for kid in kids_of(row) if is_element(kid)]
            beside_data = any(cell.get("/S") == "/TD" for cell in cells)
            in_head = section is not None and section.get("/S") == "/THead"
            scope = pikepdf.Name.Row if beside_data and not in_head else pikepdf.Name.Column
            for cell in cells:
                if cell.get("/S") == "/TH":
                    attributes = cell.get("/A")
                    if not isinstance(attributes, pikepdf.Dictionary):
                        attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    attributes.Scope = scope
                    cell.A = attributes

    def prune_empty(self) -> None:
        """Elements left with no content at all (a leader emptied of its dots) leave the tree;
        an empty table cell stays, or its row would be shorter than the others."""
        changed = True
        while changed:
            changed = False
            for element, parent in list(self.elements()):
                if not kids_of(element) and element.get("/S") not in ("/TD", "/TH", "/TR"):
                    self.detach(element, parent)
                    changed = True

    def label_links(self, owners: dict) -> None:
        """Each link annotation's /Contents: the words of the link that owns it."""
        for annotation, element in owners.values():
            if annotation.get("/Subtype") != "/Link":
                continue
            words = self.link_words.get(element.objgen) or _words([self.text(element)])
            address = _target(element) or ""
            if address.startswith("uri:") and "".join(words.split()) in address:
                words = "".join(words.split())  # an address broken over lines is one address
            if words:
                annotation.Contents = pikepdf.String(words)


def _words(chunks) -> str:
    """Text chunks as one line: spaces collapsed, and a word broken after its own hyphen at the
    end of a line joined again (packgen never hyphenates, so such a hyphen is the word's)."""
    return re.sub(r"(?<=\w)-\s+(?=\w)", "-", " ".join("".join(chunks).split()))


def _target(link) -> str | None:
    """Where a Link element's annotation goes: its URI or destination, as text."""
    for kid in kids_of(link):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            annotation = kid.Obj
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary) and "/URI" in action:
                return "uri:" + str(action.URI)
            if "/Dest" in annotation:
                return "dest:" + repr(annotation.Dest)
    return None
