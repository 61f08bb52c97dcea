"""The iliopsoas schematic for the app; drawn in :mod:`psoas_check.diagram`.

The drawing lives in the engine so the PDF summary can print the same picture without
importing anything from the UI layer.
"""

from __future__ import annotations

from ..diagram import PAIN_SPOTS, TITLE, describe_diagram, diagram_svg

__all__ = ["PAIN_SPOTS", "TITLE", "describe_diagram", "diagram_svg"]
