"""Geometry of the dashboard's SVG charts, computed here so that the templates only draw.

No script and no style attribute: colours are SVG presentation attributes, which a strict
Content-Security-Policy allows. Every mark carries its number as text or a <title>, and
the page puts the same numbers in a table beside the chart.
"""

from dataclasses import dataclass

# Colour classes of the heat map (ColorBrewer RdYlBu, safe for colour-blind readers),
# with the text colour that stays readable on each.
HEAT_CLASSES = (
    (0.2, "#d73027", "#ffffff"),
    (0.4, "#fc8d59", "#000000"),
    (0.6, "#fee090", "#000000"),
    (0.8, "#91bfdb", "#000000"),
    (9.9, "#4575b4", "#ffffff"),
)
NO_DATA = ("#e9ecef", "#000000")
# Okabe–Ito: eight colours told apart also by colour-blind readers (and the labels
# at each line's end do not depend on colour at all).
LINE_COLOURS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#f0e442",
)

LABEL_W, CELL_W, CELL_H, HEAD_H = 80, 64, 24, 28


def heat_colour(value: float | None) -> tuple[str, str]:
    if value is None:
        return NO_DATA
    for upper, fill, text in HEAT_CLASSES:
        if value < upper:
            return fill, text
    return HEAT_CLASSES[-1][1:]


@dataclass
class Cell:
    x: int
    y: int
    text_x: int
    text_y: int
    fill: str
    text_colour: str
    text: str
    title: str


def heatmap(rows, quarter_labels: list[str], no_data: str) -> dict:
    """rows: (row label, [(value or None, pairs), …]) → cells, labels and the size."""
    cells, labels = [], []
    for r, (label, values) in enumerate(rows):
        y = HEAD_H + r * CELL_H
        labels.append({"x": LABEL_W - 6, "y": y + CELL_H // 2 + 4, "text": label})
        for c, (value, pairs) in enumerate(values):
            fill, text_colour = heat_colour(value)
            shown = no_data if value is None else f"{value:.2f}"
            cells.append(
                Cell(
                    x=LABEL_W + c * CELL_W,
                    y=y,
                    text_x=LABEL_W + c * CELL_W + CELL_W // 2,
                    text_y=y + CELL_H // 2 + 4,
                    fill=fill,
                    text_colour=text_colour,
                    text=shown,
                    title=f"{label} · {quarter_labels[c]}: {shown} (n = {pairs})",
                )
            )
    columns = [
        {"x": LABEL_W + c * CELL_W + CELL_W // 2, "text": q} for c, q in enumerate(quarter_labels)
    ]
    return {
        "cells": cells,
        "labels": labels,
        "columns": columns,
        "width": LABEL_W + CELL_W * len(quarter_labels) + 2,
        "height": HEAD_H + CELL_H * len(rows) + 2,
        "cell_w": CELL_W,
        "cell_h": CELL_H,
    }


BAR_LABEL_W, BAR_W, BAR_H, BAR_GAP, AXIS_H = 160, 320, 18, 10, 26


def bars(rows) -> dict:
    """rows: (label, Estimate) → a bar per row with its 95 % interval as a whisker."""
    highs = [e.high for _label, e in rows if e.known and e.high is not None]
    top = max(0.1, min(1.0, (int(max(highs, default=0.1) * 10) + 1) / 10))

    def x(value: float) -> float:
        return round(BAR_LABEL_W + BAR_W * max(0.0, value) / top, 1)

    items = []
    for i, (label, estimate) in enumerate(rows):
        y = AXIS_H + i * (BAR_H + BAR_GAP)
        if not estimate.known:
            items.append({"y": y, "label": label, "known": False, "mid": y + BAR_H // 2 + 4})
            continue
        items.append(
            {
                "y": y,
                "mid": y + BAR_H // 2 + 4,
                "whisker_y": y + BAR_H // 2,
                "label": label,
                "known": True,
                "width": round(x(estimate.value) - BAR_LABEL_W, 1),
                "low": x(estimate.low),
                "high": x(estimate.high),
                "bottom": y + BAR_H,
                "text_x": x(estimate.high) + 6,
                "text": f"{estimate.value:.0%} ({estimate.low:.0%}–{estimate.high:.0%})",
            }
        )
    ticks = [{"x": x(top * t / 4), "text": f"{top * t / 4:.0%}"} for t in range(5)]
    return {
        "items": items,
        "ticks": ticks,
        "x0": BAR_LABEL_W,
        "label_x": BAR_LABEL_W - 6,
        "height": AXIS_H + len(rows) * (BAR_H + BAR_GAP) + 4,
        "width": BAR_LABEL_W + BAR_W + 140,
        "bar_h": BAR_H,
    }


PLOT_X, PLOT_W, PLOT_Y, PLOT_H = 50, 420, 16, 200


def lines(series, quarter_labels: list[str]) -> dict:
    """series: (label, [value 0–1 or None, …], [warning, …]) → one polyline per series."""
    step = PLOT_W / max(1, len(quarter_labels) - 1)

    def point(i: int, value: float) -> tuple[float, float]:
        return round(PLOT_X + i * step, 1), round(PLOT_Y + PLOT_H * (1 - value), 1)

    drawn = []
    for n, (label, values, warnings) in enumerate(series):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        points = [
            {
                "x": point(i, v)[0],
                "y": point(i, v)[1],
                "text_y": point(i, v)[1] + 4,
                "warning": w,
                "text": f"{v:.0%}",
            }
            for i, (v, w) in enumerate(zip(values, warnings, strict=True))
            if v is not None
        ]
        if not points:
            continue
        drawn.append(
            {
                "label": label,
                "colour": colour,
                "points": points,
                "path": " ".join(f"{p['x']},{p['y']}" for p in points),
                "end_x": points[-1]["x"] + 10,
                "end_y": points[-1]["text_y"],
            }
        )
    ticks = [{"y": round(PLOT_Y + PLOT_H * (1 - t / 4), 1), "text": f"{t * 25}%"} for t in range(5)]
    columns = [{"x": round(PLOT_X + i * step, 1), "text": q} for i, q in enumerate(quarter_labels)]
    return {
        "series": drawn,
        "ticks": ticks,
        "columns": columns,
        "x0": PLOT_X,
        "label_x": PLOT_X - 6,
        "x1": PLOT_X + PLOT_W,
        "y0": PLOT_Y,
        "y1": PLOT_Y + PLOT_H,
        "axis_label_y": PLOT_Y + PLOT_H + 18,
        "width": PLOT_X + PLOT_W + 170,
        "height": PLOT_Y + PLOT_H + 30,
    }
