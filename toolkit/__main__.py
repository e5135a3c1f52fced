"""`python -m toolkit`: the command line, with Ctrl-C during start-up answered like Ctrl-C later."""

import sys

try:
    from .cli import main

    code = main()
except KeyboardInterrupt:  # still importing, or between the import and main's own handler: nothing was written yet
    print("Interrupted. The previous output is unchanged.", file=sys.stderr)
    code = 130
sys.exit(code)
