"""`packgen build` and `packgen watch`: the pack's artefacts, once or on every save."""

from __future__ import annotations

import sys

import click

from generator.commands.arguments import (
    as_of_option,
    out_option,
    parse_label,
    refuse_out_inside_pack,
    resolve_pack,
    templates_option,
)
from generator.errors import Interrupted, plural
from generator.interrupts import held
from generator.artefacts.registry import BILINGUAL_ONLY, KINDS, MADE_FROM


def _options_of_every_build(command):
    """The options build and watch share, in the order --help shows them."""
    for option in reversed(
        [
            click.argument("pack", required=False),
            out_option("Folder to write into; the pack's files go in OUT/<pack>/."),
            click.option(
                "--keep-html", is_flag=True, help="Also write the HTML behind each PDF, for a browser preview."
            ),
            click.option(
                "--appendix-label",
                default="Appendix A",
                show_default=True,
                callback=parse_label,
                help="The label on every page of the agenda appendix.",
            ),
            as_of_option(),
            click.option(
                "--quiz-variants",
                type=click.IntRange(1, 26),
                default=1,
                show_default=True,
                help="How many quiz versions (Version 1, 2, ...; files A, B, ...) to make, each with its own "
                "order and key.",
            ),
            click.option(
                "--seed",
                type=int,
                default=1,
                show_default=True,
                help="Seed for shuffling quiz versions and drawing questions; the same seed gives the same sheets.",
            ),
        ]
    ):
        command = option(command)
    return command


@click.command()
@_options_of_every_build
@click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice(KINDS),
    help="Build just this kind of artefact (repeat for several). Others already built are kept.",
)
@click.option(
    "--quiz-questions",
    type=click.IntRange(1, 200),
    default=None,
    help="Draw this many questions for each quiz version from the bank, covering every section "
    "when it can (default: every question).",
)
@templates_option("Use this templates folder (a council's own copy of templates/) instead of the built-in one.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to build a pack whose review date has passed, or whose translations are out of step "
    "with what they translate (a twin such as sections/purpose.cy.yaml; exit 1).",
)
@click.option("--allow-superseded", is_flag=True, help="Build a pack whose status is superseded (every page says so).")
@click.option(
    "--force", is_flag=True, help="Render every artefact again, reusing nothing from the cache (OUT/.packgen-cache/)."
)
def build(pack, out_root, only, **options):
    """Build every artefact of PACK into build/<pack>/.

    PACK is a pack folder or its name under packs/ or content/; with only one pack there it
    can be left out. A content error lists every problem as path:line and writes nothing.

    \b
    Example:
      packgen build social-media --appendix-label "Appendix 2"
    """
    with held():  # a Ctrl-C while pikepdf loads would abort the process
        from generator.pipeline.build import build as run_build, modules_for

    request = _request(pack, out_root, only=tuple(only), **options)
    with _SayProgress(len(modules_for(request.only)), terminal=_on_a_terminal()) as progress:
        result = run_build(request, progress=progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    languages = set(result.manifest.get("languages", ["en"]))
    for kind in dict.fromkeys(only):
        if kind not in {o.kind for o in result.written}:
            why = f"this pack has no {MADE_FROM.get(kind, 'content for it')}"
            if kind in BILINGUAL_ONLY and not {"cy", "en"} <= languages:
                why = "this pack is not in both Welsh and English (languages: [cy, en] in pack.yaml)"
            click.echo(f"Note: nothing to build for {kind}: {why}", err=True)
    click.echo(
        f"wrote {result.out_dir}/ and its manifest.json: version {result.manifest['version']}, "
        f"review due {result.manifest['review_due']}"
    )


def _request(pack, out_root, **options):
    """The BuildRequest for PACK: each command-line option is the request's field of that name."""
    from generator.pipeline.build import BuildRequest  # loaded already, under `held`, by the command

    from generator.pipeline import choice

    pack_dir = resolve_pack(pack)
    refuse_out_inside_pack(out_root, pack_dir, read=choice.reads(pack_dir, options.get("templates")).folders)
    return BuildRequest(pack_dir=pack_dir, out_root=out_root, **options)


def _on_a_terminal() -> bool:
    return sys.stdout.isatty()


class _SayProgress:
    """One line per artefact as soon as it is ready (the folder itself is swapped in at the end);
    on a terminal, a bar under those lines counts the artefact modules done."""

    def __init__(self, modules: int, terminal: bool):
        self.bar = click.progressbar(length=modules, label="Building", show_pos=True) if terminal else None

    def __enter__(self):
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __call__(self, module: str, outputs: list, seconds: float | None) -> None:
        for output in outputs:
            pages = f", {plural(output.pages, 'page')}" if output.pages else ""
            how = "unchanged, from the cache" if seconds is None else f"rendered, ready at {seconds:.1f} s"
            line = f"{output.filename} ({output.kind}{pages}): {how}"
            click.echo(line if self.bar is None else "\r\033[K" + line)  # the line goes above the bar
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


@click.command()
@_options_of_every_build
@templates_option("Use this templates folder (a council's own copy of templates/); it is watched too.")
def watch(pack, out_root, **options):
    """Build PACK, then build it again every time a file the build reads is saved.

    It watches what build reads: the pack's files, council.yaml with the logo and fonts it
    names, and the templates (--templates, or a templates/ folder beside council.yaml, over
    packgen's own). --out may not be inside any of them. Prints one line per build: what changed, what was rendered, how long it took. Only what
    the change reaches is rendered again. A content error is shown at once and the last good
    build stays in place; the watch goes on until Ctrl-C.

    \b
    Example:
      packgen watch social-media
    """
    with held():
        from generator.pipeline.watch import watch as run_watch  # and generator.pipeline.build, with pikepdf

    request = _request(pack, out_root, **options)
    click.echo(
        f"watching {request.pack_dir} and what its build reads (council.yaml, logo, fonts, templates); Ctrl-C stops"
    )
    try:
        run_watch(request, say=click.echo)
    except KeyboardInterrupt as stop:  # the only way a watch ends: 130 as for build, so a script can tell
        raise Interrupted(stop, "stopped watching", "the output folder holds the last good build, whole") from None
