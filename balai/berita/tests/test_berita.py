import datetime
import re

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone

from balai.testing.builders import image, kelurahan_site, news

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"

# Twelve articles, newest first, four days apart: more than one page of ten.
TOPICS = [("Kerja bakti saluran RW 03", ["lingkungan"]),
          ("Posyandu Mawar bulan ini", ["posyandu", "kesehatan"]),
          ("Loket surat buka saat libur", ["layanan"]),
          ("Musrenbang tingkat kelurahan", ["musrenbang"]),
          ("Lomba kebersihan gang", ["lingkungan"]),
          ("Vaksin untuk warga lansia", ["kesehatan"]),
          ("Pelatihan UMKM warga", ["ekonomi"]),
          ("Cegah demam berdarah", ["kesehatan"]),
          ("Pembagian bibit pohon", ["lingkungan"]),
          ("Rapat RT dan RW", ["pemerintahan"]),
          ("Santunan yatim piatu", ["sosial"]),
          ("Pendataan warga pindah", ["layanan"])]


@pytest.fixture
def site():
    site = kelurahan_site()
    today = timezone.localdate()
    for number, (title, tags) in enumerate(TOPICS):
        news(site, title, tags=tags, date=today - datetime.timedelta(days=number * 4),
             image=image(site, f"Foto {title}") if number < 2 else None)
    return site


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="news-title"><a href="[^"]+">([^<]+)</a>', html)


def test_news_index_is_paginated_newest_first(site):
    first = site.client.get("/berita/").text
    assert len(_titles(first)) == 10
    assert _titles(first)[0] == "Kerja bakti saluran RW 03"
    assert "Halaman 1 dari 2" in first and 'rel="next"' in first
    second = site.client.get("/berita/?page=2").text
    assert _titles(second) == ["Santunan yatim piatu", "Pendataan warga pindah"]
    assert site.client.get("/berita/?page=999").status_code == 200


def test_tag_filter(site):
    titles = _titles(site.client.get("/berita/?tag=kesehatan").text)
    assert titles == ["Posyandu Mawar bulan ini", "Vaksin untuk warga lansia",
                      "Cegah demam berdarah"]


def test_article_has_image_tags_and_share_link(site):
    html = site.client.get("/berita/posyandu-mawar-bulan-ini/").text
    assert re.search(r'<source sizes="[^"]+" srcset="[^"]+\.webp 360w', html)
    assert 'width="' in html and 'height="' in html
    assert '<a href="/berita/?tag=posyandu">posyandu</a>' in html
    assert "https://wa.me/?text=Posyandu%20Mawar" in html


def test_atom_feed_is_valid_and_has_absolute_links(site):
    response = site.client.get("/berita/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 12
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://kel-warnasari.balai.test/berita/kerja-bakti-saluran-rw-03/"
    assert feed.find(f"{ATOM}title").text == "Berita Kelurahan Warnasari"
