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

Every problem in every file is collected in one pass (:mod:`psoas_check.rules_load`) and
raised together as a :class:`~psoas_check.errors.RulesError`. The shipped rules, once
validated, are kept in a JSON cache (:mod:`psoas_check.rules_cache`), so the command line
and the app start without parsing YAML or building the rule models' validators.

Example::

    >>> ruleset = load_rules()          # the shipped rules/ folder
    >>> print(ruleset.rules[0].explain())
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import FIELDS, Answers, format_value
from .catalog import Catalog
from .conditions import Condition
from .errors import RuleProblem, RulesError
from .records import ID, STRICT, NonEmpty
from .signs import SignAdvice

__all__ = [
    "DEFAULT_RULES_DIR",
    "DERIVED",
    "Derived",
    "Rule",
    "RuleSet",
    "check_rules",
    "compiled",
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

# Plain records (see records.py): pydantic checks them when a rules folder is read
# (rules_load); the rules cache rebuilds them without checking again.


@dataclass(frozen=True)
class Pointer:
    """A suggested section or pose, with a short reason in plain words."""

    __pydantic_config__ = STRICT
    id: str
    reason: NonEmpty


@dataclass(frozen=True)
class Suggest:
    __pydantic_config__ = STRICT
    sections: list[Pointer] = field(default_factory=list)
    poses: list[Pointer] = field(default_factory=list)


@dataclass(frozen=True)
class CautionSpec:
    """A caution for one pose, shown to the people this rule fires for."""

    __pydantic_config__ = STRICT
    pose: str
    text: NonEmpty


@dataclass(frozen=True)
class Source:
    """Where on the page a rule rests, and a note on any threshold we chose ourselves."""

    __pydantic_config__ = STRICT
    section: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One transparent rule: when it fires, what it suggests, and where it comes from."""

    __pydantic_config__ = STRICT

    id: ID
    title: NonEmpty
    factor: NonEmpty
    when: dict[str, Any]
    suggest: Suggest = field(default_factory=Suggest)
    cautions: list[CautionSpec] = field(default_factory=list)
    source: Source
    evidence: str | None = None
    # Attached by the loader or the cache (compiled), never read from a file.
    _condition: Condition | None = field(default=None, init=False, repr=False)
    _file: str = field(default="", init=False, repr=False)

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


def compiled(rule: Rule, condition: Condition | None, file: str) -> Rule:
    """``rule`` with its parsed condition and file name attached (by the loader or the cache)."""
    object.__setattr__(rule, "_condition", condition)  # frozen for everyone else
    object.__setattr__(rule, "_file", file)
    return rule


def check_rules(folder: Path | str | None = None) -> tuple[RuleSet | None, list[RuleProblem]]:
    """Load and validate a rules folder, returning the rule set (if usable) and every problem.

    Always the full check of every file (never the cache): ``rules check`` and the app's
    refusals of bad rules come from here.
    """
    from .rules_load import check_folder  # the YAML parser loads only when rules are read

    return check_folder(Path(folder) if folder is not None else DEFAULT_RULES_DIR)


def load_rules(folder: Path | str | None = None) -> RuleSet:
    """Load a rules folder, raising :class:`RulesError` listing every problem found."""
    ruleset, problems = check_rules(folder)
    if ruleset is None:
        raise RulesError(problems)
    return ruleset


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rule set, loaded once per process (it is read-only).

    Read from the rules cache when the files and the code that checks them are unchanged
    since they last passed :func:`load_rules`; otherwise loaded in full (raising
    :class:`RulesError` as it does) and cached for next time.
    """
    from .rules_cache import cached_rules

    return cached_rules(DEFAULT_RULES_DIR, load_rules)
