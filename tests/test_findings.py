"""Findings, sanctions and recommendations: polarity rules and the examples kept in the data files."""

import re
from pathlib import Path

import pytest

from extractors.base import Mention
from extractors.findings import extract_findings, load_lexicon
from extractors.lexicon import fold, load_data, phrase_needles, phrase_to_regex
from extractors.nlp import split_sentences
from extractors.recommendations import extract_recommendations
from extractors.sanctions import extract_sanctions

SPEC_CODES = {
    "late_arrival", "early_departure", "absent_without_reason", "absent_from_post", "no_badge",
    "no_nameplate", "improper_attire", "alcohol_at_work", "smoking_at_work", "worship_in_office",
    "untidy_office", "personal_business_at_work", "misconduct_toward_citizens", "procedures_not_posted",
    "no_one_stop_shop", "one_stop_not_operating", "shared_software_not_used", "overdue_dossiers",
    "records_deficient", "commitment_not_signed", "report_not_submitted", "slow_task_execution",
    "citizen_reception_neglected", "unprofessional_service", "other"}
SANCTION_KINDS = {"khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec",
                  "kiem_diem", "ky_luat"}


def findings_of(text, units=None, counts=None):
    return {(m.data["code"], m.data["status"]) for m in extract_findings(text, split_sentences(text), units, counts)}


def taxonomy_examples():
    for code, entry in load_data("taxonomy.yaml")["codes"].items():
        for sentence, ex_code, status in entry.get("examples") or ():
            yield pytest.param(sentence, ex_code, status, id=f"{code}:{sentence[:30]}")


def test_taxonomy_covers_the_spec_codes_and_nothing_is_renamed():
    codes = set(load_data("taxonomy.yaml")["codes"])
    assert SPEC_CODES <= codes
    spec = Path(__file__).resolve().parents[2] / "shared/spec/violations.md"
    if spec.exists():
        assert set(re.findall(r"^\| ([a-z_]+) \|", spec.read_text(encoding="utf-8"), re.M)) - {"code"} <= codes


def test_taxonomy_entries_are_well_formed():
    for code, entry in load_data("taxonomy.yaml")["codes"].items():
        assert isinstance(entry["label"], str) and entry["label"], code
        assert set(entry) <= {"label", "violation", "norm", "umbrella", "vague", "examples"}, code
        assert entry.get("violation") or entry.get("norm"), f"{code} has no cue phrases"
        assert entry.get("examples"), f"{code} has no examples"
        for phrase in (entry.get("violation") or []) + (entry.get("norm") or []) + (entry.get("umbrella") or []) \
                + (entry.get("vague") or []):
            re.compile(phrase_to_regex(phrase))


def test_polarity_and_sanction_data_are_well_formed():
    polarity = load_data("polarity.yaml")
    for key in ("negators", "no_finding_frames", "deficiencies", "problem_markers", "recommendation_frames",
                "not_recommendation_after", "recommendation_scope_breakers", "trailing_deficiencies", "commitment_frames", "contrastive_markers", "positive_qualifiers", "topic_label_starts", "topic_frames", "person_nouns", "unnamed_wrong_frames"):
        assert polarity[key] and all(isinstance(x, str) and x.strip() for x in polarity[key]), key
    sanctions = load_data("sanctions.yaml")
    assert set(sanctions["kinds"]) | {"ky_luat"} == SANCTION_KINDS
    relevance = load_data("relevance.yaml")
    assert 0 < relevance["threshold"] <= 1 and relevance["topic_cues"]
    load_lexicon()


def test_phrase_needles_are_what_every_match_contains():
    assert phrase_needles("(không có|thiếu|chưa có) sổ * giao nhận?") == (("không", "thiếu", "chưa"), ("sổ",), ("giao",))
    assert phrase_needles("re:đi\\s+muộn") == () and phrase_needles("(a|) đi") == (("đi",),)
    lex = load_lexicon()
    sentences = [fold(p.values[0]) for p in taxonomy_examples()]
    for cue in lex.cues:  # the prefilter never skips a sentence the cue matches
        for sentence in sentences:
            if cue.pattern.search(sentence):
                assert all(any(n in sentence for n in alts) for alts in cue.needles), (cue.pattern.pattern, sentence)


def test_bad_phrase_syntax_is_rejected():
    with pytest.raises(ValueError):
        phrase_to_regex("lịch tiếp (công )?dân")


@pytest.mark.parametrize("sentence,code,status", list(taxonomy_examples()))
def test_taxonomy_example(sentence, code, status):
    assert (code, status) in findings_of(sentence)


@pytest.mark.parametrize("text,expected", [
    ("Không phát hiện cán bộ uống rượu, bia trong giờ làm việc.", {("alcohol_at_work", "compliant")}),
    ("Một số công chức không đeo thẻ.", {("no_badge", "violation")}),
    ("Bộ phận một cửa chưa niêm yết công khai thủ tục hành chính.", {("procedures_not_posted", "violation")}),
    ("100% công chức đeo thẻ khi làm việc.", {("no_badge", "compliant")}),
    ("Công chức đeo thẻ đầy đủ. Tuy nhiên, vẫn còn công chức đi muộn.",
     {("no_badge", "compliant"), ("late_arrival", "violation")}),
    ("Đề nghị các đơn vị tiếp tục chấp hành nghiêm việc đeo thẻ, không đi muộn.", set()),
    ("2. Việc đeo thẻ, trang phục: 15 trên tổng số 17 người đeo thẻ; 02 người không đeo thẻ.",
     {("no_badge", "violation")}),
    ("Tại phường A, công chức đi muộn; tuy nhiên, cán bộ đều có biển tên và trang phục đúng quy định.",
     {("late_arrival", "violation"), ("no_nameplate", "compliant"), ("improper_attire", "compliant")}),
    ("Huyện yêu cầu 14 trường hợp kiểm điểm vì đi làm muộn, về sớm.",
     {("late_arrival", "violation"), ("early_departure", "violation")}),
    ("Phòng chưa tổ chức cho nhân viên ký cam kết không uống rượu, bia trong giờ làm việc.",
     {("commitment_not_signed", "violation")}),
])
def test_polarity(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an umbrella breach in a sentence that names the coded one adds no 'other'
    ("Ông A có vi phạm quy định về công chức: có thái độ hách dịch với dân.",
     {("misconduct_toward_citizens", "violation")}),
    ("Ông A có vi phạm trong việc quản lý quỹ của xã.", {("other", "violation")}),
    # "không đúng quy định" names a breach but not which: a norm before it takes it as its deficiency
    ("Xã cấp giấy chứng nhận cho 9 hộ dân không đúng quy định.", {("other", "violation")}),
    ("Bộ phận một cửa niêm yết công khai giờ làm việc, như vậy không đúng với quy định của tỉnh.",
     {("procedures_not_posted", "violation")}),
    ("Trang phục của hai công chức không đúng quy định.", {("improper_attire", "violation")}),
    ("Việc giao cấp phó tiếp dân thay là không đúng quy định.", {("other", "violation")}),
    ("Không phát hiện trường hợp nào giải quyết không đúng quy định.", set()),
    ("Ba cán bộ bị khiển trách vì vi phạm quy chế văn hóa công sở.", set()),
    # a bare tally after a norm is a statistic; a zero count after a violation is a compliance
    ("Năm qua, phòng đã giải quyết đúng hạn 1.250 hồ sơ.", set()),
    ("Xã đã giải quyết đúng hạn 40/40 hồ sơ.", {("overdue_dossiers", "compliant")}),
    ("Số hồ sơ trễ hạn là 0 hồ sơ.", {("overdue_dossiers", "compliant")}),
    # the cause a recommendation gives is a finding, up to the end of its clause
    ("Tỉnh yêu cầu kiểm điểm ông B trong việc để quá thời hạn mới ban hành quyết định.",
     {("slow_task_execution", "violation")}),
    ("Đoàn đề nghị kiểm điểm Ban trong việc để chậm tiến độ; nhắc nhở công chức không đi muộn.",
     {("slow_task_execution", "violation")}),
    ("Ông C bị cách chức để xử lý về những vi phạm trong quản lý đất đai.", {("other", "violation")}),
    ("Huyện đã đôn đốc nhiều lần nhưng hai xã vẫn chưa báo cáo.", {("report_not_submitted", "violation")}),
    ("Phòng chậm gửi hồ sơ đề nghị cấp giấy chứng nhận, làm chậm tiến độ cấp giấy cho dân.",
     {("slow_task_execution", "violation")}),
    # an allegation in the clause is not what was found
    ("Theo phản ánh của người dân, công chức xã thường đi làm muộn.", set()),
    ("Người dân có phản ánh; đoàn xác minh thấy 2 công chức đi làm muộn.", {("late_arrival", "violation")}),
    ("Chi nhánh bị phê bình vì chậm trễ, thiếu quan tâm trong xử lý hồ sơ của dân.",
     {("overdue_dossiers", "violation")}),
    ("Cử tri kiến nghị sửa chữa, khắc phục hư hỏng của tuyến đường liên xã.", set()),
    ("Việc triển khai mô hình mới để xảy ra chậm muộn trong trả hồ sơ.", set()),
])
def test_umbrellas_tallies_and_causes(text, expected):
    assert findings_of(text) == expected


def test_an_imperative_sentence_after_a_recommendation_goes_on_with_it():
    assert findings_of("Đoàn đề nghị xã đầu tư thêm cho phòng tiếp dân. Duy trì tốt lịch tiếp công dân hằng tuần.") == set()
    assert findings_of("Xã có phòng tiếp dân riêng. Duy trì tốt lịch tiếp công dân hằng tuần.") == {
        ("citizen_reception_neglected", "compliant")}


def test_recommendation_list_after_colon_yields_no_findings_but_recommendations():
    text = "Đoàn đề nghị các đơn vị thực hiện:\n\n1. Niêm yết công khai thủ tục hành chính;\n\n2. Đeo thẻ đầy đủ."
    sentences = split_sentences(text)
    assert findings_of(text) == set()
    recs = extract_recommendations(text, sentences)
    assert [r.data["text"] for r in recs][1:] == ["Niêm yết công khai thủ tục hành chính;", "Đeo thẻ đầy đủ."]


def test_finding_is_tied_to_the_unit_introduced_by_tai_and_count_gets_the_code():
    text = "Tại Sở Tư pháp, Đoàn phát hiện 3 công chức không đeo thẻ."
    unit = Mention(4, 14, "unit", {"role": "inspected", "canonical": "Sở Tư pháp", "spans": [[4, 14]]})
    count = Mention(31, 32, "count", {"value": 3, "noun": "công chức"})
    found = extract_findings(text, split_sentences(text), [unit], [count])
    assert [(f.data["unit"], f.data["code"], f.data["status"], f.data["count"]) for f in found] == [
        ("Sở Tư pháp", "no_badge", "violation", 3)]
    assert count.data["code"] == "no_badge"
    assert text[found[0].start:found[0].end] == "đeo thẻ"


@pytest.mark.parametrize("text", [
    "Đoàn đề nghị tổ chức kiểm điểm 3 công chức đến muộn.",
    "III. KIẾN NGHỊ\n1. Tổ chức kiểm điểm 3 công chức đến muộn.",
])
def test_a_violation_a_recommendation_restates_codes_its_count_without_a_finding(text):
    counts = _people_counts(text)
    assert extract_findings(text, split_sentences(text), [], counts) == []
    assert [c.data.get("code") for c in counts] == ["late_arrival"]


@pytest.mark.parametrize("text, codes", [
    ("Phát hiện 23 lượt vi phạm, cụ thể: đến trễ, về sớm 11 lượt; không đeo thẻ 4 lượt.", [None, None, "no_badge"]),
    ("Khiển trách 2 công chức thường xuyên đi muộn, về sớm.", [None]),
    ("Có 5 hồ sơ trễ hạn, chưa có văn bản xin lỗi người dân.", ["overdue_dossiers"]),
])
def test_a_number_counting_a_list_of_different_violations_gets_no_code(text, codes):
    from extractors.counts import extract_counts
    counts = extract_counts(text)
    extract_findings(text, split_sentences(text), [], counts)
    assert [c.data.get("code") for c in counts] == codes


@pytest.mark.parametrize("text,expected", [
    # the number stands before the second cue: it counts that one, not the cue it follows
    ("Bộ phận một cửa không có người trực, 5 công chức chưa đeo thẻ.",
     {"one_stop_not_operating": None, "no_badge": 5}),
    ("Có công chức đi muộn: 3 người.", {"late_arrival": 3}),
])
def test_a_count_goes_to_the_cue_it_precedes_before_one_it_follows(text, expected):
    found = extract_findings(text, split_sentences(text), [], _people_counts(text) + [
        Mention(m.start(1), m.end(1), "count", {"value": int(m.group(1)), "noun": "người"})
        for m in re.finditer(r"(\d+) người", text)])
    assert {f.data["code"]: f.data.get("count") for f in found} == expected


def test_a_cue_that_takes_its_number_in_counts_that_number_not_an_earlier_one():
    from extractors.counts import extract_counts
    text = "Năm 2023, Thanh tra huyện tiến hành 7 cuộc thanh tra, qua đó phát hiện 18 đơn vị có sai phạm, với số tiền 1,2 tỷ đồng."
    counts = extract_counts(text)
    extract_findings(text, split_sentences(text), [], counts)
    assert {c.data["value"]: c.data.get("code") for c in counts}.get(18) == "other"
    assert {c.data["value"]: c.data.get("code") for c in counts}.get(7) is None


def test_breaches_found_then_listed_are_the_listed_codes():
    assert findings_of("Nhiều công chức bị phát hiện vi phạm các lỗi cũ: đi làm muộn, không đeo thẻ.") == {
        ("late_arrival", "violation"), ("no_badge", "violation")}


def test_oversight_found_lacking_is_no_recommendation():
    text = "Phòng thiếu kiểm tra, đôn đốc cấp dưới; hai nhiệm vụ chậm trễ hơn một quý."
    assert ("slow_task_execution", "violation") in findings_of(text)


def test_breaches_pointed_back_to_are_no_new_finding():
    text = "Hai công chức đi làm muộn. Những vi phạm này được đoàn ghi vào biên bản."
    assert findings_of(text) == {("late_arrival", "violation")}


def test_a_cue_that_takes_its_numbers_in_counts_each():
    from extractors.counts import extract_counts
    text = "Qua 40 cuộc kiểm tra chuyên ngành, các đoàn phát hiện 61 cá nhân và 17 tổ chức có vi phạm."
    counts = extract_counts(text)
    extract_findings(text, split_sentences(text), [], counts)
    codes = {c.data["value"]: c.data.get("code") for c in counts}
    assert codes.get(61) == codes.get(17) == "other" and codes.get(40) is None


@pytest.mark.parametrize("text, value", [
    ("Năm qua, ngành thanh tra tiến hành 356 cuộc kiểm tra tại 1.284 đơn vị, qua đó kiến nghị thu hồi gần 6 tỷ đồng.", 1284),
    ("Năm qua, Thanh tra tỉnh ban hành 15 kết luận với tổng số tiền sai phạm gần 4 tỷ đồng.", 15),
    ("Chủ tịch UBND huyện quyết định kỷ luật 4 cán bộ, công chức xã do vi phạm khi giải quyết hồ sơ đất đai.", 4),
])
def test_money_recovered_and_a_sanction_cause_count_no_number(text, value):
    from extractors.counts import extract_counts
    counts = extract_counts(text)
    found = extract_findings(text, split_sentences(text), [], counts)
    assert ("other", "violation") in {(f.data["code"], f.data["status"]) for f in found}
    assert {c.data["value"]: c.data.get("code") for c in counts}.get(value, "missing") is None


def sanction_examples():
    for sentence, kind, count in load_data("sanctions.yaml")["examples"]:
        yield pytest.param(sentence, kind, count, id=sentence[:30])


def _people_counts(text):
    out = []
    for m in re.finditer(r"(\d+|Hai) (viên chức|cán bộ, công chức cấp xã|công chức)", text):
        value = int(m.group(1)) if m.group(1).isdigit() else 2
        out.append(Mention(m.start(), m.end(), "count", {"value": value, "noun": m.group(2)}))
    return out


@pytest.mark.parametrize("sentence,kind,count", list(sanction_examples()))
def test_sanction_example(sentence, kind, count):
    from extractors.counts import extract_counts
    found = extract_sanctions(sentence, split_sentences(sentence), extract_counts(sentence))
    assert (kind, count) in {(m.data["kind"], m.data["count"]) for m in found}


def test_a_counted_measure_split_by_place_after_trong_do_is_no_new_sanction():
    from extractors.counts import extract_counts
    text = ("Năm 2023 đã kiểm điểm trách nhiệm 10 tổ chức, 18 cá nhân. Trong đó, huyện A kiểm điểm 1 tổ chức, "
            "6 cá nhân; huyện B kiểm điểm 3 tổ chức, 6 cá nhân.")
    found = {(m.data["kind"], m.data["count"]) for m in extract_sanctions(text, split_sentences(text), extract_counts(text))}
    assert ("kiem_diem", 18) in found and ("kiem_diem", 10) in found
    assert not found & {("kiem_diem", 1), ("kiem_diem", 3), ("kiem_diem", 6)}


@pytest.mark.parametrize("text", [
    "Dựa trên báo cáo kiểm điểm của Đảng ủy xã và những đồng chí có liên quan, Ban Thường vụ Huyện ủy đã cho ý kiến.",
    "Hội nghị nhằm kiểm điểm công tác cải cách hành chính trong năm qua.",
])
def test_the_review_report_and_a_review_of_work_are_no_kiem_diem(text):
    assert "kiem_diem" not in {m.data["kind"] for m in extract_sanctions(text, split_sentences(text), [])}


def test_a_breach_that_reaches_the_level_of_discipline_is_no_measure_decided():
    for text in ("Vi phạm của nguyên Chủ tịch xã đến mức phải xử lý kỷ luật.",
                 "Vi phạm của nguyên Chủ tịch xã đến mức phải kỷ luật cảnh cáo."):
        assert extract_sanctions(text, split_sentences(text), []) == []


def test_discipline_wording_that_is_not_a_sanction():
    text = "Đề nghị các phòng chuyên môn giữ nghiêm kỷ luật, kỷ cương; sẽ xem xét kỷ luật nếu còn để sai phạm."
    assert extract_sanctions(text, split_sentences(text), []) == []


def test_generic_discipline_gives_way_to_the_specific_form_and_uncounted_repeats_drop():
    text = ("Khoa Dược đã kiểm điểm trách nhiệm tập thể. Sau đó, đã thi hành kỷ luật khiển trách "
            "với 2 viên chức và kiểm điểm rút kinh nghiệm với 7 viên chức.")
    found = extract_sanctions(text, split_sentences(text), _people_counts(text))
    assert sorted((m.data["kind"], m.data["count"]) for m in found) == [("khien_trach", 2), ("kiem_diem", 7)]


def _sanctions_of(text):
    from extractors.counts import extract_counts
    return sorted(((m.data["kind"], m.data["count"]) for m in extract_sanctions(
        text, split_sentences(text), extract_counts(text))), key=str)


def test_a_discipline_total_and_its_forms_are_all_facts():
    # corpora/README.md: "Sanctions by form are facts"; the total stays beside them
    assert _sanctions_of("Tỉnh ủy đã kỷ luật 9 đảng viên (khiển trách 6, cảnh cáo 2, khai trừ 1).") == [
        ("canh_cao", 2), ("khien_trach", 6), ("ky_luat", 1), ("ky_luat", 9)]
    assert _sanctions_of("Huyện đã thi hành kỷ luật 7 công chức. Theo đó, 3 công chức bị khiển trách, "
                         "4 công chức bị cảnh cáo.") == [("canh_cao", 4), ("khien_trach", 3), ("ky_luat", 7)]


def test_a_total_restated_by_one_form_or_uncounted_beside_forms_is_not_repeated():
    assert _sanctions_of("Thị xã ra quyết định kỷ luật đối với 3 viên chức. Cả 3 viên chức bị kỷ luật bằng "
                         "hình thức cảnh cáo.") == [("canh_cao", 3)]
    assert _sanctions_of("Trưởng phòng bị kỷ luật. Sở quyết định khiển trách ông A.") == [("khien_trach", None)]


def test_the_form_takes_the_count_of_the_generic_measure_it_qualifies():
    assert _sanctions_of("Cấp ủy đã thi hành kỷ luật 3 tổ chức đảng bằng hình thức cảnh cáo, "
                         "thi hành kỷ luật 40 đảng viên.") == [("canh_cao", 3), ("ky_luat", 40)]
    # a count before a generic measure is not passed on to a form named after it
    assert _sanctions_of("Trong số 20 cán bộ bị kỷ luật có nhiều người bị cách chức.") == [
        ("cach_chuc", None), ("ky_luat", 20)]


def test_every_count_joined_to_a_measure_is_a_fact():
    assert _sanctions_of("Huyện ủy kiểm điểm 5 tập thể và 12 cá nhân, chuyển hồ sơ 2 vụ.") == [
        ("kiem_diem", 12), ("kiem_diem", 5)]
    assert _sanctions_of("Đã thi hành kỷ luật 8 tổ chức đảng, hơn 300 đảng viên.") == [
        ("ky_luat", 300), ("ky_luat", 8)]


def test_a_sentence_that_splits_a_stated_total_adds_no_generic_measure():
    text = ("Năm qua tỉnh thi hành kỷ luật 30 đảng viên. Trong đó, cấp tỉnh kỷ luật 4 đồng chí; "
            "cấp huyện kỷ luật 26 đồng chí. Trong số đó, khiển trách 10 đồng chí.")
    assert _sanctions_of(text) == [("khien_trach", 10), ("ky_luat", 30)]


def test_a_promised_measure_and_a_year_are_no_sanction_or_count():
    assert _sanctions_of("Sau khi kiểm điểm, ông A sẽ bị xử lý kỷ luật.") == []
    assert _sanctions_of("UBKT thi hành kỷ luật đối với chi bộ nhiệm kỳ 2020 - 2025 và một số đảng viên.") == [
        ("ky_luat", None)]


def test_what_the_inspectors_compared_against_is_no_finding():
    assert findings_of("Đối chiếu sổ theo dõi và dữ liệu máy chấm công, có 12 công chức đi muộn.") == {
        ("late_arrival", "violation")}


@pytest.mark.parametrize("title, number, relevant", [
    ("Kiểm tra công vụ tại UBND xã Ea Phê", "15/TB-SNV", True),
    ("Kiểm tra công vụ tại UBND xã Ea Phê", "2310/KH-SNV", False),  # the document itself is a plan
    ("Bình Định ban hành kế hoạch kiểm tra công vụ năm 2024", None, False),
    ("Tập huấn nghiệp vụ cải cách hành chính", None, False),
    ("Quyết định kỷ luật 3 công chức xã Ea Phê", "45/QĐ-UBND", True),  # a discipline decision counts
    ("QUYẾT ĐỊNH Về việc kỷ luật công chức Phòng Nội vụ", "46/QĐ-UBND", True),
    ("QUYẾT ĐỊNH V/v thành lập Đoàn kiểm tra chuyên đề quý II tại các phường", "185/QĐ-UBND", False),
])
def test_relevance_reads_the_genre_from_title_and_own_number(title, number, relevant):
    from extractors.relevance import score_relevance
    strong = dict(inspectors=1, findings=3, sanctions=0, inspected_units=1)
    if "kỷ luật" in title.lower():  # a discipline decision states its measures
        strong["sanctions"] = 1
    got = score_relevance("Đoàn kiểm tra công vụ đã kiểm tra đột xuất.", title, document_number=number, **strong)
    assert got["relevant"] is relevant, got


def test_relevance_reads_the_opening_from_the_article_not_the_page_menu():
    from extractors.relevance import article_start, score_relevance
    menu = "".join(f"Tin nhanh số {i} trong ngày hôm nay -\n" for i in range(30))
    article = ("Thanh tra xã H\nSáng 2/3, đoàn kiểm tra công vụ của huyện đã kiểm tra đột xuất tại UBND xã H và "
               "phát hiện 3 công chức vắng mặt không lý do trong giờ làm việc buổi sáng.\n")
    text = menu + article
    start = article_start(text, 150, 300)
    assert len(menu) - 300 <= start <= len(menu) and article_start(article, 150, 300) == 0
    assert article_start("Dòng ngắn\nDòng ngắn khác", 150, 300) == 0
    got = score_relevance(text, None, inspectors=0, findings=1, sanctions=0, inspected_units=0)
    assert got["relevant"] and "kiểm tra công vụ" in got["reason"], got


def test_a_numbered_topic_line_names_what_was_checked_not_a_finding():
    assert findings_of("1. Việc chấp hành thời giờ làm việc") == set()
    assert findings_of("1. Việc chấp hành thời giờ làm việc: 3 công chức đi muộn.") == {("late_arrival", "violation")}


def test_a_review_beside_a_stated_measure_is_no_sanction_and_criticism_is_none():
    from extractors.counts import extract_counts
    text = ("Sau khi tổ chức kiểm điểm, Ủy ban Kiểm tra Huyện ủy quyết định thi hành kỷ luật 7 đảng viên. "
            "Chủ tịch UBND huyện phê bình lãnh đạo hai phòng.")
    found = {(m.data["kind"], m.data["count"]) for m in extract_sanctions(text, split_sentences(text),
                                                                          extract_counts(text))}
    assert found == {("ky_luat", 7)}


def test_conclusions_and_recommendations_as_nouns_open_no_recommendation():
    assert ("slow_task_execution", "violation") in findings_of(
        "Phường Đông Sơn thực hiện kết luận, kiến nghị và xử lý sau kiểm tra của huyện vẫn chậm.")


def test_an_excused_absence_is_no_finding():
    assert ("absent_from_post", "violation") not in findings_of(
        "Bộ phận một cửa có 5/6 công chức trực tiếp nhận hồ sơ (vắng 1 người có lý do).")
    assert ("absent_from_post", "violation") in findings_of("Xã Hoài Châu vắng đến 14 người.")


def test_an_uncounted_review_is_a_measure_unless_it_is_the_review_procedure():
    assert _sanctions_of("Sở đã khiển trách 2 công chức. Huyện cũng kiểm điểm nghiêm khắc trưởng phòng.") == [
        ("khien_trach", 2), ("kiem_diem", None)]
    assert _sanctions_of("Sau khi xem xét bản tự kiểm điểm, Sở quyết định khiển trách ông A.") == [
        ("khien_trach", None)]
    assert _sanctions_of("Đoàn quyết định kiểm điểm và có hình thức kỷ luật thích đáng với bà Hạnh.") == [("ky_luat", None)]
    # the review that precedes any measure: "kiểm điểm, làm rõ trách nhiệm", "quy trình / họp / cần kiểm điểm"
    assert _sanctions_of("Sở yêu cầu huyện kiểm điểm, làm rõ trách nhiệm của từng cá nhân có liên quan.") == []
    assert _sanctions_of("Đoàn báo cáo quy trình kiểm điểm đối với Đảng ủy hai sở.") == []
    assert _sanctions_of("Huyện vừa họp kiểm điểm đối với ông C.") == []
    assert _sanctions_of("Các chi bộ còn những hạn chế cần rút kinh nghiệm.") == []


def test_a_count_right_before_a_form_is_that_forms_and_party_bodies_are_counted():
    assert _sanctions_of("Có 40 trường hợp phải xử lý kỷ luật (2 trường hợp khai trừ ra khỏi Đảng, "
                         "1 trường hợp cảnh cáo, 37 trường hợp khiển trách).") == [
        ("canh_cao", 1), ("khien_trach", 37), ("ky_luat", 2), ("ky_luat", 40)]
    assert _sanctions_of("Huyện ủy kỷ luật 1 chi bộ bằng hình thức khiển trách.") == [("khien_trach", 1)]
    # "tổ chức" after a number is the verb here, not a body
    assert _sanctions_of("Yêu cầu Phường 3 tổ chức kiểm điểm đối với 5 cán bộ, công chức.") == [("kiem_diem", 5)]


def test_a_measure_not_reached_is_none_and_its_count_goes_to_the_review():
    assert _sanctions_of("Có 9 công chức vi phạm nhưng chưa đến mức phải xử lý kỷ luật, chỉ phải kiểm điểm.") == [
        ("kiem_diem", 9)]


def test_possible_measures_and_a_range_of_forms_are_no_sanction():
    assert _sanctions_of("Cán bộ vi phạm có thể bị kỷ luật bằng hình thức cảnh cáo.") == []
    assert _sanctions_of("Sở đề nghị xử lý người sai phạm với hình thức kỷ luật từ cảnh cáo, cách chức "
                         "đến buộc thôi việc. Xã đã khiển trách 3 công chức.") == [("khien_trach", 3)]


def test_titles_are_counted_and_a_form_named_with_la_takes_the_count():
    assert _sanctions_of("Huyện đã cảnh cáo 3 chủ tịch UBND cấp xã.") == [("canh_cao", 3)]
    assert _sanctions_of("Cả 2 ông đều nhận hình thức kỷ luật là khiển trách.") == [("khien_trach", 2)]


def test_a_rule_about_discipline_is_no_sanction():
    assert _sanctions_of("Căn cứ quy định về xử lý kỷ luật đảng viên có sai phạm, "
                         "Ủy ban Kiểm tra Đảng ủy đã khiển trách 3 đảng viên.") == [("khien_trach", 3)]
    assert _sanctions_of("Quyết định về việc kỷ luật đối với 5 viên chức của trường.") == [("ky_luat", 5)]


def test_a_measure_in_brackets_takes_no_count_past_them():
    assert _sanctions_of("Kiến nghị xử lý 5 cá nhân (kiểm điểm), chuyển hồ sơ sang cơ quan điều tra 2 vụ 4 người.") == [
        ("kiem_diem", 5)]


@pytest.mark.parametrize("text,expected", [
    # a share below the whole is a statistic, not a compliance
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,5%.", set()),
    ("Tại thời điểm kiểm tra, 58/60 công chức có mặt tại vị trí làm việc.", {("absent_from_post", "compliant")}),
    ("Trong năm, 1.200 hồ sơ được giải quyết trước hạn, chiếm 96%.", set()),
    ("100% hồ sơ được giải quyết đúng hạn.", {("overdue_dossiers", "compliant")}),
    # a prohibition states a rule, not a check
    ("Cán bộ không được uống rượu, bia trong giờ làm việc.", set()),
    ("Cơ quan đã phổ biến việc cấm hút thuốc trong phòng họp.", set()),
    # a kind of Party inspection, not a breach found
    ("Ủy ban kiểm tra đã kiểm tra 3 đảng viên khi có dấu hiệu vi phạm.", set()),
    ("Qua kiểm tra không phát hiện sai phạm.", set()),
    ("Đoàn phát hiện 6 trường hợp vi phạm giờ giấc làm việc.", {("late_arrival", "violation")}),
])
def test_statistics_prohibitions_and_generic_breaches(text, expected):
    assert findings_of(text) == expected


def test_no_generic_breach_found_registers_no_compliance():
    assert findings_of("Qua kiểm tra, đoàn không phát hiện sai phạm trong quản lý đất đai.") == set()


def test_many_breaches_of_service_discipline_are_not_other():
    assert findings_of("Đoàn phát hiện nhiều vi phạm kỷ luật, kỷ cương tại ba xã.") == set()


@pytest.mark.parametrize("text,expected", [
    ("Tiếp dân định kỳ của lãnh đạo phường, các trưởng ban không đủ số buổi quy định.",
     {("citizen_reception_neglected", "violation")}),
    ("Công chức đeo thẻ đầy đủ, phòng làm việc chưa gọn gàng.",
     {("no_badge", "compliant"), ("untidy_office", "violation")}),
])
def test_a_deficiency_later_in_the_clause_reaches_the_last_norm(text, expected):
    assert findings_of(text) == expected


def test_rules_that_were_kept_are_observations():
    assert findings_of("Nhân viên đều chấp hành nội quy, quy chế, thực hiện tốt thời giờ làm việc.") == {
        ("late_arrival", "compliant")}
    assert findings_of("Cơ quan ban hành nội quy, quy chế về việc không đi muộn.") == set()
    assert findings_of("Xã đã niêm yết nội quy cơ quan, niêm yết thủ tục hành chính đầy đủ.") == {
        ("procedures_not_posted", "compliant")}


def test_street_name_signs_are_no_nameplates():
    assert findings_of("Huyện đã thay biển tên đường và sửa cống thoát nước.") == set()


def test_a_thousands_dot_does_not_end_the_clause_of_a_count_code():
    from extractors.counts import extract_counts
    from extractors.findings import extract_findings
    text = "Có 4.930 hồ sơ giải quyết quá hạn."
    counts = extract_counts(text)
    extract_findings(text, [(0, len(text))], [], counts)
    assert [(c.data["value"], c.data.get("code")) for c in counts] == [(4930, "overdue_dossiers")]


@pytest.mark.parametrize("text,expected", [
    # a promise is no check: "hứa sẽ không ..." registers nothing
    ("Ông trưởng trạm hứa sẽ không uống rượu trong giờ trực nữa.", set()),
    # the cause of a requested review is what was found
    ("Chủ tịch tỉnh yêu cầu làm rõ trách nhiệm đối với việc bổ nhiệm phó phòng vượt quá số lượng quy định.",
     {("other", "violation")}),
    ("Tỉnh đề nghị kiểm điểm tổ chức, cá nhân liên quan đến việc tuyển dụng viên chức vượt quá số lượng quy định.",
     {("other", "violation")}),
    # leaving in office hours is away from the post, not an unexplained absence
    ("Một thủ thư của trường tự ý nghỉ việc trong giờ hành chính, về nhà bán hàng.", {("absent_from_post", "violation")}),
    # drinking at a villager's home in office hours is alcohol, not personal business
    ("Hai cán bộ xã đến nhà một hộ dân ngồi nhậu trong giờ làm việc.", {("alcohol_at_work", "violation")}),
    # posted, but against the rule stated later in the clause
    ("Xã có niêm yết công khai giờ tiếp nhận hồ sơ, tuy vậy giờ niêm yết không đúng với quy định của huyện.",
     {("procedures_not_posted", "violation")}),
])
def test_promises_causes_office_hour_errands_and_late_deficiencies(text, expected):
    assert findings_of(text) == expected


def test_discipline_demanded_of_another_body_for_unnamed_people_is_not_applied():
    assert _sanctions_of("Bộ trưởng yêu cầu Giám đốc Sở rà soát hồ sơ; xử lý kỷ luật đối với cá nhân sai phạm.") == []
    # a review asked for stays (annotators list it), and so does a counted measure
    assert set(_sanctions_of("Tỉnh yêu cầu hai huyện kiểm điểm, rút kinh nghiệm.")) == {("kiem_diem", None)}
    assert _sanctions_of("Theo yêu cầu của tỉnh, huyện đã kỷ luật 3 cán bộ.") == [("ky_luat", 3)]


def test_the_party_task_of_inspection_supervision_and_discipline_is_no_measure():
    assert _sanctions_of("Đảng ủy xã làm việc với 3 chi bộ về kiểm tra, giám sát, thi hành kỷ luật của đảng năm 2024.") == []
    assert _sanctions_of("Ban Thường vụ nghe báo cáo của xã về giám sát và thi hành kỷ luật đảng.") == []


def test_a_total_over_forms_said_of_named_people_restates_them():
    assert _sanctions_of("Tỉnh vừa kỷ luật 3 cán bộ. Ông A bị cảnh cáo; ông B và bà C bị khiển trách.") == [
        ("canh_cao", None), ("khien_trach", None)]


def test_votes_for_a_measure_and_comparisons_with_one_are_no_measure():
    assert _sanctions_of("Hội đồng có 2/5 phiếu đề nghị cách chức; ông A bị kỷ luật cảnh cáo.") == [("canh_cao", None)]
    assert _sanctions_of("Hội đồng thống nhất mức xử lý nặng hơn mức khiển trách.") == []


def test_a_norm_plainly_said_to_be_in_order_stays_compliant_after_a_contrast():
    assert findings_of("Xã làm tốt công tác cải cách, tuy nhiên chưa tự chấm điểm các nhiệm vụ, xã niêm yết "
                       "đầy đủ các thủ tục hành chính.") == {("procedures_not_posted", "compliant")}
    assert findings_of("Tuy nhiên, xã còn niêm yết thủ tục hành chính đã hết hiệu lực.") == {
        ("procedures_not_posted", "violation")}


def test_rules_listed_after_a_demand_are_no_findings():
    assert findings_of("Huyện yêu cầu công chức chấp hành nghiêm nội quy cơ quan. Không sử dụng rượu, bia trong "
                       "giờ làm việc; không làm việc riêng trong giờ hành chính.") == set()


def test_a_self_review_or_an_apology_is_no_measure():
    assert _sanctions_of("Hai công chức đã tự kiểm điểm trước cuộc họp.") == []
    assert _sanctions_of("Chủ tịch xã xin rút kinh nghiệm về việc chậm trả lời đơn.") == []
    assert _sanctions_of("Hai công chức bị kiểm điểm, rút kinh nghiệm.") == [("kiem_diem", 2)]


def test_a_tally_after_a_colon_or_a_share_of_dossiers_is_a_statistic():
    assert ("overdue_dossiers", "compliant") not in findings_of("Huyện có 900 hồ sơ đến hạn (đúng hạn: 850, trễ hạn: 50).")
    assert findings_of("Trong kỳ, có 7/95 hồ sơ giải quyết đúng hạn.") == set()
    # a share of units still finds those units in order
    assert findings_of("Có 12/15 xã giải quyết đúng hạn hồ sơ.") == {("overdue_dossiers", "compliant")}


def test_a_demanded_form_is_none_even_when_it_says_whom_and_an_ordered_self_review_stays():
    # corpora/README.md, rules of 2026-12-07: discipline only demanded of another body is no sanction
    assert _sanctions_of("Quận yêu cầu phường xem xét xử lý kỷ luật công chức uống rượu buổi trưa.") == []
    assert set(_sanctions_of("Huyện yêu cầu 2 chủ tịch xã tự kiểm điểm trước Ban Thường vụ.")) == {("kiem_diem", 2)}


def test_counts_listed_before_a_passive_measure_are_all_facts():
    assert _sanctions_of("Huyện Sơn Lâm: 5 tổ chức đảng, 236 đảng viên bị thi hành kỷ luật.") == [
        ("ky_luat", 236), ("ky_luat", 5)]


def test_forms_with_a_bare_number_before_or_after_split_the_total_not_take_it():
    assert _sanctions_of("Đảng bộ xã năm qua có 6 trường hợp bị kỷ luật; hình thức khiển trách 4, cảnh cáo 2.") == [
        ("canh_cao", 2), ("khien_trach", 4), ("ky_luat", 6)]
    assert _sanctions_of("Cấp ủy các cấp đã kỷ luật 15 đảng viên (hình thức: 11 khiển trách; 3 cảnh cáo "
                         "và khai trừ 1 trường hợp).") == [
        ("canh_cao", 3), ("khien_trach", 11), ("ky_luat", 1), ("ky_luat", 15)]


def test_a_measure_not_taken_is_no_sanction():
    assert _sanctions_of("Đã kỷ luật 5 đảng viên, không thi hành kỷ luật 11 trường hợp vì đã hết thời hiệu xử lý.") == [
        ("ky_luat", 5)]


def test_kiem_diem_beside_a_generic_measure_is_not_its_form():
    found = _sanctions_of("Trong năm, 12 viên chức bị xử lý kỷ luật, kiểm điểm trách nhiệm.")
    assert ("ky_luat", 12) in found


def test_a_bare_number_before_a_form_counts_that_form_only():
    found = _sanctions_of("Trung tâm y tế khiển trách 3 người và 1 cách chức.")
    assert ("khien_trach", 3) in found and ("cach_chuc", 1) in found and ("cach_chuc", 3) not in found


def test_the_passive_subject_stands_before_its_companions():
    found = _sanctions_of("Ngoài ra, 5 nhân viên khác đi cùng với hai cán bộ kể trên cũng bị kỷ luật.")
    assert found == [("ky_luat", 5)]


def test_the_total_a_share_is_taken_of_is_no_new_measure():
    text = "Huyện ủy kỷ luật 40 đảng viên; trong đó có 9 cấp ủy viên, chiếm 22,5% tổng số đảng viên bị kỷ luật."
    assert _sanctions_of(text) == [("ky_luat", 40)]
    assert _sanctions_of("Huyện ủy giao 5 đảng ủy cơ sở làm tốt KTGS và thi hành kỷ luật đảng.") == []


def test_a_waived_measure_is_no_sanction():
    assert _sanctions_of("Hội đồng thống nhất không áp dụng hình thức kỷ luật đối với 4 giáo viên.") == []


def test_heads_counted_by_their_title():
    assert _sanctions_of("Ban Thường vụ cảnh cáo 2 nguyên phó bí thư đảng ủy phường.") == [("canh_cao", 2)]


def test_a_large_total_beside_forms_said_of_named_people_stays():
    text = ("Năm qua, Ủy ban Kiểm tra các cấp kỷ luật 87 đảng viên. Huyện đã kỷ luật cách chức đối với ông Tâm "
            "và kỷ luật cảnh cáo đối với bà Hoa.")
    assert _sanctions_of(text) == [("cach_chuc", None), ("canh_cao", None), ("ky_luat", 87)]


@pytest.mark.parametrize("text,expected", [
    ("Huyện ủy yêu cầu các chi bộ tổ chức kiểm điểm, tự phê bình và phê bình đối với tập thể, cá nhân.", []),
    ("Bà Ngân và ông Khải đã tự giác kiểm điểm nghiêm túc, nhận khuyết điểm và sai sót của mình.", []),
    ("Sau đó, xã đã tổ chức kiểm điểm, xử lý kỷ luật 3 cá nhân gồm trưởng trạm và thủ quỹ.", [("ky_luat", 3)]),
    ("Sở chỉ đạo kiểm điểm 9 công chức. Trong số những người bị kiểm điểm, 6 người là đảng viên.",
     [("kiem_diem", 9)]),
])
def test_self_criticism_and_the_review_before_a_measure_are_no_sanction(text, expected):
    assert _sanctions_of(text) == expected


def test_shortcomings_found_in_a_task_make_its_norm_a_violation():
    assert findings_of("Các thiếu sót trong việc cập nhật, chỉnh lý sổ sách địa chính đã được chỉ ra "
                       "song phường vẫn chưa sửa.") == {("records_deficient", "violation")}


@pytest.mark.parametrize("text,expected", [
    # a goal or a condition states no result
    ("Nhằm đảm bảo 100% hồ sơ của người dân được giải quyết đúng hạn, xã đã giao việc cho từng công chức.", set()),
    ("Trường hợp phát hiện hồ sơ chưa được cập nhật lên phần mềm, công chức phải báo cáo lãnh đạo ngay.",
     set()),
    # ... unless what follows is said done
    ("Nhằm phục vụ người dân, xã đã niêm yết công khai thủ tục hành chính.", {("procedures_not_posted", "compliant")}),
    # what voters or public opinion say is not what the inspectors found
    ("Dư luận địa phương cho rằng ở bộ phận một cửa vẫn còn tình trạng phiền hà, sách nhiễu.", set()),
])
def test_goals_conditions_and_opinions_are_no_findings(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the list after a topic frame names what was checked
    ("Đoàn đã kiểm tra việc chấp hành thời giờ làm việc, đeo thẻ công chức, niêm yết công khai thủ tục hành chính "
     "tại 5 xã.", set()),
    ("Nội dung kiểm tra gồm: việc đeo thẻ công chức, trang phục, niêm yết thủ tục hành chính.", set()),
    # ... until something says what was found
    ("Đoàn kiểm tra việc chấp hành giờ giấc, kết quả cho thấy 100% cán bộ đeo thẻ.", {("no_badge", "compliant")}),
    ("Qua kiểm tra việc đeo thẻ, 2 công chức không đeo thẻ.", {("no_badge", "violation")}),
])
def test_a_topic_frame_governs_the_list_it_opens(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ai sẽ phát hiện cán bộ vi phạm uống rượu bia?", set()),
    ("Từ nay, người nào vi phạm quy định của Huyện ủy về việc này có thể bị kỷ luật.", set()),
    ("Tổ sẽ kiểm tra đột xuất tại các quán nhậu, nhà hàng.", set()),
    ("Trong 25 hồ sơ tiếp nhận viên chức có 3 hồ sơ không có tài liệu thể hiện quá trình sát hạch.",
     {("records_deficient", "violation")}),
])
def test_questions_conditions_and_places_find_nothing(text, expected):
    assert findings_of(text) == expected


def test_no_state_of_a_problem_is_a_compliance():
    assert findings_of("Qua trao đổi với người dân, không có tình trạng phiền hà, sách nhiễu.") == {
        ("misconduct_toward_citizens", "compliant")}


@pytest.mark.parametrize("text", [
    "Sau khi nhận khuyết điểm, 3 điều dưỡng đều chấp nhận hình thức kỷ luật mà hội đồng đưa ra.",
    "Giám đốc Sở ra quyết định lập Hội đồng kỷ luật để xem xét mức kỷ luật với viên chức nói trên.",
])
def test_a_measure_accepted_or_to_be_considered_is_no_sanction(text):
    assert _sanctions_of(text) == []


def test_people_listed_one_by_one_after_a_form_are_counted_together():
    assert _sanctions_of("Thị xã khiển trách một phó chủ tịch UBND phường, một chủ tịch HĐND phường, một chủ tịch "
                         "UBND phường; và cảnh cáo 2 chủ tịch UBND phường.") == [("canh_cao", 2), ("khien_trach", 3)]


def test_the_inspected_bodys_own_claim_is_no_compliance():
    assert findings_of("Chi nhánh báo cáo đã giải quyết đúng hạn 100% hồ sơ theo quy định.") == set()


def test_a_measure_proposed_to_the_deciding_body_is_no_sanction():
    assert _sanctions_of("Qua thanh tra, Thanh tra huyện Mỹ Lâm kiến nghị kiểm điểm trách nhiệm 9 tập thể, 31 cá nhân.") == []
    assert _sanctions_of("Đoàn kiến nghị Chủ tịch xã Đông Hà xử lý kỷ luật 4 công chức địa chính.") == []
    # what was done since the proposal stays, and so does a measure after duties listed
    assert _sanctions_of("Phòng đã rà soát, kiến nghị, trình huyện thi hành kỷ luật đối với 5 viên chức.") == [("ky_luat", 5)]
    assert _sanctions_of("Thanh tra tỉnh kiến nghị xử lý 16 cá nhân (đã kiểm điểm trách nhiệm 12 cá nhân).") == [
        ("kiem_diem", 12)]
    assert _sanctions_of("Theo kiến nghị của Hội đồng, Giám đốc quyết định khiển trách 3 viên chức.") == [
        ("khien_trach", 3)]


def test_a_measure_said_of_a_named_person_takes_no_count_around_it():
    assert _sanctions_of("Đối với 9 đảng viên sai phạm ở xã Tân Lư, Tỉnh ủy đã thi hành kỷ luật đồng chí Hà Văn Khôi "
                         "bằng hình thức cảnh cáo.") == [("canh_cao", None)]
    assert _sanctions_of("Huyện ủy xem xét hình thức kỷ luật đối với ông Lò Văn Sâm vì để tồn đọng hơn 300 hồ sơ. "
                         "Ông Sâm bị khiển trách.") == [("khien_trach", None)]


def test_a_question_states_no_measure():
    assert _sanctions_of("Nghỉ làm không báo trước, viên chức có bị kỷ luật không?") == []
    # the consequence a rule attaches to a breach
    assert _sanctions_of("Viên chức tự ý bỏ việc ba ngày liền thì bị xem xét xử lý kỷ luật.") == []


def test_how_cases_are_usually_handled_is_no_measure():
    assert _sanctions_of("Việc xử lý sau thanh tra ở huyện Bình Xuyên còn nhẹ, chủ yếu là kiểm điểm rút kinh nghiệm.") == []


def test_a_loss_to_the_state_is_other_wrongdoing():
    assert ("other", "violation") in findings_of(
        "Trưởng phòng tài chính huyện Hòa Vĩnh duyệt chi sai, gây thất thoát ngân sách hơn 300 triệu đồng.")
    assert ("other", "violation") in findings_of(
        "Xã Phước Lâm để xảy ra sai phạm trong quản lý về đầu tư các công trình nhỏ.")


@pytest.mark.parametrize("text,expected", [
    # a discipline taken with no wrong the taxonomy names: the wrong is 'other'
    ("Ủy ban Kiểm tra Huyện ủy Sơn Lâm quyết định khai trừ ra khỏi Đảng 3 đảng viên ở xã Hòa Vinh.", {"other"}),
    ("Hai cán bộ địa chính của phường Tân Lập bị cảnh cáo.", {"other"}),
    # a coded violation names the wrong already; a kiểm điểm alone is no discipline taken
    ("Ba công chức xã Hòa Vinh đi làm muộn bị khiển trách.", {"late_arrival"}),
    ("Trạm y tế xã Hòa Vinh tổ chức kiểm điểm rút kinh nghiệm đối với 2 viên chức.", set()),
])
def test_a_discipline_taken_with_no_violation_named_is_other(text, expected):
    from extractors.counts import extract_counts
    from extractors.findings import discipline_findings
    sentences, counts = split_sentences(text), extract_counts(text)
    found = extract_findings(text, sentences, None, counts)
    found += discipline_findings(found, extract_sanctions(text, sentences, counts))
    assert {m.data["code"] for m in found if m.data["status"] == "violation"} == expected


@pytest.mark.parametrize("text", [
    "Hội đồng thi đua kiến nghị rồi đề nghị Đảng ủy thị trấn Mường Khoa cân nhắc thi hành kỷ luật hai kế toán.",
    "Tổ công tác của tỉnh yêu cầu huyện Nậm Pồ cân nhắc có hình thức kỷ luật thủ quỹ trường mầm non Hoa Ban.",
    "Sở đề nghị tổ chức đảng có thẩm quyền cách chức ông Lò Văn Tám.",
])
def test_a_form_demanded_of_or_proposed_to_another_body_is_no_sanction(text):
    from extractors.counts import extract_counts
    assert extract_sanctions(text, split_sentences(text), extract_counts(text)) == []


def test_a_form_taken_after_a_demand_stays():
    from extractors.counts import extract_counts
    text = "Theo yêu cầu của Sở, Huyện ủy Tân Hòa đã khiển trách 2 cán bộ địa chính."
    found = extract_sanctions(text, split_sentences(text), extract_counts(text))
    assert {(m.data["kind"], m.data["count"]) for m in found} == {("khien_trach", 2)}


def test_a_count_with_only_discipline_words_before_its_form_is_that_forms():
    assert _sanctions_of("Riêng xã Bản Mế có 12 cán bộ bị kiểm điểm, 3 cá nhân kỷ luật cảnh cáo và 7 người nhận "
                         "kỷ luật khiển trách.") == [("canh_cao", 3), ("khien_trach", 7), ("kiem_diem", 12)]


def test_an_abbreviation_dot_ends_no_clause_and_a_stamp_number_counts_no_one():
    # "TP.HCM" does not cut the proposal off its measure
    assert _sanctions_of("Đảng ủy phường Mỹ Lợi kiến nghị Thành ủy TP.HCM cân nhắc khiển trách một tổ trưởng dân phố.") == []
    # the stamp's month on the line above is no count of the people named below it
    assert _sanctions_of("date 2024-10\nÔng A và ông B vừa bị kỷ luật bằng hình thức cảnh cáo.") == [("canh_cao", None)]


@pytest.mark.parametrize("text", [
    # a tally of what was done, before the norm, is a statistic, not a check found in order
    "Trong năm, xã Phong Nậm tổ chức 42 lượt tiếp công dân định kỳ với 60 người.",
    # a rate below 100% still governs the norm across a bracket
    "Tháng 5, có 87,5% hồ sơ thủ tục hành chính (TTHC) của huyện Bảo Lâm được giải quyết đúng hạn.",
])
def test_a_tally_or_a_rate_before_a_norm_is_no_compliance(text):
    assert not {status for _, status in findings_of(text)} & {"compliant"}


def test_shortcomings_pointed_out_unnamed_are_other_only_when_no_violation_is_named():
    assert findings_of("Đoàn kiểm tra đã chỉ ra những tồn tại, hạn chế của huyện Mèo Vạc.") == {("other", "violation")}
    # the document names the shortcoming: the vague phrase sums it up, it adds no 'other'
    assert findings_of("Đoàn kiểm tra đã chỉ ra những tồn tại, hạn chế của huyện Mèo Vạc. "
                       "Một số công chức của huyện đi làm muộn.") == {("late_arrival", "violation")}


def test_a_counted_discipline_split_by_body_after_trong_do_in_its_sentence_adds_no_generic_measure():
    assert _sanctions_of("Quý này Đảng bộ Mường Tè đã kỷ luật 2 chi bộ "
                         "và 85 người, trong đó Ban Thường vụ kỷ luật 1 chi bộ "
                         "và 9 người; Ủy ban Kiểm tra kỷ luật 20 người.") == [
        ("ky_luat", 2), ("ky_luat", 85)]
    # the forms named after it are facts
    assert _sanctions_of("Đảng ủy phường Yên Thế vừa kỷ luật 12 người, "
                         "trong đó cảnh cáo 2 người, khiển trách 7 người, "
                         "khai trừ 3 người.") == [
        ("canh_cao", 2), ("khien_trach", 7), ("ky_luat", 12), ("ky_luat", 3)]


def test_an_uncounted_review_proposed_to_another_body_is_no_sanction_and_a_counted_one_stays():
    assert _sanctions_of("Thanh tra huyện Lạc Sơn đề nghị kiểm điểm rút kinh nghiệm đối với ban giám hiệu trường.") == []
    # counted, the client's own minutes record it as taken (corpora/gold)
    assert _sanctions_of("Phòng đề nghị kiểm điểm 3 viên chức thủ quỹ.") == [("kiem_diem", 3)]


@pytest.mark.parametrize("text,expected", [
    # a goal word used as a noun before a turn to the results does not make the breach a goal
    ("Đoàn nhận xét các công trình ở xã Tân Phú phù hợp với mục tiêu ban đầu, song vẫn còn một số thiếu sót, "
     "vi phạm trong khâu nghiệm thu.", {("other", "violation")}),
    ("Huyện đặt mục tiêu không để xảy ra sai phạm trong quản lý ngân sách.", set()),
    # staff beyond the quota is staffing wrongdoing; "thừa nhận" is no surplus
    ("Đoàn phát hiện huyện Ea Sol đang hợp đồng thừa gần 80 nhân viên so với định mức được giao.",
     {("other", "violation")}),
    ("Sở cho biết các trường đã bổ nhiệm thừa 12 phó hiệu trưởng.", {("other", "violation")}),
    ("Ông Lò Văn Khánh thừa nhận không nắm được chỉ tiêu biên chế của xã.", set()),
    # a fine for what the inspection found, fees collected against the rules
    ("Thanh tra sở ra quyết định xử phạt hành chính Trung tâm Bình Minh 8 triệu đồng.", {("other", "violation")}),
    ("Nhà trường đã thu nhiều khoản đóng góp của phụ huynh trái quy định.", {("other", "violation")}),
    # the law named instead of "quy định"
    ("Ban quản lý giao đất cho doanh nghiệp không đúng Luật Đất đai.", {("other", "violation")}),
])
def test_staffing_fines_and_goal_words(text, expected):
    assert findings_of(text) == expected


def test_a_fine_counts_its_decisions_not_violators():
    text = "Qua thanh tra chuyên ngành, sở đã ban hành 57 quyết định xử phạt vi phạm hành chính."
    counts = [Mention(text.index("57"), text.index("57") + 2, "count", {"value": 57})]
    findings_of(text, counts=counts)
    assert "code" not in counts[0].data


def test_a_count_after_a_form_is_that_forms_and_two_forms_sharing_one_count_have_none():
    # "khai trừ 3 trường hợp, cảnh cáo ...": the 3 is the expulsion's, not the warning's
    assert _sanctions_of("Huyện ủy Yên Lạc kỷ luật 20 đảng viên, trong đó cách chức 1 trường hợp, "
                         "khai trừ 3 trường hợp, cảnh cáo và khiển trách 16 trường hợp.") == [
        ("cach_chuc", 1), ("canh_cao", None), ("khien_trach", None), ("ky_luat", 20), ("ky_luat", 3)]
    # a generic measure, its count, then its form: one measure with that count
    assert _sanctions_of("Đảng ủy thi hành kỷ luật 2 chi bộ với hình thức khiển trách.") == [("khien_trach", 2)]


def test_discipline_still_under_consideration_is_no_sanction():
    assert _sanctions_of("Ngoài ra, huyện đang xem xét xử lý kỷ luật 6 trường hợp khác.") == []


@pytest.mark.parametrize("text,expected", [
    ("Theo đoàn, lãnh đạo hai phường không quan tâm tới việc chỉ đạo, sắp xếp lịch tiếp công dân.",
     {("citizen_reception_neglected", "violation")}),
    ("Xã Hòa Bình còn chậm thụ lý các đơn khiếu nại về đất đai.", {("citizen_reception_neglected", "violation")}),
    ("Việc xử lý đơn thư của ông Quang ở phường chưa đúng thời hạn.", {("citizen_reception_neglected", "violation")}),
    ("Trưởng phòng thường ủy quyền cho phó trưởng phòng tiếp công dân.", {("citizen_reception_neglected", "violation")}),
    ("Việc tiếp dân định kỳ của chủ tịch hai xã chưa đủ số phiên.", {("citizen_reception_neglected", "violation")}),
])
def test_citizen_reception_variants(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a norm said breached is a violation, not a compliance; denied, it is one
    ("Qua kiểm tra, hai viên chức thư viện vi phạm quy định về đeo thẻ.", {("no_badge", "violation")}),
    ("Tổ kiểm tra không thấy ai vi phạm quy định về đeo thẻ.", {("no_badge", "compliant")}),
    ("Không có công chức nào ở xã Quang Minh vi phạm quy định về đeo thẻ.", {("no_badge", "compliant")}),
])
def test_a_breach_word_before_a_norm_decides_its_polarity(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text", [
    "Đợt kiểm tra định kỳ này để đánh giá đúng thực chất, chỉ ra những khuyết điểm và cách khắc phục.",
    "Hoạt động giám sát của Ban Pháp chế có ý nghĩa lớn, chỉ ra những hạn chế để phường Tân Mai sửa chữa.",
])
def test_what_a_check_is_for_finds_nothing(text):
    assert findings_of(text) == set()


def test_a_signed_discipline_decision_is_a_measure_taken():
    assert _sanctions_of("Giám đốc sở Nông nghiệp vừa ký quyết định kỷ luật một loạt cán bộ của chi cục.") == [
        ("ky_luat", None)]
    assert _sanctions_of("Ủy ban xã ban hành quyết định kỷ luật bằng hình thức khiển trách bà Đinh Thị Mai.") == [
        ("khien_trach", None)]


@pytest.mark.parametrize("text", [
    "Tập trung hoàn thiện hồ sơ số hóa, bảo đảm đúng tiến độ mà tỉnh giao.",
    "- Khẩn trương bố trí cán bộ tiếp công dân định kỳ tại trụ sở xã Đông Hưng.",
])
def test_a_sentence_that_sets_a_task_finds_no_compliance(text):
    assert findings_of(text) == set()


@pytest.mark.parametrize("text,expected", [
    ("Theo kết luận, ở quận Hải An việc giải quyết thủ tục cấp phép xây dựng còn chậm.",
     {("overdue_dossiers", "violation")}),
    ("Lãnh đạo thành phố phê bình ba phòng chậm trong giải quyết thủ tục đất đai cho dân.",
     {("overdue_dossiers", "violation")}),
])
def test_procedures_of_any_field_handled_slowly_are_overdue(text, expected):
    assert findings_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an ellipsis inside a sentence does not end the clause whose deficiency comes after it
    ("Ở xã Phú Lâm, bảng công khai thủ tục hành chính các mảng đất đai, xây dựng... chưa được cập nhật.",
     {("procedures_not_posted", "violation")}),
])
def test_a_clause_inside_a_sentence_ends_at_a_semicolon_or_colon_only(text, expected):
    assert findings_of(text) == expected


def test_the_clause_names_are_distinct():
    import extractors.findings as F
    assert F._CLAUSE_BREAK.pattern == "[;:]"  # a clause within a sentence (polarity, a recommendation's cause)
    assert ":" not in F._COUNT_CLAUSE_END.pattern  # the clause a count after its cue may stand in


@pytest.mark.parametrize("text,expected", [
    ("Ban Thường vụ Tỉnh ủy họp xem xét thi hành kỷ luật nguyên Giám đốc Sở Công Thương.", []),
    ("Ủy ban Kiểm tra nhất trí tiến hành các bước để xem xét, xử lý kỷ luật Đảng ủy phường Mỹ An.", []),
    ("Hôm qua, Huyện ủy đã xem xét rồi quyết định thi hành kỷ luật đối với 3 đảng viên xã Lộc Hà.", [("ky_luat", 3)]),
    ("Sau đợt kiểm tra, huyện xem xét, xử lý kỷ luật hai công chức văn phòng xã Tân Mỹ.", [("ky_luat", 2)]),
    # asked of another body, naming whom: the demand rules keep it (the client's minutes record it)
    ("Trưởng đoàn yêu cầu Chủ tịch xã Hà Lâm chấn chỉnh nề nếp; đồng thời xem xét xử lý kỷ luật công chức hút thuốc.",
     [("ky_luat", None)]),
])
def test_a_measure_under_consideration_is_not_taken(text, expected):
    assert _sanctions_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a review demanded with nothing between is asked of another body, not taken (corpora/README.md, 2026-12-07)
    ("Thường trực Huyện ủy Đông Sơn yêu cầu kiểm điểm tập thể lãnh đạo Phòng Kinh tế vì chậm giao đất.", []),
    ("Chủ tịch thị xã đã yêu cầu kiểm điểm nghiêm túc ông Trịnh Văn Lực, Phó trưởng phòng.", []),
    # said of whom it hits, it is reported as the measure
    ("Trưởng trạm y tế xã Mỹ Hòa bị yêu cầu kiểm điểm vì để hồ sơ bệnh nhân thất lạc.", [("kiem_diem", None)]),
    # a demand addressed to a unit's head stays (the client's minutes record it)
    ("Trưởng đoàn yêu cầu Chủ tịch xã Tân Lạc tổ chức kiểm điểm đối với 2 công chức đến muộn.", [("kiem_diem", 2)]),
])
def test_a_review_demanded_with_no_one_between_is_not_taken(text, expected):
    assert _sanctions_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the reflection demanded of someone, uncounted: not a measure taken
    ("Ông Đào Minh Khôi được thành phố yêu cầu phải nghiêm túc kiểm điểm, rút kinh nghiệm ngay trong tuần.", []),
    ("Huyện yêu cầu bà Lò Thị Sen nghiêm túc rút kinh nghiệm về việc để hồ sơ đất đai tồn đọng.", []),
    # counted, it stays
    ("Sở yêu cầu 3 giáo viên trường Tân Hà nghiêm túc kiểm điểm, rút kinh nghiệm.", [("kiem_diem", 3)]),
])
def test_a_reflection_demanded_of_someone_is_not_a_measure(text, expected):
    assert _sanctions_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an inspection's conclusion or a review of someone's responsibility, no wrong the taxonomy names: 'other'
    ("Chủ tịch UBND huyện Sơn Lâm ký kết luận thanh tra về việc quản lý quỹ khuyến học của xã Hòa Vinh.", {"other"}),
    ("Huyện yêu cầu làm rõ trách nhiệm của hiệu trưởng trường mầm non Hoa Ban trong việc thu tiền bán trú.", {"other"}),
    # discipline only proposed is no sanction, but the wrong behind it was found
    ("Ủy ban Kiểm tra Huyện ủy Sơn Lâm đề nghị xem xét, thi hành kỷ luật nguyên trưởng phòng tài chính.", {"other"}),
    # a coded violation names the wrong already; a visit with neither frame states none
    ("Kết luận kiểm tra nêu 2 công chức xã Hòa Vinh đi làm muộn.", {"late_arrival"}),
    ("Đoàn công tác của tỉnh làm việc với xã Hòa Vinh về chuyển đổi số.", set()),
])
def test_a_conclusion_or_responsibility_review_with_no_violation_named_is_other(text, expected):
    from extractors.counts import extract_counts
    from extractors.findings import discipline_findings
    sentences, counts = split_sentences(text), extract_counts(text)
    found = extract_findings(text, sentences, None, counts)
    found += discipline_findings(found, extract_sanctions(text, sentences, counts), text, sentences)
    assert {m.data["code"] for m in found if m.data["status"] == "violation"} == expected


@pytest.mark.parametrize("text", [
    # the purpose or task a review serves, not a review held
    "Huyện tạm đình chỉ công tác trưởng trạm y tế xã Hòa Vinh để thực hiện kiểm điểm về vụ cháy kho.",
    "Ban giám hiệu trường Hoa Ban được giao thực hiện việc kiểm điểm về khoản thu quỹ lớp.",
    "Việc kiểm điểm đối với các tổ chức nêu trên do Đảng ủy xã Hòa Vinh tiến hành trong tháng tới.",
    # lessons drawn from the work, nobody's review
    "Hội nghị nhằm phát huy kết quả đạt được và rút kinh nghiệm những hạn chế trong năm.",
])
def test_a_review_as_purpose_task_or_lesson_is_no_sanction(text):
    assert _sanctions_of(text) == []


def test_a_review_held_of_named_people_stays():
    assert _sanctions_of("Đảng ủy xã Hòa Vinh đã kiểm điểm rút kinh nghiệm đối với 3 cán bộ địa chính.") == [
        ("kiem_diem", 3)]
