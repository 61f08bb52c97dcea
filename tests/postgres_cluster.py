"""A throwaway PostgreSQL server for tests: its own cluster in a temporary folder.

Debian's server binaries (``initdb``, ``pg_ctl``, ``createdb``, ``pg_dump``) are found
under ``/usr/lib/postgresql/*/bin``. The server listens only on a Unix socket inside the
cluster's folder (``listen_addresses=''``), so it needs no port and nothing outside can
reach it. PostgreSQL refuses to run as root, so as root every command runs as the
``postgres`` user through ``runuser``. :func:`start` returns a :class:`Cluster`; call
``stop()`` (the ``postgres_cluster`` fixture in ``tests/conftest.py`` does).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Cluster", "PostgresMissing", "find_bin", "start"]

HINT = "install Debian's server with: apt-get install -y postgresql"


class PostgresMissing(RuntimeError):
    """The server binaries (or the ``postgres`` user, when running as root) are missing."""


def find_bin() -> Path:
    """The newest ``/usr/lib/postgresql/N/bin`` holding initdb and pg_ctl."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = [d for d in found if (d / "pg_ctl").is_file()]
    if not found:
        raise PostgresMissing(f"no PostgreSQL server under /usr/lib/postgresql/*/bin; {HINT}")
    return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)


def _as_owner() -> list[str]:
    """The command prefix that runs a server tool as a non-root user."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresMissing(f"running as root but there is no `postgres` user; {HINT}") from None
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class Cluster:
    """A running server: its folder, socket folder and binaries."""

    root: Path
    bindir: Path
    prefix: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def run(self, tool: str, *args: str) -> str:
        """Run a server tool as the cluster's owner; returns its standard output."""
        done = subprocess.run([*self.prefix, str(self.bindir / tool), *args],
                              capture_output=True, text=True, check=False, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def create_database(self, name: str) -> str:
        """Create a database; returns its SQLAlchemy URL (psycopg 3 over the socket)."""
        self.run("createdb", "-h", str(self.socket_dir), "-U", "postgres", name)
        return self.url(name)

    def url(self, name: str = "postgres") -> str:
        """The SQLAlchemy URL of database ``name``."""
        return f"postgresql+psycopg://postgres@/{name}?host={self.socket_dir}"

    def dump(self, name: str) -> str:
        """``pg_dump`` of a database: its whole schema and data as SQL text."""
        return self.run("pg_dump", "-h", str(self.socket_dir), "-U", "postgres", name)

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start() -> Cluster:
    """Create and start a fresh cluster; raises :class:`PostgresMissing` without binaries."""
    bindir = find_bin()
    prefix = _as_owner()
    # Not pytest's tmp_path: that folder is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="psoas-pg-"))
    (root / "socket").mkdir()
    if prefix:
        entry = pwd.getpwnam("postgres")
        for path in (root, root / "socket"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(root, bindir, prefix)
    try:
        cluster.run("initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync")
        options = (f"-k {cluster.socket_dir} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        cluster.run("pg_ctl", "-D", str(cluster.data), "-o", options, "-l",
                    str(root / "server.log"), "-w", "-t", "60", "start")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
