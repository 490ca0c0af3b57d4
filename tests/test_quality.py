"""Quality regression: the scorer on the client's seed gold and on our own sample-corpus gold.

Thresholds sit a little under today's figures so a regression fails the build; raise them as
the extractors improve (figures in README.md).
"""

import json
from pathlib import Path

import pytest

from pipeline.quality.evaluate import evaluate
from pipeline.jobs.process import process_file

ROOT = Path(__file__).resolve().parents[1]
SHARED_GOLD = ROOT.parent / "shared" / "gold"
CORPUS_GOLD = ROOT / "corpora" / "gold"
HOLDOUT_GOLD = ROOT / "corpora" / "holdout"


@pytest.fixture(scope="module")
def corpus_report():
    return evaluate(CORPUS_GOLD, extract=process_file)


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared/ gold not beside the checkout")
def test_seed_gold_macro_f1():
    report = evaluate(SHARED_GOLD, extract=process_file)
    assert not report["failures"]
    assert report["macro_f1"] >= 0.90
    assert report["published_accuracy"] == 1.0
    for field in ("units", "dates", "doc_refs", "counts", "violations", "compliant", "sanctions"):
        assert report["fields"][field]["f1"] >= 0.9, field


def test_sample_corpus_macro_f1(corpus_report):
    assert not corpus_report["failures"]
    assert corpus_report["macro_f1"] >= 0.88
    assert corpus_report["published_accuracy"] >= 0.95
    assert min(f["f1"] for f in corpus_report["fields"].values()) >= 0.65


def test_holdout_macro_f1():
    """The once-blind sets written by other hands (corpora/holdout/README.md): a regression floor."""
    report = evaluate(HOLDOUT_GOLD, extract=process_file)
    assert not report["failures"] and report["documents"] == 60
    assert report["macro_f1"] >= 0.94
    assert min(f["f1"] for f in report["fields"].values()) >= 0.88
    negatives = [g for g in HOLDOUT_GOLD.glob("*.json")
                 if not any(json.loads(g.read_text(encoding="utf-8"))[k] for k in ("inspectors", "units", "counts"))]
    assert len(negatives) == 10
    for gold_file in negatives:
        assert process_file(gold_file.with_suffix(".txt"))["relevant"] is False, gold_file.name


def test_negatives_are_recognised_as_irrelevant():
    """Documents whose gold holds no facts (decree, weather, sports ...) come out relevant: false."""
    for gold_file in sorted(CORPUS_GOLD.glob("x*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        output = process_file((gold_file.parent / gold["text_file"]).resolve())
        assert output["relevant"] is False, gold_file.name
        assert output["findings"] == output["units"] == output["counts"] == [], gold_file.name
        assert output["relevance"]["reason"]


def test_bench_times_floor_and_pipeline_on_the_same_documents_in_turn(capsys):
    """`findings bench` prints the floor and our figures from one interleaved pass (no timing asserted)."""
    from pipeline.cli import main as findings_main

    assert findings_main(["bench", "--docs", "6", "--no-reprocess"]) == 0
    out = capsys.readouterr().out
    floor = next(line for line in out.splitlines() if line.startswith("floor: underthesea"))
    end = next(line for line in out.splitlines() if line.startswith("extraction, end to end"))
    assert floor.split()[-1] == "1.00" and float(end.split()[-1]) > 0
    assert "corpus: 6 generated news-sized documents" in out
