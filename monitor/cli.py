"""What every command-line entry point shares: ending quietly when its reader goes away.

`python -m etl load … --json | head` closes the pipe after a few lines; the next write raises BrokenPipeError
(Python ignores SIGPIPE), and the flush at exit raises it again, as a traceback. Standard Unix tools end
quietly there, as if killed by SIGPIPE. Every `__main__` calls `run(main)` (tests/unit/test_cli_pipe.py
checks each one).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import NoReturn

# What a shell reports for a program that SIGPIPE ended (128 + 13): `set -o pipefail` still sees the failure.
BROKEN_PIPE_STATUS = 128 + signal.SIGPIPE


def run(main: Callable[[], int | str | None]) -> NoReturn:
    """Run `main` and exit with its status; exit quietly (BROKEN_PIPE_STATUS) if stdout's reader went away."""
    try:
        try:
            status = main()
        except SystemExit as e:  # argparse's --help and usage errors print, then exit this way
            status = e.code
        sys.stdout.flush()  # inside the try: a pipe closed during the last buffered write fails here
    except BrokenPipeError:
        _silence_stdout()
        status = BROKEN_PIPE_STATUS
    raise SystemExit(status)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit does not fail again (the recipe of
    Python's documentation, "Note on SIGPIPE", in the signal module)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
