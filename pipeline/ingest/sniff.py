"""Which loader takes a file: magic bytes first, the file name's extension only as a hint."""

from __future__ import annotations

import io
import re
import zipfile

from pipeline.ingest.decoding import looks_binary, sniff_utf16
from pipeline.errors import SetAside

_OLE2 = b"\xd0\xcf\x11\xe0"
# A password-protected .docx is an OLE2 container holding this stream (name in UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# Formats we recognise only to refuse them with a clear reason.
_OTHER_MAGIC = {
    _OLE2: "legacy Office (OLE2) file, e.g. .doc",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"\x7fELF": "executable",
    b"MZ": "executable",
    b"{\\rtf": "RTF document",
}
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|meta|title|table|br|h[1-6])[\s>/]", re.IGNORECASE)
_HEAD = 4096


def detect_format(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'html' or 'txt'; SetAside('unsupported_format') for anything else."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    head = data[:_HEAD]
    if b"%PDF-" in data[:1024]:  # the spec lets junk precede the header
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, ext)
    if head.startswith(_OLE2) and _ENCRYPTED_PACKAGE in data:
        raise SetAside("encrypted", "password-protected Office document")
    for magic, what in _OTHER_MAGIC.items():
        if head.startswith(magic):
            raise SetAside("unsupported_format", what)
    text = _head_text(head)
    if text is None:
        raise SetAside("unsupported_format", "binary content, not text")
    if _HTML.search(text) or (ext in ("html", "htm", "xhtml") and _TAG.search(text)):
        return "html"
    return "txt"


def _sniff_zip(data: bytes, ext: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        if ext == "docx":
            return "docx"  # a damaged Word file: its loader reports it as corrupt
        raise SetAside("unsupported_format", "damaged zip archive") from None
    if "word/document.xml" in names:
        return "docx"
    raise SetAside("unsupported_format", "zip archive that is not a Word document")


def _head_text(head: bytes) -> str | None:
    """The first bytes as text for tag sniffing, or None when they are binary."""
    codec = sniff_utf16(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    if codec:
        return head.decode(codec, errors="ignore")
    if looks_binary(head):
        return None
    return head.decode("utf-8", errors="ignore")
