"""Template filters of the public theme: pure functions, no database."""

import datetime

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from balai.core.templatetags.balai_tags import hours_by_days, keep_units
from balai.profil.models import OfficeHours

NBSP = "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("luas sekitar 1,91 km².", f"luas sekitar 1,91{NBSP}km²."),
    ("12.000 jiwa dan 3.500 KK", f"12.000{NBSP}jiwa dan 3.500{NBSP}KK"),
    ("biaya Rp 10.000, jarak 2 km", f"biaya Rp{NBSP}10.000, jarak 2{NBSP}km"),
    ("5 ha sawah, 40 m2", f"5{NBSP}ha sawah, 40{NBSP}m2"),
    # words that merely start like a unit, and numbers without a unit, keep their space
    ("2 minggu, 3 hari, 4 kali, 2026 Kelurahan", "2 minggu, 3 hari, 4 kali, 2026 Kelurahan"),
])
def test_keep_units_joins_numbers_and_their_units(text, expected):
    assert keep_units(SafeString(f"<p>{text}</p>")) == f"<p>{expected}</p>"


def test_keep_units_leaves_tags_alone_and_escapes_unsafe_input():
    html = SafeString('<a href="/peta/?r=1 km" title="2 km">2 km</a>')
    assert keep_units(html) == f'<a href="/peta/?r=1 km" title="2 km">2{NBSP}km</a>'
    result = keep_units('<script>alert("1 km")</script>')
    assert isinstance(result, SafeString)
    assert result == f"&lt;script&gt;alert(&quot;1{NBSP}km&quot;)&lt;/script&gt;"


def _day(weekday: int, opens: int, closes: int, minutes: int = 0) -> OfficeHours:
    return OfficeHours(weekday=weekday, opens=datetime.time(opens),
                       closes=datetime.time(closes, minutes))


def test_hours_by_days_joins_consecutive_days_with_the_same_hours():
    week = [_day(1, 8, 16), _day(2, 8, 16), _day(3, 8, 16), _day(4, 8, 16), _day(5, 8, 16, 30),
            _day(6, 8, 12)]
    with translation.override("id"):
        assert hours_by_days(week) == [("Senin–Kamis", "08.00–16.00"),
                                       ("Jumat", "08.00–16.30"), ("Sabtu", "08.00–12.00")]
        # a gap in the days, or the same day twice (a lunch break), starts a new group
        split = [_day(1, 8, 12), _day(1, 13, 16), _day(3, 8, 16), _day(4, 8, 16)]
        assert hours_by_days(split) == [("Senin", "08.00–12.00"), ("Senin", "13.00–16.00"),
                                        ("Rabu–Kamis", "08.00–16.00")]
    assert hours_by_days([]) == []
