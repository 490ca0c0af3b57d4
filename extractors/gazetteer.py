"""Vietnamese places: which province a named xã, huyện or tỉnh belongs to.

Reads the SQLite file that the vietnamadminunits wheel ships (63-province units before
July 2025, 34-province units after) straight from disk: nothing is fetched at run time.
Indexes are built once, on first use.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from functools import lru_cache
from pathlib import Path


from extractors.abbreviations import fold_tones
from extractors.lexicon import load_data


DISTRICT_LEVELS = frozenset({"huyen", "quan", "thi_xa", "thanh_pho"})
WARD_LEVELS = frozenset({"xa", "phuong", "thi_tran"})
PROVINCE_LEVELS = frozenset({"tinh", "thanh_pho"})
_TYPE_LEVEL = {"huyện": "huyen", "quận": "quan", "thị xã": "thi_xa", "thành phố": "thanh_pho",
               "xã": "xa", "phường": "phuong", "thị trấn": "thi_tran", "đặc khu": "xa"}
_PREFIX = re.compile(r"^(?:(?:ubnd|hđnd|ủy ban nhân dân|hội đồng nhân dân)\s+)?"
                     r"(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|phường|xã)\s+")
_PREFIX_LEVEL = {"tỉnh": "tinh", "tp": "thanh_pho", "tp.": "thanh_pho", **_TYPE_LEVEL}
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)  # the gazetteer's rows are keyed again on every lookup that filters by parent
def place_key(name: str) -> str:
    """Lookup key of a place name: lower case, one tone placement, punctuation as spaces."""
    return _NON_WORD.sub(" ", fold_tones(name)).strip()


def _package_db() -> Path:
    import vietnamadminunits  # only to locate its bundled data; its parsers are not used

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


@lru_cache(maxsize=1)
def _indexes() -> dict:
    """Province, district and ward indexes keyed by place_key."""
    provinces: dict[str, str] = {}
    districts: dict[str, set] = defaultdict(set)
    wards: dict[str, set] = defaultdict(set)
    new_wards: dict[str, set] = defaultdict(set)
    successor: dict[str, str] = {}
    with sqlite3.connect(f"file:{_package_db()}?mode=ro", uri=True) as db:
        legacy = db.execute("SELECT DISTINCT provinceShort, provinceKey, districtShort, districtType, district, "
                            "wardShort, wardType, ward FROM admin_units_legacy").fetchall()
        current = db.execute("SELECT DISTINCT provinceShort, provinceKey, wardShort, wardType, ward "
                             "FROM admin_units").fetchall()
    new_by_key = {row[1]: row[0] for row in current}
    old_to_new = _old_to_new_keys()
    for province, pkey, district, dtype, district_full, ward, wtype, ward_full in legacy:
        provinces[place_key(province)] = province
        successor[province] = new_by_key.get(old_to_new.get(pkey, pkey))
        # Numbered units ("Quận 1", "Phường 5") are only known by their full name.
        if district:
            row = (province, _TYPE_LEVEL.get((dtype or "").lower(), "huyen"))
            districts[place_key(district)].add(row)
            districts[place_key(district_full)].add(row)
        if ward:
            row = (province, district, _TYPE_LEVEL.get((wtype or "").lower(), "xa"))
            wards[place_key(ward)].add(row)
            wards[place_key(ward_full)].add(row)
    for province, _, ward, wtype, ward_full in current:
        provinces.setdefault(place_key(province), province)
        successor.setdefault(province, province)
        if ward:
            row = (province, None, _TYPE_LEVEL.get((wtype or "").lower(), "xa"))
            new_wards[place_key(ward)].add(row)
            new_wards[place_key(ward_full)].add(row)
    for canonical, aliases in _province_aliases().items():
        for alias in aliases:
            provinces[place_key(alias)] = canonical
    return {"provinces": provinces, "districts": dict(districts), "wards": dict(wards),
            "new_wards": dict(new_wards), "successor": successor}


def _old_to_new_keys() -> dict[str, str]:
    """Old province key -> the key of the province it belongs to after July 2025."""
    import json

    path = _package_db().parent / "converter_2025.json"
    with path.open(encoding="utf-8") as f:
        mapping = json.load(f)["DICT_PROVINCE"]
    return {old: new for new, olds in mapping.items() for old in olds}


@lru_cache(maxsize=1)
def _province_aliases() -> dict[str, list[str]]:
    return load_data("unit_types.yaml").get("province_aliases", {})


@lru_cache(maxsize=1)
def _city_provinces() -> frozenset[str]:
    return frozenset(load_data("unit_types.yaml").get("city_provinces", []))


def is_city_province(province: str | None) -> bool:
    """True for the centrally governed cities ("Hà Nội", "Đà Nẵng"): their "thành phố" is the province."""
    return bool(province) and province in _city_provinces()


def split_place(name: str, level: str | None = None) -> tuple[str, str | None]:
    """("Thạch Thất", "huyen") from "UBND huyện Thạch Thất"; the level given wins."""
    key = fold_tones(name.strip())
    m = _PREFIX.match(key)
    if not m:
        return name.strip(), level
    return name.strip()[m.end():], level or _PREFIX_LEVEL.get(m.group(1))


def canonical_province(name: str) -> str | None:
    """The province's short official name ("Hà Nội") for a spelling of it, else None."""
    bare, _ = split_place(name)
    provinces = _indexes()["provinces"]
    return provinces.get(place_key(name)) or provinces.get(place_key(bare))  # "TP HCM" is a spelling whole


def successor_province(province: str | None) -> str | None:
    """The post-July-2025 province that took over `province` (itself when unchanged)."""
    return _indexes()["successor"].get(province) if province else None


@lru_cache(maxsize=16384)  # the scanners ask about the same words again and again
def known_levels(name: str) -> frozenset[str]:
    """Levels at which a bare place name exists anywhere in the country."""
    idx, key = _indexes(), place_key(name)
    levels = {lvl for _, lvl in idx["districts"].get(key, ())}
    levels |= {lvl for _, _, lvl in idx["wards"].get(key, ())}
    levels |= {lvl for _, _, lvl in idx["new_wards"].get(key, ())}
    if key in idx["provinces"]:
        levels |= {"tinh", "thanh_pho"}
    return frozenset(levels)


def _candidates(key: str, level: str | None, parent: str | None) -> list[str]:
    idx = _indexes()
    found: set[str] = set()
    if level in (None, "tinh", "thanh_pho") and key in idx["provinces"]:
        return [idx["provinces"][key]]
    if level is None or level in DISTRICT_LEVELS:
        rows = idx["districts"].get(key, ())
        # A huyện may have become a thị xã or thành phố since the text was written: match the tier.
        same = {p for p, lvl in rows if lvl == level}
        found |= same or {p for p, _ in rows}
    if level is None or level in WARD_LEVELS:
        rows = idx["wards"].get(key, ()) or idx["new_wards"].get(key, ())
        if parent:
            parent_key = place_key(parent)
            rows = [r for r in rows if r[1] and place_key(r[1]) == parent_key] or rows
        same = {p for p, _, lvl in rows if lvl == level}
        found |= same or {p for p, _, _ in rows}
    return sorted(found)


def resolve_locality(name: str, level: str | None = None, hint_province: str | None = None,
                     parent: str | None = None) -> dict:
    """{"province", "candidates", "successor"} for a place name such as "huyện Thạch Thất".

    `province` is set when the name exists in one province only, or in the hinted one;
    `parent` (the huyện of a xã) narrows the search.
    """
    bare, level = split_place(name, level)
    if parent:
        parent, _ = split_place(parent)
    candidates = _candidates(place_key(bare), level, parent)
    if not candidates and bare != name.strip():
        candidates = _candidates(place_key(name), level, parent)  # "Quận 1" is its own short name
    hint = canonical_province(hint_province) if hint_province else None
    province = hint if hint in candidates else (candidates[0] if len(candidates) == 1 else None)
    return {"province": province, "candidates": candidates, "successor": successor_province(province)}


@lru_cache(maxsize=1)
def province_pattern() -> re.Pattern:
    """Every province spelling as a whole-word alternation over folded text, longest first."""
    names = sorted(_indexes()["provinces"], key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s\-–.]+") for n in names)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def find_provinces(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, province) for every province name in already folded text."""
    idx = _indexes()["provinces"]
    return [(m.start(), m.end(), idx[place_key(m.group())]) for m in province_pattern().finditer(folded)
            if place_key(m.group()) in idx]
