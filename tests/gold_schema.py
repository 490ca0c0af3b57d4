"""The gold format of shared/spec/gold-format.md as checks shared by the corpora tests."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CANDIDATES = [ROOT.parent / "shared", Path("/work/shared")]

# Fallback copy of the codes in shared/spec/violations.md, used only when shared/ is absent.
FALLBACK_CODES = {
    "late_arrival", "early_departure", "absent_without_reason", "absent_from_post", "no_badge", "no_nameplate",
    "improper_attire", "alcohol_at_work", "smoking_at_work", "worship_in_office", "untidy_office",
    "personal_business_at_work", "misconduct_toward_citizens", "procedures_not_posted", "no_one_stop_shop",
    "one_stop_not_operating", "shared_software_not_used", "overdue_dossiers", "records_deficient",
    "commitment_not_signed", "report_not_submitted", "slow_task_execution", "citizen_reception_neglected",
    "unprofessional_service", "other",
}
SANCTION_KINDS = {"khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec",
                  "kiem_diem", "ky_luat"}
LIST_FIELDS = ("inspectors", "units", "dates", "doc_refs", "counts", "violations", "compliant", "sanctions")


def taxonomy_codes() -> set[str]:
    """Codes parsed from shared/spec/violations.md when available."""
    for shared in SHARED_CANDIDATES:
        spec = shared / "spec" / "violations.md"
        if spec.is_file():
            codes = set(re.findall(r"^\| ([a-z_]+) \|", spec.read_text(encoding="utf-8"), re.M)) - {"code"}
            if codes:
                return codes
    return FALLBACK_CODES


CODES = taxonomy_codes()


def is_iso(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def check_gold_facts(g: dict) -> None:
    """Types and vocabularies of every fact field of one gold record."""
    assert g["published"] is None or is_iso(g["published"])
    for key in LIST_FIELDS:
        assert isinstance(g[key], list), key
    for key in ("inspectors", "units"):
        for entry in g[key]:
            assert isinstance(entry, list) and entry and all(isinstance(s, str) and s for s in entry)
    assert all(is_iso(d) for d in g["dates"])
    assert all(isinstance(r, str) and "/" in r or r.isdigit() for r in g["doc_refs"])
    for c in g["counts"]:
        assert set(c) <= {"value", "total", "code"}
        assert isinstance(c["value"], int) and c["value"] >= 0
        assert c.get("total") is None or (isinstance(c["total"], int) and c["total"] >= c["value"])
        assert c.get("code") is None or c["code"] in CODES
    assert set(g["violations"]) <= CODES and set(g["compliant"]) <= CODES
    for s in g["sanctions"]:
        assert s["kind"] in SANCTION_KINDS
        assert s.get("count") is None or isinstance(s["count"], int)
