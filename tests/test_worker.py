"""Uploads are read in a bounded child process: same result, or one sentence, never the server.

The targets below run in the worker's child (it imports this module by name), so a test
can ask it to do what a hostile file would make a reader do: eat memory or never finish.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from ragged_roster import ragged_roster

from psoas_check import worker
from psoas_check.errors import InputError
from psoas_check.readers import Sheet, read_bytes
from psoas_check.roster import screen
from psoas_check.roster_job import read_bounded, screen_bounded
from psoas_check.roster_table import result_table
from psoas_check.rules import default_rules
from psoas_check.ui.roster_state import SHEETS, add_files
from psoas_check.ui.safe import plain

ROSTER = b"attendee,sitting_hours,red_flags\nAna,9,none\nBo,3,saddle_numbness\n"
SUMMARY = (b'{"schema": "psoas-check/answers@1", "answers": {"attendee": "Cy", '
           b'"sitting_hours": "lots", "red_flags": []}}')
MIB = 2**20


def hog(mib: int) -> int:
    """Allocate ``mib`` MiB, 32 MiB at a time, as a reader building a huge table would."""
    blocks = [bytearray(32 * MIB) for _ in range(mib // 32)]
    return len(blocks)


def spin(pid_file: str) -> None:
    """Write our process id, then never finish (a reader caught in a huge sheet)."""
    Path(pid_file).write_text(str(os.getpid()), encoding="ascii")
    while True:
        pass


def _one_sentence(message: str) -> bool:
    return "\n" not in message and ". " not in message.rstrip(".") and "Traceback" not in message


def _gone(pid: int) -> bool:
    """Whether ``pid`` has exited (a zombie waiting for a parent to reap it counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # still listed: gone if only its exit status remains
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _wait_gone(pid: int) -> bool:
    for _ in range(200):  # the kernel needs a moment to end and reap it
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _frames(result: Any) -> list[tuple[str, list[str], list[list[str]], int, list[Any]]]:
    sheets = result if isinstance(result, list) else [result]
    assert all(isinstance(s, Sheet) for s in sheets)
    return [(s.name, s.headers, s.frame.values.tolist(), s.rows,
             [(p.answers, [str(e) for e in p.errors]) for p in s.parsed]) for s in sheets]


@pytest.mark.parametrize(("name", "data"), [("roster.csv", ROSTER), ("cy.json", SUMMARY)])
def test_read_bounded__readable_file__same_sheets_as_reading_in_process(
    name: str, data: bytes
) -> None:
    assert _frames(read_bounded(name, data)) == _frames(read_bytes(name, data))


def test_read_bounded__unreadable_file__readers_own_message() -> None:
    with pytest.raises(InputError) as caught:
        read_bounded("notes.pdf", b"%PDF-1.7")
    with pytest.raises(InputError) as direct:
        read_bytes("notes.pdf", b"%PDF-1.7")
    assert str(caught.value) == str(direct.value)


def test_run_bounded__over_memory_cap__one_sentence_and_server_does_not_grow() -> None:
    assert worker.run_bounded(f"{__name__}:hog", 64) == 2  # within the cap: answered
    before = _peak_rss_mib()
    with pytest.raises(InputError) as caught:
        worker.run_bounded(f"{__name__}:hog", 4096, label="bomb.xlsx", memory_mib=200)
    message = str(caught.value)
    assert message.startswith("bomb.xlsx: needs more than 200 MiB of memory to read")
    assert _one_sentence(message)
    # The child tried to take 4 GiB; the server's own peak stayed where it was.
    assert _peak_rss_mib() - before < 50


def test_run_bounded__over_time__one_sentence_and_child_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(InputError) as caught:
        worker.run_bounded(f"{__name__}:spin", str(pid_file), label="slow.xlsx", timeout_s=2)
    message = str(caught.value)
    assert message.startswith("slow.xlsx: took longer than 2 seconds to read")
    assert _one_sentence(message)
    pid = int(pid_file.read_text(encoding="ascii"))
    assert _wait_gone(pid), f"the child {pid} still runs after its time ran out"


def test_run_bounded__after_a_refusal__next_read_still_works() -> None:
    with pytest.raises(InputError):
        worker.run_bounded(f"{__name__}:hog", 4096, memory_mib=100)
    assert _frames(read_bounded("roster.csv", ROSTER)) == _frames(
        read_bytes("roster.csv", ROSTER)
    )


class _Upload:
    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.size, self._data = name, len(data), data

    def getvalue(self) -> bytes:
        return self._data


def test_add_files__read_exceeds_memory_cap__one_flash_and_other_files_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A wide CSV whose table needs far more than 20 MiB to build: refused, named, and the
    # small roster beside it still loads.
    wide = ("attendee," + ",".join(f"q{i}" for i in range(2000)) + "\n").encode()
    wide += b"".join(f"P{r},".encode() + b"x," * 1999 + b"x\n" for r in range(2000))
    monkeypatch.setattr(worker, "MEMORY_MIB", 20)
    state: dict[str, Any] = {}
    flashes = add_files(state, [_Upload("wide.csv", wide), _Upload("roster.csv", ROSTER)], 10)
    errors = [text for kind, text in flashes if kind == "error"]
    assert len(errors) == 1
    assert plain("wide.csv: needs more than 20 MiB of memory to read") in errors[0]
    assert [s.name for s in state[SHEETS]] == ["roster.csv"]


def test_run_bounded__no_fork_here__reads_in_process_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Windows has neither fork nor Unix sockets: the reader runs as it did before.
    monkeypatch.setattr(worker, "ISOLATED", False)
    assert _frames(read_bounded("roster.csv", ROSTER)) == _frames(
        read_bytes("roster.csv", ROSTER)
    )
    with pytest.raises(InputError, match="unsupported file type"):
        read_bounded("notes.pdf", b"%PDF-1.7")


def test_helper__server_dies_without_cleanup__helper_exits_and_tidies() -> None:
    # os._exit skips atexit, as a killed server would: the helper sees its stdin close.
    script = (
        "import os; from psoas_check import worker\n"
        "from psoas_check.roster_job import read_bounded\n"
        "read_bounded('roster.csv', b'attendee\\nA\\n')\n"
        "print(worker._helper['process'].pid, worker._helper['folder'], flush=True)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    pid_text, folder = done.stdout.split()
    assert _wait_gone(int(pid_text)), f"the helper {pid_text} outlived its server"
    assert not Path(folder).exists()


# Screening after the read: the same one code path (roster.screen), in the child.

SCREEN_PEAK = """
import json, sys
sys.path.insert(0, {tests!r})
from ragged_roster import ragged_roster
from psoas_check import worker
from psoas_check.roster_job import read_bounded, screen_bounded
from psoas_check.rules import default_rules

def peak_mib():
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024

worker.TIMEOUT_S = 120  # memory is measured here, not time (the machine may be busy)
rules = default_rules()
text, urgent = ragged_roster(rows={rows}, initials=26)
sheet = read_bounded("ragged.csv", text.encode("utf-8"))
del text
before = peak_mib()
result, table = screen_bounded([sheet], None, rules)
missed = [r.row for r in result.records if r.row in urgent and r.status != "urgent"]
print(json.dumps({{"grew": peak_mib() - before, "rows": len(table), "missed": missed}}))
"""


def test_screen_bounded__all_ragged_roster__the_server_process_hardly_grows() -> None:
    if not worker.ISOLATED:
        pytest.skip("screening is bounded only where the worker can fork")
    rows = 40_000
    script = SCREEN_PEAK.format(tests=str(Path(__file__).parent), rows=rows)
    # A fresh process: its own peak (VmHWM), not one carried over from pytest.
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=600)
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["rows"] == rows
    assert figures["missed"] == []
    # Screened in this process the same roster raised its peak by about 127 MiB; the
    # child's answer (records, table) takes about 20.
    assert figures["grew"] < 60, figures


def test_screen_bounded__same_result_as_screening_here() -> None:
    text, _ = ragged_roster(rows=300)
    sheet = read_bytes("ragged.csv", text.encode("utf-8"), None)
    rules = default_rules()
    here = screen([sheet], None, rules)

    result, table = screen_bounded([sheet], None, rules)

    assert result.records == here.records
    assert result.tally == here.tally
    assert result.parts[0][0].problems == here.parts[0][0].problems
    assert result.parts[0][0].frame is sheet.frame  # the caller's sheet, not a copy
    assert table.equals(result_table(here))


def test_screen_bounded__over_time__one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    if not worker.ISOLATED:
        pytest.skip("screening is bounded only where the worker can fork")
    sheet = read_bytes("roster.csv", ROSTER, None)
    monkeypatch.setattr(worker, "TIMEOUT_S", 0.001)
    with pytest.raises(InputError) as caught:
        screen_bounded([sheet], None, default_rules())
    message = str(caught.value)
    assert message == ("The roster: took longer than 0.001 seconds to screen, so it was left "
                       "out; split it into smaller files and screen each on its own")
    assert _one_sentence(message)
