"""The output contract: schema, grounding of every item, CLI behaviour of `findings extract`."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from extractors.engine import output_schema, validate_output
from pipeline.cli import main
from pipeline.jobs.process import process_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seeds" / "000_d6d9b0ee47e14643.txt"


@pytest.fixture(scope="module")
def seed_output():
    return process_file(SEED)


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(output_schema())


def test_output_validates_and_keeps_the_contract_keys(seed_output):
    validate_output(seed_output)
    jsonschema.Draft202012Validator(output_schema()).validate(seed_output)
    assert seed_output["schema_version"] == "1.0"
    assert seed_output["extractor"]["version"]
    assert seed_output["published"] == "2022-02-12"
    assert seed_output["relevant"] is True


def _spans(output):
    text = output["text"]
    for field in ("dates", "doc_refs", "counts", "sanctions"):
        for item in output[field]:
            if item["span"] is not None:  # a publication date from page metadata has none
                yield field, item["span"], item["evidence"]
    for unit in output["units"]:  # evidence is the sentence of the first mention
        yield "units", unit["spans"][0], unit["evidence"]
    for finding in output["findings"]:  # evidence is the sentence of the first cue
        yield "findings", finding["cue_spans"][0], finding["evidence"]
    assert text


def test_every_item_is_grounded_in_the_text(seed_output):
    text = seed_output["text"]
    seen = set()
    for field, (start, end), evidence in _spans(seed_output):
        seen.add(field)
        assert 0 <= start < end <= len(text), field
        s, e = evidence["span"]
        assert text[s:e] == evidence["sentence"], field
        assert s <= start and end <= e, (field, text[start:end], evidence["sentence"])
    assert {"dates", "doc_refs", "counts", "units", "findings"} <= seen


def test_grounded_values_read_back_from_text(seed_output):
    text = seed_output["text"]
    refs = {text[slice(*r["span"])] for r in seed_output["doc_refs"]}
    assert any("01/CT-UBND" in r for r in refs)
    count = next(c for c in seed_output["counts"] if c["value"] == 1100)
    assert text[slice(*count["span"])].startswith("1.100")


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "urn:findings:output:1.0"


def test_extract_writes_one_json_per_input_and_a_manifest(tmp_path, capsys):
    bad = tmp_path / "in" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 not really")
    code = main(["extract", str(SEED), str(bad.parent), "--out", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "broken.pdf: corrupt" in err and "Traceback" not in err
    assert json.loads((tmp_path / "out" / f"{SEED.stem}.json").read_text())["document_id"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["summary"] == {"inputs": 2, "processed": 1, "set_aside": 1}
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_extract_jsonl_streams_to_stdout_and_usage_errors_exit_2(tmp_path):
    cmd = [sys.executable, "-m", "pipeline.cli"]
    done = subprocess.run(cmd + ["extract", str(SEED), "--jsonl"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert json.loads(done.stdout.splitlines()[0])["source"]["format"] == "txt"
    assert subprocess.run(cmd + ["extract", str(SEED)], capture_output=True, cwd=ROOT).returncode == 2
    assert subprocess.run(cmd + ["extract", str(tmp_path / "missing"), "--jsonl"],
                          capture_output=True, cwd=ROOT).returncode == 2


def test_pipeline_is_rebuilt_when_its_vocabulary_grows_past_the_bound(monkeypatch):
    from extractors import engine
    from pipeline.ingest.load import load_document
    from pipeline.ingest.limits import Limits

    document = load_document(SEED, source_uri=SEED.name, limits=Limits())
    first = engine.build_pipeline()
    engine.extract(document)
    model = engine.load_model()
    monkeypatch.setattr(engine, "MAX_VOCAB_STRINGS", len(first.vocab.strings) - 1)
    engine.extract(document)
    assert engine.build_pipeline() is not first and engine.load_model() is not model


def test_an_acting_agency_is_listed_once_among_the_units(tmp_path):
    path = tmp_path / "acting.txt"
    path.write_text("Ngày 12/6/2023, Sở Nội vụ tỉnh Quảng Bình tiến hành kiểm tra đột xuất tại UBND xã Quảng Phú. "
                    "Qua kiểm tra, 2 công chức đi làm muộn.", "utf-8")
    units = process_file(path)["units"]
    assert [(u["name"], u["role"]) for u in units if u["role"] == "inspector"] == [
        ("Sở Nội vụ tỉnh Quảng Bình", "inspector")]


def test_a_headline_count_restating_a_coded_count_is_one_fact(tmp_path):
    path = tmp_path / "restated.txt"
    path.write_text("Xã Tân Lập: 5 công chức bị nhắc nhở\n\nNgày 3/4/2024, đoàn kiểm tra công vụ của huyện kiểm tra "
                    "UBND xã Tân Lập, phát hiện 5 công chức đi làm muộn. Xã có 5 hồ sơ tồn đọng.", "utf-8")
    counts = [(c["value"], c["noun"], c["code"]) for c in process_file(path)["counts"]]
    assert (5, "công chức", "late_arrival") in counts and (5, "công chức", None) not in counts
    assert (5, "hồ sơ", None) in counts  # the same number of other things is another fact


def test_a_headline_count_restating_a_coded_one_with_another_noun_is_one_fact(tmp_path):
    path = tmp_path / "restated_noun.txt"
    path.write_text("Kỷ luật 4 cán bộ đi làm muộn\n\nNgày 3/4/2024, đoàn kiểm tra công vụ của huyện kiểm tra "
                    "UBND xã Tân Lập, phát hiện 4 cán bộ, công chức đi làm muộn.", "utf-8")
    counts = [(c["value"], c["code"]) for c in process_file(path)["counts"]]
    assert counts.count((4, "late_arrival")) >= 1 and (4, None) not in counts


def test_the_same_number_of_another_noun_in_the_body_stays_a_fact(tmp_path):
    path = tmp_path / "two_sevens.txt"
    path.write_text("Kết quả kiểm tra công vụ năm 2024 tại các đơn vị\n\nĐoàn kiểm tra 07 đơn vị thuộc sở. "
                    "Có 7 xã chưa bố trí bộ phận một cửa.", "utf-8")
    counts = [(c["value"], c["noun"]) for c in process_file(path)["counts"]]
    assert (7, "đơn vị") in counts and (7, "xã") in counts


def test_an_other_read_off_a_conclusion_frame_is_no_relevance_signal(tmp_path):
    path = tmp_path / "frame.txt"
    path.write_text("Thanh tra huyện Sơn Lâm vừa ban hành kết luận thanh tra về việc quản lý quỹ khuyến học "
                    "của xã Hòa Vinh năm 2023.", "utf-8")
    out = process_file(path)
    if out["relevant"]:
        assert [(f["code"], f["status"]) for f in out["findings"]] == [("other", "violation")]
    assert "finding(s)" not in out["relevance"]["reason"]
