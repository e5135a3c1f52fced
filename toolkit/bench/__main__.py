"""python -m toolkit.bench: see toolkit/bench/run.py."""

import sys

from .run import main

sys.exit(main())
