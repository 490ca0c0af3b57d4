"""Place resolution on the data the vietnamadminunits wheel ships."""

import socket

import pytest

from extractors import gazetteer
from extractors.abbreviations import fold_tones
from extractors.gazetteer import canonical_province, known_levels, resolve_locality, split_place


@pytest.mark.parametrize("name, province, successor", [
    ("huyện Thạch Thất", "Hà Nội", "Hà Nội"),
    ("thị trấn Hợp Hòa", "Vĩnh Phúc", "Phú Thọ"),
    ("thị trấn Hợp Hoà", "Vĩnh Phúc", "Phú Thọ"),
    ("huyện Việt Yên", "Bắc Giang", "Bắc Ninh"),   # a thị xã in the data: the tier still matches
    ("UBND huyện Mỹ Đức", "Hà Nội", "Hà Nội"),
    ("Quận 1", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("tỉnh Vĩnh Phúc", "Vĩnh Phúc", "Phú Thọ"),
    ("TP. Hà Nội", "Hà Nội", "Hà Nội"),
])
def test_resolve_locality_finds_the_province(name, province, successor):
    found = resolve_locality(name)
    assert found["province"] == province
    assert province in found["candidates"]
    assert found["successor"] == successor


def test_an_ambiguous_xa_lists_candidates_and_the_hint_decides():
    found = resolve_locality("xã Hợp Tiến")
    assert found["province"] is None and found["successor"] is None
    assert {"Hà Nội", "Hải Dương"} <= set(found["candidates"])
    hinted = resolve_locality("xã Hợp Tiến", hint_province="TP. Hà Nội")
    assert hinted["province"] == "Hà Nội"


def test_a_hint_outside_the_candidates_is_ignored():
    assert resolve_locality("huyện Thạch Thất", hint_province="Vĩnh Phúc")["province"] == "Hà Nội"


def test_the_parent_huyen_narrows_a_xa():
    found = resolve_locality("xã Hợp Tiến", level="xa", parent="huyện Mỹ Đức")
    assert found["candidates"] == ["Hà Nội"]


def test_unknown_place_gives_no_province():
    assert resolve_locality("xã Không Có Thật") == {"province": None, "candidates": [], "successor": None}


def test_level_restricts_the_search():
    assert resolve_locality("Thạch Thất", level="tinh")["candidates"] == []
    assert resolve_locality("Thạch Thất", level="huyen")["candidates"] == ["Hà Nội"]
    assert "huyen" in known_levels("Thạch Thất")
    assert "tinh" in known_levels("Vĩnh Phúc")


@pytest.mark.parametrize("spelling", ["TP.HCM", "Thừa Thiên Huế", "Hà Nội", "thành phố Hà Nội", "Khánh Hoà"])
def test_canonical_province_reads_aliases(spelling):
    assert canonical_province(spelling) is not None


def test_split_place_reads_the_level_word():
    assert split_place("UBND huyện Thạch Thất") == ("Thạch Thất", "huyen")
    assert split_place("thị trấn Hợp Hòa") == ("Hợp Hòa", "thi_tran")
    assert split_place("Thạch Thất", "huyen") == ("Thạch Thất", "huyen")


def test_find_provinces_gives_offsets_into_the_text():
    text = "Đoàn của tỉnh Vĩnh Phúc và TP.HCM"
    found = gazetteer.find_provinces(fold_tones(text))
    assert [(text[s:e], p) for s, e, p in found] == [("Vĩnh Phúc", "Vĩnh Phúc"), ("TP.HCM", "Hồ Chí Minh")]


def test_resolution_uses_no_network(monkeypatch):
    gazetteer._indexes.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("network access during gazetteer load")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert resolve_locality("huyện Thạch Thất")["province"] == "Hà Nội"
