"""`python -m lyra_shell` is the `lyra` command."""

import sys

from .cli import main

sys.exit(main())
