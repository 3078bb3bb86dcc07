"""Charts drawn on the server as inline SVG: no script, no CDN, printable.

Each chart is an image with a title and a description for screen readers (``role="img"``,
``aria-labelledby``); the page puts the same figures in a table beside it. A suppressed value
(a group under five people) draws no bar and is labelled as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 150
BAR_WIDTH = 320
VALUE_WIDTH = 70
COLOUR = "#2f5d9e"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    items: list[tuple[str, int | float | None]]
    unit: str = ""

    @property
    def svg(self) -> SafeString:
        return horizontal_bars(self.key, self.title, self.items, unit=self.unit)


def _shown(value: int | float | None, unit: str) -> str:
    if value is None:
        return _("fewer than 5")
    return f"{value:g}{unit}"


def horizontal_bars(
    key: str, title: str, items: Sequence[tuple[str, int | float | None]], *, unit: str = ""
) -> SafeString:
    top = max([v for _label, v in items if v is not None] or [0]) or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(len(items), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{key}-title {key}-desc" class="chart">',
        f'<title id="{key}-title">{escape(title)}</title>',
        f'<desc id="{key}-desc">'
        + escape("; ".join(f"{label}: {_shown(v, unit)}" for label, v in items))
        + "</desc>",
    ]
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT * 0.7
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" '
            f'font-size="13" fill="#1b1f24">{escape(label)}</text>'
        )
        length = 0.0 if value is None else BAR_WIDTH * max(value, 0) / top
        if length:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{COLOUR}"></rect>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}" font-size="13" '
            f'fill="#1b1f24">{escape(_shown(value, unit))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
