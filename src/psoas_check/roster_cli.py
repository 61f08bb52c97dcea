"""Command-line ``screen`` and ``template`` (filled in by the roster work)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_commands"]


def add_commands(sub: Any) -> None:
    """Register the roster sub-commands on the main parser."""
    del sub


def _unused(args: argparse.Namespace) -> int:  # pragma: no cover - placeholder until roster lands
    return 0
