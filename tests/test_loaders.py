"""Loaders on good and bad fixtures built in the tests, sniffing, and load_document end to end."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date

import docx
import pytest
from fpdf import FPDF

from pipeline.datafiles import load_data
from pipeline.errors import REASONS, SetAside
from pipeline.ingest.datelines import headline_span, widget_span
from pipeline.ingest.limits import Limits
from pipeline.ingest.load import load_document
from pipeline.ingest.loaders import docx as docx_loader
from pipeline.ingest.loaders import html as html_loader
from pipeline.ingest.loaders import pdf as pdf_loader
from pipeline.ingest.loaders import txt as txt_loader
from pipeline.ingest.normalise import normalise_text
from pipeline.ingest.sniff import detect_format
from test_decoding import to_cp1258

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LIMITS = Limits()

TITLE = "Kiểm tra công vụ đột xuất tại Sở Nội vụ"
PARAGRAPHS = [
    "Căn cứ Kế hoạch số 86/KH-SXD ngày 17/02/2023 của Sở Xây dựng, trong hai ngày 09 và 10 tháng 8 năm 2023, "
    "Đoàn kiểm tra công vụ đã đến kiểm tra không báo trước tại nơi tiếp nhận hồ sơ của Phòng Quản lý nhà - "
    "Thị trường bất động sản, Trung tâm Lưu trữ - Số hóa tài liệu và Ban Dân tộc thành phố.",
    "Qua kiểm tra, 7/8 công chức có mặt đúng giờ, mặc trang phục theo quy định, ứng xử hoà nhã với tổ chức, "
    "công dân; tuy nhiên vẫn còn 2 hồ sơ trả kết quả trễ hẹn và sổ tiếp nhận ghi chưa đủ các cột thông tin.",
    "Đoàn kiểm tra yêu cầu ba đơn vị sớm chấn chỉnh các hạn chế nêu trên và gửi báo cáo trước ngày 25/8/2023.",
]
HYPHENATED = ("Qua kiểm tra thực tế tại trụ sở các đơn vị, Đoàn kiểm tra đánh giá cao tinh thần trách nhiệm, "
              "thái độ phục vụ nhân dân và tác phong làm việc chuyên nghiệp của công chức tại bộ phận một cửa.")


# --- fixture builders ------------------------------------------------------------------------

def make_txt(title=TITLE, paragraphs=PARAGRAPHS) -> str:
    return "\n\n".join([title, *paragraphs]) + "\n"


def make_html(title=TITLE, paragraphs=PARAGRAPHS, meta_date="2023-08-03T18:49:00+07:00") -> str:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/tin/{i}">Tin liên quan số {i} về cải cách hành chính, công vụ</a></li>'
                    for i in range(6))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - Cổng thông tin</title>{meta}
<script>var s = "<p>Dòng do script tạo ra, dài, có dấu phẩy, không được xuất hiện trong văn bản.</p>";</script>
<style>.x {{ color: red }}</style></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức, sự kiện</a></li></ul></nav>
<div class="sidebar"><div class="calendar-widget"><table><tr><td>1</td><td>2</td></tr></table></div></div>
<div class="main"><article><h1>{title}</h1>
<div class="share-bar"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>
{paras}
<div><h3>Tin liên quan</h3><ul>{links}</ul></div></article></div>
<footer>Bản quyền © Sở Nội vụ thành phố Hà Nội, số 18B phố Lê Thánh Tông, quận Hoàn Kiếm, Hà Nội.</footer>
</body></html>"""


def make_docx(title=TITLE, paragraphs=PARAGRAPHS, table=None, header_rows=None, core_title=None) -> bytes:
    document = docx.Document()
    if core_title:
        document.core_properties.title = core_title
    document.sections[0].header.paragraphs[0].text = "UBND THÀNH PHỐ HÀ NỘI - đầu trang lặp lại"
    document.sections[0].footer.paragraphs[0].text = "Trang 1 - chân trang"
    if header_rows:
        grid = document.add_table(rows=len(header_rows), cols=2)
        for r, (left, right) in enumerate(header_rows):
            grid.cell(r, 0).text, grid.cell(r, 1).text = left, right
    if title:
        document.add_heading(title, level=1)
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
        document.add_paragraph("Đoạn sau bảng.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.set_font("dv", size=11)
    pdf.set_auto_page_break(False)
    return pdf


def full_width_line(pdf: FPDF, words: str, tail: str) -> str:
    """A line of `words` then `tail` that fills 90-98% of the text width (a line broken by the layout)."""
    filler = words.split()
    line = tail
    for word in reversed(filler):
        if pdf.get_string_width(word + " " + line) > pdf.epw * 0.97:
            break
        line = word + " " + line
    assert pdf.get_string_width(line) > pdf.epw * 0.85
    return line


def make_pdf(title=TITLE, paragraphs=PARAGRAPHS, hyphenated=False) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("dv", size=14)
    pdf.multi_cell(0, 8, title, align="L")
    pdf.ln(5)
    pdf.set_font("dv", size=11)
    for p in paragraphs:
        pdf.multi_cell(0, 6, p, align="J")
        pdf.ln(5)
    if hyphenated:
        head, rest = HYPHENATED.split("chuyên nghiệp")
        line1 = full_width_line(pdf, head, "chuyên ngh-")
        start = HYPHENATED.index(line1.split()[0])
        pdf.multi_cell(0, 6, line1 + "\niệp" + rest, align="L")
        hyphenated_text = HYPHENATED[start:]
        return bytes(pdf.output()), hyphenated_text
    return bytes(pdf.output())


def text_image_pdf(lines: list[str]) -> bytes:
    """A PDF page holding only a picture of text (a scan)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1600, 140 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 56)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 90 * i), line, font=font, fill=0)
    pdf = FPDF()
    pdf.add_page()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf.image(buf, x=10, y=10, w=190)
    return bytes(pdf.output())


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          drop: tuple[str, ...] = ()) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = (replace or {}).get(info.filename, source.read(info.filename))
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def set_aside_code(call) -> str:
    with pytest.raises(SetAside) as err:
        call()
    return err.value.code


def paragraphs_of(document) -> list[str]:
    return document.text.split("\n\n")


# --- data ------------------------------------------------------------------------------------

def test_cue_data_is_valid():
    cues = load_data("cues")
    minutes, dates, html = cues["minutes"], cues["dates"], cues["html"]
    assert isinstance(minutes["window_lines"], int) and minutes["window_lines"] > 0
    phrases = minutes["motto"] + minutes["titles"] + minutes["type_headings"] + dates["byline_cues"]
    assert phrases and all(p == normalise_text(p).lower() for p in phrases), "cues must be normalised"
    re.compile(minutes["number_pattern"])
    re.compile(dates["place_date_pattern"])
    assert re.compile(dates["place_date_pattern"]).groups == 3  # day, month, year
    assert all(k == k.lower() for k in html["date_meta"])
    assert all(re.fullmatch(r"[a-z-]+", w) for w in html["boilerplate_words"])
    assert len(set(html["boilerplate_words"])) == len(html["boilerplate_words"])


# --- sniffing --------------------------------------------------------------------------------

def test_detect_format_by_magic_not_extension():
    assert detect_format(make_pdf(), "report.txt") == "pdf"
    assert detect_format(make_docx(), "report.bin") == "docx"
    assert detect_format(make_html().encode(), "report.txt") == "html"
    assert detect_format(make_html().encode("utf-16"), "x") == "html"
    assert detect_format(make_txt().encode(), "report.html") == "txt"
    assert detect_format(b"<p>short</p> text", "a.html") == "html"


@pytest.mark.parametrize("data, name", [
    (bytes(range(256)) * 20, "junk.txt"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "scan.txt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc"),
])
def test_detect_format_refuses_binary(data, name):
    assert set_aside_code(lambda: detect_format(data, name)) == "unsupported_format"


def test_password_protected_office_file_is_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    assert set_aside_code(lambda: detect_format(ole, "secret.docx")) == "encrypted"


def test_zip_that_is_not_word_is_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("content.xml", "<x/>")
    assert set_aside_code(lambda: detect_format(out.getvalue(), "a.docx")) == "unsupported_format"
    assert set_aside_code(lambda: docx_loader.load(out.getvalue(), LIMITS)) == "unsupported_format"


# --- TXT -------------------------------------------------------------------------------------

def test_txt_paragraphs_and_encodings():
    for data in (make_txt().encode(), make_txt().encode("utf-16"), make_txt().encode("utf-16-le"),
                 to_cp1258(make_txt())):
        loaded = txt_loader.load(data, LIMITS)
        assert [normalise_text(b.text) for b in loaded.blocks] == [TITLE] + [normalise_text(p) for p in PARAGRAPHS]


def test_txt_hard_wrapped_paragraphs_are_rejoined():
    import textwrap
    body = "\n\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS[:2])
    loaded = txt_loader.load(body.encode(), LIMITS)
    assert [b.text for b in loaded.blocks] == PARAGRAPHS[:2]


@pytest.mark.parametrize("table", [
    "Đơn vị | Có mặt | Đi muộn\nXã Cẩm Vịnh | 15/18 | 3\nXã Cẩm Hà | 16 | 0",
    "| Đơn vị | Có mặt | Đi muộn |\n|---|---|---|\n| Xã Cẩm Vịnh | 15/18 | 3 |\n| Xã Cẩm Hà | 16 | 0 |",
    "Đơn vị\tCó mặt\tĐi muộn\nXã Cẩm Vịnh\t15/18\t3\n\nXã Cẩm Hà\t\t16\t0",
])
def test_txt_tables_become_cells(table):
    data = f"Ngày đăng 14/06/2023 | 08:30\n\nKết quả như sau:\n{table}\nĐoàn đề nghị chấn chỉnh.".encode()
    document = load_document(data, source_uri="t.txt", limits=LIMITS)
    assert ("Kết quả như sau:\n\nĐơn vị | Có mặt | Đi muộn\nXã Cẩm Vịnh | 15/18 | 3\nXã Cẩm Hà | 16 | 0\n\n"
            "Đoàn đề nghị chấn chỉnh.") in document.text
    assert document.text.startswith("Ngày đăng 14/06/2023 | 08:30\n\n")  # one pipe line is prose
    cell = next(b for b in document.blocks if document.text[b.start:b.end] == "3")
    assert (cell.kind, cell.table, cell.row, cell.col) == ("table_cell", 0, 1, 2)


def test_txt_with_nul_bytes_loads():
    data = "Kiểm tra\x00 công vụ\n\nĐoàn kiểm tra làm việc.".encode()
    document = load_document(data, source_uri="n.txt", limits=LIMITS)
    assert document.text == "Kiểm tra công vụ\n\nĐoàn kiểm tra làm việc."


def test_txt_bad_inputs():
    assert set_aside_code(lambda: txt_loader.load(b"  \n\n ", LIMITS)) == "empty"
    assert set_aside_code(lambda: load_document(b"", source_uri="e.txt", limits=LIMITS)) == "empty"
    junk = bytes(range(256)) * 40
    assert set_aside_code(lambda: load_document(junk, source_uri="junk.txt", limits=LIMITS)) == "unsupported_format"


# --- HTML ------------------------------------------------------------------------------------

def test_html_article_only():
    loaded = html_loader.load(make_html().encode(), LIMITS)
    texts = [normalise_text(b.text) for b in loaded.blocks]
    assert texts == [TITLE] + [normalise_text(p) for p in PARAGRAPHS]
    assert loaded.blocks[0].kind == "heading"
    assert loaded.title == TITLE
    assert loaded.published == date(2023, 8, 3)
    utf16 = html_loader.load(make_html().encode("utf-16"), LIMITS)
    assert [b.text for b in utf16.blocks] == [b.text for b in loaded.blocks]


def test_html_byline_date_and_windows_1258_page():
    page = make_html(meta_date=None).replace("<h1>", '<div class="meta">Ngày đăng 21/02/2019 | 17:30</div><h1>', 1)
    page = page.replace('charset="utf-8"', 'charset="windows-1258"')
    loaded = html_loader.load(to_cp1258(page), LIMITS)
    assert loaded.published == date(2019, 2, 21)
    assert normalise_text(loaded.blocks[-1].text) == normalise_text(PARAGRAPHS[-1])


def test_html_byline_below_the_title_outside_the_article():
    page = make_html(meta_date=None).replace(
        "<div class=\"main\">", '<div class="top"><h1>' + TITLE + '</h1><span>12/02/2022 10:13 AM</span></div>'
        '<div class="main">').replace(f"<h1>{TITLE}</h1>\n<div class=\"share", "<div class=\"share")
    loaded = html_loader.load(page.encode(), LIMITS)
    assert loaded.published == date(2022, 2, 12)
    assert normalise_text(loaded.blocks[0].text) == TITLE  # the h1 outside the article leads it
    assert loaded.title == TITLE


def test_html_table_cells_and_div_text():
    page = ("<html><body><div>Đoàn kiểm tra công vụ đã làm việc tại xã An Mỹ, huyện Mỹ Đức, ghi nhận nhiều kết quả."
            "<br><br>Kết quả kiểm tra cụ thể như sau, theo từng đơn vị, từng lĩnh vực:"
            "<table><tr><th>Đơn vị</th><th>Hồ sơ trễ hạn</th></tr><tr><td>Xã An Mỹ</td><td><p>2</p></td></tr></table>"
            "</div></body></html>")
    loaded = html_loader.load(page.encode(), LIMITS)
    cells = [(b.text, b.row, b.col) for b in loaded.blocks if b.kind == "table_cell"]
    assert cells == [("Đơn vị", 0, 0), ("Hồ sơ trễ hạn", 0, 1), ("Xã An Mỹ", 1, 0), ("2", 1, 1)]
    assert len([b for b in loaded.blocks if b.kind == "paragraph"]) == 2


@pytest.mark.parametrize("page", [
    "<html><body><nav><a href='/'>Trang chủ</a> <a href='/a'>Giới thiệu</a></nav></body></html>",
    "<html><head><title>Trống</title></head><body></body></html>",
    "<html><body><ul>" + "".join(f"<li><a href='/{i}'>Tin số {i}, một tin rất dài dài dài dài</a></li>"
                                  for i in range(20)) + "</ul></body></html>",
])
def test_html_without_article(page):
    assert set_aside_code(lambda: html_loader.load(page.encode(), LIMITS)) == "no_article"


# --- DOCX ------------------------------------------------------------------------------------

def test_docx_body_in_order_without_headers_and_footers():
    table = [["Đơn vị", "Hồ sơ trễ hạn"], ["Sở A", "12"], ["Sở B", "7"]]
    loaded = docx_loader.load(make_docx(table=table, core_title="Tiêu đề trong thuộc tính"), LIMITS)
    texts = [b.text for b in loaded.blocks]
    assert texts[0] == TITLE and loaded.blocks[0].kind == "heading"
    assert not any("đầu trang" in t or "chân trang" in t for t in texts)
    cells = [(b.text, b.table, b.row, b.col) for b in loaded.blocks if b.kind == "table_cell"]
    assert cells[:2] == [("Đơn vị", 0, 0, 0), ("Hồ sơ trễ hạn", 0, 0, 1)] and cells[-1] == ("7", 0, 2, 1)
    assert texts[-1] == "Đoạn sau bảng."  # the table sits between paragraphs, in order
    assert loaded.title == "Tiêu đề trong thuộc tính"
    assert docx_loader.load(make_docx(), LIMITS).title == TITLE  # first heading otherwise


def test_docx_zip_bomb_by_ratio():
    bomb = rezip(make_docx(), add={"word/media/image1.bin": b"\0" * (30 << 20)})
    assert set_aside_code(lambda: docx_loader.load(bomb, LIMITS)) == "decompression_limit"


def test_docx_over_the_decompressed_limit():
    data = make_docx()
    assert set_aside_code(lambda: docx_loader.load(data, Limits(max_decompressed=10_000))) == "decompression_limit"


def test_docx_with_external_entity_is_unsafe():
    data = make_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    xml = xml.replace("?>", '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
    xml = xml.replace(PARAGRAPHS[0][:20], "&xxe;", 1)
    evil = rezip(data, replace={"word/document.xml": xml.encode()})
    assert set_aside_code(lambda: docx_loader.load(evil, LIMITS)) == "unsafe"
    assert set_aside_code(lambda: load_document(evil, source_uri="x.docx", limits=LIMITS)) == "unsafe"


def test_docx_bad_inputs():
    data = make_docx()
    assert set_aside_code(lambda: docx_loader.load(b"", LIMITS)) == "empty"
    assert set_aside_code(lambda: docx_loader.load(data[: len(data) // 2], LIMITS)) == "corrupt"
    assert set_aside_code(lambda: load_document(data[: len(data) // 2], source_uri="t.docx",
                                                limits=LIMITS)) == "corrupt"
    no_types = rezip(data, drop=("[Content_Types].xml",))
    assert set_aside_code(lambda: load_document(no_types, source_uri="t.docx", limits=LIMITS)) == "corrupt"
    broken = rezip(data, replace={"word/document.xml": b"<w:document"})
    assert set_aside_code(lambda: load_document(broken, source_uri="t.docx", limits=LIMITS)) == "corrupt"


# --- PDF -------------------------------------------------------------------------------------

def test_pdf_paragraphs_and_hyphen_rejoined():
    data, hyphenated = make_pdf(paragraphs=PARAGRAPHS[:1], hyphenated=True)
    loaded = pdf_loader.load(data, LIMITS)
    texts = [normalise_text(b.text) for b in loaded.blocks]
    assert texts == [TITLE, normalise_text(PARAGRAPHS[0]), hyphenated]
    assert all(b.page == 1 for b in loaded.blocks) and loaded.pages == 1


def test_pdf_tables_headers_footers_and_page_numbers():
    pdf = new_pdf()
    bodies = [f"Trang nội dung thứ {i + 1}: Đoàn kiểm tra ghi nhận kết quả tại đơn vị số {i + 1}." for i in range(3)]
    for i, body in enumerate(bodies):
        pdf.add_page()
        pdf.set_y(6)
        pdf.cell(0, 5, "SỞ NỘI VỤ HÀ NỘI - BÁO CÁO KIỂM TRA CÔNG VỤ", align="C")
        pdf.set_y(30)
        pdf.multi_cell(0, 6, body)
        pdf.ln(4)
        if i == 1:
            with pdf.table(first_row_as_headings=False) as table:
                for row in [("Đơn vị", "Số hồ sơ"), ("Sở A", "12"), ("Sở B", "7")]:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(4)
            pdf.multi_cell(0, 6, "Đoạn văn nằm dưới bảng.")
        pdf.set_y(-12)
        pdf.cell(0, 5, f"Trang {i + 1}/3", align="C")
    loaded = pdf_loader.load(bytes(pdf.output()), LIMITS)
    texts = [b.text for b in loaded.blocks]
    assert not any("BÁO CÁO KIỂM TRA" in t or t.startswith("Trang ") and "/3" in t for t in texts)
    assert [t for t in texts if t.startswith("Trang nội dung")] == bodies
    cells = [(b.text, b.table, b.row, b.col, b.page) for b in loaded.blocks if b.kind == "table_cell"]
    assert cells == [("Đơn vị", 0, 0, 0, 2), ("Số hồ sơ", 0, 0, 1, 2), ("Sở A", 0, 1, 0, 2), ("12", 0, 1, 1, 2),
                     ("Sở B", 0, 2, 0, 2), ("7", 0, 2, 1, 2)]
    order = [b.text for b in loaded.blocks if b.page == 2]
    assert order[0] == bodies[1] and order[-1] == "Đoạn văn nằm dưới bảng."


def test_pdf_encrypted():
    pdf = new_pdf()
    pdf.add_page()
    pdf.cell(0, 5, "Bí mật")
    pdf.set_encryption(owner_password="chu", user_password="khach")
    assert set_aside_code(lambda: pdf_loader.load(bytes(pdf.output()), LIMITS)) == "encrypted"


def test_pdf_truncated_and_garbage():
    data = make_pdf()
    for cut in (data[: len(data) // 2], data[:-200], b"%PDF-1.7\n" + b"garbage " * 100 + b"%%EOF"):
        assert set_aside_code(lambda: load_document(cut, source_uri="t.pdf", limits=LIMITS)) == "corrupt"


def test_pdf_page_limit():
    pdf = new_pdf()
    for i in range(3):
        pdf.add_page()
        pdf.cell(0, 5, f"Trang {i}")
    code = set_aside_code(lambda: pdf_loader.load(bytes(pdf.output()), Limits(max_pages=2)))
    assert code == "too_many_pages"


def test_pdf_without_text_layer_and_no_ocr(monkeypatch):
    monkeypatch.setattr(pdf_loader.ocr, "tesseract_ready", lambda: False)
    data = text_image_pdf(["KIỂM TRA CÔNG VỤ"])
    assert set_aside_code(lambda: pdf_loader.load(data, LIMITS)) == "needs_ocr"


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")
def test_pdf_scan_is_read_by_ocr():
    if not pdf_loader.ocr.tesseract_ready():
        pytest.skip("tesseract has no Vietnamese model")
    data = text_image_pdf(["Biên bản kiểm tra công vụ", "Đoàn kiểm tra làm việc tại xã"])
    document = load_document(data, source_uri="scan.pdf", limits=LIMITS)
    assert "kiểm tra công vụ" in document.text.lower()
    assert document.blocks[0].page == 1


# --- load_document ---------------------------------------------------------------------------

def test_same_report_in_every_format_gives_the_same_paragraphs(tmp_path):
    sources = {
        "r.txt": make_txt().encode(),
        "r.html": make_html().encode(),
        "r.docx": make_docx(),
        "r.pdf": make_pdf(),
    }
    documents = {}
    for name, data in sources.items():
        path = tmp_path / name
        path.write_bytes(data)
        documents[name] = load_document(path, source_uri=name, limits=LIMITS)
    expected = [TITLE] + [normalise_text(p) for p in PARAGRAPHS]
    assert "hòa nhã" in expected[2]  # the old-style "hoà" was normalised
    for name, document in documents.items():
        assert paragraphs_of(document) == expected, name
        assert document.title == TITLE, name
        assert document.kind == "news", name
        assert document.format == name.split(".")[1]
        for block in document.blocks:
            assert document.block_at(block.start) == block
    assert len({d.document_id for d in documents.values()}) == 1


def test_minutes_kind_place_date_and_title_from_docx():
    header = [("UBND THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              ("ĐOÀN KIỂM TRA CÔNG VỤ", "Độc lập – Tự do – Hạnh phúc"),
              ("Số: 12/BB-ĐKT", "Hà Nội, ngày 05 tháng 9 năm 2024")]
    data = make_docx(title=None, paragraphs=["BIÊN BẢN", "Kiểm tra công vụ tại UBND xã An Mỹ"] + PARAGRAPHS,
                     header_rows=header)
    document = load_document(data, source_uri="bb.docx", limits=LIMITS)
    assert document.kind == "minutes"
    assert document.published == date(2024, 9, 5)
    assert document.title == "BIÊN BẢN Kiểm tra công vụ tại UBND xã An Mỹ"
    assert document.text.startswith("UBND THÀNH PHỐ HÀ NỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")


def test_minutes_from_text_without_motto():
    text = "Số: 45/TB-SNV\n\nTHÔNG BÁO KẾT LUẬN kiểm tra công vụ\n\nTP. Hồ Chí Minh, ngày 3 tháng 10 năm 2023\n\n" \
        + "\n\n".join(PARAGRAPHS)
    document = load_document(text.encode(), source_uri="tb.txt", limits=LIMITS)
    assert (document.kind, document.published) == ("minutes", date(2023, 10, 3))
    assert document.title == "THÔNG BÁO KẾT LUẬN kiểm tra công vụ"


def test_minutes_without_a_place_date_line_take_the_date_of_their_session():
    text = ("UBND HUYỆN THANH LIÊM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBIÊN BẢN\nKiểm tra công vụ\n\n"
            "Hôm nay, vào hồi 14 giờ 00 phút ngày 27 tháng 02 năm 2024, tại trụ sở UBND xã Liêm Sơn, Tổ công tác "
            "tiến hành kiểm tra.\n\n" + "\n\n".join(PARAGRAPHS))
    document = load_document(text.encode(), source_uri="bb.txt", limits=LIMITS)
    assert (document.kind, document.published) == ("minutes", date(2024, 2, 27))


def test_a_decision_is_titled_by_its_type_heading_and_subject():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 185/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
            "Nam Định, ngày 24 tháng 01 năm 2024\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ kiểm tra cải cách hành chính năm 2024\n\n"
            + "\n\n".join(PARAGRAPHS))
    document = load_document(text.encode(), source_uri="qd.txt", limits=LIMITS)
    assert document.kind == "minutes" and document.title == "QUYẾT ĐỊNH Về việc thành lập Tổ kiểm tra cải cách hành chính năm 2024"


def test_news_mentioning_minutes_stays_news():
    text = make_txt(paragraphs=["Đoàn kiểm tra đã lập biên bản và thông báo kết luận tới các đơn vị."] + PARAGRAPHS)
    assert load_document(text.encode(), source_uri="n.txt", limits=LIMITS).kind == "news"


@pytest.mark.parametrize("byline, expected", [
    ("12/02/2022 10:13 AM", date(2022, 2, 12)),
    ("Ngày đăng 21/02/2019 | 17:30  | View count: 6922", date(2019, 2, 21)),
    ("06/08/2018", date(2018, 8, 6)),
    ("Thứ Hai, 31/02/2022", None),  # not a calendar day
    ("Ngày 08 tháng 10 năm 2021", date(2021, 10, 8)),  # written out, alone on its line
])
def test_news_byline_date_and_title(byline, expected):
    text = f"tin cải cách hành chính\n\n{TITLE}\n{byline}\n\n" + "\n\n".join(PARAGRAPHS)
    document = load_document(text.encode(), source_uri="n.txt", limits=LIMITS)
    assert document.published == expected
    assert document.title == (TITLE if expected else "tin cải cách hành chính")


@pytest.mark.parametrize("top, headline", [
    ("date 2024-05 Một dòng mở đầu đủ dài như tiêu đề", None),  # a stored page's stamp line: no headline
    ("Thời sự\nHà Tĩnh, ngày 03-04-2021\nPhường nọ chấn chỉnh giờ giấc làm việc của công chức", 2),
    ("Một dòng ngắn\nXã kia niêm yết đủ thủ tục hành chính tại bộ phận một cửa", 1),
])
def test_the_headline_is_the_first_line_of_headline_length(top, headline):
    span = headline_span(top)
    lines = top.split("\n")
    assert (span and top[span[0]:span[1]]) == (lines[headline] if headline is not None else None)
    widget = widget_span(top, 600)
    assert (widget and top[widget[0]:widget[1]]) == ("Hà Tĩnh, ngày 03-04-2021" if headline == 2 else None)


def test_place_dated_calendar_widget_above_the_headline_is_no_byline():
    widget = f"Hà Nội, ngày 07-12-2019\n\n{TITLE}\n16/07/2019 08:30\n\n" + "\n\n".join(PARAGRAPHS)
    assert load_document(widget.encode(), source_uri="w.txt", limits=LIMITS).published == date(2019, 7, 16)
    weekday = f"Thứ Năm, 15/09/2022 - 08:30\n\n{TITLE}\n\n" + "\n\n".join(PARAGRAPHS)  # may be the byline
    assert load_document(weekday.encode(), source_uri="d.txt", limits=LIMITS).published == date(2022, 9, 15)


@pytest.mark.parametrize("top, expected", [
    (f"Xã hội\n30/01/2020 15:13{TITLE}", date(2020, 1, 30)),  # a timestamp glued before the headline
    (f"{TITLE}08/07/2020 13:41", date(2020, 7, 8)),  # ... or after it
    (f"{TITLE}\n\nThứ hai - 25/12/2023 21:47 346 0 {PARAGRAPHS[0]}", date(2023, 12, 25)),  # or to the lead
])
def test_a_timestamp_on_a_long_line_is_a_byline(top, expected):
    text = f"{top}\n\n" + "\n\n".join(PARAGRAPHS)
    assert load_document(text.encode(), source_uri="t.txt", limits=LIMITS).published == expected


def test_a_related_links_block_above_the_article_does_not_hide_its_byline():
    links = "\n\n".join(f"Tin liên quan số {k} về một chuyện khác hẳn ở nơi khác -" for k in range(8))
    dashed = "\n\n-\n\n".join(f"Tin liên quan số {k} về một chuyện khác hẳn ở nơi khác" for k in range(8))
    for block in (links, "-\n\n" + dashed):
        text = f"{block}\n\nXã hội\n\n28/05/2017 18:28{TITLE}\n\n" + "\n\n".join(PARAGRAPHS)
        assert load_document(text.encode(), source_uri="r.txt", limits=LIMITS).published == date(2017, 5, 28)


def test_a_long_line_with_a_date_but_no_clock_time_is_no_byline():
    text = f"{TITLE}\n\nNgày 12/3/2022, Đoàn kiểm tra công vụ của tỉnh đã làm việc tại xã và lập biên bản.\n\n"
    assert load_document((text + "\n\n".join(PARAGRAPHS)).encode(), source_uri="n.txt", limits=LIMITS).published is None


@pytest.mark.parametrize("clock", [
    "English Thứ Năm, 12-03-2020, 07:45 (GMT+7)",
    "21:30 ngày 15/08/2023 | Đường dây nóng : 0987.210.643 | Email: toasoan@example.vn",
    "22/09/2021",
])
def test_a_site_clock_above_the_headline_yields_to_the_byline_and_title_under_it(clock):
    text = f"{clock}\n\nPháp luật\n\n{TITLE}\n\nĐăng ngày: 11-09-2019; 225 lần đọc\n\n" + "\n\n".join(PARAGRAPHS)
    document = load_document(text.encode(), source_uri="c.txt", limits=LIMITS)
    assert document.published == date(2019, 9, 11)
    assert document.title == TITLE  # the line above the byline, not the line above the clock
    # A date line further down (a reply, a later event) does not displace the top date.
    later = f"{clock}\n\n{TITLE}\n\n{PARAGRAPHS[0]}\n\nTrả lời của cơ quan - 13/05/2020\n\n" + "\n\n".join(PARAGRAPHS)
    assert load_document(later.encode(), source_uri="l.txt", limits=LIMITS).published != date(2020, 5, 13)


@pytest.mark.parametrize("first, expected", [
    ("date 2025-10-21 Một tỉnh còn hàng trăm hồ sơ trực tuyến chưa được tiếp nhận 21/10/2025 09:05",
     date(2025, 10, 21)),
    ("date 2017-03 Theo báo Tuổi Trẻ", None),  # a month only: no publication day
])
def test_stored_page_metadata_date(first, expected):
    text = f"{first}\n\n" + "\n\n".join(PARAGRAPHS)
    assert load_document(text.encode(), source_uri="p.txt", limits=LIMITS).published == expected


def test_legacy_font_docx_is_converted():
    from test_decoding import to_tcvn3
    legacy = [to_tcvn3(p.replace("Đ", "đ")).decode("latin-1") for p in PARAGRAPHS]
    document = load_document(make_docx(title="Tin kiểm tra", paragraphs=legacy), source_uri="l.docx",
                             limits=LIMITS)
    assert paragraphs_of(document)[1:] == [normalise_text(p.replace("Đ", "đ")) for p in PARAGRAPHS]


def test_limits_and_reasons(tmp_path):
    data = make_txt().encode()
    assert set_aside_code(lambda: load_document(data, source_uri="a.txt", limits=Limits(max_bytes=100))) \
        == "too_large"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert set_aside_code(lambda: load_document(path, source_uri="a.txt", limits=Limits(max_bytes=100))) \
        == "too_large"
    assert set_aside_code(lambda: load_document(data, source_uri="a.txt", limits=Limits(max_chars=50))) \
        == "too_large"
    assert set_aside_code(lambda: load_document(tmp_path / "missing.txt", source_uri="m", limits=LIMITS)) \
        == "internal_error"


@pytest.mark.parametrize("exc, code", [(ValueError("bad xref"), "corrupt"), (TypeError("bug"), "internal_error"),
                                       (ZeroDivisionError(), "internal_error")])
def test_loader_exceptions_become_reasons(monkeypatch, exc, code):
    def boom(data, limits):
        raise exc
    monkeypatch.setattr(txt_loader, "load", boom)
    with pytest.raises(SetAside) as err:
        load_document(make_txt().encode(), source_uri="a.txt", limits=LIMITS)
    assert err.value.code == code and "\n" not in err.value.detail


def test_damaged_files_never_raise_anything_but_set_aside():
    import random

    rng = random.Random(11)
    fixtures = {"a.txt": make_txt().encode(), "a.html": make_html().encode(), "a.docx": make_docx(),
                "a.pdf": make_pdf()}
    for name, data in fixtures.items():
        for _ in range(12):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 40)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            if rng.random() < 0.3:
                damaged = damaged[: rng.randrange(1, len(damaged))]
            try:
                document = load_document(bytes(damaged), source_uri=name, limits=LIMITS)
            except SetAside as err:
                assert err.code in REASONS
            else:
                assert document.text and all(
                    document.text[b.start:b.end] == document.text[b.start:b.end].strip() for b in document.blocks)
