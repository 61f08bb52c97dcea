"""Excel rosters: every visible worksheet whose header names a field, read with bounds.

The workbook is read straight from its XML with expat, never through a library that
trusts the file's declared dimensions: a sheet declaring ``A1:XFD1048576`` costs nothing.
Only cells up to the header's width (and a few beyond, to catch a warning sign typed past
the last header) are kept; strings are held to Excel's own 32,767 characters and the
whole workbook to :data:`MAX_CELLS`. What Excel shows but the file does not hold (a
formula never calculated, an error value such as ``#N/A``) is reported per cell.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from ..headers import normalise_header
from .archive import Archive, open_archive, refuse
from .cells import MAX_STRING, Read, SheetReader
from .sheet import RawRows, Sheet, framed

__all__ = ["xlsx_sheets"]

MAX_SHARED = 2_000_000
DATE_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})


@dataclass
class _Tab:
    title: str
    state: str
    rel: str
    part: str = ""
    kind: str = ""


def xlsx_sheets(name: str, data: bytes, mapping: Mapping[str, str] | None) -> Sheet:
    """Read a workbook: the first readable worksheet, the others in ``more``."""
    book = open_archive(name, data)
    base = _office_document(book)
    tabs = _tabs(book, base)
    shared = _shared_strings(book, base)
    dates = _date_styles(book, base)
    known = {normalise_header(h) for h in mapping or {}}
    reader = SheetReader(book, shared, dates, known)
    parts: list[tuple[_Tab, Read]] = []
    skipped: list[str] = []
    first_visible: _Tab | None = None
    for tab in tabs:
        if tab.state != "visible":
            skipped.append(f"{tab.title!r} (hidden)")
        elif tab.kind != "worksheet" or not book.has(tab.part):
            skipped.append(f"{tab.title!r} (not a worksheet)")
        else:
            read = reader.read(tab.part, stop_unknown=True)
            if not read.rows:
                skipped.append(f"{tab.title!r} (empty)")
            elif not read.known:
                skipped.append(f"{tab.title!r} (no header naming a field)")
                first_visible = first_visible or tab
            else:
                parts.append((tab, read))
    if not parts:
        if first_visible is None:
            return Sheet(name, [], pd.DataFrame(), skipped=skipped)
        # Nothing recognisable: the first worksheet, whole, so its headers can be mapped.
        skipped = [s for s in skipped if not s.startswith(f"{first_visible.title!r} ")]
        parts = [(first_visible, reader.read(first_visible.part, stop_unknown=False))]
    sheets = [_sheet(name, read, tab.title if len(parts) > 1 else "") for tab, read in parts]
    first = sheets[0]
    first.more, first.skipped = sheets[1:], skipped
    return first


def _sheet(name: str, read: Read, tab: str) -> Sheet:
    width = max(map(len, read.rows), default=0)
    padded = [r + [""] * (width - len(r)) if len(r) < width else r for r in read.rows]
    frame = pd.DataFrame(padded, dtype=object) if padded else pd.DataFrame()
    gaps = 0
    if read.numbers:
        gaps = read.numbers[-1] - read.numbers[0] - (len(read.numbers) - 1)
    sheet = framed(name, RawRows(frame, numbers=read.numbers, lengths=read.lengths,
                                 problems=read.problems, gaps=gaps))
    sheet.tab = tab
    return sheet


def _attr(attrs: dict[str, str], local: str) -> str:
    """An attribute by its local name, whatever namespace prefix the writer chose."""
    for key, value in attrs.items():
        if key == local or key.endswith(":" + local):
            return value
    return ""


def _rels(book: Archive, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last word, target part) for one part."""
    folder, file = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", file + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if not book.has(rels_part):
        return found

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], path)

    book.parse(rels_part, {"StartElementHandler": start})
    return found


def _office_document(book: Archive) -> str:
    for kind, target in _rels(book, "").values():
        if kind == "officeDocument":
            return target
    if book.has("xl/workbook.xml"):
        return "xl/workbook.xml"
    raise InputError(f"{book.name}: is not a readable Excel .xlsx workbook")


def _tabs(book: Archive, base: str) -> list[_Tab]:
    tabs: list[_Tab] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "sheet":
            tabs.append(_Tab(_attr(attrs, "name")[:100], _attr(attrs, "state") or "visible",
                             _attr(attrs, "id")))

    if not book.has(base):
        raise InputError(f"{book.name}: is not a readable Excel .xlsx workbook")
    book.parse(base, {"StartElementHandler": start})
    rels = _rels(book, base)
    for tab in tabs:
        tab.kind, tab.part = rels.get(tab.rel, ("", ""))
    return tabs


def _related(book: Archive, base: str, kind: str) -> str:
    for found, target in _rels(book, base).values():
        if found == kind and book.has(target):
            return target
    return ""


def _shared_strings(book: Archive, base: str) -> list[str]:
    part = _related(book, base, "sharedStrings")
    strings: list[str] = []
    if not part:
        return strings
    text: list[str] = []
    size = 0
    depth = {"t": 0, "rPh": 0}

    def start(tag: str, _: dict[str, str]) -> None:
        nonlocal size
        local = tag.rpartition(":")[2]
        if local == "si":
            text.clear()
            size = 0
        elif local in depth:
            depth[local] += 1

    def end(tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "si":
            if len(strings) >= MAX_SHARED:
                refuse(f"holds more than {MAX_SHARED:,} different texts; save it as CSV")
            strings.append("".join(text))
        elif local in depth:
            depth[local] -= 1

    def chars(data: str) -> None:
        nonlocal size
        if depth["t"] and not depth["rPh"]:  # phonetic guides are not the cell's text
            size += len(data)
            if size > MAX_STRING:
                refuse(f"shared text {len(strings) + 1:,} is longer than {MAX_STRING:,} "
                       "characters, Excel's own limit for a cell")
            text.append(data)

    book.parse(part, {"StartElementHandler": start, "EndElementHandler": end,
                      "CharacterDataHandler": chars})
    return strings


def _date_styles(book: Archive, base: str) -> set[int]:
    """Indexes of cell styles whose number format shows a date or time."""
    part = _related(book, base, "styles")
    if not part:
        return set()
    formats: dict[int, str] = {}
    styles: list[int] = []
    inside = [False]

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "numFmt":
            formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            inside[0] = True
        elif local == "xf" and inside[0]:
            styles.append(_int(attrs.get("numFmtId")))

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] == "cellXfs":
            inside[0] = False

    book.parse(part, {"StartElementHandler": start, "EndElementHandler": end})
    return {i for i, fmt in enumerate(styles) if fmt in DATE_IDS or _is_date(formats.get(fmt))}


def _is_date(code: str | None) -> bool:
    if not code:
        return False
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)
    return bool(re.search(r"[dmyhs]", plain, re.IGNORECASE)) and "general" not in plain.lower()


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


