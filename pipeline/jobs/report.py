"""The run report: one self-contained HTML file with inline SVG bar charts (no scripts, no external files).

Charts: findings per code (stacked by status), per province, per month, and documents set aside by
reason. Every text from documents or the register is HTML-escaped.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path

from pipeline.register.rows import build_rows
from pipeline.jobs.sink import write_atomic

UNKNOWN = "(unknown)"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
LABEL_W, BAR_W, ROW_H = 230, 420, 22


def tally_outputs(outputs: list[dict]) -> dict:
    """Findings by code x status, by province (a finding's unit's, else the inspected units') and by month."""
    by_code: dict[str, Counter] = {}
    by_province: Counter = Counter()
    by_month: Counter = Counter()
    for output in outputs:
        rows = build_rows(output)
        month = (output.get("published") or "")[:7] or UNKNOWN
        attributed = Counter(r[2] for r in rows.finding_provinces)
        for r in rows.findings:
            by_code.setdefault(r[3] or UNKNOWN, Counter())[r[4] or UNKNOWN] += 1
            by_month[month] += 1
            if not attributed[r[2]]:
                by_province[UNKNOWN] += 1
        by_province.update(r[3] for r in rows.finding_provinces)
    return {"documents": len(outputs), "findings": sum(by_month.values()),
            "findings_by_code": {c: dict(s) for c, s in sorted(by_code.items())},
            "findings_by_province": dict(sorted(by_province.items())),
            "findings_by_month": dict(sorted(by_month.items()))}


def render_bar_chart(title: str, data: dict) -> str:
    """Horizontal bars; `data` is {label: n} or {label: {series: n}} (stacked, with a legend)."""
    if not data:
        return f"<figure><figcaption>{escape(title)}</figcaption><p class=empty>No data.</p></figure>"
    stacked = {str(k): (v if isinstance(v, dict) else {"": v}) for k, v in data.items()}
    series = sorted({s for v in stacked.values() for s in v})
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    peak = max(sum(v.values()) for v in stacked.values()) or 1
    legend_h = ROW_H if series != [""] else 0
    height = legend_h + ROW_H * len(stacked) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_W + BAR_W + 60}" height="{height}" '
             f'role="img" aria-label="{escape(title)}">']
    if legend_h:
        x = LABEL_W
        for s in series:
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colours[s]}"/>'
                         f'<text x="{x + 16}" y="15">{escape(s)}</text>')
            x += 24 + 8 * len(s)
    for row, (label, values) in enumerate(stacked.items()):
        y = legend_h + row * ROW_H + 2
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 14}" text-anchor="end"><title>{escape(label)}</title>'
                     f'{escape(_shorten(label))}</text>')
        x = float(LABEL_W)
        for s in series:
            n = values.get(s, 0)
            if n:
                w = BAR_W * n / peak
                tip = f"{label}: {s} {n}" if s else f"{label}: {n}"
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{ROW_H - 6}" '
                             f'fill="{colours[s]}"><title>{escape(tip)}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(values.values())}</text>')
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{''.join(parts)}</figure>"


def _shorten(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[:size - 1] + "…"


def render_table(title: str, header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<h2>{escape(title)}</h2><table><tr>{head}</tr>{body or '<tr><td>none</td></tr>'}</table>"


def render_report(title: str, facts: dict, sections: list[str]) -> str:
    """A complete HTML page: a facts table, then the given (already escaped) sections."""
    rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(_fact(v))}</td></tr>" for k, v in facts.items())
    return ("<!DOCTYPE html><html lang=vi><head><meta charset=utf-8>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{escape(title)}</h1><table class=facts>{rows}</table>{''.join(sections)}</body></html>\n")


def _fact(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


def render_charts(tally: dict, set_aside: dict) -> list[str]:
    return [render_bar_chart("Findings per code and status", tally.get("findings_by_code", {})),
            render_bar_chart("Findings per province", tally.get("findings_by_province", {})),
            render_bar_chart("Findings per month (published)", tally.get("findings_by_month", {})),
            render_bar_chart("Documents set aside, by reason", set_aside)]


def write_nightly_report(path: Path, summary: dict, outputs: list[dict]) -> None:
    """The nightly run's report: charts over the documents processed in this run."""
    facts = {k: summary.get(k) for k in ("run_id", "started_at", "inputs", "processed", "duplicates", "set_aside")}
    sections = render_charts(tally_outputs(outputs), summary.get("set_aside_by_reason", {}))
    sections.append(render_table("Set aside in this run", ["input", "reason", "detail"],
                                 [[e["source_uri"], e.get("reason"), e.get("detail") or ""]
                                  for e in summary.get("entries", []) if e["status"] == "set_aside"]))
    write_atomic(path, render_report("Nightly ingestion report", facts, sections))


def write_reprocess_report(path: Path, summary: dict, stats: dict) -> None:
    """The reprocess report: charts over the register's current versions after the run."""
    facts = {k: summary.get(k) for k in ("run_id", "archive", "extractor_version", "inputs", "processed",
                                         "skipped", "duplicates", "set_aside", "seconds")}
    facts["documents in the register"] = stats.get("documents")
    sections = render_charts(stats, summary.get("set_aside_by_reason", {}))
    changes = summary.get("changes") or {"codes": {}}
    sections.append(render_table(f"Change against the previous extractor version "
                                 f"({changes.get('documents', 0)} documents)",
                                 ["code", "before", "after", "added", "removed"],
                                 [[c, r["before"], r["after"], r["added"], r["removed"]]
                                  for c, r in changes["codes"].items()]))
    write_atomic(path, render_report("Reprocessing report", facts, sections))


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}figure{margin:1.5em 0}"
        "figcaption{font-weight:bold;margin-bottom:.4em}svg text{font-size:12px}.empty{color:#777}")
