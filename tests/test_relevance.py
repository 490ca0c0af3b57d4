"""Relevance gate: cues of the heading and the opening (short invented sentences)."""

import pytest

from extractors.relevance import score_relevance


def _score(title, opening, **signals):
    counts = dict(inspectors=0, findings=0, sanctions=0, inspected_units=0) | signals
    return score_relevance(opening, title, **counts)


CHECK = "Đoàn gồm cán bộ Sở Nội vụ kiểm tra đột xuất việc chấp hành giờ giấc tại các phòng."


@pytest.mark.parametrize("title, opening, signals, relevant", [
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
    ("Nhiều hồ sơ đất đai chậm trả", "Thành phố yêu cầu làm rõ trách nhiệm người đứng đầu để xảy ra trễ hẹn.",
     dict(findings=2), True),
    ("Hai cán bộ bỏ trực, huyện chấn chỉnh", "UBND huyện vừa ra công văn yêu cầu siết chặt kỷ luật, kỷ cương.",
     dict(findings=3, inspected_units=1), False),
    # mass-mobilisation news is another genre
    ("Xã T đẩy mạnh công tác dân vận ở bộ phận một cửa", "Cán bộ niềm nở, cải cách hành chính.",
     dict(findings=3), False),
])
def test_relevance_heading_announcements_incidents_and_other_genres(title, opening, signals, relevant):
    got = _score(title, opening, **signals)
    assert got["relevant"] is relevant, got
