"""An .xlsx file is a zip of XML parts: check the archive before reading any of it.

A workbook small enough to upload can still unpack to gigabytes (a "zip bomb"), or hold
one shared string of a gigabyte. Every limit here is checked on the archive's own
directory before a byte is decompressed, and again while reading (a directory can lie),
so a hostile file is refused in milliseconds with one line naming the file.

XML is read with expat in small chunks; a document type declaration (the way to entity
expansion bombs) is refused: no workbook part ever needs one.
"""

from __future__ import annotations

import io
import pyexpat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED", "Archive", "open_archive"]

MiB = 1024 * 1024
#: Parts in the archive; a real workbook has a few dozen.
MAX_MEMBERS = 1_000
#: Unpacked bytes of all parts together; a 200,000-row roster needs about 40 MiB.
MAX_UNPACKED = 96 * MiB
#: Unpacked bytes per compressed byte, for parts larger than RATIO_FLOOR.
MAX_RATIO = 200
RATIO_FLOOR = 1 * MiB
#: Parts describing the workbook (its sheet list, relationships, styles).
MAX_SMALL_PART = 8 * MiB
CHUNK = 64 * 1024


class _Refused(Exception):
    """Raised from inside an XML handler to stop parsing; carries the one-line reason."""


def refuse(reason: str) -> None:
    """Stop reading the workbook (called from an XML handler), with the reason."""
    raise _Refused(reason)


@dataclass
class Archive:
    """An opened workbook archive whose directory passed the checks."""

    name: str
    zip: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    read: int = 0  # unpacked bytes read so far, against MAX_UNPACKED

    def has(self, member: str) -> bool:
        return member in self.members

    def small(self, member: str) -> bytes:
        """A small descriptive part, whole."""
        info = self.members[member]
        if info.file_size > MAX_SMALL_PART:
            raise InputError(f"{self.name}: part {member} is too large for a workbook "
                             f"({info.file_size:,} bytes)")
        return b"".join(self._chunks(member))

    def parse(self, member: str, handlers: dict[str, Callable[..., Any]]) -> None:
        """Stream one XML part through expat with the given handlers (name -> callback)."""
        parser = pyexpat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        for attribute, handler in handlers.items():
            setattr(parser, attribute, handler)

        def doctype(*_: Any) -> None:
            refuse(f"part {member} declares a document type, which a workbook never does")

        parser.StartDoctypeDeclHandler = doctype
        parser.EntityDeclHandler = doctype
        try:
            for chunk in self._chunks(member):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Refused as err:
            raise InputError(f"{self.name}: {err}") from None
        except pyexpat.ExpatError as err:
            raise InputError(f"{self.name}: is not a readable Excel .xlsx workbook "
                             f"(part {member}: {err})") from None

    def _chunks(self, member: str) -> Any:
        try:
            with self.zip.open(self.members[member]) as stream:
                while chunk := stream.read(CHUNK):
                    self.read += len(chunk)
                    if self.read > MAX_UNPACKED:
                        raise InputError(_too_big(self.name, self.read))
                    yield chunk
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as err:
            raise InputError(f"{self.name}: is not a readable Excel .xlsx workbook "
                             f"(part {member}: {err})") from None


def _too_big(name: str, size: int) -> str:
    return (f"{name}: unpacks to {size / MiB:,.0f} MiB or more; a roster workbook may unpack "
            f"to at most {MAX_UNPACKED // MiB} MiB (save it as CSV, or split it)")


def open_archive(name: str, data: bytes) -> Archive:
    """Open the zip and check its directory: member count, sizes, ratios, names, methods."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        infos = book.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{name}: is not a readable Excel .xlsx workbook") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: holds {len(infos):,} parts; a workbook has at most "
                         f"{MAX_MEMBERS:,}")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        member = info.filename
        if member in members or member.startswith("/") or ".." in member.split("/"):
            raise InputError(f"{name}: is not a readable Excel .xlsx workbook "
                             f"(odd part name {member[:60]!r})")
        if info.flag_bits & 0x1:
            raise InputError(f"{name}: is encrypted; save it again without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{name}: is not a readable Excel .xlsx workbook "
                             f"(part {member[:60]} uses an unusual compression)")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(f"{name}: part {member[:60]} unpacks {ratio:,.0f} times larger "
                             f"than it is stored; a workbook part stays under {MAX_RATIO}")
        total += info.file_size
        members[member] = info
    if total > MAX_UNPACKED:
        raise InputError(_too_big(name, total))
    return Archive(name, book, members)
