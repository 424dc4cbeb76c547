"""The ``aligner`` command (and ``python -m aligner``).

A Ctrl-C or a SIGTERM ends a run with one line and exit status 130 or 143
(``aligner.interrupts``), and that holds from the first moment: importing the command line takes
≈ 0.5 s, and a stop then, before any handler of the run is in place, would otherwise print the
interpreter's traceback of the import (Ctrl-C) or end the process without a word (SIGTERM).
"""

from __future__ import annotations

import sys

from aligner import interrupts  # the standard library only: in place before the heavy imports


def main() -> None:
    try:
        with interrupts.handled():
            from aligner.cli import main as cli
    except KeyboardInterrupt as stop:
        sys.stderr.write(f"aligner: {interrupts.describe(stop)}\n")
        raise SystemExit(interrupts.exit_status(stop)) from None
    cli()


if __name__ == "__main__":
    main()
