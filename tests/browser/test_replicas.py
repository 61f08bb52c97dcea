"""Two replicas on one PostgreSQL: an answer sent through one is on the other's dashboard.

The replicas are started by ``deploy/replicas.py``'s own :func:`replicas` (the script the
README gives for running several servers), on the ``postgres_url`` fixture's throwaway
PostgreSQL, with one cookie secret. An attendee on a phone sends through replica A; the
teacher's dashboard, open on replica B and never reloaded, shows the answer within ten
seconds. Nothing is shared between the two servers but the database.

It lives with the browser tests because it shares their one Chromium (two sync Playwright
instances cannot run in one process). Outside CI it skips when Chromium or PostgreSQL is
missing; with ``CI`` set it fails instead (the ``browser`` and ``postgres_cluster``
fixtures say so).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from psoas_check.intake import Intake

from .harness import PHONE, isolated_page
from .server import ServerFailed
from .workshop_flow import (
    DASHBOARD_DEADLINE_MS,
    attendee_rows,
    open_dashboard,
    row_line,
    send_answers,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parents[2]
TITLE = "Two replicas, one class"
NAME, SIGN = "Chioma", "saddle_numbness"


def deploy_script() -> ModuleType:
    """``deploy/replicas.py`` as a module (the deploy folder is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "psoas_deploy_replicas", REPO_ROOT / "deploy" / "replicas.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def two_replicas(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """Two servers sharing the session's PostgreSQL database and one cookie secret."""
    logs = tmp_path_factory.mktemp("replicas")
    try:
        with deploy_script().replicas(postgres_url, logs, count=2) as urls:
            yield urls
    except ServerFailed as err:
        pytest.fail(str(err))


def test_replicas__sent_through_one__on_the_others_dashboard_without_reload(
    browser: Browser,
    two_replicas: list[str],
    postgres_url: str,
) -> None:
    replica_a, replica_b = two_replicas
    intake = Intake(postgres_url)
    try:
        created = intake.create(TITLE, days=1)
    finally:
        intake.close()
    code = created.workshop.code

    with isolated_page(browser) as teacher:
        open_dashboard(teacher, replica_b, code, created.key)
        expect(teacher.get_by_text(f"No answers yet: share the code {code}.")).to_be_visible()
        teacher.evaluate("window.__psoasNotReloaded = true")
        with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as phone:
            send_answers(phone, replica_a, code, TITLE, NAME, SIGN)

        rows = attendee_rows(teacher)
        expect(rows).to_have_count(1, timeout=DASHBOARD_DEADLINE_MS)

        assert replica_a != replica_b
        assert rows.inner_text().split(": ", 1)[1].strip() == row_line(NAME, SIGN)
        assert teacher.evaluate("window.__psoasNotReloaded === true")
        assert teacher.get_by_test_id("stException").count() == 0
