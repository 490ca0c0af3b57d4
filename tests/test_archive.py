"""Archive inputs: directory trees, .zip and .tar.gz read without escaping the staging directory."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from pipeline.jobs.archive import ArchiveError, ArchiveLimits, check_member_name, list_archive_inputs

REPORT = "Ngày 12 tháng 3 năm 2024, Thanh tra tỉnh kết luận đơn vị chi sai mục đích.".encode()


def add_tar(tf: tarfile.TarFile, name: str, data: bytes = REPORT, kind: bytes = tarfile.REGTYPE,
            link: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    tf.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.mark.parametrize("name, expected", [
    ("a/b.txt", "a/b.txt"), ("./a//b.txt", "a/b.txt"), ("../x.txt", None), ("a/../../x.txt", None),
    ("/etc/x.txt", None), ("C:/x.txt", None), ("..\\x.txt", None), ("", None)])
def test_check_member_name(name, expected):
    assert check_member_name(name) == expected


def test_tar_refuses_traversal_links_and_devices(tmp_path):
    archive = tmp_path / "reports.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        add_tar(tf, "2024/bao-cao-1.txt")
        add_tar(tf, "2024/notes.bin")  # not a document: ignored
        add_tar(tf, "../escape.txt")
        add_tar(tf, "/tmp/absolute.txt")
        add_tar(tf, "link.txt", kind=tarfile.SYMTYPE, link="/etc/passwd")
        add_tar(tf, "hard.txt", kind=tarfile.LNKTYPE, link="2024/bao-cao-1.txt")
        add_tar(tf, "dev.txt", kind=tarfile.CHRTYPE)
    staging = tmp_path / "staging"
    inputs = list_archive_inputs(archive, staging)
    accepted = [i for i in inputs if not i.refused]
    assert [i.source_uri for i in accepted] == ["reports.tar.gz/2024/bao-cao-1.txt"]
    assert accepted[0].path.read_bytes() == REPORT
    assert sorted(i.source_uri for i in inputs if i.refused) == [
        "reports.tar.gz/../escape.txt", "reports.tar.gz/dev.txt", "reports.tar.gz/hard.txt",
        "reports.tar.gz/link.txt", "reports.tar.gz/tmp/absolute.txt"]
    assert files_under(staging) == {"2024/bao-cao-1.txt"}
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_zip_refuses_traversal_and_symlinks_and_keeps_duplicate_names(tmp_path):
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a/bao-cao.txt", REPORT)
        zf.writestr("a/bao-cao.txt", REPORT + b" 2")
        zf.writestr("../../escape.txt", REPORT)
        zf.writestr("/abs.txt", REPORT)
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    staging = tmp_path / "staging"
    inputs = list_archive_inputs(archive, staging)
    assert sorted(p.path.read_bytes() for p in inputs if not p.refused) == [REPORT, REPORT + b" 2"]
    assert {i.source_uri.split("/")[-1] for i in inputs if i.refused} == {"escape.txt", "abs.txt", "link.txt"}
    assert all(staging in p.path.parents for p in inputs if p.path)
    assert not list(tmp_path.glob("escape.txt")) and not Path("/abs.txt").exists()


def test_decompressed_size_and_member_count_are_bounded(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"zeros-{i}.txt", b"0" * 200_000)
    with pytest.raises(ArchiveError, match="decompressed size"):
        list_archive_inputs(archive, tmp_path / "s1", ArchiveLimits(max_total_bytes=300_000))
    with pytest.raises(ArchiveError, match="more than 2 members"):
        list_archive_inputs(archive, tmp_path / "s2", ArchiveLimits(max_members=2))
    inputs = list_archive_inputs(archive, tmp_path / "s3", ArchiveLimits(max_member_bytes=100_000))
    assert [i.refused for i in inputs] == ["member larger than 100000 bytes"] * 3
    assert files_under(tmp_path / "s3") == set()


def test_directory_walk_skips_symlinks_and_other_suffixes(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_bytes(REPORT)
    (root / "b.docx").write_bytes(b"")
    (root / "image.png").write_bytes(b"\x89PNG")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(REPORT)
    os.symlink(outside, root / "link.txt")
    inputs = list_archive_inputs(root, tmp_path / "unused")
    assert [(i.source_uri, i.refused) for i in inputs] == [
        ("corpus/b.docx", None), ("corpus/link.txt", "symbolic link"), ("corpus/sub/a.txt", None)]
    assert not (tmp_path / "unused").exists()


def test_unreadable_archive(tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError, match="cannot read"):
        list_archive_inputs(bad, tmp_path / "s")
    with pytest.raises(ArchiveError, match="not a directory"):
        list_archive_inputs(tmp_path / "x.rar", tmp_path / "s")
