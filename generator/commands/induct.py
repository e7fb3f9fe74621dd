"""`packgen induct` and `packgen clean`: named induction packs, and deleting what packgen wrote."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from generator.commands.arguments import out_option, parse_day, refuse_out_inside_pack, resolve_pack
from generator.interrupts import held


def _printable(ctx, param, value: str | None) -> str | None:
    """Words printed on the certificates and sign-in sheet: refused (exit 2) if the fonts cannot
    print them, or they hold control or invisible characters."""
    from generator.content.people import character_trouble

    trouble = character_trouble(value) if value else None
    if trouble:
        raise click.BadParameter(f"{value!r} {trouble}")
    return value


@click.command()
@click.argument("pack", required=False)
@click.option(
    "--people",
    "people_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The list of people: CSV (UTF-8, UTF-16 or Windows-1252) or XLSX with columns name, role, ward, email.",
)
@click.option(
    "--session-title",
    metavar="TEXT",
    callback=_printable,
    help="The training session's title (default: the pack's title).",
)
@click.option(
    "--session-date",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="The day of the training: on the certificates, the sign-in sheet and attendance.csv.",
)
@click.option(
    "--venue",
    metavar="TEXT",
    default="",
    callback=_printable,
    help="Where the session is held, for the sign-in sheet.",
)
@click.option(
    "--privacy-notice",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A text file with the council's own privacy notice for the sign-in sheet.",
)
@out_option("Folder to write into; the files go in OUT/<pack>/people/.")
@click.option(
    "--as-of",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="Build as if today were this date (default: SOURCE_DATE_EPOCH or today).",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Use this templates folder instead of the built-in one.",
)
@click.option("--strict", is_flag=True, help="Refuse a pack whose review date has passed (exit 1).")
@click.option("--allow-superseded", is_flag=True, help="Build a pack whose status is superseded.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and problems (on stderr), for scripts.")
def induct(
    pack,
    people_file,
    session_title,
    session_date,
    venue,
    privacy_notice,
    out_root,
    as_of,
    templates,
    strict,
    allow_superseded,
    quiet,
):
    """Make a named induction pack for everyone in the --people list.

    For each person, build/<pack>/people/<name>/ gets booklet.pdf (their name on the cover and
    every page) and certificate.pdf; build/<pack>/people/ also gets sign-in-sheet.pdf,
    attendance.csv and people-booklets-imposed.pdf (every booklet as one print job). Those
    files hold personal data: delete them with `packgen clean PACK --people`. A problem in the
    list is reported as people.csv:ROW for every bad row, and nothing is written.

    \b
    Example:
      packgen induct social-media --people members.xlsx --session-date 2026-05-12 --venue "Council Chamber"
    """
    with held():
        from generator.people.induct import InductRequest, induct as run_induct
    from generator.people.sign_in import Session, read_privacy_notice
    from generator.pipeline.choice import reads

    pack_dir = resolve_pack(pack)
    refuse_out_inside_pack(out_root, pack_dir, read=reads(pack_dir, templates).folders)
    notice = read_privacy_notice(privacy_notice) if privacy_notice else None
    request = InductRequest(
        pack_dir=pack_dir,
        people_file=people_file,
        out_root=out_root,
        as_of=as_of,
        session=Session(session_title, session_date, venue, notice),
        strict=strict,
        allow_superseded=allow_superseded,
        templates=templates,
    )
    with _progress(quiet) as progress:
        result = run_induct(request, progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        people = len(result.people.people)
        click.echo(
            f"wrote {result.folder}: {people} named booklets and certificates, sign-in-sheet.pdf, "
            "attendance.csv and people-booklets-imposed.pdf"
        )
        click.echo(
            f"These files hold personal data; delete them with: packgen clean {pack_dir.resolve().name} --people"
        )


class _progress:
    """A progress bar on a terminal, a plain line every ten people otherwise, nothing with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Any = None  # click's progress bar, made when the first name is laid out

    def __enter__(self):
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if sys.stdout.isatty():
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="Personalising", show_pos=True)
                self.bar.__enter__()
            self.bar.update(done - self.bar.pos)
        elif done == 0:
            click.echo(f"laying out the booklet, the certificate and {total} names")
        elif done % 10 == 0 or done == total:
            click.echo(f"personalised {done} of {total}")

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


@click.command()
@click.argument("pack", required=False)
@click.option(
    "--people",
    "people_only",
    is_flag=True,
    help="Delete only the named induction packs (build/<pack>/people/), which hold personal data.",
)
@out_option("The folder the pack was built into.")
def clean(pack, people_only, out_root):
    """Delete what packgen wrote for PACK under build/<pack>/, and nothing else.

    Only files a manifest lists, unchanged since packgen wrote them, are deleted; anything
    else found there is left and listed. With --people, only the named induction packs go.

    \b
    Example:
      packgen clean social-media --people
    """
    from generator.publish.clean import clean as run_clean

    if not out_root.is_dir():
        what = "is not a folder" if out_root.exists() else "does not exist"
        raise click.UsageError(f"--out {out_root} {what}; name the folder the pack was built into")
    pack_dir = resolve_pack(pack)
    refuse_out_inside_pack(out_root, pack_dir)
    folder = out_root / pack_dir.resolve().name
    result = run_clean(folder, people_only)
    for unfinished in result.unfinished:
        click.echo(f"removed {unfinished}, left by an interrupted packgen run")
    what = " of the named induction packs" if people_only else ""
    click.echo(f"deleted {len(result.deleted)} files{what} from {folder}")
    if result.left:
        click.echo(f"left {len(result.left)} files packgen did not write (or that changed since):", err=True)
        for path in result.left:
            click.echo(f"  {path}", err=True)
