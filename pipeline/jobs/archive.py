"""Inputs of an archive: a directory tree, a .zip or a .tar.gz, read safely.

Archive members are extracted into a staging directory after checks: no absolute paths, no `..`,
regular files only (no symlinks, hard links, devices, FIFOs), a bounded member count and a bounded
total decompressed size (counted while copying, not trusted from headers). Unsafe members are
refused with the reason; the rest of the archive is still usable.
"""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from pipeline.jobs.process import DOCUMENT_SUFFIXES

COPY_CHUNK = 1 << 20


class ArchiveError(Exception):
    """The archive cannot be read at all, or exceeds a limit."""


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    max_members: int = 100_000
    max_total_bytes: int = 20 * 1024 ** 3  # decompressed, all members together
    max_member_bytes: int = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveInput:
    """A file to process (path on disk, URI relative to the archive) or a refused member (reason)."""

    path: Path | None
    source_uri: str
    refused: str | None = None


def list_archive_inputs(archive: Path, staging: Path, limits: ArchiveLimits | None = None) -> list[ArchiveInput]:
    """Every document of a directory tree (in place) or an archive (extracted into `staging`), sorted."""
    limits = limits or ArchiveLimits()
    if archive.is_dir():
        return list(walk_directory(archive))
    name = archive.name.lower()
    if name.endswith(".zip"):
        return list(extract_zip(archive, staging, limits))
    if name.endswith((".tar.gz", ".tgz")):
        return list(extract_tar(archive, staging, limits))
    raise ArchiveError(f"not a directory, .zip or .tar.gz: {archive}")


def walk_directory(root: Path) -> Iterator[ArchiveInput]:
    """Document files under root, symlinks neither followed nor taken."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            file = Path(dirpath) / name
            uri = (Path(root.name) / file.relative_to(root)).as_posix()
            if file.suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            if file.is_symlink():
                yield ArchiveInput(None, uri, "symbolic link")
            else:
                yield ArchiveInput(file, uri)


def check_member_name(name: str) -> str | None:
    """The member's safe relative path, or None for absolute paths, drive letters and `..`."""
    name = name.replace("\\", "/")
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or (len(name) > 1 and name[1] == ":") or ".." in pure.parts:
        return None
    parts = [p for p in pure.parts if p not in ("", ".")]
    return "/".join(parts) or None


def extract_zip(archive: Path, staging: Path, limits: ArchiveLimits) -> Iterator[ArchiveInput]:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"cannot read {archive.name}: {exc}") from None
    with zf:
        budget = _Budget(limits)
        for info in zf.infolist():
            if info.is_dir():
                continue
            budget.count_member()
            file_type = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver stored no Unix mode
            kind = None if file_type in (0, stat.S_IFREG) else "not a regular file (link or device)"
            yield from _stage(archive, info.filename, kind, lambda: zf.open(info), staging, budget)


def extract_tar(archive: Path, staging: Path, limits: ArchiveLimits) -> Iterator[ArchiveInput]:
    try:
        tf = tarfile.open(archive, "r:*")
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveError(f"cannot read {archive.name}: {exc}") from None
    with tf:
        budget = _Budget(limits)
        try:
            for member in tf:
                if member.isdir():
                    continue
                budget.count_member()
                kind = None if member.isreg() else "not a regular file (link or device)"
                yield from _stage(archive, member.name, kind, lambda: tf.extractfile(member), staging, budget)
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise ArchiveError(f"cannot read {archive.name}: {exc}") from None


class _Budget:
    def __init__(self, limits: ArchiveLimits):
        self.limits, self.members, self.total = limits, 0, 0

    def count_member(self) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise ArchiveError(f"more than {self.limits.max_members} members")


def _stage(archive: Path, name: str, refused: str | None, opener, staging: Path,
           budget: _Budget) -> Iterator[ArchiveInput]:
    safe = check_member_name(name)
    uri = f"{archive.name}/{safe or name.lstrip('/')}"
    if safe is None:
        yield ArchiveInput(None, uri, "unsafe member path (absolute or '..')")
        return
    if PurePosixPath(safe).suffix.lower() not in DOCUMENT_SUFFIXES:
        return
    if refused:
        yield ArchiveInput(None, uri, refused)
        return
    target = staging / safe
    if target.exists():  # the same name twice in one archive: keep both
        target = target.with_name(f"{target.stem}.{budget.members}{target.suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    source: BinaryIO | None = opener()
    if source is None:
        yield ArchiveInput(None, uri, "unreadable member")
        return
    written = 0
    with source, open(target, "wb") as out:
        while block := source.read(COPY_CHUNK):
            written += len(block)
            budget.total += len(block)
            if budget.total > budget.limits.max_total_bytes:
                raise ArchiveError(f"decompressed size exceeds {budget.limits.max_total_bytes} bytes")
            if written > budget.limits.max_member_bytes:
                break
            out.write(block)
    if written > budget.limits.max_member_bytes:
        target.unlink()
        yield ArchiveInput(None, uri, f"member larger than {budget.limits.max_member_bytes} bytes")
        return
    yield ArchiveInput(target, uri)


def clear_staging(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
