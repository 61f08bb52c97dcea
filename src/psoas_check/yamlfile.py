"""Reading a rules folder's YAML files safely: bounded in size, depth and expansion.

Rule files are written by people and may come from anyone, so a file is refused, with a
problem naming it, when it is over 1 MB, nested deeper than any rule needs, uses YAML
aliases (a 1 kB "billion laughs" file would expand into billions of conditions), or
holds a number too long to read. Nothing here raises: every refusal is a
:class:`~psoas_check.errors.RuleProblem`.

PyYAML is imported on first use, not with this module: importing it compiles dozens of
regular expressions, and a command that takes its rules from the cache never needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RuleProblem

__all__ = ["MAX_RULE_DEPTH", "MAX_RULE_FILE_BYTES", "read_yaml"]

MAX_RULE_FILE_BYTES = 1_000_000  # the shipped files are ~20 kB; a rule file is read by people


class _AliasRefused(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("alias")
        self.problem_mark = mark


#: Nesting deeper than any rule needs (a rule is ~6 levels deep) is refused.
MAX_RULE_DEPTH = 64
#: The parser to use; None means libyaml's when PyYAML has it (it ships in the wheels,
#: ~10x faster than Python's), looked up on first use.
_LOADER: Any = None


def _fast_loader() -> Any:
    import yaml

    return _LOADER or getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_with(text: str, loader: Any) -> Any:
    """safe_load without ``*alias``: a 1 kB file of nested aliases (a "billion laughs")
    would otherwise expand into billions of conditions for the validator to walk. The
    events are scanned for aliases and depth first, so nothing is ever expanded and no
    composer recurses deeper than :data:`MAX_RULE_DEPTH`."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise _AliasRefused(event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_RULE_DEPTH:  # libyaml's composer recurses in C: stop it first
                raise RecursionError(depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, aliases refused


def _load_yaml_text(text: str) -> Any:
    """The file's data through libyaml, or, when libyaml refuses it, through Python's parser.

    libyaml has limits of its own that depend on the build: the libyaml 0.2.6 in PyYAML
    6.0.4's wheels stops at 1,000 levels of nesting in its scanner, which reads ahead of
    the events, so a 5,000-deep file fails there as a syntax error before the depth count
    above sees level 65 (0.2.5, in 6.0.3's wheels, has no limit). Rather than match its
    error text, a file libyaml refuses is read again by the pure-Python parser, which has
    no such limits: every refusal is then Python's, the same on every build. The second
    read happens only for files that are refused anyway, at most 1 MB.
    """
    import yaml

    loader = _fast_loader()
    try:
        return _load_with(text, loader)
    except _AliasRefused:
        raise
    except yaml.YAMLError:
        if loader is yaml.SafeLoader:
            raise
    return _load_with(text, yaml.SafeLoader)


def read_yaml(path: Path, problems: list[RuleProblem]) -> Any:
    """A rule or catalogue file's data, or None with the reason added to ``problems``."""
    import yaml

    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            problems.append(
                RuleProblem(
                    path.name, None, None, f"is larger than {MAX_RULE_FILE_BYTES:,} bytes; split it"
                )
            )
            return None
        return _load_yaml_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        problems.append(RuleProblem(path.name, None, None, f"cannot be read ({err})"))
    except RecursionError:
        problems.append(RuleProblem(path.name, None, None, "is nested too deeply to be rules"))
    except _AliasRefused as err:
        line = err.problem_mark.line + 1
        problems.append(
            RuleProblem(
                path.name,
                None,
                None,
                f"uses a YAML alias (*name) at line {line}; write each value out in full",
            )
        )
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problems.append(RuleProblem(path.name, None, None, f"is not valid YAML{where}"))
    except ValueError:  # PyYAML reads an integer of over 4,300 digits with int()
        problems.append(RuleProblem(path.name, None, None, "holds a number too long to read"))
    return None
