"""Every module of monitor/ imports on its own: no hidden import cycle, no reliance on another module loading first."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FILES = sorted((ROOT / "monitor").rglob("*.py"))
MODULES = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__") for p in FILES]

# One interpreter, each module imported after forgetting every monitor module: as fresh as a new process for
# our code, while numpy, pandas and plotly stay loaded (a process each would take seconds per module).
IMPORT_EACH = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "monitor" or m.startswith("monitor.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc(limit=-3))
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_monitor_module_imports_on_its_own():
    assert "monitor.queries.filters" in MODULES and "monitor.urls" in MODULES
    done = subprocess.run([sys.executable, "-c", IMPORT_EACH, *MODULES], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_only_links_imports_streamlit():
    imports_streamlit = [p.name for p in FILES if "import streamlit" in p.read_text()]
    assert imports_streamlit == ["links.py"]
