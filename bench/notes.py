"""Concurrent writers on one notes store: no note lost, none doubled, on SQLite and on PostgreSQL.

    python -m bench.notes                     # both stores (PostgreSQL when its server programs are here)
    python -m bench.notes --writers 2 --notes 500 --editor

Starts `--writers` processes that each add `--notes` notes at the same moment (and, with --editor, a process that
keeps editing notes meanwhile), then counts what the store holds. Prints the counts and the rate; asserts nothing
about time. The tests (tests/unit/test_notes_concurrency.py) run the same processes and assert the counts.

The worker processes are this module too: `python -m bench.notes write URL TAG COUNT` adds COUNT notes with texts
TAG-0 … and prints each id once its transaction committed; `python -m bench.notes edit URL STOPFILE` edits
notes until STOPFILE exists, then prints how many edits it made.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from monitor.notes.model import Draft, Writer
from monitor.notes.store import NotesStore

ROOT = Path(__file__).resolve().parent.parent
START_GATE = "go"
# Between two edits: an editor at full speed would hold SQLite's one write lock most of the time, which analysts
# editing by hand never do; 100 edits a second is still far more than a team makes.
EDIT_PAUSE = 0.01  # a worker waits for this line on stdin, so that all start writing together


def write(url: str, tag: str, count: int) -> None:
    store = NotesStore(url)
    store.upgrade()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()  # the gate
    writer = Writer(f"writer {tag}")
    for i in range(count):
        note = store.add(Draft(f"{tag}-{i}", writer, "timeline", "c=MMR"))
        sys.stdout.write(f"{note.note_id}\n")
        sys.stdout.flush()


def edit(url: str, stop_file: str) -> None:
    store = NotesStore(url)
    store.upgrade()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    edits, rng = 0, random.Random(7)
    while not Path(stop_file).exists():
        # Note ids run from 1 without gaps here (nothing deletes): any up to the count is a note.
        store.edit(rng.randint(1, store.count()), f"edited {edits}", Writer("editor"))
        edits += 1
        time.sleep(EDIT_PAUSE)
    sys.stdout.write(f"edits {edits}\n")
    sys.stdout.flush()


def worker(*args: str) -> subprocess.Popen:
    """A worker process, started and ready (its store opened); it writes once `go()` opens the gate."""
    proc = subprocess.Popen([sys.executable, "-m", "bench.notes", *args], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "ready":
        raise RuntimeError(f"worker {args} did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
    return proc


def go(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(START_GATE + "\n")
        proc.stdin.flush()


@dataclass
class Run:
    """What a concurrent run left: the ids each writer saw committed, the store's notes, and the time taken."""

    committed: list[list[int]]
    originals: list[str]  # each writer's note's text as written (before any edit), one per note kept
    seconds: float
    edits: int = 0


def concurrent_run(url: str, writers: int = 2, notes: int = 500, editor: bool = False) -> Run:
    """`writers` processes add `notes` notes each at the same moment (an editor edits meanwhile); what was kept."""
    store = NotesStore(url)
    store.upgrade()
    stop = Path(tempfile.mkdtemp(prefix="notes-bench-")) / "stop"
    if editor:  # something to edit from the first moment
        store.add(Draft("seed", Writer("editor"), "timeline", "c=MMR"))
    procs = [worker("write", url, f"w{i}", str(notes)) for i in range(writers)]
    editing = worker("edit", url, str(stop)) if editor else None
    started = time.perf_counter()
    go(procs + ([editing] if editing else []))
    outputs = [proc.communicate(timeout=300) for proc in procs]
    seconds = time.perf_counter() - started
    edits = 0
    if editing:
        stop.touch()
        out, err = editing.communicate(timeout=60)
        if editing.returncode:
            raise RuntimeError(f"the editor failed: {err}")
        edits = int(out.split()[-1])
    for proc, (_, err) in zip(procs, outputs, strict=True):
        if proc.returncode:
            raise RuntimeError(f"a writer failed: {err}")
    committed = [[int(x) for x in out.split()] for out, _ in outputs]
    originals = []
    for note in store.notes():
        if note.author.startswith("writer "):
            history = store.history(note.note_id) if note.edited_at else []
            originals.append(history[0].text if history else note.text)
    store.close()
    return Run(committed, originals, seconds, edits)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "write":
        write(argv[1], argv[2], int(argv[3]))
        return 0
    if argv and argv[0] == "edit":
        edit(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.notes", description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--notes", type=int, default=500)
    args = parser.parse_args(argv)
    from bench.machine import machine
    from tests.pg import fresh_database, postgres_server, server_programs

    print(f"machine: {machine()}")
    folder = Path(tempfile.mkdtemp(prefix="notes-bench-"))
    stores = [("SQLite (WAL)", lambda: f"sqlite:///{folder}/{time.monotonic_ns()}.sqlite")]
    with postgres_server() if server_programs() else _nothing() as server:
        if server:
            stores.append(("PostgreSQL", lambda: fresh_database(server, f"bench{time.monotonic_ns()}")))
        for label, make_url in stores:
            for editor in (False, True):
                run = concurrent_run(make_url(), args.writers, args.notes, editor)
                want = args.writers * args.notes
                kept, distinct = len(run.originals), len(set(run.originals))
                print(f"{label:13} {args.writers} writers × {args.notes:,}{' + an editor' if editor else '':12}: "
                      f"{kept:,} of {want:,} notes kept, {distinct:,} distinct, "
                      f"{sum(map(len, run.committed)):,} commits seen; {run.seconds:.2f} s, "
                      f"{want / run.seconds:,.0f} notes/s" + (f"; {run.edits:,} edits meanwhile" if editor else ""))
    return 0


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    sys.exit(main())
