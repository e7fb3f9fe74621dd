"""Document control: status, review dates that bite, version history, `packgen status` and `packgen diff`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import DEFAULT_PACK, edit, line_of, run_cli, set_version, snapshot

TODAY = "2022-02-19"  # the default pack's review falls due on 2022-03-01


def make_pack(root, name, review_due, title=None):
    folder = shutil.copytree(DEFAULT_PACK, root / name)
    edit(folder / "pack.yaml", "review_due: 2022-03-01", f"review_due: {review_due}")
    if title:
        edit(folder / "pack.yaml", "title: Social media guidance for councillors", f"title: {title}")
    return folder


@pytest.fixture
def three_packs(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    make_pack(root, "current", "2023-06-30", "Current guidance")
    make_pack(root, "due-soon", "2022-03-01", "Guidance due soon")
    make_pack(root, "overdue", "2022-01-10", "Overdue guidance")
    return root


def test_status_lists_packs_most_urgent_first_with_day_counts(three_packs):
    result = run_cli("status", three_packs, "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "overdue: Overdue guidance, version 1.0, approved, review due 10 January 2022, 40 days overdue",
        "due-soon: Guidance due soon, version 1.0, approved, review due 1 March 2022, 10 days left",
        "current: Current guidance, version 1.0, approved, review due 30 June 2023, 496 days left",
    ]


def test_status_json_and_strict(three_packs):
    result = run_cli("status", three_packs, "--as-of", TODAY, "--json", "--strict")
    assert result.exit_code == 1
    packs = json.loads(result.output)["packs"]
    assert [(p["pack"], p["days_left"], p["overdue"]) for p in packs] == [
        ("overdue", -40, True),
        ("due-soon", 10, False),
        ("current", 496, False),
    ]
    shutil.rmtree(three_packs / "overdue")
    assert run_cli("status", three_packs, "--as-of", TODAY, "--strict").exit_code == 0


def test_status_shows_a_broken_pack_first(three_packs):
    edit(three_packs / "current" / "pack.yaml", "issued: 2021-03-01", "issued: 2021-02-30")
    lines = run_cli("status", three_packs, "--as-of", TODAY).output.splitlines()
    assert lines[0].startswith("current: cannot be read (1 problem): run packgen check")


def test_version_that_is_not_the_newest_history_entry_is_an_error(pack_copy, tmp_path):
    edit(pack_copy / "pack.yaml", '\nversion: "1.0"', '\nversion: "1.1"')
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    line = line_of(pack_copy / "pack.yaml", 'version: "1.1"')
    assert result.output.splitlines()[0] == (
        f'{pack_copy / "pack.yaml"}:{line}: version is "1.1" but the newest history entry is "1.0"; '
        'add a history entry for "1.1" at the end of history'
    )
    assert not (tmp_path / "out").exists()


def test_strict_refuses_an_overdue_pack_and_writes_nothing(pack_copy, tmp_path):
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--as-of", "2022-03-02", "--strict")
    assert result.exit_code == 1
    line = line_of(pack_copy / "pack.yaml", "review_due:")
    assert f"pack.yaml:{line}: review_due 1 March 2022 has passed (1 days ago)" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # a build of its own
def test_overdue_build_warns_naming_the_date_and_owner(pack_copy, tmp_path):
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--as-of", "2022-03-02", "--only", "booklet")
    assert result.exit_code == 0
    assert (
        "Warning: the review of this guidance was due on 1 March 2022 and is overdue: "
        "contact the Monitoring Officer to review it."
    ) in result.output
    manifest = json.loads((tmp_path / "out" / "social-media" / "manifest.json").read_text())
    assert (manifest["status"], manifest["overdue"]) == ("approved", True)


def test_superseded_pack_needs_the_flag(pack_copy, tmp_path):
    edit(pack_copy / "pack.yaml", "status: approved", "status: superseded")
    out = tmp_path / "out"
    result = run_cli("build", pack_copy, "--out", out)
    assert result.exit_code == 1
    assert f"pack.yaml:{line_of(pack_copy / 'pack.yaml', 'status:')}: status is superseded" in result.output
    assert snapshot(out) == {}


def test_unknown_status_is_an_error(pack_copy):
    edit(pack_copy / "pack.yaml", "status: approved", "status: aproved")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert (
        f'pack.yaml:{line_of(pack_copy / "pack.yaml", "status:")}: status "aproved" is not one of: draft, approved or superseded'
        in result.output
    )


def test_diff_between_two_folders_summarises_changes(tmp_path):
    old = shutil.copytree(DEFAULT_PACK, tmp_path / "old" / "social-media")
    new = shutil.copytree(DEFAULT_PACK, tmp_path / "new" / "social-media")
    for copy in (old, new):  # the quiz and cards point at the section this test removes
        (copy / "quiz.yaml").unlink()
        (copy / "cards.yaml").unlink()
    set_version(new, "1.1")
    edit(new / "sections" / "legal-issues.yaml", "  - Bias\n", "")
    edit(new / "pack.yaml", "  - code-of-conduct.yaml\n", "")
    (new / "sections" / "code-of-conduct.yaml").unlink()  # a file left unlisted is a problem (issue 28)
    result = run_cli("diff", old, new)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Changes to Social media guidance for councillors from version 1.0 to version 1.1:"
    assert '- Version changed from "1.0" to "1.1".' in lines
    assert '- Section removed: "The Code of Conduct".' in lines
    assert '- In "Potential legal issues", removed: "Bias"' in lines


def test_diff_from_a_version_in_git_history(tmp_path):
    repo = tmp_path / "repo"
    pack = shutil.copytree(DEFAULT_PACK, repo / "content" / "social-media")

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "1.0", "--allow-empty")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "1.0")
    edit(pack / "sections" / "code-of-conduct.yaml", "Nolan Principles", "Nolan Principles of public life")
    result = run_cli("diff", pack, "--from", "1.0")
    assert result.exit_code == 0, result.output
    assert '- In "The Code of Conduct", changed: "' in result.output
    assert "Nolan Principles [added: of public life]" in result.output
    assert run_cli("diff", pack, "--from", "0.9").exit_code == 3


# Every artefact, every page: the words that say what state the guidance is in -----------------

OVERDUE_DAY = "2022-03-02"
STATE_WORDS = ("DRAFT", "SUPERSEDED", "overdue")


def build_in_state(pack, out, status, *args):
    edit(pack / "pack.yaml", "status: approved", f"status: {status}")
    result = run_cli("build", pack, "--out", out, *args)
    assert result.exit_code == 0, result.output
    return out / "social-media"


def texts_by_artefact(folder):
    """Each artefact's pages as text (the DOCX: its header and footer, which repeat on every page)."""
    import docx

    from conftest import pdf_page_texts

    manifest = json.loads((folder / "manifest.json").read_text())
    found = {}
    for entry in manifest["artefacts"]:
        path = folder / entry["path"]
        if path.suffix == ".pdf":
            found[entry["path"]] = pdf_page_texts(path)
        elif entry["kind"] == "web":  # the web version: its page's words (its stylesheet and fonts say nothing)
            if path.suffix == ".html":
                found[entry["path"]] = [" ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())]
        elif path.suffix in (".xml", ".txt"):  # the quiz exports: their header and category, once
            found[entry["path"]] = [path.read_text(encoding="utf-8")]
        else:
            section = docx.Document(path).sections[0]
            found[entry["path"]] = [section.header.paragraphs[0].text + " " + section.footer.paragraphs[0].text]
    assert len(found) >= 9
    return found


def assert_state(folder, present, manifest_overdue):
    for name, pages in texts_by_artefact(folder).items():
        for number, text in enumerate(pages, start=1):
            for word in STATE_WORDS:
                shown = word in text if word.isupper() else word in text.lower()
                assert shown == (word in present), (
                    f"{word!r} {'missing from' if word in present else 'on'} {name} page {number}"
                )
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["overdue"] is manifest_overdue


@pytest.mark.slow  # builds of its own
@pytest.mark.parametrize(
    "status, as_of, present",
    [
        ("approved", "2021-06-01", ()),
        ("draft", "2021-06-01", ("DRAFT",)),
        ("approved", OVERDUE_DAY, ("overdue",)),
        ("draft", OVERDUE_DAY, ("DRAFT", "overdue")),
    ],
)
def test_state_words_on_every_page_of_every_artefact(pack_copy, tmp_path, status, as_of, present):
    folder = build_in_state(pack_copy, tmp_path / "out", status, "--as-of", as_of)
    assert_state(folder, present, manifest_overdue="overdue" in present)


@pytest.mark.slow  # builds of its own
def test_superseded_says_so_on_every_page_of_every_artefact(pack_copy, tmp_path):
    folder = build_in_state(pack_copy, tmp_path / "out", "superseded", "--allow-superseded", "--as-of", "2021-06-01")
    assert_state(folder, ("SUPERSEDED",), manifest_overdue=False)


@pytest.mark.slow  # builds of its own
def test_overdue_by_source_date_epoch(pack_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1646179200")  # 2 March 2022
    folder = build_in_state(pack_copy, tmp_path / "out", "approved")
    assert_state(folder, ("overdue",), manifest_overdue=True)
    assert json.loads((folder / "manifest.json").read_text())["built"] == OVERDUE_DAY


def test_diff_reports_a_changed_quiz_answer_and_card_wording(tmp_path):
    old = shutil.copytree(DEFAULT_PACK, tmp_path / "old" / "social-media")
    new = shutil.copytree(DEFAULT_PACK, tmp_path / "new" / "social-media")
    edit(
        new / "quiz.yaml",
        "    answer: Potential breaches of their Code of Conduct",
        "    answer: Disagreements with residents on social media",
    )
    edit(new / "cards.yaml", "Be honest about who you are.", "Be honest about who you really are.")
    lines = run_cli("diff", old, new).output.splitlines()
    assert '- Quiz question changed: "What is the guidance intended to help councillors avoid?".' in lines
    assert '- Pocket card changed: "Before you post".' in lines
    assert len(lines) == 3
