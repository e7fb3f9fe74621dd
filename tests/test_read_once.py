"""The content is read and hashed once per build and handed on; manifest.json is read through one
typed reader (publish/manifest.py), never as a loose dictionary."""

from __future__ import annotations

import builtins
import collections
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import DEFAULT_PACK, ROOT
from generator.publish.manifest import Manifest, read_manifest


@pytest.fixture
def reads(monkeypatch):
    """How many times this process opens each file of the default pack, by its name in the pack."""
    counts: collections.Counter[str] = collections.Counter()
    pack = DEFAULT_PACK.resolve()
    real_open, real_os_open = builtins.open, os.open

    def note(path) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            real = Path(os.fsdecode(path)).resolve()
            if real.is_relative_to(pack):
                counts[real.relative_to(pack).as_posix()] += 1

    def counting_open(file, *args, **kwargs):
        note(file)
        return real_open(file, *args, **kwargs)

    def counting_os_open(path, *args, **kwargs):
        note(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(os, "open", counting_os_open)
    return counts


def test_a_build_and_a_rebuild_read_each_content_file_once(reads, tmp_path):
    """The reader reads and hashes each content file once; the cache keys and the manifest's
    hashes are of those bytes. Whether to start importing WeasyPrint at once, and whether every
    file still holds the bytes read before publishing, are asked of the files' stat (five reads
    a file before the content's digests were handed on, three before the stat)."""
    from generator.pipeline.build import BuildRequest, build

    request = BuildRequest(DEFAULT_PACK, out_root=tmp_path, only=("quiz-gift",), as_of=dt.date(2021, 6, 1))
    result = build(request)
    assert {"pack.yaml", "quiz.yaml", "cards.yaml", "sections/purpose.yaml"} <= set(reads)
    assert set(reads.values()) == {1}, dict(reads)
    manifest = read_manifest(result.out_dir)
    assert manifest is not None and manifest.content == result.manifest["inputs"]["content"]
    assert manifest.content_sha256 == result.manifest["content_sha256"]
    reads.clear()
    assert build(request).rendered == ()  # a rebuild, with a manifest to compare the stat with
    assert set(reads.values()) == {1}, dict(reads)


def test_a_file_changed_after_it_was_read_is_refused_though_its_times_were_put_back(pack_copy, tmp_path):
    """The check before publishing trusts a file's stat only when its change time (which no program
    can set back) is the one taken before the load: an edit made while the build runs, with the
    file's modification time put back as it was, is still found and refused."""
    from generator.errors import ContentError
    from generator.content.reader import load_pack
    from generator.pipeline import stamps

    section = pack_copy / "sections" / "purpose.yaml"
    old = os.stat(section)
    os.utime(section, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))  # long unchanged...
    before = stamps.stamps(pack_copy)
    before = stamps.Stamps(before.folder, before.taken_ns + 10**10, before.files)  # ... and stamped later
    pack = load_pack(pack_copy)
    assert before.still("sections/purpose.yaml")
    stamps.unchanged_since_read(pack_copy, pack, before)  # nothing changed: no error
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("social media", "social-media"), encoding="utf-8")
    os.utime(section, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))  # its time put back
    assert not before.still("sections/purpose.yaml")
    with pytest.raises(ContentError, match="purpose.yaml.*changed while the build was running"):
        stamps.unchanged_since_read(pack_copy, pack, before)


def test_the_typed_reader_keeps_only_what_packgen_could_have_written(tmp_path):
    sha = "a" * 64
    data = {
        "content_sha256": sha,
        "inputs": {"content": {"pack.yaml": sha}},
        "artefacts": [
            {"kind": "booklet", "path": "booklet.pdf", "sha256": sha, "notes_pages": 2, "html": "booklet.html"},
            {"kind": "handout", "path": "handout.docx", "sha256": "not a hash", "notes_pages": True},
        ],
    }
    manifest = Manifest.of(data)
    assert manifest is not None
    assert manifest.kinds == {"booklet", "handout"} and manifest.booklet_notes_pages == 2
    assert manifest.content == {"pack.yaml": sha} and not manifest.by_induct
    booklet, handout = manifest.artefacts
    assert (booklet.html, booklet.html_sha256, handout.sha256, handout.notes_pages) == ("booklet.html", None, None, 0)
    assert Manifest.of(data | {"artefacts": [{"kind": "booklet", "path": "../outside.pdf"}]}) is None
    assert Manifest.of([]) is None
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    assert read_manifest(tmp_path) == manifest
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path) is None


LOOSE = re.compile(r"""manifest\.get\(|manifest\[["']artefacts|previous\.get\(["']artefacts|\.get\(["']artefacts["']""")


def test_no_module_reads_a_manifest_back_as_a_loose_dictionary():
    """The rooms that read manifest.json back (publish, pipeline) use the typed reader; only
    publish/manifest.py parses it, and only pipeline/write.py fills the one a build writes."""
    exempt = ROOT / "generator" / "publish" / "manifest.py", ROOT / "generator" / "pipeline" / "write.py"
    loose = [
        f"{path.relative_to(ROOT)}:{number}"
        for room in ("publish", "pipeline")
        for path in sorted((ROOT / "generator" / room).rglob("*.py"))
        if path not in exempt
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LOOSE.search(line)
    ]
    assert loose == []


def test_one_web_address_prints_one_way_in_every_output(default_build):
    """The booklet, the web page and the Word handout print the council's address in the same
    words (typeset.address_target), each linking to the address as written in pack.yaml."""
    import docx

    from conftest import pdf_page_texts

    href, words = "https://www.milton-keynes.gov.uk/", "www.milton-keynes.gov.uk"
    booklet = "".join("".join(page.split()) for page in pdf_page_texts(default_build / "booklet.pdf"))
    assert words in booklet and "https://www.milton" not in booklet
    web = (default_build / "web" / "index.html").read_text(encoding="utf-8")
    shown = [re.sub(r"<[^>]+>", "", inner) for inner in re.findall(rf'<a class="address" href="{href}">(.*?)</a>', web)]
    assert shown and set(shown) == {words}
    handout = docx.Document(default_build / "handout.docx")
    links = {(link.address, link.text) for paragraph in handout.paragraphs for link in paragraph.hyperlinks}
    assert (href, words) in links and (href, href) not in links


# ---- notes travel in the build's result, not in globals ------------------------------------------

FALLBACK = "fonts are subset with fontTools"


def _module_level_state_for_notes(path: Path) -> list[str]:
    """Module-level names for notes or notices (NOTES, NOTICES, _NOTES) bound to a mutable value (a
    list, a dict, a set or what a call returns, such as a logger): state every render would share."""
    import ast

    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        mutable = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp, ast.Call)
        for target in targets:
            if (
                isinstance(target, ast.Name)
                and re.search("(^|_)(notes|notices)$", target.id, re.I)
                and isinstance(value, mutable)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {target.id}")
    return found


def test_no_module_keeps_notes_in_a_global():
    found = [hit for path in sorted((ROOT / "generator").rglob("*.py")) for hit in _module_level_state_for_notes(path)]
    assert found == []
    render = (ROOT / "generator" / "pdf" / "render.py").read_text(encoding="utf-8")
    assert "packgen.notices" not in render and "heard_notices" not in render


@pytest.fixture
def without_harfbuzz_subset(monkeypatch):
    """WeasyPrint then says it subsets fonts with fontTools: a harmless notice (render.HARMLESS)."""
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


def test_a_weasyprint_notice_rides_with_the_pdf_that_heard_it(without_harfbuzz_subset):
    """Rendered here, in this process, with nothing listening: the RenderedPdf carries the note."""
    from generator.artefacts.base import BuildContext
    from generator.artefacts.print_booklet import instructions
    from generator.content.reader import load_pack

    context = BuildContext(load_pack(DEFAULT_PACK), DEFAULT_PACK.resolve(), dt.date(2021, 6, 1))
    pdf = instructions(context, 16, 1)
    assert [note for note in pdf.notes if note.startswith(FALLBACK)] != [], pdf.notes


@pytest.mark.slow  # two builds of their own, fonts subset the slow way
def test_a_weasyprint_notice_is_in_the_build_result_and_kept_with_the_cached_artefact(
    without_harfbuzz_subset, tmp_path
):
    from generator.pipeline.build import BuildRequest, build

    request = BuildRequest(DEFAULT_PACK, out_root=tmp_path, only=("appendix",), as_of=dt.date(2021, 6, 1))
    first = build(request)
    (appendix,) = first.written
    assert first.rendered == ("appendix",)
    assert [note for note in appendix.notes if note.startswith(FALLBACK)] != []
    assert [note for note in first.notes if note.startswith(FALLBACK)] != []
    again = build(request)
    assert again.rendered == () and [note for note in again.notes if note.startswith(FALLBACK)] != []
