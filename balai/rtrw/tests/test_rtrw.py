import re

import pytest

pytestmark = pytest.mark.django_db


def _rws(html: str) -> list[str]:
    return re.findall(r"<h2>RW (\d+)</h2>", html)


def _rts(html: str) -> list[str]:
    return re.findall(r'<tr><th scope="row">(\d+)</th>', html)


def test_all_rw_with_counts(rtrw_site):
    client = rtrw_site.client
    html = client.get("/rt-rw/").text
    assert _rws(html) == ["001", "002", "003", "004", "005"]
    assert "5 RW dan 25 RT." in html


def test_find_my_rt_without_javascript(rtrw_site):
    client = rtrw_site.client
    html = client.get("/rt-rw/?rw=2&rt=3").text
    assert _rws(html) == ["002"] and _rts(html) == ["003"]
    assert "Ibu Ani 2.3" in html and "Ibu Sumarni" in html
    assert '<option value="2" selected>002</option>' in html
    only_rt_5 = client.get("/rt-rw/?rt=5").text
    assert _rws(only_rt_5) == ["003", "004", "005"]  # RW 1 and 2 have fewer RTs
    assert _rws(client.get("/rt-rw/?rw=4").text) == ["004"]


def test_nonsense_filters_are_ignored_or_say_nothing_matches(rtrw_site):
    client = rtrw_site.client
    assert _rws(client.get("/rt-rw/?rw=abc&rt=-1").text) == ["001", "002", "003", "004", "005"]
    html = client.get("/rt-rw/?rw=1&rt=99").text
    assert _rws(html) == [] and "Tidak ada RT yang cocok" in html
