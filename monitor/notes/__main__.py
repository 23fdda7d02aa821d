from monitor.cli import run
from monitor.notes.cli import main

if __name__ == "__main__":  # tests/unit/test_monitor_imports.py imports every module: only `python -m` runs it
    run(main)
