"""The child side of :mod:`psoas_check.worker`: limit itself, run one job, answer.

Runs in a process forked from the worker's helper (at the helper's lowered priority),
with its own connection to the app server. It tells the server its process id (so the
server can kill it on time out), caps its memory and time, calls the target and sends back
``(kind, value)``: ``ok`` and the result, ``input`` and an ``InputError``'s message,
``memory``, or ``error`` and the type and message of anything else.
"""

from __future__ import annotations

import importlib
import math
import os
import resource
import signal
from multiprocessing.connection import Connection
from typing import Any

from .errors import InputError

__all__ = ["run_job"]


def run_job(connection: Connection) -> None:
    """Receive ``(target, args, memory_mib, timeout_s)``, run it, send the outcome back."""
    try:
        target, args, memory_mib, timeout_s = connection.recv()
        connection.send(("pid", os.getpid()))
        result = _call(target, args, memory_mib, timeout_s)
        try:
            connection.send(result)
        except MemoryError:  # sending pickles a copy of the result first
            connection.send(("memory", None))
    except (EOFError, OSError):  # the server gave up on us: nobody to answer
        pass
    finally:
        connection.close()


def _call(target: str, args: tuple[Any, ...], memory_mib: int, timeout_s: float) -> tuple[str, Any]:
    try:
        _limit(memory_mib, timeout_s)
        module_name, _, function_name = target.partition(":")
        function = getattr(importlib.import_module(module_name), function_name)
        return ("ok", function(*args))
    except InputError as err:
        return ("input", str(err))
    except MemoryError:
        return ("memory", None)
    except Exception as err:  # handed to the server, which raises it there
        return ("error", f"{type(err).__name__}: {err}")


def _limit(memory_mib: int, timeout_s: float) -> None:
    """Cap this process's memory growth and its time (its priority is the helper's)."""
    cap = _address_space() + memory_mib * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    # The server kills us at the time limit; should it be gone, the alarm's default
    # action ends us a moment later, and the CPU limit catches anything else.
    signal.alarm(math.ceil(timeout_s) + 1)
    seconds = math.ceil(timeout_s) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def _address_space() -> int:
    """This process's current virtual size in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        return pages * resource.getpagesize()
    except OSError:  # no /proc (macOS): count from the peak resident size instead
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
