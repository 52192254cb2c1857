"""`python -m inspector.office` = `inspector-office`."""

import sys

from inspector.office.cli import main

sys.exit(main())
