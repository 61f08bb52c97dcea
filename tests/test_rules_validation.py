"""Rules validated at load: every problem kind, with exact messages, all in one pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from psoas_check.catalog import CONTRACT_POSES, CONTRACT_SECTIONS
from psoas_check.errors import RuleProblem, RulesError
from psoas_check.rules import check_rules, load_rules

WriteRules = Callable[[str, str], Path]
MakeCatalog = Callable[..., str]

HOURS = '{field: sitting_hours, op: ">=", value: 6}'
READ = "{sections: [{id: back-pain, reason: Sitting a lot.}]}"


def rule(
    rule_id: str = "r1",
    when: str = HOURS,
    suggest: str | None = READ,
    source: str = "{section: back-pain}",
    extra: str = "",
) -> str:
    """One rule as YAML list item; ``extra`` lines are added as they are."""
    lines = [
        f"  - id: {rule_id}",
        "    title: Long sitting",
        "    factor: Sitting",
        f"    when: {when}",
    ]
    if suggest is not None:
        lines.append(f"    suggest: {suggest}")
    lines.append(f"    source: {source}")
    return "\n".join(lines) + "\n" + extra


def found(folder: Path) -> list[str]:
    ruleset, problems = check_rules(folder)
    assert ruleset is None
    return [str(p) for p in problems]


def test_rule_problem__str__names_file_rule_and_key() -> None:
    assert [
        str(RuleProblem("a.yaml", "r1", "when.op", "bad")),
        str(RuleProblem("a.yaml", "r1", None, "bad")),
        str(RuleProblem("a.yaml", None, None, "bad")),
    ] == ["a.yaml, rule r1, when.op: bad", "a.yaml, rule r1: bad", "a.yaml: bad"]


def test_check_rules__valid_folder__loads_rules_in_file_then_list_order(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    write_rules("b.yaml", "rules:\n" + rule("b1") + rule("b2"))
    write_rules("a.yaml", "rules:\n" + rule("a1"))
    ruleset, problems = check_rules(rules_dir)
    assert problems == []
    assert ruleset is not None
    assert [(r.id, r.file) for r in ruleset.rules] == [
        ("a1", "a.yaml"),
        ("b1", "b.yaml"),
        ("b2", "b.yaml"),
    ]
    assert (ruleset.catalog.section_ids, ruleset.catalog.pose_ids) == (
        list(CONTRACT_SECTIONS),
        list(CONTRACT_POSES),
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("rules: [\n", ["a.yaml: is not valid YAML at line 2"]),
        ("rules:\n  - id: r1\n   title: x\n", ["a.yaml: is not valid YAML at line 3"]),
        ("- 1\n", ["a.yaml: must be a mapping with one key, `rules`, holding a list"]),
        ("rulez: []\n", ["a.yaml: must be a mapping with one key, `rules`, holding a list"]),
        (
            "rules: []\nextra: 1\n",
            ["a.yaml: must be a mapping with one key, `rules`, holding a list"],
        ),
        ("rules: {id: r1}\n", ["a.yaml: must be a mapping with one key, `rules`, holding a list"]),
        ("", ["a.yaml: is empty; expected a mapping with `rules:`"]),
        ("# only a comment\n", ["a.yaml: is empty; expected a mapping with `rules:`"]),
        (
            "rules:\n  - &one {id: r1}\n  - *one\n",
            ["a.yaml: uses a YAML alias (*name) at line 3; write each value out in full"],
        ),
        (
            "rules: [5, [r1]]\n",
            ["a.yaml, rule #1: must be a mapping", "a.yaml, rule #2: must be a mapping"],
        ),
    ],
)
def test_check_rules__file_not_a_rules_mapping__says_what_shape_is_expected(
    rules_dir: Path, write_rules: WriteRules, text: str, problems: list[str]
) -> None:
    write_rules("a.yaml", text)
    assert found(rules_dir) == problems


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            rule().replace("when:", "whne:"),
            [
                "a.yaml, rule r1, when: is required",
                "a.yaml, rule r1, whne: unknown key (did you mean `when`?)",
            ],
        ),
        (
            rule(extra="    evidnce: A study.\n"),
            ["a.yaml, rule r1, evidnce: unknown key (did you mean `evidence`?)"],
        ),
        (
            rule(extra="    colour: red\n"),
            ["a.yaml, rule r1, colour: unknown key"],
        ),
        (
            rule().replace("    title: Long sitting\n", ""),
            ["a.yaml, rule r1, title: is required"],
        ),
        (
            rule(source="{note: Ours.}"),
            ["a.yaml, rule r1, source.section: is required"],
        ),
        (
            rule(suggest="{sections: [{id: back-pain, resaon: Sitting.}]}"),
            [
                "a.yaml, rule r1, suggest.sections[0].reason: is required",
                "a.yaml, rule r1, suggest.sections[0].resaon: unknown key (did you mean `reason`?)",
            ],
        ),
        (
            rule(source="{section: back-pain, nte: Ours.}"),
            ["a.yaml, rule r1, source.nte: unknown key (did you mean `note`?)"],
        ),
        (
            rule("Long_Sitting"),
            [
                "a.yaml, rule Long_Sitting, id: 'Long_Sitting' must be lower-case letters and "
                "digits joined by single hyphens, e.g. `long-sitting`"
            ],
        ),
        (
            rule("long--sitting"),
            [
                "a.yaml, rule long--sitting, id: 'long--sitting' must be lower-case letters and "
                "digits joined by single hyphens, e.g. `long-sitting`"
            ],
        ),
        (
            rule().replace("  - id: r1\n", "  - \n"),
            ["a.yaml, rule #1, id: is required"],
        ),
        (
            # a rule that fails its model still has its condition checked
            rule(when="{field: siting_hours, op: '>=', value: 6}").replace(
                "    factor: Sitting\n", ""
            ),
            [
                "a.yaml, rule r1, factor: is required",
                "a.yaml, rule r1, when.field: unknown field `siting_hours` "
                "(did you mean `sitting_hours`?)",
            ],
        ),
    ],
)
def test_check_rules__bad_rule_keys__name_file_rule_and_key(
    rules_dir: Path, write_rules: WriteRules, text: str, problems: list[str]
) -> None:
    write_rules("a.yaml", "rules:\n" + text)
    assert found(rules_dir) == problems


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        (
            "{field: siting_hours, op: '>=', value: 6}",
            "when.field: unknown field `siting_hours` (did you mean `sitting_hours`?)",
        ),
        ("{field: shoe_size, op: '>=', value: 6}", "when.field: unknown field `shoe_size`"),
        (
            "{field: sitting_hours, op: '>==', value: 6}",
            "when.op: unknown operator `>==` (did you mean `>=`?); "
            "known: == != >= > <= < in contains contains_any lacks answered",
        ),
        (
            "{field: pain_areas, op: contain, value: leg}",
            "when.op: unknown operator `contain` (did you mean `contains`?); "
            "known: == != >= > <= < in contains contains_any lacks answered",
        ),
        (
            "{field: stretch_breaks, op: '>=', value: rarely}",
            "when.op: `>=` does not apply to stretch_breaks (a choice field)",
        ),
        (
            "{field: pain_areas, op: '==', value: leg}",
            "when.op: `==` does not apply to pain_areas (a set field)",
        ),
        (
            "{field: sitting_hours, op: contains, value: 6}",
            "when.op: `contains` does not apply to sitting_hours (a number field)",
        ),
        ("{field: sitting_hours, op: '>='}", "when.value: a value is needed"),
        ("{field: sitting_hours, op: '>=', value: null}", "when.value: a value is needed"),
        (
            "{field: back_fatigue, op: answered, value: true}",
            "when.value: this operator takes no value",
        ),
        (
            "{field: back_fatigue, op: '==', value: 'yes'}",
            "when.value: 'yes' must be true or false",
        ),
        ("{field: sitting_hours, op: '>=', value: six}", "when.value: 'six' must be a number"),
        ("{field: sitting_hours, op: '>=', value: true}", "when.value: True must be a number"),
        (
            "{field: sitting_hours, op: '>=', value: 30}",
            "when.value: 30 is outside the allowed range 0 to 24 hours",
        ),
        (
            "{field: exercise_days, op: '<', value: 2.5}",
            "when.value: 2.5 is not a whole number (0 to 7 days)",
        ),
        (
            "{field: stretch_breaks, op: in, value: rarely}",
            "when.value: must be a non-empty list",
        ),
        ("{field: stretch_breaks, op: in, value: []}", "when.value: must be a non-empty list"),
        (
            "{field: stretch_breaks, op: '==', value: [rarely]}",
            "when.value: must be a single value, not a list",
        ),
        (
            "{field: stretch_breaks, op: in, value: [rarly]}",
            "when.value: 'rarly' is not one of: rarely, every_few_hours, hourly",
        ),
        (
            "{field: pain_areas, op: contains, value: knee}",
            "when.value: 'knee' not recognised; allowed: low_back, si_joint, leg, hip_front",
        ),
        ("{field: sitting_hours}", "when: a test needs op"),
        (
            "{field: sitting_hours, op: '>=', value: 6, vlue: 7}",
            "when.vlue: unknown key (did you mean `value`?)",
        ),
        (
            "{any: [{field: sitting_hours, op: '>=', value: 6}], alll: []}",
            "when: `any` stands alone; unexpected key(s): alll",
        ),
        ("{all: []}", "when.all: must be a non-empty list of conditions"),
        (
            "{not: {all: [{field: sitting_hours, op: '>=', value: 6}, "
            "{field: exercise_days, op: '<', value: 9}]}}",
            "when.not.all[1].value: 9 is outside the allowed range 0 to 7 days",
        ),
        ("[1]", "when: Input should be a valid dictionary"),
    ],
)
def test_check_rules__bad_condition__names_the_key_and_the_fix(
    rules_dir: Path, write_rules: WriteRules, when: str, problem: str
) -> None:
    write_rules("a.yaml", "rules:\n" + rule(when=when))
    assert found(rules_dir) == [f"a.yaml, rule r1, {problem}"]


@pytest.mark.parametrize(
    ("suggest", "source", "extra", "problems"),
    [
        (
            "{sections: [{id: back-pian, reason: x}]}",
            "{section: back-pain}",
            "",
            ["suggest.sections[0].id: unknown section `back-pian` (did you mean `back-pain`?)"],
        ),
        (
            "{poses: [{id: pigeon-lung, reason: x}]}",
            "{section: back-pain}",
            "",
            ["suggest.poses[0].id: unknown pose `pigeon-lung` (did you mean `pigeon-lunge`?)"],
        ),
        (
            "{poses: [{id: back-pain, reason: x}]}",
            "{section: back-pain}",
            "",
            ["suggest.poses[0].id: unknown pose `back-pain`"],
        ),
        (
            READ,
            "{section: back-pain}",
            "    cautions: [{pose: tadsana, text: Stand by a wall.}]\n",
            ["cautions[0].pose: unknown pose `tadsana` (did you mean `tadasana`?)"],
        ),
        (
            READ,
            "{section: back-pian}",
            "",
            ["source.section: unknown section or pose `back-pian` (did you mean `back-pain`?)"],
        ),
        (None, "{section: back-pain}", "", ["suggest: suggests nothing and cautions nothing"]),
        (
            "{sections: [], poses: []}",
            "{section: back-pain}",
            "",
            ["suggest: suggests nothing and cautions nothing"],
        ),
        (
            "{sections: [{id: back-pain, reason: 'You sit {siting_hours} hours.'}]}",
            "{section: back-pain}",
            "",
            [
                "suggest.sections[0].reason: placeholder {siting_hours} is not a field "
                "(did you mean `sitting_hours`?)"
            ],
        ),
        (
            "{poses: [{id: tadasana, reason: 'Stress {stress_level:d} and {x!r}.'}]}",
            "{section: back-pain}",
            "",
            [
                "suggest.poses[0].reason: placeholder {x} is not a field",
                "suggest.poses[0].reason: placeholders take no format spec or conversion; "
                "write {field} only",
            ],
        ),
        (
            READ,
            "{section: back-pain}",
            "    cautions: [{pose: tadasana, text: 'Wobbly {'}]\n",
            [
                "cautions[0].text: has a stray brace (Single '{' encountered in format string); "
                "write {{ or }} for a literal brace"
            ],
        ),
    ],
)
def test_check_rules__bad_reference_or_text__names_the_key_and_nearest_id(
    rules_dir: Path,
    write_rules: WriteRules,
    suggest: str | None,
    source: str,
    extra: str,
    problems: list[str],
) -> None:
    write_rules("a.yaml", "rules:\n" + rule(suggest=suggest, source=source, extra=extra))
    assert found(rules_dir) == [f"a.yaml, rule r1, {p}" for p in problems]


@pytest.mark.parametrize(
    "when",
    [
        "{not: {field: money_stress, op: answered}}",
        "{not: {any: [{field: sitting_hours, op: '>=', value: 6}, "
        "{field: money_stress, op: answered}]}}",
    ],
)
def test_check_rules__answered_under_not__refused_as_it_would_fire_on_a_blank(
    rules_dir: Path, write_rules: WriteRules, when: str
) -> None:
    write_rules("a.yaml", "rules:\n" + rule(when=when))
    assert found(rules_dir) == [
        "a.yaml, rule r1, when.not: `answered` under `not` would fire when money_stress is "
        "blank, and a blank answer never fires a rule"
    ]


def test_check_rules__attendee_placeholder__is_refused(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    write_rules(
        "a.yaml",
        "rules:\n" + rule(suggest="{sections: [{id: back-pain, reason: 'Hi {attendee}'}]}"),
    )
    assert found(rules_dir) == [
        "a.yaml, rule r1, suggest.sections[0].reason: placeholder {attendee} is not allowed: "
        "names stay out of rule texts"
    ]


def test_check_rules__placeholders_of_fields_and_derived_values__are_accepted(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    suggest = (
        "{sections: [{id: back-pain, reason: '{sitting_hours} h; {page_low_back_load_lb} lb'}]}"
    )
    write_rules("a.yaml", "rules:\n" + rule(suggest=suggest))
    assert check_rules(rules_dir)[1] == []


class _NestingCappedLoader(yaml.SafeLoader):
    """Python's parser with the cap of libyaml 0.2.6 (PyYAML 6.0.4's wheels): its scanner
    refuses a 1,001st level with an error of its own, so the path that handles such a
    refusal is tested whatever PyYAML is installed."""

    def fetch_more_tokens(self) -> None:
        if self.flow_level >= 1_000:
            raise yaml.scanner.ScannerError(
                "while increasing flow level", None, "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_more_tokens()


#: Every parser a user's PyYAML may bring: the same file must get the same problem on each.
PARSERS = [
    pytest.param(yaml.SafeLoader, id="python"),
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
    pytest.param(_NestingCappedLoader, id="capped"),
]


@pytest.mark.parametrize("loader", PARSERS)
@pytest.mark.parametrize("depth", [65, 999, 5_000])
def test_check_rules__nested_deeper_than_rules_need__refused_before_composing(
    rules_dir: Path, monkeypatch: pytest.MonkeyPatch, loader: Any, depth: int
) -> None:
    monkeypatch.setattr("psoas_check.yamlfile._LOADER", loader)
    (rules_dir / "a.yaml").write_text("rules: " + "[" * depth + "]" * depth)
    assert found(rules_dir) == ["a.yaml: is nested too deeply to be rules"]


@pytest.mark.parametrize("loader", PARSERS)
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("rules: [\n", "a.yaml: is not valid YAML at line 2"),
        ("rules:\n  - id: r1\n   title: x\n", "a.yaml: is not valid YAML at line 3"),
        (
            "rules:\n  - &one {id: r1}\n  - *one\n",
            "a.yaml: uses a YAML alias (*name) at line 3; write each value out in full",
        ),
    ],
)
def test_check_rules__refused_yaml__same_problem_whatever_the_parser(
    rules_dir: Path, monkeypatch: pytest.MonkeyPatch, loader: Any, text: str, problem: str
) -> None:
    monkeypatch.setattr("psoas_check.yamlfile._LOADER", loader)
    (rules_dir / "a.yaml").write_text(text)
    assert found(rules_dir) == [problem]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"\xffrules: []\n",
            "a.yaml: cannot be read ('utf-8' codec can't decode byte 0xff in position 0: "
            "invalid start byte)",
        ),
        (b"#" * 1_000_001, "a.yaml: is larger than 1,000,000 bytes; split it"),
    ],
)
def test_check_rules__unreadable_or_huge_file__says_why(
    rules_dir: Path, content: bytes, problem: str
) -> None:
    (rules_dir / "a.yaml").write_bytes(content)
    assert found(rules_dir) == [problem]


def test_check_rules__same_id_in_two_files__is_a_duplicate_naming_the_first_file(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    write_rules("a.yaml", "rules:\n" + rule("long-sitting"))
    write_rules("b.yaml", "rules:\n" + rule("other") + rule("long-sitting"))
    assert found(rules_dir) == [
        "b.yaml, rule long-sitting, id: duplicate rule id (first in a.yaml)"
    ]


SECTIONS, POSES = list(CONTRACT_SECTIONS), list(CONTRACT_POSES)


@pytest.mark.parametrize(
    ("ids", "edit", "problems"),
    [
        (
            {"poses": [p for p in POSES if p != "tadasana"]},
            ("", ""),
            ["catalog.yaml, poses: pose `tadasana` is missing"],
        ),
        (
            {"sections": SECTIONS[1:]},
            ("", ""),
            ["catalog.yaml, sections: section `intro` is missing"],
        ),
        (
            {"poses": [*POSES, "tadasana"]},
            ("", ""),
            ["catalog.yaml, poses: pose `tadasana` appears twice"],
        ),
        ({}, ("\n", "\nextra: 1\n"), ["catalog.yaml, extra: unknown key"]),
        (
            {},
            ("poses:\n", "posse:\n"),
            [
                "catalog.yaml, poses: is required",
                "catalog.yaml, posse: unknown key (did you mean `poses`?)",
            ],
        ),
        (
            {"sections": [*SECTIONS, "Bad_Id"]},
            ("", ""),
            [
                "catalog.yaml, sections[7].id: 'Bad_Id' must be lower-case letters and digits "
                "joined by single hyphens, e.g. `long-sitting`"
            ],
        ),
        ({}, ("page:", "page: [\n"), ["catalog.yaml: is not valid YAML at line 3"]),
        (
            {},
            ("{title: The Page", "{titel: The Page"),
            [
                "catalog.yaml, page.title: is required",
                "catalog.yaml, page.titel: unknown key (did you mean `title`?)",
            ],
        ),
        (
            {},
            ("read: Read tadasana.}", "read: Read tadasana., step: [Stand.]}"),
            ["catalog.yaml, poses[5].step: unknown key (did you mean `steps`?)"],
        ),
    ],
)
def test_check_rules__bad_catalogue__names_what_is_missing_or_wrong(
    rules_dir: Path,
    write_rules: WriteRules,
    make_catalog: MakeCatalog,
    ids: dict[str, Any],
    edit: tuple[str, str],
    problems: list[str],
) -> None:
    text = make_catalog(**ids)
    if edit[0]:
        text = text.replace(edit[0], edit[1], 1)
    write_rules("catalog.yaml", text)
    write_rules("a.yaml", "rules: []\n")
    assert found(rules_dir) == problems


def test_check_rules__no_catalog_yaml__says_it_is_missing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rules:\n" + rule(), encoding="utf-8")
    assert found(tmp_path) == [f"catalog.yaml: is missing from {tmp_path}"]


def test_check_rules__empty_folder__reports_missing_catalogue_and_rules(tmp_path: Path) -> None:
    assert found(tmp_path) == [
        f"catalog.yaml: is missing from {tmp_path}",
        f"{tmp_path}: holds no rule files (*.yaml besides catalog.yaml)",
    ]


def test_check_rules__only_a_catalogue__holds_no_rule_files(rules_dir: Path) -> None:
    assert found(rules_dir) == [f"{rules_dir}: holds no rule files (*.yaml besides catalog.yaml)"]


def test_check_rules__not_a_folder__says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert found(missing) == [f"{missing}: is not a folder of rules"]


def test_check_rules__several_broken_files__every_problem_in_one_pass(
    rules_dir: Path, write_rules: WriteRules, make_catalog: MakeCatalog
) -> None:
    write_rules("catalog.yaml", make_catalog(poses=POSES[:-1]))
    write_rules(
        "a.yaml",
        "rules:\n"
        + rule("first", when="{field: siting_hours, op: '>=', value: 6}")
        + rule("second", suggest="{poses: [{id: tadsana, reason: x}]}").replace("whe", "whne")
        + rule("third", when="{field: stress_level, op: '>=', value: 11}", suggest=None),
    )
    write_rules("b.yaml", "rules: [\n")
    write_rules("c.yaml", "rules:\n" + rule("first", source="{section: nowhere}"))
    assert found(rules_dir) == [
        "catalog.yaml, poses: pose `arms-overhead` is missing",
        "a.yaml, rule first, when.field: unknown field `siting_hours` "
        "(did you mean `sitting_hours`?)",
        "a.yaml, rule second, when: is required",
        "a.yaml, rule second, whnen: unknown key (did you mean `when`?)",
        "a.yaml, rule third, when.value: 11 is outside the allowed range 0 to 10",
        "a.yaml, rule third, suggest: suggests nothing and cautions nothing",
        "b.yaml: is not valid YAML at line 2",
        "c.yaml, rule first, id: duplicate rule id (first in a.yaml)",
        "c.yaml, rule first, source.section: unknown section or pose `nowhere`",
    ]


def test_load_rules__broken_folder__raises_rules_error_carrying_every_problem(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    write_rules("a.yaml", "rules: [5, 6, 7]\n")
    with pytest.raises(RulesError) as caught:
        load_rules(rules_dir)
    assert str(caught.value) == "a.yaml, rule #1: must be a mapping (and 2 more)"
    assert caught.value.problems == [
        RuleProblem("a.yaml", f"#{n}", None, "must be a mapping") for n in (1, 2, 3)
    ]


def test_explain__whole_rule__reads_as_plain_english(
    rules_dir: Path, write_rules: WriteRules
) -> None:
    write_rules(
        "a.yaml",
        """
        rules:
          - id: long-sitting
            title: Long sitting
            factor: Sitting
            when:
              all:
                - {field: sitting_hours, op: ">=", value: 6}
                - not: {field: stretch_breaks, op: "==", value: hourly}
            suggest:
              sections: [{id: back-pain, reason: "You sit {sitting_hours} hours."}]
              poses: [{id: constructive-rest, reason: Rest.}]
            cautions: [{pose: constructive-rest, text: Go slowly.}]
            source: {section: back-pain, note: "Six hours is our line."}
            evidence: "A study."
        """,
    )
    assert load_rules(rules_dir).explain() == "\n".join(
        [
            "Long sitting [long-sitting]",
            "  When “Hours sitting on a typical day” is 6 hours or more and it is not the case "
            "that “Stretch breaks while sitting” is about every hour:",
            "  - read section back-pain: You sit [your hours sitting on a typical day] hours.",
            "  - try pose constructive-rest: Rest.",
            "  - caution for constructive-rest: Go slowly.",
            "  Source: the page's back-pain section.",
            "  Note: Six hours is our line.",
            "  Evidence: A study.",
        ]
    )
