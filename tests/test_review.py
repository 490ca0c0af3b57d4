"""The review workbench without a browser: tables on SQLite and PostgreSQL, corrections, the corrected
view and gold, the diff of two versions, run changes, and the HTTP safety rules."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg import pg_cluster, register_url  # noqa: E402,F401  (fixtures)
from test_register import make_document  # noqa: E402

from pipeline.cli import main as findings_main  # noqa: E402
from pipeline.quality.evaluate import evaluate, load_gold  # noqa: E402
from pipeline.register import open_register  # noqa: E402
from pipeline.review import queries, store  # noqa: E402
from pipeline.review.app import create_app  # noqa: E402
from pipeline.review.diff import diff_outputs  # noqa: E402
from pipeline.review.export import export_gold, iter_reviewed_rows  # noqa: E402
from pipeline.review.items import (CorrectionError, build_added_item, corrected_output,  # noqa: E402
                                   reviewed_items)
from pipeline.review.security import UnsafeBind, check_bind  # noqa: E402

TEXT = ("Đoàn kiểm tra công vụ tỉnh Nghệ An kiểm tra UBND xã Nghi Phong ngày 26/8/2024. "
        "Phát hiện 2 công chức không đeo thẻ. Không có công chức đi làm muộn.")


def report(version: str = "1.0.0") -> dict:
    """A small output whose spans point into TEXT."""
    doc = make_document(1, version=version, published="2024-09-05")
    doc["text"] = TEXT
    doc["document_id"] = "d" * 64
    insp, unit = TEXT.index("Đoàn kiểm tra công vụ tỉnh Nghệ An"), TEXT.index("UBND xã Nghi Phong")
    badge, late = TEXT.index("không đeo thẻ"), TEXT.index("đi làm muộn")
    doc["inspections"] = [{"inspector": "Đoàn kiểm tra công vụ tỉnh Nghệ An"}]
    doc["units"] = [
        {"name": "Đoàn kiểm tra công vụ tỉnh Nghệ An", "canonical": "Đoàn kiểm tra công vụ tỉnh Nghệ An",
         "level": "other", "role": "inspector", "province": "Nghệ An", "spans": [[insp, insp + 34]]},
        {"name": "UBND xã Nghi Phong", "canonical": "UBND xã Nghi Phong", "level": "xa", "role": "inspected",
         "province": "Nghệ An", "spans": [[unit, unit + 18]]}]
    doc["dates"] = [{"value": "2024-08-26", "text": "26/8/2024", "role": "inspection",
                     "span": [TEXT.index("26/8/2024"), TEXT.index("26/8/2024") + 9]}]
    doc["counts"] = [{"value": 2, "total": None, "noun": "công chức", "code": "no_badge",
                      "span": [TEXT.index("2 công chức"), TEXT.index("2 công chức") + 11]}]
    doc["findings"] = [
        {"status": "violation", "code": "no_badge", "unit": None, "count": 2,
         "evidence": {"sentence": "Phát hiện 2 công chức không đeo thẻ.", "span": [badge - 22, badge + 14]},
         "cue_spans": [[badge, badge + 13]]},
        {"status": "compliant", "code": "late_arrival", "unit": None, "count": None,
         "evidence": {"sentence": "Không có công chức đi làm muộn.", "span": [late - 19, late + 12]},
         "cue_spans": [[late, late + 11]]}]
    doc["sanctions"], doc["recommendations"] = [], []
    return doc


def test_corrections_give_the_corrected_view():
    doc = report()
    corrections = [
        {"correction_id": "c1", "item": "findings:1", "action": "reject", "detail": {}},
        {"correction_id": "c2", "item": "findings:0", "action": "change", "detail": {"code": "improper_attire"}},
        {"correction_id": "c3", "item": "units:0", "action": "reject", "detail": {}},
        {"correction_id": "c4", "item": "add:c4", "action": "add",
         "detail": {"kind": "date", "item": build_added_item(TEXT, "date", 0, 4, "2024-09-05")}},
    ]
    corrected = corrected_output(doc, corrections)
    assert [(f["code"], f["status"]) for f in corrected["findings"]] == [("improper_attire", "violation")]
    assert [u["role"] for u in corrected["units"]] == ["inspected"]
    assert corrected["inspections"] == []  # the rejected inspector goes with its inspection
    assert [d["value"] for d in corrected["dates"]] == ["2024-08-26", "2024-09-05"]
    assert doc["findings"][1]["code"] == "late_arrival"  # machine output untouched
    states = {i.ref: i.state for i in reviewed_items(doc, corrections)}
    assert states["findings:1"] == "rejected" and states["findings:0"] == "changed" and states["add:c4"] == "added"
    # the last word on an item wins: accepting a rejected item brings it back
    again = corrections + [{"correction_id": "c5", "item": "findings:1", "action": "accept", "detail": {}}]
    assert len(corrected_output(doc, again)["findings"]) == 2


@pytest.mark.parametrize("kind, start, end, value, message", [
    ("violation", 0, 4, "no_such_code", "finding code"),
    ("date", 0, 4, "26/8", "ISO"),
    ("count", 0, 4, "", "whole number"),
    ("sanction", 0, 4, "flogging", "sanction kind"),
    ("inspected", 10, 5, "", "outside the text"),
    ("inspected", 0, 10_000, "", "outside the text"),
    ("wizard", 0, 4, "", "unknown kind"),
])
def test_bad_added_items_are_refused(kind, start, end, value, message):
    with pytest.raises(CorrectionError, match=message):
        build_added_item(TEXT, kind, start, end, value)


def test_diff_of_two_versions():
    old, new = report("1.0.0"), copy.deepcopy(report("1.1.0"))
    new["findings"][0]["status"] = "compliant"  # changed
    del new["findings"][1]  # removed
    new["doc_refs"] = [{"number": "318/KH-SNV", "span": [0, 4]}]  # added
    new["units"][1]["spans"] = [[1, 5]]  # moved only: not a change
    diff = diff_outputs(old, new)
    assert [(e["list"], e["label"]) for e in diff["added"]] == [("doc_refs", "318/KH-SNV")]
    assert [e["data"]["code"] for e in diff["removed"]] == ["late_arrival"]
    assert [(c["new"]["kind"], c["fields"]) for c in diff["changed"]] == [("compliant", ["status"])]
    assert diff["unchanged"] == 4  # 2 units, 1 date, 1 count
    assert diff_outputs(old, old)["unchanged"] == 6 and not diff_outputs(old, old)["changed"]


def test_version_choices_order_by_number(tmp_path):
    with open_register(f"sqlite:///{tmp_path / 'r.db'}") as reg:
        for n, version in enumerate(("1.10.0", "1.9.0", "1.2.0")):
            reg.record_document(make_document(n, version=version))
        assert queries.read_choices(reg.db)["versions"] == ["1.2.0", "1.9.0", "1.10.0"]


def test_review_tables_corrected_export_and_gold(register_url, tmp_path):
    """On SQLite and PostgreSQL: corrections are stored beside machine rows, which never change."""
    with open_register(register_url) as reg:
        reg.record_document(report())
        db = reg.db
        machine = db.fetch_all("SELECT code, status FROM findings ORDER BY idx")
        store.record_correction(db, "d" * 64, "1.0.0", "findings:1", "reject", {}, "Lan")
        store.record_correction(db, "d" * 64, "1.0.0", "", "add",
                                {"kind": "violation", "item": build_added_item(TEXT, "violation", 0, 4, "late_arrival")},
                                "Lan")
        with pytest.raises(CorrectionError):
            store.record_correction(db, "d" * 64, "1.0.0", "findings:0", "reject", {}, "  ")
        with pytest.raises(Exception):  # the reviewed version must exist
            store.record_correction(db, "d" * 64, "9.9.9", "findings:0", "reject", {}, "Lan")
        assert store.read_state(db, "d" * 64, "1.0.0")["state"] == "in_review"
        assert db.fetch_all("SELECT code, status FROM findings ORDER BY idx") == machine
        rows = iter_reviewed_rows(db, None)
        assert [(r["code"], r["status"], r["review"]) for r in rows] == [
            ("no_badge", "violation", "in_review"), ("late_arrival", "violation", "in_review")]
        assert export_gold(db, tmp_path / "gold") == []  # only documents marked reviewed
        store.set_state(db, "d" * 64, "1.0.0", "reviewed", "Lan")
        store.record_correction(db, "d" * 64, "1.0.0", "findings:0", "accept", {}, "Minh")
        assert store.read_state(db, "d" * 64, "1.0.0") | {"updated_at": None} == {
            "state": "reviewed", "reviewer": "Lan", "updated_at": None}  # a later correction keeps it reviewed
        [path] = export_gold(db, tmp_path / "gold")
        reg.record_document(report("1.1.0"))  # a new version is not reviewed yet
        assert store.corrected_versions(db) == []
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["violations"] == ["no_badge", "late_arrival"] and gold["compliant"] == []
    assert gold["units"] == [["UBND xã Nghi Phong"]] and gold["dates"] == ["2024-08-26"]
    assert (path.parent / gold["text_file"]).read_text(encoding="utf-8") == TEXT
    [loaded] = load_gold(path.parent)
    scored = evaluate(path.parent, extract=lambda _path: report())
    assert scored["fields"]["violations"]["fn"] == 1 and scored["fields"]["compliant"]["fp"] == 1
    assert loaded["id"] == gold["id"]


def test_cli_export_reviewed(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    with open_register(url) as reg:
        reg.record_document(report())
        store.record_correction(reg.db, "d" * 64, "1.0.0", "findings:0", "change", {"status": "compliant"}, "Lan")
    assert findings_main(["register", "export", "--db", url, "--reviewed", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(",review") and len(lines) == 3
    assert ",no_badge,compliant," in lines[1] and lines[1].endswith(",in_review")
    assert findings_main(["register", "export", "--db", url]) == 0
    assert '"status": "violation"' in capsys.readouterr().out  # the machine view is unchanged


def test_overview_filters_and_run_changes(register_url):
    with open_register(register_url) as reg:
        first = reg.start_run("extract")
        reg.record_document(report(), run_id=first)
        reg.record_document(make_document(2, published="2022-02-12"), run_id=first)
        again = reg.start_run("reprocess", {"extractor_version": "1.1.0"})
        newer = report("1.1.0")
        newer["findings"][1]["status"] = "violation"
        reg.record_document(newer, run_id=again)
        db = reg.db
        everything = queries.read_overview(db, queries.Filters())
        assert everything["documents"] == 2 and everything["findings"] == 4
        assert everything["by_code"]["late_arrival"] == {"violation": 1}
        assert everything["by_month"] == {"2022-02": 2, "2024-09": 2}
        picked = queries.Filters.from_params({"province": "Nghệ An", "date_from": "2024-01-01", "unit": "nghi phong",
                                              "status": "violation", "date_to": "not a date"})
        assert picked.date_to == ""
        assert queries.read_overview(db, picked)["by_code"] == {"no_badge": {"violation": 1},
                                                                "late_arrival": {"violation": 1}}
        listing = queries.read_document_list(db, picked, 1)
        assert [(r["violations"], r["compliant"], r["review"]) for r in listing["rows"]] == [(2, 0, "unreviewed")]
        assert queries.read_document_list(db, queries.Filters(version="1.0.0"), 1)["total"] == 1
        # the unit filter goes through the trigram index (3+ characters) or a scan (shorter), any case
        for unit, total in (("NGHI PHONG", 1), ("không có đơn vị này", 0), ("ng", 2), ('x" OR "', 0)):
            assert queries.read_document_list(db, queries.Filters(unit=unit), 1)["total"] == total, unit
        assert queries.read_document_list(db, queries.Filters(review="reviewed"), 1)["total"] == 0
        changes = queries.read_run_changes(db, again)
        assert [d["document_id"] for d in changes["changed"]] == ["d" * 64]
        assert changes["codes"] == [
            {"code": "late_arrival", "status": "compliant", "before": 1, "after": 0, "documents": 1},
            {"code": "late_arrival", "status": "violation", "before": 0, "after": 1, "documents": 1}]
        assert len(queries.read_run_changes(db, first)["new"]) == 2


@pytest.fixture
def client(tmp_path):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    with open_register(url) as reg:
        reg.record_document(report())
    with TestClient(create_app(url, reviewer="Lan"), base_url="http://127.0.0.1") as c:
        yield c


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_posts_need_the_csrf_token_and_same_origin(client):
    page = client.get(f"/documents/{'d' * 64}").text
    form = {"csrf": _csrf(page), "version": "1.0.0", "item": "findings:0", "action": "reject"}
    assert client.post(f"/documents/{'d' * 64}/review", data={**form, "csrf": "forged"}).status_code == 403
    assert client.post(f"/documents/{'d' * 64}/review", data=form,
                       headers={"Origin": "http://evil.example"}).status_code == 403
    client.cookies.clear()
    assert client.post(f"/documents/{'d' * 64}/review", data=form).status_code == 403
    page = client.get(f"/documents/{'d' * 64}").text
    ok = client.post(f"/documents/{'d' * 64}/review", data={**form, "csrf": _csrf(page)}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].endswith("#item-findings:0")
    assert 'class="item rejected"' in client.get(ok.headers["location"]).text


def test_pages_render_and_carry_a_strict_policy(client):
    for path in ("/", "/?province=Ngh%E1%BB%87+An&page=x", f"/documents/{'d' * 64}", "/runs", "/static/review.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding


def test_token_is_required_beyond_loopback(tmp_path):
    with pytest.raises(UnsafeBind):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "s3cret")
    check_bind("::1", None)
    assert findings_main(["review", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path}/r.sqlite"]) == 2
    app = create_app(f"sqlite:///{tmp_path}/r.sqlite", token="s3cret", loopback_only=False)
    with TestClient(app, base_url="http://192.0.2.10") as c:
        assert c.get("/").status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        first = c.get("/runs?token=s3cret", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/runs"
        assert c.get("/runs").status_code == 200  # the cookie carries it now


def test_review_bench_prints_figures(tmp_path, capsys):
    assert findings_main(["review", "bench", "--docs", "300", "--db", f"sqlite:///{tmp_path}/b.sqlite"]) == 0
    out = capsys.readouterr().out
    assert "300 documents" in out and re.search(r"overview\s+\d+\.\d+ms", out)
