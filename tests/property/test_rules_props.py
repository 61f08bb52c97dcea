"""Properties of the rules loader: any file is problems, never an exception.

Each example writes one rule file, ``fuzz.yaml``, beside a copy of the shipped
``rules/catalog.yaml`` and runs :func:`check_rules` on the folder.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import Answers
from psoas_check.assess import assess
from psoas_check.errors import RuleProblem
from psoas_check.operators import OPERATORS
from psoas_check.rules import DEFAULT_RULES_DIR, check_rules
from psoas_check.values import normalise

FILE = "fuzz.yaml"
RULE_ID = "fuzz-rule"
SIBLING_ID = "sibling-rule"

#: A valid rule touching every part of the format; the mutations below break one key each.
VALID_RULE: dict[str, Any] = {
    "id": RULE_ID,
    "title": "Long sitting",
    "factor": "Sitting and movement",
    "when": {
        "all": [
            {"field": "sitting_hours", "op": ">=", "value": 6},
            {"field": "stretch_breaks", "op": "in", "value": ["rarely"]},
            {"not": {"field": "money_stress", "op": "==", "value": True}},
        ]
    },
    "suggest": {
        "sections": [{"id": "back-pain", "reason": "You sit {sitting_hours} hours a day."}],
        "poses": [{"id": "constructive-rest", "reason": "A rest for the hip flexors."}],
    },
    "cautions": [{"pose": "constructive-rest", "text": "Keep the knees bent."}],
    "source": {"section": "back-pain", "note": "The 6-hour line is ours."},
    "evidence": "A study.",
}
SIBLING_RULE: dict[str, Any] = {
    "id": SIBLING_ID,
    "title": "Tired back",
    "factor": "Body",
    "when": {"field": "back_fatigue", "op": "==", "value": True},
    "suggest": {"sections": [{"id": "back-pain", "reason": "Your back tires."}]},
    "source": {"section": "back-pain"},
}
KNOWN_KEYS = {
    "id", "title", "factor", "when", "suggest", "cautions", "source", "evidence", "all",
    "any", "not", "field", "op", "value", "sections", "poses", "reason", "pose", "text",
    "section", "note",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(DEFAULT_RULES_DIR / "catalog.yaml", tmp_path / "catalog.yaml")
    return tmp_path


def write(folder: Path, data: Any) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (folder / FILE).write_text(text, encoding="utf-8")


def check(folder: Path) -> list[RuleProblem]:
    """check_rules on the folder, with the invariants every outcome must keep."""
    ruleset, problems = check_rules(folder)
    assert all(type(p) is RuleProblem for p in problems)
    assert {p.file for p in problems} <= {FILE}
    assert all(str(p).startswith(FILE) for p in problems)
    if ruleset is None:
        assert problems
    else:
        assert problems == []
        ruleset.explain()
        assess(Answers(), ruleset)
    return problems


scalars = (
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(max_size=12) | st.sampled_from(sorted(KNOWN_KEYS) + list(OPERATORS))
)
yamlish = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(sorted(KNOWN_KEYS)) | st.text(max_size=8) | st.integers(),
                      inner, max_size=4),
    max_leaves=16,
)
#: Rule-shaped mappings: the right keys, with arbitrary YAML-ish values.
rule_like = st.fixed_dictionaries(
    {}, optional={key: yamlish for key in VALID_RULE} | {"extra": yamlish}
) | st.fixed_dictionaries({}, optional={key: st.just(value) for key, value in VALID_RULE.items()})


@given(data=yamlish)
def test_check_rules__arbitrary_yaml_data__problems_never_exceptions(
    folder: Path, data: Any
) -> None:
    write(folder, data)

    check(folder)


@given(rules=st.lists(rule_like | yamlish, max_size=4))
def test_check_rules__arbitrary_rule_like_lists__problems_name_the_file(
    folder: Path, rules: list[Any]
) -> None:
    write(folder, {"rules": rules})

    check(folder)


@given(text=st.text() | st.binary().map(lambda b: b.decode("latin-1")))
def test_check_rules__arbitrary_text__problems_never_exceptions(folder: Path, text: str) -> None:
    (folder / FILE).write_text(text, encoding="utf-8")

    check(folder)


@given(raw=st.binary())
def test_check_rules__arbitrary_bytes__problems_never_exceptions(folder: Path, raw: bytes) -> None:
    (folder / FILE).write_bytes(raw)

    check(folder)


def test_check_rules__valid_rule_and_sibling__no_problems(folder: Path) -> None:
    write(folder, {"rules": [VALID_RULE, SIBLING_RULE]})

    assert check(folder) == []


# Paths to every mapping key of VALID_RULE (but `id`, which names the rule), as lists of
# keys and list indexes.
def _key_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*path, key))
            found += _key_paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _key_paths(value, (*path, i))
    return found


KEY_PATHS = [p for p in _key_paths(VALID_RULE) if p != ("id",)]


def _parent(rule: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = rule
    for step in path[:-1]:
        node = node[step]
    return node


def _set(rule: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(rule)
    _parent(changed, path)[path[-1]] = value
    return changed


@st.composite
def renamed_key(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(st.sampled_from(KEY_PATHS))
    new = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
               .filter(lambda k: k not in KNOWN_KEYS))
    changed = copy.deepcopy(VALID_RULE)
    parent = _parent(changed, path)
    parent[new] = parent.pop(path[-1])
    return changed


TEST_PATHS = {
    ("when", "all", 0): {"in", "contains", "contains_any", "answered"},
    ("when", "all", 1): set(OPERATORS) - {"in"},
    ("when", "all", 2, "not"): {">=", ">", "<=", "<", "in", "contains", "contains_any",
                                "answered"},
}


@st.composite
def swapped_op(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(st.sampled_from(sorted(TEST_PATHS)))
    unknown = st.text(max_size=6).filter(lambda op: op not in OPERATORS)
    op = draw(st.sampled_from(sorted(TEST_PATHS[path])) | unknown)
    return _set(VALID_RULE, (*path, "op"), op)


OUT_OF_RANGE = st.one_of(
    st.tuples(st.just(("when", "all", 0, "value")),
              st.floats(24, 1e300, exclude_min=True) | st.floats(max_value=0, exclude_max=True)
              | st.integers(25) | st.text(max_size=5) | st.booleans()),
    st.tuples(st.just(("when", "all", 1, "value")),
              st.lists(st.text(max_size=12).filter(
                  lambda w: normalise(w) not in
                  {"rarely", "every_few_hours", "hourly", "rarely_or_never", "about_every_hour"}
              ), min_size=1, max_size=3)),
    st.tuples(st.just(("when", "all", 2, "not", "value")),
              st.integers() | st.text(max_size=5) | st.none()),
    st.tuples(st.sampled_from([("suggest", "sections", 0, "id"), ("suggest", "poses", 0, "id"),
                               ("cautions", 0, "pose"), ("source", "section")]),
              st.text(max_size=20).filter(lambda i: i not in {"back-pain", "constructive-rest"})),
    st.tuples(st.sampled_from([("suggest", "sections", 0, "reason"), ("cautions", 0, "text")]),
              st.sampled_from(["{sittinghours}", "{", "}", "{sitting_hours:.1f}", "{0}", ""])),
).map(lambda case: _set(VALID_RULE, case[0], case[1]))


@given(rule=st.one_of(renamed_key(), swapped_op(), OUT_OF_RANGE), first=st.booleans())
def test_check_rules__one_key_of_a_valid_rule_broken__a_problem_names_that_rule(
    folder: Path, rule: dict[str, Any], first: bool
) -> None:
    write(folder, {"rules": [rule, SIBLING_RULE] if first else [SIBLING_RULE, rule]})

    problems = check(folder)

    assert problems
    assert {p.rule for p in problems} == {RULE_ID}
