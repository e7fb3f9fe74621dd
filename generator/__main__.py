"""`python -m generator` and the `packgen` command: Ctrl-C at any moment, even while the
command's modules are still loading, is one line and exit 130."""

import sys


def run() -> None:
    try:
        from generator.cli import main

        main()
    except KeyboardInterrupt:
        from generator.errors import EXIT_INTERRUPTED, INTERRUPTED

        print(f"Error: {INTERRUPTED}", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
