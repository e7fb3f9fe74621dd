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


def test_a_build_reads_each_content_file_at_most_three_times(reads, tmp_path):
    """Once to guess whether the renderers should start importing WeasyPrint at once, once to load
    and hash it, once to check it is unchanged before publishing: the cache keys and the manifest's
    hashes are of the bytes loaded (five reads a file before the content's digests were handed on)."""
    from generator.pipeline.build import BuildRequest, build

    result = build(BuildRequest(DEFAULT_PACK, out_root=tmp_path, only=("quiz-gift",), as_of=dt.date(2021, 6, 1)))
    assert {"pack.yaml", "quiz.yaml", "cards.yaml"} <= set(reads)
    assert max(reads.values()) <= 3, dict(reads)
    manifest = read_manifest(result.out_dir)
    assert manifest is not None and manifest.content == result.manifest["inputs"]["content"]
    assert manifest.content_sha256 == result.manifest["content_sha256"]


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
