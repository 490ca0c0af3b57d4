"""The register suite: every test that takes `register_url` runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg import pg_cluster, register_url  # noqa: E402,F401  (fixtures)

from pipeline.register import RegisterError, open_register  # noqa: E402
from pipeline.register.cli import main as cli_main  # noqa: E402
from pipeline.register.db import connect_database, redact_url, sqlite_path  # noqa: E402
from pipeline.register.migrations import apply_migrations, current_revision, head_revision  # noqa: E402

HANOI_SO = {"name": "Sở LĐTB&XH", "canonical": "Sở Lao động, Thương binh và Xã hội Hà Nội", "level": "so",
            "role": "inspected", "province": "Hà Nội", "spans": [[412, 422]]}
XA_NGHE_AN = {"name": "UBND xã Nghi Phú", "canonical": "UBND xã Nghi Phú", "level": "xa", "role": "mentioned",
              "province": "Nghệ An", "spans": [[500, 516]]}


def finding(code: str, status: str = "violation", unit: str | None = None, count: int | None = None) -> dict:
    return {"status": status, "code": code, "unit": unit, "count": count,
            "evidence": {"sentence": f"Câu về {code}.", "span": [10, 40]}}


def make_document(n: int, *, version: str = "1.0.0", published: str | None = "2022-02-12",
                  units: list | None = None, findings: list | None = None, title: str | None = None) -> dict:
    """A small output document following output.md."""
    text = f"Văn bản kiểm tra số {n}: Đoàn kiểm tra phát hiện vi phạm."
    return {
        "schema_version": "1.0",
        "document_id": hashlib.sha256(text.encode()).hexdigest(),
        "source": {"uri": f"corpora/doc{n}.pdf", "format": "pdf", "kind": "minutes",
                   "sha256": hashlib.sha256(f"raw{n}".encode()).hexdigest()},
        "title": title if title is not None else f"Kiểm tra công vụ đột xuất số {n}",
        "published": published,
        "relevant": True,
        "relevance": {"score": 0.97, "reason": "inspection report"},
        "text": text,
        "units": [HANOI_SO, XA_NGHE_AN] if units is None else units,
        "counts": [{"value": 91, "total": None, "noun": "cán bộ", "code": "absent_without_reason",
                    "span": [2210, 2260]}],
        "findings": [finding("absent_without_reason", count=91), finding("no_badge", "compliant", "UBND xã Nghi Phú")]
        if findings is None else findings,
        "sanctions": [{"kind": "khien_trach", "count": 4, "unit": HANOI_SO["canonical"],
                       "evidence": {"sentence": "Khiển trách 4 người.", "span": [0, 10]}}],
        "recommendations": [{"text": "Chấn chỉnh kỷ luật hành chính", "deadline": "2022-03-31",
                             "span": [3000, 3030]}],
        "extractor": {"name": "findings", "version": version},
    }


@pytest.fixture
def reg(register_url):
    with open_register(register_url) as register:
        yield register


def count_rows(register, table: str, **where) -> int:
    clause = " AND ".join(f"{k} = ?" for k in where) or "1 = 1"
    return register.db.fetch_one(f"SELECT COUNT(*) FROM {table} WHERE {clause}", tuple(where.values()))[0]


def test_migrations_are_recorded_once(register_url):
    with open_register(register_url) as r:
        first = r.db.fetch_all("SELECT version_num FROM alembic_version")
    with open_register(register_url) as r:
        again = r.db.fetch_all("SELECT version_num FROM alembic_version")
    assert first == [(head_revision(),)]
    assert again == first


def test_older_schema_is_upgraded(register_url):
    db = connect_database(register_url)
    try:
        assert apply_migrations(db, upto="0001") == ["0001"]
        with pytest.raises(Exception):
            db.fetch_all("SELECT * FROM deliveries")
    finally:
        db.close()
    with open_register(register_url) as r:
        assert current_revision(r.db) == head_revision()
        assert r.db.fetch_all("SELECT * FROM deliveries") == []


def test_runs_of_dead_processes_are_closed_as_interrupted(reg):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = reg.start_run("reprocess", {"archive": "a"})
    reg.db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead.pid, orphan))
    live = reg.start_run("nightly")  # this process: alive, left alone
    third = reg.start_run("publish")
    assert reg.run(orphan)["status"] == "interrupted"
    assert f"process {dead.pid}" in reg.run(orphan)["summary"]["interrupted"]
    assert reg.run(orphan)["finished_at"]
    assert [reg.run(r)["status"] for r in (live, third)] == ["running", "running"]
    assert reg.run(live)["pid"] == os.getpid()


def test_same_version_changes_nothing(reg):
    doc = make_document(1)
    assert reg.record_document(doc) == "inserted"
    assert reg.has(doc["document_id"], "1.0.0")
    assert not reg.has(doc["document_id"], "1.0.1")
    before = reg.show(doc["document_id"])
    altered = dict(doc, title="Tiêu đề khác", findings=[])
    assert reg.record_document(altered) == "unchanged"
    assert reg.show(doc["document_id"]) == before
    assert reg.payload(doc["document_id"]) == json.dumps(doc, ensure_ascii=False)
    stats = reg.stats()
    assert (stats["documents"], stats["versions"], stats["findings"]) == (1, 1, 2)


def test_new_version_supersedes_and_keeps_history(reg):
    v1 = make_document(1)
    v2 = make_document(1, version="1.1.0", findings=[finding("late_arrival", count=3)])
    doc_id = v1["document_id"]
    assert reg.record_document(v1) == "inserted"
    assert reg.record_document(v2) == "superseded"
    shown = reg.show(doc_id)
    assert shown["current_version"] == "1.1.0"
    old, new = shown["versions"]
    assert (old["extractor_version"], old["current"], new["current"]) == ("1.0.0", False, True)
    assert old["superseded_at"] and old["superseded_by"] == "1.1.0" and new["superseded_at"] is None
    assert [f["code"] for f in old["findings"]] == ["absent_without_reason", "no_badge"]
    assert {f["extractor_version"] for f in old["findings"]} == {"1.0.0"}
    assert [(f["code"], f["extractor_version"]) for f in new["findings"]] == [("late_arrival", "1.1.0")]
    assert {u["extractor_version"] for u in shown["units"]} == {"1.1.0"}
    assert count_rows(reg, "units", extractor_version="1.0.0") == 2  # history stays queryable
    stats = reg.stats()
    assert (stats["documents"], stats["versions"], stats["superseded_versions"], stats["findings"]) == (1, 2, 1, 1)
    assert stats["findings_by_code"] == {"late_arrival": {"violation": 1}}
    assert reg.record_document(v1) == "unchanged"
    assert reg.show(doc_id)["current_version"] == "1.1.0"
    assert json.loads(reg.payload(doc_id, "1.0.0")) == v1


def test_failed_document_leaves_nothing_behind(reg):
    good = make_document(1)
    reg.record_document(good)
    broken = make_document(1, version="2.0.0", findings=[finding("late_arrival"), {"status": "violation"}])
    with pytest.raises(RegisterError):
        reg.record_document(broken)
    assert not reg.has(good["document_id"], "2.0.0")
    assert reg.show(good["document_id"])["current_version"] == "1.0.0"
    assert [v["current"] for v in reg.show(good["document_id"])["versions"]] == [True]
    for table in ("units", "findings", "finding_provinces", "counts", "sanctions", "recommendations"):
        assert count_rows(reg, table, extractor_version="2.0.0") == 0, table
    fresh = make_document(2, findings=[{"code": "no_badge"}])
    with pytest.raises(RegisterError):
        reg.record_document(fresh)
    assert count_rows(reg, "documents", document_id=fresh["document_id"]) == 0
    assert reg.stats()["documents"] == 1


def test_record_requires_identity(reg):
    doc = make_document(1)
    del doc["extractor"]["version"]
    with pytest.raises(ValueError, match="extractor.version"):
        reg.record_document(doc)


def test_stats_breakdowns(reg):
    reg.record_document(make_document(1, published="2022-02-12"))  # null unit -> Hà Nội; xã unit -> Nghệ An
    reg.record_document(make_document(2, published="2022-03-01", findings=[finding("late_arrival", count=2)]))
    reg.record_document(make_document(3, published=None, units=[], findings=[finding("no_badge")]))
    reg.record_set_aside("corpora/scan.pdf", "ab" * 32, "needs_ocr")
    reg.record_set_aside("corpora/x.bin", None, "unsupported_format", "magic bytes 7f454c46")
    reg.record_set_aside("corpora/x.bin", None, "unsupported_format", "again, in a later run")
    stats = reg.stats()
    assert stats["documents"] == 3 and stats["findings"] == 4
    assert stats["findings_by_status"] == {"compliant": 1, "violation": 3}
    assert stats["findings_by_code"] == {"absent_without_reason": {"violation": 1},
                                         "late_arrival": {"violation": 1},
                                         "no_badge": {"compliant": 1, "violation": 1}}
    assert stats["findings_by_province"] == {"Hà Nội": 2, "Nghệ An": 1, "(unknown)": 1}
    assert stats["findings_by_month"] == {"2022-02": 2, "2022-03": 1, "(unknown)": 1}
    assert stats["documents_by_month"] == {"2022-02": 1, "2022-03": 1, "(unknown)": 1}
    assert stats["set_aside"] == 2
    assert stats["set_aside_by_reason"] == {"needs_ocr": 1, "unsupported_format": 1}
    assert (stats["sanctions"], stats["recommendations"]) == (3, 3)
    json.dumps(stats)  # the CLI prints it as JSON


def test_export_filters_by_published_date(reg):
    reg.record_document(make_document(1, published="2022-02-12"))
    reg.record_document(make_document(2, published="2023-01-05", findings=[finding("late_arrival", count=2)]))
    out = io.StringIO()
    assert reg.export("2022-06-01", "jsonl", out) == 1
    (row,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (row["code"], row["published"], row["provinces"], row["extractor_version"]) == \
        ("late_arrival", "2023-01-05", ["Hà Nội"], "1.0.0")
    out = io.StringIO()
    assert reg.export(None, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["code"], r["provinces"]) for r in rows] == \
        [("absent_without_reason", "Hà Nội"), ("no_badge", "Nghệ An"), ("late_arrival", "Hà Nội")]
    with pytest.raises(ValueError):
        reg.export(None, "xml", io.StringIO())


def test_runs_and_set_aside_lineage(reg):
    run_id = reg.start_run("extract", {"corpus": "corpora"})
    doc = make_document(1)
    reg.record_document(doc, run_id=run_id)
    reg.record_set_aside("corpora/locked.pdf", "cd" * 32, "encrypted", run_id=run_id)
    reg.finish_run(run_id, {"documents": 1, "set_aside": 1})
    run = reg.run(run_id)
    assert (run["kind"], run["status"], run["params"], run["summary"]) == \
        ("extract", "ok", {"corpus": "corpora"}, {"documents": 1, "set_aside": 1})
    assert run["finished_at"] >= run["started_at"]
    shown = reg.show(doc["document_id"])
    assert shown["versions"][0]["run_id"] == run_id
    assert [(r["text"], r["deadline"], r["span_start"], r["extractor_version"]) for r in shown["recommendations"]] \
        == [("Chấn chỉnh kỷ luật hành chính", "2022-03-31", 3000, "1.0.0")]
    assert [(s["kind"], s["count"], s["span_start"]) for s in shown["sanctions"]] == [("khien_trach", 4, 0)]
    assert [(c["value"], c["code"]) for c in shown["counts"]] == [(91, "absent_without_reason")]
    assert reg.db.fetch_all("SELECT reason, run_id FROM set_aside") == [("encrypted", run_id)]
    with pytest.raises(ValueError):
        reg.record_set_aside("x", None, "no_such_reason")
    with pytest.raises(RegisterError):
        reg.finish_run("no-such-run", {})


def test_hostile_values_round_trip(reg):
    title = "O'Brien \"; DROP TABLE findings; -- ? %s %(x)s $1 Hội đồng"
    doc = make_document(1, title=title, findings=[finding("other", unit="Phòng '?' %s")])
    reg.record_document(doc)
    shown = reg.show(doc["document_id"])
    assert shown["title"] == title
    assert shown["versions"][0]["findings"][0]["unit"] == "Phòng '?' %s"
    assert reg.payload(doc["document_id"]) == json.dumps(doc, ensure_ascii=False)
    assert reg.stats()["findings"] == 1


def test_show_accepts_unique_prefix(reg):
    doc = make_document(1)
    reg.record_document(doc)
    assert reg.show(doc["document_id"][:12])["document_id"] == doc["document_id"]
    assert reg.show("0" * 64) is None
    assert reg.show(doc["document_id"][:3]) is None  # too short to trust


def record_concurrently(url: str, doc: dict, writers: int = 4) -> list[str]:
    """The same document recorded by several connections at once; returns their outcomes."""
    results, errors = [], []
    barrier = threading.Barrier(writers)

    def write() -> None:
        try:
            with open_register(url) as r:
                barrier.wait()
                results.append(r.record_document(doc))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    return sorted(results)


def test_concurrent_writers_record_once(register_url):
    assert record_concurrently(register_url, make_document(1)) == ["inserted"] + ["unchanged"] * 3
    newer = make_document(1, version="1.1.0")
    assert record_concurrently(register_url, newer) == ["superseded"] + ["unchanged"] * 3
    with open_register(register_url) as r:
        assert [v["current"] for v in r.show(newer["document_id"])["versions"]] == [False, True]


def test_cli_load_stats_show_export(register_url, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FINDINGS_CONFIG", raising=False)
    out_dir = tmp_path / "out"
    (out_dir / "sub").mkdir(parents=True)
    docs = [make_document(i, published=f"2022-0{i}-10") for i in (1, 2, 3)]
    for i, doc in enumerate(docs):
        (out_dir / ("sub" if i else ".") / f"{doc['document_id'][:8]}.json").write_text(
            json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (out_dir / "manifest.json").write_text(json.dumps({"summary": {"inputs": 5}, "entries": [
        {"input": "corpora/a.pdf", "status": "processed", "document_id": docs[0]["document_id"]},
        {"input": "corpora/scan.pdf", "status": "set_aside", "reason": "needs_ocr", "detail": "no text layer"}]}))
    (out_dir / "notes.json").write_text(json.dumps({"documents": 3}))
    (out_dir / "broken.json").write_text("{not json")
    assert cli_main(["register", "load", str(out_dir), "--db", register_url]) == 1
    loaded = json.loads(capsys.readouterr().out)
    assert (loaded["inserted"], loaded["set_aside"], loaded["skipped"], loaded["failed"]) == (3, 1, 1, 1)
    assert cli_main(["register", "load", str(out_dir), "--db", register_url]) == 1
    assert json.loads(capsys.readouterr().out)["unchanged"] == 3

    assert cli_main(["register", "stats", "--json", "--db", register_url]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["documents"], stats["findings"], stats["runs"]) == (3, 6, 2)
    assert stats["set_aside_by_reason"] == {"needs_ocr": 1}  # loaded twice, one file
    assert cli_main(["register", "stats", "--db", register_url]) == 0
    assert "documents: 3" in capsys.readouterr().out

    assert cli_main(["register", "show", docs[1]["document_id"], "--db", register_url]) == 0
    assert json.loads(capsys.readouterr().out)["source_uri"] == "corpora/doc2.pdf"
    assert cli_main(["register", "show", "f" * 64, "--db", register_url]) == 1

    monkeypatch.setenv("FINDINGS_DB_URL", register_url)  # the env var stands in for --db
    assert cli_main(["register", "export", "--since", "2022-02-01", "--format", "csv", "--out", "f.csv"]) == 0
    rows = list(csv.DictReader((tmp_path / "f.csv").open(encoding="utf-8")))
    assert len(rows) == 4 and {r["published"] for r in rows} == {"2022-02-10", "2022-03-10"}


# -- backend-independent --------------------------------------------------------------------------------------

def test_sqlite_url_forms(tmp_path, monkeypatch):
    assert sqlite_path("sqlite:///outputs/findings.sqlite") == "outputs/findings.sqlite"
    assert sqlite_path("sqlite:////var/lib/f.sqlite") == "/var/lib/f.sqlite"
    assert sqlite_path("plain/file.sqlite") == "plain/file.sqlite"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FINDINGS_DB_URL", raising=False)
    with open_register() as r:  # the embedded default
        r.record_document(make_document(1))
    assert (tmp_path / "outputs" / "findings.sqlite").is_file()
    monkeypatch.setenv("FINDINGS_DB_URL", f"sqlite:///{tmp_path}/env.sqlite")
    with open_register() as r:
        assert r.stats()["documents"] == 0
    assert (tmp_path / "env.sqlite").is_file()
    with pytest.raises(RegisterError, match="unsupported"):
        open_register("mysql://u:pw@host/db")


def test_credentials_never_leak_from_db_errors():
    assert redact_url("postgresql://findings:s3cretpw@db.internal:5432/reg?sslmode=require") == \
        "postgresql://findings@db.internal:5432/reg"
    with pytest.raises(RegisterError) as info:
        open_register("postgresql://findings:s3cretpw@127.0.0.1:1/reg")
    assert "s3cretpw" not in str(info.value) and "127.0.0.1:1" in str(info.value)
