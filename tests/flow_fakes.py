"""Test processors for the flow suites: the real loaders (so broken files are set aside for real reasons)
followed by a tiny keyword extractor instead of the NLP engine, so runs are fast and deterministic.

Importable by worker processes and subprocesses (tests/ is put on sys.path / PYTHONPATH).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from pipeline.ingest.limits import Limits
from pipeline.ingest.load import load_document

KEYWORDS = {"chi sai mục đích": "chi_sai_muc_dich", "chậm giải quyết": "cham_giai_quyet",
            "thu sai": "thu_sai_quy_dinh"}
PROVINCES = ("Nghệ An", "Hà Nội", "Đà Nẵng", "Cần Thơ")
DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", re.IGNORECASE)

REPORTS = [
    ("Ngày 12 tháng 3 năm 2024", "Thanh tra tỉnh Nghệ An kết luận UBND huyện Nghi Lộc chi sai mục đích 1,2 tỷ đồng."),
    ("Ngày 5 tháng 4 năm 2024", "Qua thanh tra, Sở Tài chính Hà Nội chậm giải quyết 15 hồ sơ thủ tục hành chính."),
    ("Ngày 20 tháng 4 năm 2024", "Đoàn thanh tra phát hiện UBND xã Hòa Vang, Đà Nẵng thu sai quy định học phí."),
    ("Ngày 2 tháng 5 năm 2024", "Bệnh viện đa khoa Cần Thơ chi sai mục đích và chậm giải quyết đơn thư của dân."),
    ("Ngày 9 tháng 5 năm 2024", "Thanh tra huyện đề nghị Trưởng phòng Tài chính tổ chức kiểm điểm, rút kinh nghiệm với các chuyên viên phụ trách."),
    ("Ngày 15 tháng 6 năm 2024", "UBND phường Bến Thủy, Nghệ An chậm giải quyết 7 hồ sơ đất đai quá hạn."),
]


def write_reports(directory: Path, n: int = 6, tag: str = "") -> list[Path]:
    """n short, distinct Vietnamese inspection-report .txt files."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        dateline, sentence = REPORTS[i % len(REPORTS)]
        path = directory / f"bao-cao-{i:03d}{tag}.txt"
        path.write_text(f"KẾT LUẬN THANH TRA số {i}{tag}\n{dateline}\n{sentence}\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_broken(directory: Path) -> list[Path]:
    """A zero-byte .docx and a junk .pdf."""
    directory.mkdir(parents=True, exist_ok=True)
    empty, junk = directory / "rong.docx", directory / "hong.pdf"
    empty.write_bytes(b"")
    junk.write_bytes(b"%PDF-1.7\n\x00\x01 not a pdf at all\n%%EOF")
    return [empty, junk]


def _output(path: Path, limits: Limits, uri: str, version: str, codes: dict[str, str]) -> dict:
    document = load_document(path, source_uri=uri, limits=limits)
    text = document.text
    date = DATE.search(text)
    published = f"{date[3]}-{int(date[2]):02d}-{int(date[1]):02d}" if date else None
    province = next((p for p in PROVINCES if p in text), None)
    units = [{"name": f"đơn vị {province}", "canonical": f"đơn vị {province}", "level": "huyen",
              "role": "inspected", "province": province, "spans": [[0, 1]]}] if province else []
    findings = [{"code": code, "status": "violation", "unit": None, "count": None,
                 "evidence": {"sentence": phrase, "span": [text.find(phrase), text.find(phrase) + len(phrase)]}}
                for phrase, code in codes.items() if phrase in text]
    return {"schema_version": "1.0", "document_id": document.document_id,
            "source": {"uri": uri, "format": document.format, "kind": document.kind, "sha256": document.sha256},
            "title": document.title, "published": published, "relevant": bool(findings),
            "relevance": {"score": 1.0 if findings else 0.0, "reason": "test"}, "text": text, "inspections": [],
            "units": units, "dates": [], "doc_refs": [], "counts": [], "findings": findings, "sanctions": [],
            "extractor": {"name": "findings-test", "version": version, "components": []}}


def fake_process(path: Path, limits: Limits, uri: str) -> dict:
    """Version test-1; sleeps $FAKE_DELAY seconds per document (to let a test kill a run part-way)."""
    time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
    return _output(path, limits, uri, "test-1", KEYWORDS)


fake_process.extractor_version = "test-1"


def fake_process_v2(path: Path, limits: Limits, uri: str) -> dict:
    """Version test-2: no longer finds 'thu sai', newly splits 'chậm giải quyết' into a second code."""
    codes = {k: v for k, v in KEYWORDS.items() if v != "thu_sai_quy_dinh"}
    codes["hồ sơ"] = "ho_so_qua_han"
    return _output(path, limits, uri, "test-2", codes)


fake_process_v2.extractor_version = "test-2"
