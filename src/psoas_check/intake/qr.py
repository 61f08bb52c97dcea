"""The workshop link as a QR code, drawn here with segno (no image service, no request).

A teacher puts the code on a screen or a printed poster; an attendee's phone camera opens
the link. The link a workshop carries is relative (``/?workshop=CODE``), and a relative
link in a QR code leads nowhere, so :func:`absolute_link` puts the app's own address in
front of it when the page knows that address.

Example::

    >>> link = absolute_link("/?workshop=K7PQ-3MXD", "http://localhost:8501/workshop")
    >>> link
    'http://localhost:8501/?workshop=K7PQ-3MXD'
    >>> qr_svg(link).startswith("<svg")
    True
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit, urlunsplit

import segno

__all__ = ["BORDER", "absolute_link", "qr_code", "qr_matrix", "qr_png", "qr_svg"]

#: Quiet zone around the code, in modules: the four the QR standard asks for.
BORDER = 4
#: Error correction "M" (15 %): survives a crease or a smudge on a printed poster, and
#: keeps a typical link at version 3 or 4, big modules for a camera across a room.
ERROR = "m"


def absolute_link(link: str, page_url: str | None, page_path: str = "workshop") -> str:
    """``link`` (``/?workshop=CODE``) made absolute against the page's address.

    ``page_url`` is the address of the page the teacher has open (``st.context.url``,
    query removed), possibly ending in that page's own path (``page_path``); the app's
    root is what is left. With no usable address the link comes back as it was.
    """
    if not page_url:
        return link
    parts = urlsplit(page_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return link
    path = parts.path.rstrip("/")
    if page_path and path.rsplit("/", 1)[-1] == page_path:
        path = path[: -len(page_path)]
    root = path.rstrip("/") + "/"
    relative = link.lstrip("/")
    query = relative[1:] if relative.startswith("?") else relative
    return urlunsplit((parts.scheme, parts.netloc, root, query, ""))


def qr_code(link: str) -> segno.QRCode:
    """A full-size QR code (never a Micro QR, which phone cameras do not read) of ``link``."""
    return segno.make_qr(link, error=ERROR)


def qr_svg(link: str, scale: int = 8, title: str | None = None) -> str:
    """The QR code of ``link`` as a standalone SVG document, black on white, quiet zone included.

    It carries the SVG namespace, so it shows as an image (``st.image``) as well as inline;
    ``title`` becomes the SVG's ``<title>``.
    """
    out = io.BytesIO()
    qr_code(link).save(
        out, kind="svg", xmldecl=False, nl=False, scale=scale, border=BORDER,
        dark="#000", light="#fff", title=title, svgclass=None, lineclass=None,
    )
    return out.getvalue().decode("utf-8")


def qr_png(link: str, scale: int = 10) -> bytes:
    """The QR code of ``link`` as PNG bytes, black on white, with its quiet zone."""
    out = io.BytesIO()
    qr_code(link).save(out, kind="png", scale=scale, border=BORDER, dark="#000", light="#fff")
    return out.getvalue()


def qr_matrix(link: str) -> list[list[bool]]:
    """The code's modules without the quiet zone, row by row (True: dark).

    The poster draws these as squares, so the printed code is vector, not a bitmap.
    """
    return [[bool(module) for module in row] for row in qr_code(link).matrix]
