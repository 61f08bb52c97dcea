"""Column mapping on the roster page: one choice per unrecognised column, with a preview.

The mapping lives in ``st.session_state[MAPPING]`` (header -> field); each choice widget is
seeded from it and writes back to it when changed. It downloads as JSON and loads again.
"""

from __future__ import annotations

import streamlit as st

from ..answers import FIELDS, KG_FIELD
from ..errors import InputError
from ..readers import Sheet
from .common import release_uploads
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

__all__ = ["show_mapping"]

_IGNORE = ""


def _target_label(name: str) -> str:
    if name == _IGNORE:
        return "Ignore this column"
    if name == KG_FIELD:
        return f"Extra weight around the belly (kg) · {name}"
    return f"{FIELDS[name].label} · {name}"


def _chosen(header: str, key: str) -> None:
    mapping: dict[str, str] = dict(st.session_state.get(MAPPING, {}))
    value = st.session_state.get(key) or _IGNORE
    if value == _IGNORE:
        mapping.pop(header, None)
    else:
        mapping[header] = value
    st.session_state[MAPPING] = mapping
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
    for key in [k for k in st.session_state if str(k).startswith(COLUMN_PREFIX)]:
        del st.session_state[key]  # the choices re-seed from the loaded mapping
    drop_result(st.session_state)
    count = sum(1 for field in mapping.values() if field)
    st.session_state[FLASH] = [("success", f"Loaded a mapping of {count} columns.")]


def show_mapping(sheets: list[Sheet]) -> None:
    """The mapping controls for every column no field recognises (nothing if none)."""
    unknown = unknown_headers(sheets, st.session_state.get(PREVIEWS, {}))
    mapping: dict[str, str] = st.session_state.get(MAPPING, {})
    st.header("Match the columns")
    if not unknown:
        st.markdown("Every column header names a field, so there is nothing to match.")
    else:
        st.markdown(
            "These columns have headers psoas-check does not recognise (a sign-up form's "
            "question text, say). Choose the field each one answers, or leave it ignored."
        )
    options = [_IGNORE, *TARGETS]
    for header, preview in unknown.items():
        key = map_key(header)
        if key not in st.session_state:
            st.session_state[key] = mapping.get(header, _IGNORE)
        with st.container(border=True):
            st.selectbox(
                plain(header),
                options,
                format_func=_target_label,
                key=key,
                on_change=_chosen,
                args=(header, key),
            )
            values = "; ".join(plain(v) for v in preview) if preview else "(no values)"
            st.caption(f"Values in this column: {values}")
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
