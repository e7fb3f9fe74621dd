"""The one table of artefacts (generator/artefacts/registry.py) says truly what each module reads."""

from __future__ import annotations

import datetime as dt
import fnmatch
import importlib
import pathlib
import re

import pytest

from conftest import DEFAULT_PACK
from generator.artefacts import registry
from generator.artefacts.registry import ARTEFACTS, BY_NAME
from generator.paths import TEMPLATES
from generator.pipeline import inputs


def covered(path: str, globs) -> bool:
    return any(fnmatch.fnmatchcase(path, glob) for glob in globs)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every entry's module imported from its path and rendered for the default pack, in registry
    order, with every packgen template file it loads recorded (Jinja's loader, and every file read
    from the templates folder: stylesheets, fonts and the output intent through WeasyPrint's fetcher)."""
    from generator.artefacts.base import BuildContext
    from generator.content.reader import load_pack
    from generator.html import sandbox

    pack = load_pack(DEFAULT_PACK)
    context = BuildContext(pack, DEFAULT_PACK.resolve(), dt.date(2021, 6, 1), templates=TEMPLATES)
    loaded: set[str] = set()

    def record(path) -> None:
        real = pathlib.Path(path).resolve()
        if real.is_relative_to(TEMPLATES):
            loaded.add(real.relative_to(TEMPLATES).as_posix())

    read_bytes, get_source = pathlib.Path.read_bytes, sandbox.ConfinedLoader.get_source

    def recording_read_bytes(self):
        record(self)
        return read_bytes(self)

    def recording_get_source(self, environment, template):
        source = get_source(self, environment, template)
        record(source[1])
        return source

    results = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pathlib.Path, "read_bytes", recording_read_bytes)
        patch.setattr(sandbox.ConfinedLoader, "get_source", recording_get_source)
        for entry in ARTEFACTS:
            module = importlib.import_module(entry.module)
            earlier = {o.kind: o for need in entry.needs for o in results[need][0]}
            loaded.clear()
            outputs = module.render(context, earlier)
            if not outputs and not entry.each_language:  # made only from a pack in Welsh and English
                both, earlier = in_welsh_and_english(context, entry)
                loaded.clear()
                outputs = module.render(both, earlier)
            results[entry.name] = (outputs, set(loaded))
    return results


def in_welsh_and_english(context, entry):
    """The build's context and `earlier` for an entry made once from every language, as the build
    gives them for tests/packs/bilingual: its `packs`, and what it needs keyed "booklet:cy"."""
    from dataclasses import replace

    from generator.content.reader import load_pack

    folder = pathlib.Path(__file__).parent / "packs" / "bilingual"
    packs = tuple(load_pack(folder, code) for code in ("cy", "en"))
    both = replace(context, pack=packs[0], pack_dir=folder.resolve(), packs=packs)
    earlier = {
        f"{o.kind}:{pack.language}": o
        for need in entry.needs
        for pack in packs
        for o in importlib.import_module(BY_NAME[need].module).render(replace(both, pack=pack, packs=()), {})
    }
    return both, earlier


@pytest.mark.slow  # renders every artefact once (about 15 s)
@pytest.mark.parametrize("name", list(BY_NAME))
def test_each_entry_declares_every_template_its_module_loads(rendered, name):
    _, loaded = rendered[name]
    undeclared = sorted(path for path in loaded if not covered(path, BY_NAME[name].templates))
    assert undeclared == [], f"{name} loads templates its registry entry does not name: {undeclared}"


@pytest.mark.slow  # shares the renders above
@pytest.mark.parametrize("name", list(BY_NAME))
def test_each_entry_module_imports_and_renders_its_kinds(rendered, name):
    outputs, _ = rendered[name]
    entry = BY_NAME[name]
    assert outputs and {o.kind for o in outputs} <= set(entry.kinds)
    for output in outputs:  # named as the entry says, or the cache would never reuse them
        if entry.files == "folder":
            assert output.filename.startswith(f"{output.kind}/"), output.filename
        else:
            assert re.fullmatch(rf"{re.escape(output.kind)}(-[A-Z]{{1,2}})?\.{entry.files}", output.filename)
    module = importlib.import_module(entry.module)
    assert (module.KINDS, module.NEEDS) == (entry.kinds, entry.needs)


def test_the_entries_are_consistent():
    names = [entry.name for entry in ARTEFACTS]
    assert len(set(names)) == len(names)
    assert len(set(registry.KINDS)) == len(registry.KINDS)
    for index, entry in enumerate(ARTEFACTS):
        assert set(entry.needs) <= set(names[:index]), f"{entry.name} needs a module after it"
        assert set(entry.content) <= set(registry.OPTIONAL_CONTENT)
        assert set(entry.options) <= set(registry.OPTIONS) and "built" in entry.options
        assert entry.made_from is None or entry.made_from in entry.content
        for other in entry.goes_with:
            assert entry.name in BY_NAME[other].goes_with, f"{entry.name} goes with {other}, not back"


def test_every_packgen_template_file_is_named_by_an_entry_or_read_by_none():
    """Only a council's own additions fall back to 'read by every module'."""
    globs = [glob for entry in ARTEFACTS for glob in entry.templates] + list(registry.READ_BY_NO_ARTEFACT)
    unnamed = sorted(path for path in inputs.folder_digests(TEMPLATES) if not covered(path, globs))
    assert unnamed == []


def test_a_cache_key_covers_exactly_the_templates_its_entry_names(tmp_path):
    """An edit to a module's own template changes its key and no other's; a council's own new file
    (which no entry names) counts for every module, so it can never be served stale."""
    council = tmp_path / "templates"
    (council / "parts").mkdir(parents=True)
    options = {name: 1 for name in registry.OPTIONS}

    def keys() -> dict[str, str]:
        sources = inputs.sources({"pack.yaml": "0" * 64}, council, options, DEFAULT_PACK)
        return {name: sources.for_module(name).key for name in BY_NAME}

    before = keys()
    (council / "cards.html.j2").write_text("{# a council's cards #}")
    after = keys()
    assert {name for name in BY_NAME if after[name] != before[name]} == {"cards", "cards_print", "cards_bilingual"}
    (council / "parts" / "our-footer.html.j2").write_text("{# included by the council's own templates #}")
    assert all(key != after[name] for name, key in keys().items())

    sources = inputs.sources({}, council, options, DEFAULT_PACK)
    booklet = sources.for_module("booklet").templates
    assert "styles/booklet.css" in booklet and "packgen/styles/booklet.css" in booklet
    assert not any(path.removeprefix("packgen/").startswith(("quiz-", "cards.", "induct/")) for path in booklet)


def test_content_files_are_read_as_the_entries_say():
    content = {name: "0" * 64 for name in ("pack.yaml", "sections/a.yaml", "quiz.yaml", "cards.yaml", "logo.svg")}
    sources = inputs.sources(content, TEMPLATES, {name: 1 for name in registry.OPTIONS}, DEFAULT_PACK)
    read = {name: set(sources.for_module(name).content) for name in BY_NAME}
    every = {"pack.yaml", "sections/a.yaml", "logo.svg"}
    assert read["booklet"] == read["handout"] == every
    assert read["quiz_key"] == every | {"quiz.yaml"}
    assert read["web"] == read["cards_print"] == every | {"cards.yaml"}
    assert set(sources.for_module("appendix").options) == {"built", "appendix_label"}
