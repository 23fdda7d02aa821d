"""Every command ends quietly when its reader goes away (`python -m etl load … --json | head`), as Unix tools do.

Each test runs the real process with its stdout a real pipe whose reading end is closed before the command
writes: its first write fails with EPIPE. Found by walking etl/ and monitor/ for entry points, so a command
added later is checked too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.cli import BROKEN_PIPE_STATUS
from tests.conftest import ROOT, realdata

PACKAGES = ("etl", "monitor")


def entry_points() -> list[str]:
    """`python -m` module names: packages with a __main__.py, modules with an `if __name__ == "__main__"`."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if path.name == "__main__.py":
                found.append(module.removesuffix(".__main__"))
            elif 'if __name__ == "__main__":' in path.read_text(encoding="utf-8"):
                found.append(module)
    return found


def closed_reader(*args: str) -> subprocess.CompletedProcess:
    """Run `python ARGS` with stdout a pipe nobody reads any more (its reading end closed at once)."""
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    return subprocess.CompletedProcess(args, proc.wait(timeout=300), "", err)


def test_the_walk_finds_the_known_commands():
    assert {"etl", "monitor.briefing", "monitor.extract.evaluate"} <= set(entry_points())


@pytest.mark.parametrize("module", entry_points())
def test_every_command_goes_through_the_shared_helper(module):
    path = ROOT / Path(*module.split("."))
    source = (path / "__main__.py" if path.is_dir() else path.with_suffix(".py")).read_text(encoding="utf-8")
    assert "run(main)" in source and "from monitor.cli import run" in source, \
        f"python -m {module}: end its __main__ with monitor.cli.run(main), so a closed pipe ends it quietly"


# What each command prints to stdout in an ordinary run (db: the bundled database); a command not listed here is
# run with --help (argparse ends quietly on its own: only the guard above checks it).
PRINTING_RUNS: dict[str, Callable[[Path, Path], list[str]]] = {
    "etl": lambda db, tmp: ["status", "--db", str(db)],
    "monitor.briefing": lambda db, tmp: ["http://localhost:8501/un-votes?res=A/RES/75/287", "--out",
                                         str(tmp / "b.html"), "--db", str(db)],
    "monitor.export": lambda db, tmp: ["http://localhost:8501/data?c=MMR", "--out", str(tmp / "e.csv"), "--db",
                                       str(db)],
    "monitor.extract.evaluate": lambda db, tmp: [],
    "monitor.notes": lambda db, tmp: ["--store", f"sqlite:///{tmp / 'notes.sqlite'}", "add",
                                      "http://localhost:8501/?c=MMR", "--text", "A note"],
    "monitor.alerts": lambda db, tmp: ["http://localhost:8501/trends?c=MMR", "--db", str(db)],
}


@pytest.mark.parametrize("module", entry_points())
def test_a_command_printing_into_a_closed_pipe_ends_quietly(module, bundled_db, tmp_path):
    args = PRINTING_RUNS.get(module, lambda db, tmp: ["--help"])(bundled_db, tmp_path)
    done = closed_reader("-m", module, *args)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr == ""
    # 141 as for a tool SIGPIPE ended (monitor.cli.run); 0 where the command itself stops writing (argparse's help,
    # monitor.notes' own handler)
    assert done.returncode in (0, BROKEN_PIPE_STATUS)


def test_a_json_load_into_a_closed_pipe_ends_quietly_and_still_loads(tmp_path):
    db = tmp_path / "piped.duckdb"
    done = closed_reader("-m", "etl", "load", str(realdata("unga/unvotes_un_roll_calls_s65-74.csv")),
                         "--db", str(db), "--json")
    assert done.stderr == ""
    assert done.returncode == BROKEN_PIPE_STATUS
    assert db.exists(), "the load is written before the report is printed"
