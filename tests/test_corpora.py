"""Checks on the evaluation corpus: source YAML, gold files, code coverage and build determinism."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from gold_schema import CODES, LIST_FIELDS, SANCTION_KINDS, check_gold_facts, is_iso

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SOURCE = CORPORA / "source"
GOLD = CORPORA / "gold"

FURNITURE_KEYS = {
    "html": {"site", "section", "byline"},
    "docx": {"issuer", "number", "place_date", "doc_type"},
    "pdf": {"issuer", "number", "place_date", "doc_type"},
    "txt": {"encoding"},
}


SOURCES = sorted(SOURCE.glob("*.yaml"))
GOLDS = sorted(GOLD.glob("*.json"))


def load_build_module():
    spec = importlib.util.spec_from_file_location("corpora_build", CORPORA / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_size():
    kinds = Counter()
    for path in SOURCES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds[(doc["format"], doc["gold"].get("relevant", True))] += 1
    assert sum(v for (fmt, rel), v in kinds.items() if rel and fmt != "txt") >= 34
    assert sum(v for (fmt, rel), v in kinds.items() if not rel) >= 6


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_source_yaml(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("title", "format", "kind", "published", "furniture", "body", "gold"):
        assert key in doc, key
    assert doc["format"] in FURNITURE_KEYS
    assert doc["kind"] in ("news", "minutes")
    assert isinstance(doc["title"], str) and doc["title"].strip()
    assert doc["published"] is None or is_iso(str(doc["published"]))
    assert FURNITURE_KEYS[doc["format"]] <= set(doc["furniture"]), doc["furniture"].keys()
    assert doc["body"], "empty body"
    for item in doc["body"]:
        if isinstance(item, dict):
            assert set(item) <= {"heading", "table"}
            if "table" in item:
                widths = {len(r) for r in item["table"]}
                assert len(widths) == 1, "ragged table"
                assert all(isinstance(c, str) for r in item["table"] for c in r)
        else:
            assert isinstance(item, str) and item.strip()
    if doc["format"] in ("docx", "pdf"):
        m = re.search(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", doc["furniture"]["place_date"])
        assert m and dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat() == str(doc["published"])
        assert doc["furniture"]["number"].startswith("Số: ")


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_gold_schema(path):
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["id"] == path.stem
    assert (GOLD / g["text_file"]).resolve().is_file(), g["text_file"]
    check_gold_facts(g)
    relevant = bool(g["inspectors"])
    if relevant:
        assert g["published"] is None or g["published"] in g["dates"]
    else:
        assert not any(g[key] for key in LIST_FIELDS), "irrelevant document with facts"


def test_every_sample_has_gold():
    samples = {p.stem for p in (CORPORA / "sample").iterdir()}
    golds = {p.stem for p in GOLDS}
    assert samples <= golds
    assert {p.stem for p in SOURCES} == golds


def test_code_coverage():
    seen = Counter()
    kinds = set()
    for path in GOLDS:
        g = json.loads(path.read_text(encoding="utf-8"))
        for code in set(g["violations"]) | set(g["compliant"]):
            seen[code] += 1
        kinds |= {s["kind"] for s in g["sanctions"]}
    thin = {c: seen[c] for c in CODES if seen[c] < 2}
    assert not thin, f"codes found in fewer than two documents: {thin}"
    assert kinds == SANCTION_KINDS


def test_seeds_copied():
    assert len(list((CORPORA / "seeds").glob("*.txt"))) == 5


def test_bad_corpus_present():
    bad = CORPORA / "bad"
    names = {p.name for p in bad.iterdir()}
    for name in ("truncated.pdf", "encrypted.pdf", "image_only.pdf", "empty.docx", "plain_text.docx",
                 "not_word_zip.docx", "zip_bomb.docx", "binary_junk.txt", "menu_only.html"):
        assert name in names
    assert (bad / "empty.docx").stat().st_size == 0
    for p in bad.iterdir():
        assert p.stat().st_size < 200_000, p.name


def test_zip_bomb_is_small_but_huge():
    import zipfile
    path = CORPORA / "bad" / "zip_bomb.docx"
    with zipfile.ZipFile(path) as z:
        expanded = sum(i.file_size for i in z.infolist())
    assert path.stat().st_size < 200_000 and expanded > 300 * 1024 * 1024


def test_tricky_encodings_round_trip():
    import unicodedata
    cp = (CORPORA / "bad" / "t01_quangtri_hailang_cp1258.txt").read_bytes()
    text = unicodedata.normalize("NFC", cp.decode("cp1258"))
    assert "Đoàn kiểm tra công vụ tỉnh Quảng Trị" in text
    assert "văn hoá" in text
    u16 = (CORPORA / "bad" / "t02_hungyen_vanlam_utf16.txt").read_bytes()
    assert u16[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert "Văn Lâm" in u16.decode("utf-16")


def test_build_is_reproducible(tmp_path):
    pytest.importorskip("fpdf")
    pytest.importorskip("docx")
    build = load_build_module()
    build.build(tmp_path)
    for sub in ("sample", "bad", "gold"):
        committed = {p.name for p in (CORPORA / sub).iterdir()}
        rebuilt = {p.name for p in (tmp_path / sub).iterdir()}
        assert committed == rebuilt, sub
        for name in rebuilt:
            if name.endswith((".html", ".txt", ".json")):
                assert (tmp_path / sub / name).read_bytes() == (CORPORA / sub / name).read_bytes(), name
