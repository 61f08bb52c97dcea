"""Run a costly reader in a child process, with a memory cap and a time limit.

The app server runs every visitor's session in one process. Reading an uploaded
spreadsheet there lets one hostile or merely huge file take the memory and the CPU that
every other session needs. :func:`run_bounded` calls a function named by module path in a
child process instead, and gives back its return value or raises
:class:`~psoas_check.errors.InputError` with one sentence::

    sheet = run_bounded("psoas_check.readers:read_bytes", "roster.csv", data, None)

How: on first use the server starts one small helper, ``python -m psoas_check.worker``,
which imports the reader's module once and then forks a fresh child for every read (so a
read costs a fork, not an interpreter start; the helper runs no threads, so forking it is
safe where forking the server would not be). Each child

- may take at most ``memory_mib`` MiB of address space beyond what it started with
  (``RLIMIT_AS``), and runs, like the helper, at a lower CPU priority than the server;
- is killed once ``timeout_s`` seconds have passed, by the server or, should the server
  be gone, by its own alarm (``RLIMIT_CPU`` backs both up);
- is one of at most :data:`MAX_CHILDREN` at a time, so a burst of uploads cannot multiply
  the memory cap past what the machine has.

Arguments and results cross the process boundary by pickling between this module's own
processes, over a socket in a folder only this user can open; they must be plain data
(the readers' ``Sheet`` is). The helper exits when the server does. Where there is no
``fork`` or Unix socket (Windows), the function is called in the server process as before,
unbounded. Nothing here imports Streamlit or pandas.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = [
    "ISOLATED", "MAX_CHILDREN", "MEMORY_MIB", "TIMEOUT_S", "run_bounded",
]

#: Modules the helper imports (and warms, calling their ``warm()``) before forking.
PRELOAD = ("psoas_check.readers", "psoas_check.roster_job")
#: What one read may take: MiB of memory beyond the reader's own code, and seconds.
MEMORY_MIB = 500
TIMEOUT_S = 10.0
#: Reads running at once; more wait their turn (within their own time limit).
MAX_CHILDREN = max(1, min(4, os.cpu_count() or 1))
#: How much kinder to other work the helper and its children are than the server.
NICENESS = 10
#: How long the helper may take to start (it imports pandas once).
START_TIMEOUT_S = 60.0
# One thread per BLAS/OpenMP pool: the helper must stay single-threaded to fork safely.
_HELPER_ENV = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                      "MKL_NUM_THREADS")}
# pyarrow's default allocator (mimalloc) reserves about a gigabyte of address space on first
# use, which the children's cap (RLIMIT_AS) counts as if it were used: the plain one instead.
_HELPER_ENV["ARROW_DEFAULT_MEMORY_POOL"] = "system"

#: Whether reads can be isolated here (fork and Unix sockets: Linux, macOS, BSD).
ISOLATED = hasattr(os, "fork") and hasattr(socket, "AF_UNIX")

_slots = threading.BoundedSemaphore(MAX_CHILDREN)
_lock = threading.Lock()
_helper: dict[str, Any] = {}


def run_bounded(
    target: str,
    *args: Any,
    label: str = "The file",
    timeout_s: float = TIMEOUT_S,
    memory_mib: int = MEMORY_MIB,
    action: str = "read",
    advice: str = "split it into smaller files or save it as CSV",
) -> Any:
    """Call ``target`` (``"package.module:function"``) with ``args`` in a bounded child.

    Returns what it returns. An :class:`InputError` raised by it is raised here with the
    same message; running out of memory or time, or the child dying, becomes an
    :class:`InputError` of one sentence naming ``label``, what it needed to ``action``
    ("read", "screen") and the ``advice``. Any other exception is raised again as a
    ``RuntimeError`` carrying its type and message.
    """
    if not ISOLATED:
        module_name, _, function_name = target.partition(":")
        return getattr(importlib.import_module(module_name), function_name)(*args)
    if not _slots.acquire(timeout=timeout_s):
        raise InputError(
            f"{label}: the server is busy reading other files; please try again in a minute"
        )
    try:
        kind, value = _exchange(target, args, timeout_s, memory_mib)
    finally:
        _slots.release()
    if kind == "ok":
        return value
    if kind == "input":
        raise InputError(value)
    if kind == "error":
        raise RuntimeError(value)
    if kind == "memory":
        why = f"needs more than {memory_mib} MiB of memory to {action}"
    elif kind == "timeout":
        why = f"took longer than {timeout_s:g} seconds to {action}"
    else:
        why = f"stopped the {'reader' if action == 'read' else 'worker'} unexpectedly"
    raise InputError(f"{label}: {why}, so it was left out; {advice}")


def _exchange(
    target: str, args: tuple[Any, ...], timeout_s: float, memory_mib: int
) -> tuple[str, Any]:
    """Send one job to a fresh child and wait ``timeout_s`` for its answer."""
    connection = _connect(target.partition(":")[0])
    # Counted from here: starting the helper (once per server) is not the file's doing.
    deadline = time.monotonic() + timeout_s
    pid = None
    try:
        connection.send((target, args, memory_mib, timeout_s))
        while True:
            if not connection.poll(max(0.0, deadline - time.monotonic())):
                if pid is not None:  # still running (it would have closed the socket)
                    os.kill(pid, signal.SIGKILL)
                return ("timeout", None)
            kind, value = connection.recv()
            if kind != "pid":
                return kind, value
            pid = value
    except (EOFError, OSError):
        return ("died", None)
    finally:
        connection.close()


def _connect(module: str) -> Connection:
    """A connection to a fresh child of the helper, starting the helper if need be."""
    for attempt in range(2):
        address = _ensure_helper(module, restart=attempt > 0)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(address)
        except OSError:
            sock.close()
            continue
        return Connection(sock.detach())
    raise InputError("The file reader could not be started on the server; please try again")


def _ensure_helper(module: str, restart: bool) -> str:
    with _lock:
        process = _helper.get("process")
        if process is not None and process.poll() is None and not restart:
            return str(_helper["address"])
        if process is not None:
            _stop()
        folder = tempfile.mkdtemp(prefix="psoas-worker-")  # mode 0700: this user only
        address = str(Path(folder) / "socket")
        preload = list(dict.fromkeys([*PRELOAD, module]))
        config = {"address": address, "preload": preload, "sys_path": sys.path}
        process = subprocess.Popen(
            [sys.executable, "-m", "psoas_check.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, **_HELPER_ENV},
        )
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(json.dumps(config).encode("utf-8") + b"\n")
        process.stdin.flush()  # stdin stays open: the helper exits when it closes
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_S)
        if not ready or process.stdout.readline().strip() != b"ready":
            process.kill()
            raise InputError("The file reader could not be started on the server; please "
                             "try again")
        _helper.update(process=process, address=address, folder=folder)
        return address


def _stop() -> None:
    """Stop the helper (its stdin closing ends it) and remove its socket folder."""
    process = _helper.pop("process", None)
    if process is not None:
        process.stdin.close()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
    folder = _helper.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(lambda: _stop() if _helper else None)


def _serve() -> None:
    """The helper: import the reader, then fork a child per connection until stdin closes."""
    from .worker_child import run_job  # here, not at the top: it needs Unix-only modules

    os.nice(NICENESS)  # importing and reading yield the CPU to the server's sessions
    config = json.loads(sys.stdin.buffer.readline())
    sys.path[:] = config["sys_path"]
    for module in config["preload"]:
        warm = getattr(importlib.import_module(module), "warm", None)
        if warm is not None:  # e.g. load the rules once, not in every child
            # Only a head start: should it fail, a child doing it again says what failed.
            with contextlib.suppress(Exception):
                warm()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(config["address"])
    listener.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    # Nobody reads our stdout after this: a reader printing a lot must not fill the pipe.
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in readable:  # the server is gone (or stopped us): tidy up, end
            listener.close()
            Path(config["address"]).unlink(missing_ok=True)
            Path(config["address"]).parent.rmdir()
            return
        sock, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            run_job(Connection(sock.detach()))
            os._exit(0)
        sock.close()


if __name__ == "__main__":
    _serve()
