"""The run report: self-contained HTML, inline SVG bars, escaped text."""

from __future__ import annotations

import hashlib
import re

from lxml import html as lxml_html

from pipeline.jobs.report import BAR_W, UNKNOWN, render_bar_chart, render_report, tally_outputs, write_nightly_report

EVIL = "<script>alert('x')</script>"


def output(n: int, findings: list[tuple[str, str, str | None]], published: str | None, units: list[dict]) -> dict:
    return {"document_id": hashlib.sha256(str(n).encode()).hexdigest(), "extractor": {"name": "t", "version": "1"},
            "published": published, "source": {"uri": f"doc-{n}"}, "units": units,
            "findings": [{"code": c, "status": s, "unit": u, "evidence": {"sentence": "câu", "span": [0, 3]}}
                         for c, s, u in findings]}


def unit(name: str, province: str | None, role: str = "inspected") -> dict:
    return {"name": name, "canonical": name, "role": role, "province": province}


def test_tally_outputs_by_code_status_province_month():
    outputs = [
        output(1, [("chi_sai", "violation", None), ("chi_sai", "remedied", None)], "2024-03-12",
               [unit("UBND huyện Nghi Lộc", "Nghệ An")]),
        output(2, [("cham_tre", "violation", "Sở Tài chính")], "2024-03-30",
               [unit("Sở Tài chính", "Hà Nội", role="mentioned"), unit("UBND tỉnh", "Nghệ An")]),
        output(3, [("chi_sai", "violation", None)], None, []),
        output(4, [], "2024-05-01", [unit("x", "Huế")]),
    ]
    tally = tally_outputs(outputs)
    assert tally["documents"] == 4 and tally["findings"] == 4
    assert tally["findings_by_code"] == {"cham_tre": {"violation": 1}, "chi_sai": {"remedied": 1, "violation": 2}}
    assert tally["findings_by_province"] == {"Hà Nội": 1, "Nghệ An": 2, UNKNOWN: 1}
    assert tally["findings_by_month"] == {"2024-03": 3, UNKNOWN: 1}


def test_bar_chart_scales_stacks_and_escapes():
    svg = render_bar_chart(f"Tỉnh {EVIL}", {"Nghệ An": 4, EVIL: 2})
    assert "<script" not in svg and "&lt;script&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"', svg)]
    assert widths == [BAR_W, BAR_W / 2]
    stacked = render_bar_chart("Mã", {"chi_sai": {"violation": 3, "remedied": 1}, "cham_tre": {"violation": 2}})
    assert stacked.count("<rect") == 2 + 3  # two legend swatches, three bar segments
    assert ">4</text>" in stacked and ">2</text>" in stacked
    assert "No data." in render_bar_chart("trống", {})


def test_report_is_self_contained_and_parses(tmp_path):
    summary = {"run_id": "r1", "inputs": 2, "processed": 1, "set_aside": 1, "set_aside_by_reason": {"corrupt": 1},
               "entries": [{"source_uri": f"inbox/{EVIL}.pdf", "status": "set_aside", "reason": "corrupt",
                            "detail": "pdfium <b>failed</b>"}]}
    outputs = [output(1, [("chi_sai", "violation", None)], "2024-03-12", [unit("UBND", EVIL)])]
    path = tmp_path / "report.html"
    write_nightly_report(path, summary, outputs)
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page and "<b>failed" not in page
    assert not re.search(r"\b(src|href)=", page)  # nothing fetched: no CDN, images or stylesheets
    assert page.count("<svg") == 4
    tree = lxml_html.fromstring(page.encode("utf-8"))
    assert tree.findtext(".//title") == "Nightly ingestion report"
    assert f"inbox/{EVIL}.pdf" in tree.text_content()
    assert "Content-Security-Policy" in render_report("t", {}, [])
