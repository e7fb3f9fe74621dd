"""A long web address in the version history wraps inside its cell: the table stays on its page
and every column is printed (issue 11, item 11). Drives the real CLI and reads the PDF."""

from __future__ import annotations

import pytest

from conftest import pdf_page_texts, run_cli

ADDRESS = "https://www.milton-keynes.gov.uk/" + "/".join(["councillors-and-democracy-social-media-guidance"] * 3)


@pytest.mark.slow  # a build of its own
def test_a_web_address_in_the_history_wraps_and_approved_by_is_printed(pack_copy, tmp_path):
    with open(pack_copy / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            f'  - version: "1.1"\n    date: 2021-04-01\n    changes: Links updated, see {ADDRESS}\n'
            "    approved_by: Standards Committee on 1 April 2021\n"
        )
    text = (pack_copy / "pack.yaml").read_text(encoding="utf-8").replace('\nversion: "1.0"', '\nversion: "1.1"')
    (pack_copy / "pack.yaml").write_text(text, encoding="utf-8")
    result = run_cli(
        "build",
        pack_copy,
        "--out",
        tmp_path / "out",
        "--only",
        "booklet",
        "--only",
        "appendix",
        "--as-of",
        "2021-06-01",
    )
    assert result.exit_code == 0, result.output
    for name in ("booklet.pdf", "appendix.pdf"):
        pages = pdf_page_texts(tmp_path / "out" / "social-media" / name)
        history = next(page for page in pages if "Links updated" in page)
        assert "Approved by" in history, name
        assert "Standards Committee on 1 April 2021" in history, name
        assert "councillors-and-democracy-social-media-guidance" in history.replace(" ", ""), name
