"""The underthesea tokenizer inside spaCy keeps the text exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.nlp import align_tokens, split_sentences, tokenizer_only

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
PIECES = list(VIETNAMESE + VIETNAMESE.upper() + " \n\t.,;:()/-&%\"'0123456789") + [
    "hoà", "thuỷ", "khoẻ", "TP.", "  ", "\n\n", "\u00a0", "\u0301"]
texts = st.lists(st.sampled_from(PIECES), max_size=120).map("".join) | st.text(max_size=80)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_doc_text_equals_input(text):
    doc = tokenizer_only()(text)
    assert doc.text == text


@settings(max_examples=150, deadline=None)
@given(texts)
def test_sentences_lie_inside_text_in_order(text):
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        assert "\n" not in text[s:e]
        last = e


def test_words_are_underthesea_segments():
    doc = tokenizer_only()("Đoàn kiểm tra công vụ làm việc tại Sở Nội vụ.")
    words = [t.text for t in doc]
    assert "kiểm tra" in words and "công vụ" in words
    assert [s.text for s in doc.sents] == ["Đoàn kiểm tra công vụ làm việc tại Sở Nội vụ."]


def test_line_breaks_end_sentences_and_old_tone_marks_survive():
    text = "Kiểm tra tại xã Hoà Bình\n\nTuy nhiên, còn 2/9 hồ sơ chậm. Thuỷ lợi tốt."
    doc = tokenizer_only()(text)
    assert doc.text == text
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["Kiểm tra tại xã Hoà Bình", "Tuy nhiên, còn 2/9 hồ sơ chậm.", "Thuỷ lợi tốt."]


def test_align_tokens_resynchronises_when_tokens_differ_from_text():
    text = "abc xyz def"
    spans = align_tokens(text, 0, len(text), ["abc", "QQQ", "def"])
    assert [text[s:e] for s, e in spans] == ["abc", "xyz", "def"]


def test_very_long_sentences_are_cut_at_spaces():
    text = "UBND xã Nghi Phong huyện Nghi Lộc " * 300
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= 2000 for s, e in spans)
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
