"""`findings review bench`: the workbench's pages on a large synthetic register.

Rows are generated and inserted directly (SQL through the register's `Database`), then the overview, a
filtered list and a document page are requested through the real app (routing, queries, templates).
Figures are printed, never asserted; targets: overview and filtered list < 1 s, document page < 300 ms.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

from extractors.engine import EXTRACTOR_VERSION
from pipeline.register import open_register
from pipeline.register.migrations import now_iso

from .items import finding_codes

PROVINCES = ("Hà Nội", "Nghệ An", "Bắc Giang", "Đà Nẵng", "Cần Thơ", "Thanh Hóa", "Quảng Ninh", "Sơn La",
             "Lào Cai", "Đắk Lắk", "Hải Phòng", "Hồ Chí Minh", "Phú Thọ", "Vĩnh Long", "Khánh Hòa", "Gia Lai")
CHUNK = 5000
REPEAT = 5
SENTENCE = ("Qua kiểm tra tại UBND xã {n}, Đoàn kiểm tra công vụ tỉnh {p} phát hiện {k} công chức đi làm muộn "
            "và {m} trường hợp không đeo thẻ công chức theo Quyết định số {n}/QĐ-UBND ngày 12/3/2024. ")


def synthetic_output(n: int, rng: random.Random, sentences: int) -> dict:
    """One output document with `sentences` sentences, each carrying a unit, a date, a count and a finding."""
    province = PROVINCES[n % len(PROVINCES)]
    codes = list(finding_codes())
    parts, units, dates, counts, findings, doc_refs = [], [], [], [], [], []
    offset = 0
    for i in range(sentences):
        k, m = rng.randint(1, 9), rng.randint(1, 9)
        sentence = SENTENCE.format(n=n + i, p=province, k=k, m=m)
        unit = f"UBND xã {n + i}"
        us = offset + sentence.index(unit)
        units.append({"name": unit, "canonical": unit, "level": "xa", "role": "inspected" if i == 0 else "mentioned",
                      "province": province, "spans": [[us, us + len(unit)]]})
        ds = offset + sentence.index("12/3/2024")
        dates.append({"value": "2024-03-12", "text": "12/3/2024", "role": "document", "span": [ds, ds + 9]})
        rs = offset + sentence.index(f"{n + i}/QĐ-UBND")
        doc_refs.append({"number": f"{n + i}/QĐ-UBND", "span": [rs, rs + len(f"{n + i}/QĐ-UBND")]})
        cs = offset + sentence.index(f"{k} công chức")
        counts.append({"value": k, "total": None, "noun": "công chức", "code": "late_arrival",
                       "span": [cs, cs + len(f"{k} công chức")]})
        fs = offset + sentence.index("đi làm muộn")
        findings.append({"status": rng.choice(("violation", "compliant")), "code": rng.choice(codes), "unit": unit,
                         "count": k, "evidence": {"sentence": sentence.strip(), "span": [offset, offset + len(sentence) - 1]},
                         "cue_spans": [[fs, fs + len("đi làm muộn")]]})
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    published = f"{2019 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    inspector = f"Đoàn kiểm tra công vụ tỉnh {province}"
    return {"schema_version": "1.0", "document_id": hashlib.sha256(f"bench {n}".encode()).hexdigest(),
            "source": {"uri": f"bench/{n}.html", "format": "html", "kind": "news", "sha256": f"{n:064x}"},
            "title": f"Kiểm tra công vụ tại UBND xã {n}, tỉnh {province}", "published": published,
            "relevant": n % 10 != 0, "relevance": {"score": 0.9, "reason": "synthetic"}, "text": text,
            "inspections": [{"inspector": inspector}], "units": units, "dates": dates, "doc_refs": doc_refs,
            "counts": counts, "findings": findings, "sanctions": [], "recommendations": [],
            "extractor": {"name": "findings", "version": EXTRACTOR_VERSION}}


def build_register(url: str, docs: int, seed: int = 13) -> dict:
    """Insert `docs` synthetic documents (5 findings each; every 1000th a long one of 60 sentences)."""
    from pipeline.register.rows import build_rows
    from pipeline.register.store import _CHILD_INSERTS

    rng = random.Random(seed)
    started = time.perf_counter()
    with open_register(url) as reg:
        db = reg.db
        if db.fetch_one("SELECT COUNT(*) FROM documents")[0]:
            raise ValueError("the benchmark register must be empty")
        now = now_iso()
        for first in range(0, docs, CHUNK):
            batch = [build_rows(synthetic_output(n, rng, 60 if n % 1000 == 1 else 5))
                     for n in range(first, min(docs, first + CHUNK))]
            with db.transaction():
                db.execute_many("INSERT INTO documents (document_id, first_seen_at, updated_at, current_version) "
                                "VALUES (?, ?, ?, ?)", [(r.document_id, now, now, r.extractor_version) for r in batch])
                db.execute_many(
                    "INSERT INTO document_versions (document_id, extractor_version, extractor_name, is_current, "
                    "recorded_at, payload, payload_sha256, source_uri, source_format, title, published, relevant) "
                    "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.document_id, r.extractor_version, r.extractor_name, now, r.payload,
                      r.version["payload_sha256"], r.version["source_uri"], r.version["source_format"],
                      r.version["title"], r.version["published"], r.version["relevant"]) for r in batch])
                for table, sql in _CHILD_INSERTS.items():
                    db.execute_many(sql, [row for r in batch for row in getattr(r, table)])
        db.execute("ANALYZE")
        findings = db.fetch_one("SELECT COUNT(*) FROM findings")[0]
    return {"documents": docs, "findings": int(findings), "build_seconds": round(time.perf_counter() - started, 1)}


def time_pages(url: str) -> dict:
    """Median and worst of REPEAT requests (after one warm-up) per page, in milliseconds."""
    from starlette.testclient import TestClient

    from .app import create_app

    long_doc = hashlib.sha256(b"bench 1").hexdigest()
    pages = {
        "overview": "/",
        "filtered list": "/?province=Ngh%E1%BB%87+An&status=violation&code=late_arrival"
                         "&date_from=2021-01-01&date_to=2023-12-31",
        "filtered list, unit name": "/?unit=x%C3%A3+4242",
        "list page 1000": "/?page=1000",
        "document page (60 sentences)": f"/documents/{long_doc}",
        "document page (5 sentences)": f"/documents/{hashlib.sha256(b'bench 2').hexdigest()}",
    }
    out = {}
    with TestClient(create_app(url), base_url="http://127.0.0.1") as client:
        for name, path in pages.items():
            times = []
            for _ in range(REPEAT + 1):
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
            times = times[1:]
            out[name] = {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    return out


def run_benchmark(docs: int, url: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="findings-review-bench-") as tmp:
        url = url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        built = build_register(url, docs)
        pages = time_pages(url)
    return {"register": built, "backend": url.split(":", 1)[0], "pages": pages}


def format_figures(figures: dict) -> str:
    reg = figures["register"]
    lines = [f"register: {reg['documents']} documents, {reg['findings']} findings ({figures['backend']}), "
             f"built in {reg['build_seconds']} s", f"{'page':32} {'median':>10} {'worst':>10}"]
    for name, t in figures["pages"].items():
        lines.append(f"{name:32} {t['median_ms']:>8.1f}ms {t['max_ms']:>8.1f}ms")
    lines.append("targets: overview and filtered lists < 1000 ms, document page < 300 ms")
    return "\n".join(lines)


