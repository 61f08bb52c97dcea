"""The router's imports stay light: the roster's heavy libraries load on its first visit."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "altair", "pyarrow")


def test_router_imports__self_check_pages__no_pandas_numpy_or_altair() -> None:
    code = (
        "import sys\n"
        "from psoas_check.ui import about, roster, rules_page, self_check\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_roster_entry__first_visit__renders_the_roster_page() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("from psoas_check.ui import roster\n\nroster()\n", default_timeout=30)
    at.run()

    assert not at.exception
    assert at.title[0].value == "Screen a workshop roster"
