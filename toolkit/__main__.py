"""`python -m toolkit`: the command line, with Ctrl-C during start-up answered like Ctrl-C later."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # still importing: nothing was written yet
    print("Interrupted. The previous output is unchanged.", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
