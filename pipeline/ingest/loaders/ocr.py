"""OCR of rendered PDF pages with the tesseract command-line tool (Vietnamese model)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from pipeline.errors import SetAside

TESSERACT = "tesseract"
LANG = "vie"
DPI = 300


@cache
def tesseract_ready(binary: str = TESSERACT) -> bool:
    """Whether the tesseract binary runs and has the Vietnamese model."""
    if not shutil.which(binary):
        return False
    try:
        done = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in done.stdout.split()


def ocr_page(page, timeout: float, binary: str = TESSERACT) -> str:
    """Text of one pypdfium2 page, rendered at DPI and read by tesseract."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # the machine is shared: one core per OCR
    with tempfile.TemporaryDirectory(prefix="findings-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path)
        try:
            done = subprocess.run([binary, str(path), "stdout", "-l", LANG, "--psm", "3"],
                                  capture_output=True, timeout=max(timeout, 1.0), env=env)
        except subprocess.TimeoutExpired:
            raise SetAside("timeout", "OCR exceeded the time limit") from None
    if done.returncode != 0:
        raise SetAside("needs_ocr", f"tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8", errors="replace")
