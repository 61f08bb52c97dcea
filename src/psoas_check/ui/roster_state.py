"""The roster page's session state: loaded sheets, the column mapping, the screened result.

Everything lives in ``st.session_state`` under keys starting with ``roster_``, so one
session never sees another's roster and "Clear everything" can drop it all at once. The
raw bytes of an upload are read once, in the uploader's callback, and then let go: the
uploader gets a fresh key and its files are removed from Streamlit's upload store. The
functions take the state mapping as an argument so they can be tested with a plain dict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import MutableMapping, Sequence
from typing import Any, Protocol

import pandas as pd

from ..answers import FIELDS, KG_FIELD
from ..assess import STATUSES
from ..errors import InputError
from ..readers import Sheet, check_field, column_field, read_bytes
from ..roster import Outcome, RosterScreen
from ..values import normalise
from .safe import plain
from .state import Flash

__all__ = [
    "COLUMN_PREFIX",
    "FLASH",
    "MAPPING",
    "MAPPING_SCHEMA",
    "PREFIX",
    "RESULT",
    "SHEETS",
    "STATUS_LABELS",
    "TABLE",
    "TARGETS",
    "add_files",
    "clear",
    "limit_text",
    "load_mapping",
    "map_key",
    "mapping_json",
    "result_table",
    "unknown_headers",
    "usable_mapping",
]

State = MutableMapping[Any, Any]

PREFIX = "roster_"
SHEETS = "roster_sheets"  # list[Sheet], in upload order
MAPPING = "roster_mapping"  # header text -> field name ("" ignores the column)
RESULT = "roster_result"  # RosterScreen of the sheets and mapping as they were screened
TABLE = "roster_table"  # the result as a display table, urgent first
COLUMN_PREFIX = "roster_col_"  # + a digest of the header: the mapping choice widgets
FLASH = "roster_flash"  # messages to show once, after a callback
COUNTERS = ("roster_uploads", "roster_map_uploads")  # bumped for fresh, empty uploaders
MAPPING_SCHEMA = "psoas-check/column-mapping@1"
MAPPING_LIMIT_BYTES = 1_000_000

#: What a column may be mapped to: every field, plus the belly weight in kilograms.
TARGETS: tuple[str, ...] = (*FIELDS, KG_FIELD)
STATUS_LABELS: dict[str, str] = {
    "urgent": "Urgent",
    "see_clinician": "See a clinician",
    "invalid": "Invalid answers",
    "caution": "Caution",
    "ok": "OK",
}


class Upload(Protocol):
    """What the page needs of an uploaded file (Streamlit's UploadedFile has it)."""

    @property
    def name(self) -> str: ...
    @property
    def size(self) -> int: ...
    def getvalue(self) -> bytes: ...


def limit_text(name: str, limit_mb: int) -> str:
    """The plain message for a file over the upload limit."""
    return f"{name} is larger than the {limit_mb} MB upload limit."


def add_files(state: State, uploads: Sequence[Upload], limit_mb: int) -> list[Flash]:
    """Read uploaded files into the session's sheets; return one message per outcome.

    A file of the same name as one already loaded replaces it. A file too large or
    unreadable is left out, with a one-line message naming it. Any earlier result is
    dropped, since it no longer matches the files.
    """
    sheets: list[Sheet] = list(state.get(SHEETS, []))
    flashes: list[Flash] = []
    added: list[str] = []
    for upload in uploads:
        name = upload.name
        if upload.size > limit_mb * 1024 * 1024:
            flashes.append(("error", plain(limit_text(name, limit_mb))))
            continue
        try:
            sheet = read_bytes(name, upload.getvalue(), state.get(MAPPING))
        except InputError as err:
            flashes.append(("error", f"Could not read a file. {plain(str(err))}"))
            continue
        if not sheet.headers and not sheet.is_summaries:
            flashes.append(("error", f"{plain(name)} is empty: no header row was found."))
            continue
        sheets = [s for s in sheets if s.name != name] + [sheet]
        added.append(name)
    if added:
        state[SHEETS] = sheets
        state.pop(RESULT, None)
        state.pop(TABLE, None)
        rows = sum(s.rows for s in sheets if s.name in added)
        files = "1 file" if len(added) == 1 else f"{len(added)} files"
        flashes.insert(0, ("success", f"Loaded {files} with {rows:,} rows in all."))
    return flashes


def clear(state: State) -> None:
    """Drop the roster, the mapping, the results and every roster widget's state."""
    counters = {key: int(state.get(key, 0)) + 1 for key in COUNTERS}
    for key in [k for k in state if isinstance(k, str) and k.startswith(PREFIX)]:
        del state[key]
    state.update(counters)


def unknown_headers(sheets: Sequence[Sheet]) -> dict[str, list[str]]:
    """Each header no field recognises (first spelling kept) -> a preview of its values."""
    found: dict[str, str] = {}  # normalised -> header as first seen
    previews: dict[str, list[str]] = {}
    for sheet in sheets:
        for header in sheet.headers:
            if not header.strip() or column_field(header):
                continue
            shown = found.setdefault(normalise(header), header)
            values = previews.setdefault(shown, [])
            values += [v for v in sheet.preview(header) if v not in values]
    return {header: values[:5] for header, values in previews.items()}


def map_key(header: str) -> str:
    """The mapping widget's key for a header (a digest: headers may be long or odd)."""
    digest = hashlib.sha256(normalise(header).encode("utf-8")).hexdigest()[:16]
    return f"{COLUMN_PREFIX}{digest}"


def usable_mapping(sheets: Sequence[Sheet], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping entries whose header appears in some sheet (screen() rejects others)."""
    present = {normalise(h) for s in sheets for h in s.headers}
    return {h: f for h, f in mapping.items() if normalise(h) in present}


def mapping_json(mapping: dict[str, str]) -> str:
    """The mapping as a small JSON document to download and load again later."""
    document = {"schema": MAPPING_SCHEMA, "columns": dict(sorted(mapping.items()))}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_mapping(data: bytes, name: str) -> dict[str, str]:
    """A saved mapping read back: ``{"columns": {header: field}}`` or a bare object."""
    if len(data) > MAPPING_LIMIT_BYTES:
        raise InputError(f"{name}: is too large to be a column mapping")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{name}: is not readable JSON") from err
    if isinstance(document, dict) and "columns" in document:
        document = document["columns"]
    if not isinstance(document, dict) or not all(
        isinstance(h, str) and isinstance(f, str) for h, f in document.items()
    ):
        raise InputError(f"{name}: expected an object of column header to field name")
    return {h: check_field(f, f"{name}, column {h!r}") for h, f in document.items()}


def result_table(result: RosterScreen) -> pd.DataFrame:
    """Every record as a display row, urgent first (then see_clinician, invalid, ...).

    The ``index`` column is the record's position in ``result.records``, for
    :meth:`RosterScreen.assessment`.
    """
    catalog = result.ruleset.catalog
    titles: dict[str, str] = {}

    def title(item: str) -> str:
        if item not in titles:
            titles[item] = catalog.entry(item).title
        return titles[item]

    order = sorted(range(len(result.records)),
                   key=lambda i: (STATUSES.index(result.records[i].status), i))
    # Rows alike for screening share one outcome, so its cells are joined once.
    shared: dict[int, tuple[str, str, str, str, Outcome]] = {}
    rows = []
    for index in order:
        r = result.records[index]
        cells = shared.get(id(r.outcome))
        if cells is None:
            cells = (STATUS_LABELS[r.status], ", ".join(title(s) for s in r.sections),
                     ", ".join(title(p) for p in r.poses),
                     " | ".join(f"{title(c.pose)}: {c.text}" for c in r.cautions), r.outcome)
            shared[id(r.outcome)] = cells
        rows.append((index, r.row, r.attendee or "", *cells[:4], " | ".join(r.errors), r.source))
    columns = ["index", "Row", "Attendee", "Status", "Read", "Poses", "Cautions",
               "Unreadable answers", "File"]
    return pd.DataFrame(rows, columns=columns)
