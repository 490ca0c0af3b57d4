"""Geometry of the overview's horizontal bar charts (drawn as inline SVG by templates/charts.html)."""

from __future__ import annotations

LABEL_WIDTH, BAR_WIDTH, ROW = 200, 270, 18
MAX_ROWS = 24  # provinces: the largest; months: the latest


def bar_chart(title: str, rows: list[tuple[str, list[tuple[str, int]]]], legend: tuple = ()) -> dict:
    """rows: (label, [(css class, value), ...]) stacked left to right, scaled to the largest total."""
    peak = max([sum(v for _, v in parts) for _, parts in rows] + [1])
    drawn = []
    for i, (label, parts) in enumerate(rows):
        x, bars = float(LABEL_WIDTH), []
        for cls, value in parts:
            width = BAR_WIDTH * value / peak
            bars.append({"cls": cls, "value": value, "x": round(x, 1), "width": round(width, 1)})
            x += width
        drawn.append({"label": label, "y": i * ROW + 2, "bars": bars, "total": sum(v for _, v in parts),
                      "end": round(x, 1)})
    return {"title": title, "legend": legend, "rows": drawn, "height": len(rows) * ROW + 4,
            "label_x": LABEL_WIDTH - 4}


def overview_charts(stats: dict) -> list[dict]:
    """The three overview charts: by code (violation / compliant stacked), by province, by month."""
    by_code = [(code, [("violation", s.get("violation", 0)), ("compliant", s.get("compliant", 0))])
               for code, s in stats["by_code"].items()]
    return [
        bar_chart("Findings by code and status", by_code, (("violation", "violation"), ("compliant", "compliant"))),
        bar_chart("Findings by province", [(p, [("plain", n)]) for p, n in stats["by_province"].items()][:MAX_ROWS]),
        bar_chart("Findings by month (published)",
                  [(m, [("plain", n)]) for m, n in stats["by_month"].items()][-MAX_ROWS:]),
    ]
