"""`packgen check`: the content itself, checked as build would read it, with nothing built."""

from __future__ import annotations

import click

from generator.commands.arguments import resolve_pack, templates_option
from generator.errors import plural


@click.command()
@click.argument("pack", required=False)
@click.option(
    "--seed",
    "seeds",
    type=int,
    multiple=True,
    help="Check the quiz questions generated with this seed, as build --seed makes them (default: 1); "
    "repeat for several.",
)
@click.option(
    "--quiz-variants",
    type=click.IntRange(1, 26),
    default=1,
    show_default=True,
    help="Check as many quiz versions as build --quiz-variants makes.",
)
@click.option(
    "--quiz-questions",
    type=click.IntRange(1, 200),
    default=None,
    help="Check each version's draw of this many questions, as build --quiz-questions draws it.",
)
@templates_option("Check with this templates folder, as build --templates uses it (default: as build chooses).")
@click.option("--strict", is_flag=True, help="Exit 1 if a translation is out of step with the text it translates.")
def check(pack, seeds, quiz_variants, quiz_questions, templates, strict):
    """Check PACK's content without building anything.

    Prints every problem as path:line and exits 1 if there is any, 0 if the content is sound.
    Quiz questions are generated as build generates them, for each --seed given (default 1),
    so a quiz that passes check builds with those seeds.

    \b
    Examples:
      packgen check social-media
      packgen check social-media --seed 1 --seed 2 --quiz-variants 2
    """
    from generator.artefacts.base import BuildContext
    from generator.clock import build_date
    from generator.content.bilingual import drift_warnings
    from generator.content.reader import load_pack
    from generator.pipeline.choice import templates_in_use

    folder = resolve_pack(pack)
    loaded = load_pack(folder)
    chosen = templates_in_use(folder, templates).resolve()  # the folder build would use
    if loaded.cards is not None:  # whether each card's text fits is only known once it is laid out
        from generator.artefacts.cards import measure

        measure(BuildContext(loaded, folder.resolve(), build_date(), templates=chosen))
    warnings = drift_warnings(loaded, strict) + (list(loaded.quiz.warnings) if loaded.quiz else [])
    if loaded.quiz is not None:
        from generator.content.quiz.generate import generated_warnings
        from generator.artefacts.quiz.sheet import questions_of, versions

        for seed in dict.fromkeys(seeds or (1,)):
            context = BuildContext(
                loaded,
                folder.resolve(),
                build_date(),
                quiz_variants=quiz_variants,
                quiz_questions=quiz_questions,
                seed=seed,
                templates=chosen,
            )
            versions(context)  # generated, drawn and checked for each version exactly as build does
            warnings += generated_warnings(loaded, questions_of(context), seed)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    _check_spelling(folder, loaded)
    click.echo(
        f"{folder}: {loaded.title}, version {loaded.version}: {plural(len(loaded.sections), 'section')}, "
        "no problems found"
    )


def _check_spelling(folder, loaded) -> None:
    """Words not in the dictionary are warnings (the content is sound; the officer decides)."""
    from generator.authoring.spelling import check_spelling

    report = check_spelling(
        folder, [s.id for s in loaded.sections], [loaded.organisation, loaded.owner], loaded.languages
    )
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if report.note:
        click.echo(f"Note: {report.note}", err=True)
