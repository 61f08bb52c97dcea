"""Run psoas-check as two (or more) replicas sharing one database, on this machine.

    python deploy/replicas.py                  # a throwaway PostgreSQL and two replicas
    python deploy/replicas.py --replicas 3     # three
    python deploy/replicas.py --db URL         # your own database instead of a throwaway

It starts a PostgreSQL cluster of its own in a temporary folder (Debian's ``postgresql``
package, listening only on a Unix socket there), then ``streamlit run streamlit_app.py``
once per replica, each on its own free loopback port, all with the same
``PSOAS_DATABASE_URL`` and the same cookie secret (``STREAMLIT_SERVER_COOKIE_SECRET``).
It prints every replica's address and waits; Ctrl-C stops the replicas and deletes the
database. There is no load balancer here: open one address per browser, as a balancer
with session affinity would keep each browser on one replica. ``deploy/compose.yaml``
shows the same shape with nginx in front, for a real deployment.

The servers are started with the browser tests' own ``serve`` (tests/browser/server.py)
and the database with the tests' own throwaway cluster (tests/postgres_cluster.py), so
what this script runs is what ``tests/browser/test_replicas.py`` proves.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "streamlit_app.py"
sys.path.insert(0, str(REPO_ROOT / "tests"))
import postgres_cluster  # noqa: E402
from browser.server import serve  # noqa: E402

__all__ = ["replica_env", "replicas", "throwaway_postgres"]

#: The environment variables every replica must share.
DATABASE_VAR = "PSOAS_DATABASE_URL"
COOKIE_VAR = "STREAMLIT_SERVER_COOKIE_SECRET"


def replica_env(
    database_url: str, cookie_secret: str, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """This process's environment (or ``base``) plus the database URL and cookie secret."""
    return {**(os.environ if base is None else base), DATABASE_VAR: database_url,
            COOKIE_VAR: cookie_secret}


@contextlib.contextmanager
def replicas(
    database_url: str, log_dir: Path, count: int = 2, cookie_secret: str | None = None
) -> Iterator[list[str]]:
    """Serve the app ``count`` times on one database; yield the replicas' URLs, then stop them.

    They start one after another, so the first applies the schema migrations while the
    others find them done (the store also takes a lock, so starting them together is safe).
    """
    env = replica_env(database_url, cookie_secret or secrets.token_hex(32))
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serve(APP, log_dir, env=env)) for _ in range(count)]


@contextlib.contextmanager
def throwaway_postgres(name: str = "psoas") -> Iterator[str]:
    """A fresh PostgreSQL cluster in a temporary folder; yields a database URL, then deletes it."""
    cluster = postgres_cluster.start()
    try:
        yield cluster.create_database(name)
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="how many servers (default 2)")
    parser.add_argument("--db", help="a database URL to share instead of a throwaway PostgreSQL")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.ExitStack() as stack:
        try:
            url = args.db or stack.enter_context(throwaway_postgres())
        except postgres_cluster.PostgresMissing as err:
            print(f"replicas.py: {err}", file=sys.stderr)
            return 2
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="psoas-replicas-")))
        print(f"database: {url}")
        addresses = stack.enter_context(replicas(url, logs, args.replicas))
        for number, address in enumerate(addresses, 1):
            print(f"replica {number}: {address}  (teacher page: {address}/workshop)")
        print(f"server logs: {logs}\nCtrl-C stops the replicas and deletes the database.")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
