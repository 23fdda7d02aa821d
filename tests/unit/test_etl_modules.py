"""Every module of etl/ imports on its own, in a fresh interpreter: no import cycle hides behind another."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "etl").rglob("*.py") if path.name != "__main__.py"
)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def test_no_etl_module_is_too_big():
    sizes = {m: len((ROOT / (m.replace(".", "/") + ".py")).read_text().splitlines())
             for m in MODULES if (ROOT / (m.replace(".", "/") + ".py")).exists()}
    assert {m: n for m, n in sizes.items() if n > 400} == {}
