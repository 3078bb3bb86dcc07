"""The score distribution of a run as a chart drawn on the server: inline SVG, no script, no
CDN, printable. The chart is an image with a title and a description for screen readers
(``role="img"``, ``aria-labelledby``); the page puts the same figures in a table beside it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 480
HEIGHT = 200
BOTTOM = 28  # room for the bucket labels
LEFT = 36  # room for the count scale
COLOURS = ("#2f5d9e", "#b35900")  # the first and second run (contrast ≥ 4.5 on white)
TEXT = "#1b1f24"
STEP = 10
SMALL = f'font-size="11" fill="{TEXT}"'


def buckets(scores: Iterable[float]) -> list[tuple[int, int, int]]:
    """(from, to, pairs) for every ``STEP``-point bucket from the worst score to the best, empty
    ones between included so the shape reads right."""
    counts = Counter(max(0, int(score // STEP)) * STEP for score in scores)
    if not counts:
        return []
    return [(low, low + STEP, counts[low]) for low in range(min(counts), max(counts) + STEP, STEP)]


def histogram(
    key: str, title: str, series: list[tuple[str, list[tuple[int, int, int]]]]
) -> SafeString:
    """Vertical bars per bucket, one colour per series (one run, or two runs compared)."""
    known = {low for _name, rows in series for low, _high, _n in rows}
    if not known:
        return mark_safe("")
    lows = list(range(min(known), max(known) + STEP, STEP))
    top = max(n for _name, rows in series for _low, _high, n in rows) or 1
    plot_w, plot_h = WIDTH - LEFT, HEIGHT - BOTTOM
    slot = plot_w / len(lows)
    bar = max(2.0, (slot - 4) / len(series))
    desc = "; ".join(
        f"{name} — " + ", ".join(f"{low}–{high}: {n}" for low, high, n in rows)
        for name, rows in series
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{key}-title {key}-desc" class="chart">',
        f'<title id="{key}-title">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(desc)}</desc>',
        f'<line x1="{LEFT}" y1="{plot_h}" x2="{WIDTH}" y2="{plot_h}" stroke="{TEXT}"></line>',
        f'<text x="{LEFT - 4}" y="12" {SMALL} text-anchor="end">{top}</text>',
        f'<text x="{LEFT - 4}" y="{plot_h}" {SMALL} text-anchor="end">0</text>',
    ]
    for s, (_name, rows) in enumerate(series):
        by_low = {low: n for low, _high, n in rows}
        for i, low in enumerate(lows):
            n = by_low.get(low, 0)
            if not n:
                continue
            height = (plot_h - 16) * n / top
            x = LEFT + i * slot + 2 + s * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{plot_h - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{COLOURS[s % 2]}"></rect>'
            )
    every = max(1, len(lows) // 8)
    for i, low in enumerate(lows):
        if i % every:
            continue
        parts.append(
            f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT}">{low}</text>'
        )
    parts.append(
        f'<text x="{WIDTH}" y="{HEIGHT - 0}" text-anchor="end" font-size="10" '
        f'fill="{TEXT}">{escape(_("score"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped or a number
