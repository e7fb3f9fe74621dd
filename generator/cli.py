"""The packgen command line: it parses options and calls the library, nothing else."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click


CONTENT_ROOT = Path("content")
# Kept in step with generator.build.KINDS by a test (importing build here would slow --help).
KINDS = ("booklet", "appendix", "handout", "quiz-sheet", "quiz-key", "cards-sheet", "cards-print",
         "booklet-imposed", "booklet-print")


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
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2022-03-01") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="packgen")
def main():
    """Turn a council's guidance into printed training packs.

    Content lives in content/<pack>/ (see docs/content-format.md); output goes to build/<pack>/.
    """


@main.command()
@click.argument("pack", required=False)
@click.option("--out", "out_root", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write into; the pack's files go in OUT/<pack>/.")
@click.option("--only", "only", multiple=True, type=click.Choice(KINDS),
              help="Build just this kind of artefact (repeat for several). Others already built are kept.")
@click.option("--keep-html", is_flag=True, help="Also write the HTML behind each PDF, for a browser preview.")
@click.option("--appendix-label", default="Appendix A", show_default=True,
              help="The label on every page of the agenda appendix.")
@click.option("--as-of", callback=parse_day, metavar="YYYY-MM-DD",
              help="Build as if today were this date (the build clock; default: SOURCE_DATE_EPOCH or today).")
@click.option("--quiz-variants", type=click.IntRange(1, 26), default=1, show_default=True,
              help="How many quiz variants (A, B, ...) to make, each with its own order and key.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed for shuffling quiz variants; the same seed gives the same sheets.")
def build(pack, out_root, only, keep_html, appendix_label, as_of, quiz_variants, seed):
    """Build every artefact of PACK into build/<pack>/.

    PACK is a pack folder or its name under content/; with only one pack in content/ it
    can be left out. A content error lists every problem as path:line and writes nothing.

    \b
    Example:
      packgen build social-media --appendix-label "Appendix 2"
    """
    from generator.build import BuildRequest, build as run_build

    pack_dir = resolve_pack(pack)
    if out_root.resolve().is_relative_to(pack_dir.resolve()):
        raise click.UsageError(f"--out {out_root} is inside the pack; choose a folder outside the pack folder")
    request = BuildRequest(pack_dir, out_root, tuple(only), keep_html, appendix_label, as_of,
                           quiz_variants, seed)
    result = run_build(request)
    for entry in result.manifest["artefacts"]:
        if entry["kind"] in {o.kind for o in result.written}:
            pages = f", {entry['pages']} pages" if entry.get("pages") else ""
            click.echo(f"wrote {result.out_dir / entry['path']} ({entry['kind']}{pages})")
    click.echo(f"wrote {result.out_dir / 'manifest.json'}: version {result.manifest['version']}, "
               f"review due {result.manifest['review_due']}")


@main.command()
@click.argument("pack", required=False)
def check(pack):
    """Check PACK's content without building anything.

    Prints every problem as path:line and exits 1 if there is any, 0 if the content is sound.

    \b
    Example:
      packgen check content/social-media
    """
    from generator.loader import load_pack

    folder = resolve_pack(pack)
    loaded = load_pack(folder)
    click.echo(f"{folder}: {loaded.title}, version {loaded.version}: {len(loaded.sections)} sections, no problems found")


