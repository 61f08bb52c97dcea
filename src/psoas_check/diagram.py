"""A schematic of the iliopsoas, drawn by the project itself as SVG.

One side of the body, seen from the front: the lumbar column from T12 to L5 above the
sacrum, the pelvis with its iliac fossa, and the femur with its lesser trochanter. The
psoas major runs from the sides of T12 to L4 and the iliacus from the iliac fossa, both
to the lesser trochanter. Areas a person marked as painful are ringed and named.

The markup is built only from constants here and the model's own option labels (escaped
anyway); no text a person typed ever reaches it. The app shows it as an image and the
PDF summary draws it with fpdf2's SVG support, so both show the same drawing.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .answers import FIELDS

__all__ = ["PAIN_SPOTS", "TITLE", "describe_diagram", "diagram_svg"]

TITLE = "Diagram: the psoas major and iliacus"

_VERTEBRAE = ("T12", "L1", "L2", "L3", "L4", "L5")
_TOP, _HEIGHT, _GAP = 24, 20, 5  # vertebral bodies: y of the first, height, disc gap
_MARK = "#b3261e"
#: Pain area -> (ellipse centre x, centre y, radius x, radius y, label x, label y).
PAIN_SPOTS: dict[str, tuple[int, int, int, int, int, int]] = {
    "low_back": (118, 132, 26, 44, 8, 118),  # narrow enough to clear the L-labels
    "si_joint": (142, 198, 18, 18, 8, 196),
    "hip_front": (238, 250, 30, 26, 290, 214),
    "leg": (268, 350, 26, 46, 306, 340),
}
_WRAP = 16  # characters per line of a label


def _column() -> list[str]:
    parts = []
    for i, name in enumerate(_VERTEBRAE):
        y = _TOP + i * (_HEIGHT + _GAP)
        parts.append(
            f'<rect x="98" y="{y}" width="40" height="{_HEIGHT}" rx="5" fill="#e8e2d6" '
            f'stroke="#6b6254"/><text x="90" y="{y + 14}" text-anchor="end" '
            f'font-size="11" fill="#3d3a34">{name}</text>'
        )
    return parts


def _bones() -> list[str]:
    return [
        # sacrum, below L5
        '<path d="M100 176 L136 176 L128 224 L108 224 Z" fill="#e8e2d6" stroke="#6b6254"/>',
        # ilium (one side): the wing of the pelvis, down to the pubis
        '<path d="M136 180 C168 150 240 140 262 170 C270 196 266 222 258 234 '
        'C248 250 224 262 196 270 C182 262 176 246 168 236 C156 226 144 220 132 214 Z" '
        'fill="#e8e2d6" stroke="#6b6254"/>',
        # the iliac fossa: the shallow bowl on the inner face of the wing
        '<path d="M150 192 C176 166 236 160 252 180 C254 200 246 214 232 222 '
        'C208 214 180 206 150 202 Z" fill="#d8cfbe" stroke="none"/>',
        '<path d="M240 176 L276 150" stroke="#6b6254"/>',
        '<text x="278" y="148" font-size="10" fill="#3d3a34">iliac fossa</text>',
        # femur: head in the hip socket, neck, greater trochanter, shaft
        '<path d="M250 236 L292 258 L290 276 L280 282 L272 408 L254 408 L258 290 '
        'L244 262 Z" fill="#e8e2d6" stroke="#6b6254"/>',
        '<circle cx="248" cy="246" r="14" fill="#e8e2d6" stroke="#6b6254"/>',
        # the lesser trochanter: a knob on the inner side, below the neck
        '<ellipse cx="254" cy="300" rx="8" ry="7" fill="#d8cfbe" stroke="#6b6254"/>',
        '<text x="242" y="318" text-anchor="end" font-size="10" fill="#3d3a34">'
        "lesser trochanter</text>",
    ]


def _muscles() -> list[str]:
    return [
        # psoas major: from the sides of T12 to L4, over the pelvic brim, to the trochanter
        '<path d="M138 26 C152 50 164 90 172 132 C182 176 206 214 224 244 '
        "C236 264 248 284 254 296 L248 300 C232 276 214 256 200 236 "
        'C176 204 152 170 140 144 Z" fill="#a44a3f" fill-opacity="0.8" stroke="#7a3129"/>',
        # iliacus: fanning from the iliac fossa, joining the psoas tendon
        '<path d="M156 196 C186 172 236 166 250 184 C248 212 244 236 250 260 '
        "C254 276 258 288 258 296 L252 298 C240 272 222 246 200 226 "
        'C186 214 170 204 156 196 Z" fill="#d08a3a" fill-opacity="0.75" stroke="#9a5f1d"/>',
        # legend
        '<rect x="8" y="372" width="12" height="12" fill="#a44a3f" fill-opacity="0.8"/>',
        '<text x="26" y="382" font-size="11" fill="#3d3a34">psoas major (T12 to L4)</text>',
        '<rect x="8" y="392" width="12" height="12" fill="#d08a3a" fill-opacity="0.75"/>',
        '<text x="26" y="402" font-size="11" fill="#3d3a34">iliacus (iliac fossa)</text>',
    ]


def _lines(label: str) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _marks(areas: list[str]) -> list[str]:
    labels = FIELDS["pain_areas"].options
    parts = []
    for area in areas:
        cx, cy, rx, ry, lx, ly = PAIN_SPOTS[area]
        lines = "".join(
            f'<tspan x="{lx}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
            for i, line in enumerate(_lines(labels[area].split(" (")[0]))
        )
        parts.append(
            f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{_MARK}" '
            f'fill-opacity="0.12" stroke="{_MARK}" stroke-width="2.5" '
            f'stroke-dasharray="6 4"/><text x="{lx}" y="{ly}" font-size="11" '
            f'font-weight="bold" fill="{_MARK}">{lines}</text>'
        )
    return parts


def describe_diagram(pain_areas: Iterable[str] | None) -> str:
    """The diagram in words: the SVG's ``<desc>`` and the image's alternative text."""
    labels = FIELDS["pain_areas"].options
    marked = [area for area in PAIN_SPOTS if area in set(pain_areas or ())]
    named = "; ".join(labels[a].split(" (")[0].lower() for a in marked)
    return (
        "Front view of one side of the lower spine, pelvis and thigh bone. The psoas major "
        "runs from the vertebrae T12 to L4 down to the femur's lesser trochanter; the "
        "iliacus runs from the iliac fossa of the pelvis to the same point. "
        + (f"Areas you marked: {named}." if marked else "No pain areas are marked.")
    )


def diagram_svg(
    pain_areas: Iterable[str] | None, key: str = "diagram", *, described: bool = True
) -> str:
    """The schematic as one SVG element, with the marked ``pain_areas`` ringed.

    ``key`` keeps the ids of the accessible title and description unique when a page
    shows several diagrams inline. ``described=False`` leaves out ``<title>`` and
    ``<desc>`` (the PDF prints the description as a caption; fpdf2 ignores both tags).
    """
    marked = [area for area in PAIN_SPOTS if area in set(pain_areas or ())]
    slug = "".join(ch if ch.isalnum() else "-" for ch in key)
    body = _column() + _bones() + _muscles() + _marks(marked)
    labels = (
        f'<title id="{slug}-title">{TITLE}</title>'
        f'<desc id="{slug}-desc">{escape(describe_diagram(marked))}</desc>'
        if described
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 416" role="img" '
        f'aria-labelledby="{slug}-title {slug}-desc" width="400" height="416" '
        f'font-family="sans-serif">' + labels + "".join(body) + "</svg>"
    )
