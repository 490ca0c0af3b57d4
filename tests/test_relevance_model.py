"""The trained relevance model: `findings train`, the shipped model, and its vote in the relevance score."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractors.relevance import score_relevance
from extractors.relevance_model import MODEL_DIR, model_input, probability, report_probability, train
from pipeline.cli import main as cli_main
from pipeline.quality.train import fingerprint, folds, load_samples, unit_samples

ROOT = Path(__file__).resolve().parents[1]
REAL_GOLD = ROOT / "corpora" / "real" / "gold"
CACHE = Path(os.environ.get("FINDINGS_REAL_CACHE", Path.home() / ".cache" / "findings" / "real"))

# Our own short texts: three reports of checks with results, three near misses (plan, training, ranking).
REPORTS = [
    "Đoàn kiểm tra công vụ của Sở Nội vụ kiểm tra đột xuất UBND xã An Phú, phát hiện 3 công chức đi muộn, "
    "1 công chức không đeo thẻ; đoàn đề nghị kiểm điểm các cá nhân vi phạm.",
    "Qua kiểm tra tại bộ phận một cửa huyện Bình Sơn, đoàn phát hiện 12 hồ sơ trễ hạn, chưa niêm yết thủ tục "
    "hành chính; Chủ tịch UBND huyện đã phê bình trưởng bộ phận.",
    "Ủy ban Kiểm tra Huyện ủy thi hành kỷ luật khiển trách 2 đảng viên tại Đảng ủy xã Tân Lập vì vi phạm "
    "quy định trong quản lý đất đai, qua kiểm tra khi có dấu hiệu vi phạm.",
]
NEGATIVES = [
    "UBND tỉnh ban hành kế hoạch kiểm tra công vụ năm 2025; từ tháng sau đoàn sẽ kiểm tra các sở, ngành "
    "theo lịch được thông báo trước.",
    "Sở Nội vụ tổ chức lớp tập huấn nghiệp vụ văn thư, lưu trữ cho cán bộ, công chức cấp xã trong hai ngày.",
    "Tỉnh ta xếp thứ 12 về chỉ số cải cách hành chính, nhích lên 5 hạng so với kỳ trước.",
]


def test_the_shipped_model_ranks_plain_reports_above_near_misses():
    """Alone it is a weak judge (a training course about công chức reads much like a check), hence one signal."""
    reports = [report_probability(t, None) for t in REPORTS]
    negatives = [report_probability(t, None) for t in NEGATIVES]
    assert min(reports) > 0.5 and min(reports) > max(negatives)
    assert sum(p < 0.5 for p in negatives) >= 2


def test_the_shipped_model_says_what_it_was_trained_on_and_keeps_no_training_words():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert meta["split"] == "dev" and meta["documents"] > meta["reports"] > 0
    assert len(meta["training_data_sha256"]) == 64
    strings = json.loads((MODEL_DIR / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert "phát" not in strings and "kiểm" not in strings  # the weights are keyed by hashes alone


def test_the_model_vote_is_one_weighted_signal_of_the_relevance_score():
    """Weight 0.5 × (p − 0.6): a sure vote moves a borderline document, never outweighs the rules alone;
    a document the rules put right at the threshold needs the model above 0.6."""
    text, signals = "Ông Nguyễn Văn A làm việc với xã Bình Minh.", {"inspectors": 1, "findings": 0, "sanctions": 0,
                                                                   "inspected_units": 0}
    rules = score_relevance(text, None, **signals)
    assert "trained model" not in rules["reason"] and rules["score"] == 0.4
    voted = {p: score_relevance(text, None, **signals, report_probability=p) for p in (0.0, 0.6, 1.0)}
    assert [voted[p]["score"] for p in (0.0, 0.6, 1.0)] == [0.1, 0.4, 0.6]
    assert [voted[p]["relevant"] for p in (0.0, 0.6, 1.0)] == [False, False, True]
    assert "trained model 1.00" in voted[1.0]["reason"]
    at_threshold = {**signals, "inspected_units": 1}  # the rules alone: 0.5
    assert score_relevance(text, None, **at_threshold)["relevant"]
    assert [score_relevance(text, None, **at_threshold, report_probability=p)["relevant"] for p in (0.55, 0.65)] == [False, True]


def test_extraction_reports_the_model_vote():
    from extractors.engine import extract
    from pipeline.ingest.limits import Limits
    from pipeline.ingest.load import load_document

    path = ROOT / "corpora" / "sample" / "x06_neg_nd112_tomtat.pdf"  # a decree explained: discipline words, no check
    out = extract(load_document(path, source_uri=path.name, limits=Limits()))
    assert out["relevant"] is False and "trained model" in out["relevance"]["reason"]
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert f"relevance_model:{meta['training_data_sha256'][:12]}" in out["extractor"]["components"]


def test_model_input_is_title_and_opening_folded_and_capped():
    text = model_input("Đoàn KIỂM TRA " * 400, "Tiêu Đề")
    assert text.startswith("tiêu đề\nđoàn kiểm tra") and len(text) == 2000


def test_training_is_reproducible_and_learns_the_labels():
    samples = [(t.lower(), True) for t in REPORTS] + [(t.lower(), False) for t in NEGATIVES]
    one, two = train(samples * 4), train(samples * 4)
    probe = "đoàn kiểm tra phát hiện 2 công chức đi muộn tại ubnd phường"
    assert probability(one, probe) == probability(two, probe)
    assert probability(one, REPORTS[1].lower()) > 0.5 > probability(one, NEGATIVES[1].lower())


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A gold directory with an index: two dev reports, two dev negatives and one blind report."""
    gold, texts = tmp_path / "real" / "gold", tmp_path / "texts"
    gold.mkdir(parents=True)
    texts.mkdir()
    rows = ["id\turl\tquery\tchars\tsha256\tprovince\tgenre\tsplit"]
    cases = [("r001", REPORTS[0], True, "dev"), ("r002", NEGATIVES[0], False, "dev"),
             ("r003", REPORTS[1], True, "dev"), ("r004", NEGATIVES[1], False, "dev"),
             ("r005", REPORTS[2], True, "blind")]
    for doc_id, text, relevant, split in cases:
        (texts / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
        (gold / f"{doc_id}.json").write_text(json.dumps({"id": doc_id, "text_file": f"{doc_id}.txt", "relevant": relevant}),
                                             encoding="utf-8")
        rows.append(f"{doc_id}\thttp://x/{doc_id}\tq\t0\t-\tX\t{'discipline' if relevant else 'neg_plan'}\t{split}")
    (gold.parent / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return gold, texts


def test_findings_train_reads_dev_only_and_writes_a_loadable_model(tmp_path, capsys):
    gold, texts = _corpus(tmp_path)
    out = tmp_path / "model"
    assert cli_main(["train", str(gold), "--texts", str(texts), "--out", str(out), "--folds", "2"]) == 0
    printed = capsys.readouterr().out
    assert "4 documents: 2 reports, 2 negatives" in printed and "held out r001–r002" in printed
    meta = json.loads((out / "relevance" / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert meta["documents"] == 4  # the blind document never reaches the model
    assert meta["training_data_sha256"] == fingerprint(load_samples(gold, texts, "dev"))
    import spacy

    assert 0.0 <= probability(spacy.load(out / "relevance"), "đoàn kiểm tra") <= 1.0
    roles = json.loads((out / "unit_roles" / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert roles["units"] > 0 and roles["training_data_sha256"] == fingerprint(unit_samples(gold, texts, "dev"))


def test_findings_train_without_the_texts_says_where_to_get_them(tmp_path, capsys):
    gold, _ = _corpus(tmp_path)
    assert cli_main(["train", str(gold), "--texts", str(tmp_path / "absent"), "--out", str(tmp_path / "m")]) == 2
    assert "gather it first" in capsys.readouterr().out


def test_folds_are_contiguous_blocks_in_id_order():
    samples = [(f"r{i:03d}", "t", i % 2 == 0) for i in (5, 1, 4, 2, 3)]
    assert [[s[0] for s in block] for block in folds(samples, 2)] == [["r001", "r002", "r003"], ["r004", "r005"]]
    longer = [(i, "t", True) for i in ("r1000", "r998", "r1001", "r999")]  # ids grew a digit
    assert [[s[0] for s in block] for block in folds(longer, 2)] == [["r998", "r999"], ["r1000", "r1001"]]


@pytest.mark.skipif(not (CACHE.is_dir() and any(CACHE.glob("r*.txt"))),
                    reason="real-report texts not gathered (corpora/real/README.md)")
def test_the_shipped_model_was_trained_on_the_current_dev_gold():
    """Gold edited or a batch promoted without `findings train`: the shipped model is stale."""
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["findings"]
    assert meta["training_data_sha256"] == fingerprint(load_samples(REAL_GOLD, CACHE, "dev"))
