"""Help with the package (issue 28, point 6): the user guides ship in the wheel and
`packgen help TOPIC` prints them; every pointer to the guides names the command."""

from __future__ import annotations

import re
import tomllib

import pytest

from conftest import ROOT, run_cli

TOPIC_FILES = {
    "content": "content-format.md",
    "quiz": "quiz.md",
    "cards": "cards.md",
    "council": "council.md",
    "induction": "induction.md",
    "printing": "printing.md",
    "committee": "committee.md",
    "preview": "preview.md",
    "welsh": "welsh.md",
}


def test_help_lists_every_topic():
    result = run_cli("help")
    assert result.exit_code == 0
    for topic in TOPIC_FILES:
        assert re.search(rf"^  {topic} +\S", result.output, re.M), result.output


@pytest.mark.parametrize("topic, name", TOPIC_FILES.items())
def test_help_topic_prints_the_guide(topic, name):
    result = run_cli("help", topic.upper() if topic == "quiz" else topic)
    assert result.exit_code == 0
    assert result.output.strip() == (ROOT / "docs" / name).read_text(encoding="utf-8").strip()


def test_an_unknown_topic_exits_2_and_lists_the_topics():
    result = run_cli("help", "klingon")
    assert result.exit_code == 2
    assert (
        "there is no guide on 'klingon'; choose one of: content, quiz, cards, council, induction, printing,"
        " committee, preview, welsh" in result.output
    )


def test_the_guides_are_package_data_of_the_wheel():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "generator.docs" in setuptools["packages"]
    assert setuptools["package-dir"]["generator.docs"] == "docs"
    assert setuptools["package-data"]["generator.docs"] == ["*.md"]


def test_starter_files_messages_and_help_point_at_the_command_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "packs/p", "--title", "Gifts", "--organisation", "Fenmarsh District Council",
                     "--owner", "Monitoring Officer", "--audience", "All", "--contact", "Ask us.")  # fmt: skip
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "packs" / "p").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "docs/" not in text, f"{path.name} points at a file officers do not have"
    assert "packgen help content" in (tmp_path / "packs" / "p" / "pack.yaml").read_text(encoding="utf-8")
    assert "docs/" not in run_cli("--help").output and "packgen help content" in run_cli("--help").output
    (tmp_path / "packs" / "p" / "pack.yaml").write_text("title: Gifts\n", encoding="utf-8")
    missing = run_cli("check", "packs/p")
    assert "(see packgen help content)" in missing.output and "docs/" not in missing.output


def _message_texts() -> list[str]:
    """Every string literal in packgen's code, an f-string's values shown as NUL."""
    import ast

    texts = []
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
            elif isinstance(node, ast.JoinedStr):
                texts.append("".join(v.value if isinstance(v, ast.Constant) else "\0" for v in node.values))
    return texts


def test_every_message_the_content_guide_lists_is_one_packgen_gives():
    """docs/content-format.md's table of messages is tested against the code: each fixed part of a
    listed message (between the … that stand for the officer's own text) is in packgen's code."""
    guide = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    table = guide.split("## Messages and how to fix them", 1)[1].split("\n## ", 1)[0]
    messages = re.findall(r"^\| `([^`]+)`", table, re.M)
    assert len(messages) >= 25
    texts = _message_texts()
    for message in messages:
        for part in filter(None, (p.strip() for p in message.split("…"))):
            assert any(part in text for text in texts), (
                f"{part!r} (docs/content-format.md) is not a message packgen gives"
            )


def test_no_message_or_help_text_points_at_a_docs_file():
    """Officers have the command, not the repository: a string packgen prints (a message, --help, a
    header written into an output file) names `packgen help TOPIC`, never docs/NAME.md. Module and
    function docstrings are for developers and may name the files."""
    import ast

    offenders = []
    for path in (ROOT / "generator").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        developer_notes = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and ast.get_docstring(node) is not None
            and not any("command" in ast.unparse(d) for d in getattr(node, "decorator_list", []))
        }
        offenders += [
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "docs/" in node.value
            and id(node) not in developer_notes
        ]
    assert not offenders, f"point at the guide with packgen help TOPIC instead: {offenders}"
