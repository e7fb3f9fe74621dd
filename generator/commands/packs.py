"""`packgen new`, `status` and `diff`: starting a pack, and its versions, with nothing built."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.commands.arguments import pack_root, parse_day, resolve_pack
from generator.errors import Interrupted, UsageProblem


NOTHING_WRITTEN = "nothing was written"


def _interactive() -> bool:
    """Whether there is a person at a terminal to answer questions."""
    return sys.stdin.isatty()


def _asked(question: str, option: str, default: str | None) -> str:
    """The person's answer at the terminal. click's prompt turns Ctrl-C (or SIGTERM) into its own
    Abort, which would be "Aborted!" and exit 1: here it is the stop it was, 130 (143)."""
    try:
        return click.prompt(question, default=default)
    except click.exceptions.Abort as abort:
        if isinstance(abort.__context__, KeyboardInterrupt):
            raise Interrupted(abort.__context__, kept=NOTHING_WRITTEN) from None
        raise UsageProblem(f"the terminal closed before {option} was answered; nothing was written") from None


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", help='The pack\'s title, in sentence case, e.g. "Planning committee induction".')
@click.option("--organisation", help="The council's name (default: from a council.yaml beside FOLDER).")
@click.option("--owner", help='Who owns the guidance, a role such as "Monitoring Officer".')
@click.option("--audience", help="Who it is for (default: councillors and officers of the council).")
@click.option(
    "--approved-by",
    help="Who will approve it: a committee, or an officer with delegated authority (default: the owner). "
    'A draft prints it as "Not yet: to be approved by ...".',
)
@click.option("--contact", help="One sentence telling readers who to contact.")
@click.option(
    "--languages",
    metavar="CODES",
    default="en",
    show_default=True,
    help="The pack's languages in the order printed: cy,en starts a bilingual pack with a Welsh twin of "
    "every file (see packgen translate); cy a pack in Welsh only.",
)
def new(folder, title, organisation, owner, audience, approved_by, contact, languages):
    """Start a new pack in FOLDER (which must not exist yet, or be empty).

    Asks for the title, the council and the owner (or takes them as options, to run without a
    terminal) and writes a draft pack: pack.yaml issued today with a review a year on, one
    example section of every kind, a small quiz.yaml and cards.yaml, and a council.yaml
    (unless one beside FOLDER already serves). It passes packgen check and builds at once.

    \b
    Example:
      packgen new packs/induction --title "Planning committee induction" \\
        --organisation "Anytown Borough Council" --owner "Democratic Services Manager"
    """
    from generator.clock import build_date
    from generator.content.council_reader import read_council
    from generator.authoring.new_pack import Answers, create_pack, shared_council, why_not_writable
    from generator.authoring.new_pack import default_audience, default_contact, parse_languages
    from generator.content.yamlio import FORBIDDEN_CHARACTERS

    languages = parse_languages(languages)
    refusal = why_not_writable(folder)
    if refusal:
        raise UsageProblem(refusal)  # one line, exit 2: the folder named on the command line cannot be used
    council = read_council(folder, []) if shared_council(folder) else None
    ask = _interactive()

    def answer(value, option, question, default=None):
        if not value and ask:
            value = _asked(question, option, default)
        value = (value or default or "").strip()
        if not value:
            raise click.UsageError(f'give {option} (there is no terminal to ask on), e.g. {option} "..."')
        if any(c in FORBIDDEN_CHARACTERS for c in value):
            raise click.UsageError(f"{option} contains a control character (often pasted from Word); retype it")
        return value

    title = answer(title, "--title", "Title of the pack, in sentence case")
    organisation = answer(organisation, "--organisation", "Your council's name", council.name if council else None)
    owner = answer(
        owner, "--owner", "Who owns the guidance (a role, e.g. Monitoring Officer)", council.owner if council else None
    )
    answers = Answers(
        title=title,
        organisation=organisation,
        owner=owner,
        audience=answer(audience, "--audience", "Who it is for", default_audience(organisation, languages)),
        approved_by=answer(
            approved_by,
            "--approved-by",
            "Who will approve it (a committee, or an officer with delegated authority)",
            owner,
        ),
        contact=answer(
            contact,
            "--contact",
            "Who readers should contact",
            (council.contact if council and council.contact else None)
            or default_contact(owner, organisation, languages),
        ),
        issued=build_date(None),
        languages=languages,
    )
    try:
        written = create_pack(folder, answers)  # which removes what it wrote if stopped
    except KeyboardInterrupt as stop:
        raise Interrupted(stop, kept=NOTHING_WRITTEN) from None
    click.echo(f"wrote a new pack in {folder}: " + ", ".join(str(p.relative_to(folder)) for p in written))
    if shared_council(folder):
        click.echo(f"It uses the council's branding in {shared_council(folder)}.")
    click.echo(
        f"It is a DRAFT (status: draft in pack.yaml): every page says so until it is approved.\n"
        f"Next: edit the files (each explains itself), then run\n"
        f"  packgen check {folder}\n  packgen build {folder}"
    )


@click.command()
@click.argument(
    "content_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path), default=None
)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON, for other tools.")
@click.option("--strict", is_flag=True, help="Exit 1 if any pack is past its review date (or cannot be read).")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD", help="Count days as if today were this date.")
def status(content_dir, as_json, strict, as_of):
    """List every pack in CONTENT_DIR (default packs/, or content/) with its version, status and review date.

    One line per pack, the most urgent first: packs that cannot be read, then those overdue,
    then those due soonest.

    \b
    Example:
      packgen status --strict
    """
    import json

    from generator.authoring.archive import archived
    from generator.clock import build_date
    from generator.content.control import pack_statuses

    today = build_date(as_of)
    content_dir = content_dir or pack_root()
    statuses = pack_statuses(content_dir, today)
    if as_json:
        click.echo(json.dumps({"as_of": today.isoformat(), "packs": [s.as_dict(today) for s in statuses]}, indent=2))
    else:
        for entry in statuses:
            click.echo(entry.line(today))
        if not statuses:
            click.echo(f"no packs in {content_dir}")
    if not as_json:
        for entry in statuses:
            if (
                entry.pack is not None
                and entry.pack.status == "approved"
                and not archived(entry.folder, entry.pack.version)
            ):
                click.echo(  # on stderr: the list on stdout stays one line a pack, for scripts
                    f"Note: {entry.pack.slug} version {entry.pack.version} is approved but not archived; keep a copy "
                    f"to compare later versions with: packgen archive {entry.pack.slug}",
                    err=True,
                )
    urgent = [s for s in statuses if s.pack is None or s.as_dict(today)["overdue"]]
    if strict and (urgent or not statuses):  # an empty list must not pass a Monday-morning check
        raise SystemExit(1)


@click.command()
@click.argument("pack")
@click.argument("other", required=False)
@click.option(
    "--from",
    "from_version",
    metavar="VERSION",
    help="Compare with this version, as kept by packgen archive (or, if it was not archived, from git).",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="Plain text, or a Markdown report with headings and lists for a committee report.",
)
def diff(pack, other, from_version, report_format):
    """Summarise in plain English what changed between two versions of a pack.

    Either compare PACK with an earlier version (--from VERSION: the copy packgen archive kept,
    or else the git history), or compare two folders: PACK (the old one) and OTHER (the new
    one). The summary suits a committee report.

    \b
    Examples:
      packgen diff social-media --from 1.0
      packgen diff old/social-media packs/social-media
      packgen diff social-media --from 1.0 --format markdown > changes.md
    """
    from generator.authoring.archive import archived
    from generator.authoring.diff import describe_changes, load_version, markdown_report, pack_at_version

    if (other is None) == (from_version is None):
        raise click.UsageError("give either --from VERSION or a second pack folder to compare with")
    if other is not None:
        old, new = load_version(resolve_pack(pack)), load_version(resolve_pack(other))
    else:
        new_folder = resolve_pack(pack)
        kept = archived(new_folder, from_version)
        if kept is not None:  # packgen archive's copy: the version as approved, with no git needed
            old = load_version(kept)
        else:
            with pack_at_version(new_folder, from_version) as old_folder:
                old = load_version(old_folder)
        new = load_version(new_folder)
    if report_format == "markdown":
        click.echo(markdown_report(old, new), nl=False)
        return
    click.echo(f"Changes to {new.title} from version {old.version} to version {new.version}:")
    for line in describe_changes(old, new):
        click.echo(f"- {line}")
