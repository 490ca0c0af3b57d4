"""The trained unit-role model: its features, training, the roles it re-decides, and the shipped model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractors.model import Evidence, Unit
from extractors.textcat import classify
from extractors.unit_role_model import LABELS, MODEL_DIR, assign_roles, features, label_of, train

ROOT = Path(__file__).resolve().parents[1]
REAL_GOLD = ROOT / "corpora" / "real" / "gold"
CACHE = Path(os.environ.get("FINDINGS_REAL_CACHE", Path.home() / ".cache" / "findings" / "real"))


def unit_in(text: str, name: str, role: str = "mentioned", level: str = "xa") -> Unit:
    start = text.index(name)
    return Unit(name, name, level, role, None, [], None, [[start, start + len(name)]],
                Evidence(text, [0, len(text)]))


# Our own sentences: a commune visited by a team, and a commune named only as a directive's issuer.
VISITED = ["Đoàn công tác đã kiểm tra tại {} và phát hiện 2 công chức đi muộn.",
           "Qua kiểm tra đột xuất ở {}, đoàn ghi nhận bộ phận một cửa chưa mở cửa đúng giờ."]
NAMED = ["Thực hiện công văn do {} ban hành về việc tăng cường kỷ cương.",
         "Theo báo cáo gửi {} hồi năm ngoái, số liệu chưa được cập nhật."]
PLACES = ["UBND xã Hòa Lợi", "UBND xã Tân Mỹ", "UBND phường Đông Sơn", "UBND xã Phú Điền"]


def _samples() -> list[tuple[list[str], str]]:
    out = []
    for place in PLACES:
        for pattern, label in [(p, "INSPECTED") for p in VISITED] + [(p, "MENTIONED") for p in NAMED]:
            text = pattern.format(place)
            out.append((features(text, None, unit_in(text, place)), label))
    return out * 3


def test_features_read_role_level_title_name_and_both_sides_of_each_mention():
    text = "Kiểm tra UBND xã Hòa Lợi\nĐoàn đến UBND xã Hòa Lợi lúc 7 giờ 30, sau đó làm việc với UBND xã Hòa Lợi."
    unit = unit_in(text, "UBND xã Hòa Lợi", role="inspected")
    unit.spans = [[i, i + 15] for i in range(len(text)) if text.startswith("UBND xã Hòa Lợi", i)]
    words = features(text, None, unit)
    assert words[:4] == ["<role=inspected>", "<level=xa>", "<n=3>", "<in_title>"]
    assert words[4:8] == ["n:ubnd", "n:xã", "n:hòa", "n:lợi"]
    assert words.count("<U>") == 3 and "l:đến" in words and "r:lúc" in words and "l:với" in words
    assert "<in_title>" not in features(text, "Một tiêu đề khác", unit)


def test_labels_prefer_inspected_then_inspector():
    assert [label_of(True, True), label_of(False, True), label_of(False, False)] == list(LABELS)


def test_training_is_reproducible_and_learns_the_contexts():
    one, two = train(_samples()), train(_samples())
    probe = "Đoàn công tác đã kiểm tra tại UBND xã Bình An và phát hiện 2 công chức đi muộn."
    words = features(probe, None, unit_in(probe, "UBND xã Bình An"))
    assert classify(one, words) == classify(two, words)
    assert classify(one, words)["INSPECTED"] > 0.5
    other = "Thực hiện công văn do UBND xã Bình An ban hành về việc tăng cường kỷ cương."
    assert classify(one, features(other, None, unit_in(other, "UBND xã Bình An")))["MENTIONED"] > 0.5


def test_a_sure_model_overrides_the_rules_and_the_inspecting_body_keeps_its_role():
    nlp = train(_samples())
    visited = "Đoàn công tác đã kiểm tra tại UBND xã Bình An và phát hiện 2 công chức đi muộn."
    named = "Thực hiện công văn do UBND xã Gia Hòa ban hành về việc tăng cường kỷ cương."
    text = visited + " " + named
    units = [unit_in(text, "UBND xã Bình An", role="mentioned"), unit_in(text, "UBND xã Gia Hòa", role="inspected"),
             unit_in(text, "Đoàn công tác", role="inspector", level="other")]
    assign_roles(units, text, None, nlp=nlp)
    assert [u.role for u in units] == ["inspected", "mentioned", "inspector"]


def test_the_shipped_model_says_what_it_was_trained_on_and_keeps_no_training_words():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert meta["split"] == "dev" and meta["units"] == sum(meta["labels"].values()) > 1000
    assert len(meta["training_data_sha256"]) == 64
    strings = json.loads((MODEL_DIR / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert "l:tại" not in strings and "n:ubnd" not in strings  # the weights are keyed by hashes alone


def test_extraction_names_both_trained_models():
    from extractors.engine import extract
    from pipeline.ingest.limits import Limits
    from pipeline.ingest.load import load_document

    path = ROOT / "corpora" / "sample" / "x06_neg_nd112_tomtat.pdf"
    components = extract(load_document(path, source_uri=path.name, limits=Limits()))["extractor"]["components"]
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert f"unit_role_model:{meta['training_data_sha256'][:12]}" in components
    assert any(c.startswith("relevance_model:") for c in components)


@pytest.mark.skipif(not (CACHE.is_dir() and any(CACHE.glob("r*.txt"))),
                    reason="real-report texts not gathered (corpora/real/README.md)")
def test_the_shipped_model_was_trained_on_the_current_dev_gold_and_rules():
    """Gold edited, a batch promoted or the unit rules changed without `findings train`: the model is stale."""
    from pipeline.quality.train import fingerprint, unit_samples

    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert meta["training_data_sha256"] == fingerprint(unit_samples(REAL_GOLD, CACHE, "dev"))


def test_the_switch_leaves_roles_to_the_rules_and_says_so(monkeypatch):
    from extractors.engine import extract
    from pipeline.ingest.limits import Limits
    from pipeline.ingest.load import load_document

    path = ROOT / "corpora" / "sample" / "x06_neg_nd112_tomtat.pdf"
    monkeypatch.setenv("FINDINGS_UNIT_ROLE_MODEL", "off")
    assert "unit_role_model:off" in extract(load_document(path, source_uri=path.name, limits=Limits()))["extractor"]["components"]
