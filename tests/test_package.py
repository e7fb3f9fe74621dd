"""packgen as a council installs it: a wheel with its templates, fonts and starter files inside,
working from any folder, with every library it imports declared."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request
import venv
from pathlib import Path

import pytest

from conftest import ROOT, pdf_page_texts

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Libraries that come with a declared one, pinned by it to an exact version.
PROVIDED_BY = {"pydantic-core": "pydantic"}


def _distribution(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_modules() -> set[str]:
    """The top-level names every module of the package imports (at any depth, lazily or not)."""
    names = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"generator"}


def test_every_imported_library_is_declared():
    declared = {_distribution(r) for r in PYPROJECT["project"]["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module in sorted(_imported_modules()):
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not names & declared and not {PROVIDED_BY.get(n) for n in names} & declared:
            missing.append(f"{module} (from {', '.join(sorted(names))})")
    assert not missing, "imported but not in pyproject.toml's dependencies: " + "; ".join(missing)


def test_the_templates_travel_as_package_data():
    """Every file of templates/ (fonts included) is listed as package data of the wheel."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["generator.templates"] == "templates"
    assert setuptools["package-data"]["generator.templates"] == ["**/*"]


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_builds_a_pack_anywhere(tmp_path):
    """python -m build, then pip install into a new virtual environment outside the repository,
    then packgen new and packgen build in a folder that has nothing to do with the repository."""
    source = tmp_path / "source"  # build from a copy, so setuptools' leftovers stay out of the clone
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("generator", "templates", "docs"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source], cwd=tmp_path)
    (wheel,) = dist.glob("packgen-*.whl")

    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    _run([environment / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)

    work = tmp_path / "council-packs"
    work.mkdir()
    packgen = environment / "bin" / "packgen"
    where = _run([environment / "bin" / "python", "-c", "import generator; print(generator.__file__)"], cwd=work)
    assert Path(where.strip()).is_relative_to(environment) and not Path(where.strip()).is_relative_to(ROOT)

    _run(
        [
            packgen,
            "new",
            "induction",
            "--title",
            "Planning committee induction",
            "--organisation",
            "Anytown Borough Council",
            "--owner",
            "Democratic Services Manager",
        ],
        cwd=work,
    )
    _run([packgen, "check", "induction"], cwd=work)
    guide = _run([packgen, "help", "content"], cwd=work)  # the guides travel in the wheel (issue 28)
    assert guide.strip() == (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8").strip()
    output = _run([packgen, "build", "induction"], cwd=work)
    assert "draft" in output.lower()
    manifest = json.loads((work / "build" / "induction" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "draft" and manifest["organisation"] == "Anytown Borough Council"
    kinds = {entry["kind"] for entry in manifest["artefacts"]}
    assert {"booklet", "appendix", "handout", "quiz-sheet", "cards-sheet"} <= kinds
    cover = pdf_page_texts(work / "build" / "induction" / "booklet.pdf")[0]
    assert "Planning committee induction" in cover and "DRAFT" in cover
    _serve_answers_from_the_wheel(packgen, work)


def _serve_answers_from_the_wheel(packgen: Path, work: Path) -> None:
    """packgen serve from the installed copy (issue 31): it builds, serves its page and the booklet's
    first page as a picture (pypdfium2 from the wheel's dependencies), and Ctrl-C ends it with 130."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = [str(packgen), "serve", "induction", "--port", "0", "--out", str(work / "preview")]
    server = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
        assert found, server.stderr.read()
        until = time.monotonic() + 120
        while time.monotonic() < until:
            status = json.loads(urllib.request.urlopen(found[0] + "status.json", timeout=10).read())
            if not status["building"] and status.get("files"):
                break
            time.sleep(0.5)
        booklet = next(f for f in status["files"] if f["filename"] == "booklet.pdf")
        assert "Planning committee induction" in json.dumps(status["facts"])
        picture = urllib.request.urlopen(f"{found[0]}pages/{booklet['sha256']}/1.png", timeout=30).read()
        assert picture.startswith(b"\x89PNG")
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=60)
    assert server.returncode == 130, errors


def _run(command: list, cwd: Path) -> str:
    """Run a command with nothing of the repository on the path; its output, or a failure showing it."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_no_module_finds_files_through_the_repository_layout():
    """An installed package has no ../templates: files are found from generator.html.templating.TEMPLATES."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "generator").rglob("*.py")
        if re.search(r"\.parent\.parent|\.parents\[", path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "find packgen's own files through generator/paths.py (TEMPLATES, PACKAGE)"


def test_every_python_package_folder_is_listed_for_the_wheel():
    """[tool.setuptools] packages is kept by hand: a folder of modules under generator/ missing from
    it is left out of the wheel (an installed packgen fails with ModuleNotFoundError), and a name
    listed for a folder that is gone breaks `python -m build`."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    mapped = set(setuptools.get("package-dir", {}))  # data folders given a package name (templates, docs)
    folders = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "generator").rglob("__init__.py")}
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
    loose = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "generator").rglob("*.py")} - folders
    assert not loose, f"modules in a folder without __init__.py (add one): {sorted(loose)}"
    data_only = {name for name in listed - mapped if not (ROOT / name.replace(".", "/")).is_dir()}
    assert not data_only, f"listed in [tool.setuptools] packages but not a folder under generator/: {sorted(data_only)}"
