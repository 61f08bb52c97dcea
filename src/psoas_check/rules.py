"""Rules as data: the model, the loader, validation at load, and plain-English rendering.

A rules folder holds ``catalog.yaml`` (sections and poses) and any number of other
``*.yaml`` files, each a mapping with one key, ``rules``, listing rules like::

    - id: long-sitting
      title: Long days of sitting with few breaks
      factor: Sitting and movement
      when:
        all:
          - {field: sitting_hours, op: ">=", value: 6}
          - {field: stretch_breaks, op: in, value: [rarely]}
      suggest:
        sections: [{id: back-pain, reason: "..."}]
        poses: [{id: constructive-rest, reason: "..."}]
      cautions: [{pose: seated-poses, text: "..."}]
      source: {section: back-pain, note: "The 6-hour line is our design choice ..."}
      evidence: "Baradaran Mahdavi et al., 2021 ..."

Every problem in every file is collected in one pass and raised together as a
:class:`~psoas_check.errors.RulesError`.

Example::

    >>> ruleset = load_rules()          # the shipped rules/ folder
    >>> print(ruleset.rules[0].explain())
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .answers import FIELDS, Answers, format_value, suggest_name
from .catalog import CONTRACT_POSES, CONTRACT_SECTIONS, Catalog
from .conditions import Condition, parse_condition
from .errors import RuleProblem, RulesError
from .signs import SIGNS_FILE, SignAdvice, load_signs
from .values import quoted
from .yamlfile import read_yaml

__all__ = [
    "DEFAULT_RULES_DIR",
    "DERIVED",
    "Derived",
    "Rule",
    "RuleSet",
    "check_rules",
    "default_rules",
    "describe",
    "fill",
    "load_rules",
]

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
CATALOG_FILE = "catalog.yaml"


@dataclass(frozen=True)
class Derived:
    """A value a rule text may quote that fixed code works out from one answer."""

    source: str  # the field it is worked out from
    words: str  # how the rules page and `rules explain` name it
    compute: Callable[[float], float]


#: Values a rule's text may quote besides the answers themselves.
DERIVED = {
    # The page's rule of thumb: every 10 lb around the belly is about 30 lb on the low back.
    "page_low_back_load_lb": Derived(
        "abdominal_excess_lb", "[three times your belly estimate]", lambda pounds: pounds * 3
    ),
}

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Pointer(BaseModel):
    """A suggested section or pose, with a short reason in plain words."""

    model_config = _STRICT
    id: str
    reason: str = Field(min_length=1)


class Suggest(BaseModel):
    model_config = _STRICT
    sections: list[Pointer] = Field(default_factory=list)
    poses: list[Pointer] = Field(default_factory=list)


class CautionSpec(BaseModel):
    """A caution for one pose, shown to the people this rule fires for."""

    model_config = _STRICT
    pose: str
    text: str = Field(min_length=1)


class Source(BaseModel):
    """Where on the page a rule rests, and a note on any threshold we chose ourselves."""

    model_config = _STRICT
    section: str
    note: str | None = None


class Rule(BaseModel):
    """One transparent rule: when it fires, what it suggests, and where it comes from."""

    model_config = _STRICT

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    factor: str = Field(min_length=1)
    when: dict[str, Any]
    suggest: Suggest = Field(default_factory=Suggest)
    cautions: list[CautionSpec] = Field(default_factory=list)
    source: Source
    evidence: str | None = None
    _condition: Condition | None = PrivateAttr(default=None)
    _file: str = PrivateAttr(default="")

    @property
    def condition(self) -> Condition:
        assert self._condition is not None, "rules are built by load_rules"
        return self._condition

    @property
    def file(self) -> str:
        return self._file

    def fires(self, answers: Answers) -> bool:
        """Whether every answer the condition needs is given and the condition holds."""
        return self.condition.evaluate(answers) is True

    def sentence(self) -> str:
        """The condition in plain English, e.g. "“Hours sitting …” is 6 hours or more"."""
        return self.condition.render()

    def explain(self) -> str:
        """The whole rule in plain English, as the rules page and `rules explain` show it."""
        lines = [f"{self.title} [{self.id}]", f"  When {self.sentence()}:"]
        lines += [f"  - read section {p.id}: {describe(p.reason)}" for p in self.suggest.sections]
        lines += [f"  - try pose {p.id}: {describe(p.reason)}" for p in self.suggest.poses]
        lines += [f"  - caution for {c.pose}: {describe(c.text)}" for c in self.cautions]
        lines.append(f"  Source: the page's {self.source.section} section.")
        if self.source.note:
            lines.append(f"  Note: {self.source.note}")
        if self.evidence:
            lines.append(f"  Evidence: {self.evidence}")
        return "\n".join(lines)


@dataclass(frozen=True)
class RuleSet:
    """A validated catalogue, its rules in file then list order, and the warning signs."""

    folder: Path
    catalog: Catalog
    rules: tuple[Rule, ...]
    signs: dict[str, SignAdvice]

    def explain(self) -> str:
        return "\n\n".join(rule.explain() for rule in self.rules)

    def by_factor(self) -> dict[str, list[Rule]]:
        groups: dict[str, list[Rule]] = {}
        for rule in self.rules:
            groups.setdefault(rule.factor, []).append(rule)
        return groups


def describe(text: str) -> str:
    """A rule text for readers of the rules themselves: placeholders named in words."""
    words = {
        name: f"[your {spec.label[0].lower()}{spec.label[1:]}]" for name, spec in FIELDS.items()
    }
    words.update({name: derived.words for name, derived in DERIVED.items()})
    try:
        return text.format_map(words)
    except (KeyError, ValueError, IndexError, AttributeError):
        return text


def fill(text: str, answers: Answers) -> str:
    """Put a person's answers into a rule text's ``{field}`` placeholders."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return text.format_map({name: _quoted_answer(name, answers) for name in names})


def _quoted_answer(name: str, answers: Answers) -> str:
    """One placeholder's text: a bare number (the rule text says the unit), else words."""
    derived = DERIVED.get(name)
    if derived is not None:
        source = getattr(answers, derived.source)
        return "unknown" if source is None else f"{derived.compute(source):g}"
    value = getattr(answers, name, None)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:g}"
    return format_value(name, value)


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


def _pydantic_problems(
    err: ValidationError, file: str, rule: str | None, model: type[BaseModel]
) -> list[RuleProblem]:
    found = []
    for item in err.errors():
        key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in item["loc"])
        key = key.lstrip(".")  # suggest.sections[0].reason, as the other problems write it
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            last = str(item["loc"][-1])
            known = list(model.model_fields) if len(item["loc"]) == 1 else []
            known = known or [
                "id",
                "reason",
                "pose",
                "text",
                "section",
                "note",
                "sections",
                "poses",
            ]
            message = f"unknown key{suggest_name(last, known)}"
        elif item["type"] == "missing":
            message = "is required"
        elif item["type"] == "string_pattern_mismatch":
            message = (
                f"{quoted(item['input'])} must be lower-case letters and digits joined by "
                "single hyphens, e.g. `long-sitting`"
            )
        found.append(RuleProblem(file, rule, key, message))
    return found


def _load_catalog(folder: Path, problems: list[RuleProblem]) -> Catalog | None:
    path = folder / CATALOG_FILE
    if not path.is_file():
        problems.append(RuleProblem(CATALOG_FILE, None, None, f"is missing from {folder}"))
        return None
    data = read_yaml(path, problems)
    if data is None:
        return None
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as err:
        problems.extend(_pydantic_problems(err, CATALOG_FILE, None, Catalog))
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
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as err:
            problems.extend(_pydantic_problems(err, file, rule_id, Rule))
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
        rule._condition, rule._file = condition, file
        rules.append(rule)
    return rules


def check_rules(folder: Path | str | None = None) -> tuple[RuleSet | None, list[RuleProblem]]:
    """Load and validate a rules folder, returning the rule set (if usable) and every problem."""
    root = Path(folder) if folder is not None else DEFAULT_RULES_DIR
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


def load_rules(folder: Path | str | None = None) -> RuleSet:
    """Load a rules folder, raising :class:`RulesError` listing every problem found."""
    ruleset, problems = check_rules(folder)
    if ruleset is None:
        raise RulesError(problems)
    return ruleset


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rule set, loaded once per process (it is read-only)."""
    return load_rules(DEFAULT_RULES_DIR)
