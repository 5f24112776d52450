"""Time zones as a learner reads them (learning/zonenames.py): localised, grouped, sorted."""

import datetime as dt
import re

from learning import zonenames

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
LATIN = re.compile(r"[A-Za-z]")


def groups(language, **kwargs):
    listed = zonenames.choices(language=language, now=NOW, **kwargs)
    return listed[0], dict(listed[1:])


def test_utc_comes_first_on_its_own():
    utc, _regions = groups("ar")
    assert utc[0] == "UTC"
    assert utc[1] == "التوقيت العالمي المنسّق (UTC)"


def test_in_arabic_every_place_and_region_reads_in_arabic():
    """The list showed about 600 Latin ids (Asia/Riyadh) in the Arabic interface."""
    _utc, regions = groups("ar")
    assert "آسيا" in regions and "أوروبا" in regions
    for region, entries in regions.items():
        assert not LATIN.search(region)
        for value, label in entries:
            assert not LATIN.search(label), (value, label)
    riyadh = dict(regions["آسيا"])["Asia/Riyadh"]
    assert riyadh.startswith("الرياض، ")


def test_in_english_places_read_city_then_country():
    _utc, regions = groups("en")
    assert dict(regions["Americas"])["America/New_York"].startswith("New York, United States (")


def test_each_zone_is_listed_once_under_its_own_region():
    _utc, regions = groups("en")
    values = [value for entries in regions.values() for value, _label in entries]
    assert len(values) == len(set(values))
    by_region = {
        "Asia": "Asia/",
        "Europe": "Europe/",
        "Americas": "America/",
        "Pacific Ocean": "Pacific/",
    }
    for region, prefix in by_region.items():
        assert all(value.startswith(prefix) for value, _label in regions[region])


def test_places_are_sorted_by_their_name_in_the_language():
    for language in ("ar", "en"):
        _utc, regions = groups(language)
        for entries in regions.values():
            labels = [label.casefold() for _value, label in entries]
            assert labels == sorted(labels)
    _utc, english = groups("en")
    _utc, arabic = groups("ar")
    assert [v for v, _l in english["Asia"]] != [v for v, _l in arabic["آسيا"]]


def test_old_aliases_and_technical_zones_are_not_listed_but_map_to_their_place():
    _utc, regions = groups("en")
    values = {value for entries in regions.values() for value, _label in entries}
    assert "Asia/Kolkata" in values
    assert {"Asia/Calcutta", "US/Eastern", "Etc/GMT-3", "EST5EDT"}.isdisjoint(values)
    assert zonenames.listed_id("Asia/Calcutta") == "Asia/Kolkata"
    assert zonenames.listed_id("Asia/Riyadh") == "Asia/Riyadh"
    assert zonenames.listed_id("Etc/GMT-3") == "Etc/GMT-3"


def test_a_stored_zone_the_list_does_not_show_is_kept_under_other():
    _utc, regions = groups("ar", keep="Etc/GMT-3")
    assert regions["أخرى"] == [("Etc/GMT-3", "Etc/GMT-3")]
    _utc, regions = groups("ar", keep="Asia/Riyadh")
    assert "أخرى" not in regions
    _utc, regions = groups("ar", keep="Mars/Olympus_Mons")
    assert "أخرى" not in regions
