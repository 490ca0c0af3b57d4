"""Rebuild the sample corpus, the bad corpus and the gold files from corpora/source/*.yaml.

Usage: python corpora/build.py [--out DIR]   (DIR defaults to corpora/; it gets sample/, bad/, gold/)

Everything is deterministic: fixed timestamps in DOCX zips and PDF metadata, seeded junk,
choices of page furniture derived from a CRC of the document id.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import io
import json
import random
import unicodedata
import zipfile
import zlib
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
GOLD_LISTS = ("inspectors", "units", "dates", "doc_refs", "counts", "violations", "compliant", "sanctions")
REQUIRED_KEYS = ("title", "format", "kind", "published", "furniture", "body", "gold")


# ---------------------------------------------------------------- sources

def load_sources(src: Path = SOURCE) -> list[dict]:
    """Load and lightly validate every source YAML; the file stem becomes the document id."""
    docs = []
    for path in sorted(src.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        missing = [k for k in REQUIRED_KEYS if k not in doc]
        if missing:
            raise ValueError(f"{path.name}: missing keys {missing}")
        if doc["format"] not in ("html", "docx", "pdf", "txt"):
            raise ValueError(f"{path.name}: bad format {doc['format']!r}")
        for item in doc["body"]:
            if not (isinstance(item, str) or (isinstance(item, dict) and set(item) <= {"heading", "table"})):
                raise ValueError(f"{path.name}: bad body item {item!r}")
        doc["id"] = path.stem
        doc["published"] = _iso(doc["published"])
        docs.append(doc)
    return docs


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(dt.date.fromisoformat(str(value)))


def _pick(doc_id: str, options: list, salt: str = ""):
    """Deterministic choice keyed on the document id."""
    return options[zlib.crc32((doc_id + salt).encode("utf-8")) % len(options)]


# ---------------------------------------------------------------- HTML

NAV = {
    "portal": ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Cải cách hành chính", "Văn bản pháp quy",
               "Thủ tục hành chính", "Hỏi đáp", "Liên hệ"],
    "government": ["Trang chủ", "Chính quyền", "Công dân", "Doanh nghiệp", "Du khách", "Dịch vụ công",
                   "Thông tin chỉ đạo điều hành"],
    "newspaper": ["Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Pháp luật", "Thể thao", "Văn hoá", "Media"],
}
ARTICLE_CLASS = {"portal": "news-detail", "government": "article-content", "newspaper": "post-body"}
RELATED_POOL = [
    "Hội nghị tổng kết công tác cải cách hành chính",
    "Tập huấn nghiệp vụ cho công chức bộ phận một cửa cấp xã",
    "Công bố chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
    "Triển khai dịch vụ công trực tuyến toàn trình",
    "Kiểm tra công tác văn thư, lưu trữ tại các sở, ngành",
    "Hội thi tìm hiểu pháp luật về cán bộ, công chức",
    "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    "Tuyên dương tập thể, cá nhân có thành tích trong công tác thi đua",
    "Sơ kết 6 tháng thực hiện nhiệm vụ trọng tâm",
    "Lấy ý kiến góp ý dự thảo đề án vị trí việc làm",
]
MOST_READ = ["Lịch tiếp công dân tháng này", "Thông báo tuyển dụng công chức", "Kết quả xét nâng ngạch",
             "Danh mục thủ tục hành chính mới công bố", "Hướng dẫn nộp hồ sơ trực tuyến"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def render_html(doc: dict) -> bytes:
    """A news page: the article sits inside page furniture that must not be extracted."""
    f = doc["furniture"]
    tpl = f.get("template", "portal")
    pub = dt.date.fromisoformat(doc["published"])
    esc = html.escape
    time_text = f.get("time", "08:00")
    head_meta = ""
    if f["byline"] in ("meta", "metaonly"):
        hhmm = time_text[:5]
        head_meta = (f'<meta property="article:published_time" content="{pub.isoformat()}T{hhmm}:00+07:00">\n'
                     f'<meta property="og:type" content="article">\n')
    if f["byline"] == "ngaydang":
        views = 300 + zlib.crc32(doc["id"].encode()) % 9000
        byline = f'<div class="meta">Ngày đăng {pub:%d/%m/%Y} | {time_text} | Lượt xem: {views}</div>'
    elif f["byline"] == "ampm":
        byline = f'<div class="meta"><span class="date">{pub:%d/%m/%Y} {time_text}</span></div>'
    elif f["byline"] == "meta":
        byline = (f'<div class="meta"><span class="time">{WEEKDAYS[pub.weekday()]}, {pub:%d/%m/%Y} - '
                  f'{time_text} (GMT+7)</span></div>')
    else:
        byline = ""
    nav = "\n".join(f'      <li><a href="/{i}">{esc(x)}</a></li>' for i, x in enumerate(NAV[tpl]))
    body_parts = []
    for item in doc["body"]:
        if isinstance(item, str):
            body_parts.append(f"      <p>{esc(item)}</p>")
        elif "heading" in item:
            body_parts.append(f"      <h3>{esc(item['heading'])}</h3>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in item["table"])
            body_parts.append(f'      <table class="data">{rows}</table>')
    rng = random.Random(doc["id"])
    related = []
    for k, title in enumerate(rng.sample(RELATED_POOL, 4)):
        day = pub - dt.timedelta(days=3 + 9 * k + rng.randrange(5))
        related.append(f'        <li><a href="/tin/{k}-{doc["id"][:3]}.html">{esc(title)}</a> '
                       f'<span class="d">({day:%d/%m/%Y})</span></li>')
    cal_rows = []
    for week in calendar.Calendar(firstweekday=6).monthdayscalendar(pub.year, pub.month):
        cal_rows.append("<tr>" + "".join(f"<td>{d or ''}</td>" for d in week) + "</tr>")
    most = "".join(f"<li>{esc(x)}</li>" for x in MOST_READ)
    author = f'      <p class="author"><strong>{esc(f["author"])}</strong></p>\n' if f.get("author") else ""
    page = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(doc['title'])} - {esc(f['site'])}</title>
{head_meta}<link rel="stylesheet" href="/static/css/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
</head>
<body class="tpl-{tpl}">
<header class="site-header">
  <div class="logo"><a href="/">{esc(f['site'])}</a></div>
  <nav class="main-menu">
    <ul>
{nav}
    </ul>
  </nav>
  <form class="search" action="/tim-kiem"><input name="q" placeholder="Tìm kiếm..."><button>Tìm</button></form>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; <a href="/chuyen-muc">{esc(f['section'])}</a></div>
<main class="container">
  <div class="col-main">
    <div class="{ARTICLE_CLASS[tpl]}">
      <h1 class="title">{esc(doc['title'])}</h1>
      {byline}
      <div class="share-buttons"><a class="fb" href="#">Chia sẻ Facebook</a> <a class="zalo" href="#">Zalo</a> <a class="tw" href="#">Twitter</a> <a class="print" href="#">In bài viết</a> <a class="mail" href="#">Gửi email</a></div>
      <div class="content">
{chr(10).join(body_parts)}
      </div>
{author}    </div>
    <div class="tags">Từ khoá: <a href="#">kỷ cương hành chính</a>, <a href="#">cải cách hành chính</a></div>
    <div class="related-news">
      <h3>Tin liên quan</h3>
      <ul>
{chr(10).join(related)}
      </ul>
    </div>
  </div>
  <aside class="sidebar">
    <div class="calendar-widget">
      <div class="cal-title">Các tin đã đưa ngày:</div>
      <div class="cal-month">Tháng {pub.month}, {pub.year}</div>
      <table><tr><th>CN</th><th>T2</th><th>T3</th><th>T4</th><th>T5</th><th>T6</th><th>T7</th></tr>{''.join(cal_rows)}</table>
    </div>
    <div class="most-read"><h3>Đọc nhiều nhất</h3><ul>{most}</ul></div>
  </aside>
</main>
<footer class="site-footer">
  <p>Cơ quan chủ quản: {esc(f['site'])}</p>
  <p>Giấy phép số 45/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp.</p>
  <p>Điện thoại: 0208 3855 123 - Email: banbientap@example.gov.vn</p>
  <p>&copy; Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
</footer>
<script src="/static/js/jquery.min.js"></script>
<script>$(function(){{ $('.share-buttons a').on('click', function(e){{ e.preventDefault(); }}); }});</script>
</body>
</html>
"""
    return page.encode("utf-8")


# ---------------------------------------------------------------- DOCX

def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so rebuilding gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def _add_page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def render_docx(doc: dict) -> bytes:
    """Minutes as a Word file: motto block, body, tables, signatures; header/footer are furniture."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    f = doc["furniture"]
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    sec = d.sections[0]
    sec.header.paragraphs[0].text = f.get("running_header", "")
    foot = sec.footer.paragraphs[0]
    foot.text = (f.get("running_footer", "") + " - Trang ").lstrip(" -")
    _add_page_field(foot)

    top = d.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.text = ""
    for i, line in enumerate(f["issuer"] + [f["number"]]):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = i == len(f["issuer"]) - 1
    for i, line in enumerate(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f["place_date"]]):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = i < 2
        run.italic = i == 2

    for text, bold in ((f["doc_type"], True), (doc["title"], True)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
    for item in doc["body"]:
        if isinstance(item, str):
            d.add_paragraph(item)
        elif "heading" in item:
            d.add_paragraph().add_run(item["heading"]).bold = True
        else:
            rows = item["table"]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        t.cell(r, c).paragraphs[0].runs[0].bold = True
    sigs = f.get("signatures", [])
    if sigs:
        d.add_paragraph()
        t = d.add_table(rows=1, cols=len(sigs))
        for c, (role, name) in enumerate(sigs):
            cell = t.rows[0].cells[c]
            cell.text = ""
            for i, line in enumerate(role.split("\n") + ["(Ký, ghi rõ họ tên)", "", name]):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run(line).bold = line.isupper()

    cp = d.core_properties
    cp.author = "Văn thư"
    cp.last_modified_by = "Văn thư"
    cp.title = doc["title"]
    cp.created = FIXED_TIME.replace(tzinfo=None)
    cp.modified = FIXED_TIME.replace(tzinfo=None)
    cp.last_printed = FIXED_TIME.replace(tzinfo=None)
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue())


# ---------------------------------------------------------------- PDF

def _new_pdf(running_header: str = "", page_numbers: bool = True):
    from fpdf import FPDF

    class MinutesPDF(FPDF):
        def header(self):
            if running_header:
                self.set_font("DejaVu", "I", 8)
                self.cell(0, 5, running_header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
                self.ln(3)

        def footer(self):
            if not page_numbers:
                return
            self.set_y(-12)
            self.set_font("DejaVu", "I", 8)
            self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf = MinutesPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_creator("Văn phòng")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(20, 15, 15)
    return pdf


def render_pdf(doc: dict, encrypt: bool = False) -> bytes:
    """Minutes as a PDF with a running header, page numbers and tables drawn as cells."""
    f = doc["furniture"]
    pdf = _new_pdf(f.get("running_header", ""))
    pdf.set_title(doc["title"])
    pdf.set_author("Văn thư")
    if encrypt:
        from fpdf.enums import EncryptionMethod
        pdf.set_encryption(owner_password="chu-so-huu", user_password="matkhau2024",
                           encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    y0 = pdf.get_y()
    pdf.set_font("DejaVu", "", 10)
    left_lines = f["issuer"] + [f["number"]]
    for i, line in enumerate(left_lines):
        pdf.set_font("DejaVu", "B" if i == len(f["issuer"]) - 1 else "", 10)
        pdf.set_x(20)
        pdf.cell(70, 5.5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    y_left = pdf.get_y()
    pdf.set_y(y0)
    for i, line in enumerate(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f["place_date"]]):
        pdf.set_font("DejaVu", "B" if i < 2 else "I", 10)
        pdf.set_x(92)
        pdf.cell(103, 5.5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(y_left, pdf.get_y()) + 6)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 7, f["doc_type"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, doc["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for item in doc["body"]:
        if isinstance(item, str):
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 6, item, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif "heading" in item:
            pdf.set_font("DejaVu", "B", 11)
            pdf.multi_cell(0, 6, item["heading"], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(line_height=6, text_align="CENTER", first_row_as_headings=True) as table:
                for row in item["table"]:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    sigs = f.get("signatures", [])
    if sigs:
        pdf.ln(6)
        pdf.set_font("DejaVu", "", 10)
        with pdf.table(borders_layout="NONE", text_align="CENTER", first_row_as_headings=False,
                       line_height=5.5) as table:
            r = table.row()
            for role, name in sigs:
                r.cell(f"{role}\n(Ký, ghi rõ họ tên)\n\n\n\n{name}")
    return bytes(pdf.output())


# ---------------------------------------------------------------- TXT (tricky encodings)

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters (â, ơ, ư, đ...) precomposed and tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    raw = "".join(out).encode("cp1258")
    back = unicodedata.normalize("NFC", raw.decode("cp1258"))
    if back != unicodedata.normalize("NFC", text):
        raise ValueError("cp1258 round trip failed")
    return raw


def render_txt(doc: dict) -> bytes:
    pub = dt.date.fromisoformat(doc["published"])
    lines = [doc["title"], "", f"{pub:%d/%m/%Y}", ""]
    for item in doc["body"]:
        lines += [item if isinstance(item, str) else item.get("heading", ""), ""]
    text = "\r\n".join(lines)
    enc = doc["furniture"]["encoding"]
    if enc == "cp1258":
        return to_cp1258(text)
    if enc == "utf-16":
        return text.encode("utf-16")  # with BOM, little-endian on this platform
    raise ValueError(enc)


# ---------------------------------------------------------------- gold

def gold_for(doc: dict, rel_path: str) -> dict:
    """Gold JSON in the shared format; negatives get empty lists."""
    g = doc["gold"]
    out = {"id": doc["id"], "text_file": rel_path, "published": _iso(g.get("published", doc["published"]))}
    relevant = g.get("relevant", True)
    for key in GOLD_LISTS:
        out[key] = list(g.get(key) or []) if relevant else []
    out["dates"] = [_iso(x) for x in out["dates"]]
    out["counts"] = [{k: v for k, v in c.items() if v is not None or k != "total"} for c in out["counts"]]
    out["notes"] = g.get("notes", "")
    return out


# ---------------------------------------------------------------- bad corpus

def _bad_minutes() -> dict:
    return {
        "id": "bad", "title": "Kiểm tra việc chấp hành giờ giấc tại UBND xã Yên Bình", "published": "2024-03-20",
        "furniture": {"issuer": ["UBND HUYỆN Ý YÊN", "ĐOÀN KIỂM TRA"], "number": "Số: 02/BB-ĐKT",
                      "place_date": "Ý Yên, ngày 20 tháng 3 năm 2024", "doc_type": "BIÊN BẢN",
                      "running_header": "Đoàn kiểm tra huyện Ý Yên",
                      "signatures": [["TRƯỞNG ĐOÀN", "Trần Văn Nam"]]},
        "body": ["Hôm nay, ngày 20/3/2024, Đoàn kiểm tra của UBND huyện Ý Yên kiểm tra đột xuất tại UBND xã "
                 "Yên Bình. Có 2 công chức đi làm muộn, 1 công chức không đeo thẻ."] * 12,
    }


IMAGE_TEXT = [
    "UBND HUYỆN VĂN LÂM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐOÀN KIỂM TRA CÔNG VỤ            Độc lập - Tự do - Hạnh phúc",
    "Số: 08/BB-ĐKT             Văn Lâm, ngày 14 tháng 5 năm 2024",
    "",
    "BIÊN BẢN",
    "Kiểm tra đột xuất tại UBND xã Lạc Đạo",
    "",
    "Hôm nay, ngày 14/5/2024, Đoàn kiểm tra công vụ huyện Văn Lâm",
    "kiểm tra đột xuất tại UBND xã Lạc Đạo. Có 18/20 cán bộ, công chức",
    "có mặt; 2 công chức đi làm muộn. Bộ phận một cửa niêm yết đầy đủ",
    "thủ tục hành chính. Đề nghị báo cáo khắc phục trước ngày 31/5/2024.",
]


def _image_only_pdf() -> bytes:
    """A scanned-looking page: text rendered into a bitmap, no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 30)
    y = 140
    for line in IMAGE_TEXT:
        draw.text((110, y), line, font=font, fill=0)
        y += 52
    img = img.convert("1")
    pdf = _new_pdf(page_numbers=False)
    pdf.set_title("scan")
    pdf.add_page()
    pdf.image(img, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def _zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return buf.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 b'wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')


def _zip_bomb_docx(expanded_mb: int = 310) -> bytes:
    """A valid-looking DOCX whose document.xml expands to >300 MB (bzip2 of blanks: a few hundred bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)):
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
        zi = zipfile.ZipInfo("word/document.xml", ZIP_TIME)
        zi.compress_type = zipfile.ZIP_BZIP2
        with z.open(zi, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(expanded_mb):
                fh.write(chunk)
            fh.write("<w:p><w:r><w:t>Biên bản</w:t></w:r></w:p></w:body></w:document>".encode("utf-8"))
    return buf.getvalue()


def _no_article_html() -> bytes:
    nav = "".join(f'<li><a href="/{i}">{html.escape(x)}</a></li>' for i, x in enumerate(NAV["portal"]))
    cats = "".join(f'<li><a href="/c/{i}">{html.escape(x)}</a></li>' for i, x in enumerate(RELATED_POOL[:6]))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Chuyên mục - Sở Nội vụ</title>
<script>var menuOpen = false;</script></head>
<body><header><div class="logo">Sở Nội vụ</div><nav><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; Tin tức</div>
<main><aside><h3>Chuyên mục</h3><ul>{cats}</ul></aside><div class="pagination"><a>1</a> <a>2</a> <a>3</a> <a>Sau</a></div></main>
<footer>&copy; Sở Nội vụ. Giấy phép số 45/GP-TTĐT.</footer></body></html>
""".encode("utf-8")


def build_bad(out: Path) -> list[str]:
    """Broken or hostile inputs the loaders must set aside with a reason (no gold for these)."""
    out.mkdir(parents=True, exist_ok=True)
    minutes = _bad_minutes()
    valid_pdf = render_pdf(minutes)
    files = {
        "truncated.pdf": valid_pdf[: int(len(valid_pdf) * 0.45)],
        "encrypted.pdf": render_pdf(minutes, encrypt=True),
        "image_only.pdf": _image_only_pdf(),
        "empty.docx": b"",
        "plain_text.docx": "Đây là tệp văn bản thường, không phải tài liệu Word.\n".encode("utf-8"),
        "not_word_zip.docx": _zip_bytes([("readme.txt", "Tệp nén thông thường, không có word/document.xml.\n"
                                          .encode("utf-8")), ("data/bang.csv", b"a,b\n1,2\n")]),
        "zip_bomb.docx": _zip_bomb_docx(),
        "binary_junk.txt": bytes(random.Random(1258).getrandbits(8) for _ in range(4096)),
        "menu_only.html": _no_article_html(),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return sorted(files)


# ---------------------------------------------------------------- main

RENDERERS = {"html": render_html, "docx": render_docx, "pdf": render_pdf, "txt": render_txt}


def build(out_root: Path = HERE, src: Path = SOURCE) -> list[Path]:
    """Write sample/, bad/ and gold/ under out_root; return the files written."""
    sample, bad, gold = out_root / "sample", out_root / "bad", out_root / "gold"
    for d in (sample, bad, gold):
        d.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in load_sources(src):
        target_dir = bad if doc["format"] == "txt" else sample
        target = target_dir / f"{doc['id']}.{doc['format']}"
        target.write_bytes(RENDERERS[doc["format"]](doc))
        rel = f"../{target_dir.name}/{target.name}"
        gpath = gold / f"{doc['id']}.json"
        gpath.write_text(json.dumps(gold_for(doc, rel), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written += [target, gpath]
    written += [bad / n for n in build_bad(bad)]
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="root directory for sample/, bad/, gold/")
    args = ap.parse_args()
    files = build(args.out)
    print(f"wrote {len(files)} files under {args.out}")


if __name__ == "__main__":
    main()
