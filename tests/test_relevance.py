"""Relevance gate: cues of the heading and the opening (short invented sentences)."""

import pytest

from extractors.relevance import score_relevance


def _score(title, opening, **signals):
    counts = dict(inspectors=0, findings=0, sanctions=0, inspected_units=0) | signals
    return score_relevance(opening, title, **counts)


CHECK = "Tổ công tác của Văn phòng huyện kiểm tra đột xuất giờ làm việc ở bộ phận tiếp dân."


HEADING_ANNOUNCEMENTS_INCIDENTS_AND_OTHER_GENRES = [  # (title, opening, signals, relevant)
    # a heading that only announces a check is a plan, however strong the body's signals
    ("Trong quý II, Phó chủ tịch tỉnh sẽ kiểm tra tại ba sở", CHECK,
     dict(inspectors=1, findings=2, inspected_units=1), False),
    ("Phó chủ tịch tỉnh kiểm tra tại ba sở", CHECK, dict(inspectors=1, findings=2, inspected_units=1), True),
    # an incident answered for: the head's written account, owning up
    ("Giám đốc trần tình vụ nhân viên về sớm", "Trong văn bản giải trình gửi tỉnh, ông nhận trách nhiệm "
     "của người đứng đầu.", dict(inspected_units=1), True),
    ("Nhân viên bệnh viện bỏ trực", "Giám đốc bệnh viện xác nhận thông tin, đã cho hai người tạm nghỉ.",
     dict(findings=2), True),
    # counted people to be dealt with after an incident; unnamed offenders are a directive's words
    ("Tin tỉnh", "UBND tỉnh yêu cầu Sở Y tế làm rõ, xử lý đúng quy định đối với 2 viên chức bỏ trực.",
     dict(findings=2), True),
    ("Tin tỉnh", "UBND tỉnh yêu cầu các sở xử lý nghiêm đối với cá nhân vi phạm giờ giấc.",
     dict(findings=2), False),
    # a head who let dossiers run late; an official letter issued
    ("Nhiều hồ sơ đất đai chậm trả", "Quận đề nghị xem xét trách nhiệm lãnh đạo phòng đã để xảy ra tình trạng quá hạn.",
     dict(findings=2), True),
    ("Hai cán bộ bỏ trực, huyện chấn chỉnh", "UBND huyện vừa ra công văn yêu cầu siết chặt kỷ luật, kỷ cương.",
     dict(findings=3, inspected_units=1), False),
    # mass-mobilisation news is another genre
    ("Xã T đẩy mạnh công tác dân vận ở bộ phận một cửa", "Cán bộ niềm nở, cải cách hành chính.",
     dict(findings=3), False),
]


RESULTS_OF_MONITORING_REVIEWS_AND_RULINGS = [  # (title, opening, signals, relevant)
    # what monitoring or a review found, whatever the clause names before the comma; a purpose is none
    ("Tin tỉnh", "Qua theo dõi, giám sát việc xử lý hồ sơ đất đai trong tháng 9 tại trung tâm, Văn phòng "
     "UBND tỉnh nhận thấy nhiều hồ sơ tồn đọng.", dict(findings=1), True),
    ("Tin tỉnh", "Qua rà soát kết quả số hóa hồ sơ từ ngày 1/7 đến ngày 14/10, hệ thống còn 4.300 hồ sơ "
     "chưa số hóa.", dict(inspectors=1), True),
    ("Tin tỉnh", "Qua rà soát việc số hóa hồ sơ nhằm nâng cao chỉ số, tỉnh giao các sở thực hiện.",
     dict(inspectors=1), False),
    ("Tin tỉnh", "Theo báo cáo rà soát tháng này, nhiều huyện vẫn còn hồ sơ quá hạn chưa trả.",
     dict(findings=2), True),
    # a check completed at counted units; a date after "đã kiểm tra" is no count of units
    ("HĐND quận giám sát thủ tục hành chính", "Đoàn đã giám sát thực tế tại 03 phường trong tháng 5.",
     dict(), True),
    ("Tin huyện", "Đoàn đã kiểm tra 2 ngày tại huyện.", dict(inspectors=1), False),
    # what came out after an inspection or a ruling
    ("Cán bộ bổ nhiệm không đủ điều kiện", "Đó là số liệu thanh tra bộ vừa thông báo sau quá trình thanh tra.",
     dict(findings=1), True),
    ("Tin xã", "Phòng lập đoàn thanh tra, kết luận ông D. ăn chặn tiền hỗ trợ của 8 hộ.", dict(findings=1), True),
    ("Quận trả lời người tố cáo", "UBND quận đã thông báo kết luận giải quyết tố cáo nhằm vào trưởng phòng tài chính.",
     dict(), True),
    # the form of discipline applied, not one a rule foresees
    ("Tin xã", "Cùng với hình thức kỷ luật trên, ông D. phải trả lại tiền.", dict(inspectors=1), True),
    ("Tin tỉnh", "Người vi phạm tùy mức độ sẽ có hình thức kỷ luật.", dict(inspectors=1), False),
    # a year's programme of inspections screened or drawn up is a plan, not a report
    ("Thành phố gỡ chồng chéo trong kế hoạch thanh tra, kiểm tra doanh nghiệp năm 2026",
     "Qua rà soát phần mềm, thanh tra thành phố phát hiện 9 doanh nghiệp bị trùng lặp.", dict(inspectors=1), False),
    ("Thực hiện kế hoạch kiểm tra năm 2024, đoàn đã kiểm tra 5 đơn vị", CHECK, dict(inspectors=1), True),
]


COUNTED_PEOPLE_AT_FAULT = [  # (title, opening, signals, relevant)
    # counted people found at fault are a result; a check "khi có dấu hiệu vi phạm" counts no offender
    ("94 cán bộ lãnh đạo ở tỉnh T được bổ nhiệm khi không đủ điều kiện",
     "Đó là số liệu thanh tra bộ vừa thông báo sau quá trình thanh tra.", dict(), True),
    ("Tin tỉnh", "Năm nay tỉnh ủy xem xét 60 đảng viên khi có dấu hiệu vi phạm.", dict(inspectors=1),
     False),
    ("Tin tỉnh", "Qua rà soát, 7 đảng viên có vi phạm.", dict(inspectors=1), True),
]


COUNTED_TASKS_AND_QUESTION_SESSIONS = [  # (title, opening, signals, relevant)
    # counted assigned tasks overdue: a leader's monitoring of task execution
    ("Tập trung xử lý các nhiệm vụ quá hạn", "UBND tỉnh giao 833 nhiệm vụ; trong đó có 181 nhiệm vụ quá hạn.",
     dict(findings=3), True),
    ("Tập trung xử lý các nhiệm vụ", "UBND tỉnh giao 833 nhiệm vụ cho các sở trong năm.", dict(findings=3), False),
    # a question session held in a council
    ("Tin tỉnh", "Tại phiên chất vấn kỳ họp thứ 2, đại biểu hỏi giám đốc sở về hồ sơ tồn đọng.", dict(), True),
    ("Tin tỉnh", "Kỳ họp thứ 2 của HĐND tỉnh bàn về hồ sơ tồn đọng.", dict(), False),
]


CHECKS_AND_DISCIPLINE_STILL_TO_COME = [  # (title, opening, signals, relevant)
    # checks still to come, counted, are a plan
    ("Kế hoạch của thanh tra tỉnh", "Năm 2024 thanh tra tỉnh sẽ tiến hành 5 cuộc thanh tra tại các huyện.",
     dict(inspected_units=1), False),
    ("Tin tỉnh", "Năm 2023 thanh tra tỉnh đã tiến hành 5 cuộc thanh tra tại các huyện.", dict(inspected_units=1), True),
    # a decision that only sets up a check team
    ("Kiểm tra công tác văn thư ở các phường", "Giám đốc Sở Nội vụ đã ký ban hành Quyết định số "
     "385/QĐ-SNV về việc thành lập Đoàn kiểm tra việc lưu trữ hồ sơ ở các phường.", dict(inspectors=1, inspected_units=1), False),
    # a result word inside the heading's own announcement is no result; discipline still to be carried out is none
    ("Ai sẽ phát hiện cán bộ vi phạm?", "Theo quy định mới, xử lý kỷ luật sẽ được tiến hành trong một tháng.",
     dict(findings=3), False),
]


NAMED_OFFICES_WRONGDOING_HEADINGS_AND_LETTERS = [  # (title, opening, signals, relevant)
    # a check carried out at a named office; one still to come is none
    ("Văn phòng tỉnh: đợt kiểm soát TTHC tháng Tám", "Ngày 12/8, phòng kiểm soát TTHC tiến hành kiểm soát "
     "TTHC đối với Sở Tư pháp.", dict(findings=1, inspected_units=1), True),
    ("Văn phòng tỉnh: đợt kiểm soát TTHC tháng Tám", "Tháng tới, phòng kiểm soát TTHC sẽ tiến hành kiểm soát "
     "TTHC đối với Sở Tư pháp.", dict(findings=1, inspected_units=1), False),
    # wrongdoing in a field another genre names is news of wrongdoing; a letter asking for a check announces one
    ("Sở vào cuộc vụ bất thường trong tuyển dụng giáo viên ở huyện H", "Trước đó, đoàn công tác của Sở đã có "
     "báo cáo kết quả kiểm tra đơn thư của phụ huynh.", dict(inspectors=1), True),
    ("Huyện H tuyển dụng 120 giáo viên", "Đoàn công tác của Sở vừa có báo cáo kết quả kiểm tra hồ sơ dự "
     "tuyển.", dict(inspectors=1), False),
    ("Bất thường trong tuyển dụng giáo viên: vì sao huyện im lặng?", "Ngày 3/10, Sở có công văn hỏa tốc số "
     "1265/SGDĐT-TCCB về việc kiểm tra, làm rõ đơn của thí sinh.", dict(inspectors=1, inspected_units=1), False),
]


def test_relevance_topic_late_dossiers_listed_with_a_comma():
    got = _score("Tin tỉnh", "Cuộc họp nghe báo cáo việc xử lý hồ sơ chậm, quá hạn.", findings=1)
    assert "topic 'hồ sơ chậm, quá hạn'" in got["reason"], got


@pytest.mark.parametrize("opening, relevant", [
    # faults pointed out, money to recover: results; a meeting's own "tồn tại, hạn chế" is none
    ("Kết luận của Thanh tra huyện chỉ ra một số khuyết điểm, vi phạm của ban giám hiệu nhà trường.", True),
    ("Tại buổi tổng kết, các đại biểu chỉ ra một số tồn tại, hạn chế cần khắc phục.", False),
    ("Thanh tra phát hiện 5,5 tỷ đồng sai, kiến nghị thu hồi 1,4 tỷ đồng về ngân sách.", True),
    ("Ông cho biết cán bộ phát hiện nhiều sai sót ở bộ phận một cửa.", True),
])
def test_relevance_faults_pointed_out_and_money_to_recover(opening, relevant):
    got = _score("Tin tỉnh", opening, inspectors=1)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("opening, relevant", [
    # a team decision's listed scope is an announcement; a minutes' field naming the checked unit is not
    ("Chủ tịch tỉnh đã lập hai đoàn. Các đơn vị được kiểm tra bao gồm: Sở Y tế, huyện Đông Hải.", False),
    ("Đại diện đơn vị được kiểm tra: bà Lò Thị Mai, Trưởng phòng Tổ chức. Thời gian làm việc: sáng 9/6.", True),
])
def test_relevance_listed_scope_of_a_team_decision(opening, relevant):
    got = _score("Kiểm tra cải cách hành chính", opening, inspectors=1, inspected_units=1)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("opening, relevant", [
    # a body decided the form of discipline, even with the decision still to be handed over
    ("Ban giám đốc đã họp và đã thống nhất hình thức xử lý. Ông V sẽ bị kỷ luật nghiêm, quyết định kỷ luật trao sau.", True),
    ("Hội đồng được lập để xem xét, quyết định hình thức kỷ luật. Ông V sẽ bị kỷ luật nghiêm, quyết định kỷ luật trao sau.", False),
])
def test_relevance_form_of_discipline_decided(opening, relevant):
    lead = "Chiều 21/3, trả lời phóng viên, chánh văn phòng sở nói rằng chuyện một kế toán của trung tâm dịch vụ " \
           "nông nghiệp huyện tự ý nghỉ nhiều ngày liền đã được báo cáo lên tỉnh từ đầu tháng. "  # the heading ends before the cue
    got = _score("Tin sở", lead + opening, inspectors=1)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("opening, relevant", [
    # what a check body or a complaint ruling concluded; carrying out a conclusion is none
    ("Tại kỳ họp 40, cơ quan kiểm tra trung ương kết luận ông T. đã làm trái quy định.", True),
    ("Cơ quan chức năng xác minh và xác định nội dung tố cáo là đúng.", True),
    ("Huyện đã công bố kết quả giải quyết tố cáo nhằm vào một hiệu phó trường tiểu học.", True),
    ("Tỉnh đôn đốc việc thực hiện kết luận đối với các sở.", False),
])
def test_relevance_conclusions_and_complaint_rulings(opening, relevant):
    got = _score("Tin tỉnh", opening, inspectors=1)
    assert got["relevant"] is relevant, got


def test_relevance_training_on_violations_stays_another_genre():
    got = _score("Tập huấn xử lý vi phạm hành chính cho cán bộ xã", "Sở Tư pháp mở lớp cho 200 cán bộ.",
                 inspectors=1, inspected_units=1)
    assert got["relevant"] is False, got


def test_relevance_data_lists_are_phrases_and_every_cue_class_has_a_weight():
    import re

    from extractors.lexicon import load_data, phrase_to_regex
    from extractors.relevance import ANNOUNCEMENT, COMMENTARY, OTHER_GENRE, RESULT_CUES

    data = load_data("relevance.yaml")
    for key in ("topic_cues", "off_topic_title_starts", "off_topic_title_cues", "title_start_exceptions",
                "wrongdoing_title_cues", *(f"{w}_cues" for w in (*RESULT_CUES, ANNOUNCEMENT, OTHER_GENRE, COMMENTARY))):
        assert data[key] and all(isinstance(x, str) and x.strip() for x in data[key]), key
        for phrase in data[key]:
            re.compile(phrase_to_regex(phrase))
    assert {*RESULT_CUES, ANNOUNCEMENT, OTHER_GENRE, COMMENTARY} <= set(data["weights"])


SHORTFALLS_ROLL_CALLS_AND_SUPERVISION_PROGRAMMES = [  # (title, opening, signals, relevant)
    # a conclusion's words for a unit's shortfall are a result
    ("Tin tỉnh", "Theo kết luận, sở chưa kịp thời tham mưu ban hành quy định về tiêu chuẩn chức danh.", dict(), True),
    ("Tin tỉnh", "Theo kết luận, sở bổ nhiệm hai phó phòng không đúng quy định.", dict(), True),
    # absent leaders named at a roll call are people found wanting
    ("Hội nghị tổng kết", "Kết quả điểm danh: vắng mặt bốn lãnh đạo quận, danh sách được nêu đích danh.",
     dict(findings=1, inspected_units=1), True),
    # supervision of counted topics, with no unit found wanting, is no result
    ("Tin huyện", "Trong 9 tháng, ủy ban MTTQ các xã đã giám sát 13 chuyên đề về quyền lợi của người dân.",
     dict(), False),
    ("Tin huyện", "Trong 9 tháng, ủy ban MTTQ huyện đã giám sát 13 xã về giải quyết đơn thư.", dict(), True),
    # a supervision programme drawn up, a council's praise of its own year: another genre
    ("Tin huyện", "Ủy ban MTTQ huyện vừa xây dựng chương trình giám sát năm 2026 với 14 chuyên đề.", dict(inspectors=1),
     False),
    ("Tin xã", "Năm qua, HĐND xã cơ bản thực hiện tốt chức năng, nhiệm vụ; công tác giám sát được đổi mới.",
     dict(inspectors=1), False),
]


CHECKS_STEPPED_UP_TARGETS_AND_WORKSHOPS = [  # (title, opening, signals, relevant)
    # checks to be stepped up, a year's targets, a workshop: a plan or another genre, whoever is named
    ("Tin tỉnh", "Trong quý tới, thanh tra tỉnh sẽ đẩy mạnh kiểm tra công vụ ở các sở, ngành.",
     dict(inspectors=1, inspected_units=1), False),
    ("Tin huyện", "Năm nay huyện phấn đấu 60% cơ quan được kiểm tra cải cách hành chính.",
     dict(inspectors=1, inspected_units=1), False),
    ("Tin tỉnh", "Ủy ban kiểm tra tỉnh ủy tổ chức hội thảo về nâng cao chất lượng kiểm tra đảng viên.",
     dict(inspectors=1, inspected_units=1), False),
]


SURPRISE_CHECKS_TO_COME_AND_DRAFTS_REVIEWED = [  # (title, opening, signals, relevant)
    # surprise checks still to come; a council meeting reviewing a draft report
    ("Tin thành phố", "Bắt đầu từ quý III, tổ công tác thành phố sẽ đóng vai công dân kiểm tra đột xuất các phường.",
     dict(inspectors=1), False),
    ("Tin huyện", "Ban Pháp chế HĐND huyện họp, cho ý kiến vào dự thảo báo cáo giám sát việc tiếp dân năm 2025.",
     dict(inspectors=1), False),
]


STAFF_CAUGHT_AND_WHAT_REPORTS_SHOWED = [  # (title, opening, signals, relevant)
    # staff caught at fault on a visit; what a report or statistics showed
    ("Tin huyện", "Ghé trạm y tế xã lúc 10 giờ sáng, phó chủ tịch huyện bắt gặp một nhân viên đang chơi điện tử.",
     dict(findings=1), True),
    ("Tin tỉnh", "Số liệu thống kê của trung tâm phục vụ hành chính công cho thấy 215 hồ sơ bị trả chậm, quá hạn.",
     dict(findings=1), True),
    ("Tin tỉnh", "Báo cáo số 1140 của Văn phòng Chính phủ về năm 2018, tại tỉnh cho thấy có gần 4.000 hồ sơ quá hạn.",
     dict(findings=1), True),
    ("Tin tỉnh", "Tỉnh tổ chức hội nghị về chuyển đổi số.", dict(findings=1), False),
]


DISCIPLINE_CONCLUSIONS_AND_SUPPOSITIONS = [  # (title, opening, signals, relevant)
    # discipline news without a named team: the opening states the discipline and its result
    ("Kỷ luật 2 cán bộ phường buông lỏng quản lý trật tự xây dựng", "Chủ tịch UBND thị xã đã ký quyết định kỷ luật "
     "chủ tịch phường S.",
     dict(sanctions=1), True),
    ("Kiểm điểm 7 đảng viên", "Qua kiểm tra, Ủy ban Kiểm tra Huyện ủy phát hiện sai phạm khi giao đất ở cho hộ dân.",
     dict(findings=1), True),
    # an inspectorate's conclusion reported by the press
    ("Công bố kết luận thanh tra tại huyện V", "Qua thanh tra, đoàn phát hiện nhiều sai phạm khi cấp giấy phép xây dựng.",
     dict(), True),
    # a supposition is no result: "nếu phát hiện cán bộ ... sẽ bị kỷ luật"
    ("Cấm uống rượu bia buổi trưa", "Từ tháng sau, nếu phát hiện cán bộ uống rượu bia sẽ bị xử lý kỷ luật.",
     dict(findings=1), False),
    ("Công bố quyết định thanh tra việc mua sắm ở bệnh viện huyện", "Đoàn sẽ thanh tra trong 30 ngày làm việc.",
     dict(inspectors=1, inspected_units=1), False),
    # a summary of completed inspections; a case under verification; a reprimand of heads
    ("Sáu tháng đầu năm", "Ngành thanh tra đã tiến hành 45 cuộc thanh tra, phát hiện sai phạm ở 12 đơn vị.",
     dict(), True),
    ("Công chức bỏ nhiệm sở", "Đảng ủy xã đang xác minh việc hai cán bộ xã nhậu trong giờ làm việc.",
     dict(findings=1), True),
    ("Chấn chỉnh báo cáo chậm", "Chủ tịch UBND huyện vừa có văn bản phê bình thủ trưởng năm phòng chậm nộp báo cáo.",
     dict(findings=1), True),
    ("Kế hoạch thanh tra năm 2025", "Năm 2025, Thanh tra tỉnh sẽ tiến hành 12 cuộc thanh tra hành chính.",
     dict(inspectors=1), False),
    # an instruction that bans and asks for checks; an emulation-title appraisal; a team set up
    ("Chấn chỉnh giờ giấc", "Chỉ đạo trên nhằm chấn chỉnh cán bộ đi trễ; thủ trưởng phải thường xuyên kiểm tra.",
     dict(inspectors=1, findings=1), False),
    ("Xã A đạt chuẩn cơ quan văn hóa", "Đoàn công tác vừa kiểm tra, thẩm định xã A. Qua kiểm tra cho thấy xã làm tốt.",
     dict(inspectors=1, inspected_units=1), False),
    ("Thành phố lập Tổ công tác kiểm tra công vụ", "Tổ công tác kiểm tra công vụ có 33 thành viên.",
     dict(inspectors=1), False),
    # a schedule of checks is no report; the same words with "đã" are
    ("Lịch làm việc của đoàn", "Theo kế hoạch, ngày 6/11 - 20/11, đoàn kiểm tra tại 5 trường học.",
     dict(inspectors=1, inspected_units=1, findings=1), False),
    ("Lịch làm việc của đoàn", "Theo kế hoạch, ngày 6/11, đoàn kiểm tra đã làm việc tại 5 trường học.",
     dict(inspectors=1, inspected_units=1, findings=1), True),
    # a site's name as the page title: the genre is read from the first lines too
    ("Your Website Title", "Xã H được công nhận đạt chuẩn cơ quan văn hóa năm 2025. Đoàn công tác huyện vừa "
     "kiểm tra lại xã.",
     dict(inspectors=1, inspected_units=1, findings=1), False),
    # a conclusion on recruitment is a report, though its title names recruitment
    ("Kết luận thanh tra việc tuyển dụng công chức tại tỉnh A", "Thanh tra tỉnh phát hiện nhiều sai phạm.",
     dict(findings=1), True),
    # results reported or discussed; a conclusion's shortcoming; violations written up; a warning is none
    ("Chủ tịch tỉnh yêu cầu huyện B chấn chỉnh", "Căn cứ báo cáo của Sở Nội vụ về kết quả kiểm tra, Chủ tịch tỉnh "
     "giao huyện B rút kinh nghiệm.",
     dict(), True),
    ("Thông báo của Văn phòng tỉnh", "Theo thông báo, Chủ tịch UBND huyện C đã để xảy ra một số thiếu sót.",
     dict(findings=1), True),
    ("Công an tỉnh xử phạt cán bộ", "Ngày 3/5, Công an tỉnh đã lập biên bản, xử phạt 4 cán bộ xã làm lộ tài liệu.",
     dict(findings=1), True),
    ("Chấn chỉnh lề lối làm việc", "Thủ trưởng các đơn vị không để xảy ra sai phạm trong giải quyết hồ sơ.",
     dict(findings=1), False),
    # a decision to check, with its number and date; a ranking of provinces
    ("Tin địa phương", "Ngày 2/4, Tỉnh ủy D ban hành quyết định số 17-QĐ/TU ngày 2/4/2021 về kiểm tra đối với "
     "ban thường vụ huyện ủy.", dict(inspectors=1, findings=1), False),
    ("Chỉ số cải cách hành chính 2023: tỉnh E dẫn đầu", "Tỉnh F đứng cuối bảng, tỉnh G tăng 10 bậc.",
     dict(inspectors=1, inspected_units=1, findings=1), False),
    # a surprise visit told in another word order
    ("Tin trong ngày", "Sáng 4/5, lãnh đạo tỉnh đột xuất đến kiểm tra trạm y tế xã G, thấy cửa khóa.",
     dict(findings=3), True),
    # a conclusion cited as the source; "Qua kiểm tra, ..." whatever follows; a purpose is none
    ("Theo kết luận, nhiều sai phạm đã được phát hiện trong tuyển dụng", "Bộ X kiến nghị xử lý.",
     dict(inspectors=1, findings=1), True),
    ("Tin huyện", "Đoàn kiểm tra công tác cải cách của huyện đến xã K. Qua kiểm tra, đoàn chỉ rõ hạn chế.",
     dict(inspected_units=1), True),
    ("Tin huyện", "Mục đích: qua thanh tra, nhằm làm rõ việc quản lý quỹ đất công ích của xã K.",
     dict(inspected_units=1, findings=1), False),
    ("Kiểm tra đột xuất để phát hiện cán bộ vi phạm", "Sở Nội vụ yêu cầu các đơn vị tăng cường kiểm tra.",
     dict(inspectors=1), False),
    # an incident answered for: the head confirms it, the staff own up, the city settles the review
    ("Nhân viên trạm y tế uống bia trong giờ làm", "Giám đốc trung tâm xác nhận có sự việc, đã yêu cầu "
     "ba nhân viên viết tường trình.", dict(findings=2), True),
    ("Tin thành phố", "UBND thành phố thống nhất nội dung kiểm điểm đối với lãnh đạo sở L.",
     dict(findings=1), True),
    ("Tin huyện", "Trung tâm y tế đang tiến hành xác minh phản ánh về nhân viên bỏ trực.",
     dict(findings=1), True),
    # a council's explanation session
    ("Huyện M giải trình các kiến nghị", "Tại phiên giải trình, đại biểu yêu cầu UBND huyện làm rõ các tồn đọng "
     "nêu trong kết luận của Thường trực HĐND.", dict(), True),
    # what a year of checks achieved; a team's completed visit
    ("Tổng kết năm", "Qua hoạt động thanh tra công vụ, các sở đã kịp thời chấn chỉnh nghiệp vụ.",
     dict(findings=2), True),
    ("Tin tỉnh", "Đoàn kiểm tra của Sở đã làm việc với UBND huyện P từ ngày 7 đến ngày 10/11.",
     dict(inspectors=1, inspected_units=1), True),
    # counted teams sent to counted units; a team set up, with no units, is none
    ("Mặt trận làm tốt giám sát", "Năm 2017, Mặt trận tỉnh đã thành lập 9 đoàn giám sát đối với 12 bộ phận một cửa.",
     dict(), True),
    ("Tin tỉnh", "Chủ tịch UBND tỉnh đã thành lập 2 đoàn kiểm tra do giám đốc hai sở làm trưởng đoàn.",
     dict(inspectors=1), False),
    # what a check team observed; a suspension pending review
    ("Tin huyện", "Đoàn giám sát của HĐND huyện ghi nhận bộ phận một cửa xã Q còn chậm trả hồ sơ.",
     dict(inspected_units=1), True),
    ("Cán bộ xã say xỉn khi tiếp dân", "Cán bộ địa chính xã R đã bị tạm đình chỉ công tác 15 ngày.",
     dict(findings=1), True),
    # a meeting's closing remarks are no conclusion of a check
    ("Ý kiến kết luận của Chủ tịch UBND tỉnh tại buổi làm việc", "Chủ tịch yêu cầu các sở đẩy mạnh công việc.",
     dict(inspectors=1), False),
    # a leader's instruction relayed is a directive
    ("Hà Nội chỉ đạo kiểm tra công vụ", "UBND thành phố vừa có công văn thông báo ý kiến chỉ đạo của Chủ tịch "
     "về thanh tra công vụ tại các quận.", dict(inspectors=1, inspected_units=1), False),
    # a directive issued, an anniversary, an emulation model: other genres
    ("Huyện N tăng cường kỷ cương hành chính", "UBND huyện N vừa ban hành chỉ thị tăng cường kỷ luật, kỷ cương.",
     dict(findings=3), False),
    ("Công khai làm Đảng mạnh hơn", "Ủy ban Kiểm tra Huyện ủy long trọng kỷ niệm 65 năm ngày thành lập ngành.",
     dict(inspectors=1), False),
    ("Bộ phận một cửa làm theo mô hình dân vận khéo", "Cán bộ biết cười, biết cảm ơn, cải cách hành chính.",
     dict(findings=3), False),
]


@pytest.mark.parametrize("title, opening, signals, relevant", [
    *DISCIPLINE_CONCLUSIONS_AND_SUPPOSITIONS,
    *HEADING_ANNOUNCEMENTS_INCIDENTS_AND_OTHER_GENRES,
    *RESULTS_OF_MONITORING_REVIEWS_AND_RULINGS,
    *COUNTED_PEOPLE_AT_FAULT,
    *COUNTED_TASKS_AND_QUESTION_SESSIONS,
    *CHECKS_AND_DISCIPLINE_STILL_TO_COME,
    *NAMED_OFFICES_WRONGDOING_HEADINGS_AND_LETTERS,
    *SHORTFALLS_ROLL_CALLS_AND_SUPERVISION_PROGRAMMES,
    *CHECKS_STEPPED_UP_TARGETS_AND_WORKSHOPS,
    *SURPRISE_CHECKS_TO_COME_AND_DRAFTS_REVIEWED,
    *STAFF_CAUGHT_AND_WHAT_REPORTS_SHOWED,
])
def test_relevance_of_headings_and_openings(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a plan or a directive that carries out inspections' conclusions cites them, it states none
    ("Vân Khê ra kế hoạch: mỗi sở một phần việc thực hiện kết luận thanh tra của Bộ",
     "Ngày 3/2, tỉnh Vân Khê chia cho mỗi sở một phần để thực hiện kết luận thanh tra trước tháng tư.",
     dict(inspectors=1), False),
    ("Tin tỉnh", "Chủ tịch tỉnh yêu cầu các ngành thực hiện nghiêm các kết luận thanh tra, làm tốt công tác xử lý "
     "sau thanh tra và báo cáo hằng quý.", dict(inspectors=1), False),
    # the conclusion itself, and what came out after a check, are results
    ("Thanh tra tỉnh Vân Khê công bố kết luận thanh tra tại Sở Giao thông",
     "Kết luận thanh tra nêu sở giao ba gói thầu khi hồ sơ còn thiếu.", dict(inspectors=1), True),
    ("Tin tỉnh", "Sau thanh tra, Sở Công thương bị yêu cầu nộp lại 300 triệu đồng.", dict(inspectors=1), True),
])
def test_relevance_conclusions_carried_out_are_not_conclusions_stated(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a team's preparatory meeting: its plan adopted, its members given their tasks, the visit foreseen
    ("Ban Kinh tế HĐND huyện Lạc Sơn họp đoàn giám sát về quản lý chợ",
     "Trưởng ban giao việc cho từng thành viên; dự kiến đoàn làm việc với hai thị trấn vào đầu tháng sau.",
     dict(inspectors=1, inspected_units=1), False),
    ("Tin huyện", "Hội đồng nhân dân huyện Lạc Sơn thông qua kế hoạch và lịch làm việc để chuẩn bị cho đợt giám sát "
     "các chợ đầu mối.", dict(inspectors=1, inspected_units=1, findings=1), False),
    # the rules a team or a disciplinary council works by, issued: a regulation, not a report
    ("Hòa Lâm: hội đồng xét kỷ luật ngành y có quy chế tổ chức và hoạt động mới",
     "Giám đốc Sở Y tế tỉnh Hòa Lâm ký quyết định; hội đồng xem xét việc kỷ luật cán bộ theo đề nghị.",
     dict(inspectors=1), False),
    # the team's own findings after the visit stay a report
    ("Đoàn giám sát HĐND huyện Lạc Sơn làm việc tại chợ Bến Gỗ",
     "Qua giám sát, đoàn phát hiện ban quản lý chợ thu phí không đúng quy định.",
     dict(inspectors=1, inspected_units=1, findings=1), True),
])
def test_relevance_teams_getting_ready_and_rules_issued(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # the State Audit's results are a report, like an inspectorate's
    ("Tin tỉnh", "Qua kiểm toán ngân sách huyện Bình Nguyên năm 2024, Kiểm toán nhà nước kiến nghị xử lý tài chính "
     "12 tỷ đồng.", dict(), True),
    ("Tin tỉnh", "Kết quả kiểm toán của Kiểm toán nhà nước chỉ rõ ban quản lý dự án nghiệm thu khi chưa đủ hồ sơ.",
     dict(inspected_units=1), True),
    # a ministry that reads the law says what it found in the law, not in a unit
    ("Tin bộ", "Qua rà soát các văn bản pháp luật hiện hành, Bộ thấy có thể xử lý kỷ luật cán bộ xã theo nghị định.",
     dict(inspected_units=1), False),
    # a leader's praise, a fact-finding visit, a reader's complaint a paper received, a letter to the bodies it instructs
    ("Thứ trưởng đánh giá cao nỗ lực cải cách của huyện Tân Hòa", "Chiều 4/3, đoàn công tác của Bộ làm việc với huyện.",
     dict(inspectors=1, inspected_units=1), False),
    ("Tin tỉnh", "Đoàn công tác của Ban Dân tộc đã về huyện Tân Hòa để nắm bắt tình hình thực hiện chính sách.",
     dict(inspectors=1, inspected_units=1), False),
    ("Chủ tịch xã bị kỷ luật vẫn được tái cử", "Tòa soạn đã nhận được đơn của một số hộ dân thôn Đông Lạc.",
     dict(inspected_units=1), False),
    ("Tin bộ", "Kính gửi: Sở Nội vụ các tỉnh. Thời gian qua, một số nơi còn hỏi về thẩm quyền với công chức cấp xã.",
     dict(inspectors=1, findings=1), False),
])
def test_relevance_audits_praise_visits_complaints_received_and_letters(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a decision that sets teams up, worded with or without "về việc": the checks are still to come
    ("Tin tỉnh", "Chủ tịch tỉnh Phước Lâm vừa có Quyết định 77/QĐ-UBND thành lập ba đoàn công tác kiểm tra tiến độ "
     "giải ngân tại các huyện.", dict(inspectors=1, inspected_units=1), False),
    # a report that opens by carrying such a decision out tells the check that followed
    ("Tin tỉnh", "Năm nay, tỉnh Phước Lâm chú trọng việc theo dõi tiến độ các dự án dùng vốn ngân sách ở những huyện "
     "miền núi, nơi nhiều công trình chậm. Thực hiện Quyết định 77/QĐ-UBND thành lập đoàn kiểm tra, ngày 9/4 đoàn đã "
     "làm việc tại huyện Tây Lâm.", dict(inspectors=1, inspected_units=1), True),
    # a body's guidance on how to run checks is no check
    ("Tin tỉnh", "Ủy ban Kiểm tra Tỉnh ủy Phước Lâm ban hành hướng dẫn số 05 về công tác kiểm tra trước đại hội.",
     dict(inspectors=1), False),
])
def test_relevance_teams_set_up_by_decision_and_guidance_issued(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a team's visit still to come, and its foreseen dates, announce a check
    ("Tin thành phố", "Ban Pháp chế cho hay đoàn giám sát sẽ làm việc với quận Đông Phố, rồi ba phường, về cách trả lời ý kiến "
     "cử tri.", dict(inspectors=1, inspected_units=1, findings=1), False),
    ("Tin thành phố", "HĐND thành phố lập đoàn giám sát việc cấp phép xây dựng. Dự kiến, thời gian giám sát vào giữa "
     "tháng 10.", dict(inspectors=1, inspected_units=1, findings=1), False),
    # what a check found left to fix is a result
    ("Kiểm tra cải cách hành chính tại Sở Xây dựng Phước Lâm", "Tuy nhiên, việc số hóa hồ sơ của sở còn một số hạn chế, "
     "nhiều hồ sơ chưa được cập nhật.", dict(inspected_units=1), True),
])
def test_relevance_visits_to_come_and_shortfalls_left(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, relevant", [
    # staff taken on or promoted wrongly is wrongdoing news, whatever field the heading names
    ("Huyện Mỹ Lâm tuyển dụng sai 20 giáo viên, nay phải hủy quyết định", True),
    ("Huyện Mỹ Lâm thông báo tuyển dụng 20 giáo viên năm học mới", False),
])
def test_relevance_staff_taken_on_wrongly_is_wrongdoing_not_recruitment_news(title, relevant):
    got = _score(title, "Sở Nội vụ tỉnh cho biết hồ sơ của các giáo viên không đúng quy định.",
                 inspectors=1, inspected_units=1)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a study of the rules on discipline, with its abstract or its aim, is no news of a check
    ("Bàn về thời hiệu kỷ luật viên chức", "Tóm tắt: Viên chức vi phạm thì tùy mức độ bị xử lý kỷ luật bằng khiển trách, "
     "cảnh cáo hoặc buộc thôi việc. Bài viết này phân tích những chỗ chưa rõ của quy định hiện hành.",
     dict(findings=2), False),
    ("Kỷ luật trong quản lý thuế", "Thông tư mới của Bộ có hiệu lực từ tháng 7. Bài viết tập trung phân tích các quy định "
     "về xử lý kỷ luật người làm sai.", dict(findings=2), False),
    # a discipline report that quotes the rules stays a report
    ("Kỷ luật hai công chức xã Đông Lâm", "Ủy ban Kiểm tra Huyện ủy Đông Lâm đã thi hành kỷ luật khiển trách hai công "
     "chức địa chính vì cấp giấy sai quy định.", dict(inspectors=1, findings=2, sanctions=1, inspected_units=1), True),
])
def test_relevance_studies_of_the_rules_are_no_reports(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a question on what the rules say supposes discipline: no one was disciplined
    ("Nghỉ ốm không báo trước, nhân viên có bị kỷ luật không?", "Nhiều bạn đọc hỏi về việc nghỉ không xin phép. "
     "Theo quy định, người vi phạm nội quy thì bị xem xét xử lý kỷ luật.", dict(findings=3), False),
    # a team's decision and plan made known at its first meeting, and a check paused, tell no result
    ("Tin tỉnh", "Sáng thứ Hai, tổ công tác của Huyện ủy Đông Lâm công bố quyết định và kế hoạch kiểm tra tại "
     "Phòng Tài chính huyện.", dict(inspectors=1, inspected_units=1), False),
    ("Tin tỉnh", "Đoàn thanh tra của Bộ tạm dừng thanh tra tại tỉnh Phước Lâm để kiện toàn nhân sự của đoàn.",
     dict(inspectors=1, inspected_units=1), False),
    # a team that worked there and found faults reports them
    ("Tin tỉnh", "Đoàn thanh tra đã làm việc với Sở Công Thương; qua thanh tra, đoàn phát hiện sở chi sai 2 tỷ đồng.",
     dict(inspectors=1, inspected_units=1, findings=1), True),
])
def test_relevance_questions_on_the_rules_plans_made_known_and_checks_paused(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, relevant", [
    # discipline or a rebuke by a named body or leader is a result
    ("Tin huyện", "Vì chậm trình dự toán, trưởng phòng tài chính huyện Tây Lâm đã bị lãnh đạo tỉnh nghiêm khắc phê bình.", True),
    ("Tin huyện", "Nguyên phó giám đốc sở vừa bị Ban Thường vụ Tỉnh ủy Phước Lâm kỷ luật khiển trách.", True),
    # ... not a warning of what may come
    ("Tin huyện", "Tỉnh nhắc các sở về giờ giấc làm việc; cán bộ đi muộn sẽ bị xem xét kỷ luật.", False),
])
def test_relevance_discipline_by_a_named_body_is_a_result(title, opening, relevant):
    got = _score(title, opening, findings=1)
    assert got["relevant"] is relevant, got


ENGLISH_EDITION = ("On the morning of May 3, the inspection team of the Department of Home Affairs made an "
                   "unannounced visit to the one-stop office of Hoa Phong commune and found that two of the "
                   "five officials were absent from their posts without a reason. The team asked the chairman "
                   "of the commune to review the responsibility of those involved and to report back to the "
                   "department by the end of the month. ") * 2
UNMARKED_VIETNAMESE = ("Sang ngay 3/5, doan kiem tra cong vu cua So Noi vu da kiem tra dot xuat tai bo phan mot "
                       "cua xa Hoa Phong, phat hien 2 trong 5 cong chuc vang mat khong ly do. Doan de nghi Chu "
                       "tich UBND xa kiem diem trach nhiem cac ca nhan lien quan va bao cao ket qua ve So. ") * 2


def test_a_text_in_another_language_is_out_of_scope_whatever_it_tells():
    result = _score("Commune officials absent from the one-stop office", ENGLISH_EDITION,
                    inspectors=1, findings=3, sanctions=1, inspected_units=1)
    assert result["relevant"] is False and "not in Vietnamese" in result["reason"]


@pytest.mark.parametrize("title, opening", [
    (None, UNMARKED_VIETNAMESE),  # Vietnamese typed without its marks is still Vietnamese
    ("Inspection news", "Đoàn kiểm tra công vụ của Sở Nội vụ kiểm tra đột xuất bộ phận một cửa xã Hòa Phong, "
     "phát hiện 2 công chức vắng mặt không lý do. " * 4),  # an English site title over a Vietnamese text
    (None, "The team visited the commune."),  # too short to tell
])
def test_vietnamese_text_and_short_texts_are_not_taken_for_another_language(title, opening):
    result = _score(title, opening, inspectors=1, findings=3, inspected_units=1)
    assert "not in Vietnamese" not in result["reason"]


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # counted bodies or staff criticised are a result
    ("Bốn sở bị phê bình", "4 sở bị phê bình vì chậm gửi báo cáo quý cho Văn phòng tỉnh Hòa Lâm.",
     dict(findings=1), True),
    # a review meeting held on an official's fault is discipline; one put off is not
    ("Tin phường", "Đảng ủy phường Tân Khê đã tổ chức họp kiểm điểm ông phó chủ tịch vì bỏ việc nhiều tuần.",
     dict(findings=1), True),
    ("Tin phường", "Phường Tân Khê xin hoãn họp kiểm điểm vì thiếu người.", dict(findings=1), False),
    # a council's survey team on the spot
    ("Khảo sát tiếp dân ở huyện Đông Khê", "Đoàn khảo sát của HĐND tỉnh làm việc với UBND huyện Đông Khê về đơn thư.",
     dict(inspectors=1, inspected_units=1), True),
])
def test_relevance_counted_rebukes_review_meetings_and_survey_teams(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # checks called off tell no result, however strong the body's signals
    ("Tỉnh Hòa Lâm dừng thanh tra trách nhiệm hai chủ tịch huyện",
     "UBND tỉnh Hòa Lâm cho ngừng đợt kiểm tra đã lên lịch ở ba huyện phía tây.",
     dict(inspectors=1, inspected_units=1, findings=1), False),
    # an emulation movement launched is another genre
    ("Phát động phong trào thi đua giữ kỷ cương nơi công sở",
     "Tại hội nghị, quận Đông Khê phát động phong trào thi đua trong cán bộ, công chức.",
     dict(inspectors=1, findings=1), False),
])
def test_relevance_checks_called_off_and_emulation_launches(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # a council following up its recommendations after supervision states no result of a check ...
    ("Phước Lâm: rà soát việc giải quyết kiến nghị sau giám sát",
     "Thường trực HĐND tỉnh họp cùng các ban để điểm lại việc giải quyết kiến nghị sau giám sát năm trước.",
     dict(), False),
    # ... what a check brought out after it does
    ("Tin tỉnh", "Sau giám sát, đoàn yêu cầu huyện Đông Khê trả lại 40 hồ sơ nhận thiếu giấy tờ.",
     dict(), True),
])
def test_relevance_follow_up_of_recommendations_is_no_result(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # the lead's first lines name the field where a check found faults: no other genre when the opening states the
    # result ...
    ("Huyện Đông Khê: 40 viên chức chưa đủ chuẩn",
     "Qua thanh tra, Thanh tra tỉnh Hòa Lâm đã phát hiện nhiều sai sót trong tuyển dụng viên chức ngành y của huyện.",
     dict(inspectors=1, findings=1), True),
    # ... a title that names the other genre still counts
    ("Huyện Đông Khê công bố kết quả tuyển dụng viên chức",
     "Qua thanh tra, Thanh tra tỉnh Hòa Lâm đã phát hiện nhiều sai sót trong hồ sơ của ngành y.",
     dict(inspectors=1, findings=1), False),
    # what a check set up by a team brought out, told with "qua đó"
    ("Huyện Đông Khê thừa giáo viên",
     "Sở Nội vụ tỉnh Hòa Lâm lập đoàn kiểm tra việc dùng hợp đồng lao động ở các trường của huyện Đông Khê, qua đó "
     "phát hiện thừa 120 giáo viên so với định mức.", dict(inspectors=1, findings=1, inspected_units=1), True),
    # a duty for whenever faults are found is a supposition, no result
    ("Tin tỉnh", "Tỉnh Hòa Lâm yêu cầu các đoàn lập biên bản ngay khi phát hiện cán bộ bỏ vị trí trong giờ làm việc.",
     dict(inspectors=1), False),
])
def test_relevance_results_stated_in_the_lead_and_duties_supposed(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # counted or listed bodies rebuked by a leader or an office
    ("Phê bình 5 sở chậm gửi số liệu", "Văn phòng tỉnh Hòa Lâm vừa có văn bản nhắc việc gửi số liệu quý.",
     dict(findings=1, inspected_units=1), True),
    ("Chủ tịch tỉnh phê bình một số sở, ngành chậm giải quyết thủ tục đầu tư",
     "Tại buổi gặp các doanh nghiệp chiều 5/12, nhiều ý kiến phản ánh hồ sơ đầu tư nằm lâu ở các sở.",
     dict(findings=3), True),
    # a leader's visit to see how preparations or works progress is another genre
    ("Phó chủ tịch tỉnh kiểm tra công tác chuẩn bị lễ hội mùa xuân",
     "Sáng 3/2, Phó chủ tịch tỉnh Hòa Lâm kiểm tra tiến độ dựng sân khấu ở quảng trường trung tâm.",
     dict(inspectors=1, inspected_units=1), False),
    # fines imposed for what a check found
    ("Tin giáo dục", "Thanh tra Sở Giáo dục tỉnh Hòa Lâm xử phạt hành chính hiệu trưởng một trường vì thu quỹ lớp sai.",
     dict(findings=2, inspected_units=1), True),
])
def test_relevance_rebuked_bodies_progress_visits_and_fines(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("opening, result", [
    # a supervising team named at length before its visit, and the visit told from the inspected side
    ("Đoàn giám sát mà Ban Pháp chế HĐND tỉnh Hòa Lâm cử về huyện, gồm năm đại biểu, vừa có buổi làm việc với "
     "UBND huyện Đông Khê về tiếp công dân.", True),
    ("Báo cáo với đoàn kiểm tra, lãnh đạo xã Tân Khê cho biết xã mới có một công chức địa chính.", True),
    # a visit made to examine drafts, and a working delegation named at length, tell no result
    ("Hôm qua, đoàn giám sát gồm bảy đại biểu của Ban Kinh tế HĐND tỉnh vừa có buổi làm việc với Sở Tài chính "
     "nhằm góp ý hai dự thảo nghị quyết.", False),
    ("Đoàn công tác của Bộ Nội vụ do một Thứ trưởng dẫn đầu đã làm việc với lãnh đạo tỉnh Hòa Lâm.", False),
    # a check held or completed by its body; one still to come is none
    ("Tuần trước, Thường trực HĐND huyện Đông Khê đã tổ chức khảo sát hoạt động của HĐND hai xã ven sông.", True),
    ("Tháng tới, Thường trực HĐND huyện Đông Khê sẽ tổ chức khảo sát hoạt động của HĐND hai xã ven sông.", False),
    # the field a check covers is no fine imposed
    ("Năm nay tỉnh đặt trọng tâm vào việc chấp hành xử phạt vi phạm hành chính của các phường ven sông.", False),
])
def test_relevance_visits_named_at_length_and_fines_in_a_scope(opening, result):
    got = _score("Tin tỉnh", opening, inspectors=1)
    assert ("states a result" in got["reason"]) is result, got


@pytest.mark.parametrize("title, another_genre", [
    # a directive's subject, the order kept at work, does not make its heading a discipline record ...
    ("Chỉ thị nêu rõ việc giữ kỷ luật, kỷ cương ở công sở của huyện Đông Khê còn lỏng lẻo", True),
    ("Quyết định ban hành quy chế làm việc của hội đồng kỷ luật viên chức tỉnh Hòa Lâm", True),
    # ... discipline applied does
    ("Quyết định về việc thi hành kỷ luật ông Trần Văn Bình, nguyên trưởng phòng", False),
])
def test_relevance_order_at_work_in_a_directive_title_is_no_discipline(title, another_genre):
    got = _score(title, "Tin tỉnh Hòa Lâm.", findings=2)
    assert ("another genre" in got["reason"]) is another_genre, got


@pytest.mark.parametrize("opening, discipline", [
    # a leader's criticism of a named or counted office is discipline news ...
    ("Sáng thứ Hai, Bí thư tỉnh Hòa Lâm nghiêm khắc phê bình thị xã Đông Khê vì chậm bàn giao mặt bằng.", True),
    ("Phó chủ tịch tỉnh Hòa Lâm vừa phê bình bốn đơn vị để số liệu quý gửi trễ.", True),
    # ... not a party's self-criticism as a routine nor one only foreseen
    ("Chi bộ thôn Tân Khê duy trì nề nếp tự phê bình và phê bình trong sinh hoạt hằng tháng.", False),
    ("Tỉnh Hòa Lâm cho biết sẽ phê bình các đơn vị gửi số liệu trễ.", False),
    # a responsibility review ordered after an incident; one put off is none
    ("Huyện Đông Khê yêu cầu kiểm điểm trách nhiệm Chủ tịch xã Tân Khê để xảy ra lấn chiếm hành lang đê.", True),
    ("Sở Xây dựng tỉnh Hòa Lâm gửi văn bản xin hoãn họp kiểm điểm trách nhiệm vì lãnh đạo đi công tác.", False),
])
def test_relevance_criticism_of_offices_and_responsibility_reviews_are_discipline(opening, discipline):
    got = _score("Tin tỉnh", opening)
    assert ("states discipline" in got["reason"]) is discipline, got


@pytest.mark.parametrize("title, opening, signals, relevant", [
    # officials who skipped a meeting they were called to: news of a breach of discipline
    ("Lãnh đạo hai xã bỏ họp giữa chừng khi Chủ tịch huyện đang phát biểu",
     "Cuộc họp chiều qua ở huyện Đông Khê bàn về tiến độ thu ngân sách.",
     dict(findings=1, inspected_units=1), True),
    ("Tin tỉnh", "Chủ tịch ba xã của huyện Đông Khê không dự họp theo giấy mời của tỉnh Hòa Lâm mà không báo cáo lý do.",
     dict(findings=1, inspected_units=1), True),
    # a meeting's agenda is no breach
    ("Tin tỉnh", "Chiều 9/3, UBND tỉnh Hòa Lâm họp bàn về tiến độ thu ngân sách quý I.",
     dict(findings=1, inspected_units=1), False),
])
def test_relevance_officials_absent_from_meetings(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got


@pytest.mark.parametrize("opening, result, counted", [
    # money a check found misspent or recovered is a result ...
    ("Năm rồi, kế toán hai trường ở huyện Đông Khê đã chi sai gần 90 triệu đồng tiền bán trú.", True, False),
    ("Trong năm, các sở của tỉnh Hòa Lâm đôn đốc và thu hồi được hơn 1,5 tỷ đồng về ngân sách.", True, False),
    # ... a directive's warning against it is none
    ("Tỉnh Hòa Lâm nhắc các trường không được chi sai mục đích khoản tiền bán trú.", False, False),
    # counted offices found at fault; counted cases are traffic news as often
    ("Đợt kiểm tra của tỉnh Hòa Lâm phát hiện 7 cơ sở có vi phạm về niêm yết giá.", False, True),
    ("Trong tuần, toàn tỉnh Hòa Lâm lập biên bản 450 trường hợp vi phạm tốc độ.", False, False),
])
def test_relevance_money_misspent_or_recovered_and_counted_offices_at_fault(opening, result, counted):
    got = _score("Tin tỉnh", opening)
    assert ("states a result" in got["reason"]) is result, got
    assert ("counts people or tasks at fault" in got["reason"]) is counted, got
