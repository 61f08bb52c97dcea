"""Serving the app for real: ``streamlit run`` on a free loopback port, and Chromium's flags.

Shared by the browser tests' fixtures and by the benchmarks and load test, so every one
of them starts the app and the browser the same way.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ServerFailed", "free_loopback_port", "serve"]

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, as root, with Chrome's own phoning home switched off: this machine's closed
#: network refuses those connections, many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerFailed(RuntimeError):
    """The server exited or did not answer its health check in time (the log's tail says why)."""


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
            body: bytes = response.read()
            return body.decode("utf-8", "replace").strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


@contextlib.contextmanager
def serve(
    script: Path,
    log_dir: Path,
    timeout_s: float = 60.0,
    *,
    address: str | None = "127.0.0.1",
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run ``streamlit run SCRIPT`` from the repository root (so the project's
    .streamlit/config.toml applies), wait for ``/_stcore/health``, yield the URL, stop it.

    ``address=None`` starts it as the README does, on every interface (the port is still a
    free loopback one); ``env`` replaces the server's environment.
    """
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
    ]  # fmt: skip
    if address is not None:
        command += ["--server.address", address, "--browser.gatherUsageStats", "false"]
    log = log_dir / f"streamlit-{script.stem}-{port}.log"
    # Output goes to a file, not a pipe: a chatty server can never fill a pipe and stall,
    # and nothing is left open for a ResourceWarning.
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    try:
        deadline = time.monotonic() + timeout_s
        while not _is_healthy(url):
            if process.poll() is not None:
                raise ServerFailed(
                    f"streamlit exited with code {process.returncode} before serving {script}."
                    f"\n--- log ---\n{_tail(log)}"
                )
            if time.monotonic() > deadline:
                raise ServerFailed(
                    f"streamlit did not answer {url}/_stcore/health within {timeout_s:.0f} s."
                    f"\n--- log ---\n{_tail(log)}"
                )
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
