"""Hand-built workbooks for the hostile-file tests: small, exact, and bombs built at test time.

:func:`workbook` writes the few XML parts an .xlsx needs, so a test controls every byte
(declared dimensions, hidden sheets, error cells, shared strings). The bombs stream their
big parts through ``zipfile`` so building them never holds the unpacked bytes in memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def cell(ref: str, value: object) -> str:
    """One cell: text inline, numbers as numbers, ``("e", "#N/A")`` or ``("f", formula)``."""
    if isinstance(value, tuple):
        kind, text = value
        if kind == "f":
            return f'<c r="{ref}"><f>{escape(str(text))}</f></c>'
        if kind == "s":
            return f'<c r="{ref}" t="s"><v>{text}</v></c>'
        return f'<c r="{ref}" t="{kind}"><v>{escape(str(text))}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[object]], dimension: str = "") -> str:
    """A worksheet part holding ``rows`` from A1 (None leaves a cell out)."""
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(row)
                        if v is not None)
        body.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{"".join(body)}</sheetData></worksheet>'


def workbook(sheets: Sequence[tuple[str, str, str]], shared: Iterable[str] | None = None,
             active: int = 0, big: dict[str, Iterable[bytes]] | None = None) -> bytes:
    """An .xlsx of ``(title, worksheet xml, state)`` sheets; ``big`` parts are streamed."""
    buffer = io.BytesIO()
    # Level 1: the bombs are repetitive enough to shrink a thousandfold even so, and fast.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", f'<Relationships xmlns="{PACKAGE}"><Relationship Id="r1" '
                      f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        tabs = "".join(
            f'<sheet name="{escape(title)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
            + (f' state="{state}"' if state != "visible" else "") + "/>"
            for i, (title, _, state) in enumerate(sheets))
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews>'
                      f'<workbookView activeTab="{active}"/></bookViews><sheets>{tabs}</sheets>'
                      "</workbook>")
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{RELS}/worksheet" '
                       f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        if shared is not None or (big and "xl/sharedStrings.xml" in big):
            rels += (f'<Relationship Id="rIdS" Type="{RELS}/sharedStrings" '
                     'Target="sharedStrings.xml"/>')
        book.writestr("xl/_rels/workbook.xml.rels",
                      f'<Relationships xmlns="{PACKAGE}">{rels}</Relationships>')
        for i, (_, xml, _) in enumerate(sheets):
            if f"xl/worksheets/sheet{i + 1}.xml" not in (big or {}):
                book.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        if shared is not None:
            items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
            book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
        for part, chunks in (big or {}).items():
            with book.open(part, "w", force_zip64=True) as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return buffer.getvalue()


HEADER = ("attendee", "red_flags")


def dimension_bomb(path: Path) -> None:
    """1.6 kB that declares every cell Excel has (A1:XFD1048576)."""
    xml = rows_xml([HEADER, ("Ann", "leg_weakness")], dimension="A1:XFD1048576")
    path.write_bytes(workbook([("Roster", xml, "visible")]))


def _repeat(head: bytes, unit: bytes, count: int, tail: bytes,
            batch: int = 4096) -> Iterable[bytes]:
    yield head
    block = unit * batch
    for _ in range(count // batch):
        yield block
    yield unit * (count % batch)
    yield tail


def unpacked_bomb(path: Path, rows: int = 4_000_000) -> None:
    """A few MB whose worksheet unpacks to gigabytes of repeated rows."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows_xml([HEADER]).encode()[
        len(f'<worksheet xmlns="{MAIN}"><sheetData>'):-len("</sheetData></worksheet>")]
    unit = b'<row><c t="inlineStr"><is><t>Ann</t></is></c><c t="inlineStr"><is><t>none</t>' \
           b'</is></c></row>'
    sheet = _repeat(head, unit, rows, b"</sheetData></worksheet>")
    path.write_bytes(workbook([("Roster", "", "visible")], big={"xl/worksheets/sheet1.xml": sheet}))


def shared_string_bomb(path: Path, size: int = 1024 ** 3) -> None:
    """About a megabyte holding one shared string of ``size`` characters."""
    head = f'<sst xmlns="{MAIN}"><si><t>'.encode()
    strings = _repeat(head, b"a" * 1024, size // 1024, b"</t></si></sst>", batch=1024)
    xml = rows_xml([HEADER, (("s", 0), "none")])
    path.write_bytes(workbook([("Roster", xml, "visible")],
                              big={"xl/sharedStrings.xml": strings}))


def long_shared_string(path: Path) -> None:
    """A small file whose one shared string is longer than Excel allows in a cell."""
    xml = rows_xml([HEADER, (("s", 0), "none")])
    path.write_bytes(workbook([("Roster", xml, "visible")], shared=["a" * 40_000]))


def many_parts(path: Path) -> None:
    """A workbook with thousands of tiny parts."""
    xml = rows_xml([HEADER])
    buffer = io.BytesIO(workbook([("Roster", xml, "visible")]))
    with zipfile.ZipFile(buffer, "a") as book:
        for index in range(5_000):
            book.writestr(f"xl/media/junk{index}.xml", "")
    path.write_bytes(buffer.getvalue())


def wide_cells(path: Path, rows: int = 200_000, width: int = 200) -> None:
    """Narrow header, rows of many cells past it: only the header's width may be kept."""
    head_xml = rows_xml([HEADER])
    head = head_xml[: -len("</sheetData></worksheet>")].encode()
    unit = ("<row>" + '<c t="inlineStr"><is><t>Ann</t></is></c>' * 2 +
            "<c><v>1</v></c>" * width + "</row>").encode()
    sheet = _repeat(head, unit, rows, b"</sheetData></worksheet>", batch=64)
    path.write_bytes(workbook([("Roster", "", "visible")], big={"xl/worksheets/sheet1.xml": sheet}))


_BUILT: dict[str, bytes] = {}


def cached(build: Callable[[Path], None]) -> Callable[[Path], None]:
    """``build``, run once per test session: the command line and the app tests share it."""

    def write(path: Path) -> None:
        if build.__name__ not in _BUILT:
            build(path)
            _BUILT[build.__name__] = path.read_bytes()
        else:
            path.write_bytes(_BUILT[build.__name__])

    return write


def largest_roster(path: Path, rows: int = 70_000) -> None:
    """The biggest workbook the readers accept: every field, 70,000 rows (980,000 cells)."""
    from psoas_check.answers import FIELDS

    names = list(FIELDS)
    head = rows_xml([names])[: -len("</sheetData></worksheet>")].encode()
    values = ["Ann", "8", "rarely", "2", "6", "no", "10", "yes", "low_back", "no", "no", "no",
              "no", "none"]
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values[: len(names)])
    unit = f"<row>{cells}</row>".encode()
    sheet = _repeat(head, unit, rows, b"</sheetData></worksheet>", batch=256)
    path.write_bytes(workbook([("Roster", "", "visible")], big={"xl/worksheets/sheet1.xml": sheet}))


def many_elements(path: Path, size: int = 80 * 1024 * 1024) -> None:
    """Tens of millions of tiny non-cell elements, varied enough to pass the ratio check."""
    import random

    rng = random.Random(7)  # noqa: S311 (varied bytes for a test file, not a secret)
    head = rows_xml([HEADER])[: -len("</sheetData></worksheet>")].encode() + b"<row>"

    def chunks() -> Iterable[bytes]:
        yield head
        written = 0
        while written < size:
            block = b"".join(b"<x/>" * 24 + b'<y a="' + rng.randbytes(6).hex().encode() + b'"/>'
                             for _ in range(512))
            written += len(block)
            yield block
        yield b"</row></sheetData></worksheet>"

    path.write_bytes(workbook([("Roster", "", "visible")],
                              big={"xl/worksheets/sheet1.xml": chunks()}))
