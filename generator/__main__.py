"""`python -m generator` and the `packgen` command: Ctrl-C at any moment, even while the
command's modules are still loading, is one line and exit 130 (SIGTERM: 143)."""

import sys


def run() -> None:
    from generator.interrupts import stop_cleanly_on_sigterm

    stop_cleanly_on_sigterm()
    try:
        from generator.cli import main

        main()
    except KeyboardInterrupt as stop:
        from generator.errors import Interrupted

        error = Interrupted(stop)
        error.show()
        sys.exit(error.exit_code)


if __name__ == "__main__":
    run()
