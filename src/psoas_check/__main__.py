"""``python -m psoas_check``: see :mod:`psoas_check.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
