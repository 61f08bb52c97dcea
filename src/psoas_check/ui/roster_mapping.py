"""Column mapping on the roster page: what is missing, and a choice per unknown column.

The mapping lives in ``st.session_state[MAPPING]`` (header -> field, ``""`` to ignore);
suggestions that need no decision join it when the files are loaded, each choice widget
is seeded from it and writes back to it when changed. It downloads as JSON and loads
again. At most :data:`SHOWN` columns get a widget at a time (those needing a decision
first), with a filter to find the others: a sheet may have thousands.
"""

from __future__ import annotations

import streamlit as st

from ..answers import FIELDS, KG_FIELD
from ..errors import InputError
from ..readers import Sheet
from ..suggestions import header_words
from .common import release_uploads
from .roster_assist import DECIDED, Assist, Choice, current_assist, missing_fields
from .roster_state import (
    COLUMN_PREFIX,
    FLASH,
    MAPPING,
    PREVIEWS,
    TARGETS,
    drop_result,
    load_mapping,
    map_key,
    mapping_json,
    unknown_headers,
)
from .safe import plain

__all__ = ["FILTER", "SHOWN", "missing_text", "needs_decision", "show_mapping"]

_IGNORE = ""
#: Column choices drawn at once; the rest are counted, and found with the filter.
SHOWN = 50
FILTER = "roster_map_filter"


def _target_label(name: str) -> str:
    if name == _IGNORE:
        return "Ignore this column"
    if name == KG_FIELD:
        return f"Extra weight around the belly (kg) · {name}"
    return f"{FIELDS[name].label} · {name}"


def _chosen(header: str, key: str) -> None:
    mapping: dict[str, str] = dict(st.session_state.get(MAPPING, {}))
    value = st.session_state.get(key) or _IGNORE
    # An explicit "" keeps the column ignored even where a suggestion was preselected.
    mapping[header] = value
    st.session_state[MAPPING] = mapping
    st.session_state[DECIDED] = {*st.session_state.get(DECIDED, set()), header}
    drop_result(st.session_state)  # the result no longer matches the columns


def _upload_key() -> str:
    return f"roster_map_upload_{st.session_state.get('roster_map_uploads', 0)}"


def _mapping_uploaded() -> None:
    upload = st.session_state.get(_upload_key())
    if upload is None:
        return
    # Read, then let go of the bytes and take a fresh uploader, whether or not it was usable.
    data, name = upload.getvalue(), upload.name
    release_uploads([upload])
    st.session_state["roster_map_uploads"] = int(st.session_state.get("roster_map_uploads", 0)) + 1
    try:
        mapping = load_mapping(data, name)
    except InputError as err:
        st.session_state[FLASH] = [("error", f"Could not load that mapping. {plain(str(err))}")]
        return
    st.session_state[MAPPING] = mapping
    st.session_state[DECIDED] = set(mapping)  # a saved mapping is a decision made before
    for key in [k for k in st.session_state if str(k).startswith(COLUMN_PREFIX)]:
        del st.session_state[key]  # the choices re-seed from the loaded mapping
    drop_result(st.session_state)
    count = sum(1 for field in mapping.values() if field)
    st.session_state[FLASH] = [("success", f"Loaded a mapping of {count} columns.")]


def _assist(sheets: list[Sheet]) -> tuple[Assist, dict[str, list[str]]]:
    unknown = unknown_headers(sheets, st.session_state.get(PREVIEWS, {}))
    return current_assist(st.session_state, sheets, unknown, MAPPING), unknown


def needs_decision(sheets: list[Sheet]) -> list[str]:
    """Unknown headers whose suggestion a person should confirm (none chosen by hand yet)."""
    found, _ = _assist(sheets)
    return found.undecided(st.session_state.get(DECIDED, set()))


def missing_text(missing: list[str]) -> list[tuple[str, str]]:
    """Plain (kind, sentence) notes on the fields no column gives, most important first."""
    notes: list[tuple[str, str]] = []
    if "red_flags" in missing:
        notes.append(("warning", "No column gives the warning signs (“Do any of these apply "
                      "to you now?”). Without them every attendee is incomplete: reading "
                      "only, and no poses until they answer. Match that column below if the "
                      "roster has it, or ask attendees before class."))
    if "attendee" in missing:
        notes.append(("info", "No column gives names or codes, so attendees will be known by "
                      "their row number only."))
    others = [FIELDS[m].label for m in missing if m not in ("red_flags", "attendee")]
    if others:
        notes.append(("info", "Not asked in this roster: " + "; ".join(others) + ". The "
                      "suggestions that depend on these answers will not come up."))
    return notes


def _caption(choice: Choice, preview: list[str]) -> str:
    values = "; ".join(plain(v) for v in preview) if preview else "(no values)"
    text = f"Values in this column: {values}"
    found = choice.suggestion
    if found is None:
        return text + ". No field looks like a match, so it is ignored unless you choose one."
    label = plain(_target_label(found.field).split(" · ")[0])
    if choice.question:
        return f"**Please check:** {plain(choice.question)}. Suggested: {label}. {text}"
    return f"Matched to {label} ({plain(found.reason)}). {text}"


def _shown(found: Assist, decided: set[str], text: str) -> list[str]:
    """Headers to draw: those needing a decision, then suggested, then the rest; filtered."""
    wanted = header_words(text)
    headers = [h for h in found.choices if not wanted or wanted in header_words(h)]
    undecided = set(found.undecided(decided))

    def order(header: str) -> int:
        choice = found.choices[header]
        return 0 if header in undecided else 1 if choice.suggestion else 2

    return sorted(headers, key=order)


def _choices(found: Assist, unknown: dict[str, list[str]], mapping: dict[str, str]) -> None:
    decided: set[str] = st.session_state.get(DECIDED, set())
    if len(found.choices) > SHOWN:
        st.text_input("Find a column by its header", key=FILTER,
                      placeholder="Type part of a header")
    text = str(st.session_state.get(FILTER) or "")
    headers = _shown(found, decided, text)
    if len(found.choices) > SHOWN:
        waiting = len(found.undecided(decided))
        st.caption(f"{len(found.choices):,} columns are not named as a field; {waiting:,} "
                   f"need your decision. Showing {min(SHOWN, len(headers)):,} of the "
                   f"{len(headers):,} that match the filter, those needing a decision first; "
                   "the others stay as suggested (or ignored).")
    options = [_IGNORE, *TARGETS]
    for header in headers[:SHOWN]:
        key = map_key(header)
        if key not in st.session_state:
            st.session_state[key] = mapping.get(header, _IGNORE) or _IGNORE
        with st.container(border=True):
            st.selectbox(plain(header), options, format_func=_target_label, key=key,
                         on_change=_chosen, args=(header, key))
            st.caption(_caption(found.choices[header], unknown[header]))


def show_mapping(sheets: list[Sheet]) -> None:
    """What the roster does not ask, and the mapping controls for unrecognised columns."""
    found, unknown = _assist(sheets)
    mapping: dict[str, str] = st.session_state.get(MAPPING, {})
    st.header("Match the columns")
    shown = {"warning": st.warning, "info": st.info}
    for kind, text in missing_text(missing_fields(sheets, mapping)):
        shown[kind](text)
    if not unknown:
        st.markdown("Every column header names a field, so there is nothing to match.")
    else:
        st.markdown(
            "These columns have headers psoas-check does not recognise (a sign-up form's "
            "question text, say). Each shows the field it most likely answers, already "
            "chosen where the match is clear; change any choice, or ignore the column."
        )
        _choices(found, unknown, mapping)
    with st.expander("Save or load this mapping"):
        st.markdown(
            "Download the mapping to use it again with next workshop's export, or load one "
            "you saved before."
        )
        st.download_button(
            "Download the mapping (JSON)",
            mapping_json(mapping),
            file_name="psoas-check-column-mapping.json",
            mime="application/json",
            key="roster_map_download",
            on_click="ignore",
            icon=":material/download:",
        )
        st.file_uploader(
            "Load a saved mapping",
            type=["json"],
            key=_upload_key(),
            on_change=_mapping_uploaded,
        )
