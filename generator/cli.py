"""The packgen command line: it parses options and calls the library, nothing else."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from generator.errors import plural
from generator.interrupts import held
from generator.kinds import KINDS, MADE_FROM


CONTENT_ROOT = Path("content")


def resolve_pack(name: str | None) -> Path:
    """A pack folder from a path, a name under content/, or the only pack in content/."""
    if name is None:
        packs = sorted(p.parent for p in CONTENT_ROOT.glob("*/pack.yaml"))
        if len(packs) == 1:
            return packs[0]
        if not packs:
            raise click.UsageError("no pack found in content/; name the pack folder, e.g. packgen build content/social-media")
        raise click.UsageError("content/ holds several packs; name one: " + ", ".join(p.name for p in packs))
    candidates = [Path(name)] + ([CONTENT_ROOT / name] if "/" not in name else [])
    for candidate in candidates:
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise click.UsageError(f"{name} is not a pack: there is no pack.yaml in " + " or ".join(map(str, candidates)))


def parse_day(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)  # fromisoformat also takes 20220301 and 2022-W09-2
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2022-03-01") from None


class Packgen(click.Group):
    def invoke(self, ctx):
        """Ctrl-C ends any command with one line and exit 130, not click's "Aborted!" and exit 1."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from generator.errors import Interrupted
            raise Interrupted() from None


MAX_LABEL = 60  # characters: "Appendix A to item 7 of the agenda" fits the running head with room to spare


def parse_label(ctx, param, value: str) -> str:
    """A label printed on every page: only characters the bundled fonts print, and short enough to fit."""
    from generator.content.yamlio import FORBIDDEN_CHARACTERS
    from generator.fonts import unprintable

    if len(value) > MAX_LABEL:
        raise click.BadParameter(f"is {len(value):,} characters; a label may have at most {MAX_LABEL}")
    bad = [c for c in value if c in FORBIDDEN_CHARACTERS] or unprintable(value)
    if bad or not value.strip():
        raise click.BadParameter(f"{value!r} cannot be printed: " + (
            f"the pack's fonts cannot print {', '.join(map(str, bad[:5]))}" if bad else "it is empty"))
    return value.strip()


@click.group(cls=Packgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="packgen")
def main():
    """Turn a council's guidance into printed training packs.

    Content lives in content/<pack>/ (see docs/content-format.md); output goes to build/<pack>/.
    """
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show ŵ gets ?, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


@main.command()
@click.argument("pack", required=False)
@click.option("--out", "out_root", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write into; the pack's files go in OUT/<pack>/.")
@click.option("--only", "only", multiple=True, type=click.Choice(KINDS),
              help="Build just this kind of artefact (repeat for several). Others already built are kept.")
@click.option("--keep-html", is_flag=True, help="Also write the HTML behind each PDF, for a browser preview.")
@click.option("--appendix-label", default="Appendix A", show_default=True, callback=parse_label,
              help="The label on every page of the agenda appendix.")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD",
              help="Build as if today were this date (the build clock; default: SOURCE_DATE_EPOCH or today).")
@click.option("--quiz-variants", type=click.IntRange(1, 26), default=1, show_default=True,
              help="How many quiz versions (Version 1, 2, ...; files A, B, ...) to make, each with its own order and key.")
@click.option("--quiz-questions", type=click.IntRange(1, 200), default=None,
              help="Draw this many questions for each quiz version from the bank, covering every section "
                   "when it can (default: every question).")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed for shuffling quiz versions and drawing questions; the same seed gives the same sheets.")
@click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use this templates folder (a council's own copy of templates/) instead of the built-in one.")
@click.option("--strict", is_flag=True, help="Refuse to build a pack whose review date has passed (exit 1).")
@click.option("--allow-superseded", is_flag=True, help="Build a pack whose status is superseded (every page says so).")
@click.option("--force", is_flag=True,
              help="Render every artefact again, reusing nothing from the cache (OUT/.packgen-cache/).")
def build(pack, out_root, only, keep_html, appendix_label, as_of, quiz_variants, quiz_questions, seed, templates,
          strict, allow_superseded, force):
    """Build every artefact of PACK into build/<pack>/.

    PACK is a pack folder or its name under content/; with only one pack in content/ it
    can be left out. A content error lists every problem as path:line and writes nothing.

    \b
    Example:
      packgen build social-media --appendix-label "Appendix 2"
    """
    with held():  # a Ctrl-C while pikepdf loads would abort the process
        from generator.build import BuildRequest, build as run_build

    pack_dir = resolve_pack(pack)
    source = pack_dir.resolve()
    out_dir = (out_root / source.name).resolve()  # Path(".").name is "": name the pack from its real folder
    if out_dir.is_relative_to(source) or source.is_relative_to(out_dir):
        raise click.UsageError(f"--out {out_root} would put the build in or over the pack itself; "
                               "choose a folder outside the pack folder")
    request = BuildRequest(pack_dir=pack_dir, out_root=out_root, only=tuple(only), keep_html=keep_html,
                           appendix_label=appendix_label, as_of=as_of, quiz_variants=quiz_variants, seed=seed,
                           quiz_questions=quiz_questions, strict=strict, allow_superseded=allow_superseded,
                           templates=templates, force=force)
    result = run_build(request, progress=_say_progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    for kind in dict.fromkeys(only):
        if kind not in {o.kind for o in result.written}:
            click.echo(f"Note: nothing to build for {kind}: this pack has no {MADE_FROM.get(kind, 'content for it')}",
                       err=True)
    click.echo(f"wrote {result.out_dir}/ and its manifest.json: version {result.manifest['version']}, "
               f"review due {result.manifest['review_due']}")


def _say_progress(module: str, outputs: list, seconds: float | None) -> None:
    """One line per artefact as soon as it is ready (the folder itself is swapped in at the end)."""
    for output in outputs:
        pages = f", {plural(output.pages, 'page')}" if output.pages else ""
        how = "unchanged, from the cache" if seconds is None else f"rendered, ready at {seconds:.1f} s"
        click.echo(f"{output.filename} ({output.kind}{pages}): {how}")


@main.command()
@click.argument("pack", required=False)
@click.option("--out", "out_root", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write into; the pack's files go in OUT/<pack>/.")
@click.option("--keep-html", is_flag=True, help="Also write the HTML behind each PDF, for a browser preview.")
@click.option("--appendix-label", default="Appendix A", show_default=True,
              help="The label on every page of the agenda appendix.")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD",
              help="Build as if today were this date (the build clock; default: SOURCE_DATE_EPOCH or today).")
@click.option("--quiz-variants", type=click.IntRange(1, 26), default=1, show_default=True,
              help="How many quiz variants (A, B, ...) to make.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed for shuffling quiz variants.")
@click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use this templates folder (a council's own copy of templates/); it is watched too.")
def watch(pack, out_root, keep_html, appendix_label, as_of, quiz_variants, seed, templates):
    """Build PACK, then build it again every time one of its files (or a template) is saved.

    Prints one line per build: what changed, what was rendered, how long it took. Only what
    the change reaches is rendered again. A content error is shown at once and the last good
    build stays in place; the watch goes on until Ctrl-C.

    \b
    Example:
      packgen watch social-media
    """
    with held():
        from generator.build import BuildRequest
        from generator.watch import watch as run_watch

    pack_dir = resolve_pack(pack)
    _refuse_out_inside_pack(out_root, pack_dir)
    request = BuildRequest(pack_dir=pack_dir, out_root=out_root, keep_html=keep_html, appendix_label=appendix_label,
                           as_of=as_of, quiz_variants=quiz_variants, seed=seed, templates=templates)
    click.echo(f"watching {pack_dir} and its templates; Ctrl-C stops")
    try:
        run_watch(request, say=click.echo)
    except KeyboardInterrupt:
        click.echo("stopped watching")


def _refuse_out_inside_pack(out_root: Path, pack_dir: Path) -> None:
    out_dir, source = (out_root / pack_dir.resolve().name).resolve(), pack_dir.resolve()
    if out_dir.is_relative_to(source) or source.is_relative_to(out_dir):
        raise click.UsageError(f"--out {out_root} would put the build in or over the pack itself; "
                               "choose a folder outside the pack folder")


@main.command()
@click.argument("pack", required=False)
@click.option("--people", "people_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The list of people: CSV (UTF-8 or Windows-1252) or XLSX with columns name, role, ward, email.")
@click.option("--session-title", metavar="TEXT", help="The training session's title (default: the pack's title).")
@click.option("--session-date", callback=parse_day, metavar="YYYY-MM-DD",
              help="The day of the training: on the certificates, the sign-in sheet and attendance.csv.")
@click.option("--venue", metavar="TEXT", default="", help="Where the session is held, for the sign-in sheet.")
@click.option("--privacy-notice", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A text file with the council's own privacy notice for the sign-in sheet.")
@click.option("--out", "out_root", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write into; the files go in OUT/<pack>/people/.")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD",
              help="Build as if today were this date (default: SOURCE_DATE_EPOCH or today).")
@click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use this templates folder instead of the built-in one.")
@click.option("--strict", is_flag=True, help="Refuse a pack whose review date has passed (exit 1).")
@click.option("--allow-superseded", is_flag=True, help="Build a pack whose status is superseded.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and problems (on stderr), for scripts.")
def induct(pack, people_file, session_title, session_date, venue, privacy_notice, out_root, as_of, templates,
           strict, allow_superseded, quiet):
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
        from generator.induct import InductRequest, induct as run_induct
    from generator.sign_in import Session, read_privacy_notice

    pack_dir = resolve_pack(pack)
    notice = read_privacy_notice(privacy_notice) if privacy_notice else None
    request = InductRequest(pack_dir=pack_dir, people_file=people_file, out_root=out_root, as_of=as_of,
                            session=Session(session_title, session_date, venue, notice), strict=strict,
                            allow_superseded=allow_superseded, templates=templates)
    with _progress(quiet) as progress:
        result = run_induct(request, progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        people = len(result.people.people)
        click.echo(f"wrote {result.folder}: {people} named booklets and certificates, sign-in-sheet.pdf, "
                   "attendance.csv and people-booklets-imposed.pdf")
        click.echo(f"These files hold personal data; delete them with: packgen clean {pack_dir.name} --people")


class _progress:
    """A progress bar on a terminal, a plain line every ten people otherwise, nothing with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar = quiet, None

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


@main.command()
@click.argument("pack", required=False)
@click.option("--people", "people_only", is_flag=True,
              help="Delete only the named induction packs (build/<pack>/people/), which hold personal data.")
@click.option("--out", "out_root", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="The folder the pack was built into.")
def clean(pack, people_only, out_root):
    """Delete what packgen wrote for PACK under build/<pack>/, and nothing else.

    Only files a manifest lists, unchanged since packgen wrote them, are deleted; anything
    else found there is left and listed. With --people, only the named induction packs go.

    \b
    Example:
      packgen clean social-media --people
    """
    from generator.clean import clean as run_clean

    folder = out_root / resolve_pack(pack).name
    result = run_clean(folder, people_only)
    what = " of the named induction packs" if people_only else ""
    click.echo(f"deleted {len(result.deleted)} files{what} from {folder}")
    if result.left:
        click.echo(f"left {len(result.left)} files packgen did not write (or that changed since):", err=True)
        for path in result.left:
            click.echo(f"  {path}", err=True)


@main.command()
@click.argument("pack", required=False)
def check(pack):
    """Check PACK's content without building anything.

    Prints every problem as path:line and exits 1 if there is any, 0 if the content is sound.

    \b
    Example:
      packgen check content/social-media
    """
    from generator.content.reader import load_pack

    folder = resolve_pack(pack)
    loaded = load_pack(folder)
    if loaded.cards is not None:  # whether each card's text fits is only known once it is laid out
        from generator.artefact import BuildContext
        from generator.cards import measure
        from generator.clock import build_date

        measure(BuildContext(loaded, folder.resolve(), build_date()))
    for warning in loaded.quiz.warnings if loaded.quiz else ():
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"{folder}: {loaded.title}, version {loaded.version}: {plural(len(loaded.sections), 'section')}, "
               "no problems found")




def _interactive() -> bool:
    """Whether there is a person at a terminal to answer questions."""
    return sys.stdin.isatty()


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", help="The pack's title, in sentence case, e.g. \"Planning committee induction\".")
@click.option("--organisation", help="The council's name (default: from a council.yaml beside FOLDER).")
@click.option("--owner", help="Who owns the guidance, a role such as \"Monitoring Officer\".")
@click.option("--audience", help="Who it is for (default: councillors and officers of the council).")
@click.option("--approved-by", help="Who approves it (default: \"Not yet approved\").")
@click.option("--contact", help="One sentence telling readers who to contact.")
def new(folder, title, organisation, owner, audience, approved_by, contact):
    """Start a new pack in FOLDER (which must not exist yet, or be empty).

    Asks for the title, the council and the owner (or takes them as options, to run without a
    terminal) and writes a draft pack: pack.yaml issued today with a review a year on, one
    example section of every kind, a small quiz.yaml and cards.yaml, and a council.yaml
    (unless one beside FOLDER already serves). It passes packgen check and builds at once.

    \b
    Example:
      packgen new content/induction --title "Planning committee induction" \\
        --organisation "Anytown Borough Council" --owner "Democratic Services Manager"
    """
    from generator.clock import build_date
    from generator.content.council_reader import read_council
    from generator.new_pack import Answers, create_pack, shared_council, why_not_writable
    from generator.content.yamlio import FORBIDDEN_CHARACTERS

    refusal = why_not_writable(folder)
    if refusal:
        raise click.UsageError(refusal)
    council = read_council(folder, []) if shared_council(folder) else None
    ask = _interactive()

    def answer(value, option, question, default=None):
        if not value and ask:
            value = click.prompt(question, default=default)
        value = (value or default or "").strip()
        if not value:
            raise click.UsageError(f"give {option} (there is no terminal to ask on), e.g. {option} \"...\"")
        if any(c in FORBIDDEN_CHARACTERS for c in value):
            raise click.UsageError(f"{option} contains a control character (often pasted from Word); retype it")
        return value

    title = answer(title, "--title", "Title of the pack, in sentence case")
    organisation = answer(organisation, "--organisation", "Your council's name", council.name if council else None)
    owner = answer(owner, "--owner", "Who owns the guidance (a role, e.g. Monitoring Officer)",
                   council.owner if council else None)
    answers = Answers(
        title=title, organisation=organisation, owner=owner,
        audience=answer(audience, "--audience", "Who it is for", f"Councillors and officers of {organisation}"),
        approved_by=answer(approved_by, "--approved-by", "Who approves it", "Not yet approved"),
        contact=answer(contact, "--contact", "Who readers should contact",
                       (council.contact if council and council.contact else None)
                       or f"If you have a question about this guidance, contact the {owner}, {organisation}."),
        issued=build_date(None))
    written = create_pack(folder, answers)
    click.echo(f"wrote a new pack in {folder}: " + ", ".join(str(p.relative_to(folder)) for p in written))
    if shared_council(folder):
        click.echo(f"It uses the council's branding in {shared_council(folder)}.")
    click.echo(f"It is a DRAFT (status: draft in pack.yaml): every page says so until it is approved.\n"
               f"Next: edit the files (each explains itself), then run\n"
               f"  packgen check {folder}\n  packgen build {folder}")


@main.command()
@click.argument("content_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=CONTENT_ROOT)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON, for other tools.")
@click.option("--strict", is_flag=True, help="Exit 1 if any pack is past its review date (or cannot be read).")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD", help="Count days as if today were this date.")
def status(content_dir, as_json, strict, as_of):
    """List every pack in CONTENT_DIR (default content/) with its version, status and review date.

    One line per pack, the most urgent first: packs that cannot be read, then those overdue,
    then those due soonest.

    \b
    Example:
      packgen status --strict
    """
    import json

    from generator.clock import build_date
    from generator.control import pack_statuses

    today = build_date(as_of)
    statuses = pack_statuses(content_dir, today)
    if as_json:
        click.echo(json.dumps({"as_of": today.isoformat(), "packs": [s.as_dict(today) for s in statuses]}, indent=2))
    else:
        for entry in statuses:
            click.echo(entry.line(today))
        if not statuses:
            click.echo(f"no packs in {content_dir}")
    urgent = [s for s in statuses if s.pack is None or s.as_dict(today)["overdue"]]
    if strict and (urgent or not statuses):  # an empty list must not pass a Monday-morning check
        raise SystemExit(1)


@main.command()
@click.argument("pack")
@click.argument("other", required=False)
@click.option("--from", "from_version", metavar="VERSION", help="Compare with this version from the git history.")
@click.option("--format", "report_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Plain text, or a Markdown report with headings and lists for a committee report.")
def diff(pack, other, from_version, report_format):
    """Summarise in plain English what changed between two versions of a pack.

    Either compare PACK with an earlier version from git (--from VERSION), or compare two
    folders: PACK (the old one) and OTHER (the new one). The summary suits a committee report.

    \b
    Examples:
      packgen diff social-media --from 1.0
      packgen diff old/social-media content/social-media
      packgen diff social-media --from 1.0 --format markdown > changes.md
    """
    from generator.diff import describe_changes, markdown_report, pack_at_version
    from generator.content.reader import load_pack

    if (other is None) == (from_version is None):
        raise click.UsageError("give either --from VERSION or a second pack folder to compare with")
    if other is not None:
        old, new = load_pack(resolve_pack(pack)), load_pack(resolve_pack(other))
    else:
        new_folder = resolve_pack(pack)
        with pack_at_version(new_folder, from_version) as old_folder:
            old = load_pack(old_folder)
        new = load_pack(new_folder)
    if report_format == "markdown":
        click.echo(markdown_report(old, new), nl=False)
        return
    click.echo(f"Changes to {new.title} from version {old.version} to version {new.version}:")
    for line in describe_changes(old, new):
        click.echo(f"- {line}")
