"""The rules cache: only ever a copy of a clean full check, rebuilt when anything changes.

Each test points ``PSOAS_CACHE_DIR`` at its own folder and works on a copy of the shipped
rules, so it never touches the user's cache or the project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from psoas_check.errors import RulesError
from psoas_check.rules import DEFAULT_RULES_DIR, check_rules, load_rules
from psoas_check.rules_cache import CACHE_ENV, CACHE_FILE, cache_dir, cached_rules


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    return folder


def test_cached_rules__cold_then_warm__both_equal_the_full_check(
    cache: Path, shipped_copy: Path
) -> None:
    cold = cached_rules(shipped_copy, load_rules)
    assert (cache / CACHE_FILE).is_file()
    warm = cached_rules(shipped_copy, lambda folder: pytest.fail("read again in full"))
    full = load_rules(shipped_copy)
    assert cold == warm == full
    assert [rule.explain() for rule in warm.rules] == [rule.explain() for rule in full.rules]
    assert [rule.file for rule in warm.rules] == [rule.file for rule in full.rules]


def test_cached_rules__a_rule_file_edited__rebuilt_with_the_new_text(
    cache: Path, shipped_copy: Path
) -> None:
    first = cached_rules(shipped_copy, load_rules)
    path = shipped_copy / f"{first.rules[0].file}"
    path.write_text(path.read_text(encoding="utf-8").replace(first.rules[0].title, "Renamed", 1))
    again = cached_rules(shipped_copy, load_rules)
    assert again.rules[0].title == "Renamed"
    assert again == load_rules(shipped_copy)


def test_cached_rules__a_file_broken_after_caching__refused_with_the_full_checks_message(
    cache: Path, shipped_copy: Path
) -> None:
    cached_rules(shipped_copy, load_rules)
    (shipped_copy / "extra.yaml").write_text("rules:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(RulesError) as from_cache_path:
        cached_rules(shipped_copy, load_rules)
    with pytest.raises(RulesError) as full:
        load_rules(shipped_copy)
    assert str(from_cache_path.value) == str(full.value)
    assert from_cache_path.value.problems == full.value.problems == check_rules(shipped_copy)[1]


def test_cached_rules__damaged_cache_file__ignored_and_rewritten(
    cache: Path, shipped_copy: Path
) -> None:
    good = cached_rules(shipped_copy, load_rules)
    path = cache / CACHE_FILE
    data = path.read_bytes()
    path.write_bytes(data.replace(good.rules[0].title.encode(), b"Tampered", 1))
    assert cached_rules(shipped_copy, load_rules) == good
    assert path.read_bytes() == data
    path.write_bytes(data[: len(data) // 2])  # cut short, as by a full disk
    assert cached_rules(shipped_copy, load_rules) == good


def test_cached_rules__turned_off__nothing_written(
    tmp_path: Path, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None
    assert cached_rules(shipped_copy, load_rules) == load_rules(shipped_copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules"]


def test_cache_dir__default__the_users_cache_folder_never_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "psoas-check"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "psoas-check"


def test_cached_rules__cache_folder_not_writable__rules_still_load(
    tmp_path: Path, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cached_rules(shipped_copy, load_rules) == load_rules(shipped_copy)
