"""The machine a figure came from: cores, memory, CPU, and the versions that matter to the figures."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _proc_field(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def ram_gib() -> float:
    kib = _proc_field("/proc/meminfo", "MemTotal").split()[0]
    return int(kib) / 2**20 if kib.isdigit() else 0.0


def machine() -> str:
    """One line: what ran the benchmark (the load average says how busy the shared machine was)."""
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores, {ram_gib():.1f} GiB RAM, {_proc_field('/proc/cpuinfo', 'model name')}, "
            f"{platform.system()} {platform.machine()}; Python {platform.python_version()}, "
            f"DuckDB {_version('duckdb')}, Streamlit {_version('streamlit')}; load average {load}")
