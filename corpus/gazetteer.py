"""The gazetteer: every place a message may name, and whether it is in Guangzhou and the Bay Area.

Data in ``understanding/gazetteer.json`` (its ``source`` says where the lists come from): the
eleven cities of the 粤港澳大湾区 with their districts, counties, zones and towns, regions such
as 大湾区 or 广东, common places outside, and the words for "here" (我市, 在穗, 本地).

Example:
    >>> gazetteer = load_gazetteer()
    >>> [(m.text, m.place.city, m.place.in_gba) for m in gazetteer.find("我们在松山湖，投了南沙一家企业")]
    [('松山湖', '东莞', True), ('南沙', '广州', True)]
    >>> gazetteer.resolve("北京").in_gba
    False
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corpus.paths import GAZETTEER_PATH

__all__ = ["Gazetteer", "Place", "PlaceKind", "PlaceMention", "load_gazetteer"]

PlaceKind = Literal["city", "district", "zone", "region", "outside", "here", "here_speaker"]
# A strict name counts only right after its city (东莞长安) or before one of these (长安镇).
_STRICT_SUFFIX = re.compile(r"[区镇县市]|街道|新区|片区")


@dataclass(frozen=True)
class Place:
    """One named place, resolved.

    Attributes:
        name: The name as the gazetteer lists it (``南沙区``, ``松山湖``, ``北京``).
        city: The city it belongs to (``广州``, ``东莞``), or the region/group for places outside.
        kind: What sort of name it is; ``here`` means Guangzhou said as 我市/在穗, ``here_speaker``
            a word such as 本地 whose city depends on where the speaker is.
        in_gba: Whether it lies in the 粤港澳大湾区 (None when the name does not say: 广东).
        in_guangzhou: Whether it lies in Guangzhou (None when unknown).
    """

    name: str
    city: str
    kind: PlaceKind
    in_gba: bool | None
    in_guangzhou: bool | None

    @property
    def label(self) -> str:
        """How answers name it: 「南沙区（广州）」, 「深圳」, 「松山湖（东莞）」."""
        if self.kind in ("city", "region", "outside", "here", "here_speaker") or self.name.startswith(self.city):
            return self.name if self.kind != "here" else "广州"
        return f"{self.name}（{self.city}）"


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, with its span."""

    start: int
    end: int
    text: str
    place: Place


class _City(BaseModel):
    model_config = ConfigDict(extra="forbid")

    city: str
    aliases: list[str]
    in_gba: bool
    in_guangzhou: bool = False
    districts: list[str] = Field(default_factory=list)
    short: list[str] = Field(default_factory=list)
    zones: list[str] = Field(default_factory=list)
    strict: list[str] = Field(default_factory=list)
    # 「Huangpu, Guangzhou」「Hong Kong (Central)」: Latin spellings, each standing for one of the names above.
    latin: dict[str, str] = Field(default_factory=dict)
    # Latin spellings shared with places elsewhere (Huangpu is also Shanghai's 黄浦) or with plain
    # English words (Central): they count only next to their city's name or before 「district」.
    latin_strict: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _latin_names_known(self) -> _City:
        known = {self.city, *self.aliases, *self.districts, *self.short, *self.zones, *self.strict}
        unknown = [f"{k}→{v}" for k, v in self.latin.items() if v not in known]
        unknown += [n for n in self.latin_strict if n not in self.latin]
        if unknown:
            raise ValueError(f"{self.city} 的 latin 名字须对应本市已有的地名：{unknown}")
        return self


class _Region(BaseModel):
    name: str
    aliases: list[str]
    in_gba: bool | None


class _Outside(BaseModel):
    group: str
    names: list[str]


class _Here(BaseModel):
    note: str = ""
    guangzhou_words: list[str]
    speaker_words: list[str]


class _Exclusions(BaseModel):
    note: str = ""
    words: list[str]


class _GazetteerFile(BaseModel):
    source: str = Field(..., min_length=1)
    note: str = ""
    cities: list[_City]
    regions: list[_Region]
    outside: list[_Outside]
    here: _Here
    exclusions: _Exclusions


class Gazetteer:
    """Finds and resolves place names; built once from the data file."""

    def __init__(self, data: _GazetteerFile) -> None:
        entries: dict[str, tuple[Place, str | None]] = {}  # name → (place, city alias required before it)
        latin_strict: dict[str, str] = {}  # Latin name → the city that must be named beside it
        # 「沙田」 is a town of 东莞 and a district of 香港: a strict name another city holds too.
        shared_strict: dict[str, list[tuple[Place, str]]] = {}

        def add(name: str, place: Place, strict_city: str | None = None) -> None:
            entries.setdefault(name.lower(), (place, strict_city))

        for city in data.cities:
            gz = city.in_guangzhou
            for alias in city.aliases:
                add(alias, Place(city.city, city.city, "city", city.in_gba, gz))
            for kind, names in (("district", city.districts), ("district", city.short), ("zone", city.zones)):
                for name in names:
                    add(name, Place(name, city.city, kind, city.in_gba, gz))  # type: ignore[arg-type]
            for name in city.strict:
                place = Place(name, city.city, "zone", city.in_gba, gz)
                if name.lower() in entries:
                    shared_strict.setdefault(name.lower(), []).append((place, city.city))
                add(name, place, strict_city=city.city)
            for latin, name in city.latin.items():
                add(latin, entries[name.lower()][0])
                if latin in city.latin_strict:
                    latin_strict[latin.lower()] = city.city
        for region in data.regions:
            for alias in region.aliases:
                # A region may or may not hold Guangzhou (大湾区 does): whether the place is 广州 stays open.
                add(alias, Place(region.name, region.name, "region", region.in_gba, None))
        for group in data.outside:
            for name in group.names:
                add(name, Place(name, group.group, "outside", False, False))
        for word in data.here.guangzhou_words:
            add(word, Place(word, "广州", "here", True, True))
        for word in data.here.speaker_words:
            add(word, Place(word, "", "here_speaker", None, None))
        self._entries = entries
        self._latin_strict = latin_strict
        self._shared_strict = shared_strict
        self._districts = {c.city: tuple(c.districts) for c in data.cities}
        self._city_aliases = {c.city: tuple(a.lower() for a in c.aliases) for c in data.cities}
        self._exclusions = tuple(w.lower() for w in data.exclusions.words)
        names = sorted({*entries, *self._exclusions}, key=len, reverse=True)
        # ASCII names (hk, usa) must stand alone: 「hk」 is not inside 「think」.
        parts = [rf"(?<![a-z]){re.escape(n)}(?![a-z])" if n.isascii() else re.escape(n) for n in names]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE)

    def find(self, text: str) -> list[PlaceMention]:
        """Every place ``text`` names, longest name first at each position, left to right."""
        found: list[PlaceMention] = []
        lowered = text.lower()
        for m in self._pattern.finditer(lowered):
            key = m.group(0)
            if key in self._exclusions:
                continue
            place, strict_city = self._entries[key]
            if strict_city is not None and not self._strict_ok(lowered, m.start(), m.end(), strict_city):
                shared = self._shared_strict.get(key, [])
                other = [(p, c) for p, c in shared if self._strict_ok(lowered, m.start(), m.end(), c)]
                if not other:
                    continue
                place, strict_city = other[0]
            if strict_city is not None and found and found[-1].end == m.start() and found[-1].place.city != strict_city:
                continue  # 「北京东城区」: a district of the city just named, not 东莞东城
            latin_city = self._latin_strict.get(key)
            named_elsewhere = text[m.start()].isupper() and self._names_city(lowered, latin_city)
            if latin_city is not None and not (
                self._beside_city(lowered, m.start(), m.end(), latin_city) or named_elsewhere
            ):
                continue  # 「Huangpu, Shanghai」 is Shanghai's, 「central government」 no place at all
            found.append(PlaceMention(m.start(), m.end(), text[m.start() : m.end()], place))
        return found

    def _strict_ok(self, text: str, start: int, end: int, city: str) -> bool:
        before = text[max(0, start - 4) : start]
        if any(before.endswith(alias) for alias in self._city_aliases.get(city, ())):
            return True
        return _STRICT_SUFFIX.match(text, end) is not None

    def _names_city(self, text: str, city: str | None) -> bool:
        """Whether the message names ``city`` anywhere (「a Guangzhou VC … a deal in Huangpu」)."""
        if city is None:
            return False
        names = "|".join(re.escape(a) for a in self._city_aliases.get(city, ()))
        return bool(names) and re.search(rf"(?<![a-z])(?:{names})(?![a-z])", text) is not None

    def _beside_city(self, text: str, start: int, end: int, city: str) -> bool:
        """「Hong Kong (Central)」「Huangpu, Guangzhou」「Huangpu District, Guangzhou」: its city is beside it."""
        names = "|".join(re.escape(a) for a in self._city_aliases.get(city, ()))
        if re.search(rf"(?<![a-z])(?:{names})\s*[,，(（]?\s*$", text[max(0, start - 24) : start]):
            return True
        return re.match(rf"\s*(?:district)?\s*[,，)）]?\s*(?:{names})(?![a-z])", text[end : end + 32]) is not None

    def districts(self, city: str) -> tuple[str, ...]:
        """A city's districts and counties by their full names (「天河区」), in the data's order."""
        return self._districts.get(city, ())

    def resolve(self, text: str) -> Place | None:
        """The most specific place ``text`` names (``广州市天河区`` → 天河区), or None."""
        exact = self._entries.get(text.strip().lower())
        if exact is not None and exact[0].kind != "here_speaker":
            return exact[0]
        mentions = [m for m in self.find(text) if m.place.kind not in ("here_speaker",)]
        if not mentions:
            return None
        cities = {m.place.city for m in mentions if m.place.kind != "region"}
        if len(cities) > 1:
            return None  # 「深圳和广州」 names two places: no single answer
        return max(mentions, key=lambda m: (m.place.kind not in ("city", "region"), m.end - m.start)).place


def _read(path: Path) -> _GazetteerFile:
    return _GazetteerFile.model_validate(json.loads(path.read_text(encoding="utf-8")))


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The gazetteer shipped in ``corpus/understanding`` (read once per path)."""
    return Gazetteer(_read(path))
