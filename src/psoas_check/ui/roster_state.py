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
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any, Protocol

from ..answers import FIELDS, KG_FIELD
from ..errors import InputError
from ..files import distinct_name
from ..group_factors import factor_counts
from ..headers import normalise_header
from ..people import STATUS_WORDS
from ..readers import Sheet, check_field, column_field, empty_message
from ..roster import RosterScreen
from ..roster_job import read_bounded
from ..roster_table import result_table
from .safe import plain
from .state import Flash

__all__ = [
    "COLUMN_PREFIX",
    "FLASH",
    "MAPPING",
    "MAPPING_SCHEMA",
    "PREFIX",
    "PREVALENCE",
    "PREVIEWS",
    "RESULT",
    "SHEETS",
    "STATUS_LABELS",
    "TABLE",
    "TARGETS",
    "add_files",
    "clear",
    "drop_result",
    "limit_text",
    "load_mapping",
    "map_key",
    "mapping_json",
    "prevalence",
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
PREVALENCE = "roster_prevalence"  # (result, its factor_prevalence), computed once per result
PREVIEWS = "roster_previews"  # sheet name -> unrecognised header -> a few of its values
COLUMN_PREFIX = "roster_col_"  # + a digest of the header: the mapping choice widgets
FLASH = "roster_flash"  # messages to show once, after a callback
COUNTERS = ("roster_uploads", "roster_map_uploads")  # bumped for fresh, empty uploaders
MAPPING_SCHEMA = "psoas-check/column-mapping@1"
MAPPING_LIMIT_BYTES = 1_000_000
PREVIEW_VALUES = 5  # distinct values shown under each unknown column

#: What a column may be mapped to: every field, plus the belly weight in kilograms.
TARGETS: tuple[str, ...] = (*FIELDS, KG_FIELD)
STATUS_LABELS: dict[str, str] = STATUS_WORDS


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
    previews: dict[str, dict[str, list[str]]] = dict(state.get(PREVIEWS, {}))
    flashes: list[Flash] = []
    added: list[str] = []
    for upload in uploads:
        name = distinct_name(upload.name, added)  # same name twice in one batch: keep both
        if upload.size > limit_mb * 1024 * 1024:
            flashes.append(("error", plain(limit_text(name, limit_mb))))
            continue
        try:
            sheet = read_bounded(name, upload.getvalue(), state.get(MAPPING))  # in a bounded child
        except InputError as err:
            flashes.append(("error", f"Could not read a file. {plain(str(err))}"))
            continue
        if not sheet.headers and not sheet.is_summaries:
            flashes.append(("error", f"Could not read a file. {plain(empty_message(sheet))}"))
            continue
        sheets = [s for s in sheets if s.name != name] + [sheet]
        previews[name] = _previews(sheet)
        added.append(name)
    if added:
        state[SHEETS] = sheets
        state[PREVIEWS] = previews
        drop_result(state)
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


def drop_result(state: State) -> None:
    """Forget the screened result (it no longer matches the files or the mapping)."""
    for key in (RESULT, TABLE, PREVALENCE):
        state.pop(key, None)


def _unknown(header: str) -> bool:
    return bool(header.strip()) and not column_field(header)


def _previews(sheet: Sheet) -> dict[str, list[str]]:
    """A few values of each column no field recognises, in one pass over the columns.

    (Asking the sheet header by header looks every header up again: quadratic in a
    sheet of thousands of columns.) Columns sharing a header pool their values.
    """
    found: dict[str, list[str]] = {}
    columns = [(part, i, h) for part in sheet.parts() for i, h in enumerate(part.headers)]
    for part, index, header in columns:  # every worksheet read, not only the first
        if not _unknown(header):
            continue
        values = found.setdefault(header, [])
        if len(values) >= PREVIEW_VALUES:
            continue
        for cell in part.frame[index].tolist():
            text = cell.strip() if isinstance(cell, str) else ""
            if text and text not in values:
                values.append(text)
                if len(values) >= PREVIEW_VALUES:
                    break
    return found


def unknown_headers(
    sheets: Sequence[Sheet], previews: Mapping[str, Mapping[str, list[str]]]
) -> dict[str, list[str]]:
    """Each header no field recognises (first spelling kept) -> a preview of its values.

    ``previews`` is what :func:`add_files` kept in ``state[PREVIEWS]`` for each sheet.
    """
    found: dict[str, str] = {}  # normalised -> header as first seen
    shown_values: dict[str, list[str]] = {}
    for sheet in sheets:
        for header in [h for part in sheet.parts() for h in part.headers]:
            if not _unknown(header):
                continue
            shown = found.setdefault(normalise_header(header), header)
            values = shown_values.setdefault(shown, [])
            values += [v for v in previews[sheet.name][header] if v not in values]
    return {header: values[:5] for header, values in shown_values.items()}


def prevalence(state: State, result: RosterScreen) -> list[tuple[str, int]]:
    """:func:`~psoas_check.group_factors.factor_counts` of ``result``, once per result.

    It reads every row's answers again, so it is kept in ``state[PREVALENCE]`` beside the
    result rather than counted on every rerun. Factors the roster never asked are left out.
    """
    stored = state.get(PREVALENCE)
    if stored is None or stored[0] is not result:
        stored = (result, factor_counts(result))
        state[PREVALENCE] = stored
    counts: list[tuple[str, int]] = stored[1]
    return counts


def map_key(header: str) -> str:
    """The mapping widget's key for a header (a digest: headers may be long or odd)."""
    digest = hashlib.sha256(normalise_header(header).encode("utf-8")).hexdigest()[:16]
    return f"{COLUMN_PREFIX}{digest}"


def usable_mapping(sheets: Sequence[Sheet], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping entries whose header appears in some sheet (screen() rejects others)."""
    present = {normalise_header(h) for s in sheets for p in s.parts() for h in p.headers}
    return {h: f for h, f in mapping.items() if normalise_header(h) in present}


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
