"""`packgen report`: the committee clerk's papers for approving a version of a pack."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.arguments import (
    as_of_option,
    out_option,
    parse_day,
    refuse_out_inside_pack,
    resolve_pack,
    templates_option,
)


@click.command()
@click.argument("pack", required=False)
@click.option(
    "--from",
    "earlier",
    metavar="VERSION",
    help="Compare with this version (kept by packgen archive, or else from git), or an old copy's "
    "folder: adds Appendix B, the changes marked, and the summary of changes.",
)
@click.option("--meeting", metavar="TEXT", help="The committee and meeting (default: approved_by in pack.yaml).")
@click.option("--meeting-date", callback=parse_day, metavar="YYYY-MM-DD", help="The date of the meeting.")
@click.option(
    "--first-page",
    type=click.IntRange(1, 9999),
    metavar="N",
    help="Number the appendices' pages from N (Appendix B goes on from Appendix A), for an agenda numbered by hand.",
)
@out_option("Write into DIR/<pack>-committee/.")
@as_of_option("the report's date; default: SOURCE_DATE_EPOCH or today")
@templates_option(
    "A council's own templates folder (default: templates/ beside council.yaml); report.docx in it is the report's base document."
)
def report(pack, earlier, meeting, meeting_date, first_page, out_root: Path, as_of, templates):
    """Write the covering report and appendices for a committee approving PACK.

    report.docx (an editable Word report: purpose, recommendations, background, summary of
    changes, implications to complete, appendices, contact officer), Appendix A (the guidance
    on A4) and, with --from, Appendix B (the changes marked, as PDF and as Word tracked
    changes). The appendices leave the bottom 15 mm of every page clear for the agenda's page
    numbers.

    \b
    Example:
      packgen report social-media --from 1.0 --meeting "Standards Committee" --meeting-date 2021-06-14
    """
    from generator.committee.report import ReportRequest, make_report

    folder = resolve_pack(pack)
    refuse_out_inside_pack(out_root, folder, templates)
    result = make_report(ReportRequest(folder, out_root, earlier, meeting, meeting_date, first_page, as_of, templates))
    for name, pages in result.files.items():
        click.echo(f"wrote {result.out_dir / name}" + (f" ({pages} pages)" if pages else ""))
