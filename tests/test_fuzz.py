"""Property-based fuzzing, bounded in time: normalisation, every extractor, the engine and the loaders
never raise on arbitrary input, and every offset they emit lies inside the text."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import REASONS, SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.load import load_document
from pipeline.ingest.normalise import normalise_text
from pipeline.ingest.record import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample"
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

# Words of inspection reports, with old-style tone placement (hoà, thuỷ, khoẻ) and decomposed (NFD) forms.
WORDS = """thanh tra kiểm tra giám sát kết luận UBND HĐND xã phường huyện quận tỉnh thành phố Sở Phòng Ban
Nghệ An Hà Nội Đà Nẵng Cần Thơ Hòa Vang hoà thuỷ khoẻ quý Thuỵ Khuê ngày tháng năm số Quyết định QĐ-UBND
KL-TTr Kế hoạch hồ sơ chậm quá hạn trễ hạn giải quyết thủ tục hành chính chi sai mục đích thu sai quy định
vi phạm xử phạt phạt tiền triệu đồng tỷ cảnh cáo khiển trách kỷ luật kiểm điểm kiến nghị đề nghị yêu cầu
khắc phục trước công chức cán bộ viên chức trường hợp đơn thư tiếp dân bộ phận một cửa Đoàn Chánh
Thanh tra Chủ tịch I II III a) b) 1. 2. - + • ( ) " … % đ""".split()
WORDS += [unicodedata.normalize("NFD", w) for w in ("Hoà", "thuỷ", "Nghệ", "huyện", "Quyết")]
PUNCT = list("/-.:;,|") + ["\n", "\n\n", " | ", "  ", "\t", "/20", "-TTr", "\u200b", "\xa0"]
TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.integers(min_value=0, max_value=10**7).map(str),
    st.from_regex(r"\d{1,2}/\d{1,2}/\d{2,4}", fullmatch=True),
    st.text(max_size=4),
)
SEEDS = [  # report-style sentences in our own words, which the fuzzer then cuts, splices and glues together
    "KẾT LUẬN THANH TRA Về công tác thu, chi ngân sách xã năm 2023 tại UBND huyện Quỳnh Lưu, tỉnh Nghệ An",
    "Theo Quyết định số 125/QĐ-TTr (12/3/2024) do Chánh Thanh tra tỉnh ký, đoàn làm việc "
    "tại UBND xã Nghi Phong từ ngày 15/3/2024 đến ngày 30/4/2024.",
    "Qua thanh tra phát hiện UBND xã Nghi Phong chi sai mục đích 1,2 tỷ đồng và chậm giải quyết 15 hồ sơ "
    "thủ tục hành chính.",
    "Kết quả cho thấy 5/6 công chức có mặt đúng giờ; còn 3 hồ sơ giải quyết quá hạn, thu sai quy định "
    "320.000.000 đồng học phí.",
    "Giám đốc Sở đã ký quyết định phạt tiền cơ sở vi phạm 38 triệu đồng; "
    "kỷ luật khiển trách 03 viên chức, cảnh cáo 01 kế toán.",
    "Thanh tra tỉnh kiến nghị Chủ tịch UBND huyện chỉ đạo khắc phục, thu hồi nộp ngân sách 1.200.000.000 đồng "
    "trước ngày 30/6/2024.",
    "Kiến nghị: 1. Tổ chức kiểm điểm các cá nhân để xảy ra sai sót; 2. Gửi báo cáo khắc phục về Thanh tra huyện.",
    "Đoàn kiểm tra công vụ của Sở Nội vụ thành phố Đà Nẵng kiểm tra đột xuất bộ phận một cửa phường Hòa Khánh Bắc.",
    "Đơn vị | Hồ sơ trễ hạn | Ghi chú\nSở Tài chính | 12 | chậm\nSở Xây dựng | 7 | quá hạn",
    "Hà Nội, ngày 05 tháng 4 năm 2024 — Thanh tra Bộ Y tế công bố Kết luận số 01/KL-TTrB về Bệnh viện đa khoa.",
]


@st.composite
def mutated_seed(draw) -> str:
    """A seed sentence with random tokens spliced in and a random slice cut out."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(TOKEN) + text[at:]
    if draw(st.booleans()):
        a, b = sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
        text = text[:a] + text[b:]
    return text


SOUP = st.lists(TOKEN, max_size=25).map(" ".join)  # words in no order at all
SENTENCE = st.one_of(st.sampled_from(SEEDS), mutated_seed(), mutated_seed(), SOUP)
TEXTS = st.tuples(st.lists(SENTENCE, max_size=6), st.sampled_from(["\n", " ", "\n\n", "\n | "])).map(
    lambda parts: parts[1].join(parts[0]))


def spans_in(value):
    """Every (start, end) pair in an extractor's data or an output: 'span', 'spans', 'cue_spans' keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "span" and item is not None:
                yield tuple(item)
            elif key in ("spans", "cue_spans"):
                yield from (tuple(s) for s in item)
            else:
                yield from spans_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item)


def assert_inside(text: str, pairs, where: str) -> None:
    for start, end in pairs:
        assert 0 <= start <= end <= len(text), (where, start, end, len(text), text)


@FAST
@given(TEXTS)
def test_normalise_text_is_total_and_idempotent(raw):
    out = normalise_text(raw)
    assert isinstance(out, str) and normalise_text(out) == out
    assert "\n" not in out and not any(unicodedata.category(c) in ("Cc", "Cf") for c in out)


def run_extractors(text: str) -> dict:
    """Every extractor, called as the spaCy components call them (sentences from the NLP layer)."""
    from extractors.counts import extract_counts
    from extractors.dates import extract_dates
    from extractors.doc_refs import extract_doc_refs
    from extractors.findings import extract_findings
    from extractors.inspectors import extract_inspectors
    from extractors.nlp import split_sentences
    from extractors.recommendations import extract_recommendations
    from extractors.sanctions import extract_sanctions
    from extractors.units import extract_units

    sentences = split_sentences(text)
    assert_inside(text, sentences, "sentences")
    out = {"inspectors": extract_inspectors(text, sentences)}
    out["units"] = extract_units(text, sentences, inspectors=out["inspectors"])
    out["dates"] = extract_dates(text, None)
    out["doc_refs"] = extract_doc_refs(text, None)
    out["counts"] = extract_counts(text)
    out["findings"] = extract_findings(text, sentences, out["units"], out["counts"])
    out["sanctions"] = extract_sanctions(text, sentences, out["counts"])
    out["recommendations"] = extract_recommendations(text, sentences, out["dates"])
    return out


@FAST
@given(TEXTS)
def test_extractors_never_raise_and_stay_inside_the_text(raw):
    for text in (raw, normalise_text(raw)):
        for name, mentions in run_extractors(text).items():
            for m in mentions:
                assert_inside(text, [(m.start, m.end)], name)
                assert_inside(text, spans_in(m.data), f"{name} data")


def document_of(text: str) -> Document:
    return Document(source_uri="fuzz/input.txt", format="txt", kind="news",
                    sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), text=text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(TEXTS.map(normalise_text).filter(bool))
def test_engine_output_is_valid_and_grounded(text):
    from extractors.engine import extract, validate_output

    output = extract(document_of(text))
    validate_output(output)
    assert output["text"] == text
    assert_inside(text, spans_in(output), "output")
    for block in output.get("blocks", []):
        assert_inside(text, [(block["start"], block["end"])], "block")


def _sample_texts() -> list[str]:
    """The normalised texts of every sample document (loaded once per session)."""
    if not _SAMPLE_TEXTS:
        for path in sorted(SAMPLE.glob("*")):
            if path.suffix in (".docx", ".pdf", ".html", ".txt"):
                try:
                    _SAMPLE_TEXTS.append(load_document(path, source_uri=path.name, limits=Limits()).text)
                except SetAside:
                    pass
    return _SAMPLE_TEXTS


_SAMPLE_TEXTS: list[str] = []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.integers(min_value=0), st.floats(min_value=0.02, max_value=0.5), st.sampled_from(["\n", "\n\n", "\n \n"]))
def test_whole_reports_with_line_breaks_anywhere_between_words(seed, share, gap):
    """PDF layouts break lines between any two words, inside names too ("Thanh\n\ntra Chính phủ"):
    extraction stays total and grounded."""
    from extractors.engine import extract, validate_output

    texts = _sample_texts()
    rng = random.Random(seed)
    text = texts[seed % len(texts)]
    spaces = [i for i, c in enumerate(text) if c == " "]
    for i in sorted(rng.sample(spaces, int(share * len(spaces))), reverse=True):
        text = text[:i] + gap + text[i + 1:]
    output = extract(document_of(text))
    validate_output(output)
    assert_inside(text, spans_in(output), "output")


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_every_agency_head_broken_across_lines(gap):
    """Each agency head of the unit data, split by a line or paragraph break where it has a space,
    in the places a head takes (the acting body, its parent, the unit checked): no crash."""
    from extractors.engine import extract
    from extractors.lexicon import load_data

    heads = {item["head"] for item in load_data("unit_types.yaml")["agencies"] if " " in item["head"]}
    assert heads
    for head in sorted(heads):
        broken = head[0].upper() + head[1:].replace(" ", gap, 1)
        text = (f"Kết luận của {broken} Chính phủ về UBND tỉnh Hà Giang. Đoàn của {broken} tỉnh Nghệ An "
                f"kiểm tra {broken} huyện Nghi Lộc thuộc {broken} tỉnh, phát hiện 2 công chức đi muộn.")
        extract(document_of(text))


# --- mutated real files through the loaders ----------------------------------------------------------

def sample_files() -> list[Path]:
    """One HTML, DOCX and PDF of the sample corpus."""
    return [sorted(SAMPLE.glob(f"*.{ext}"))[0] for ext in ("html", "docx", "pdf")]


def damage(data: bytes, rng: random.Random, round_: int) -> bytes:
    """Bytes flipped (most rounds), the file cut at a random point (most rounds), or both."""
    damaged = bytearray(data)
    if round_ % 3 != 1:
        for _ in range(rng.randint(1, 60)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    if round_ % 3 != 0:
        damaged = damaged[: rng.randrange(1, len(damaged))]
    return bytes(damaged)


TEXT_NOISE = list("ăâđêôơưáàảãạ0123456789/-.:;,| ") + ["\u200b", "\ufeff", "\x0b", "\ud7ff", "oà", "\n"]


def redamaged_docx(data: bytes, rng: random.Random, round_: int) -> bytes:
    """A well-formed zip whose document.xml is damaged: bytes flipped anywhere (every 4th round), else
    the text of random runs scrambled and cut, so the XML and text layers are fuzzed, not only the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    xml = members["word/document.xml"]
    if round_ % 4 == 1:
        xml = damage(xml, rng, round_)
    else:
        runs = xml.decode("utf-8").split("<w:t>")
        for i in rng.sample(range(1, len(runs)), min(len(runs) - 1, rng.randint(1, 30))):
            text, sep, rest = runs[i].partition("</w:t>")
            noise = "".join(rng.choice(TEXT_NOISE) for _ in range(rng.randint(0, 12)))
            cut = rng.randrange(len(text) + 1)
            runs[i] = text[:cut] + noise + text[cut + rng.randint(0, 20):] + sep + rest
        xml = "<w:t>".join(runs).encode("utf-8")
    members["word/document.xml"] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.suffix[1:])
def test_mutated_sample_files_only_ever_set_aside(path):
    """Damaged real files through load_document: a Document or SetAside, never another exception."""
    rng = random.Random(f"fuzz-{path.name}")
    data = path.read_bytes()
    limits = Limits(max_seconds=20)
    outcomes = []
    for round_ in range(24):
        damaged = damage(data, rng, round_)
        if path.suffix == ".docx" and round_ % 2:
            damaged = redamaged_docx(data, rng, round_)
        try:
            document = load_document(damaged, source_uri=path.name, limits=limits)
        except SetAside as err:
            assert err.code in REASONS and err.code != "internal_error", err
            outcomes.append(err.code)
        else:
            assert document.text and all(0 <= b.start <= b.end <= len(document.text) for b in document.blocks)
            outcomes.append("loaded")
    assert len(set(outcomes)) >= 2, outcomes  # the damage reached past the first check
