"""``python -m psoas_check intake ...`` end to end (contract section 6), as a teacher runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from psoas_check.intake import Intake
from psoas_check.intake.models import WorkshopRow
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS

URGENT = {"schema": "psoas-check/answers@1",
          "answers": {"attendee": "=Dev Patel", "red_flags": ["saddle_numbness"]}}
BARE = {"attendee": "Ana Silva", "sitting_hours": 8}  # a bare object; warning signs unasked


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None, stdin: str = ""
        ) -> subprocess.CompletedProcess[str]:
    """Run the intake command in a fresh interpreter whose data folder is inside tmp_path."""
    base = {k: v for k, v in os.environ.items() if k != "PSOAS_DATABASE_URL"}
    base.update({"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")})
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "psoas_check", "intake", *args],
                          capture_output=True, text=True, cwd=tmp_path, env=base, timeout=180,
                          input=stdin,
                          check=False)


def create(tmp_path: Path, db: str, *extra: str) -> dict[str, str]:
    done = run(tmp_path, "create", "--title", "Saturday hips", "--format", "json", "--db", db,
               *extra)
    assert (done.returncode, done.stderr) == (0, "Keep the key safe: it is shown only now, "
                                                 "and without it nobody can read the answers.\n")
    made: dict[str, str] = json.loads(done.stdout)
    return made


def write(tmp_path: Path, name: str, document: object) -> str:
    (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    return name


def assert_refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit 2, nothing on standard output, exactly one line naming the problem."""
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1
    assert done.stderr == f"psoas_check: {message}\n"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'intake.sqlite3'}"


def test_create_submit_export_delete__end_to_end(tmp_path: Path, store_url: str) -> None:
    made = create(tmp_path, store_url)
    code = made["code"]
    assert set(made) == {"code", "key", "expires", "link", "title"}
    assert made["link"] == f"/?workshop={code}"
    expires = datetime.fromisoformat(made["expires"])
    assert timedelta(days=13, hours=23) < expires - datetime.now(UTC) <= timedelta(days=14)

    for name in (write(tmp_path, "dev.json", URGENT), write(tmp_path, "ana.json", BARE)):
        sent = run(tmp_path, "submit", code.lower(), name, "--db", store_url)
        assert sent.returncode == 0, sent.stderr
    assert sent.stdout == (f"sent ana.json to workshop {code} (Saturday hips); it holds 2 "
                           "submission(s)\n")

    exported = run(tmp_path, "export", code, "--key", made["key"], "--format", "json",
                   "--db", store_url)
    assert exported.returncode == 0, exported.stderr
    records = json.loads(exported.stdout)
    assert [list(r) for r in records] == [[*RECORD_KEYS, *EXTRA_KEYS, "submitted_at"]] * 2
    assert [(r["row"], r["attendee"], r["status"]) for r in records] == [
        (1, "=Dev Patel", "urgent"), (2, "Ana Silva", "incomplete")]
    assert records[0]["submitted_at"] <= records[1]["submitted_at"]
    assert exported.stderr.startswith("screened 2 rows (1 urgent, 0 see_clinician, 0 invalid, "
                                      "1 incomplete, 0 caution, 0 ok)")

    out = tmp_path / "class.csv"
    as_csv = run(tmp_path, "export", code, "--key", made["key"], "--out", str(out),
                 "--db", store_url)
    assert (as_csv.returncode, as_csv.stdout) == (0, "")
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert table[0] == [*RECORD_KEYS, *EXTRA_KEYS, "submitted_at"]
    assert [row[:3] for row in table[1:]] == [["1", "'=Dev Patel", "urgent"],
                                              ["2", "Ana Silva", "incomplete"]]
    assert [row[-1] for row in table[1:]] == [r["submitted_at"] for r in records]

    piped = run(tmp_path, "export", code, "--key", "-", "--format", "json", "--db", store_url,
                stdin=made["key"] + "\n")  # kept out of the process list
    assert (piped.returncode, json.loads(piped.stdout)) == (0, records)
    empty = run(tmp_path, "export", code, "--key", "-", "--db", store_url, stdin="")
    assert_refused(empty, "--key -: no key on standard input")
    deleted = run(tmp_path, "delete", code, "--key", made["key"], "--db", store_url)
    assert (deleted.returncode, deleted.stdout) == (
        0, f"deleted workshop {code} and its 2 submission(s)\n")
    gone = run(tmp_path, "export", code, "--key", made["key"], "--db", store_url)
    assert_refused(gone, f"No open workshop has the code {code}; check the code with your "
                         "teacher.")


def test_refusals__wrong_key_unknown_code_bad_files__exit_2_one_line(
    tmp_path: Path, sqlite_db: str
) -> None:
    made = create(tmp_path, sqlite_db)
    code = made["code"]
    wrong = run(tmp_path, "export", code, "--key", "AAAA-BBBB-CCCC", "--db", sqlite_db)
    assert_refused(wrong, f"That key does not open workshop {code}; check it and try again.")
    unknown = run(tmp_path, "submit", "ZZZZ2222", write(tmp_path, "a.json", BARE),
                  "--db", sqlite_db)
    assert_refused(unknown, "No open workshop has the code ZZZZ2222; check the code with "
                            "your teacher.")
    (tmp_path / "notes.json").write_text("my notes", encoding="utf-8")
    not_json = run(tmp_path, "submit", code, "notes.json", "--db", sqlite_db)
    assert_refused(not_json, "notes.json: is not a JSON summary (Expecting value: line 1 "
                             "column 1 (char 0))")
    other = run(tmp_path, "submit", code, write(tmp_path, "o.json", {"schema": "x@2"}),
                "--db", sqlite_db)
    assert_refused(other, "o.json: schema 'x@2' is not psoas-check/answers@1")
    missing = run(tmp_path, "submit", code, "nowhere.json", "--db", sqlite_db)
    assert_refused(missing, "nowhere.json: no such file")
    endless = run(tmp_path, "submit", code, "/dev/zero", "--db", sqlite_db)
    assert_refused(endless, "/dev/zero: too large to send (over 64,000 bytes).")
    days = run(tmp_path, "create", "--title", "T", "--days", "400", "--db", sqlite_db)
    assert_refused(days, "Keep the answers for 1 to 365 days.")
    # Nothing was stored by any refusal.
    intake = Intake(sqlite_db)
    try:
        assert intake.find(code).submissions == 0
    finally:
        intake.close()


def test_expired_code__purged_on_start__refused_and_gone(tmp_path: Path, sqlite_db: str) -> None:
    made = create(tmp_path, sqlite_db, "--days", "1")
    intake = Intake(sqlite_db)
    try:  # let the workshop's day pass
        with intake.writing() as session, session.begin():
            session.execute(update(WorkshopRow).values(
                expires=datetime.now(UTC) - timedelta(hours=1)))
    finally:
        intake.close()
    late = run(tmp_path, "submit", made["code"], write(tmp_path, "a.json", BARE),
               "--db", sqlite_db)
    assert_refused(late, f"No open workshop has the code {made['code']}; check the code "
                         "with your teacher.")
    assert run(tmp_path, "purge", "--db", sqlite_db).stdout == "purged 0 workshop(s)\n"


def test_purge__as_of__prints_how_many_went(tmp_path: Path, sqlite_db: str) -> None:
    codes = [create(tmp_path, sqlite_db, "--days", days)["code"] for days in ("1", "2", "30")]
    as_of = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    first = run(tmp_path, "purge", "--as-of", as_of, "--db", sqlite_db)
    assert (first.returncode, first.stdout) == (0, "purged 2 workshop(s)\n")
    again = run(tmp_path, "purge", "--as-of", as_of, "--db", sqlite_db)
    assert again.stdout == "purged 0 workshop(s)\n"
    kept = run(tmp_path, "submit", codes[2], write(tmp_path, "a.json", BARE), "--db", sqlite_db)
    assert kept.returncode == 0, kept.stderr
    bad = run(tmp_path, "purge", "--as-of", "next tuesday", "--db", sqlite_db)
    assert_refused(bad, "--as-of 'next tuesday': not an ISO-8601 date or time (e.g. "
                        "2026-12-31 or 2026-12-31T18:00+01:00)")


def test_create__text_format__code_link_expiry_and_key(tmp_path: Path, sqlite_db: str) -> None:
    done = run(tmp_path, "create", "--title", "Morning", "--days", "3", "--db", sqlite_db)
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines())
    assert list(lines) == ["code", "link", "expires", "key"]
    assert lines["link"].strip() == f"/?workshop={lines['code'].strip()}"
    assert "without it nobody can read the answers" in done.stderr


def test_database_location__env_url_then_user_data_folder(tmp_path: Path) -> None:
    env_db = tmp_path / "from-env.sqlite3"
    by_env = run(tmp_path, "create", "--title", "Env", env={
        "PSOAS_DATABASE_URL": f"sqlite:///{env_db}"})
    assert by_env.returncode == 0, by_env.stderr
    assert env_db.is_file()
    default_db = tmp_path / "data" / "psoas-check" / "intake.sqlite3"
    assert not default_db.exists()
    by_default = run(tmp_path, "create", "--title", "Default")
    assert by_default.returncode == 0, by_default.stderr
    assert default_db.is_file()  # its folder was created


def test_database_url__unsupported_or_unreachable__exit_2_password_hidden(
    tmp_path: Path,
) -> None:
    other = run(tmp_path, "purge", "--db", "mysql://me:hunter2@localhost/x")
    assert_refused(other, "mysql://me:***@localhost/x: only sqlite and postgresql databases "
                          "are supported")
    nowhere = run(tmp_path, "purge", "--db",
                  f"postgresql://me:hunter2@/x?host={tmp_path / 'no-server'}")
    assert (nowhere.returncode, nowhere.stderr.count("\n")) == (2, 1)
    assert "hunter2" not in nowhere.stderr
    assert "cannot open the workshop database" in nowhere.stderr


INTAKE_PATH_SCRIPT = """
import sys
for name in ("streamlit", "pandas"):
    sys.modules[name] = None  # `import name` now raises ImportError
import json
from psoas_check import cli
db, answers = sys.argv[1], sys.argv[2]
import io, contextlib
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = cli.main(["intake", "create", "--title", "T", "--format", "json", "--db", db])
made = json.loads(out.getvalue())
codes = [code, cli.main(["intake", "submit", made["code"], answers, "--db", db]),
         cli.main(["intake", "purge", "--db", db]),
         cli.main(["intake", "delete", made["code"], "--key", made["key"], "--db", db])]
print("RESULT", codes, file=sys.stderr)
"""


def test_intake_path__create_submit_purge_delete__without_pandas_or_streamlit(
    tmp_path: Path, sqlite_db: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(INTAKE_PATH_SCRIPT), sqlite_db,
         str(tmp_path / write(tmp_path, "a.json", BARE))],
        capture_output=True, text=True, timeout=180, check=False)
    assert "RESULT [0, 0, 0, 0]" in done.stderr, done.stderr
