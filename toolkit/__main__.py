"""`python -m toolkit`: the command line, with Ctrl-C during start-up answered like Ctrl-C later."""

import sys

try:
    from .cli import main

    code = main()
except KeyboardInterrupt:  # still importing, or not yet in main's own handler (which answers any later one): nothing written
    print("Interrupted. The previous output is unchanged.", file=sys.stderr)
    code = 130
sys.exit(code)
