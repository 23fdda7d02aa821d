"""The export figure: `python -m monitor.export LINK --out FILE.parquet` of a whole SYNTHETIC selection, against
DuckDB's own COPY of the same query to Parquet (the floor), each its own process measured from outside (seconds and
peak RSS)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench.procs import Measured, python_measured

# Every event of the benchmark database: the largest selection a link can make.
LINK = "http://bench.example/data?from=1900-01-01&to=2100-12-31"
# DuckDB's own COPY of the query monitor.export runs, nothing of ours around it.
COPY = """
import json, sys, duckdb
sql, params = json.loads(sys.argv[3])
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute(f"COPY ({sql}) TO '{sys.argv[2]}' (FORMAT parquet)", params)
"""
# The query, as monitor.export builds it for LINK (printed as JSON by a child, so this process imports nothing).
QUERY = """
import json, sys
from monitor import export
from monitor.store import Store
selection = export.selection_of(Store(sys.argv[1]), sys.argv[2])
sql, params = export._select(selection, csv=False)
print(json.dumps([sql, [str(p) for p in params]]))
"""


@dataclass
class ExportFigures:
    export: Measured
    copy: Measured
    rows: int


def export_vs_copy(db: Path, scratch: Path) -> ExportFigures:
    """monitor.export of every event to Parquet, then DuckDB's COPY of the same query."""
    ours, theirs = scratch / "bench_export.parquet", scratch / "bench_copy.parquet"
    for old in (ours, theirs, scratch / "bench_export.citations.csv"):
        old.unlink(missing_ok=True)
    query = python_measured("-c", QUERY, str(db), LINK)
    export = python_measured("-m", "monitor.export", LINK, "--out", str(ours), "--db", str(db))
    copy = python_measured("-c", COPY, str(db), str(theirs), query.stdout.strip() or json.dumps(["SELECT 1", []]))
    import duckdb

    with duckdb.connect() as con:
        rows = con.execute(f"SELECT count(*) FROM '{ours}'").fetchone()[0] if ours.exists() else 0
    return ExportFigures(export, copy, rows)
