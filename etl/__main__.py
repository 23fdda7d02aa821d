from etl.cli import main
from monitor.cli import run

run(main)
