"""Why a document was set aside. Codes are stable: logs, manifests and the register key on them."""

from __future__ import annotations

REASONS = {
    "empty": "the file holds no text",
    "too_large": "the file exceeds the size limit",
    "too_many_pages": "the document exceeds the page limit",
    "decompression_limit": "the archive expands beyond the decompressed-size limit",
    "timeout": "processing exceeded the time limit per document",
    "unsupported_format": "the content is not TXT, HTML, PDF or DOCX",
    "corrupt": "the file is damaged and cannot be parsed",
    "encrypted": "the file is password-protected",
    "needs_ocr": "the PDF has no text layer and OCR is not available",
    "encoding": "the text encoding cannot be determined",
    "legacy_font": "the text is in a legacy Vietnamese font encoding (TCVN3/VNI) that could not be converted",
    "no_article": "the HTML page holds no article text",
    "unsafe": "the file contains unsafe constructs (external entities, path traversal)",
    "internal_error": "an unexpected error occurred while processing the file",
}


class SetAside(Exception):
    """A document that cannot be processed; carries a stable reason code and a one-line detail."""

    def __init__(self, code: str, detail: str = ""):
        if code not in REASONS:
            raise ValueError(f"unknown set-aside reason: {code}")
        self.code = code
        self.detail = detail.splitlines()[0][:300] if detail else REASONS[code]
        super().__init__(f"{code}: {self.detail}")
