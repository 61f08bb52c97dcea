"""No outbound request, ever: the server started as the README starts it, a walk through the
self-check and the roster page, and not one lookup or connection beyond this machine.

The server runs with ``tests/browser/netwatch`` on its PYTHONPATH, whose sitecustomize notes
every name lookup, connect and sendto that leaves loopback; the page's own requests are
watched by ``harness.isolated_page``. A control proves the watch sees the kind of request
Streamlit makes when ``browser.serverAddress`` is not set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import app_flow, harness
from .server import ServerFailed, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parents[2]
NETWATCH = Path(__file__).resolve().parent / "netwatch"
ROSTER = REPO_ROOT / "tests" / "data" / "roster" / "formula_names.csv"


def _watched_env(log: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETWATCH), env.get("PYTHONPATH")]))
    env["PSOAS_NET_LOG"] = str(log)
    return env


@pytest.fixture(scope="module")
def watched_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app as the README runs it (no --server.address, config.toml only), watched."""
    folder = tmp_path_factory.mktemp("netwatch")
    log = folder / "outbound.log"
    log.touch()
    try:
        with serve(
            REPO_ROOT / "streamlit_app.py", folder, 90.0, address=None, env=_watched_env(log)
        ) as url:
            yield url, log
    except ServerFailed as err:
        pytest.fail(str(err))


def test_netwatch__streamlit_external_ip_lookup__is_noted(tmp_path: Path) -> None:
    log = tmp_path / "outbound.log"
    script = (
        "from streamlit import net_util; net_util.get_external_ip(); net_util.get_internal_ip()"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        env=_watched_env(log),
        check=True,
        capture_output=True,
        timeout=60,
    )
    noted = log.read_text(encoding="utf-8")
    assert "checkip.amazonaws.com" in noted
    assert "8.8.8.8" in noted


def test_app__started_as_readme_and_walked__asks_nothing_beyond_loopback(
    browser: Browser, watched_server: tuple[str, Path], tmp_path: Path
) -> None:
    url, log = watched_server
    with harness.isolated_page(browser) as page:  # fails on any page request beyond loopback
        app_flow.open_app(page, url)
        app_flow.tick(page, "None of these apply to me")
        app_flow.press(page, "See my results")
        harness.wait_for_app(page)
        app_flow.download(page, "PDF", tmp_path)

        app_flow.open_app(page, url, "/roster")
        main = app_flow.main(page)
        main.get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(
            ROSTER
        )
        harness.wait_for_app(page)
        screen = main.get_by_role("button", name="Screen roster", exact=True)
        if screen.count():  # a roster whose every column is recognised may screen at once
            screen.click()
            harness.wait_for_app(page)
        main.get_by_text("most urgent first").first.wait_for()

        app_flow.open_app(page, url, "/how-suggestions-are-made")
        app_flow.open_app(page, url, "/about")

    assert log.read_text(encoding="utf-8") == ""
