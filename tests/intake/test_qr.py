"""The workshop link's QR code: absolute links, and SVG/PNG that hold exactly that code."""

from __future__ import annotations

import re
import struct
import zlib

import pytest
import segno

from psoas_check.intake.qr import BORDER, absolute_link, qr_code, qr_matrix, qr_png, qr_svg

LINK = "http://localhost:8501/?workshop=K7PQ-3MXD"


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("http://localhost:8501/workshop", "http://localhost:8501/?workshop=K7PQ-3MXD"),
        ("http://localhost:8501/", "http://localhost:8501/?workshop=K7PQ-3MXD"),
        ("http://localhost:8501", "http://localhost:8501/?workshop=K7PQ-3MXD"),
        ("https://yoga.example/psoas/workshop", "https://yoga.example/psoas/?workshop=K7PQ-3MXD"),
        ("https://yoga.example/psoas/workshop/", "https://yoga.example/psoas/?workshop=K7PQ-3MXD"),
        (None, "/?workshop=K7PQ-3MXD"),
        ("", "/?workshop=K7PQ-3MXD"),
        ("javascript:alert(1)", "/?workshop=K7PQ-3MXD"),
        ("file:///etc/passwd", "/?workshop=K7PQ-3MXD"),
    ],
)
def test_absolute_link__page_address__app_root_plus_query(
    page_url: str | None, expected: str
) -> None:
    assert absolute_link("/?workshop=K7PQ-3MXD", page_url) == expected


def test_qr_code__short_link__full_size_qr_at_least_level_m() -> None:
    code = qr_code("/?w=A")

    assert not code.is_micro
    assert code.error in ("M", "Q", "H")  # at least M; segno raises it when room allows


def _svg_modules(svg: str, scale: int) -> list[list[bool]]:
    """Read the dark modules back out of segno's SVG path (M/m moves, h runs)."""
    width = int(re.search(r'width="(\d+)"', svg).group(1)) // scale  # type: ignore[union-attr]
    grid = [[False] * width for _ in range(width)]
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return grid


def test_qr_svg__read_back__same_modules_as_segno_encodes_for_the_link() -> None:
    svg = qr_svg(LINK, scale=1, title="QR code of the workshop link")
    grid = _svg_modules(svg, scale=1)
    inner = [row[BORDER:-BORDER] for row in grid[BORDER:-BORDER]]
    quiet = grid[:BORDER] + grid[-BORDER:] + [row[:BORDER] + row[-BORDER:] for row in grid]

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<title>QR code of the workshop link</title>" in svg
    assert inner == [[bool(m) for m in row] for row in segno.make_qr(LINK, error="m").matrix]
    assert inner == qr_matrix(LINK)
    assert not any(any(row) for row in quiet)
    # Another link gives another picture: the test reads the code, not a constant.
    assert inner != qr_matrix(LINK.replace("K7PQ", "K7PR"))


def test_qr_svg__title_with_markup__escaped() -> None:
    svg = qr_svg(LINK, title="<script>x</script> & co")

    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg


def _unfilter(raw: bytes, stride: int, height: int) -> list[bytes]:
    """PNG scanlines without their filters (one byte per pixel step at 1 bit depth)."""
    rows: list[bytes] = []
    prior = bytes(stride)
    for i in range(height):
        at = i * (stride + 1)
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        for j in range(stride):
            a = line[j - 1] if j else 0
            b, c = prior[j], (prior[j - 1] if j else 0)
            if kind == 1:
                line[j] = (line[j] + a) & 0xFF
            elif kind == 2:
                line[j] = (line[j] + b) & 0xFF
            elif kind == 3:
                line[j] = (line[j] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[j] = (line[j] + pred) & 0xFF
        rows.append(bytes(line))
        prior = bytes(line)
    return rows


def _png_dark(data: bytes) -> tuple[int, int, list[list[bool]]]:
    """Width, height and which pixels are dark, for the 1-bit PNG segno writes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header, palette = 8, b"", b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 1
    rows = _unfilter(zlib.decompress(chunks), (width + 7) // 8, height)
    if colour == 3:  # palette: dark where the colour is black
        dark_index = {i for i in range(len(palette) // 3) if palette[3 * i : 3 * i + 3] == bytes(3)}
    else:  # greyscale: 0 is black
        dark_index = {0}
    pixels = [
        [((row[x // 8] >> (7 - x % 8)) & 1) in dark_index for x in range(width)] for row in rows
    ]
    return width, height, pixels


def test_qr_png__decoded__same_modules_at_the_chosen_scale() -> None:
    scale = 3
    width, height, pixels = _png_dark(qr_png(LINK, scale=scale))
    modules = qr_matrix(LINK)
    size = len(modules) + 2 * BORDER
    centre = scale // 2
    sampled = [
        [pixels[y * scale + centre][x * scale + centre] for x in range(size)] for y in range(size)
    ]

    assert (width, height) == (size * scale, size * scale)
    assert [row[BORDER:-BORDER] for row in sampled[BORDER:-BORDER]] == modules
    assert not any(sampled[0])
    assert not any(sampled[-1])
