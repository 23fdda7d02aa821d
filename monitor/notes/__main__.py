from monitor.cli import run
from monitor.notes.cli import main

run(main)
