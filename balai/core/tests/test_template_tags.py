"""Template filters of the public theme: pure functions, no database."""

import pytest
from django.utils.safestring import SafeString

from balai.core.templatetags.balai_tags import keep_units

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
