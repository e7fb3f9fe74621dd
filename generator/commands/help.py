"""`packgen help [TOPIC]`: the user guides in the terminal, with no web access or clone needed."""

from __future__ import annotations

import sys

import click


@click.command(name="help")
@click.argument("topic", required=False)
def help_command(topic):
    """Print the guide on TOPIC (content, quiz, cards, council, induction, printing).

    With no TOPIC, list the guides. On a terminal the guide opens in a pager (q to quit).

    \b
    Example:
      packgen help content
    """
    from generator.authoring.user_docs import TOPICS, UnknownTopic, guide, topic_list

    if topic is None:
        click.echo(topic_list())
        return
    try:
        text = guide(topic)
    except UnknownTopic:
        raise click.UsageError(f"there is no guide on {topic!r}; choose one of: {', '.join(TOPICS)}") from None
    except OSError:
        raise click.UsageError(f"the guide on {topic} is missing from this installation; reinstall packgen") from None
    if _on_terminal():
        click.echo_via_pager(text)
    else:
        click.echo(text)


def _on_terminal() -> bool:
    return sys.stdout.isatty()
