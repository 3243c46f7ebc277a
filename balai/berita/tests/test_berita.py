import re

import pytest
from defusedxml import ElementTree as ET

from balai.conftest import CITANGKIL

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="news-title"><a href="[^"]+">([^<]+)</a>', html)


def test_news_index_is_paginated_newest_first(site_of):
    client, _home = site_of(CITANGKIL)
    first = client.get("/berita/").text
    assert len(_titles(first)) == 10
    assert _titles(first)[0] == "Kerja bakti membersihkan saluran air (contoh)"
    assert "Halaman 1 dari 2" in first and 'rel="next"' in first
    second = client.get("/berita/?page=2").text
    assert len(_titles(second)) == 2
    assert client.get("/berita/?page=999").status_code == 200


def test_tag_filter(site_of):
    client, _home = site_of(CITANGKIL)
    titles = _titles(client.get("/berita/?tag=kesehatan").text)
    assert titles == ["Posyandu balita bulan ini (contoh)",
                      "Vaksinasi untuk lansia (contoh)",
                      "Sosialisasi pencegahan demam berdarah (contoh)"]


def test_article_has_image_tags_and_share_link(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/berita/posyandu-balita-bulan-ini-contoh/").text
    assert re.search(r'<source sizes="[^"]+" srcset="[^"]+\.webp 360w', html)
    assert 'width="' in html and 'height="' in html
    assert '<a href="/berita/?tag=posyandu">posyandu</a>' in html
    assert "https://wa.me/?text=Posyandu%20balita" in html


def test_atom_feed_is_valid_and_has_absolute_links(site_of):
    client, _home = site_of(CITANGKIL)
    response = client.get("/berita/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 12
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://kel-citangkil.balai.test/berita/kerja-bakti-membersihkan-saluran-air-contoh/"
    assert feed.find(f"{ATOM}title").text == "Berita Kelurahan Citangkil"
