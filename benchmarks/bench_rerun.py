"""A rerun of the filled self-check against a page drawing the same elements with no logic.

Run: ``python benchmarks/bench_rerun.py [ROUNDS] [RERUNS]`` (defaults 10 and 10). Prints
figures; asserts nothing. ``--write-floors`` regenerates the floor pages from the app as
it is now (do that when the results view gains or loses elements).

Target (issue 6): a rerun of the self-check page showing the results of a filled form costs
at most 1.25x a rerun of ``floor_pages/results_floor.py``, which draws the same elements
(same types, count, nesting, labels, keys and text) as static calls with no logic behind
them: the framework's own floor for that view. Reported beside it: a rerun of an empty
script (AppTest's fixed cost per run), and the same comparison for the last form step
(``floor_pages/form_floor.py``, the red-flag checkboxes).

Every rerun is ``AppTest.run()`` with nothing changed, the rerun a person triggers by any
click. The app page runs alone, as the AppTest tests run it: a two-line script calling the
page function. Each floor is likewise a ``render()`` function in an imported module, called
by a two-line script: AppTest re-parses and recompiles the script itself on every run (a
served app compiles it once), so a floor written as a 200-line script would pay ~8 ms of
``ast`` work per run that the app never pays. Rounds interleave the app,
its floor and the empty script (ABAB, rotating which goes first) so noise from other
processes hits all of them.
"""

from __future__ import annotations

import base64
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    BENCH_DIR,
    REPO_ROOT,
    fmt_ms,
    print_machine,
    quantile,
    ratio_report,
    save,
    spread,
    verdict,
)
from streamlit.testing.v1 import AppTest

from psoas_check.answers import FIELDS
from psoas_check.ui.form import STEPS, widget_key

TARGET = 1.25
ROUNDS = 10
RERUNS = 10
TIMEOUT_S = 60
FLOORS = BENCH_DIR / "floor_pages"
RESULTS_FLOOR = FLOORS / "results_floor.py"
FORM_FLOOR = FLOORS / "form_floor.py"
FLOOR_SCRIPT = "from {module} import render\n\nrender()\n"
APP_SCRIPT = "from psoas_check.ui.self_check import render\n\nrender()\n"
EMPTY_SCRIPT = "import streamlit as st\n"
# The filled form of tests/ui/test_self_check.py: every question answered, several rules
# fire, so the results view is about as long as it gets without a red flag.
FILLED: dict[str, Any] = {
    "sitting_hours": 9.0,
    "stretch_breaks": "rarely",
    "exercise_days": 1,
    "stress_level": 8,
    "money_stress": True,
    "abdominal_excess_lb": 20.0,
    "back_fatigue": True,
    "pain_areas": ["low_back", "hip_front"],
    "pain_lying_on_back": True,
    "knee_discomfort_sitting": False,
    "balance_difficulty": True,
    "arms_overhead_difficulty": False,
    "red_flags": [],
}


# ---------------------------------------------------------------- driving the app


def go_to_step(at: AppTest, step: int) -> None:
    while (current := int(at.session_state["psoas_step"])) != step:
        at.button(key="psoas_next" if current < step else "psoas_back").click().run()


def answer(at: AppTest, field: str, value: Any) -> None:
    """Set one answer through its widget(s), as tests/ui/ui_helpers.py does."""
    go_to_step(at, STEPS.index(FIELDS[field].step))
    kind = FIELDS[field].kind
    if kind in ("number", "integer"):
        at.number_input(key=widget_key(field)).set_value(value).run()
    elif kind == "choice":
        at.radio(key=widget_key(field)).set_value(value).run()
    elif kind == "bool":
        at.radio(key=widget_key(field)).set_value("yes" if value else "no").run()
    elif kind == "set":
        if not value:
            at.checkbox(key=widget_key(field, "none")).check().run()
        for option in value:
            at.checkbox(key=widget_key(field, option)).check().run()


def filled_app(view: str) -> AppTest:
    """The self-check page with every answer given, showing ``view`` (results or form)."""
    at = AppTest.from_string(APP_SCRIPT, default_timeout=TIMEOUT_S).run()
    for field, value in FILLED.items():
        answer(at, field, value)
    go_to_step(at, len(STEPS) - 1)
    if view == "results":
        at.button(key="psoas_results").click().run()
    if at.exception:
        raise SystemExit(f"the app raised: {at.exception[0].message}")
    return at


# ---------------------------------------------------------------- element signatures


def signature(at: AppTest) -> list[str]:
    """Element types in page order, with nesting depth: what a floor must reproduce."""
    out: list[str] = []

    def walk(node: Any, depth: int) -> None:
        for child in node.children.values():
            out.append(f"{depth}:{child.type}")
            if hasattr(child, "children"):
                walk(child, depth + 1)

    walk(at.main, 0)
    return out


# ---------------------------------------------------------------- writing the floors


def _key(proto: Any) -> str:
    """The user key inside a widget id ``$$ID-<hash>-<key>``."""
    return str(proto.id).split("-", 2)[2]


def _code(node: Any, depth: int, lines: list[str], images: list[str]) -> None:
    pad = "    " * depth
    kind, proto = node.type, getattr(node, "proto", None)
    if kind == "flex_container":
        flex = proto.flex_container
        args = "horizontal=True" if flex.direction == flex.HORIZONTAL else ""
        if flex.border:
            args = ", ".join(a for a in (args, "border=True") if a)
        lines.append(f"{pad}with st.container({args}):")
    elif kind == "expander":
        lines.append(f"{pad}with st.expander({proto.label!r}, expanded={proto.expanded}):")
    if kind in ("flex_container", "expander"):
        for child in node.children.values():
            _code(child, depth + 1, lines, images)
        return
    lines.append(pad + _element(node, images))


def _element(node: Any, images: list[str]) -> str:
    kind, proto = node.type, node.proto
    if kind in ("title", "subheader", "header"):
        return f"st.{kind}({proto.body!r})"
    if kind == "markdown":
        return f"st.markdown({proto.body!r})"
    if kind == "caption":
        return f"st.caption({proto.body!r})"
    if kind in ("info", "warning", "error", "success"):
        icon = f", icon={proto.icon!r}" if proto.icon else ""
        return f"st.{kind}({proto.body!r}{icon})"
    if kind == "image":
        img = proto.imgs[0]
        svg = base64.b64decode(img.url.split(",", 1)[1]).decode("utf-8")
        images.append(svg)
        return f"st.image(IMAGE_{len(images) - 1}, alt={img.alt!r}, width=400)"
    if kind == "progress":
        return f"st.progress({proto.value}, text={proto.text!r})"
    if kind == "file_uploader":
        types = [t.lstrip(".") for t in proto.type]
        return (
            f"st.file_uploader({proto.label!r}, type={types!r}, key={_key(proto)!r}, "
            f"help={proto.help!r})"
        )
    if kind == "button":
        extra = f", icon={proto.icon!r}" if proto.icon else ""
        if proto.icon_position == 1:  # RIGHT
            extra += ', icon_position="right"'
        return f"st.button({proto.label!r}, key={_key(proto)!r}, type={proto.type!r}{extra})"
    if kind == "download_button":
        extra = f", icon={proto.icon!r}" if proto.icon else ""
        return (
            f"st.download_button({proto.label!r}, _nothing, file_name='floor.bin', "
            f"key={_key(proto)!r}, on_click='ignore'{extra})"
        )
    if kind == "checkbox":
        return (
            f"st.checkbox({proto.label!r}, value={node.value}, key={_key(proto)!r}, "
            f"disabled={proto.disabled})"
        )
    if kind == "radio":
        return (
            f"st.radio({proto.label!r}, {list(node.options)!r}, index={node.index}, "
            f"key={_key(proto)!r}, horizontal={proto.horizontal}, help={proto.help!r})"
        )
    raise NotImplementedError(f"the floor writer does not know {kind!r} elements yet")


def write_floor(at: AppTest, path: Path, what: str) -> None:
    lines: list[str] = []
    images: list[str] = []
    for child in at.main.children.values():
        _code(child, 1, lines, images)
    head = [
        "# ruff: noqa: E501  (generated: one call per line, text as the app shows it)",
        f'"""Floor page for benchmarks/bench_rerun.py: {what}.',
        "",
        "The same elements as the app draws there (types, count, nesting, labels, keys, text),",
        "as static calls with no logic behind them. Written by",
        "``python benchmarks/bench_rerun.py --write-floors``; regenerate, do not edit.",
        '"""',
        "",
        "import streamlit as st",
        "",
    ]
    head += [*(f"IMAGE_{i} = {svg!r}" for i, svg in enumerate(images)), ""] if images else []
    head += ["", "def _nothing() -> bytes:", '    return b""', "", ""]
    head += ["def render() -> None:", '    """Draw the page."""']
    body = "\n".join([*head, *lines]) + "\n"
    path.write_text(body, encoding="utf-8")
    print(f"wrote {path.relative_to(REPO_ROOT)} ({len(lines)} lines of page)")


def floor_app(path: Path) -> AppTest:
    script = FLOOR_SCRIPT.format(module=path.stem)
    return AppTest.from_string(script, default_timeout=TIMEOUT_S).run()


# ---------------------------------------------------------------- timing


def rerun_time(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def measure(subjects: dict[str, AppTest], rounds: int, reruns: int) -> dict[str, list[float]]:
    """Rerun times of each subject, interleaved rerun by rerun in a rotating order.

    Each of the ``rounds * reruns`` steps reruns every subject once, so a burst of load
    from another process lands on all of them alike; the rotation spreads the first slot.
    """
    names = list(subjects)
    for at in subjects.values():  # warm up: caches, imports, first-run costs
        for _ in range(3):
            at.run()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds * reruns):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(rerun_time(subjects[name]))
        if (i + 1) % reruns == 0:
            done = (i + 1) // reruns
            print(
                f"  round {done}/{rounds}: "
                + ", ".join(
                    f"{n} {statistics.median(times[n][-reruns:]) * 1000:.1f} ms" for n in names
                ),
                flush=True,
            )
    return times


def paired(subject: list[float], floor: list[float]) -> dict[str, float]:
    """Ratio of medians, plus the median and IQR of the rerun-by-rerun ratios."""
    report = ratio_report(subject, floor)
    pairs = [s / f for s, f in zip(subject, floor, strict=True)]
    report["pair_p25"], report["pair_p75"] = quantile(pairs, 0.25), quantile(pairs, 0.75)
    report["ratio_of_minimums"] = min(subject) / min(floor)  # the least disturbed reruns
    return report


def main() -> None:
    os.chdir(REPO_ROOT)  # AppTest reads .streamlit/config.toml from the working folder
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else ROUNDS
    reruns = int(args[1]) if len(args) > 1 else RERUNS
    info = print_machine()
    results_app, form_app = filled_app("results"), filled_app("form")
    if "--write-floors" in sys.argv:
        write_floor(results_app, RESULTS_FLOOR, "the results of a filled self-check")
        write_floor(form_app, FORM_FLOOR, "the last step of a filled self-check (pose questions)")
        return

    sys.path.insert(0, str(FLOORS))
    results_floor = floor_app(RESULTS_FLOOR)
    form_floor = floor_app(FORM_FLOOR)
    empty = AppTest.from_string(EMPTY_SCRIPT, default_timeout=TIMEOUT_S).run()
    same = {}
    for name, app, floor in (
        ("results", results_app, results_floor),
        ("form", form_app, form_floor),
    ):
        same[name] = signature(app) == signature(floor)
        print(
            f"{name} view: app draws {len(signature(app))} elements, floor "
            f"{len(signature(floor))}; same types and nesting: {same[name]}"
        )
        if not same[name]:
            print("  the floor is out of date: run with --write-floors")

    print(f"timing {rounds} rounds x {reruns} reruns of each, interleaved (round medians):")
    times = measure(
        {
            "app results": results_app,
            "results floor": results_floor,
            "app form": form_app,
            "form floor": form_floor,
            "empty": empty,
        },
        rounds,
        reruns,
    )
    stats = {name: spread(values) for name, values in times.items()}
    for name, value in stats.items():
        print(f"{name:14s} {fmt_ms(value)}")
    ratios = {
        "results": paired(times["app results"], times["results floor"]),
        "form": paired(times["app form"], times["form floor"]),
    }
    for name, ratio in ratios.items():
        print(
            f"{name} rerun vs floor: {verdict(ratio['ratio_of_medians'], TARGET)}; "
            f"paired reruns: median {ratio['per_round_median']:.2f}, "
            f"IQR {ratio['pair_p25']:.2f}-{ratio['pair_p75']:.2f}; "
            f"fastest vs fastest {ratio['ratio_of_minimums']:.2f}"
        )
    empty_ms = stats["empty"]["median"] * 1000
    print(f"empty-script rerun: {empty_ms:.1f} ms (AppTest's fixed cost per run)")
    path = save(
        "rerun",
        {
            "machine": info,
            "rounds": rounds,
            "reruns_per_round": reruns,
            "note": "seconds are per rerun; ratios pair reruns made side by side",
            "seconds": stats,
            "ratios": ratios,
            "target": TARGET,
            "pass": ratios["results"]["ratio_of_medians"] <= TARGET,
            "floor_matches_app": same,
        },
    )
    print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
