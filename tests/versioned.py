"""A database with three data versions, for the tests of pinned links and the Changes page.

Version 1: the bundled case files. Version 2: the UCDP GED test fixture (Myanmar events; test data, not UCDP's).
Version 3: the same file again with one event revised — UCDP event 900003's best (and high) estimate of deaths
raised from 12 to 31 — the kind of revision a new UCDP release makes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from tests.conftest import ROOT, run_etl

UCDP = ROOT / "tests" / "fixtures" / "ucdp_ged.csv"
REVISED_EVENT = "ucdp:900003"
BEFORE, AFTER = 12, 31


def revised_ucdp(folder: Path) -> Path:
    """The UCDP fixture with event 900003's best and high estimates raised from 12 to 31."""
    rows = pd.read_csv(UCDP, dtype=str, keep_default_na=False)
    rows.loc[rows["id"] == "900003", ["best", "high"]] = str(AFTER)
    path = folder / "ucdp_ged_revised.csv"
    rows.to_csv(path, index=False)
    return path


def load(db: Path, csv: Path) -> None:
    """A load by another process, as the app meets one (tests load into a database the app is serving)."""
    done = run_etl("load", str(csv), "--db", str(db))
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: the fixture's deliberately bad lines


def at_version_2(bundled_db: Path, folder: Path) -> Path:
    """A copy of the bundled database with the UCDP fixture loaded: versions 1 and 2."""
    db = folder / "versioned.duckdb"
    shutil.copyfile(bundled_db, db)
    load(db, UCDP)
    return db
