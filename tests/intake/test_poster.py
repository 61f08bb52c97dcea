"""The printable workshop poster: one page, the title, the code, the link, the QR squares."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pypdf
import pytest

from psoas_check.intake.poster import day_text, poster_pdf
from psoas_check.intake.qr import qr_matrix
from psoas_check.messages import NOTICE

CODE = "K7PQ-3MXD"
LINK = f"http://localhost:8501/?workshop={CODE}"
EXPIRES = datetime(2026, 12, 14, 9, 30, tzinfo=UTC)


def _page(data: bytes) -> tuple[int, str, pypdf.PageObject]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(reader.pages[0].extract_text().split()), reader.pages[0]


def test_poster__a_workshop__one_page_with_title_code_link_and_deletion_day() -> None:
    pages, text, _ = _page(poster_pdf("Tuesday hips", CODE, LINK, EXPIRES))

    assert pages == 1
    assert "Tuesday hips" in text
    assert CODE in text
    assert LINK in text
    assert "deleted on 14 December 2026" in text
    assert "only your teacher, who holds this workshop's key, can read it" in text
    assert "Not a diagnosis." in text
    assert " ".join(NOTICE.split()) in text


@pytest.mark.parametrize(
    "title",
    [
        "Long " * 80,
        "Hüftbeuger & Atem: 🧘 שלום 東京",
        "x" * 300,
    ],
)
def test_poster__long_or_non_latin_title__still_one_page(title: str) -> None:
    pages, text, _ = _page(poster_pdf(title, CODE, LINK, EXPIRES))

    assert pages == 1
    assert CODE in text
    assert "Not a diagnosis." in text


def test_poster__long_title__cut_to_two_lines_with_an_ellipsis() -> None:
    _, text, _ = _page(poster_pdf("Slow flow " * 40, CODE, LINK, EXPIRES))

    assert "\u2026" in text
    assert text.count("Slow flow") < 40


def test_poster__same_inputs__same_bytes() -> None:
    assert poster_pdf("Tuesday hips", CODE, LINK, EXPIRES) == poster_pdf(
        "Tuesday hips", CODE, LINK, EXPIRES
    )


def _filled_rects(page: pypdf.PageObject) -> list[tuple[float, float, float, float]]:
    content = page.get_contents()
    assert content is not None
    ops = content.get_data().decode("latin-1")
    number = r"(-?[\d.]+)"
    return [
        (float(x), float(y), float(w), float(h))
        for x, y, w, h in re.findall(rf"{number} {number} {number} {number} re f\b", ops)
    ]


def test_poster__qr_squares__redraw_the_link_code_module_for_module() -> None:
    """Rebuild the module grid from the filled rectangles the PDF draws."""
    rects = _filled_rects(_page(poster_pdf("Tuesday hips", CODE, LINK, EXPIRES))[2])
    modules = qr_matrix(LINK)
    size = len(modules)
    unit = min(w for _, _, w, _ in rects)  # a run of one module
    left = min(x for x, _, _, _ in rects)
    top = max(y for _, y, _, _ in rects)  # PDF y grows upwards: the first row is highest
    grid = [[False] * size for _ in range(size)]
    for x, y, w, _ in rects:
        row = round((top - y) / unit)
        first = round((x - left) / unit)
        for column in range(first, first + round(w / unit)):
            grid[row][column] = True

    assert grid == modules
    assert unit * (size + 8) == pytest.approx(110 * 72 / 25.4, rel=0.01)  # 110 mm square


def test_day_text__aware_time__utc_day_in_words() -> None:
    assert day_text(datetime(2026, 1, 2, 23, 59, tzinfo=UTC)) == "2 January 2026"
