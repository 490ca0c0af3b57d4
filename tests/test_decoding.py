"""Bytes to text: BOMs, UTF-16, Windows-1258, legacy font tables (TCVN3, VNI), binary junk."""

from __future__ import annotations

import codecs
import random
import unicodedata

import pytest

from pipeline.datafiles import load_data
from pipeline.ingest.decoding import decode_bytes, looks_binary, sniff_utf16
from pipeline.errors import SetAside
from pipeline.ingest.legacy_fonts import (
    convert_tcvn3, convert_vni, detect_legacy_font, is_syllable, repair_legacy_font, score_vietnamese,
)

# Lower-case toned letters only where TCVN3 must encode them: its capitals lived in other fonts.
SENTENCE = ("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. "
            "Tổ công tác đã làm việc với ủy ban nhân dân xã Yên Thịnh về "
            "việc niêm yết, công khai thủ tục tại bộ phận tiếp nhận và trả kết quả; "
            "một số giấy tờ bị trả lại nhiều lần, người dân phàn nàn phải đi lại tốn kém.")


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed where the code page has the letter, else base + tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def to_tcvn3(text: str) -> bytes:
    table = {v: k for k, v in load_data("legacy_fonts")["tcvn3"].items()}
    return bytes(table.get(ch, ord(ch)) for ch in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> bytes:
    data = load_data("legacy_fonts")
    letters = {v: k for k, v in data["vni"]["letters"].items()}
    marks = {}  # canonical (NFD-ordered) mark sequence -> byte
    for k, names in data["vni"]["marks"].items():
        seq = unicodedata.normalize("NFD", "a" + "".join(data["combining"][n] for n in names))[1:]
        marks.setdefault(seq, []).append(k)
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in letters:
            out.append(letters[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        if len(parts) == 1:
            out.append(ord(ch))
            continue
        base, rest = parts[0], parts[1:]
        if base in "oOuU" and rest.startswith("\u031b"):  # horn: ơ/ư are whole letters in VNI
            out.append(letters[unicodedata.normalize("NFC", base + "\u031b")])
            rest = rest[1:]
        else:
            out.append(ord(base))
        if rest:
            upper = base.isupper()
            out.append([k for k in marks[rest] if (k < 0xE0) == upper][0])
    return bytes(out)


# --- data file validation --------------------------------------------------------------------

def test_legacy_font_data_is_valid():
    data = load_data("legacy_fonts")
    tcvn3 = data["tcvn3"]
    assert all(0x80 <= k <= 0xFF for k in tcvn3)
    assert len(set(tcvn3.values())) == len(tcvn3), "two bytes map to the same letter"
    assert all(len(v) == 1 and unicodedata.is_normalized("NFC", v) for v in tcvn3.values())
    assert all(unicodedata.name(v).startswith("LATIN") for v in tcvn3.values())
    # 67 toned/shaped lower-case letters + 7 capitals
    assert len(tcvn3) == 74
    vni = data["vni"]
    assert not set(vni["letters"]) & set(vni["marks"]), "a byte is both a letter and a mark"
    assert all(0x80 <= k <= 0xFF for k in list(vni["letters"]) + list(vni["marks"]))
    names = set(data["combining"])
    assert all(set(marks) <= names for marks in vni["marks"].values())
    assert all(unicodedata.combining(c) for c in data["combining"].values())
    # upper- and lower-case mark bytes come in pairs with the same marks
    lower = sorted(tuple(v) for k, v in vni["marks"].items() if k >= 0xE0)
    upper = sorted(tuple(v) for k, v in vni["marks"].items() if k < 0xE0)
    assert lower == upper


def test_tcvn3_table_reads_known_garbled_text():
    # What a TCVN3 document shows when opened without its .VnTime font.
    assert convert_tcvn3("Céng hßa x· héi chñ nghÜa ViÖt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert convert_tcvn3("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert convert_tcvn3("B¶o Th¾ng, M\xadêng Kh\xad\xacng") == "Bảo Thắng, Mường Khương"


def test_vni_table_reads_known_garbled_text():
    assert convert_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert convert_vni("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert convert_vni("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert convert_vni("nöôùc trôøi, baét ñaàu") == "nước trời, bắt đầu"


@pytest.mark.parametrize("encode, convert", [(to_tcvn3, convert_tcvn3), (to_vni, convert_vni)])
def test_legacy_tables_round_trip_every_lowercase_letter(encode, convert):
    letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    text = " ".join(f"t{ch}n" for ch in letters)
    assert convert(encode(text).decode("latin-1")) == text


def test_vni_round_trips_capitals():
    text = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI: ĐOÀN KIỂM TRA CÔNG VỤ, HỒ SƠ TRỄ HẠN, NGƯỜI ĐỨNG ĐẦU"
    assert convert_vni(to_vni(text).decode("latin-1")) == text
    assert decode_bytes(to_vni(text)) == text


# --- syllable scoring ------------------------------------------------------------------------

@pytest.mark.parametrize("word, ok", [("nghiêng", True), ("Việt", True), ("quý", True), ("hòa", True),
                                      ("khuỷu", True), ("héi", True), ("nghÜa", False), ("ViÖt", False),
                                      ("élève", False), ("hóà", False)])
def test_is_syllable(word, ok):
    assert is_syllable(word) is ok


def test_score_vietnamese_separates_real_text_from_mojibake():
    assert score_vietnamese(SENTENCE)[0] > 0.95
    assert score_vietnamese(to_tcvn3(SENTENCE).decode("latin-1"))[0] < 0.6


# --- decode_bytes ----------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_bom(codec):
    assert decode_bytes(SENTENCE.encode(codec)) == SENTENCE


def test_bomless_utf16_is_found_from_nul_pattern():
    assert sniff_utf16(SENTENCE.encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16(SENTENCE.encode("utf-16-be")) == "utf-16-be"
    assert sniff_utf16(SENTENCE.encode("utf-8")) is None


def test_cp1258_decodes_to_nfc():
    data = to_cp1258(SENTENCE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == SENTENCE


def test_tcvn3_bytes_are_converted():
    assert decode_bytes(to_tcvn3(SENTENCE)) == SENTENCE


def test_vni_bytes_are_converted():
    assert decode_bytes(to_vni(SENTENCE)) == SENTENCE


def test_stray_nul_bytes_do_not_break_decoding():
    assert decode_bytes(b"abc\x00def\x00 ok") == "abc\x00def\x00 ok"
    assert not looks_binary(b"abc\x00def\x00 ok")


def test_binary_junk_is_not_text():
    junk = random.Random(7).randbytes(4000)
    with pytest.raises(SetAside) as err:
        decode_bytes(junk)
    assert err.value.code in ("unsupported_format", "encoding")


def test_high_bytes_that_read_as_nothing_are_set_aside():
    # No control bytes, invalid UTF-8, and no Vietnamese reading.
    rng = random.Random(3)
    data = bytes(rng.choice(range(0x80, 0x100)) if i % 3 else 0x20 for i in range(3000))
    with pytest.raises(SetAside) as err:
        decode_bytes(data)
    assert err.value.code in ("encoding", "legacy_font")


def test_utf8_with_a_few_damaged_bytes_stays_utf8():
    data = bytearray(SENTENCE.encode())
    data[10] = 0xFF
    data[60] = 0xC3
    text = decode_bytes(bytes(data))
    assert text.count("\ufffd") == 2 and "Tự do - Hạnh phúc" in text and "Việt Nam" in text


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"") == ""


# --- legacy text that arrived as Unicode (DOCX/HTML typed in .VnTime or VNI-Times) -------------

def test_repair_legacy_font_on_unicode_strings():
    assert repair_legacy_font(to_tcvn3(SENTENCE).decode("latin-1")) == SENTENCE
    assert repair_legacy_font(to_vni(SENTENCE).decode("latin-1")) == SENTENCE
    assert repair_legacy_font(SENTENCE) == SENTENCE
    assert repair_legacy_font("café au lait très élevé") == "café au lait très élevé"
    assert detect_legacy_font("Hà Giang, Bình Định") is None


def test_half_converted_legacy_text_is_set_aside():
    # TCVN3 words mixed with junk that neither table explains: too unsure to convert.
    text = "Céng hßa x· héi chñ nghÜa ViÖt Nam qÿÿz vÿÿt kÿÿm"
    with pytest.raises(SetAside) as err:
        repair_legacy_font(text)
    assert err.value.code == "legacy_font"


def test_utf8_bom_constant_is_stripped():
    assert decode_bytes(codecs.BOM_UTF8 + "Hà Nội".encode()) == "Hà Nội"
