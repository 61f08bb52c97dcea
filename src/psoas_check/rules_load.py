"""Validating a rules folder read from YAML: every problem in every file, in one pass.

This is the slow, thorough path behind :func:`psoas_check.rules.check_rules` (and so
``rules check``, the app and ``load_rules``): each file is parsed, each rule validated by
its pydantic model, its condition parsed, and every reference checked against the
catalogue. :mod:`psoas_check.rules_cache` keeps the result of a clean pass so that the
command line need not repeat it while the files are unchanged.
"""

from __future__ import annotations

import dataclasses
import string
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .answers import FIELDS, suggest_name
from .catalog import CONTRACT_POSES, CONTRACT_SECTIONS, Catalog
from .conditions import parse_condition
from .errors import RuleProblem
from .records import field_names, field_types, validate
from .rules import CATALOG_FILE, DERIVED, Rule, RuleSet, compiled
from .signs import SIGNS_FILE, load_signs
from .values import quoted
from .yamlfile import read_yaml

__all__ = ["check_folder", "checked"]

Record = TypeVar("Record")


def _placeholder_problems(text: str) -> list[str]:
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        specs = [(spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name]
    except ValueError as err:
        return [f"has a stray brace ({err}); write {{{{ or }}}} for a literal brace"]
    problems = []
    for name in names:
        if name == "attendee":
            problems.append("placeholder {attendee} is not allowed: names stay out of rule texts")
        elif name not in FIELDS and name not in DERIVED:
            problems.append(f"placeholder {{{name}}} is not a field{suggest_name(name, FIELDS)}")
    if any(spec or conv for spec, conv in specs):
        problems.append("placeholders take no format spec or conversion; write {field} only")
    return problems


def checked(
    record: type[Record], data: Any, file: str, rule: str | None, problems: list[RuleProblem]
) -> Record | None:
    """``data`` read into ``record``, or None with every problem added to ``problems``."""
    try:
        return validate(record, data)
    except ValidationError as err:
        problems.extend(_problems(err, file, rule, record))
        return None


def _problems(
    err: ValidationError, file: str, rule: str | None, record: type[Any]
) -> list[RuleProblem]:
    """pydantic's complaints about ``record`` read from ``file``, in the loader's words."""
    found = []
    for item in err.errors():
        key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in item["loc"])
        key = key.lstrip(".")  # suggest.sections[0].reason, as the other problems write it
        message = item["msg"]
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            last = str(item["loc"][-1])
            holder = _record_at(record, item["loc"][:-1])
            known = list(field_names(holder)) if holder else []
            message = f"unknown key{suggest_name(last, known)}"
        elif item["type"] in ("missing", "missing_argument", "missing_keyword_argument"):
            message = "is required"
        elif item["type"] == "string_pattern_mismatch":
            message = (
                f"{quoted(item['input'])} must be lower-case letters and digits joined by "
                "single hyphens, e.g. `long-sitting`"
            )
        found.append(RuleProblem(file, rule, key, message))
    return found


def _record_at(record: Any, path: tuple[int | str, ...]) -> Any:
    """The record type found at ``path`` inside ``record`` (list positions stepped over)."""
    for part in path:
        if isinstance(part, int):
            continue
        hint = field_types(record).get(part)
        while typing.get_origin(hint) is list:
            (hint,) = typing.get_args(hint)
        if not dataclasses.is_dataclass(hint):
            return None
        record = hint
    return record


def _load_catalog(folder: Path, problems: list[RuleProblem]) -> Catalog | None:
    path = folder / CATALOG_FILE
    if not path.is_file():
        problems.append(RuleProblem(CATALOG_FILE, None, None, f"is missing from {folder}"))
        return None
    data = read_yaml(path, problems)
    if data is None:
        return None
    catalog = checked(Catalog, data, CATALOG_FILE, None, problems)
    if catalog is None:
        return None
    for kind, have, need in (
        ("section", catalog.section_ids, CONTRACT_SECTIONS),
        ("pose", catalog.pose_ids, CONTRACT_POSES),
    ):
        for missing in [i for i in need if i not in have]:
            problems.append(
                RuleProblem(CATALOG_FILE, None, kind + "s", f"{kind} `{missing}` is missing")
            )
        for twice in sorted({i for i in have if have.count(i) > 1}):
            problems.append(
                RuleProblem(CATALOG_FILE, None, kind + "s", f"{kind} `{twice}` appears twice")
            )
    for index, pose in enumerate(catalog.poses):
        for ref in pose.after:
            if ref not in catalog.pose_ids or ref == pose.id:
                hint = suggest_name(ref, catalog.pose_ids)
                problems.append(
                    RuleProblem(CATALOG_FILE, pose.id, f"poses[{index}].after",
                                f"`{ref}` is not another pose{hint}")
                )
    return catalog


def _check_refs(rule: Rule, file: str, catalog: Catalog, problems: list[RuleProblem]) -> None:
    sections, poses = catalog.section_ids, catalog.pose_ids

    def ref(key: str, value: str, known: list[str], kind: str) -> None:
        if value not in known:
            problems.append(
                RuleProblem(
                    file, rule.id, key, f"unknown {kind} `{value}`{suggest_name(value, known)}"
                )
            )

    for i, pointer in enumerate(rule.suggest.sections):
        ref(f"suggest.sections[{i}].id", pointer.id, sections, "section")
    for i, pointer in enumerate(rule.suggest.poses):
        ref(f"suggest.poses[{i}].id", pointer.id, poses, "pose")
    for i, caution in enumerate(rule.cautions):
        ref(f"cautions[{i}].pose", caution.pose, poses, "pose")
    ref("source.section", rule.source.section, sections + poses, "section or pose")
    if not (rule.suggest.sections or rule.suggest.poses or rule.cautions):
        problems.append(
            RuleProblem(file, rule.id, "suggest", "suggests nothing and cautions nothing")
        )
    texts = [
        (f"suggest.sections[{i}].reason", p.reason) for i, p in enumerate(rule.suggest.sections)
    ]
    texts += [(f"suggest.poses[{i}].reason", p.reason) for i, p in enumerate(rule.suggest.poses)]
    texts += [(f"cautions[{i}].text", c.text) for i, c in enumerate(rule.cautions)]
    for key, text in texts:
        problems.extend(RuleProblem(file, rule.id, key, m) for m in _placeholder_problems(text))


def _load_rule_file(
    path: Path, catalog: Catalog | None, seen: dict[str, str], problems: list[RuleProblem]
) -> list[Rule]:
    file = path.name
    data = read_yaml(path, problems)
    if data is None:
        if not problems or problems[-1].file != file:
            problems.append(
                RuleProblem(file, None, None, "is empty; expected a mapping with `rules:`")
            )
        return []
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        problems.append(
            RuleProblem(file, None, None, "must be a mapping with one key, `rules`, holding a list")
        )
        return []
    rules = []
    for index, raw in enumerate(data["rules"]):
        rule_id = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{index + 1}"
        if not isinstance(raw, dict):
            problems.append(RuleProblem(file, rule_id, None, "must be a mapping"))
            continue
        rule = checked(Rule, raw, file, rule_id, problems)
        if rule is None:
            if isinstance(raw.get("when"), dict):  # still report problems in the condition
                early: list[tuple[str, str]] = []
                parse_condition(raw["when"], "when", early)
                problems.extend(RuleProblem(file, rule_id, k, m) for k, m in early)
            continue
        if rule.id in seen:
            problems.append(
                RuleProblem(file, rule.id, "id", f"duplicate rule id (first in {seen[rule.id]})")
            )
        seen.setdefault(rule.id, file)
        found: list[tuple[str, str]] = []
        condition = parse_condition(rule.when, "when", found)
        problems.extend(RuleProblem(file, rule.id, k, m) for k, m in found)
        if catalog is not None:
            _check_refs(rule, file, catalog, problems)
        rules.append(compiled(rule, condition, file))
    return rules


def check_folder(root: Path) -> tuple[RuleSet | None, list[RuleProblem]]:
    """Load and validate the rules folder ``root``: the rule set (if usable) and every problem."""
    problems: list[RuleProblem] = []
    if not root.is_dir():
        return None, [RuleProblem(str(root), None, None, "is not a folder of rules")]
    catalog = _load_catalog(root, problems)
    seen: dict[str, str] = {}
    rules: list[Rule] = []
    signs = load_signs(root, problems)
    files = sorted(p for p in root.glob("*.yaml") if p.name not in (CATALOG_FILE, SIGNS_FILE))
    if not files:
        problems.append(
            RuleProblem(str(root), None, None, "holds no rule files (*.yaml besides catalog.yaml)")
        )
    for path in files:
        rules.extend(_load_rule_file(path, catalog, seen, problems))
    if problems or catalog is None or signs is None:
        return None, problems
    return RuleSet(root, catalog, tuple(rules), signs), []
