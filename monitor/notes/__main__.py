import sys

from monitor.notes.cli import main

sys.exit(main())
