"""The ``aligner`` command (and ``python -m aligner``).

A Ctrl-C ends a run with one line and exit status 130 (``aligner.interrupts``), and that holds
from the first moment: importing the command line takes ≈ 0.5 s, and a Ctrl-C then, before any
handler of the run is in place, would otherwise print the interpreter's traceback of the import.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from aligner.cli import main as cli
    except KeyboardInterrupt:
        sys.stderr.write("aligner: interrupted (Ctrl-C)\n")
        raise SystemExit(130) from None
    cli()


if __name__ == "__main__":
    main()
