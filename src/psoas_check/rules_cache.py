"""A JSON cache of the shipped rules, so that a command starts without YAML or validators.

Checking a rules folder in full (:mod:`psoas_check.rules_load`) parses every YAML file
and has pydantic validate each record: most of what ``assess`` used to cost.
:func:`cached_rules` keeps the outcome of a clean check as plain JSON (never pickle) and
rebuilds the records from it (:func:`psoas_check.records.build`), which checks nothing
again and imports no pydantic. Each condition is still parsed by the one parser the
loader uses.

The cache is only ever a copy of a check that passed:

- its key is a SHA-256 over every ``*.yaml`` file in the folder (names and contents, and
  the shipped warning signs when the folder has none of its own), the stat of every module
  of this package (as Python's own bytecode cache does) and of the pydantic,
  pydantic-core and PyYAML in use; any change to any of them means a full check, and a
  new cache;
- a file is written only after the rule set rebuilt from its very bytes compares equal
  to the rule set the full check produced, and atomically (a temporary file, renamed);
- a file that is damaged, from another key, or unreadable is ignored, never trusted;
- ``rules check`` and :func:`~psoas_check.rules.load_rules` never read it, so bad rules are
  refused with the same messages whatever the cache holds.

It lives in the user's cache folder (``$XDG_CACHE_HOME/psoas-check``, by default
``~/.cache/psoas-check``; ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows),
never in the project. ``PSOAS_CACHE_DIR`` names another folder, and set to an empty value
turns the cache off. When the folder cannot be written the rules are simply checked in
full each time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .conditions import parse_condition
from .records import build, to_json
from .rules import Rule, RuleSet, compiled
from .signs import SHIPPED, SIGNS_FILE, SignAdvice

__all__ = ["CACHE_ENV", "CACHE_FILE", "cache_dir", "cache_key", "cached_rules"]

#: Names the cache folder; an empty value turns the cache off.
CACHE_ENV = "PSOAS_CACHE_DIR"
CACHE_FILE = "rules.json"
#: Part of every key: a change to what is stored, or how, is a new key.
FORMAT = b"psoas-check rules cache 2\n"
_PACKAGE = Path(__file__).resolve().parent
#: What checks the files besides this package: a new install of any of them is a new key.
_CHECKERS = ("yaml", "pydantic", "pydantic_core")


def cache_dir() -> Path | None:
    """The folder the rules cache lives in, or None when it is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder to speak of: no cache
        return None
    if os.name == "nt":  # pragma: no cover - Windows
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "psoas-check"
    if sys.platform == "darwin":  # pragma: no cover - macOS
        return home / "Library" / "Caches" / "psoas-check"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"  # the spec ignores relative
    return base / "psoas-check"


def _stat_line(path: Path | str) -> bytes:
    info = os.stat(path)
    return f"{os.fspath(path)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode()


def cache_key(folder: Path) -> str | None:
    """The key of ``folder``'s rules as they are now, or None when a file cannot be read."""
    digest = hashlib.sha256(FORMAT)
    try:
        for name in _CHECKERS:  # found, not imported: the cache is read without pydantic
            spec = find_spec(name)
            if spec is not None and spec.origin:
                digest.update(_stat_line(spec.origin))
        with os.scandir(_PACKAGE) as entries:
            modules = sorted(entry.path for entry in entries if entry.name.endswith(".py"))
        for module in modules:
            digest.update(_stat_line(module))
        with os.scandir(folder) as entries:
            files = sorted(Path(entry.path) for entry in entries if entry.name.endswith(".yaml"))
        if not (folder / SIGNS_FILE).is_file():
            files.append(SHIPPED)  # the folder borrows the shipped warning signs
        for path in files:
            data = path.read_bytes()
            digest.update(f"{path.name}\0{len(data)}\0".encode() + data)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _payload(ruleset: RuleSet) -> dict[str, Any]:
    return {
        "catalog": to_json(ruleset.catalog),
        "rules": [{"file": rule.file, "rule": to_json(rule)} for rule in ruleset.rules],
        "signs": [to_json(sign) for sign in ruleset.signs.values()],
    }


def _ruleset(folder: Path, payload: dict[str, Any]) -> RuleSet:
    """The rule set stored in ``payload``; raises (KeyError, TypeError, ...) when damaged."""
    rules = []
    for item in payload["rules"]:
        rule = build(Rule, item["rule"])
        problems: list[tuple[str, str]] = []
        condition = parse_condition(rule.when, "when", problems)
        if condition is None or problems:
            raise ValueError(f"cached rule {rule.id} no longer parses")
        rules.append(compiled(rule, condition, str(item["file"])))
    signs = [build(SignAdvice, sign) for sign in payload["signs"]]
    catalog = build(Catalog, payload["catalog"])
    return RuleSet(folder, catalog, tuple(rules), {sign.id: sign for sign in signs})


def _read(path: Path, key: str) -> dict[str, Any] | None:
    """The payload stored under ``key``, or None (missing, another key, damaged)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header, _, body = raw.partition(b"\n")
    try:
        head = json.loads(header)
    except ValueError:
        return None
    if not isinstance(head, dict) or head.get("key") != key:
        return None
    if head.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _write(path: Path, key: str, folder: Path, ruleset: RuleSet) -> None:
    """Store ``ruleset`` under ``key``, if it rebuilds from the stored bytes exactly."""
    try:
        body = json.dumps(_payload(ruleset), ensure_ascii=False, allow_nan=False).encode()
        if _ruleset(folder, json.loads(body)) != ruleset:  # e.g. a YAML date, or 1: x keys
            return
    except (TypeError, ValueError, KeyError):
        return
    head = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    import tempfile  # only when writing: it imports more than the reading needs

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(head + b"\n" + body)
            os.replace(temporary, path)
        except OSError:
            os.unlink(temporary)
            raise
    except OSError:
        return  # a read-only or full disk: the rules are checked in full next time too


def cached_rules(folder: Path, load: Callable[[Path], RuleSet]) -> RuleSet:
    """``folder``'s rule set from the cache, or ``load(folder)`` (then cached) on a miss.

    ``load`` raises for bad rules exactly as it would without the cache: a folder is only
    ever cached after it loaded cleanly.
    """
    directory = cache_dir()
    key = cache_key(folder) if directory is not None else None
    if directory is None or key is None:
        return load(folder)
    path = directory / CACHE_FILE
    payload = _read(path, key)
    if payload is not None:
        try:
            return _ruleset(folder, payload)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged cache is rebuilt below
    ruleset = load(folder)
    if cache_key(folder) == key:  # unchanged while it loaded: the key describes what was read
        _write(path, key, folder, ruleset)
    return ruleset
