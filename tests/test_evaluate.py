"""The scorer (pipeline.quality.evaluate) against hand-computed scores, and a smoke test of the baseline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pipeline.quality import evaluate as ev
from pipeline.errors import SetAside
from pipeline.cli import main
from pipeline.exits import UsageError

SHARED_GOLD = Path("/work/shared/gold")
# The fallback in evaluate.py and the one in use (the same until extractors.abbreviations is wired in).
NORMALISERS = [ev.normalise_name]
EMPTY_GOLD = {"published": None, "inspectors": [], "units": [], "dates": [], "doc_refs": [], "counts": [],
              "violations": [], "compliant": [], "sanctions": []}


def write_gold(gold_dir: Path, doc_id: str, **fields) -> None:
    gold_dir.mkdir(parents=True, exist_ok=True)
    (gold_dir / f"{doc_id}.txt").write_text("text", encoding="utf-8")
    gold = {"id": doc_id, "text_file": f"{doc_id}.txt", **EMPTY_GOLD, **fields}
    (gold_dir / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def write_pred(pred_dir: Path, name: str, **fields) -> None:
    pred_dir.mkdir(parents=True, exist_ok=True)
    output = {"relevant": True, "published": None, **fields}
    (pred_dir / f"{name}.json").write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")


def score_one(tmp_path: Path, gold: dict, pred: dict) -> dict:
    """Report of one document with `gold` fields and prediction `pred`."""
    write_gold(tmp_path / "gold", "d1", **gold)
    write_pred(tmp_path / "pred", "d1", **pred)
    return ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")


def tally(report: dict, field: str) -> tuple[int, int, int]:
    s = report["fields"][field]
    return s["tp"], s["fp"], s["fn"]


def units(*names: str, role: str = "inspected") -> list[dict]:
    return [{"name": n, "canonical": None, "role": role} for n in names]


# --------------------------------------------------------------------------- P/R/F1


def test_two_hits_one_false_alarm_one_miss_scores_two_thirds(tmp_path):
    report = score_one(tmp_path, {"dates": ["2022-02-07", "2022-02-10", "2022-02-11"]},
                       {"dates": [{"value": "2022-02-07"}, {"value": "2022-02-11"}, {"value": "2022-03-01"}]})
    dates = report["fields"]["dates"]
    assert tally(report, "dates") == (2, 1, 1)
    assert dates["precision"] == pytest.approx(2 / 3)
    assert dates["recall"] == pytest.approx(2 / 3)
    assert dates["f1"] == pytest.approx(2 / 3)
    assert report["macro_f1"] == pytest.approx((7 + 2 / 3) / 8)  # the 7 other fields: no gold, no predictions
    assert report["macro_f1_fields_with_gold"] == pytest.approx(2 / 3)  # dates alone have gold facts


def test_a_field_without_gold_facts_is_left_out_of_the_second_macro_figure(tmp_path):
    """No gold facts: 1.0 with no prediction, 0.0 after one false alarm; the second figure ignores it."""
    gold = {"dates": ["2022-02-07"]}
    quiet = score_one(tmp_path / "a", gold, {"dates": [{"value": "2022-02-07"}]})
    noisy = score_one(tmp_path / "b", gold, {"dates": [{"value": "2022-02-07"}],
                                             "findings": [{"status": "compliant", "code": "no_badge"}]})
    assert quiet["macro_f1"] - noisy["macro_f1"] == pytest.approx(1 / 8)
    assert quiet["macro_f1_fields_with_gold"] == noisy["macro_f1_fields_with_gold"] == 1.0
    assert "macro F1 over the 1 fields with gold facts: 1.000" in ev.format_report(noisy)


def test_scores_are_micro_averaged_over_documents(tmp_path):
    write_gold(tmp_path / "gold", "a", violations=["no_badge"])
    write_gold(tmp_path / "gold", "b", violations=["late_arrival", "early_departure", "untidy_office"])
    write_pred(tmp_path / "pred", "a", findings=[{"status": "violation", "code": "no_badge"}])
    write_pred(tmp_path / "pred", "b")
    field = ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")["fields"]["violations"]
    assert (field["tp"], field["fp"], field["fn"]) == (1, 0, 3)
    assert field["precision"] == 1.0
    assert field["recall"] == pytest.approx(0.25)
    assert field["f1"] == pytest.approx(0.4)  # a per-document mean would give 0.5


@pytest.mark.parametrize("tp, fp, fn, expected", [
    (0, 0, 0, (1.0, 1.0, 1.0)),
    (0, 0, 2, (0.0, 0.0, 0.0)),
    (0, 3, 0, (0.0, 0.0, 0.0)),
    (3, 1, 0, (0.75, 1.0, 6 / 7)),
])
def test_compute_prf_handles_zero_divisions(tp, fp, fn, expected):
    s = ev.compute_prf(tp, fp, fn)
    assert (s["precision"], s["recall"], s["f1"]) == pytest.approx(expected)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("a, b", [
    ("TP. Hà Nội", "Thành phố Hà Nội"),
    ("Tp Hà Nội", "thành phố  Hà Nội"),
    ("thị trấn Hợp Hoà", "thị trấn Hợp Hòa"),
    ("Thuỷ Nguyên", "Thủy Nguyên"),
    ("Uỷ ban nhân dân huyện", "UBND huyện"),
    ("Sở Tài nguyên & Môi trường", "Sở Tài nguyên và Môi trường"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Đoàn giám sát của HĐND TP", "Đoàn giám sát của Hội đồng nhân dân Thành phố"),
    ("kiểm soát TTHC", "kiểm soát thủ tục hành chính"),
    ("Ban Thi đua - Khen thưởng", "Ban Thi đua – Khen thưởng"),
])
@pytest.mark.parametrize("normalise", NORMALISERS)
def test_normalise_name_equates_variants(normalise, a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("a, b", [
    ("xã Hợp Hòa", "xã Hợp Hóa"),  # a different tone is a different name
    ("xã Hợp Tiến", "xã Hợp Hòa"),
    ("tpx", "thành phố x"),  # abbreviations expand only as whole words
])
@pytest.mark.parametrize("normalise", NORMALISERS)
def test_normalise_name_keeps_distinct_names_apart(normalise, a, b):
    assert normalise(a) != normalise(b)


_VIET = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


@given(st.text(alphabet=_VIET + _VIET.upper() + "bcdhklmnpqrstvx &.,-–()/", max_size=40))
def test_normalise_name_is_idempotent(s):
    for normalise in NORMALISERS:
        once = normalise(s)
        assert normalise(once) == once


def test_aliases_match_gold_spellings(tmp_path):
    gold = {"units": [["UBND TP. Hà Nội"], ["thị trấn Hợp Hoà"], ["Sở Tài nguyên và Môi trường"], ["xã Đại Hưng"]]}
    pred = {"units": units("Ủy ban nhân dân Thành phố Hà Nội", "thị trấn Hợp Hòa", "Sở Tài nguyên & Môi trường",
                           "xã Hợp Tiến")}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "units") == (3, 1, 1)
    doc = report["per_document"][0]["scores"]["units"]
    assert doc["misses"] == ["xã Đại Hưng"]
    assert doc["false_alarms"] == ["xã Hợp Tiến"]


def test_any_prediction_spelling_matches_any_gold_spelling(tmp_path):
    gold = {"units": [["Sở Lao động, Thương binh và Xã hội Hà Nội", "Sở LĐTB&XH"], ["Ban Tôn giáo Thành phố"]]}
    pred = {"units": [{"name": "Sở LĐTB&XH", "canonical": "Sở Lao động Hà Nội", "role": "inspected"},
                      {"name": "Ban này", "canonical": "Ban Tôn giáo TP", "role": "inspected"},
                      {"name": "Sở Tư pháp", "role": "mentioned"}]}
    assert tally(score_one(tmp_path, gold, pred), "units") == (2, 0, 0)


def test_inspectors_come_from_inspections_and_inspector_units(tmp_path):
    gold = {"inspectors": [["Đoàn kiểm tra công vụ"], ["Sở Nội vụ"]]}
    pred = {"inspections": [{"inspector": "Đoàn Kiểm tra công vụ"}],
            "units": units("Sở Nội vụ", role="inspector") + units("Đoàn Kiểm tra công vụ", role="inspected")}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "inspectors") == (2, 0, 0)
    assert tally(report, "units") == (0, 1, 0)


def test_repeated_name_is_one_fact(tmp_path):
    gold = {"units": [["xã Hợp Tiến"], ["xã Hợp Tiến"]], "inspectors": [["Đoàn kiểm tra"]]}
    pred = {"units": units("xã Hợp Tiến", "Xã Hợp Tiến.", "Sở Y tế", "sở y tế", "Sở Y Tế (Hà Nội)"),
            "inspections": [{"inspector": "Đoàn giám sát"}]}
    pred["units"] += [{"name": "Đoàn giám sát", "canonical": "Đoàn giám sát số 2", "role": "inspector"}]
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "units") == (1, 2, 0)  # Sở Y tế once, Sở Y Tế (Hà Nội) once
    assert tally(report, "inspectors") == (0, 1, 1)  # the two spellings of Đoàn giám sát share one


def test_each_gold_entry_matches_once_and_matching_is_maximal(tmp_path):
    gold = {"units": [["Sở Nội vụ", "Sở"], ["Sở Y tế"]]}
    pred = {"units": units("Sở Nội vụ") + [{"name": "Sở", "canonical": "Sở Y tế", "role": "inspected"}]}
    assert tally(score_one(tmp_path, gold, pred), "units") == (2, 0, 0)


# --------------------------------------------------------------------------- sets, counts, sanctions


def test_repeated_facts_count_once(tmp_path):
    gold = {"dates": ["2022-02-07"], "violations": ["no_badge"]}
    pred = {"dates": [{"value": "2022-02-07"}, {"value": "2022-02-07"}, {"value": "2022-01-01"},
                      {"value": "2022-01-01"}, {"value": None}],
            "findings": [{"status": "violation", "code": "no_badge"}] * 3}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "dates") == (1, 1, 0)
    assert tally(report, "violations") == (1, 0, 0)


def test_findings_split_by_status(tmp_path):
    gold = {"violations": ["no_badge"], "compliant": ["no_badge", "untidy_office"]}
    pred = {"findings": [{"status": "violation", "code": "no_badge"}, {"status": "compliant", "code": "untidy_office"},
                         {"status": "violation", "code": "late_arrival"}]}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "violations") == (1, 1, 0)
    assert tally(report, "compliant") == (1, 0, 1)


def test_own_doc_refs_are_not_scored(tmp_path):
    gold = {"doc_refs": ["207/KH-UBND", "26"]}
    pred = {"doc_refs": [{"number": "207/KH - UBND"}, {"number": "12/BC-UBND", "own": True}, {"number": "26"}]}
    assert tally(score_one(tmp_path, gold, pred), "doc_refs") == (2, 0, 0)


def test_counts_match_on_value_and_total(tmp_path):
    gold = {"counts": [{"value": 9, "total": 9}, {"value": 9}, {"value": 5, "total": 6}]}
    pred = {"counts": [{"value": 9, "total": None, "code": None}, {"value": 9, "total": 10, "code": None},
                       {"value": 5, "total": 6, "code": None}, {"value": 5, "total": 6, "code": None}]}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "counts") == (2, 1, 1)
    scores = report["per_document"][0]["scores"]["counts"]
    assert scores["misses"] == ["9/9"]
    assert scores["false_alarms"] == ["9/10"]


@pytest.mark.parametrize("pred_codes, accuracy", [
    ((None, "no_one_stop_shop"), 1.0),
    (("absent_without_reason", "no_one_stop_shop"), 0.5),  # no_one_stop_shop pairs with its own code first
])
def test_counts_pair_same_code_first(tmp_path, pred_codes, accuracy):
    gold = {"counts": [{"value": 7, "code": "no_one_stop_shop"}, {"value": 7}]}
    pred = {"counts": [{"value": 7, "total": None, "code": code} for code in pred_codes]}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "counts") == (2, 0, 0)
    assert report["counts_code_accuracy"] == accuracy


def test_count_with_wrong_code_matches_but_costs_code_accuracy(tmp_path):
    gold = {"counts": [{"value": 91, "code": "absent_without_reason"}, {"value": 12}]}
    pred = {"counts": [{"value": 91, "code": "late_arrival"}, {"value": 12}]}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "counts") == (2, 0, 0)
    assert report["counts_code"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["counts_code_accuracy"] == 0.5


def test_sanctions_match_on_kind_and_count(tmp_path):
    gold = {"sanctions": [{"kind": "khien_trach", "count": 4}, {"kind": "kiem_diem"}, {"kind": "ky_luat", "count": 19}]}
    pred = {"sanctions": [{"kind": "khien_trach", "count": 4}, {"kind": "kiem_diem", "count": None},
                          {"kind": "ky_luat", "count": 18}]}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "sanctions") == (2, 1, 1)
    assert report["per_document"][0]["scores"]["sanctions"]["misses"] == ["ky_luat×19"]


def test_published_is_scored_as_accuracy(tmp_path):
    write_gold(tmp_path / "gold", "a", published="2022-02-12")
    write_gold(tmp_path / "gold", "b", published=None)
    write_gold(tmp_path / "gold", "c", published="2019-02-21")
    write_pred(tmp_path / "pred", "a", published="2022-02-12")
    write_pred(tmp_path / "pred", "b", published=None)
    write_pred(tmp_path / "pred", "c", published="2019-02-20")
    report = ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")
    assert report["published"] == {"correct": 2, "total": 3, "accuracy": pytest.approx(2 / 3)}


# --------------------------------------------------------------------------- no facts


def test_irrelevant_output_has_no_facts():
    output = {"relevant": False, "published": "2022-01-01", "dates": [{"value": "2022-01-01"}],
              "units": units("xã Hợp Tiến"), "findings": [{"status": "violation", "code": "no_badge"}]}
    facts = ev.predictions_to_facts(output)
    assert all(facts[field] == [] for field in ev.FIELDS)
    assert facts["published"] == "2022-01-01"
    assert ev.predictions_to_facts({**output, "relevant": True})["dates"] == ["2022-01-01"]


def test_irrelevant_prediction_scores_only_misses(tmp_path):
    gold = {"dates": ["2022-01-01"], "units": [["xã Hợp Tiến"]]}
    pred = {"relevant": False, "dates": [{"value": "2022-01-01"}], "units": units("xã Hợp Tiến")}
    report = score_one(tmp_path, gold, pred)
    assert tally(report, "dates") == (0, 0, 1)
    assert tally(report, "units") == (0, 0, 1)


def test_failing_extract_gives_empty_facts_and_is_reported(tmp_path):
    write_gold(tmp_path / "gold", "bad", dates=["2022-01-01"])
    write_gold(tmp_path / "gold", "good", dates=["2022-01-02"])

    def extract(path: Path) -> dict:
        if path.stem == "bad":
            raise SetAside("corrupt", "damaged file")
        return {"relevant": True, "dates": [{"value": "2022-01-02"}]}

    report = ev.evaluate(tmp_path / "gold", extract=extract)
    assert tally(report, "dates") == (1, 0, 1)
    assert report["failures"] == [{"id": "bad", "error": "corrupt: damaged file"}]
    text = ev.format_report(report)
    assert "failed documents (scored as empty): 1" in text
    assert "bad  FAILED corrupt: damaged file" in text


def test_missing_prediction_file_is_reported(tmp_path):
    write_gold(tmp_path / "gold", "d1", dates=["2022-01-01"])
    (tmp_path / "pred").mkdir()
    report = ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")
    assert [f["id"] for f in report["failures"]] == ["d1"]
    assert tally(report, "dates") == (0, 0, 1)


def test_prediction_found_by_text_file_stem(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {**EMPTY_GOLD, "id": "doc-7", "text_file": "texts/report.txt", "dates": ["2022-01-01"]}
    (gold_dir / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    write_pred(tmp_path / "pred", "report", dates=[{"value": "2022-01-01"}])
    loaded = ev.load_gold(gold_dir)
    assert loaded[0]["text_path"] == (gold_dir / "texts" / "report.txt").resolve()
    assert tally(ev.evaluate(gold_dir, pred_dir=tmp_path / "pred"), "dates") == (1, 0, 0)


def test_evaluate_needs_a_source_of_predictions(tmp_path):
    with pytest.raises(ValueError):
        ev.evaluate(tmp_path)


# --------------------------------------------------------------------------- shared gold


def perfect_output(gold: dict) -> dict:
    """An output document stating exactly the gold facts, one spelling per body (the last listed)."""
    return {
        "relevant": True,
        "published": gold["published"],
        "inspections": [{"inspector": entry[-1]} for entry in gold["inspectors"]],
        "units": [{"name": entry[-1], "canonical": None, "role": "inspected"} for entry in gold["units"]],
        "dates": [{"value": d} for d in gold["dates"]],
        "doc_refs": [{"number": r} for r in gold["doc_refs"]],
        "counts": [{"value": c["value"], "total": c.get("total"), "code": c.get("code")} for c in gold["counts"]],
        "findings": [{"status": "violation", "code": c} for c in gold["violations"]]
        + [{"status": "compliant", "code": c} for c in gold["compliant"]],
        "sanctions": gold["sanctions"],
    }


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared gold not mounted")
def test_shared_gold_loads_with_its_texts():
    golds = ev.load_gold(SHARED_GOLD)
    assert len(golds) >= 5
    assert all(g["text_path"].is_file() for g in golds)
    assert all(set(ev.FIELDS) <= set(g) for g in golds)


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared gold not mounted")
def test_perfect_prediction_scores_one_on_shared_gold(tmp_path):
    golds = ev.load_gold(SHARED_GOLD)
    for gold in golds:
        write_pred(tmp_path, gold["id"], **perfect_output(gold))
    report = ev.evaluate(SHARED_GOLD, pred_dir=tmp_path)
    assert {f: s["f1"] for f, s in report["fields"].items()} == {f: 1.0 for f in ev.FIELDS}
    assert sum(s["tp"] for s in report["fields"].values()) > 50
    assert report["macro_f1"] == 1.0
    assert report["published_accuracy"] == 1.0
    assert report["counts_code_accuracy"] == 1.0
    assert report["failures"] == []


# --------------------------------------------------------------------------- report and CLI


def make_parser(extract) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="findings")
    ev.add_command(parser.add_subparsers(dest="command"), extract)
    return parser


def test_format_report_shows_table_and_misses(tmp_path):
    report = score_one(tmp_path, {"dates": ["2022-02-07", "2022-02-10"]}, {"dates": [{"value": "2022-02-07"}]})
    text = ev.format_report(report)
    assert "dates        1.000  0.500  0.667   1/0/1" in text
    assert "macro F1" in text and "published accuracy" in text and "counts code accuracy" in text
    assert "dates −: 2022-02-10" in text


def test_eval_command_reads_predictions_and_prints_json(tmp_path, capsys):
    write_gold(tmp_path / "gold", "d1", dates=["2022-02-07"])
    write_pred(tmp_path / "pred", "d1", dates=[{"value": "2022-02-07"}])
    args = make_parser(extract=None).parse_args(["eval", str(tmp_path / "gold"), "--pred", str(tmp_path / "pred"),
                                                 "--json"])
    assert args.handler(args) == 0
    assert json.loads(capsys.readouterr().out)["fields"]["dates"]["f1"] == 1.0


def _dated_set(tmp_path: Path, hits: int, misses: int) -> dict:
    """A report over `hits` documents whose one date is found and `misses` whose date is not."""
    for i in range(hits + misses):
        write_gold(tmp_path / "gold", f"d{i}", dates=["2022-02-07"])
        write_pred(tmp_path / "pred", f"d{i}", dates=[{"value": "2022-02-07"}] if i < hits else [])
    return ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")


def test_bootstrap_interval_of_alike_documents_is_the_figure_itself(tmp_path):
    ci = ev.bootstrap_intervals(_dated_set(tmp_path, 5, 0)["per_document"], resamples=200)
    assert ci["fields"]["dates"] == [1.0, 1.0] and ci["macro_f1"] == [1.0, 1.0]


def test_bootstrap_interval_brackets_the_figure_and_is_reproducible(tmp_path):
    report = _dated_set(tmp_path, 12, 8)  # dates: recall 0.6, F1 0.75
    ci = ev.bootstrap_intervals(report["per_document"])
    low, high = ci["fields"]["dates"]
    assert low < report["fields"]["dates"]["f1"] < high and high - low > 0.1
    assert ci["macro_f1"][0] < report["macro_f1"] < ci["macro_f1"][1]
    assert ev.bootstrap_intervals(report["per_document"]) == ci  # seeded
    assert ev.bootstrap_intervals(report["per_document"], seed=1) != ci
    assert ev.bootstrap_intervals([]) == {}


def test_eval_command_prints_intervals_on_request(tmp_path, capsys):
    _dated_set(tmp_path, 3, 1)
    argv = ["eval", str(tmp_path / "gold"), "--pred", str(tmp_path / "pred")]
    args = make_parser(extract=None).parse_args(argv)
    assert args.handler(args) == 0
    assert "interval" not in capsys.readouterr().out
    args = make_parser(extract=None).parse_args([*argv, "--interval"])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "macro F1 90% interval (1000 resamples of the documents): " in out
    assert next(line for line in out.splitlines() if line.startswith("dates")).endswith("–1.000")


def test_eval_command_uses_injected_extract_without_pred(tmp_path, capsys):
    write_gold(tmp_path / "gold", "d1", dates=["2022-02-07"])
    seen = []

    def extract(path: Path) -> dict:
        seen.append(path.name)
        return {"relevant": True, "dates": [{"value": "2022-02-07"}]}

    args = make_parser(extract).parse_args(["eval", str(tmp_path / "gold")])
    assert (args.baseline, args.pred, args.json) == (False, None, False)
    assert args.handler(args) == 0
    assert seen == ["d1.txt"]
    assert "dates        1.000  1.000  1.000   1/0/0" in capsys.readouterr().out


def test_eval_command_rejects_pred_with_baseline(tmp_path):
    with pytest.raises(SystemExit):
        make_parser(None).parse_args(["eval", str(tmp_path), "--pred", str(tmp_path), "--baseline"])


# --------------------------------------------------------------------------- baseline


def test_baseline_extracts_units_and_dates_in_prediction_format(tmp_path):
    from pipeline.quality.baseline import extract_baseline

    path = tmp_path / "short.txt"
    path.write_text("Ngày 15/02/2019, Đoàn kiểm tra công vụ của UBND huyện Mỹ Đức đã kiểm tra xã Hợp Tiến.",
                    encoding="utf-8")
    output = extract_baseline(path)
    facts = ev.predictions_to_facts(output)
    assert "2019-02-15" in facts["dates"]
    assert ev.normalise_name("xã Hợp Tiến") in {ev.normalise_name(s) for item in facts["units"] for s in item}
    assert output["text"][slice(*output["units"][0]["spans"][0])] == output["units"][0]["name"]
    assert (output["counts"], output["findings"], output["doc_refs"]) == ([], [], [])


# --------------------------------------------------------------------------- texts elsewhere, splits, agreement


def test_texts_dir_holds_the_texts_and_split_filters_by_index(tmp_path):
    gold = tmp_path / "real" / "gold"
    for doc_id in ("r1", "r2"):
        write_gold(gold, doc_id, units=[["Sở Nội vụ"]])
        (gold / f"{doc_id}.txt").unlink()  # texts live in a cache, not beside the gold
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "r1.txt").write_text("một", encoding="utf-8")
    (tmp_path / "real" / "index.tsv").write_text("id\tsplit\nr1\tdev\nr2\tblind\n", encoding="utf-8")
    seen = []

    def extract(path: Path) -> dict:
        seen.append(path)
        return {"relevant": True, "units": units(path.read_text(encoding="utf-8") and "Sở Nội vụ")}

    report = ev.evaluate(gold, extract=extract, texts_dir=cache, split="dev")
    assert seen == [(cache / "r1.txt").resolve()] and report["documents"] == 1
    assert report["fields"]["units"]["f1"] == 1.0
    missing = ev.evaluate(gold, extract=extract, texts_dir=cache, split="blind")
    assert missing["failures"] and missing["failures"][0]["id"] == "r2"
    (tmp_path / "real" / "index.tsv").unlink()
    with pytest.raises(UsageError, match="needs an index.tsv"):
        ev.evaluate(gold, extract=extract, texts_dir=cache, split="dev")


def test_train_without_an_index_beside_the_gold_is_a_usage_error(tmp_path, capsys):
    write_gold(tmp_path / "gold", "r1", units=[["Sở Nội vụ"]])
    assert main(["train", str(tmp_path / "gold"), "--out", str(tmp_path / "model")]) == 2
    assert "needs an index.tsv" in capsys.readouterr().err and not (tmp_path / "model").exists()


def test_relevance_counts_reports_kept_and_negatives_let_through(tmp_path):
    write_gold(tmp_path / "gold", "pos", units=[["UBND xã A"]])
    write_gold(tmp_path / "gold", "neg", relevant=False)
    write_gold(tmp_path / "gold", "neg2")  # no facts at all: a negative without the flag
    write_pred(tmp_path / "pred", "pos", relevant=False)
    write_pred(tmp_path / "pred", "neg", relevant=True)
    write_pred(tmp_path / "pred", "neg2", relevant=False)
    rel = ev.evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred")["relevance"]
    assert rel == {"positives": 1, "positives_kept": 0, "negatives": 2, "negatives_kept": 1}


def test_agreement_scores_a_second_annotator_on_shared_ids(tmp_path):
    write_gold(tmp_path / "a", "d1", units=[["UBND xã A"]], dates=["2024-01-02", "2024-01-03"])
    write_gold(tmp_path / "a", "d2", units=[["UBND xã B"]])
    write_gold(tmp_path / "b", "d1", units=[["Ủy ban nhân dân xã A"]], dates=["2024-01-02"])
    report = ev.agreement(tmp_path / "a", tmp_path / "b")
    assert report["documents"] == 1
    assert tally(report, "units") == (1, 0, 0) and tally(report, "dates") == (1, 0, 1)


def test_eval_command_refuses_a_missing_texts_dir(tmp_path, capsys):
    write_gold(tmp_path / "gold", "d1")
    parser = argparse.ArgumentParser()
    ev.add_command(parser.add_subparsers(), extract=lambda p: {})
    args = parser.parse_args(["eval", str(tmp_path / "gold"), "--texts", str(tmp_path / "nope")])
    assert args.handler(args) == 2
    assert "no texts directory" in capsys.readouterr().out
