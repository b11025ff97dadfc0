"""The gazetteer data: every Bay Area district resolves inside the Bay Area, Guangzhou's inside Guangzhou."""

from __future__ import annotations

import json

import pytest

from corpus.gazetteer import load_gazetteer
from corpus.paths import GAZETTEER_PATH

DATA = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
GAZETTEER = load_gazetteer()


def test_the_source_is_stated_and_the_eleven_cities_are_there():
    assert DATA["source"]
    assert {c["city"] for c in DATA["cities"]} == {
        "广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆", "香港", "澳门",
    }  # fmt: skip


@pytest.mark.parametrize("city", DATA["cities"], ids=lambda c: c["city"])
def test_every_named_place_resolves_to_its_city(city):
    for name in city["districts"] + city["short"] + city["zones"]:
        place = GAZETTEER.resolve(name)
        assert place is not None and place.city == city["city"] and place.in_gba, name
        assert bool(place.in_guangzhou) == (city["city"] == "广州"), name


def test_guangzhou_has_its_eleven_districts():
    assert len(GAZETTEER.districts("广州")) == 11


@pytest.mark.parametrize("name", [n for group in DATA["outside"] for n in group["names"]])
def test_places_outside_are_outside(name):
    place = GAZETTEER.resolve(name)
    assert place is not None and place.in_gba is False


def test_common_words_are_places_only_in_context():
    assert not GAZETTEER.find("长安汽车") and not GAZETTEER.find("中山大学的团队")
    assert GAZETTEER.find("东莞长安镇")[-1].place.city == "东莞"
    assert [m.place.city for m in GAZETTEER.find("我们在北京东城区")] == ["省、自治区、直辖市"]


def test_here_words():
    assert GAZETTEER.find("在穗注册")[0].place.in_guangzhou
    assert GAZETTEER.find("本地企业")[0].place.kind == "here_speaker"
    assert GAZETTEER.resolve("广东").in_gba is None
